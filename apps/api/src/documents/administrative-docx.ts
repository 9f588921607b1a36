/**
 * The layout of an administrative document of Nghị định 30/2020/NĐ-CP (Phụ lục I), for `docx`:
 * A4 portrait, margins 20/20/30/15 mm, Times New Roman 13–14 pt; the heading as two borderless
 * columns (issuing body and number on the left; national motto, tagline and place and date on the
 * right); the title; the body; the signature blocks and the recipients.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';

export const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
/** Text width: A4 (210 mm) less 30 mm left and 15 mm right. */
export const TEXT_WIDTH = Math.round(165 * MM);

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type RunOptions = { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean };
const run = (text: string, o: RunOptions = {}) =>
  new TextRun({ text, font: FONT, size: (o.size ?? 13) * 2, bold: o.bold, italics: o.italics });

export function centered(text: string, o: RunOptions & { after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    children: [run(text, o)],
  });
}

/** A short rule under the issuing body or the tagline (a bottom border on an indented paragraph). */
function rule(widthMm: number, columnMm: number): Paragraph {
  const side = Math.round(((columnMm - widthMm) / 2) * MM);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { after: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

export type Heading = {
  /** Cơ quan chủ quản (may be absent), and the issuing body. */
  parent?: string;
  issuer: string;
  /** "Số: /BB-CTĐ": the number is left blank for the registry office to fill in. */
  numberLine: string;
  /** "Chợ Mới, ngày 15 tháng 01 năm 2021". */
  placeAndDate: string;
};

/** Ô số 1–4 of Phụ lục I: issuing body and number (left), motto, tagline, place and date (right). */
export function heading(h: Heading): Table {
  const leftMm = 70;
  const rightMm = 95;
  const cell = (children: Paragraph[], mm: number) =>
    new TableCell({ width: { size: Math.round(mm * MM), type: WidthType.DXA }, borders: NO_BORDERS, children });
  const left = [
    ...(h.parent ? [centered(h.parent.toUpperCase(), { size: 13 })] : []),
    centered(h.issuer.toUpperCase(), { bold: true, size: 13 }),
    rule(25, leftMm),
    centered(h.numberLine, { size: 13 }),
  ];
  const right = [
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 }),
    centered('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13 }),
    rule(58, rightMm),
    centered(h.placeAndDate, { italics: true, size: 13 }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(leftMm * MM), Math.round(rightMm * MM)],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftMm), cell(right, rightMm)] })],
  });
}

/** Ô số 5: the kind of document and its summary, bold and centred. */
export function title(kind: string, summary: string[]): Paragraph[] {
  return [
    centered(kind.toUpperCase(), { bold: true, size: 14, before: 360 }),
    ...summary.map((line, i) => centered(line, { bold: true, size: 14, after: i === summary.length - 1 ? 240 : 0 })),
  ];
}

/** A paragraph of the body: justified, first line indented 1 cm (a centred one is not), 6 pt after. */
export function para(
  text: string | { text: string; bold?: boolean; italics?: boolean }[],
  o: { indent?: boolean; center?: boolean } = {},
): Paragraph {
  const parts = typeof text === 'string' ? [{ text }] : text;
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: o.indent === false || o.center ? undefined : { firstLine: Math.round(10 * MM) },
    spacing: { after: 120, line: 300 },
    children: parts.map((p) => run(p.text, { size: 14, bold: p.bold, italics: p.italics })),
  });
}

/** A table of the body with borders, heading row in bold, and a little space after it. */
export function grid(headings: string[], rows: string[][], widthsMm: number[]): [Table, Paragraph] {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, mm: number, bold = false) =>
    new TableCell({
      width: { size: Math.round(mm * MM), type: WidthType.DXA },
      borders,
      margins: { left: 60, right: 60, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { size: 12, bold })],
        }),
      ],
    });
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widthsMm.map((mm) => Math.round(mm * MM)),
    rows: [
      new TableRow({ tableHeader: true, children: headings.map((h, i) => cell(h, widthsMm[i]!, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, widthsMm[i]!)) })),
    ],
  });
  return [table, new Paragraph({ spacing: { after: 120 }, children: [] })];
}

/**
 * A signer (Ô số 7): the capacity, one line each of authority and position, in bold capitals
 * ("TM. CỤM THI ĐUA SỐ 2", "TRƯỞNG CỤM"); a note in italics ("(Ký, ghi rõ họ tên)"); room for the
 * signature and the seal; the signer's full name in bold, or, unknown, a blank line to write it on.
 */
export type Signature = { capacity: string[]; note?: string; name?: string };

/** The note under a capacity when the name is to be written by hand (a biên bản's signers always). */
export const SIGN_AND_WRITE_NAME = '(Ký, ghi rõ họ tên)';

/**
 * Ô số 7: signature blocks side by side (the right one is the signer of the document);
 * `recipients` (Ô số 9, "Nơi nhận") goes under the left one.
 */
export function signatures(blocks: Signature[], recipients?: string[]): Table {
  const columns = blocks.length + (recipients ? 1 : 0);
  const columnMm = 165 / columns;
  const cell = (children: Paragraph[]) =>
    new TableCell({ width: { size: Math.round(columnMm * MM), type: WidthType.DXA }, borders: NO_BORDERS, children });
  const block = (s: Signature) =>
    cell([
      ...s.capacity.map((line, i) => centered(line.toUpperCase(), { bold: true, size: 13, before: i === 0 ? 240 : 0 })),
      ...(s.note ? [centered(s.note, { italics: true, size: 13 })] : []),
      centered('', { after: 1400 }),
      centered(s.name ?? '', { bold: true, size: 13 }),
    ]);
  const recipientsCell = (list: string[]) =>
    cell([
      new Paragraph({
        spacing: { before: 240 },
        children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })],
      }),
      ...list.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 11 })] })),
    ]);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => Math.round(columnMm * MM)),
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [...(recipients ? [recipientsCell(recipients)] : []), ...blocks.map(block)],
      }),
    ],
  });
}

/** The document: A4 portrait with the margins of Nghị định 30 (top and bottom 20 mm, left 30, right 15). */
export function administrativeDocument(
  children: ISectionOptions['children'],
  metadata: { title: string; subject: string },
): Promise<Buffer> {
  const doc = new Document({
    creator: 'thidua',
    title: metadata.title,
    subject: metadata.subject,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
