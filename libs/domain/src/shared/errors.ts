/**
 * Every refusal of the domain is a `DomainError` with a stable upper-case `code` (the HTTP API's
 * problem `code`) and a `kind` that the HTTP layer maps onto a status:
 * invalid → 400, forbidden → 403, not-found → 404, conflict → 409, rule → 422.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'rule';

export const HTTP_STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
};

/** The catalog: code → kind and a default message (Vietnamese for people, English alongside). */
export const DOMAIN_ERRORS = {
  VALIDATION_FAILED: { kind: 'invalid', vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  REASON_REQUIRED: { kind: 'invalid', vi: 'Phải nêu lý do', en: 'A reason is required' },
  DOSSIER_REQUIRED: {
    kind: 'invalid',
    vi: 'Hồ sơ đề nghị không được để trống',
    en: 'The nomination dossier is required',
  },

  FORBIDDEN_ROLE: {
    kind: 'forbidden',
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
    en: 'Your role may not do this',
  },
  NOT_YOUR_UNIT: {
    kind: 'forbidden',
    vi: 'Bạn chỉ được thao tác cho đơn vị của mình',
    en: 'You may act only for your own unit',
  },
  NOT_YOUR_PROVINCE: {
    kind: 'forbidden',
    vi: 'Bạn chỉ được mở đợt thi đua của tỉnh mình',
    en: 'You may open cycles of your own province only',
  },
  NOT_CLUSTER_LEADER: {
    kind: 'forbidden',
    vi: 'Đơn vị của bạn không phải là đơn vị trưởng cụm hoặc phó cụm của đợt thi đua này',
    en: 'Your unit neither leads nor deputizes this cycle',
  },

  CYCLE_NOT_FOUND: { kind: 'not-found', vi: 'Không tìm thấy đợt thi đua', en: 'Cycle not found' },
  NOT_A_MEMBER: {
    kind: 'not-found',
    vi: 'Đơn vị không phải là thành viên của cụm trong năm này',
    en: 'Not a member unit of this cycle',
  },
  SUBMISSION_NOT_FOUND: { kind: 'not-found', vi: 'Đơn vị chưa nộp hồ sơ này', en: 'No such submission' },

  CYCLE_ALREADY_OPEN: { kind: 'conflict', vi: 'Đợt thi đua này đã được mở', en: 'This cycle is already open' },
  CYCLE_CLOSED: { kind: 'conflict', vi: 'Đợt thi đua đã kết thúc', en: 'The cycle is closed' },
  CYCLE_NOT_FROM_PAPER: {
    kind: 'conflict',
    vi: 'Đợt thi đua này đang chạy trên hệ thống: không được ghi nhận bổ sung với ngày trong quá khứ',
    en: 'This cycle runs live: nothing can be recorded into it with a past date',
  },
  CYCLE_FROM_PAPER: {
    kind: 'conflict',
    vi: 'Đợt thi đua này được ghi nhận lại từ hồ sơ giấy: mỗi thao tác phải nêu ngày gốc và văn bản làm căn cứ',
    en: 'This cycle is recorded from paper: every command must give its original date and document',
  },
  STEP_NOT_OPEN: { kind: 'conflict', vi: 'Bước này chưa mở hoặc đã đóng', en: 'The step is not open' },
  STEP_ALREADY_OPEN: { kind: 'conflict', vi: 'Bước này đã được mở', en: 'The step is already open' },
  STEP_ALREADY_CLOSED: {
    kind: 'conflict',
    vi: 'Bước này đã đóng; muốn mở lại phải nêu lý do',
    en: 'The step is closed; reopen it with a reason',
  },
  STEP_OUT_OF_ORDER: {
    kind: 'conflict',
    vi: 'Phải hoàn thành bước trước đó',
    en: 'The previous step is not closed yet',
  },
  STEP_NOT_CLOSED: { kind: 'conflict', vi: 'Bước này chưa đóng', en: 'The step is not closed' },
  SUBMISSION_ALREADY_REVIEWED: {
    kind: 'conflict',
    vi: 'Hồ sơ này đã được xem xét',
    en: 'This submission was already reviewed',
  },
  SUBMISSION_VERSION_STALE: {
    kind: 'conflict',
    vi: 'Đã có phiên bản mới hơn của hồ sơ',
    en: 'A newer version of the submission exists',
  },
  SCORES_LOCKED: { kind: 'conflict', vi: 'Điểm đã được chốt', en: 'Scores are locked' },
  SCORES_NOT_LOCKED: { kind: 'conflict', vi: 'Điểm chưa được chốt', en: 'Scores are not locked yet' },
  SCORES_NOT_REVIEWED: {
    kind: 'conflict',
    vi: 'Chưa thể chốt điểm: còn đơn vị chưa được chấp nhận bản tự chấm điểm',
    en: 'Scores cannot be locked: some units have no accepted self-assessment',
  },
  SELF_ASSESSMENT_PRESENT: {
    kind: 'conflict',
    vi: 'Đơn vị đã nộp bản tự chấm điểm: hãy xem xét bản đó',
    en: 'The unit has a self-assessment: review it',
  },
  SELF_ASSESSMENT_MISSING_ALREADY_RECORDED: {
    kind: 'conflict',
    vi: 'Đã ghi nhận đơn vị không nộp bản tự chấm điểm',
    en: 'The missing self-assessment is already recorded',
  },
  VOTE_NOT_OPEN: { kind: 'conflict', vi: 'Cuộc bỏ phiếu chưa mở hoặc đã kết thúc', en: 'The vote is not open' },
  VOTE_MODE_MISMATCH: {
    kind: 'conflict',
    vi: 'Thao tác không phù hợp với hình thức bỏ phiếu',
    en: 'Not allowed in this vote mode',
  },
  ALREADY_VOTED: { kind: 'conflict', vi: 'Đơn vị đã bỏ phiếu', en: 'This unit has already voted' },
  DUPLICATE_RECEIPT: {
    kind: 'conflict',
    vi: 'Mã biên nhận phiếu đã được dùng',
    en: 'This ballot receipt is already used',
  },
  TALLY_MISSING: {
    kind: 'conflict',
    vi: 'Chưa ghi nhận kết quả kiểm phiếu trên giấy',
    en: 'No paper tally recorded yet',
  },
  VOTE_NOT_CLOSED: { kind: 'conflict', vi: 'Cuộc bỏ phiếu chưa kết thúc', en: 'The vote is not closed' },
  NOMINATIONS_PENDING: {
    kind: 'conflict',
    vi: 'Hồ sơ đề nghị đang chờ tỉnh xem xét',
    en: 'Nominations are awaiting review',
  },
  NOMINATIONS_ALREADY_ACCEPTED: {
    kind: 'conflict',
    vi: 'Hồ sơ đề nghị đã được tỉnh tiếp nhận',
    en: 'Nominations are already accepted',
  },
  NOMINATIONS_NOT_SUBMITTED: {
    kind: 'conflict',
    vi: 'Chưa có hồ sơ đề nghị chờ xem xét',
    en: 'No nominations awaiting review',
  },
  NOMINATIONS_NOT_ACCEPTED: {
    kind: 'conflict',
    vi: 'Hồ sơ đề nghị chưa được tỉnh tiếp nhận',
    en: 'Nominations are not accepted',
  },
  AWARD_ALREADY_REVOKED: { kind: 'conflict', vi: 'Danh hiệu đã bị thu hồi', en: 'The award is already revoked' },
  COUNCIL_ALREADY_REVIEWED: {
    kind: 'conflict',
    vi: 'Đã ghi nhận kết quả xét của Hội đồng Thi đua – Khen thưởng tỉnh cho hồ sơ này',
    en: "The council's review of this dossier is already recorded",
  },
  COUNCIL_REVIEW_MISSING: {
    kind: 'conflict',
    vi: 'Chưa ghi nhận kết quả xét của Hội đồng Thi đua – Khen thưởng tỉnh',
    en: "The provincial council's review is not recorded yet",
  },
  UNIT_DISSOLVED: { kind: 'conflict', vi: 'Đơn vị đã giải thể hoặc sáp nhập', en: 'The unit was dissolved or merged' },
  LEADER_TO_BE_REPLACED: {
    kind: 'conflict',
    vi: 'Đơn vị đang là trưởng cụm hoặc phó cụm: phải thay trước',
    en: 'The unit leads or deputizes the cycle: replace it first',
  },
  NOMINATION_ALREADY_DECIDED: {
    kind: 'conflict',
    vi: 'Đề nghị này đã được quyết định',
    en: 'This nomination is already decided',
  },

  DUE_NOT_LATER: {
    kind: 'rule',
    vi: 'Hạn mới phải sau hạn đang áp dụng',
    en: 'The new due date must be later than the one in force',
  },
  ORIGINAL_DATE_IN_FUTURE: {
    kind: 'rule',
    vi: 'Ngày gốc trên hồ sơ giấy không được sau thời điểm ghi nhận',
    en: 'The original date cannot be after the moment it is recorded',
  },
  POINTS_EXCEED_MAX: { kind: 'rule', vi: 'Điểm vượt quá điểm tối đa của tiêu chí', en: 'Points exceed the maximum' },
  CANDIDATE_NOT_ELIGIBLE: {
    kind: 'rule',
    vi: 'Đơn vị không đủ điều kiện làm ứng viên',
    en: 'Not an eligible candidate',
  },
  QUORUM_NOT_REACHED: {
    kind: 'rule',
    vi: 'Chưa đủ số đơn vị tham gia bỏ phiếu theo quy định',
    en: 'Quorum not reached',
  },
  QUOTA_EXCEEDED: { kind: 'rule', vi: 'Vượt quá chỉ tiêu đề nghị khen thưởng', en: 'Quota exceeded' },
  NOMINATION_OUT_OF_ORDER: {
    kind: 'rule',
    vi: 'Đề nghị phải theo thứ tự xếp hạng: không bỏ qua đơn vị xếp trên',
    en: 'Nominations follow the ranking: a higher-ranked unit may not be passed over',
  },
  CANDIDATE_NOT_PASSED: {
    kind: 'rule',
    vi: 'Đơn vị không đạt tỷ lệ phiếu tán thành cần thiết',
    en: 'The candidate did not pass the vote',
  },
  NOT_NOMINATED: { kind: 'rule', vi: 'Không thể khen thưởng đơn vị không được đề nghị', en: 'Not nominated' },
  AWARD_NOT_GRANTED: { kind: 'rule', vi: 'Đơn vị không được tặng danh hiệu này', en: 'This award was not granted' },
  COUNCIL_REVIEW_INCOMPLETE: {
    kind: 'rule',
    vi: 'Kết quả của Hội đồng phải nêu từng đề nghị',
    en: "The council's review must give a result for every nomination",
  },
  COUNCIL_NOT_PASSED: {
    kind: 'rule',
    vi: 'Hội đồng Thi đua – Khen thưởng tỉnh không thông qua đề nghị này',
    en: 'The provincial council did not pass this nomination',
  },
  NOT_A_LOWER_FORM: {
    kind: 'rule',
    vi: 'Không phải là hình thức khen thưởng thấp hơn',
    en: 'Not a lower form of award',
  },
} as const satisfies Record<string, { kind: DomainErrorKind; vi: string; en: string }>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

/**
 * One offending field of a VALIDATION_FAILED error (`field` is a JSON path like `scores[2].points`),
 * with its message in Vietnamese (`message`) and English (`messageEn`).
 */
export type FieldError = { field: string; message: string; messageEn: string };

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly errors?: FieldError[];
  /** English message, for logs. `message` is the Vietnamese one, for people. */
  readonly messageEn: string;

  constructor(
    readonly code: DomainErrorCode,
    detail?: { vi?: string; en?: string; errors?: FieldError[] },
  ) {
    const entry = DOMAIN_ERRORS[code];
    super(detail?.vi ?? entry.vi);
    this.name = 'DomainError';
    this.kind = entry.kind;
    this.messageEn = detail?.en ?? entry.en;
    if (detail?.errors) this.errors = detail.errors;
  }

  get status(): number {
    return HTTP_STATUS_OF_KIND[this.kind];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
