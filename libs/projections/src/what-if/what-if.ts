/**
 * What-if for auditors: a cycle's ranking and vote results recomputed from its events under other
 * rules (pass threshold and its base, quorum, tie-break order), with the domain's own functions.
 * Pure; nothing is written. The answer says it is hypothetical, and shows the recorded result
 * beside it.
 */
import {
  computeStandings,
  cycleStreamName,
  evolveCycle,
  foldUnit,
  initialCycleState,
  parseStreamName,
  quorumReached,
  tallyBallots,
  voteResults,
  type CandidateResult,
  type CycleEvent,
  type CycleState,
  type ScoresLocked,
  type TieBreaker,
  type UnitEvent,
  type UnitState,
  type VoteClosed,
  type VoteRules,
} from '#domain';
import type { RecordedEvent } from '#event-store';

export interface WhatIfRules {
  quorum?: VoteRules['quorum'];
  passThreshold?: VoteRules['passThreshold'];
  of?: VoteRules['of'];
  tieBreak?: TieBreaker[];
}

export interface WhatIfAnswer {
  hypothetical: true;
  label: string;
  cycleId: string;
  rules: { voteRules: VoteRules; tieBreak: TieBreaker[] };
  /** At the scores' lock (or now, if not locked): ranks under the given tie-break order. */
  ranking: { rank: number; unitId: string; finalScore: number }[];
  recordedRanking?: string[];
  /** The last closed round of the vote, recounted; absent when no round closed. */
  vote?: {
    round: number;
    participants: number;
    members: number;
    quorumReached: boolean;
    results: Record<string, Record<string, CandidateResult>>;
    recordedResults: VoteClosed['data']['results'];
  };
}

export function whatIf(
  cycleId: string,
  events: readonly RecordedEvent[],
  rules: WhatIfRules,
  lang: 'vi' | 'en' = 'vi',
): WhatIfAnswer | undefined {
  const cycleStream = cycleStreamName(cycleId);
  const unitEvents = new Map<string, RecordedEvent[]>();
  let cycle: CycleState = initialCycleState();
  let lockedAt: Record<string, number> | undefined;
  let recordedRanking: string[] | undefined;
  let vote: WhatIfAnswer['vote'];
  let voteRules: VoteRules | undefined;
  for (const event of events) {
    const domainEvent = { type: event.type, data: event.data } as unknown as CycleEvent;
    if (event.streamId !== cycleStream) {
      const parsed = parseStreamName(event.streamId);
      if (parsed?.kind !== 'unit') continue;
      unitEvents.set(parsed.unitId, [...(unitEvents.get(parsed.unitId) ?? []), event]);
      continue;
    }
    if (event.type === 'ScoresLocked' && !lockedAt) {
      const data = event.data as unknown as ScoresLocked['data'];
      lockedAt = data.unitRevisions;
      recordedRanking = data.ranking;
    }
    if (event.type === 'VoteClosed' && cycle.status !== 'none' && cycle.vote.status === 'open') {
      const open = cycle.vote;
      const closed = event.data as unknown as VoteClosed['data'];
      const given = { ...open.opened.rules, ...pick(rules) };
      voteRules = given;
      const paper = open.opened.mode === 'paper';
      const participants = paper ? (open.paperTally?.present ?? 0) : open.voters.length;
      const validBallots = participants - (paper ? (open.paperTally?.spoiled ?? 0) : 0);
      const counts = paper ? (open.paperTally?.results ?? {}) : tallyBallots(open.opened.candidates, open.ballots);
      const members = open.opened.roster.length;
      vote = {
        round: open.round,
        participants,
        members,
        quorumReached: quorumReached(participants, members, given),
        results: voteResults({ ...open.opened, rules: given }, counts, participants, validBallots),
        recordedResults: closed.results,
      };
    }
    cycle = evolveCycle(cycle, domainEvent);
  }
  if (cycle.status === 'none') return undefined;
  const config = cycle.config;
  const units: Record<string, UnitState> = {};
  // The unit streams as the lock read them (every event, if the scores are not locked).
  for (const unit of config.units) {
    const upTo = lockedAt ? (lockedAt[unit.id] ?? -1) : Infinity;
    const stream = (unitEvents.get(unit.id) ?? []).filter((e) => e.revision <= upTo);
    units[unit.id] = foldUnit(stream.map((e) => ({ type: e.type, data: e.data }) as unknown as UnitEvent));
  }
  const tieBreak = rules.tieBreak ?? config.tieBreak;
  const standings = computeStandings({ ...config, tieBreak }, units);
  return {
    hypothetical: true,
    label:
      lang === 'en'
        ? 'Hypothetical: recomputed under other rules; not the official result, nothing recorded'
        : 'Giả định: tính lại theo quy tắc khác; không phải kết quả chính thức, không ghi nhận',
    cycleId,
    rules: { voteRules: voteRules ?? { ...config.voteRules, ...pick(rules) }, tieBreak },
    ranking: standings.scores.map((row) => ({ rank: row.rank, unitId: row.unitId, finalScore: row.final })),
    ...(recordedRanking ? { recordedRanking } : {}),
    ...(vote ? { vote } : {}),
  };
}

function pick(rules: WhatIfRules): Partial<VoteRules> {
  return {
    ...(rules.quorum !== undefined ? { quorum: rules.quorum } : {}),
    ...(rules.passThreshold !== undefined ? { passThreshold: rules.passThreshold } : {}),
    ...(rules.of !== undefined ? { of: rules.of } : {}),
  };
}
