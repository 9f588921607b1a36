/** The cluster leader's dashboard of a cycle: steps, the units × steps matrix, scores, vote, nominations; the inbox. */
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { PaperCycleGuard } from '../../app/paper-cycle';
import { useState } from 'react';
import { useCycle } from '../../api/queries';
import { api, unwrap } from '../../api/client';
import type { CycleStatus, Me } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { useCyclePick } from '../../app/cycle-picker';
import { DocumentsCard } from '../../app/document-links';
import { InboxCard } from '../../app/inbox';
import { STATE_COLORS, useFmt, TAG } from '../../app/fmt';
import { DataTable } from '../../app/scroll-table';
import { SUBMISSION_OF_STEP } from '../../i18n/terms';
import { SubmissionDrawer } from './SubmissionDrawer';
import { ScoresCard } from './ScoresCard';
import { VoteCard } from './VoteCard';
import { NominationCard } from './NominationCard';

const DRIVEN_STEPS = ['registration', 'mid-year-review', 'self-assessment'];

export default function LeaderArea({ me }: { me: Me }) {
  const f = useFmt();
  const { cycleId, picker } = useCyclePick((c) => c.leaderUnitId === me.unitId || c.deputyUnitId === me.unitId);
  const cycle = useCycle(cycleId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={2} className="page-title">
        {f.t('Điều hành đợt thi đua của cụm')}
      </Typography.Title>
      {picker}
      {cycle.data && (
        <PaperCycleGuard cycle={cycle.data}>
          <Dashboard cycle={cycle.data} />
        </PaperCycleGuard>
      )}
      <InboxCard />
    </Space>
  );
}

function Dashboard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const [opened, setOpened] = useState<{ unitId: string; submission: string }>();
  const tz = cycle.config.timeZone;
  const c = { cycleId: cycle.cycleId };
  const stepCommand =
    (step: string, action: 'open' | 'close' | 'reopen' | 'extend') => (body: Record<string, unknown>) => {
      const params = { path: { ...c, step: step as 'registration' } };
      switch (action) {
        case 'open':
          return unwrap(api.POST('/api/v1/cycles/{cycleId}/steps/{step}/open', { params, body: body as never }));
        case 'close':
          return unwrap(api.POST('/api/v1/cycles/{cycleId}/steps/{step}/close', { params, body: body as never }));
        case 'reopen':
          return unwrap(api.POST('/api/v1/cycles/{cycleId}/steps/{step}/reopen', { params, body: body as never }));
        case 'extend':
          return unwrap(api.POST('/api/v1/cycles/{cycleId}/steps/{step}/extend', { params, body: body as never }));
      }
    };
  const unitOptions = cycle.config.units.map((u) => ({ value: u.id, label: u.name }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={f.t('Cụm')}>{cycle.config.clusterName}</Descriptions.Item>
        <Descriptions.Item label={f.t('Năm')}>{cycle.config.year}</Descriptions.Item>
        <Descriptions.Item label={f.t('Bước hiện tại')}>
          {cycle.currentStep ? f.step(cycle.currentStep) : f.t('Đã kết thúc')}
        </Descriptions.Item>
      </Descriptions>
      <DocumentsCard cycle={cycle} />
      <Card title={<h3 className="card-title">{f.t('Các bước')}</h3>} size="small">
        <DataTable
          size="small"
          rowKey="step"
          pagination={false}
          dataSource={cycle.steps.filter((s) => DRIVEN_STEPS.includes(s.step))}
          columns={[
            { title: f.t('Bước'), key: 'step', render: (_, s) => f.step(s.step) },
            {
              title: f.t('Trạng thái'),
              key: 'status',
              render: (_, s) => (
                <Tag color={TAG.none} data-testid={`step-status-${s.step}`}>
                  {f.stepStatus(s.status)}
                </Tag>
              ),
            },
            { title: f.t('Hạn'), key: 'due', render: (_, s) => f.at(s.dueAt) },
            {
              title: f.t('Thao tác'),
              key: 'actions',
              render: (_, s) => (
                <Space wrap>
                  {s.status === 'pending' && (
                    <ActionButton
                      label={f.t('Mở bước')}
                      title={`${f.t('Mở bước')}: ${f.step(s.step)}`}
                      buttonProps={{ type: 'primary', 'aria-label': `${f.t('Mở bước')} ${f.step(s.step)}` }}
                      run={stepCommand(s.step, 'open')}
                    />
                  )}
                  {s.status === 'open' && (
                    <ActionButton
                      label={f.t('Đóng bước')}
                      title={`${f.t('Đóng bước')}: ${f.step(s.step)}`}
                      buttonProps={{ 'aria-label': `${f.t('Đóng bước')} ${f.step(s.step)}` }}
                      fields={[{ name: 'summary', label: f.t('Tóm tắt kết quả'), kind: 'textarea' }]}
                      run={stepCommand(s.step, 'close')}
                    />
                  )}
                  {s.status === 'closed' && (
                    <ActionButton
                      label={f.t('Mở lại')}
                      title={`${f.t('Mở lại bước')}: ${f.step(s.step)}`}
                      buttonProps={{ 'aria-label': `${f.t('Mở lại bước')} ${f.step(s.step)}` }}
                      fields={[{ name: 'reason', label: f.t('Lý do'), kind: 'textarea', required: true }]}
                      run={stepCommand(s.step, 'reopen')}
                    />
                  )}
                  {s.status !== 'closed' && (
                    <ActionButton
                      label={f.t('Gia hạn')}
                      title={`${f.t('Gia hạn')}: ${f.step(s.step)}`}
                      timeZone={tz}
                      buttonProps={{ 'aria-label': `${f.t('Gia hạn')} ${f.step(s.step)}` }}
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
                      run={stepCommand(s.step, 'extend')}
                    />
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={<h3 className="card-title">{f.t('Tình hình nộp của các đơn vị')}</h3>} size="small">
        <DataTable
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={cycle.units}
          columns={[
            { title: f.t('Đơn vị'), key: 'unit', render: (_, u) => u.unitName },
            ...DRIVEN_STEPS.map((step) => ({
              title: f.step(step),
              key: step,
              render: (_: unknown, u: CycleStatus['units'][number]) => {
                const v = u.steps[step];
                const state = v?.state ?? 'missing';
                return (
                  <button
                    type="button"
                    className="matrix-cell cell-button"
                    onClick={() => setOpened({ unitId: u.unitId, submission: SUBMISSION_OF_STEP[step]! })}
                  >
                    {/* The name is the content itself, so the visible text is a part of it (axe). */}
                    <span className="sr-only">{`${u.unitName} – ${f.step(step)}: `}</span>
                    <Tag color={STATE_COLORS[state]}>{f.state(state)}</Tag>
                    {v && v.versions > 1 ? (
                      <>
                        {' '}
                        <small>{f.t('{n} phiên bản', { n: v.versions })}</small>
                      </>
                    ) : null}
                  </button>
                );
              },
            })),
            {
              title: f.t('Bỏ phiếu'),
              key: 'voted',
              render: (_, u) =>
                u.voted ? <Tag color={TAG.ok}>{f.t('Đã bỏ phiếu')}</Tag> : <Tag color={TAG.none}>{f.t('Chưa')}</Tag>,
            },
          ]}
        />
      </Card>
      <ScoresCard cycle={cycle} />
      <VoteCard cycle={cycle} />
      <NominationCard cycle={cycle} />
      {opened && <SubmissionDrawer cycle={cycle} {...opened} onClose={() => setOpened(undefined)} />}
    </Space>
  );
}
