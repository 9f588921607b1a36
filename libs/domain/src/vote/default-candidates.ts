import type { AwardQuota } from '../cycle/config.js';
import type { FinalScore } from '../events.js';

/**
 * The default candidates: for each award in configuration order, the best-ranked units not yet a
 * candidate for an earlier award, as many as its quota, plus any unit tied in rank with the last
 * one taken (the vote breaks that tie). A unit is a candidate for at most one award, and only an
 * eligible unit (no disqualifying violation, at least the minimum total...) is one.
 */
export function defaultCandidates(
  scores: readonly FinalScore[],
  awards: readonly AwardQuota[],
): Record<string, string[]> {
  // Ineligible units (eligible === false) are never candidates; rows locked before the rule count as eligible.
  const ordered = [...scores].filter((row) => row.eligible !== false).sort((a, b) => a.rank - b.rank);
  const taken = new Set<string>();
  const candidates: Record<string, string[]> = {};
  for (const award of awards) {
    const available = ordered.filter((row) => !taken.has(row.unitId));
    const chosen = available.slice(0, award.quota);
    const lastRank = chosen.at(-1)?.rank;
    for (const row of available.slice(award.quota)) {
      if (row.rank === lastRank) chosen.push(row);
    }
    candidates[award.kind] = chosen.map((row) => row.unitId);
    for (const row of chosen) taken.add(row.unitId);
  }
  return candidates;
}
