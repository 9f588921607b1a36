/**
 * Which of a cluster's passed candidates for one award go first: the tie-break keys frozen when the
 * vote opened, in their order. `final-score` and `first-group` compare the locked scores; `vote`
 * compares the approvals each won in that vote. The quota then takes candidates from the top, so a
 * proposal may leave out a unit only if every unit it proposes ranks no lower.
 */
import type { TieBreaker } from '../cycle/config.js';
import type { FinalScore } from '../events.js';
import type { Words } from '../shared/words.js';
import { toHundredths } from '../scoring/points.js';

export interface RankedCandidate {
  unitId: string;
  score: Pick<FinalScore, 'final' | 'groups'> | undefined;
  approvals: number;
}

const KEY_WORDS: Readonly<Record<TieBreaker, Words>> = {
  'final-score': { vi: 'tổng điểm cao hơn', en: 'a higher final score' },
  'first-group': { vi: 'điểm nhóm tiêu chí thứ nhất cao hơn', en: 'a higher score in the first criteria group' },
  vote: { vi: 'nhiều phiếu tán thành hơn', en: 'more approvals in the vote' },
};

function keyValue(candidate: RankedCandidate, key: TieBreaker, firstGroupId: string): number {
  if (key === 'vote') return candidate.approvals;
  const score = candidate.score;
  if (score === undefined) return 0;
  return toHundredths(key === 'final-score' ? score.final : (score.groups[firstGroupId] ?? 0));
}

/**
 * The first key on which `above` ranks strictly higher than `below`, or undefined when it does not
 * (it ranks lower, or the two stay tied on every key and either may be proposed).
 */
export function outrankingKey(
  above: RankedCandidate,
  below: RankedCandidate,
  keys: readonly TieBreaker[],
  firstGroupId: string,
): TieBreaker | undefined {
  for (const key of keys) {
    const difference = keyValue(above, key, firstGroupId) - keyValue(below, key, firstGroupId);
    if (difference > 0) return key;
    if (difference < 0) return undefined;
  }
  return undefined;
}

export function outrankingWords(key: TieBreaker): Words {
  return KEY_WORDS[key];
}
