/**
 * The layout of the workbook a province fills in to open a cycle (docs/cycle-import.md): four
 * sheets, each with its headings in row 1 and one item a row from row 2.
 */
export const SHEETS = {
  general: 'Thông tin chung',
  units: 'Đơn vị',
  criteria: 'Tiêu chí',
  awards: 'Khen thưởng',
} as const;

/** "Thông tin chung": column A names the item (as below), column B gives its value. */
export const GENERAL_ITEMS = [
  { key: 'clusterId', label: 'Mã cụm', required: true, hint: 'chữ thường không dấu, số, "-", ví dụ an-giang-cum-2' },
  { key: 'clusterName', label: 'Tên cụm', required: true, hint: 'ví dụ Cụm thi đua số 2' },
  { key: 'provinceId', label: 'Mã tỉnh', required: true, hint: 'ví dụ an-giang' },
  { key: 'year', label: 'Năm', required: true, hint: 'ví dụ 2026' },
  { key: 'timeZone', label: 'Múi giờ', required: false, hint: 'mặc định Asia/Ho_Chi_Minh' },
  { key: 'registration', label: 'Hạn đăng ký thi đua', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'mid-year-review', label: 'Hạn sơ kết 6 tháng', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'self-assessment', label: 'Hạn tự chấm điểm', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'vote', label: 'Hạn bình xét, bỏ phiếu', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'nomination', label: 'Hạn đề nghị khen thưởng', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'decision', label: 'Hạn quyết định khen thưởng', required: true, hint: 'ngày (dd/mm/yyyy)' },
  { key: 'quorum', label: 'Tỷ lệ tham gia tối thiểu', required: false, hint: 'ví dụ 2/3 (mặc định)' },
  { key: 'passThreshold', label: 'Ngưỡng thông qua', required: false, hint: 'ví dụ 70% (mặc định)' },
  { key: 'of', label: 'Ngưỡng tính trên', required: false, hint: '"số phiếu" (mặc định) hoặc "tổng số đơn vị"' },
  {
    key: 'registrationRequired',
    label: 'Bắt buộc đăng ký thi đua',
    required: false,
    hint: '"có" hoặc "không" (mặc định: có với các năm trước 2024)',
  },
  { key: 'minimumTotal', label: 'Tổng điểm tối thiểu để được xét', required: false, hint: 'ví dụ 80' },
] as const;

export const SCHEDULE_KEYS = [
  'registration',
  'mid-year-review',
  'self-assessment',
  'vote',
  'nomination',
  'decision',
] as const;

/** "Đơn vị": id, name, and the leader and deputy marked in the third column. */
export const UNIT_COLUMNS = ['Mã đơn vị', 'Tên đơn vị', 'Vai trò (Trưởng cụm / Phó cụm)'] as const;
export const LEADER = 'Trưởng cụm';
export const DEPUTY = 'Phó cụm';

/** "Tiêu chí": one criterion, bonus or penalty item a row; criteria grouped by their group's id. */
export const CRITERIA_COLUMNS = [
  'Loại (Tiêu chí / Điểm thưởng / Điểm trừ)',
  'Mã nhóm',
  'Tên nhóm',
  'Mã',
  'Nội dung',
  'Điểm tối đa',
  'Cách chấm (định lượng / định tính)',
  'Đơn vị tính',
  'Chiều chấm theo số liệu (cao hơn tốt hơn / thấp hơn tốt hơn)',
  'Tỷ lệ đạt điểm tối đa (vd. 1,2 = 120% kế hoạch)',
] as const;
/** The directions of a criterion scored from figures, as the workbook writes them. */
export const FORMULA_DIRECTION_WORDS = {
  'cao hơn tốt hơn': 'higher-is-better',
  'thấp hơn tốt hơn': 'lower-is-better',
} as const;
export const CRITERION = 'Tiêu chí';
export const BONUS = 'Điểm thưởng';
export const PENALTY = 'Điểm trừ';
export const QUANTITATIVE = 'định lượng';
export const QUALITATIVE = 'định tính';

/** "Khen thưởng": the award kinds and their quota per cluster. */
export const AWARD_COLUMNS = ['Mã hình thức khen thưởng', 'Tên', 'Số lượng'] as const;
