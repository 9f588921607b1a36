/**
 * Reading back what the API hands out as files: downloads as bytes, and the text of a workbook
 * (exceljs), a Word document (unzipped, its XML read) and a PDF (poppler's `pdftotext`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a problem's fields are read one by one in tests
export type Download = { status: number; headers: Headers; bytes: Buffer; json?: any };

export async function download(url: string, token?: string, init: RequestInit = {}): Promise<Download> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(url, { ...init, headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    ...(type.includes('json') ? { json: JSON.parse(bytes.toString('utf8')) } : {}),
  };
}

/** A cell's value as people read it: rich text and formulas flattened, numbers kept as numbers. */
function plain(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return (value.result as number | string) ?? null;
  return String(value);
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every row of a sheet as an array of plain values (index 0 = column A). */
export function sheetRows(ws: ExcelJS.Worksheet): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: (string | number | null)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(plain(row.getCell(c).value));
    rows[rowNumber - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

/** A .docx's paragraphs (text) and its tables (rows of cell texts), in document order. */
export async function readDocx(bytes: Buffer): Promise<{ paragraphs: string[]; tables: string[][][]; xml: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0])).filter((t) => t.length > 0);
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    ),
  );
  return { paragraphs, tables, xml };
}

/**
 * A PDF's text laid out as on the page (`pdftotext -layout`), its text in drawing order with the
 * white space collapsed (`-raw`: a wrapped cell reads as one phrase), and its fonts (`pdffonts`),
 * with Debian's poppler-utils.
 */
export function readPdf(bytes: Buffer): { text: string; flowing: string; fonts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      flowing: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
      fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page setup of a sheet made to be printed: A4 landscape, one page wide, as many pages long as it takes. */
export const A4_LANDSCAPE_ONE_PAGE_WIDE = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const;
