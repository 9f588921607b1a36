import type { RecordedEvent } from '#event-store';
import { computeFinalScore, isLate, localTime, type CriteriaTable, type DomainEvent } from '#domain';
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
  /**
   * A past year recorded from paper: `at` is the paper's original date; this, when, by whom and from which document it
   * was recorded.
   */
  recordedLater?: { recordedAt: string; recordedBy: string; source: string };
};

/**
 * What the summaries need to name things: unit names and the criteria table, from `CycleOpened`;
 * and the reviewers' points per unit and line, which stand over a later self-assessment.
 */
type TrailContext = {
  unitNames: Record<string, string>;
  criteria: CriteriaTable;
  timeZone?: string;
  adjusted?: Record<string, Record<string, number>>;
  /** Per step, the units whose latest submission is marked late, and when it came (an extension may clear it). */
  late?: Record<string, Record<string, string>>;
};

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
 * Folds a cycle's events (in position order) into its trail: the cycle's decisions and the alerts
 * sent about it. A ballot's content (`BallotDeposited`) never enters it: the trail shows that a
 * unit voted (`BallotCast`), never how.
 */
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
  if (!notification && (!stream || stream.cycleId !== trail.cycleId || stored.type === 'BallotDeposited'))
    return undefined;
  let context = trail.context;
  let summary: string;
  let next = trail;
  if (notification) {
    summary = summarizeNotification(notification, context ?? EMPTY_CONTEXT);
    if (notification.type === 'NotificationSent')
      next = { ...trail, notificationStreams: [...(trail.notificationStreams ?? []), stored.streamId] };
  } else {
    const event = asDomainEvent(stored);
    if (event.type === 'CycleOpened') {
      context = {
        unitNames: Object.fromEntries(event.data.units.map((u) => [u.id, u.name])),
        criteria: event.data.criteria,
        timeZone: event.data.timeZone,
      };
      next = { ...trail, context };
    }
    summary = summarize(event, context ?? EMPTY_CONTEXT);
    if (
      context &&
      (event.type === 'RegistrationSubmitted' ||
        event.type === 'MidYearReportSubmitted' ||
        event.type === 'SelfAssessmentSubmitted')
    ) {
      const step = STEP_OF_EVENT[event.type];
      const { [event.data.unitId]: _previous, ...others } = context.late?.[step] ?? {};
      const marks = event.data.late ? { ...others, [event.data.unitId]: event.data.submittedAt } : others;
      context = { ...context, late: { ...context.late, [step]: marks } };
      next = { ...trail, context };
    } else if (context && event.type === 'DueDateExtended') {
      const cleared = clearedBy(event.data, context);
      const marks = Object.fromEntries(
        Object.entries(context.late?.[event.data.step] ?? {}).filter(([unitId]) => !cleared.includes(unitId)),
      );
      context = { ...context, late: { ...context.late, [event.data.step]: marks } };
      next = { ...trail, context };
    }
    if (event.type === 'ScoreAdjusted' && context) {
      const { unitId, criterionId, to } = event.data;
      const adjusted = { ...context.adjusted, [unitId]: { ...context.adjusted?.[unitId], [criterionId]: to } };
      context = { ...context, adjusted };
      next = { ...trail, context };
    }
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
    ...(stored.metadata.recordedLater ? { recordedLater: { ...stored.metadata.recordedLater } } : {}),
  };
  return { entry, trail: next };
}

const EMPTY_CONTEXT: TrailContext = { unitNames: {}, criteria: { groups: [], bonus: [], penalty: [] } };

type NotificationRecord =
  | { type: 'NotificationSent'; data: NotificationSentData }
  | { type: 'NotificationDelivered'; data: NotificationDeliveredData }
  | { type: 'NotificationDeliveryFailed'; data: NotificationDeliveryFailedData };

/**
 * The event as an alert about this cycle (its stream opened by a `NotificationSent` naming the cycle), or undefined.
 */
function notificationOf(stored: RecordedEvent, trail: AuditTrail): NotificationRecord | undefined {
  if (stored.type === 'NotificationSent') {
    return (stored.data as { cycleId?: unknown }).cycleId === trail.cycleId
      ? (stored as unknown as NotificationRecord)
      : undefined;
  }
  if (stored.type === 'NotificationDelivered' || stored.type === 'NotificationDeliveryFailed') {
    return trail.notificationStreams?.includes(stored.streamId) ? (stored as unknown as NotificationRecord) : undefined;
  }
  return undefined;
}

const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  'in-app': 'hộp thư trong ứng dụng',
  webhook: 'webhook',
  email: 'thư điện tử',
};

