/**
 * The score table (Bảng tổng hợp kết quả chấm điểm) as columns, shared by the spreadsheet and the
 * PDF: rank, unit, each criterion grouped as the criteria table, bonus, penalty, totals, the vote,
 * nominated and awarded.
 */
import { awardName } from '#projections';
import type { CycleConfig } from '#domain';
import { approvalPercent } from './vote-words.js';
import type { CycleFacts, UnitLine } from './cycle-facts.js';

/** A scored column: a criterion, a bonus or a penalty item, under its group's heading. */
export type PointsColumn = { id: string; title: string; maxPoints: number; group: string };

export function pointsColumns(config: CycleConfig): PointsColumn[] {
  const { groups, bonus, penalty } = config.criteria;
  return [
    ...groups.flatMap((g) =>
      g.criteria.map((c) => ({ id: c.id, title: c.title, maxPoints: c.maxPoints, group: g.title })),
    ),
    ...bonus.map((b) => ({ id: b.id, title: b.title, maxPoints: b.maxPoints, group: 'Điểm thưởng' })),
    ...penalty.map((p) => ({ id: p.id, title: p.title, maxPoints: p.maxPoints, group: 'Điểm trừ' })),
  ];
}

/** Consecutive columns of the same group: the spans of the group headings. */
export function groupSpans(columns: PointsColumn[]): { title: string; from: number; count: number }[] {
  const spans: { title: string; from: number; count: number }[] = [];
  columns.forEach((column, index) => {
    const last = spans.at(-1);
    if (last && last.title === column.group) last.count += 1;
    else spans.push({ title: column.group, from: index, count: 1 });
  });
  return spans;
}

export function voteCell(line: UnitLine, facts: CycleFacts): string {
  return line.vote
    .map(
      ({ award, result }) =>
        `${awardName(award)}: ${result.approve}/${result.approve + result.reject} tán thành (${approvalPercent(result, facts.vote)}), ${result.passed ? 'đạt' : 'không đạt'}`,
    )
    .join('; ');
}

export const awardsCell = (awards: string[]): string => awards.map(awardName).join('; ');

export function standingsTitle(facts: CycleFacts): string {
  return `BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM ${facts.config.year}`;
}

export function standingsSubtitle(facts: CycleFacts, asOfText: string): string {
  const state = facts.locked ? 'điểm đã khóa, xếp hạng chính thức' : 'điểm chưa khóa, xếp hạng tạm tính';
  return `${facts.config.clusterName} – ${facts.config.units.length} đơn vị – ${state} – số liệu đến ${asOfText}`;
}
