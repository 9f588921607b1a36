/** standings.xlsx: the score table as a workbook (numeric cells, frozen headings, A4 landscape one page wide). */
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
import { a4Landscape, BOLD, BORDER, FONT, rowHeight, wrappedLines } from './sheet-print.js';
import { localMoment } from './vietnamese-format.js';

const POINTS_FORMAT = '0.00';
/**
 * Column widths (in characters): as narrow as their figures and headings allow, so that the
 * 33 columns of the reference year print one A4 landscape page wide at about two thirds of 11 pt.
 */
const WIDTH = { rank: 5, unit: 16, points: 4.8, total: 6.5, vote: 18, awards: 13 };

export async function standingsWorkbook(facts: CycleFacts): Promise<Buffer> {
  const columns = pointsColumns(facts.config);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet('Bảng điểm', {
    ...a4Landscape('4:6'),
    views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }],
  });
  // Columns: A rank, B unit, then two per scored item (self, final), two totals, vote, nominated, awarded.
  const first = 3;
  const totalCol = first + columns.length * 2;
  const lastCol = totalCol + 4;
  const widths = [
    WIDTH.rank,
    WIDTH.unit,
    ...columns.flatMap(() => [WIDTH.points, WIDTH.points]),
    WIDTH.total,
    WIDTH.total,
    WIDTH.vote,
    WIDTH.awards,
    WIDTH.awards,
  ];
  widths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  /** The width of columns `from`..`to` merged. */
  const span = (from: number, to = from) => widths.slice(from - 1, to).reduce((a, b) => a + b, 0);

  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number) => {
    ws.mergeCells(row, 1, row, lastCol);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(row).height = height;
  };
  banner(1, standingsTitle(facts), { ...BOLD, size: 14 }, 22);
  banner(2, standingsSubtitle(facts, localMoment(facts.asOf, facts.config.timeZone)), { ...FONT, italic: true }, 18);

  /** Lines per heading row, for its height: a heading spanning rows counts in the last of them. */
  const headingLines: Record<number, number> = { 4: 1, 5: 1, 6: 1 };
  const heading = (row: number, col: number, text: string, toRow = row, toCol = col) => {
    if (toRow !== row || toCol !== col) ws.mergeCells(row, col, toRow, toCol);
    const cell = ws.getCell(row, col);
    cell.value = text;
    cell.font = BOLD;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (toRow === row) headingLines[row] = Math.max(headingLines[row]!, wrappedLines(text, span(col, toCol), true));
  };
  heading(4, 1, 'Hạng', 6, 1);
  heading(4, 2, 'Đơn vị', 6, 2);
  for (const group of groupSpans(columns))
    heading(4, first + group.from * 2, group.title, 4, first + (group.from + group.count) * 2 - 1);
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
  for (const row of [4, 5, 6]) ws.getRow(row).height = rowHeight(headingLines[row]!);

  facts.lines.forEach((line, index) => {
    const row = ws.getRow(7 + index);
    const texts: [number, string][] = [
      [2, line.unitName],
      [totalCol + 2, voteCell(line, facts)],
      [totalCol + 3, awardsCell(line.nominated)],
      [totalCol + 4, awardsCell(line.awarded)],
    ];
    row.getCell(1).value = line.rank;
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    columns.forEach((column, i) => {
      row.getCell(first + i * 2).value = line.selfPoints[column.id] ?? null;
      row.getCell(first + i * 2 + 1).value = line.finalPoints[column.id] ?? null;
    });
    row.getCell(totalCol).value = line.selfTotal;
    row.getCell(totalCol + 1).value = line.finalTotal ?? line.provisionalTotal;
    for (const [col, text] of texts) {
      row.getCell(col).value = text || null;
      row.getCell(col).alignment = { wrapText: true, vertical: 'top' };
    }
    for (let c = first; c < totalCol + 2; c++) {
      row.getCell(c).numFmt = POINTS_FORMAT;
      row.getCell(c).alignment = { vertical: 'top' };
    }
    for (let c = 1; c <= lastCol; c++) row.getCell(c).font = FONT;
    row.getCell(totalCol + 1).font = BOLD;
    row.height = rowHeight(Math.max(...texts.map(([col, text]) => wrappedLines(text, span(col)))));
  });
  for (let r = 4; r < 7 + facts.lines.length; r++) for (let c = 1; c <= lastCol; c++) ws.getCell(r, c).border = BORDER;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
