/**
 * How the workbooks read on screen and on paper: Times New Roman as the administrative documents,
 * headings and text that wrap in rows as tall as their lines (spreadsheet programs do not grow a
 * row on opening, least of all a merged one), and a print setup: A4 landscape, fitted to the
 * page's width, the heading rows repeated on every page, margins, the page number in the footer.
 */
import type ExcelJS from 'exceljs';

export const FONT = { name: 'Times New Roman', size: 11 } as const;
export const BOLD = { ...FONT, bold: true } as const;
const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/**
 * Characters of 11 pt Times New Roman a column of width 1 holds (widths count the digits of the
 * workbook's default font, Calibri 11, which are wider), regular and bold; a little under, so that
 * a row estimated too tall shows white space rather than a clipped line.
 */
const CHARS_PER_WIDTH = { regular: 1.25, bold: 1.15 };
/** The height of a line of 11 pt text, and what a cell adds above and below, in points. */
const LINE_PT = 14;
const PADDING_PT = 4;

/** How many lines `text` takes in a column of `width`, broken at spaces as the program wraps it. */
export function wrappedLines(text: string, width: number, bold = false): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH[bold ? 'bold' : 'regular']));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used > 0 && used + 1 + word.length <= perLine) used += 1 + word.length;
      else {
        if (used > 0) lines += 1;
        // A word longer than the line is broken where it reaches the edge.
        lines += Math.ceil(word.length / perLine) - 1;
        used = word.length - (Math.ceil(word.length / perLine) - 1) * perLine;
      }
    }
  }
  return lines;
}

/** The height of a row whose tallest cell has `lines` lines. */
export const rowHeight = (lines: number): number => Math.max(1, lines) * LINE_PT + PADDING_PT;

/** The worksheet options of a wide table: A4 landscape, one page wide, `titleRows` ("4:6") on every page. */
export function a4Landscape(titleRows: string): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  const mm = (n: number) => Math.round((n / 25.4) * 100) / 100;
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: titleRows,
      horizontalCentered: true,
      margins: { top: mm(15), bottom: mm(15), left: mm(15), right: mm(10), header: mm(7), footer: mm(7) },
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&9Trang &P/&N' },
  };
}