function summarizeNotification(record: NotificationRecord, { unitNames }: TrailContext): string {
  const name = (unitId: string) => unitNames[unitId] ?? unitId;
  switch (record.type) {
    case 'NotificationSent': {
      const d = record.data;
      const to =
        d.recipient.type === 'unit'
          ? name(d.recipient.unitId)
          : d.recipient.type === 'leader'
            ? `đơn vị trưởng cụm ${name(d.recipient.unitId)}`
            : 'Ban Thi đua – Khen thưởng tỉnh';
      const what = d.kind === 'reminder' ? 'Nhắc hạn' : 'Cảnh báo quá hạn';
      return `${what} bước ${stepName(d.step)} gửi ${to}: ${d.subject}`;
    }
    case 'NotificationDelivered':
      return `Đã chuyển thông báo qua ${CHANNEL_NAMES[record.data.channel] ?? record.data.channel} tới ${record.data.target} (lần thử thứ ${record.data.attempts})`;
    case 'NotificationDeliveryFailed':
      return `Không chuyển được thông báo qua ${CHANNEL_NAMES[record.data.channel] ?? record.data.channel} tới ${record.data.target} sau ${record.data.attempts} lần thử: ${record.data.error}`;
  }
}

function summarize(event: DomainEvent, context: TrailContext): string {
  const { unitNames, criteria } = context;
  const name = (unitId: string) => unitNames[unitId] ?? unitId;
  switch (event.type) {
    case 'CycleOpened': {
      const d = event.data;
      const deputy = d.deputyUnitId ? `, phó cụm ${name(d.deputyUnitId)}` : '';
      return `Mở đợt thi đua năm ${d.year} của ${d.clusterName}: ${d.units.length} đơn vị, trưởng cụm ${name(d.leaderUnitId)}${deputy}`;
    }
    case 'UnitDissolved': {
      const d = event.data;
      const how = d.how === 'merged' ? `sáp nhập vào ${name(d.mergedInto ?? '')}` : 'giải thể';
      return `${name(d.unitId)} ${how} từ ngày ${date(d.effectiveOn)} theo quyết định số ${d.decisionNo}: không còn tính vào số đơn vị bỏ phiếu`;
    }
    case 'LeaderReplaced': {
      const d = event.data;
      const role = d.role === 'leader' ? 'trưởng cụm' : 'phó cụm';
      return `Thay đơn vị ${role}${d.from ? ` ${name(d.from)}` : ''} bằng ${name(d.to)}`;
    }
    case 'CycleCancelled':
      return `Hủy đợt thi đua${event.data.decisionNo ? ` theo quyết định số ${event.data.decisionNo}` : ''}`;
    case 'StepOpened':
      return `Mở bước ${stepName(event.data.step)}`;
    case 'StepClosed':
      return `Kết thúc bước ${stepName(event.data.step)}${event.data.summary ? `: ${event.data.summary}` : ''}`;
    case 'StepReopened':
      return `Mở lại bước ${stepName(event.data.step)}`;
    case 'DueDateExtended': {
      const who = event.data.unitId ? ` cho ${name(event.data.unitId)}` : '';
      const cleared = clearedBy(event.data, context);
      return `Gia hạn bước ${stepName(event.data.step)}${who} đến ${date(event.data.due)}${
        cleared.length > 0 ? `; xóa đánh dấu trễ hạn của ${cleared.map(name).join(', ')}` : ''
      }`;
    }
    case 'ScoresLocked':
      return `Khóa điểm và xếp hạng: ${event.data.scores
        .slice()
        .sort((a, b) => a.rank - b.rank)
        .map((s) => `${s.rank}. ${name(s.unitId)} (${points(s.final)} điểm)`)
        .join('; ')}`;
    case 'ScoresUnlocked':
      return `Mở khóa điểm để chỉnh sửa${
        event.data.voidedRound !== undefined
          ? `; kết quả bỏ phiếu vòng ${event.data.voidedRound} bị hủy, phải bỏ phiếu lại`
          : ''
      }`;
    case 'VoteOpened': {
      const lists = Object.entries(event.data.candidates).map(
        ([award, units]) => `${awardName(award)}: ${units.map(name).join(', ') || 'không có'}`,
      );
      return `Mở bỏ phiếu kín vòng ${event.data.round} (${event.data.mode === 'paper' ? 'trên giấy' : 'điện tử'}) — ${lists.join('; ')}`;
    }
    case 'BallotCast':
      return `${name(event.data.voterUnitId)} đã bỏ phiếu (vòng ${event.data.round})`;
    case 'BallotDeposited':
      return 'Một phiếu được bỏ vào hòm phiếu'; // never reached: ballots' content stays out of the trail
    case 'PaperTallyRecorded':
      return `Ghi nhận kết quả kiểm phiếu trên giấy vòng ${event.data.round}: ${event.data.present} đơn vị có mặt${paperBallotsLine(event.data)}, biên bản ${event.data.minutesRef}`;
    case 'VoteClosed': {
      const results = Object.entries(event.data.results).flatMap(([award, candidates]) =>
        Object.entries(candidates).map(
          ([unitId, r]) =>
            `${name(unitId)} – ${awardName(award)}: ${r.approve} tán thành, ${r.reject} không tán thành, ${r.passed ? 'đạt' : 'không đạt'}`,
        ),
      );
      return `Kết thúc bỏ phiếu vòng ${event.data.round}: ${event.data.participants}/${event.data.members} đơn vị tham gia${event.data.validBallots !== undefined ? `, ${event.data.validBallots} phiếu hợp lệ` : ''}${results.length ? `; ${results.join('; ')}` : ''}`;
    }
    case 'NominationsSubmitted':
      return `Trình hồ sơ đề nghị khen thưởng (lần ${event.data.version}): ${
        event.data.nominations.map((n) => `${name(n.unitId)} – ${awardName(n.award)}`).join('; ') || 'không đề nghị'
      }; ${event.data.dossier.length} tài liệu kèm theo`;
    case 'NominationsAccepted':
      return `Tiếp nhận hồ sơ đề nghị khen thưởng (lần ${event.data.version})`;
    case 'NominationsReturned':
      return `Trả lại hồ sơ đề nghị khen thưởng (lần ${event.data.version})`;
    case 'CouncilReviewRecorded':
      return `Hội đồng Thi đua – Khen thưởng tỉnh xét hồ sơ (họp ngày ${date(event.data.meetingOn)}, biên bản ${event.data.minutesRef}): ${event.data.results
        .map(
          (r) =>
            `${name(r.unitId)} – ${awardName(r.award)}: ${r.approve} tán thành, ${r.reject} không tán thành, ${r.passed ? 'thông qua' : 'không thông qua'}`,
        )
        .join('; ')}`;
    case 'AwardDecisionIssued': {
      const granted = event.data.grants
        .filter((g) => g.granted)
        .map((g) =>
          g.grantedAs
            ? `${awardName(g.grantedAs)} cho ${name(g.unitId)} (đề nghị ${awardName(g.award)}, khen hình thức thấp hơn: ${g.reason})`
            : `${awardName(g.award)} cho ${name(g.unitId)}`,
        );
      const refused = event.data.grants
        .filter((g) => !g.granted)
        .map((g) => `${awardName(g.award)} cho ${name(g.unitId)}${g.reason ? ` (${g.reason})` : ''}`);
      const signer = signerText(event.data.signer, event.data.signerTitle);
      return `Ban hành quyết định khen thưởng số ${event.data.decisionNo} ngày ${date(event.data.issuedOn)}, người ký ${signer}: tặng ${
        granted.join('; ') || 'không'
      }${refused.length ? `; không tặng ${refused.join('; ')}` : ''}`;
    }
    case 'AwardRevoked': {
      const d = event.data;
      const ground = d.legalGround ? `, căn cứ ${d.legalGround}` : '';
      const recovery = d.recovery
        ? `; thu hồi hiện vật khen thưởng${d.recovery.prizeMoneyVnd ? ` và tiền thưởng ${d.recovery.prizeMoneyVnd.toLocaleString('vi-VN')} đồng` : ''}`
        : '';
      return `Thu hồi ${awardName(d.award)} của ${name(d.unitId)} theo quyết định số ${d.decisionNo}${d.issuedOn ? ` ngày ${date(d.issuedOn)}` : ''}${ground}${recovery}`;
    }
    case 'RegistrationSubmitted':
      return `${name(event.data.unitId)} nộp bản đăng ký thi đua (phiên bản ${event.data.version})${
        event.data.aimedAward ? `, đăng ký ${awardName(event.data.aimedAward)}` : ''
      }${lateNote(event.data.late)}`;
    case 'MidYearReportSubmitted':
      return `${name(event.data.unitId)} nộp báo cáo sơ kết 6 tháng (phiên bản ${event.data.version})${lateNote(event.data.late)}`;
    case 'SelfAssessmentSubmitted': {
      const claimed = Object.fromEntries(event.data.scores.map((l) => [l.criterionId, l.points]));
      const adjusted = context.adjusted?.[event.data.unitId] ?? {};
      const total = computeFinalScore(criteria, claimed).final;
      const kept = Object.entries(adjusted).map(
        ([id, to]) =>
          `${criterionLabel(criteria, id)}: ${points(to)} điểm (đơn vị tự chấm ${points(claimed[id] ?? 0)})`,
      );
      const figures = event.data.scores
        .filter((l) => l.actual !== undefined)
        .map(
          (l) =>
            `${l.criterionId} tính từ số liệu ${points(l.actual!)}${l.unit ? ` ${l.unit}` : ''} / chỉ tiêu ${points(l.target!)}: ${points(l.points)} điểm`,
        );
      const inForce =
        kept.length > 0
          ? `; giữ điểm thẩm định ${kept.join('; ')}; điểm đang áp dụng ${points(computeFinalScore(criteria, { ...claimed, ...adjusted }).final)}`
          : '';
      return `${name(event.data.unitId)} nộp bản tự chấm điểm (phiên bản ${event.data.version}): ${points(total)} điểm${
        figures.length > 0 ? ` (${figures.join('; ')})` : ''
      }${inForce}${lateNote(event.data.late)}`;
    }
    case 'SelfAssessmentMissingRecorded':
      return `Ghi nhận ${name(event.data.unitId)} không nộp bản tự chấm điểm${
        event.data.version > 0 ? ` (phiên bản ${event.data.version} bị trả lại, không nộp lại)` : ''
      }: chỉ tính điểm thẩm định, không đủ điều kiện đề nghị khen thưởng`;
    case 'SubmissionAccepted':
      return `Chấp nhận ${SUBMISSION_NAMES[event.data.submission]} của ${name(event.data.unitId)} (phiên bản ${event.data.version})`;
    case 'SubmissionReturned': {
      const by =
        event.data.correctByAt && context.timeZone
          ? ` trước ${localTime(event.data.correctByAt, context.timeZone).vi}`
          : '';
      return `Trả lại ${SUBMISSION_NAMES[event.data.submission]} của ${name(event.data.unitId)} (phiên bản ${event.data.version}) để chỉnh sửa${by}`;
    }
    case 'ScoreAdjusted':
      return `Điều chỉnh điểm ${criterionLabel(criteria, event.data.criterionId)} của ${name(event.data.unitId)}: ${points(event.data.from)} → ${points(event.data.to)}`;
  }
}

