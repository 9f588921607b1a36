/**
 * audit-trail.xlsx: the audit trail as a sheet, one decision a row. It is made from the trail
 * itself, in which a ballot appears only as "unit X voted": how any unit voted is not in it.
 */
import ExcelJS from 'exceljs';
import type { CycleFacts } from './cycle-facts.js';
import { localMoment } from './vietnamese-format.js';

const ROLE_NAMES: Readonly<Record<string, string>> = {
  province: 'Ban Thi đua – Khen thưởng tỉnh',
  leader: 'Trưởng cụm',
  unit: 'Đơn vị',
  approver: 'Chủ tịch UBND tỉnh',
  auditor: 'Kiểm tra viên',
  system: 'Hệ thống',
};

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** About how many characters of 11 pt text a line of the summary (width 70) and reason (36) columns holds. */
const SUMMARY_CHARS_PER_LINE = 75;
const REASON_CHARS_PER_LINE = 38;

export const roleName = (role: string): string => ROLE_NAMES[role] ?? role;

export async function auditTrailWorkbook(facts: CycleFacts): Promise<Buffer> {
  const { config } = facts;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet('Nhật ký', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = `NHẬT KÝ ĐỢT THI ĐUA NĂM ${config.year} – ${config.clusterName.toUpperCase()}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.columns = [
    { key: 'no', width: 6 },
    { key: 'at', width: 20 },
    { key: 'role', width: 26 },
    { key: 'unit', width: 20 },
    { key: 'user', width: 18 },
    { key: 'summary', width: 70 },
    { key: 'reason', width: 36 },
    { key: 'position', width: 12 },
    { key: 'recorded', width: 40 },
  ];
  const headings = [
    'STT',
    'Thời điểm',
    'Vai trò',
    'Đơn vị',
    'Người thực hiện',
    'Nội dung',
    'Lý do',
    'Vị trí trong sổ',
    'Ghi nhận sau từ hồ sơ giấy',
  ];
  const head = ws.getRow(3);
  headings.forEach((text, i) => {
    const cell = head.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  facts.trail.forEach((entry, index) => {
    const row = ws.getRow(4 + index);
    row.values = [
      index + 1,
      localMoment(entry.at, config.timeZone),
      roleName(entry.actor.role),
      entry.actor.unitId ? facts.nameOf(entry.actor.unitId) : '',
      entry.actor.userId,
      entry.summary,
      entry.reason ?? '',
      entry.position,
      entry.recordedLater
        ? `ghi nhận lúc ${localMoment(entry.recordedLater.recordedAt, config.timeZone)} bởi ${entry.recordedLater.recordedBy}, căn cứ: ${entry.recordedLater.source}`
        : '',
    ];
    for (let c = 1; c <= headings.length; c++) {
      const cell = row.getCell(c);
      cell.alignment = { wrapText: c === 6 || c === 7 || c === 9, vertical: 'top' };
      cell.border = BORDER;
    }
    // Spreadsheet programs do not grow a wrapped row on opening: give it the lines it needs.
    const recorded = String(row.getCell(9).value ?? '');
    const lines = Math.max(
      Math.ceil(entry.summary.length / SUMMARY_CHARS_PER_LINE),
      Math.ceil((entry.reason ?? '').length / REASON_CHARS_PER_LINE),
      Math.ceil(recorded.length / 42),
      1,
    );
    row.height = 15 * lines;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
