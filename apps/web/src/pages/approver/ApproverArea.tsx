/**
 * The approver: issue the award decision on the accepted dossier (grant or refuse each nomination), revoke an award.
 */
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import { PaperCycleGuard } from '../../app/paper-cycle';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../../api/client';
import { useCycle, useStandings } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { useCyclePick } from '../../app/cycle-picker';
import { DataTable } from '../../app/scroll-table';
import { useFmt } from '../../app/fmt';
import { pickerPlaceholder } from '../../app/picker-placeholder';
import { ProblemAlert, useFormCommand } from '../../app/problems';

export default function ApproverArea() {
  const f = useFmt();
  const { cycleId, picker } = useCyclePick();
  const cycle = useCycle(cycleId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={2} className="page-title">
        {f.t('Quyết định khen thưởng')}
      </Typography.Title>
      {picker}
      {cycle.data && (
        <PaperCycleGuard cycle={cycle.data}>
          <Decision cycle={cycle.data} />
        </PaperCycleGuard>
      )}
    </Space>
  );
}

function Decision({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const standings = useStandings(cycle.cycleId);
  const [form] = Form.useForm();
  const nominations = (standings.data?.rows ?? []).flatMap((r) =>
    r.nominated.map((award) => ({ unitId: r.unitId, unitName: r.unitName, award })),
  );
  const { submit, problem, pending } = useFormCommand<{
    decisionNo: string;
    issuedOn: Dayjs;
    signer: string;
    signerTitle: string;
    granted: Record<string, 'yes' | 'no'>;
    reason?: Record<string, string>;
  }>(
    form,
    (v) =>
      unwrap(
        api.POST('/api/v1/cycles/{cycleId}/decision', {
          params: { path: { cycleId: cycle.cycleId } },
          // signerTitle came with the decision's form rule; the typed client's document predates it.
          body: {
            decisionNo: v.decisionNo,
            issuedOn: v.issuedOn.format('YYYY-MM-DD'),
            signer: v.signer,
            signerTitle: v.signerTitle,
            grants: nominations.map((n) => {
              const key = `${n.award}|${n.unitId}`;
              const reason = v.reason?.[key];
              return {
                unitId: n.unitId,
                award: n.award,
                granted: v.granted?.[key] !== 'no',
                ...(reason ? { reason } : {}),
              };
            }),
          } as never,
        }),
      ),
    { toName: (p) => (['decisionNo', 'issuedOn', 'signer', 'signerTitle'].includes(p[0]!) ? [p[0]!] : undefined) },
  );
  const awarded = (standings.data?.rows ?? []).flatMap((r) =>
    r.awarded.map((award) => ({ key: `${award}|${r.unitId}`, unitId: r.unitId, unitName: r.unitName, award })),
  );
  return (
    <>
      {cycle.decision && (
        <Alert
          type="success"
          showIcon
          title={f.t('Đã ban hành quyết định số {no} ngày {day}', {
            no: cycle.decision.decisionNo,
            day: f.day(cycle.decision.issuedOn),
          })}
        />
      )}
      {!cycle.decision && cycle.nominations.status !== 'accepted' && (
        <Alert type="info" showIcon title={f.t('Chưa có hồ sơ đề nghị được tỉnh tiếp nhận.')} />
      )}
      {!cycle.decision && cycle.nominations.status === 'accepted' && (
        <Card title={<h3 className="card-title">{f.t('Ban hành quyết định')}</h3>} size="small">
          <Form
            form={form}
            layout="vertical"
            name="decision"
            onFinish={submit}
            style={{ maxWidth: 720 }}
            initialValues={{ granted: Object.fromEntries(nominations.map((n) => [`${n.award}|${n.unitId}`, 'yes'])) }}
          >
            <Form.Item
              label={f.t('Số quyết định')}
              name="decisionNo"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              label={f.t('Ngày ban hành')}
              name="issuedOn"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <DatePicker placeholder={pickerPlaceholder('date', f.lang)} format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item
              label={f.t('Người ký')}
              name="signer"
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              label={f.t('Chức vụ người ký')}
              name="signerTitle"
              extra={f.t('Ví dụ: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH')}
              rules={[{ required: true, message: f.t('Không được để trống') }]}
            >
              <Input />
            </Form.Item>
            {nominations.map((n) => {
              const key = `${n.award}|${n.unitId}`;
              return (
                <Card size="small" key={key} className="section">
                  <Form.Item label={`${n.unitName} – ${f.award(n.award)}`} name={['granted', key]}>
                    <Radio.Group aria-label={`${n.unitName} – ${f.award(n.award)}`}>
                      <Radio value="yes">{f.t('Tặng')}</Radio>
                      <Radio value="no">{f.t('Không tặng')}</Radio>
                    </Radio.Group>
                  </Form.Item>
                  <Form.Item label={`${f.t('Lý do')} (${n.unitName})`} name={['reason', key]}>
                    <Input />
                  </Form.Item>
                </Card>
              );
            })}
            <ProblemAlert problem={problem} />
            <Button type="primary" htmlType="submit" loading={pending}>
              {f.t('Ban hành quyết định')}
            </Button>
          </Form>
        </Card>
      )}
      {awarded.length > 0 && (
        <Card title={<h3 className="card-title">{f.t('Danh hiệu đã tặng')}</h3>} size="small">
          <DataTable
            size="small"
            pagination={false}
            dataSource={awarded}
            columns={[
              { title: f.t('Đơn vị'), dataIndex: 'unitName', key: 'unit' },
              { title: f.t('Danh hiệu'), key: 'award', render: (_, r) => f.award(r.award) },
              {
                title: f.t('Thao tác'),
                key: 'revoke',
                render: (_, r) => (
                  <ActionButton
                    label={f.t('Thu hồi')}
                    title={`${f.t('Thu hồi')}: ${r.unitName} – ${f.award(r.award)}`}
                    buttonProps={{ danger: true, size: 'small' }}
                    fields={[
                      { name: 'decisionNo', label: f.t('Số quyết định thu hồi'), required: true },
                      {
                        name: 'issuedOn',
                        label: f.t('Ngày ban hành quyết định thu hồi'),
                        kind: 'date',
                        required: true,
                      },
                      { name: 'reason', label: f.t('Lý do thu hồi'), kind: 'textarea', required: true },
                      { name: 'legalGround', label: f.t('Căn cứ pháp lý'), kind: 'textarea', required: true },
                    ]}
                    run={(body) =>
                      unwrap(
                        api.POST('/api/v1/cycles/{cycleId}/awards/{unitId}/{award}/revoke', {
                          params: { path: { cycleId: cycle.cycleId, unitId: r.unitId, award: r.award } },
                          body: body as never,
                        }),
                      )
                    }
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
