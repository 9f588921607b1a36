/**
 * The provincial council's review (Hội đồng Thi đua – Khen thưởng tỉnh) of an accepted dossier:
 * its meeting, its minutes and its tally on each nomination, recorded by the province before the
 * approver decides.
 */
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useStandings } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { pickerPlaceholder } from '../../app/picker-placeholder';
import { ProblemAlert, useFormCommand } from '../../app/problems';

type Post = (path: string, init: { params: unknown; body: unknown }) => ReturnType<typeof api.POST>;

export function CouncilReviewForm({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const standings = useStandings(cycle.cycleId);
  const [form] = Form.useForm();
  const [recorded, setRecorded] = useState(false);
  const nominations = (standings.data?.rows ?? []).flatMap((r) =>
    r.nominated.map((award) => ({ key: `${award}|${r.unitId}`, unitId: r.unitId, unitName: r.unitName, award })),
  );
  const { submit, problem, pending } = useFormCommand<{
    meetingOn: Dayjs;
    minutesRef: string;
    approve?: Record<string, number>;
    reject?: Record<string, number>;
    passed?: Record<string, 'yes' | 'no'>;
  }>(
    form,
    (v) =>
      // The route came with the council's rule; the typed client's document predates it.
      unwrap(
        (api.POST as unknown as Post)('/api/v1/cycles/{cycleId}/council-review', {
          params: { path: { cycleId: cycle.cycleId } },
          body: {
            meetingOn: v.meetingOn.format('YYYY-MM-DD'),
            minutesRef: v.minutesRef,
            results: nominations.map((n) => ({
              unitId: n.unitId,
              award: n.award,
              approve: v.approve?.[n.key] ?? 0,
              reject: v.reject?.[n.key] ?? 0,
              passed: v.passed?.[n.key] !== 'no',
            })),
          },
        }),
      ),
    {
      toName: (p) => (['meetingOn', 'minutesRef'].includes(p[0]!) ? [p[0]!] : undefined),
      onDone: () => setRecorded(true),
    },
  );
  if (recorded) return <Alert type="success" showIcon title={f.t('Đã ghi nhận kết quả xét của Hội đồng.')} />;
  return (
    <Card
      size="small"
      title={<h3 className="card-title">{f.t('Kết quả xét của Hội đồng Thi đua – Khen thưởng tỉnh')}</h3>}
    >
      <Form
        form={form}
        layout="vertical"
        name="councilReview"
        onFinish={submit}
        style={{ maxWidth: 720 }}
        initialValues={{ passed: Object.fromEntries(nominations.map((n) => [n.key, 'yes'])) }}
        key={nominations.length}
      >
        <Form.Item
          label={f.t('Ngày họp Hội đồng')}
          name="meetingOn"
          rules={[{ required: true, message: f.t('Không được để trống') }]}
        >
          <DatePicker placeholder={pickerPlaceholder('date', f.lang)} format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item
          label={f.t('Số biên bản họp Hội đồng')}
          name="minutesRef"
          rules={[{ required: true, message: f.t('Không được để trống') }]}
        >
          <Input />
        </Form.Item>
        {nominations.map((n) => {
          const what = `${n.unitName} – ${f.award(n.award)}`;
          return (
            <Card size="small" key={n.key} className="section">
              <Space wrap align="start">
                <Form.Item label={`${f.t('Tán thành')}: ${what}`} name={['approve', n.key]}>
                  <InputNumber min={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item label={`${f.t('Không tán thành')}: ${what}`} name={['reject', n.key]}>
                  <InputNumber min={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item label={`${f.t('Kết quả')}: ${what}`} name={['passed', n.key]}>
                  <Radio.Group aria-label={`${f.t('Kết quả')}: ${what}`}>
                    <Radio value="yes">{f.t('Đạt')}</Radio>
                    <Radio value="no">{f.t('Không đạt')}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Space>
            </Card>
          );
        })}
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" loading={pending}>
          {f.t('Ghi nhận kết quả xét')}
        </Button>
      </Form>
    </Card>
  );
}
