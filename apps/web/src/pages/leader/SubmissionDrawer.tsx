/** One unit's submission as the leader reviews it: its state, what it sent (each version), accept or return it. */
import { Descriptions, Drawer, Space, Spin, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { useUnitSubmissions } from '../../api/queries';
import type { CycleStatus, SubmissionKind } from '../../api/views';
import { ActionButton } from '../../app/action-modal';
import { STATE_COLORS, useFmt } from '../../app/fmt';
import { ReturnNotice } from '../../app/return-notice';
import { SubmissionContent } from '../../app/submission-view';

const STEP_OF: Record<string, string> = {
  registration: 'registration',
  'mid-year-report': 'mid-year-review',
  'self-assessment': 'self-assessment',
};

export function SubmissionDrawer(props: { cycle: CycleStatus; unitId: string; submission: string; onClose(): void }) {
  const { cycle, unitId, submission } = props;
  const f = useFmt(cycle.config.timeZone);
  const unit = cycle.units.find((u) => u.unitId === unitId);
  const view = unit?.steps[STEP_OF[submission]!];
  const params = {
    path: {
      cycleId: cycle.cycleId,
      unitId,
      submission: submission as 'registration' | 'mid-year-report' | 'self-assessment',
    },
  };
  const sent = useUnitSubmissions(cycle.cycleId, unitId);
  const reviewable = view && (view.state === 'submitted' || view.state === 'late');
  return (
    <Drawer open onClose={props.onClose} title={`${f.submission(submission)} – ${unit?.unitName ?? unitId}`} size={480}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={f.t('Trạng thái')}>
          <Tag color={STATE_COLORS[view?.state ?? 'missing']}>{f.state(view?.state ?? 'missing')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={f.t('Số phiên bản')}>{view?.versions ?? 0}</Descriptions.Item>
        <Descriptions.Item label={f.t('Nộp lần cuối')}>
          {view?.submittedAt ? f.at(view.submittedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={f.t('Hạn')}>{view ? f.at(view.dueAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label={f.t('Trễ hạn')}>{view?.late ? f.t('Có') : f.t('Không')}</Descriptions.Item>
      </Descriptions>
      {view?.state === 'returned' && view.returned && (
        <div style={{ marginTop: 16 }}>
          <ReturnNotice
            note={view.returned}
            timeZone={cycle.config.timeZone}
            title={f.t('Đã trả lại; chờ đơn vị nộp lại.')}
          />
        </div>
      )}
      {reviewable && (
        <Space style={{ marginTop: 16 }} wrap>
          <ActionButton
            label={f.t('Chấp nhận')}
            title={f.t('Chấp nhận')}
            buttonProps={{ type: 'primary' }}
            run={async () => {
              const answer = await unwrap(
                api.POST('/api/v1/cycles/{cycleId}/units/{unitId}/{submission}/accept', { params, body: {} as never }),
              );
              props.onClose();
              return answer;
            }}
          />
          <ActionButton
            label={f.t('Trả lại')}
            title={`${f.t('Trả lại')}: ${f.submission(submission)}`}
            buttonProps={{ danger: true }}
            fields={[{ name: 'reason', label: f.t('Lý do trả lại'), kind: 'textarea', required: true }]}
            run={async (body) => {
              const answer = await unwrap(
                api.POST('/api/v1/cycles/{cycleId}/units/{unitId}/{submission}/return', {
                  params,
                  body: body as never,
                }),
              );
              props.onClose();
              return answer;
            }}
          />
        </Space>
      )}
      <div style={{ marginTop: 16 }}>
        {sent.data ? (
          <SubmissionContent config={cycle.config} kind={submission as SubmissionKind} data={sent.data} />
        ) : (
          <Spin />
        )}
      </div>
    </Drawer>
  );
}
