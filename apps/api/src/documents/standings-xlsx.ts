/** standings.xlsx: the score table as a workbook (numeric cells, frozen headings, A4 landscape). */
import ExcelJS from 'exceljs';
import type { CycleFacts } from './cycle-facts.js';
import {
  awardsCell,
  groupSpans,
  pointsColumns,
  standingsSubtitle,
  standingsTitle,
  voteCell,
} from './standings-table.js';
import { localMoment } from './vietnamese-format.js';

const POINTS_FORMAT = '0.00';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function standingsWorkbook(facts: CycleFacts): Promise<Buffer> {
  const columns = pointsColumns(facts.config);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet('Bảng điểm', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:6',
    },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }],
  });
  // Columns: A rank, B unit, then two per scored item (self, final), two totals, vote, nominated, awarded.
  const first = 3;
  const totalCol = first + columns.length * 2;
  const lastCol = totalCol + 4;
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 22;
  for (let c = first; c < totalCol + 2; c++) ws.getColumn(c).width = 10;
  ws.getColumn(totalCol + 2).width = 34;
  ws.getColumn(totalCol + 3).width = 22;
  ws.getColumn(totalCol + 4).width = 22;

  ws.mergeCells(1, 1, 1, lastCol);
  ws.getCell(1, 1).value = standingsTitle(facts);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  ws.getCell(2, 1).value = standingsSubtitle(facts, localMoment(facts.asOf, facts.config.timeZone));
  ws.getCell(2, 1).alignment = { horizontal: 'center' };

  const heading = (row: number, col: number, text: string, toRow = row, toCol = col) => {
    if (toRow !== row || toCol !== col) ws.mergeCells(row, col, toRow, toCol);
    const cell = ws.getCell(row, col);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  heading(4, 1, 'Hạng', 6, 1);
  heading(4, 2, 'Đơn vị', 6, 2);
  for (const span of groupSpans(columns))
    heading(4, first + span.from * 2, span.title, 4, first + (span.from + span.count) * 2 - 1);
  columns.forEach((column, i) => {
    heading(5, first + i * 2, `${column.id}. ${column.title} (tối đa ${column.maxPoints})`, 5, first + i * 2 + 1);
    heading(6, first + i * 2, 'Tự chấm');
    heading(6, first + i * 2 + 1, 'Thẩm định');
  });
  heading(4, totalCol, 'Tổng điểm', 5, totalCol + 1);
  heading(6, totalCol, 'Tự chấm');
  heading(6, totalCol + 1, facts.locked ? 'Chính thức' : 'Tạm tính');
  heading(4, totalCol + 2, 'Kết quả bỏ phiếu', 6, totalCol + 2);
  heading(4, totalCol + 3, 'Được đề nghị khen thưởng', 6, totalCol + 3);
  heading(4, totalCol + 4, 'Được khen thưởng', 6, totalCol + 4);
  // Explicit heights: spreadsheet programs do not grow merged or wrapped rows on opening.
  ws.getRow(4).height = 32;
  ws.getRow(5).height = 80;
  ws.getRow(6).height = 18;

  facts.lines.forEach((line, index) => {
    const row = ws.getRow(7 + index);
    row.getCell(1).value = line.rank;
    row.getCell(2).value = line.unitName;
    columns.forEach((column, i) => {
      row.getCell(first + i * 2).value = line.selfPoints[column.id] ?? null;
      row.getCell(first + i * 2 + 1).value = line.finalPoints[column.id] ?? null;
    });
    row.getCell(totalCol).value = line.selfTotal;
    row.getCell(totalCol + 1).value = line.finalTotal ?? line.provisionalTotal;
    row.getCell(totalCol + 2).value = voteCell(line, facts) || null;
    row.getCell(totalCol + 3).value = awardsCell(line.nominated) || null;
    row.getCell(totalCol + 4).value = awardsCell(line.awarded) || null;
    for (let c = first; c < totalCol + 2; c++) row.getCell(c).numFmt = POINTS_FORMAT;
    for (let c = totalCol + 2; c <= lastCol; c++) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(totalCol + 1).font = { bold: true };
    row.height = line.vote.length > 0 || line.nominated.length > 0 ? 48 : 18;
  });
  for (let r = 4; r < 7 + facts.lines.length; r++) for (let c = 1; c <= lastCol; c++) ws.getCell(r, c).border = BORDER;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
