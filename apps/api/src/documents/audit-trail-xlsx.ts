/**
 * audit-trail.xlsx: the audit trail as a sheet, one decision a row. It is made from the trail
 * itself, in which a ballot appears only as "unit X voted": how any unit voted is not in it.
 * Who acted is named by their account ("Lê Văn Minh (truong-cum)"), else by their id. The column
 * of entries recorded later from paper is there only when some entry was.
 */
import ExcelJS from 'exceljs';
import type { AuditEntry } from '#projections';
import type { CycleFacts } from './cycle-facts.js';
import { a4Landscape, BOLD, BORDER, FONT, rowHeight, wrappedLines } from './sheet-print.js';
import { localMoment } from './vietnamese-format.js';

const ROLE_NAMES: Readonly<Record<string, string>> = {
  province: 'Ban Thi đua – Khen thưởng tỉnh',
  leader: 'Trưởng cụm',
  unit: 'Đơn vị',
  approver: 'Chủ tịch UBND tỉnh',
  auditor: 'Kiểm tra viên',
  system: 'Hệ thống',
};

export const roleName = (role: string): string => ROLE_NAMES[role] ?? role;

type Column = { heading: string; width: number; align?: 'center' | 'right' };

const COLUMNS: Column[] = [
  { heading: 'STT', width: 5, align: 'center' },
  { heading: 'Thời điểm', width: 11 },
  { heading: 'Vai trò', width: 15 },
  { heading: 'Đơn vị', width: 14 },
  { heading: 'Người thực hiện', width: 18 },
  { heading: 'Nội dung', width: 55 },
  { heading: 'Lý do', width: 26 },
  { heading: 'Vị trí trong sổ', width: 9, align: 'center' },
];
const RECORDED_LATER: Column = { heading: 'Ghi nhận sau từ hồ sơ giấy', width: 30 };
const HEAD_ROW = 3;

export async function auditTrailWorkbook(facts: CycleFacts): Promise<Buffer> {
  const { config } = facts;
  const zone = config.timeZone;
  const fromPaper = facts.trail.some((e) => e.recordedLater);
  const columns = fromPaper ? [...COLUMNS, RECORDED_LATER] : COLUMNS;
  /** The name on its line, the username under it in brackets (a hyphenated id would break anywhere). */
  const person = (userId: string) => {
    const name = facts.accountName(userId);
    return name ? `${name}\n(${userId})` : userId;
  };
  const recordedLaterText = (later: NonNullable<AuditEntry['recordedLater']>) =>
    `ghi nhận lúc ${localMoment(later.recordedAt, zone)} bởi ${facts.actorName(later.recordedBy)}, ` +
    `căn cứ: ${later.source}`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet('Nhật ký', {
    ...a4Landscape(`${HEAD_ROW}:${HEAD_ROW}`),
    views: [{ state: 'frozen', ySplit: HEAD_ROW }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));

  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number) => {
    ws.mergeCells(row, 1, row, columns.length);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(row).height = height;
  };
  banner(1, `NHẬT KÝ ĐỢT THI ĐUA NĂM ${config.year} – ${config.clusterName.toUpperCase()}`, { ...BOLD, size: 14 }, 22);
  banner(2, `Số liệu đến ${localMoment(facts.asOf, zone)}`, { ...FONT, italic: true }, 18);

  const head = ws.getRow(HEAD_ROW);
  columns.forEach((column, i) => {
    const cell = head.getCell(i + 1);
    cell.value = column.heading;
    cell.font = BOLD;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  head.height = rowHeight(Math.max(...columns.map((c) => wrappedLines(c.heading, c.width, true))));

  facts.trail.forEach((entry, index) => {
    const later = entry.recordedLater;
    const values: (string | number)[] = [
      index + 1,
      localMoment(entry.at, zone),
      roleName(entry.actor.role),
      entry.actor.unitId ? facts.nameOf(entry.actor.unitId) : '',
      person(entry.actor.userId),
      entry.summary,
      entry.reason ?? '',
      entry.position,
      ...(fromPaper ? [later ? recordedLaterText(later) : ''] : []),
    ];
    const row = ws.getRow(HEAD_ROW + 1 + index);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.font = FONT;
      cell.alignment = {
        wrapText: true,
        vertical: 'top',
        ...(columns[i]!.align ? { horizontal: columns[i]!.align } : {}),
      };
      cell.border = BORDER;
    });
    row.height = rowHeight(Math.max(...values.map((v, i) => wrappedLines(String(v), columns[i]!.width))));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
