/** The cluster's proposal to the province: the units the vote passed, within quota, with the dossier. */
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useVote } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { ReturnNotice } from '../../app/return-notice';

const DOSSIER_KINDS = ['submission-letter', 'minutes', 'tally', 'achievement-report'];

export function NominationCard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const vote = useVote(cycle.cycleId);
  const [form] = Form.useForm();
  const kindName: Record<string, string> = {
    'submission-letter': f.t('Tờ trình'),
    minutes: f.t('Biên bản họp'),
    tally: f.t('Biên bản kiểm phiếu'),
    'achievement-report': f.t('Báo cáo thành tích'),
  };
  const { submit, problem, pending } = useFormCommand<{ picked: string[]; dossier: { kind: string; ref: string }[] }>(
    form,
    (v) =>
      unwrap(
        api.POST('/api/v1/cycles/{cycleId}/nominations', {
          params: { path: { cycleId: cycle.cycleId } },
          body: {
            nominations: (v.picked ?? []).map((p) => {
              const [award, unitId] = p.split('|');
              return { unitId: unitId!, award: award! };
            }),
            dossier: v.dossier ?? [],
          } as never,
        }),
      ),
  );
  if (vote.data?.status !== 'closed') return null;
  const name = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  const passed = Object.entries(vote.data.results ?? {}).flatMap(([award, r]) =>
    Object.entries(r)
      .filter(([, x]) => x.passed)
      .map(([unitId]) => ({ award, unitId })),
  );
  const status = cycle.nominations.status;
  return (
    <Card title={<h3 className="card-title">{f.t('Đề nghị khen thưởng')}</h3>} size="small">
      {status === 'returned' && cycle.nominations.returned ? (
        <ReturnNotice
          note={cycle.nominations.returned}
          timeZone={cycle.config.timeZone}
          title={f.t('Tỉnh đã trả lại hồ sơ; hãy trình lại.')}
        />
      ) : (
        status !== 'none' && (
          <Alert
            className="section"
            showIcon
            type={status === 'returned' ? 'warning' : 'success'}
            title={
              {
                submitted: f.t('Đã trình hồ sơ; chờ tỉnh tiếp nhận.'),
                accepted: f.t('Tỉnh đã tiếp nhận hồ sơ.'),
                returned: f.t('Tỉnh đã trả lại hồ sơ; hãy trình lại.'),
              }[status]
            }
          />
        )
      )}
      {(status === 'none' || status === 'returned') && (
        <Form
          form={form}
          layout="vertical"
          name="nominate"
          onFinish={submit}
          initialValues={{
            picked: passed.map((p) => `${p.award}|${p.unitId}`),
            dossier: DOSSIER_KINDS.slice(0, 3).map((kind) => ({ kind, ref: '' })),
          }}
          style={{ maxWidth: 720 }}
        >
          <Form.Item label={f.t('Đơn vị được đề nghị (đã đạt khi bỏ phiếu)')} name="picked">
            <Checkbox.Group
              options={passed.map((p) => ({
                value: `${p.award}|${p.unitId}`,
                label: `${name(p.unitId)} – ${f.award(p.award)}`,
              }))}
            />
          </Form.Item>
          <h4>{f.t('Hồ sơ kèm theo')}</h4>
          <Form.List name="dossier">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row, i) => (
                  <Space key={row.key} wrap align="start">
                    <Form.Item
                      label={`${f.t('Loại tài liệu')} ${i + 1}`}
                      name={[row.name, 'kind']}
                      rules={[{ required: true, message: f.t('Không được để trống') }]}
                    >
                      <Select
                        style={{ width: 220 }}
                        options={DOSSIER_KINDS.map((k) => ({ value: k, label: kindName[k] }))}
                      />
                    </Form.Item>
                    <Form.Item
                      label={`${f.t('Số, ký hiệu tài liệu')} ${i + 1}`}
                      name={[row.name, 'ref']}
                      rules={[{ required: true, message: f.t('Không được để trống') }]}
                    >
                      <Input style={{ width: 260 }} />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                      {f.t('Bỏ')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'achievement-report', ref: '' })} className="section">
                  {f.t('Thêm tài liệu')}
                </Button>
              </>
            )}
          </Form.List>
          <ProblemAlert problem={problem} />
          <div>
            <Button type="primary" htmlType="submit" loading={pending}>
              {f.t('Trình hồ sơ đề nghị khen thưởng')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
