/**
 * standings.pdf: the score table for printing and archiving, A4 landscape, with DejaVu (which
 * covers Vietnamese, from the `dejavu-fonts-ttf` package) embedded. A criterion's cell shows the
 * points in force, and the unit's own claim in brackets where the review changed it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { CycleFacts } from './cycle-facts.js';
import {
  awardsCell,
  groupSpans,
  pointsColumns,
  standingsSubtitle,
  standingsTitle,
  voteCell,
} from './standings-table.js';
import { localMoment, points } from './vietnamese-format.js';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(fontDir, 'DejaVuSansCondensed.ttf');
const BOLD = join(fontDir, 'DejaVuSansCondensed-Bold.ttf');

type Cell = { text: string; bold?: boolean; align?: 'left' | 'center' | 'right' };
/** Space between a cell's border and its text, left and right. */
const PAD = 2;

/**
 * Widths adding up to `total`, as equal as `minimums` allow: a column whose minimum is above the
 * equal share keeps its minimum, and the others share what is left.
 */
export function shareWidths(minimums: number[], total: number): number[] {
  const kept = new Set<number>();
  for (;;) {
    const free = minimums.length - kept.size;
    const share = free === 0 ? 0 : (total - [...kept].reduce((sum, i) => sum + minimums[i]!, 0)) / free;
    const above = minimums.findIndex((m, i) => !kept.has(i) && m > share);
    if (above === -1) return minimums.map((m, i) => (kept.has(i) ? m : share));
    kept.add(above);
  }
}

export function standingsPdf(facts: CycleFacts): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 28,
    info: { Title: standingsTitle(facts), Author: 'thidua', Subject: facts.config.clusterName },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const columns = pointsColumns(facts.config);
  const spans = groupSpans(columns);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const fixed = { rank: 28, unit: 84, self: 38, total: 44, vote: 92, nominated: 70, awarded: 70 };
  const fixedSum = Object.values(fixed).reduce((a, b) => a + b, 0);
  const fontSize = 7.5;
  const groupCells: Cell[] = spans.map((span) => ({ text: span.title, bold: true, align: 'center' }));
  const criterionCells: Cell[] = columns.map((c) => ({
    text: `${c.id}\n(${points(c.maxPoints)})`,
    bold: true,
    align: 'center',
  }));
  // A heading wraps between words, never inside one: each criterion's column is at least as wide
  // as the longest word over it, its own or its group's shared by the group's columns ("Điểm
  // thưởng" over the one bonus item B1); the rest of the width is shared equally.
  const longestWord = (text: string) =>
    Math.max(...text.split(/\s+/).map((word) => doc.font('bold').fontSize(fontSize).widthOfString(word))) + 2 * PAD + 1;
  const minimums = columns.map((_, i) => {
    const group = spans.findIndex((span) => i >= span.from && i < span.from + span.count);
    return Math.max(longestWord(criterionCells[i]!.text), longestWord(spans[group]!.title) / spans[group]!.count);
  });
  const pointsWidths = shareWidths(minimums, width - fixedSum);
  const pointsLeft = (i: number) =>
    left + fixed.rank + fixed.unit + pointsWidths.slice(0, i).reduce((a, b) => a + b, 0);
  const spanWidth = (from: number, count: number) => pointsWidths.slice(from, from + count).reduce((a, b) => a + b, 0);
  const widths = [
    fixed.rank,
    fixed.unit,
    ...pointsWidths,
    fixed.self,
    fixed.total,
    fixed.vote,
    fixed.nominated,
    fixed.awarded,
  ];

  doc.font('bold').fontSize(13).text(standingsTitle(facts), { align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text(standingsSubtitle(facts, localMoment(facts.asOf, facts.config.timeZone)), { align: 'center' });
  doc.moveDown(0.8);

  const heightOf = (cells: Cell[], w: number[]) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(c.bold ? 'bold' : 'regular')
          .fontSize(fontSize)
          .heightOfString(c.text, { width: w[i]! - 2 * PAD }),
      ),
    ) + 6;
  const drawCell = (c: Cell, x: number, y: number, w: number, height: number) => {
    doc.rect(x, y, w, height).lineWidth(0.5).stroke();
    doc
      .font(c.bold ? 'bold' : 'regular')
      .fontSize(fontSize)
      .text(c.text, x + PAD, y + 3, { width: w - 2 * PAD, align: c.align ?? 'left' });
  };
  const drawRow = (cells: Cell[], w: number[], y: number, height: number) => {
    let x = left;
    cells.forEach((c, i) => {
      drawCell(c, x, y, w[i]!, height);
      x += w[i]!;
    });
  };
  const ensureRoom = (height: number, y: number): number => {
    if (y + height <= doc.page.height - doc.page.margins.bottom) return y;
    doc.addPage();
    return doc.page.margins.top;
  };

  // The heading: groups over their criteria (row 1), each criterion with its maximum (row 2); the
  // other columns span both rows.
  let y = doc.y;
  const totalsHeading = facts.locked ? 'Tổng điểm chính thức' : 'Tổng điểm tạm tính';
  const tallHeadings = [
    'Hạng',
    'Đơn vị',
    ...columns.map(() => ''),
    'Tổng tự chấm',
    totalsHeading,
    'Kết quả bỏ phiếu',
    'Được đề nghị khen thưởng',
    'Được khen thưởng',
  ];
  const h1 = heightOf(
    groupCells,
    spans.map((span) => spanWidth(span.from, span.count)),
  );
  const h2 = heightOf(criterionCells, pointsWidths);
  const tall = Math.max(
    h1 + h2,
    heightOf(
      tallHeadings.map((text) => ({ text, bold: true })),
      widths,
    ),
  );
  let x = left;
  tallHeadings.forEach((text, i) => {
    if (text) drawCell({ text, bold: true, align: 'center' }, x, y, widths[i]!, tall);
    x += widths[i]!;
  });
  for (const [i, span] of spans.entries())
    drawCell(groupCells[i]!, pointsLeft(span.from), y, spanWidth(span.from, span.count), h1);
  for (const [i] of columns.entries()) drawCell(criterionCells[i]!, pointsLeft(i), y + h1, pointsWidths[i]!, tall - h1);
  y += tall;

  for (const line of facts.lines) {
    const cells: Cell[] = [
      { text: String(line.rank), align: 'center' },
      { text: line.unitName },
      ...columns.map((c) => {
        const final = line.finalPoints[c.id];
        const self = line.selfPoints[c.id];
        const changed = self !== undefined && final !== self;
        return { text: `${points(final)}${changed ? `\n(${points(self)})` : ''}`, align: 'right' as const };
      }),
      { text: points(line.selfTotal), align: 'right' },
      { text: points(line.finalTotal ?? line.provisionalTotal), bold: true, align: 'right' },
      { text: voteCell(line, facts) },
      { text: awardsCell(line.nominated) },
      { text: awardsCell(line.awarded) },
    ];
    const h = heightOf(cells, widths);
    y = ensureRoom(h, y);
    drawRow(cells, widths, y, h);
    y += h;
  }

  doc.font('regular').fontSize(7.5);
  const legend = [
    'Ghi chú: mỗi ô tiêu chí ghi điểm sau thẩm định; số trong ngoặc là điểm đơn vị tự chấm, khi khác điểm thẩm định.',
    ...columns.map((c) => `${c.id}: ${c.title} (tối đa ${points(c.maxPoints)} điểm).`),
  ];
  y = ensureRoom(12 * legend.length, y + 8);
  doc.text(legend.join('\n'), left, y, { width });
  doc.end();
  return done;
}
