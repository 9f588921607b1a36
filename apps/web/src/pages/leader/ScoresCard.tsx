/** Scores: the provisional standings, an adjustment with its reason, the lock that fixes the ranking. */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import type { CycleStatus } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { useFmt } from '../../app/fmt';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { StandingsTable } from '../standings/StandingsTable';

export function ScoresCard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const [form] = Form.useForm();
  const { groups, bonus, penalty } = cycle.config.criteria;
  const criteria = [...groups.flatMap((g) => g.criteria), ...bonus, ...penalty];
  const { submit, problem, pending } = useFormCommand<{
    unitId: string;
    criterionId: string;
    points: number;
    reason: string;
  }>(
    form,
    (v) =>
      unwrap(
        api.POST('/api/v1/cycles/{cycleId}/units/{unitId}/score-adjustments', {
          params: { path: { cycleId: cycle.cycleId, unitId: v.unitId } },
          body: { criterionId: v.criterionId, points: v.points, reason: v.reason },
        }),
      ),
    { onDone: () => form.resetFields() },
  );
  const selfClosed = cycle.steps.find((s) => s.step === 'self-assessment')?.status === 'closed';
  return (
    <Card title={<h3 className="card-title">{f.t('Điểm và xếp hạng')}</h3>} size="small">
      <StandingsTable cycle={cycle} />
      {!cycle.scoresLocked && (
        <>
          <Form
            form={form}
            layout="vertical"
            name="adjust"
            onFinish={submit}
            className="section"
            style={{ maxWidth: 640, marginTop: 16 }}
          >
            <h4>{f.t('Điều chỉnh điểm sau thẩm định')}</h4>
            <Form.Item
              label={f.t('Đơn vị')}
              name="unitId"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Select options={cycle.config.units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item
              label={f.t('Tiêu chí')}
              name="criterionId"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Select
                options={criteria.map((c) => ({
                  value: c.id,
                  label: `${c.title} (${f.t('tối đa')} ${f.points(c.maxPoints)})`,
                }))}
              />
            </Form.Item>
            <Form.Item
              label={f.t('Điểm sau điều chỉnh')}
              name="points"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <InputNumber decimalSeparator="," min={0} step={0.5} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              label={f.t('Lý do điều chỉnh')}
              name="reason"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <ProblemAlert problem={problem} />
            <Button htmlType="submit" loading={pending}>
              {f.t('Điều chỉnh điểm')}
            </Button>
          </Form>
          <Space orientation="vertical">
            {!selfClosed && (
              <Alert type="info" showIcon title={f.t('Chỉ khóa điểm được sau khi đóng bước tự chấm điểm.')} />
            )}
            <ActionButton
              label={f.t('Khóa điểm, chốt xếp hạng')}
              title={f.t('Khóa điểm, chốt xếp hạng')}
              buttonProps={{ type: 'primary', disabled: !selfClosed }}
              run={() =>
                unwrap(
                  api.POST('/api/v1/cycles/{cycleId}/scores/lock', {
                    params: { path: { cycleId: cycle.cycleId } },
                    body: {} as never,
                  }),
                )
              }
            />
          </Space>
        </>
      )}
      {cycle.scoresLocked && <Alert type="success" showIcon title={f.t('Điểm đã được khóa; xếp hạng đã chốt.')} />}
    </Card>
  );
}
