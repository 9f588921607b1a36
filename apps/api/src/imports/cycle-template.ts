/** GET /cycles/import/template.xlsx: the empty workbook, with its headings and a hint per item. */
import ExcelJS from 'exceljs';
import { AWARD_COLUMNS, CRITERIA_COLUMNS, GENERAL_ITEMS, SHEETS, UNIT_COLUMNS } from './cycle-workbook-layout.js';

export async function cycleTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const sheet = (name: string, headings: readonly string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...headings]).font = { bold: true };
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  };
  const general = sheet(SHEETS.general, ['Mục', 'Giá trị', 'Hướng dẫn'], [30, 30, 60]);
  for (const item of GENERAL_ITEMS)
    general.addRow([item.label, null, `${item.required ? 'bắt buộc' : 'không bắt buộc'}; ${item.hint}`]);
  sheet(SHEETS.units, UNIT_COLUMNS, [24, 36, 34]);
  sheet(SHEETS.criteria, CRITERIA_COLUMNS, [24, 10, 36, 10, 50, 12, 22, 14]);
  const awards = sheet(SHEETS.awards, AWARD_COLUMNS, [28, 40, 12]);
  awards.addRow(['emulation-flag', 'Cờ thi đua của UBND tỉnh', 1]);
  awards.addRow(['certificate-of-merit', 'Bằng khen của Chủ tịch UBND tỉnh', 2]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
