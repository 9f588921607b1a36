/** The province office: its cycles, opening one, extending deadlines, accepting or returning a dossier. */
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCycle, useCycles } from '../../api/queries';
import type { CycleStatus, Me } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { DocumentLinks } from '../../app/document-links';
import { ReturnNotice } from '../../app/return-notice';
import { DataTable } from '../../app/scroll-table';
import { useFmt, TAG } from '../../app/fmt';
import { CouncilReviewForm } from './CouncilReviewForm';
import { OpenCycleForm } from './OpenCycleForm';

export default function ProvinceArea({ me }: { me: Me }) {
  const f = useFmt();
  const cycles = useCycles();
  const [opening, setOpening] = useState(false);
  const [selected, setSelected] = useState<string>();
  const cycle = useCycle(selected);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={2} className="page-title">
        {f.t('Các đợt thi đua của tỉnh')}
      </Typography.Title>
      <Card size="small">
        <DataTable
          size="small"
          rowKey="cycleId"
          loading={cycles.isPending}
          pagination={false}
          dataSource={cycles.data ?? []}
          locale={{ emptyText: f.t('Chưa có đợt thi đua nào') }}
          columns={[
            { title: f.t('Cụm'), dataIndex: 'clusterName', key: 'cluster' },
            { title: f.t('Năm'), dataIndex: 'year', key: 'year' },
            { title: f.t('Số đơn vị'), dataIndex: 'unitCount', key: 'units', className: 'num' },
            {
              title: f.t('Bước hiện tại'),
              key: 'step',
              render: (_, c) =>
                c.currentStep ? f.step(c.currentStep) : <Tag color={TAG.none}>{f.t('Đã kết thúc')}</Tag>,
            },
            {
              title: f.t('Thao tác'),
              key: 'open',
              render: (_, c) => (
                <Button
                  size="small"
                  onClick={() => setSelected(c.cycleId)}
                  aria-label={`${f.t('Xem')} ${c.clusterName} ${c.year}`}
                >
                  {f.t('Xem')}
                </Button>
              ),
            },
          ]}
        />
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => setOpening((o) => !o)} aria-expanded={opening}>
          {f.t('Mở đợt thi đua mới')}
        </Button>
      </Card>
      {opening && (
        <OpenCycleForm
          me={me}
          onOpened={(cycleId) => {
            setOpening(false);
            setSelected(cycleId);
          }}
        />
      )}
      {cycle.data && <CycleCard cycle={cycle.data} />}
    </Space>
  );
}

function CycleCard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const unitOptions = cycle.config.units.map((u) => ({ value: u.id, label: u.name }));
  const params = { path: { cycleId: cycle.cycleId } };
  return (
    <Card
      size="small"
      title={<h3 className="card-title">{`${cycle.config.clusterName} – ${f.t('năm')} ${cycle.config.year}`}</h3>}
    >
      <DataTable
        size="small"
        rowKey="step"
        pagination={false}
        dataSource={cycle.steps}
        columns={[
          { title: f.t('Bước'), key: 'step', render: (_, s) => f.step(s.step) },
          { title: f.t('Trạng thái'), key: 'status', render: (_, s) => f.stepStatus(s.status) },
          { title: f.t('Hạn'), key: 'due', render: (_, s) => f.at(s.dueAt) },
          {
            title: f.t('Thao tác'),
            key: 'extend',
            render: (_, s) =>
              s.status !== 'closed' && (
                <ActionButton
                  label={f.t('Gia hạn')}
                  title={`${f.t('Gia hạn')}: ${f.step(s.step)}`}
                  timeZone={cycle.config.timeZone}
                  buttonProps={{ size: 'small', 'aria-label': `${f.t('Gia hạn')} ${f.step(s.step)}` }}
                  fields={[
                    {
                      name: 'due',
                      label: f.t('Hạn mới'),
                      kind: 'datetime',
                      required: true,
                      placeholder: f.t('Chọn hạn mới'),
                    },
                    {
                      name: 'unitId',
                      label: f.t('Chỉ cho đơn vị (để trống: mọi đơn vị)'),
                      kind: 'select',
                      options: unitOptions,
                    },
                    { name: 'reason', label: f.t('Lý do'), kind: 'textarea', required: true },
                  ]}
                  run={(body) =>
                    unwrap(
                      api.POST('/api/v1/cycles/{cycleId}/steps/{step}/extend', {
                        params: { path: { cycleId: cycle.cycleId, step: s.step as 'registration' } },
                        body: body as never,
                      }),
                    )
                  }
                />
              ),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        {cycle.nominations.status === 'submitted' ? (
          <Space wrap>
            <Alert
              type="info"
              showIcon
              title={f.t('Cụm đã trình hồ sơ đề nghị khen thưởng (lần {n}).', { n: cycle.nominations.version })}
            />
            <ActionButton
              label={f.t('Tiếp nhận hồ sơ')}
              title={f.t('Tiếp nhận hồ sơ')}
              buttonProps={{ type: 'primary' }}
              run={() => unwrap(api.POST('/api/v1/cycles/{cycleId}/nominations/accept', { params, body: {} as never }))}
            />
            <ActionButton
              label={f.t('Trả lại hồ sơ')}
              title={f.t('Trả lại hồ sơ')}
              buttonProps={{ danger: true }}
              fields={[{ name: 'reason', label: f.t('Lý do trả lại'), kind: 'textarea', required: true }]}
              run={(body) =>
                unwrap(api.POST('/api/v1/cycles/{cycleId}/nominations/return', { params, body: body as never }))
              }
            />
          </Space>
        ) : cycle.nominations.status === 'returned' && cycle.nominations.returned ? (
          <ReturnNotice
            note={cycle.nominations.returned}
            timeZone={cycle.config.timeZone}
            title={f.t('Đã trả lại hồ sơ; chờ cụm trình lại.')}
          />
        ) : (
          <Alert
            type="info"
            showIcon
            title={
              {
                none: f.t('Chưa có hồ sơ đề nghị khen thưởng.'),
                accepted: f.t('Đã tiếp nhận hồ sơ đề nghị khen thưởng.'),
                returned: f.t('Đã trả lại hồ sơ; chờ cụm trình lại.'),
                submitted: '',
              }[cycle.nominations.status]
            }
          />
        )}
      </div>
      <h4 className="documents-title">{f.t('Tài liệu của đợt thi đua')}</h4>
      <DocumentLinks cycle={cycle} />
      {cycle.nominations.status === 'accepted' && !cycle.decision && (
        <div style={{ marginTop: 16 }}>
          <CouncilReviewForm cycle={cycle} />
        </div>
      )}
    </Card>
  );
}