const STEP_OF_EVENT = {
  RegistrationSubmitted: 'registration',
  MidYearReportSubmitted: 'mid-year-review',
  SelfAssessmentSubmitted: 'self-assessment',
} as const;

/** The units whose late mark an extension clears: their late submission now comes by the new due date. */
function clearedBy(extension: { step: string; unitId?: string; dueAt: string }, context: TrailContext): string[] {
  return Object.entries(context.late?.[extension.step] ?? {})
    .filter(
      ([unitId, submittedAt]) =>
        (extension.unitId === undefined || extension.unitId === unitId) && !isLate(submittedAt, extension.dueAt),
    )
    .map(([unitId]) => unitId);
}

function lateNote(late: boolean): string {
  return late ? ' — trễ hạn' : '';
}

function criterionLabel(criteria: CriteriaTable, id: string): string {
  const items = [...criteria.groups.flatMap((g) => g.criteria), ...criteria.bonus, ...criteria.penalty];
  const item = items.find((c) => c.id === id);
  return item ? `tiêu chí ${id} (${item.title})` : `tiêu chí ${id}`;
}

/** ", 1 phiếu trắng, 2 phiếu không hợp lệ": only what the tally recorded. */
function paperBallotsLine(tally: { blank?: number; spoiled?: number }): string {
  const parts = [
    ...(tally.blank ? [`${tally.blank} phiếu trắng`] : []),
    ...(tally.spoiled ? [`${tally.spoiled} phiếu không hợp lệ`] : []),
  ];
  return parts.map((part) => `, ${part}`).join('');
}

/**
 * The decision's signer with the title of the signature block before it ("KT. CHỦ TỊCH / PHÓ CHỦ
 * TỊCH Nguyễn Văn A"), or alone when the signer already opens with the position signed in (the
 * title's last line without KT., TM., ...): "Chủ tịch UBND tỉnh An Giang" under "CHỦ TỊCH" is said once.
 */
export function signerText(signer: string, signerTitle: string | undefined): string {
  if (!signerTitle) return signer;
  const position = signerTitle
    .split('/')
    .at(-1)!
    .trim()
    .replace(/^(KT|TM|TL|TUQ|Q)\.\s*/iu, '');
  const lower = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi');
  return position && lower(signer).startsWith(lower(position)) ? signer : `${signerTitle} ${signer}`;
}
