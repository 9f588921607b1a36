import type { RecordedEvent } from '#event-store';
import { computeFinalScore, type CriteriaTable, type DomainEvent } from '#domain';
import type {
  NotificationDeliveredData,
  NotificationDeliveryFailedData,
  NotificationSentData,
} from '#notification-events';
import { asDomainEvent, domainStreamOf } from '../shared/domain-event.js';
import { SUBMISSION_NAMES, awardName, date, points, stepName } from '../shared/vietnamese.js';

/** One decision of the audit trail. */
export type AuditEntry = {
  position: number;
  /** When it happened (the envelope's occurredAt). */
  at: string;
  actor: { userId: string; role: string; unitId?: string };
  /** The event's type, e.g. `ScoreAdjusted` or `NotificationSent`. */
  action: string;
  /** What happened, in Vietnamese. */
  summary: string;
  reason?: string;
  commandId: string;
  correlationId: string;
};

/** What the summaries need to name things: unit names and the criteria table, from `CycleOpened`. */
type TrailContext = { unitNames: Record<string, string>; criteria: CriteriaTable };

export type AuditTrail = {
  cycleId: string;
  context?: TrailContext;
  /** Streams of the alerts about this cycle, whose deliveries belong to the trail too. */
  notificationStreams?: string[];
  entries: AuditEntry[];
};

export function initialAuditTrail(cycleId: string): AuditTrail {
  return { cycleId, entries: [] };
}

/**
 * Folds one stored event into the trail: the cycle's decisions and the alerts sent about it. A
 * ballot's content (`BallotDeposited`) never enters it: the trail shows that a unit voted
 * (`BallotCast`), never how.
 */
export function evolveAuditTrail(trail: AuditTrail, stored: RecordedEvent): AuditTrail {
  const step = trailStep(trail, stored);
  return step ? { ...step.trail, entries: [...trail.entries, step.entry] } : trail;
}

/** Folds a cycle's events (in position order) into its trail. */
export function foldAuditTrail(cycleId: string, events: Iterable<RecordedEvent>): AuditEntry[] {
  let trail = initialAuditTrail(cycleId);
  const entries: AuditEntry[] = [];
  for (const event of events) {
    const step = trailStep(trail, event);
    if (!step) continue;
    trail = step.trail;
    entries.push(step.entry);
  }
  return entries;
}

/** The entry an event adds to the trail and the trail's context after it, or undefined if it adds none. */
function trailStep(trail: AuditTrail, stored: RecordedEvent): { entry: AuditEntry; trail: AuditTrail } | undefined {
  const notification = notificationOf(stored, trail);
  const stream = domainStreamOf(stored);
  if (!notification && (!stream || stream.cycleId !== trail.cycleId || stored.type === 'BallotDeposited')) return undefined;
  let context = trail.context;
  let summary: string;
  let next = trail;
  if (notification) {
    summary = summarizeNotification(notification, context ?? EMPTY_CONTEXT);
    if (notification.type === 'NotificationSent') next = { ...trail, notificationStreams: [...(trail.notificationStreams ?? []), stored.streamId] };
  } else {
    const event = asDomainEvent(stored);
    if (event.type === 'CycleOpened') {
      context = { unitNames: Object.fromEntries(event.data.units.map((u) => [u.id, u.name])), criteria: event.data.criteria };
      next = { ...trail, context };
    }
    summary = summarize(event, context ?? EMPTY_CONTEXT);
  }
  const { actor } = stored.metadata;
  const reason = (stored.data as { reason?: unknown }).reason;
  const entry: AuditEntry = {
    position: stored.position,
    at: stored.metadata.occurredAt,
    actor: { userId: actor.userId, role: actor.role, ...(actor.unitId !== undefined ? { unitId: actor.unitId } : {}) },
    action: stored.type,
    summary,
    ...(typeof reason === 'string' ? { reason } : {}),
    commandId: stored.metadata.commandId,
    correlationId: stored.metadata.correlationId,
  };
  return { entry, trail: next };
}

const EMPTY_CONTEXT: TrailContext = { unitNames: {}, criteria: { groups: [], bonus: [], penalty: [] } };

