/**
 * RFC 9457 problem details: the one shape of every error the API answers. Titles and details are
 * Vietnamese for people, English when the client asks for it (`Accept-Language: en`).
 */
export type Lang = 'vi' | 'en';

export interface FieldErrors {
  /** A path into the body or query, e.g. `scores.0.points`. */
  field: string;
  messages: string[];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldErrors[];
  instance?: string;
}

type Text = Readonly<Record<Lang, string>>;

/** Generic titles per status; the detail says what happened. */
const TITLES: Readonly<Record<number, Text>> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { vi: 'Chưa xác thực', en: 'Unauthorized' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  409: { vi: 'Xung đột với trạng thái hiện tại', en: 'Conflict' },
  413: { vi: 'Nội dung quá lớn', en: 'Payload too large' },
  415: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' },
  422: { vi: 'Vi phạm quy tắc nghiệp vụ', en: 'Business rule violated' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  500: { vi: 'Lỗi máy chủ', en: 'Internal server error' },
  503: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service unavailable' },
};

/** The shell's own codes (the domain's are in libs/domain's DOMAIN_ERRORS). */
export const SHELL_PROBLEMS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is invalid' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung không phải là JSON hợp lệ', en: 'The body is not valid JSON' },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  UNAUTHENTICATED: {
    status: 401,
    vi: 'Chưa đăng nhập: cần phiên đăng nhập hoặc mã truy cập (Authorization: Bearer ...)',
    en: 'Sign in, or send a bearer token',
  },
  SESSION_EXPIRED: {
    status: 401,
    vi: 'Phiên đăng nhập đã hết hạn hoặc đã kết thúc; hãy đăng nhập lại',
    en: 'The session has expired or ended; sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  OIDC_FAILED: {
    status: 401,
    vi: 'Đăng nhập qua nhà cung cấp định danh không thành công; hãy thử lại',
    en: 'Signing in through the identity provider failed; try again',
  },
  CSRF_REJECTED: {
    status: 403,
    vi: 'Yêu cầu bị từ chối: thiếu hoặc sai mã chống giả mạo (X-CSRF-Token), hoặc gửi từ trang khác',
    en: 'Rejected: the X-CSRF-Token is missing or wrong, or the request came from another site',
  },
  OIDC_NOT_CONFIGURED: {
    status: 404,
    vi: 'Máy chủ này không dùng đăng nhập OIDC',
    en: 'OIDC sign-in is not configured on this server',
  },
  LOGIN_THROTTLED: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau',
    en: 'Too many failed sign-ins; retry later',
  },
  INVALID_TOKEN: { status: 401, vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn', en: 'The token is invalid or expired' },
  FORBIDDEN_ROLE: {
    status: 403,
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
    en: 'Your role may not do this',
  },
  NOT_YOUR_UNIT: {
    status: 403,
    vi: 'Bạn chỉ được thao tác cho đơn vị của mình',
    en: 'You may act only for your own unit',
  },
  NOT_FOUND: { status: 404, vi: 'Không có đường dẫn này', en: 'No such route' },
  CONCURRENCY_CONFLICT: {
    status: 409,
    vi: 'Dữ liệu vừa được người khác thay đổi; hãy thử lại',
    en: 'The data changed concurrently; try again',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác',
    en: 'This Idempotency-Key was used with another request body',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Chỉ nhận nội dung JSON mã hóa UTF-8 (Content-Type: application/json)',
    en: 'Only UTF-8 JSON bodies are accepted (Content-Type: application/json)',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    vi: 'Nội dung gửi lên vượt quá giới hạn cho phép',
    en: 'The body exceeds the size limit',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    vi: 'Bạn gửi quá nhiều yêu cầu; hãy thử lại sau',
    en: 'Too many requests; retry later',
  },
  READ_MODEL_BEHIND: {
    status: 503,
    vi: 'Dữ liệu đọc chưa cập nhật tới vị trí yêu cầu; hãy thử lại',
    en: 'The read model has not reached the requested position yet; retry',
  },
  READ_MODEL_CATCHING_UP: {
    status: 503,
    vi: 'Máy chủ vừa khởi động và đang nạp lại dữ liệu đọc từ nhật ký; hãy thử lại sau giây lát',
    en: 'The server has just started and is still catching up its read models with the log; retry shortly',
  },
  STARTING: {
    status: 503,
    vi: 'Máy chủ đang khởi động; hãy thử lại sau giây lát',
    en: 'The server is starting; retry shortly',
  },
  OIDC_UNAVAILABLE: {
    status: 503,
    vi: 'Không kết nối được nhà cung cấp định danh; hãy thử lại sau',
    en: 'The identity provider cannot be reached; retry later',
  },
  TREE_SIZE_OUT_OF_RANGE: {
    status: 400,
    vi: 'Kích thước cây hoặc vị trí không nằm trong nhật ký đã ký',
    en: 'The tree size or position is not within the signed log',
  },
  LOG_REWRITTEN: {
    status: 409,
    vi: 'Nhật ký đã bị viết lại so với cây đã ký; không thể lập gói kiểm toán. Hãy báo ngay cho người kiểm toán',
    en: 'The log was rewritten under its signed tree; no audit bundle can be made. Alert the auditors',
  },
  NO_CHECKPOINT: { status: 409, vi: 'Nhật ký chưa có điểm kiểm tra đã ký', en: 'The log has no signed checkpoint yet' },
  EVENT_STORE_UNAVAILABLE: {
    status: 503,
    vi: 'Kho sự kiện tạm thời không truy cập được',
    en: 'The event store is unavailable',
  },
  DOCUMENT_NOT_READY: {
    status: 409,
    vi: 'Chưa có dữ liệu để lập văn bản này ở thời điểm yêu cầu',
    en: 'The cycle has no data for this document at that point yet',
  },
  FILE_MISSING: {
    status: 400,
    vi: 'Thiếu tệp: gửi đúng một tệp trong trường "file" (multipart/form-data)',
    en: 'Send exactly one file in the "file" field (multipart/form-data)',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ nhận tệp PDF, DOCX, XLSX, JPEG hoặc PNG (nhận biết theo nội dung tệp)',
    en: 'Only PDF, DOCX, XLSX, JPEG or PNG files are accepted (recognised by their content)',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp đính kèm', en: 'Attachment not found' },
  UNKNOWN_ATTACHMENT: {
    status: 422,
    vi: 'Tham chiếu tới tệp đính kèm chưa được tải lên',
    en: 'The reference names an attachment that was never uploaded',
  },
  IMPORT_PROBLEMS: {
    status: 422,
    vi: 'Tệp Excel có lỗi; xem danh sách lỗi theo trang tính, dòng và cột',
    en: 'The workbook has problems; see the list by sheet, row and column',
  },
  INTERNAL_ERROR: {
    status: 500,
    vi: 'Đã có lỗi ngoài dự kiến; lỗi đã được ghi lại',
    en: 'Unexpected error; it has been logged',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ShellProblemCode = keyof typeof SHELL_PROBLEMS;

/** An error the shell raises on purpose; the filter renders it as is. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    status: number,
    readonly text: Text,
    readonly errors?: FieldErrors[],
  ) {
    super(text.en);
    this.name = 'ProblemError';
    this.status = status;
  }

  static of(code: ShellProblemCode, errors?: FieldErrors[], text?: Partial<Text>): ProblemError {
    const entry = SHELL_PROBLEMS[code];
    return new ProblemError(code, entry.status, { vi: text?.vi ?? entry.vi, en: text?.en ?? entry.en }, errors);
  }
}

export function problemBody(input: {
  status: number;
  code: string;
  detail: Text;
  errors?: FieldErrors[];
  lang: Lang;
}): ProblemBody {
  const title = TITLES[input.status] ?? TITLES[input.status >= 500 ? 500 : 400]!;
  return {
    type: `urn:thidua:problem:${input.code.toLowerCase().replace(/_/g, '-')}`,
    title: title[input.lang],
    status: input.status,
    detail: input.detail[input.lang],
    code: input.code,
    ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
  };
}

export function languageOf(acceptLanguage: string | string[] | undefined): Lang {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return value && /^\s*en\b/i.test(value) ? 'en' : 'vi';
}
