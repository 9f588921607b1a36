/** The vote: open it on the default candidates (editable), follow who took part, record a paper tally, close it. */
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useStandings, useVote } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { useFmt } from '../../app/fmt';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { VoteResults } from '../standings/VoteResults';
import { defaultCandidates } from './candidates';

export function VoteCard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const vote = useVote(cycle.cycleId);
  const status = vote.data?.status ?? cycle.vote.status;
  return (
    <Card title={<h3 className="card-title">{f.t('Bình xét, bỏ phiếu kín')}</h3>} size="small">
      {status === 'pending' && !cycle.scoresLocked && (
        <Alert type="info" showIcon title={f.t('Mở bỏ phiếu được sau khi khóa điểm.')} />
      )}
      {status === 'pending' && cycle.scoresLocked && <OpenVoteForm cycle={cycle} />}
      {status === 'open' && vote.data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={f.t('Đang bỏ phiếu: {n}/{m} đơn vị đã tham gia', {
              n: vote.data.participants.length,
              m: vote.data.members,
            })}
          />
          {vote.data.mode === 'paper' && <TallyForm cycle={cycle} candidates={vote.data.candidates} />}
          <ActionButton
            label={f.t('Kết thúc bỏ phiếu')}
            title={f.t('Kết thúc bỏ phiếu, kiểm phiếu')}
            buttonProps={{ type: 'primary' }}
            fields={[{ name: 'summary', label: f.t('Tóm tắt kết quả'), kind: 'textarea' }]}
            run={(body) =>
              unwrap(
                api.POST('/api/v1/cycles/{cycleId}/steps/vote/close', {
                  params: { path: { cycleId: cycle.cycleId } },
                  body: body as never,
                }),
              )
            }
          />
        </Space>
      )}
      {status === 'closed' && <VoteResults cycle={cycle} />}
    </Card>
  );
}

function OpenVoteForm({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const standings = useStandings(cycle.cycleId);
  const [form] = Form.useForm();
  const mode = Form.useWatch('mode', form) as string | undefined;
  const { submit, problem, pending } = useFormCommand<{
    candidates: Record<string, string[]>;
    mode: string;
    publishBallots?: boolean;
  }>(form, (v) =>
    unwrap(
      api.POST('/api/v1/cycles/{cycleId}/steps/vote/open', {
        params: { path: { cycleId: cycle.cycleId } },
        body: {
          candidates: v.candidates,
          mode: v.mode,
          // Paper ballots stay in the meeting's box: there is no electronic ballot to list.
          publishBallots: v.mode === 'electronic' && v.publishBallots === true,
        } as never,
      }),
    ),
  );
  if (!standings.data) return null;
  const initial = defaultCandidates(cycle.config.awards, standings.data.rows);
  const options = cycle.config.units.map((u) => ({ value: u.id, label: u.name }));
  return (
    <Form
      form={form}
      layout="vertical"
      name="openVote"
      onFinish={submit}
      initialValues={{ candidates: initial, mode: 'electronic', publishBallots: false }}
      style={{ maxWidth: 640 }}
    >
      {cycle.config.awards.map((a) => (
        <Form.Item
          key={a.kind}
          label={`${f.t('Ứng viên')}: ${f.award(a.kind)} (${f.t('chỉ tiêu')} ${a.quota})`}
          name={['candidates', a.kind]}
        >
          <Select mode="multiple" options={options} />
        </Form.Item>
      ))}
      <Form.Item label={f.t('Hình thức bỏ phiếu')} name="mode">
        <Radio.Group>
          <Radio value="electronic">{f.t('Bỏ phiếu điện tử')}</Radio>
          <Radio value="paper">{f.t('Phiếu giấy tại cuộc họp')}</Radio>
        </Radio.Group>
      </Form.Item>
      {mode !== 'paper' && (
        <Form.Item
          name="publishBallots"
          valuePropName="checked"
          extra={f.t(
            'Mặc định chỉ công bố kết quả kiểm phiếu; mỗi đơn vị tự kiểm tra phiếu của mình đã được kiểm bằng mã biên nhận. Nếu chọn, sau khi kết thúc, toàn bộ phiếu (không ghi đơn vị bỏ phiếu) được công khai kèm mã biên nhận.',
          )}
        >
          <Checkbox>{f.t('Công khai toàn bộ phiếu (kèm biên nhận) sau khi kết thúc')}</Checkbox>
        </Form.Item>
      )}
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Mở bỏ phiếu')}
      </Button>
    </Form>
  );
}

function TallyForm({ cycle, candidates }: { cycle: CycleStatus; candidates: Record<string, string[]> }) {
  const f = useFmt(cycle.config.timeZone);
  const [form] = Form.useForm();
  const name = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  const { submit, problem, pending } = useFormCommand<{
    present: number;
    blank?: number;
    spoiled?: number;
    minutesRef: string;
    results: Record<string, Record<string, { approve: number; reject: number }>>;
  }>(form, (v) =>
    unwrap(
      api.POST('/api/v1/cycles/{cycleId}/tally', { params: { path: { cycleId: cycle.cycleId } }, body: v as never }),
    ),
  );
  return (
    <Form form={form} layout="vertical" name="tally" onFinish={submit} style={{ maxWidth: 640 }}>
      <h4>{f.t('Ghi kết quả kiểm phiếu giấy')}</h4>
      <Form.Item
        label={f.t('Số đơn vị có mặt')}
        name="present"
        rules={[{ required: true, message: f.t('Không được để trống') }]}
      >
        <InputNumber min={0} />
      </Form.Item>
      <Space wrap>
        <Form.Item label={f.t('Số phiếu trắng')} name="blank" extra={f.t('Phiếu hợp lệ không đánh dấu ai')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item label={f.t('Số phiếu không hợp lệ')} name="spoiled" extra={f.t('Không tính vào tỷ lệ tán thành')}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
      {Object.entries(candidates).flatMap(([award, units]) =>
        units.map((u) => (
          <Space key={`${award}-${u}`} wrap>
            <Form.Item
              label={`${f.award(award)} – ${name(u)}: ${f.t('tán thành')}`}
              name={['results', award, u, 'approve']}
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item
              label={`${f.award(award)} – ${name(u)}: ${f.t('không tán thành')}`}
              name={['results', award, u, 'reject']}
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <InputNumber min={0} />
            </Form.Item>
          </Space>
        )),
      )}
      <Form.Item
        label={f.t('Số biên bản họp')}
        name="minutesRef"
        rules={[{ required: true, message: f.t('Không được để trống') }]}
      >
        <Input />
      </Form.Item>
      <ProblemAlert problem={problem} />
      <Button htmlType="submit" loading={pending}>
        {f.t('Ghi kết quả kiểm phiếu')}
      </Button>
    </Form>
  );
}
