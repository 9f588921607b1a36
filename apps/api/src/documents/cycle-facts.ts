/**
 * What every document of a cycle says, computed once from the cycle's record (its model and audit
 * trail, now or as of a moment): the standings with each criterion's points, the vote, the
 * nominations and the decision, with names instead of ids (of units, and of people who have an
 * account: `account-names.ts`). The documents only lay this out.
 */
import type { AuditEntry, CycleModel } from '#projections';
import { standingsView, awardName } from '#projections';
import type { CandidateResult, CriteriaTable, CycleConfig, DossierItem, OpenedCycleState, VoteMode } from '#domain';

export type UnitLine = {
  rank: number;
  unitId: string;
  unitName: string;
  /** Points per criterion, bonus and penalty id: as the unit claimed, and in force (after review). */
  selfPoints: Record<string, number>;
  finalPoints: Record<string, number>;
  selfTotal: number | null;
  /** The locked total (null before the lock), else the provisional total in force. */
  finalTotal: number | null;
  provisionalTotal: number;
  /** Per award the unit was a candidate for, the vote's result ("5/6 tán thành, đạt"). */
  vote: { award: string; result: CandidateResult }[];
  nominated: string[];
  awarded: string[];
};

export type CandidateLine = { award: string; unitId: string; unitName: string; result?: CandidateResult };

export type VoteFacts = {
  status: 'pending' | 'open' | 'closed';
  mode?: VoteMode;
  round: number;
  members: number;
  /** Units that took part (electronic ballots cast), by name; for paper, the count present. */
  participants: string[];
  present?: number;
  minutesRef?: string;
  rules: CycleConfig['voteRules'];
  candidates: CandidateLine[];
  /** When the vote opened and closed (the audit trail's instants). */
  openedAt?: string;
  closedAt?: string;
  /** The name of the leader who closed it (who chaired the meeting), when that person has an account. */
  closedBy?: string;
};

export type CycleFacts = {
  config: CycleConfig;
  criteria: CriteriaTable;
  locked: boolean;
  lines: UnitLine[];
  vote: VoteFacts;
  nominations: {
    status: string;
    list: { unitId: string; unitName: string; award: string; awardName: string }[];
    dossier: DossierItem[];
    submittedAt?: string;
    /** The name of the leader who submitted them (who signs the letter), when that person has an account. */
    submittedBy?: string;
  };
  decision?: {
    decisionNo: string;
    issuedOn: string;
    grants: { unitName: string; awardName: string; granted: boolean }[];
  };
  trail: AuditEntry[];
  /** The moment the documents stand for: the asOf asked, or the last event's instant. */
  asOf: string;
  /** The leader unit's name (not its leader's: see `vote.closedBy`, `nominations.submittedBy`). */
  leaderUnitName: string;
  nameOf(unitId: string): string;
  /** The name of the account of that username, if there is one. */
  accountName(userId: string): string | undefined;
  /** Who acted, for the people who read it: "Lê Văn Minh (truong-cum)", or the id alone when no account names it. */
  actorName(userId: string): string;
};

export type FactsOptions = {
  /** The moment asked for, if any. */
  asOf?: string;
  /** The name of each account, by username (`accountNames`). */
  accountNames?: ReadonlyMap<string, string>;
};