type NotificationRecord =
  | { type: 'NotificationSent'; data: NotificationSentData }
  | { type: 'NotificationDelivered'; data: NotificationDeliveredData }
  | { type: 'NotificationDeliveryFailed'; data: NotificationDeliveryFailedData };

/** The event as an alert about this cycle (its stream opened by a `NotificationSent` naming the cycle), or undefined. */
function notificationOf(stored: RecordedEvent, trail: AuditTrail): NotificationRecord | undefined {
  if (stored.type === 'NotificationSent') {
    return (stored.data as { cycleId?: unknown }).cycleId === trail.cycleId ? (stored as unknown as NotificationRecord) : undefined;
  }
  if (stored.type === 'NotificationDelivered' || stored.type === 'NotificationDeliveryFailed') {
    return trail.notificationStreams?.includes(stored.streamId) ? (stored as unknown as NotificationRecord) : undefined;
  }
  return undefined;
}

const CHANNEL_NAMES: Readonly<Record<string, string>> = { 'in-app': 'hộp thư trong ứng dụng', webhook: 'webhook', email: 'thư điện tử' };

function summarizeNotification(record: NotificationRecord, { unitNames }: TrailContext): string {
  const name = (unitId: string) => unitNames[unitId] ?? unitId;
  switch (record.type) {
    case 'NotificationSent': {
      const d = record.data;
      const to =
        d.recipient.type === 'unit' ? name(d.recipient.unitId) : d.recipient.type === 'leader' ? `đơn vị trưởng cụm ${name(d.recipient.unitId)}` : 'Ban Thi đua – Khen thưởng tỉnh';
      const what = d.kind === 'reminder' ? 'Nhắc hạn' : 'Cảnh báo quá hạn';
      return `${what} bước ${stepName(d.step)} gửi ${to}: ${d.subject}`;
    }
    case 'NotificationDelivered':
      return `Đã chuyển thông báo qua ${CHANNEL_NAMES[record.data.channel] ?? record.data.channel} tới ${record.data.target} (lần thử thứ ${record.data.attempts})`;
    case 'NotificationDeliveryFailed':
      return `Không chuyển được thông báo qua ${CHANNEL_NAMES[record.data.channel] ?? record.data.channel} tới ${record.data.target} sau ${record.data.attempts} lần thử: ${record.data.error}`;
  }
}

