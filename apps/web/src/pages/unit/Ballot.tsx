/**
 * The unit's secret ballot: tán thành or không tán thành for each candidate; a receipt to keep,
 * and after the close the check that the ballot of that receipt was counted.
 */
import { Alert, Button, Empty, Form, Radio, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { useVote } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { useCastReceipt } from './cast-receipt';
import { ReceiptCheckForm } from './ReceiptCheckForm';

export function Ballot({ cycle, unitId }: { cycle: CycleStatus; unitId: string }) {
  const f = useFmt(cycle.config.timeZone);
  const vote = useVote(cycle.cycleId);
  const [form] = Form.useForm();
  const [receipt, setReceipt] = useCastReceipt(cycle.cycleId, unitId);
  const name = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  const { submit, problem, pending } = useFormCommand<{ choices: Record<string, Record<string, 'yes' | 'no'>> }>(
    form,
    (v) =>
      unwrap(
        api.POST('/api/v1/cycles/{cycleId}/ballots', {
          params: { path: { cycleId: cycle.cycleId } },
          body: {
            unitId,
            choices: Object.fromEntries(
              Object.entries(v.choices ?? {}).map(([award, c]) => [
                award,
                Object.fromEntries(Object.entries(c).map(([u, x]) => [u, x === 'yes'])),
              ]),
            ),
          },
        }),
      ),
    {
      onDone: (a) => {
        if (a.receipt) setReceipt(a.receipt);
      },
    },
  );
  const voted = cycle.units.find((u) => u.unitId === unitId)?.voted;
  if (!vote.data || vote.data.status === 'pending') return <Empty description={f.t('Cuộc bỏ phiếu chưa mở')} />;
  if (vote.data.status === 'closed' && vote.data.mode !== 'paper')
    return (
      <>
        <Alert type="info" showIcon title={f.t('Cuộc bỏ phiếu đã kết thúc')} style={{ marginBottom: 16 }} />
        <ReceiptCheckForm cycle={cycle} initialReceipt={receipt} />
      </>
    );
  if (receipt)
    return (
      <Alert
        type="success"
        showIcon
        title={f.t('Đã ghi nhận phiếu của đơn vị')}
        description={
          <>
            {f.t('Mã biên nhận (hãy lưu lại để kiểm tra phiếu đã được tính):')}{' '}
            <Typography.Text copyable code data-testid="receipt">
              {receipt}
            </Typography.Text>
          </>
        }
      />
    );
  if (voted) return <Alert type="info" showIcon title={f.t('Đơn vị đã bỏ phiếu trong vòng này')} />;
  if (vote.data.status !== 'open') return <Empty description={f.t('Cuộc bỏ phiếu đã kết thúc')} />;
  if (vote.data.mode === 'paper') return <Empty description={f.t('Cuộc bỏ phiếu này bằng phiếu giấy tại cuộc họp')} />;
  return (
    <Form form={form} layout="vertical" name="ballot" onFinish={submit}>
      {Object.entries(vote.data.candidates).map(([award, units]) => (
        <fieldset key={award} className="section ballot-award">
          <legend>{f.award(award)}</legend>
          {units.map((u) => (
            <Form.Item
              key={u}
              label={name(u)}
              name={['choices', award, u]}
              rules={[{ required: true, message: f.t('Hãy chọn tán thành hoặc không tán thành') }]}
            >
              <Radio.Group aria-label={name(u)}>
                <Radio value="yes">{f.t('Tán thành')}</Radio>
                <Radio value="no">{f.t('Không tán thành')}</Radio>
              </Radio.Group>
            </Form.Item>
          ))}
        </fieldset>
      ))}
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Bỏ phiếu')}
      </Button>
    </Form>
  );
}
