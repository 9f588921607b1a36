/** The unit officer's area: deadlines across cycles, the unit's submissions, its ballot, its inbox. */
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useCycle, useDeadlines } from '../../api/queries';
import type { CycleStatus, Me, UnitDeadline } from '../../api/views';
import { useCyclePick } from '../../app/cycle-picker';
import { STATE_COLORS, useFmt, TAG } from '../../app/fmt';
import { InboxCard } from '../../app/inbox';
import { ReturnNotice } from '../../app/return-notice';
import { SectionSwitch } from '../../app/section-switch';
import { SUBMISSION_OF_STEP } from '../../i18n/terms';
import { Ballot } from './Ballot';
import { MidYearForm, RegistrationForm, SelfAssessmentForm } from './SubmissionForms';

export default function UnitArea({ me, unitId }: { me: Me; unitId: string }) {
  const { t } = useFmt();
  const { cycleId, picker } = useCyclePick();
  const cycle = useCycle(cycleId);
  const unitName = cycle.data?.config.units.find((u) => u.id === unitId)?.name ?? me.name;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={2} className="page-title">
        {t('Trang đơn vị')}: {unitName}
      </Typography.Title>
      <Deadlines unitId={unitId} />
      {picker}
      {cycle.data && <UnitCycle cycle={cycle.data} unitId={unitId} />}
      <InboxCard />
    </Space>
  );
}

function Deadlines({ unitId }: { unitId: string }) {
  const f = useFmt();
  const deadlines = useDeadlines(unitId);
  const stateOf = (d: UnitDeadline) =>
    d.submitted ? (
      <Tag color={TAG.ok}>{f.t('Đã nộp')}</Tag>
    ) : d.overdue ? (
      <Tag color={TAG.bad}>{f.t('Quá hạn')}</Tag>
    ) : (
      <Tag color={TAG.info}>{f.t('Phải nộp')}</Tag>
    );
  return (
    <Card title={<h3 className="card-title">{f.t('Hạn của đơn vị')}</h3>} size="small">
      {deadlines.data && deadlines.data.length === 0 ? (
        <Empty description={f.t('Không có hạn nào sắp tới')} />
      ) : (
        <List
          loading={deadlines.isPending}
          dataSource={deadlines.data ?? []}
          renderItem={(d) => (
            <List.Item>
              <Space wrap>
                <strong>{f.step(d.step)}</strong>
                <span>
                  {d.clusterName} {d.year}
                </span>
                <span>
                  {f.t('Hạn')}: {f.at(d.dueAt)}
                </span>
                {stateOf(d)}
                {d.extended && <Tag color={TAG.other}>{f.t('Được gia hạn')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function UnitCycle({ cycle, unitId }: { cycle: CycleStatus; unitId: string }) {
  const f = useFmt(cycle.config.timeZone);
  const mine = cycle.units.find((u) => u.unitId === unitId);
  const stepStatus = (step: string) => cycle.steps.find((s) => s.step === step)?.status ?? 'pending';
  const status = (step: string) => {
    const view = mine?.steps[step];
    const dueAt = cycle.steps.find((s) => s.step === step)?.unitDueAt[unitId] ?? view?.dueAt;
    return (
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered className="section">
        <Descriptions.Item label={f.t('Bước')}>{f.stepStatus(stepStatus(step))}</Descriptions.Item>
        <Descriptions.Item label={f.t('Hạn nộp')}>{dueAt ? f.at(dueAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label={f.t('Trạng thái')}>
          <Tag color={STATE_COLORS[view?.state ?? 'missing']} data-testid={`state-${step}`}>
            {f.state(view?.state ?? 'missing')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={f.t('Số phiên bản')}>
          <span data-testid={`versions-${step}`}>
            {view?.versions ?? 0}
            {view?.submittedAt ? ` (${f.t('lần cuối')} ${f.at(view.submittedAt)})` : ''}
          </span>
        </Descriptions.Item>
      </Descriptions>
    );
  };
  const returned = (step: string) => {
    const view = mine?.steps[step];
    if (view?.state !== 'returned' || !view.returned) return null;
    return (
      <ReturnNotice
        note={view.returned}
        timeZone={cycle.config.timeZone}
        title={f.t('{what} đã bị trả lại để chỉnh sửa', { what: f.submission(SUBMISSION_OF_STEP[step]!) })}
      />
    );
  };
  const open = (step: string) => stepStatus(step) === 'open';
  const items = [
    {
      key: 'registration',
      label: f.step('registration'),
      children: (
        <>
          {status('registration')}
          {returned('registration')}
          <RegistrationForm cycle={cycle} unitId={unitId} disabled={!open('registration')} />
        </>
      ),
    },
    {
      key: 'mid-year-review',
      label: f.step('mid-year-review'),
      children: (
        <>
          {status('mid-year-review')}
          {returned('mid-year-review')}
          <MidYearForm cycle={cycle} unitId={unitId} disabled={!open('mid-year-review')} />
        </>
      ),
    },
    {
      key: 'self-assessment',
      label: f.step('self-assessment'),
      children: (
        <>
          {status('self-assessment')}
          {returned('self-assessment')}
          <SelfAssessmentForm cycle={cycle} unitId={unitId} disabled={!open('self-assessment')} />
        </>
      ),
    },
    { key: 'vote', label: f.t('Bỏ phiếu kín'), children: <Ballot cycle={cycle} unitId={unitId} /> },
  ];
  // Once the vote has opened the ballot is the unit's part, and stays it after the close (the receipt check).
  const current =
    cycle.currentStep && SUBMISSION_OF_STEP[cycle.currentStep]
      ? cycle.currentStep
      : cycle.currentStep === 'vote' || cycle.vote.status !== 'pending'
        ? 'vote'
        : 'registration';
  return (
    <Card size="small">
      <SectionSwitch
        key={`${cycle.cycleId}-${current}`}
        label={f.t('Phần của trang')}
        initial={current}
        items={items}
      />
    </Card>
  );
}