export function cycleFacts(
  record: { model: CycleModel; trail: AuditEntry[] },
  { asOf, accountNames = new Map() }: FactsOptions = {},
): CycleFacts {
  const { model, trail } = record;
  const cycle = model.cycle as OpenedCycleState;
  const config = cycle.config;
  const names = new Map(config.units.map((u) => [u.id, u.name]));
  const nameOf = (unitId: string) => names.get(unitId) ?? unitId;
  const accountName = (userId: string) => accountNames.get(userId);
  const actorName = (userId: string) => {
    const name = accountName(userId);
    return name ? `${name} (${userId})` : userId;
  };
  const standings = standingsView(model)!;
  const lines: UnitLine[] = standings.rows.map((row) => {
    const unit = model.units[row.unitId];
    return {
      rank: row.rank,
      unitId: row.unitId,
      unitName: row.unitName,
      selfPoints: Object.fromEntries((unit?.selfAssessment?.scores ?? []).map((s) => [s.criterionId, s.points])),
      finalPoints: { ...(unit?.points ?? {}) },
      selfTotal: row.selfScore,
      finalTotal: row.finalScore,
      provisionalTotal: row.provisionalScore,
      vote: Object.entries(row.vote ?? {}).map(([award, result]) => ({ award, result })),
      nominated: row.nominated,
      awarded: row.awarded,
    };
  });
  const lastEntry = (action: string) => [...trail].reverse().find((e) => e.action === action);
  const last = (action: string) => lastEntry(action)?.at;
  /** The account name of whoever took the last such step. */
  const lastBy = (action: string) => {
    const userId = lastEntry(action)?.actor.userId;
    return userId === undefined ? undefined : accountName(userId);
  };
  const vote = cycle.vote;
  const voteFacts: VoteFacts =
    vote.status === 'pending'
      ? {
          status: 'pending',
          round: vote.round,
          members: config.units.length,
          participants: [],
          rules: config.voteRules,
          candidates: [],
        }
      : {
          status: vote.status,
          mode: vote.opened.mode,
          round: vote.round,
          members: vote.opened.roster.length,
          participants: vote.voters.map(nameOf),
          ...(vote.paperTally ? { present: vote.paperTally.present, minutesRef: vote.paperTally.minutesRef } : {}),
          rules: vote.opened.rules,
          candidates: Object.entries(vote.opened.candidates)
            .sort(([a], [b]) => awardOrder(config, a) - awardOrder(config, b))
            .flatMap(([award, unitIds]) =>
              unitIds.map((unitId) => {
                const result = vote.result?.results[award]?.[unitId];
                return { award, unitId, unitName: nameOf(unitId), ...(result ? { result } : {}) };
              }),
            ),
          ...(last('VoteOpened') ? { openedAt: last('VoteOpened') } : {}),
          ...(last('VoteClosed') ? { closedAt: last('VoteClosed') } : {}),
          ...(lastBy('VoteClosed') ? { closedBy: lastBy('VoteClosed') } : {}),
        };
  const noms = cycle.nominations;
  return {
    config,
    criteria: config.criteria,
    locked: standings.locked,
    lines,
    vote: voteFacts,
    nominations:
      noms.status === 'none'
        ? { status: 'none', list: [], dossier: [] }
        : {
            status: noms.status,
            list: noms.nominations.map((n) => ({
              unitId: n.unitId,
              unitName: nameOf(n.unitId),
              award: n.award,
              awardName: awardName(n.award),
            })),
            dossier: noms.dossier,
            ...(last('NominationsSubmitted') ? { submittedAt: last('NominationsSubmitted') } : {}),
            ...(lastBy('NominationsSubmitted') ? { submittedBy: lastBy('NominationsSubmitted') } : {}),
          },
    ...(cycle.decision
      ? {
          decision: {
            decisionNo: cycle.decision.decisionNo,
            issuedOn: cycle.decision.issuedOn,
            grants: cycle.decision.grants.map((g) => ({
              unitName: nameOf(g.unitId),
              awardName: awardName(g.award),
              granted: g.granted,
            })),
          },
        }
      : {}),
    trail,
    asOf: asOf ?? trail.at(-1)?.at ?? model.updatedAt,
    leaderUnitName: nameOf(config.leaderUnitId),
    nameOf,
    accountName,
    actorName,
  };
}

/** Awards in the order of the cycle's configuration (the flag before the certificate). */
function awardOrder(config: CycleConfig, award: string): number {
  const index = config.awards.findIndex((a) => a.kind === award);
  return index === -1 ? config.awards.length : index;
}