function summarize(event: DomainEvent, { unitNames, criteria }: TrailContext): string {
  const name = (unitId: string) => unitNames[unitId] ?? unitId;
  switch (event.type) {
    case 'CycleOpened': {
      const d = event.data;
      const deputy = d.deputyUnitId ? `, phó cụm ${name(d.deputyUnitId)}` : '';
      return `Mở chu kỳ thi đua năm ${d.year} của ${d.clusterName}: ${d.units.length} đơn vị, trưởng cụm ${name(d.leaderUnitId)}${deputy}`;
    }
    case 'StepOpened':
      return `Mở bước ${stepName(event.data.step)}`;
    case 'StepClosed':
      return `Kết thúc bước ${stepName(event.data.step)}${event.data.summary ? `: ${event.data.summary}` : ''}`;
    case 'StepReopened':
      return `Mở lại bước ${stepName(event.data.step)}`;
    case 'DueDateExtended': {
      const who = event.data.unitId ? ` cho ${name(event.data.unitId)}` : '';
      return `Gia hạn bước ${stepName(event.data.step)}${who} đến ${date(event.data.due)}`;
    }
    case 'ScoresLocked':
      return `Khóa điểm và xếp hạng: ${event.data.scores
        .slice()
        .sort((a, b) => a.rank - b.rank)
        .map((s) => `${s.rank}. ${name(s.unitId)} (${points(s.final)} điểm)`)
        .join('; ')}`;
    case 'VoteOpened': {
      const lists = Object.entries(event.data.candidates).map(([award, units]) => `${awardName(award)}: ${units.map(name).join(', ') || 'không có'}`);
      return `Mở bỏ phiếu kín vòng ${event.data.round} (${event.data.mode === 'paper' ? 'trên giấy' : 'điện tử'}) — ${lists.join('; ')}`;
    }
    case 'BallotCast':
      return `${name(event.data.voterUnitId)} đã bỏ phiếu (vòng ${event.data.round})`;
    case 'BallotDeposited':
      return 'Một phiếu được bỏ vào hòm phiếu'; // never reached: ballots' content stays out of the trail
    case 'PaperTallyRecorded':
      return `Ghi nhận kết quả kiểm phiếu trên giấy vòng ${event.data.round}: ${event.data.present} đơn vị có mặt, biên bản ${event.data.minutesRef}`;
    case 'VoteClosed': {
      const results = Object.entries(event.data.results).flatMap(([award, candidates]) =>
        Object.entries(candidates).map(
          ([unitId, r]) => `${name(unitId)} – ${awardName(award)}: ${r.approve} đồng ý, ${r.reject} không đồng ý, ${r.passed ? 'đạt' : 'không đạt'}`,
        ),
      );
      return `Kết thúc bỏ phiếu vòng ${event.data.round}: ${event.data.participants}/${event.data.members} đơn vị tham gia${results.length ? `; ${results.join('; ')}` : ''}`;
    }
    case 'NominationsSubmitted':
      return `Trình hồ sơ đề nghị khen thưởng (lần ${event.data.version}): ${
        event.data.nominations.map((n) => `${name(n.unitId)} – ${awardName(n.award)}`).join('; ') || 'không đề nghị'
      }; ${event.data.dossier.length} tài liệu kèm theo`;
    case 'NominationsAccepted':
      return `Tiếp nhận hồ sơ đề nghị khen thưởng (lần ${event.data.version})`;
    case 'NominationsReturned':
      return `Trả lại hồ sơ đề nghị khen thưởng (lần ${event.data.version})`;
    case 'AwardDecisionIssued': {
      const granted = event.data.grants.filter((g) => g.granted).map((g) => `${awardName(g.award)} cho ${name(g.unitId)}`);
      const refused = event.data.grants.filter((g) => !g.granted).map((g) => `${awardName(g.award)} cho ${name(g.unitId)}`);
      return `Ban hành quyết định khen thưởng số ${event.data.decisionNo} ngày ${date(event.data.issuedOn)}, người ký ${event.data.signer}: tặng ${
        granted.join('; ') || 'không'
      }${refused.length ? `; không tặng ${refused.join('; ')}` : ''}`;
    }
    case 'AwardRevoked':
      return `Thu hồi ${awardName(event.data.award)} của ${name(event.data.unitId)} theo quyết định số ${event.data.decisionNo}`;
    case 'RegistrationSubmitted':
      return `${name(event.data.unitId)} nộp bản đăng ký thi đua (phiên bản ${event.data.version})${
        event.data.aimedAward ? `, đăng ký ${awardName(event.data.aimedAward)}` : ''
      }${lateNote(event.data.late)}`;
    case 'MidYearReportSubmitted':
      return `${name(event.data.unitId)} nộp báo cáo sơ kết 6 tháng (phiên bản ${event.data.version})${lateNote(event.data.late)}`;
    case 'SelfAssessmentSubmitted': {
      const total = computeFinalScore(criteria, Object.fromEntries(event.data.scores.map((l) => [l.criterionId, l.points]))).final;
      return `${name(event.data.unitId)} nộp bản tự chấm điểm (phiên bản ${event.data.version}): ${points(total)} điểm${lateNote(event.data.late)}`;
    }
    case 'SubmissionAccepted':
      return `Chấp nhận ${SUBMISSION_NAMES[event.data.submission]} của ${name(event.data.unitId)} (phiên bản ${event.data.version})`;
    case 'SubmissionReturned':
      return `Trả lại ${SUBMISSION_NAMES[event.data.submission]} của ${name(event.data.unitId)} (phiên bản ${event.data.version}) để chỉnh sửa`;
    case 'ScoreAdjusted':
      return `Điều chỉnh điểm ${criterionLabel(criteria, event.data.criterionId)} của ${name(event.data.unitId)}: ${points(event.data.from)} → ${points(event.data.to)}`;
  }
}

function lateNote(late: boolean): string {
  return late ? ' — trễ hạn' : '';
}

function criterionLabel(criteria: CriteriaTable, id: string): string {
  const items = [...criteria.groups.flatMap((g) => g.criteria), ...criteria.bonus, ...criteria.penalty];
  const item = items.find((c) => c.id === id);
  return item ? `tiêu chí ${id} (${item.title})` : `tiêu chí ${id}`;
}
