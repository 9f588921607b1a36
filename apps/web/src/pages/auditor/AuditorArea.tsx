/**
 * The auditor: the signed log witnessed (witness.tsx), the audit trail with filters, the standings as of any moment,
 * the vote's results, the raw events, verification.
 */
import { Alert, Button, Card, DatePicker, Form, Input, Select, Slider, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { toProblem, type ProblemBody } from '../../api/problem';
import { useAuditTrail, useCycle, useEvents } from '../../api/queries';
import type { AuditEntry, CycleStatus } from '../../api/views';
import { instantOf } from '../../app/action-modal';
import { SectionSwitch } from '../../app/section-switch';
import { useCyclePick } from '../../app/cycle-picker';
import { DocumentLinks, DocumentsCard } from '../../app/document-links';
import { DataTable } from '../../app/scroll-table';
import { useFmt } from '../../app/fmt';
import { pickerPlaceholder } from '../../app/picker-placeholder';
import { ProblemAlert } from '../../app/problems';
import { STEP_TERMS } from '../../i18n/terms';
import { StandingsTable } from '../standings/StandingsTable';
import { VoteResults } from '../standings/VoteResults';
import { filterTrail, type TrailFilter } from './trail-filter';
import { useWitness, WitnessAlarmBanner, WitnessStatusLine } from './witness';

export default function AuditorArea() {
  const f = useFmt();
  const { cycleId, picker } = useCyclePick();
  const cycle = useCycle(cycleId);
  const witness = useWitness();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <WitnessAlarmBanner state={witness.data} />
      <Typography.Title level={2} className="page-title">
        {f.t('Kiểm tra, giám sát đợt thi đua')}
      </Typography.Title>
      <WitnessStatusLine state={witness.data} error={witness.error} />
      {picker}
      {cycle.data && <DocumentsCard cycle={cycle.data} />}
      {cycle.data && (
        <Card size="small">
          <SectionSwitch
            label={f.t('Phần của trang')}
            items={[
              { key: 'history', label: f.t('Xếp hạng theo thời điểm'), children: <History cycle={cycle.data} /> },
              { key: 'trail', label: f.t('Nhật ký thao tác'), children: <Trail cycle={cycle.data} /> },
              { key: 'vote', label: f.t('Kết quả bỏ phiếu'), children: <VoteResults cycle={cycle.data} /> },
              { key: 'events', label: f.t('Sự kiện gốc'), children: <Events cycle={cycle.data} /> },
              { key: 'verify', label: f.t('Kiểm tra toàn vẹn'), children: <Verify cycle={cycle.data} /> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

const stepNames = Object.fromEntries(Object.entries(STEP_TERMS).map(([k, v]) => [k, v.vi]));

/** The standings as they stood: at a log position (the slider) or at a moment (the picker). */
function History({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const trail = useAuditTrail(cycle.cycleId);
  const positions = (trail.data ?? []).map((e) => e.position);
  const [position, setPosition] = useState<number>();
  const [moment, setMoment] = useState<Dayjs | null>(null);
  const head = positions[positions.length - 1];
  const current = position ?? head;
  const entry = trail.data?.find((e) => e.position === current);
  const at = moment
    ? { asOf: instantOf(moment, cycle.config.timeZone) }
    : current !== undefined
      ? { atPosition: current }
      : {};
  if (!trail.data || head === undefined) return null;
  const marks = Object.fromEntries(
    trail.data
      .filter((e) => e.action === 'ScoresLocked' || e.action === 'CycleOpened' || e.action === 'AwardDecisionIssued')
      .map((e) => [e.position, '']),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label htmlFor="log-position" className="field-label">
        {f.t('Vị trí trong nhật ký')}: <strong data-testid="slider-position">{current}</strong>
        {entry ? ` — ${f.at(entry.at)}: ${entry.summary}` : ''}
      </label>
      <Slider
        id="log-position"
        min={positions[0]}
        max={head}
        value={moment ? undefined : current}
        marks={marks}
        step={1}
        tooltip={{ formatter: (v) => (v === undefined ? '' : `#${v}`) }}
        onChange={(v) => {
          setMoment(null);
          setPosition(v as number);
        }}
        ariaLabelForHandle={f.t('Vị trí trong nhật ký')}
      />
      <Form layout="inline">
        <Form.Item label={f.t('Hoặc tại thời điểm')} htmlFor="as-of">
          <DatePicker
            id="as-of"
            showTime={{ format: 'HH:mm' }}
            format="DD/MM/YYYY HH:mm"
            placeholder={pickerPlaceholder('datetime', f.lang)}
            value={moment}
            onChange={(v) => setMoment(v)}
          />
        </Form.Item>
      </Form>
      <StandingsTable cycle={cycle} at={at} />
      <div>
        <h4 className="documents-title" id="documents-as-of">
          {f.t('Tài liệu tại thời điểm đang xem')}:{' '}
          {moment ? f.at(at.asOf!) : `${f.t('vị trí')} ${current}${entry ? ` (${f.at(entry.at)})` : ''}`}
        </h4>
        <DocumentLinks
          cycle={cycle}
          at={at}
          files={['standings.xlsx', 'standings.pdf', 'audit-trail.xlsx']}
          nameSuffix={f.t('tại thời điểm đang xem')}
        />
      </div>
    </Space>
  );
}

function Trail({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const trail = useAuditTrail(cycle.cycleId);
  const [filter, setFilter] = useState<TrailFilter>({});
  const unitName = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  const rows = useMemo(() => filterTrail(trail.data ?? [], filter, stepNames, unitName), [trail.data, filter]);
  const actions = [...new Set((trail.data ?? []).map((e) => e.action))];
  return (
    <>
      <Form
        layout="vertical"
        onValuesChange={(_, all: Record<string, unknown>) => {
          const range = all.range as [Dayjs | null, Dayjs | null] | null | undefined;
          setFilter({
            step: all.step as string | undefined,
            unitId: all.unitId as string | undefined,
            actor: all.actor as string | undefined,
            action: all.action as string | undefined,
            from: range?.[0] ? instantOf(range[0].startOf('day'), cycle.config.timeZone) : undefined,
            to: range?.[1] ? instantOf(range[1].endOf('day'), cycle.config.timeZone) : undefined,
          });
        }}
      >
        <Space wrap align="start">
          <Form.Item label={f.t('Bước')} name="step">
            <Select
              allowClear
              style={{ width: 200 }}
              options={Object.keys(STEP_TERMS).map((s) => ({ value: s, label: f.step(s) }))}
            />
          </Form.Item>
          <Form.Item label={f.t('Đơn vị')} name="unitId">
            <Select
              allowClear
              style={{ width: 200 }}
              options={cycle.config.units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item label={f.t('Người thực hiện')} name="actor">
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={f.t('Thao tác')} name="action">
            <Select allowClear style={{ width: 220 }} options={actions.map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item label={f.t('Khoảng thời gian')} name="range">
            <DatePicker.RangePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Space>
      </Form>
      <DataTable<AuditEntry>
        size="small"
        rowKey="position"
        loading={trail.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '#', dataIndex: 'position', key: 'position', className: 'num' },
          { title: f.t('Lúc'), key: 'at', render: (_, e) => f.at(e.at) },
          {
            title: f.t('Người thực hiện'),
            key: 'actor',
            render: (_, e) => `${f.role(e.actor.role)}${e.actor.unitId ? ` ${unitName(e.actor.unitId)}` : ''}`,
          },
          { title: f.t('Nội dung'), dataIndex: 'summary', key: 'summary' },
          { title: f.t('Lý do'), key: 'reason', render: (_, e) => e.reason ?? '' },
        ]}
      />
    </>
  );
}

function Events({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const events = useEvents(cycle.cycleId);
  return (
    <DataTable
      size="small"
      rowKey={(e) => String(e.position)}
      loading={events.isPending}
      dataSource={events.data ?? []}
      pagination={{ pageSize: 20 }}
      // Hashes do not wrap: on a phone the table scrolls sideways instead of squeezing them.
      minWidth={820}
      columns={[
        { title: '#', dataIndex: 'position', key: 'position', className: 'num' },
        {
          title: f.t('Loại sự kiện'),
          key: 'type',
          render: (_, e) => (
            <>
              {f.event(String(e.type))}
              <br />
              <Typography.Text type="secondary" code>
                {String(e.type)}
              </Typography.Text>
            </>
          ),
        },
        {
          title: f.t('Lúc'),
          key: 'at',
          render: (_, e) => (typeof e.metadata?.occurredAt === 'string' ? f.at(e.metadata.occurredAt) : ''),
        },
        {
          title: f.t('Mã băm'),
          key: 'hash',
          render: (_, e) => (
            <Typography.Text code copyable={{ text: String(e.hash ?? '') }}>
              {String(e.hash ?? '').slice(0, 16)}…
            </Typography.Text>
          ),
        },
        {
          title: f.t('Mã băm trước'),
          key: 'prev',
          // A stream's first event has none: the chain starts there.
          render: (_, e) =>
            e.prevHash ? (
              <Typography.Text code>{String(e.prevHash).slice(0, 16)}…</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{f.t('(đầu chuỗi)')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

function Verify({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const [result, setResult] = useState<{ ok: boolean; checkedEvents: number; firstBroken?: unknown }>();
  const [problem, setProblem] = useState<ProblemBody>();
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    setProblem(undefined);
    try {
      setResult(
        (await unwrap(
          api.GET('/api/v1/audit/verify', { params: { query: { cycleId: cycle.cycleId } } }),
        )) as unknown as typeof result,
      );
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Space orientation="vertical">
      <Button type="primary" onClick={run} loading={pending}>
        {f.t('Kiểm tra chuỗi băm của đợt thi đua')}
      </Button>
      <ProblemAlert problem={problem} />
      {result && (
        <Alert
          role="status"
          showIcon
          type={result.ok ? 'success' : 'error'}
          title={
            result.ok
              ? f.t('Toàn vẹn: {n} sự kiện đã kiểm tra, không có thay đổi nào.', { n: result.checkedEvents })
              : f.t('Phát hiện dữ liệu bị thay đổi')
          }
          description={result.ok ? undefined : JSON.stringify(result.firstBroken)}
        />
      )}
    </Space>
  );
}
