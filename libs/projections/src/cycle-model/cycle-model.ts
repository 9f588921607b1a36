import { createHash } from 'node:crypto';
import type { RecordedEvent } from '#event-store';
import {
  SUBMISSION_FIELD,
  evolveCycle,
  evolveUnit,
  initialCycleState,
  initialUnitState,
  type BallotChoices,
  type CycleEvent,
  type CycleState,
  type SubmissionReturned,
  type SubmissionStatus,
  type UnitEvent,
  type UnitState,
} from '#domain';
import type { KeyedProjection } from '../runner/keyed-projection.js';
import { domainStreamOf } from '../shared/domain-event.js';

/** A deposited ballot as the read models keep it: what was voted and its receipt, never who. */
export type SealedBallot = { receipt: string; choices: BallotChoices };

/**
 * Why, when and by whom the latest version of a submission (or the cluster's nominations) was
 * returned: the domain's state keeps only the status, but whoever it went back to must read the
 * reason. From the `SubmissionReturned` / `NominationsReturned` event and its envelope.
 */
export type ReturnNote = {
  reason: string;
  /** The envelope's occurredAt. */
  at: string;
  /** The role of the envelope's actor (the leader for a submission, the province for nominations). */
  role: string;
  /** The time given to correct it, when one was given. */
  correctByAt?: string;
};

function returnNote(stored: RecordedEvent, data: { reason: string; correctByAt?: string }): ReturnNote {
  return {
    reason: data.reason,
    at: stored.metadata.occurredAt,
    role: stored.metadata.actor.role,
    ...(data.correctByAt !== undefined ? { correctByAt: data.correctByAt } : {}),
  };
}

/** What the runner keeps of a cycle's own stream, folded with the domain's `evolveCycle`. */
export type CyclePartition = {
  cycleId: string;
  /** Position and occurredAt of the last event folded. */
  position: number;
  updatedAt: string;
  cycle: CycleState;
  /**
   * The current round's deposited ballots, ordered by the sha256 of their receipt. Never in
   * arrival order: the domain's state keeps ballots and voters both in arrival order, which would
   * pair them, so that copy is emptied here and the checkpoint file holds no such pairing.
   */
  ballots: SealedBallot[];
  /** While the nominations stand returned: the province's reason. */
  nominationsReturned?: ReturnNote;
};

/** The latest version of a submission as the views need it (`returned`: while it stands returned). */
type SubmissionSummary = {
  version: number;
  status: SubmissionStatus;
  late: boolean;
  submittedAt: string;
  returned?: ReturnNote;
};

/**
 * A unit's state as the read models keep it: the domain's `UnitState` less what no view shows
 * (targets, progress, evidence, the ids repeated in every version...), which halves what is held
 * in memory and written to checkpoints.
 */
export type UnitSummary = {
  revision: number;
  points: Record<string, number>;
  /** What the domain's fold carries over: the reviewers' points, a missing self-assessment, correction times. */
  adjusted?: UnitState['adjusted'];
  selfAssessmentMissing?: UnitState['selfAssessmentMissing'];
  correction?: UnitState['correction'];
  registration?: SubmissionSummary & { aimedAward?: string };
  midYearReport?: SubmissionSummary;
  selfAssessment?: SubmissionSummary & { scores: { criterionId: string; points: number }[] };
};

/** What the runner keeps of one unit's stream in one cycle, folded with the domain's `evolveUnit`. */
export type UnitPartition = { position: number; updatedAt: string; unit: UnitSummary };

/**
 * Everything the read models of one cycle are computed from: the cycle's partition and its member
 * units' (the domain's own states, so the read side cannot drift from the rules).
 */
export type CycleModel = {
  cycleId: string;
  /** Position and occurredAt of the last event of the cycle (its own stream or a unit's). */
  position: number;
  updatedAt: string;
  cycle: CycleState;
  /** Member units' states, by unit id (a unit appears once it has an event). */
  units: Record<string, UnitSummary>;
  ballots: SealedBallot[];
  nominationsReturned?: ReturnNote;
};

export function initialCyclePartition(cycleId: string): CyclePartition {
  return { cycleId, position: 0, updatedAt: '', cycle: initialCycleState(), ballots: [] };
}

/** Folds one event of the cycle's own stream. */
export function evolveCyclePartition(partition: CyclePartition, stored: RecordedEvent): CyclePartition {
  const event = stored as unknown as CycleEvent;
  let cycle = evolveCycle(partition.cycle, event);
  let ballots = partition.ballots;
  if (event.type === 'VoteOpened') ballots = [];
  else if (event.type === 'BallotDeposited' && cycle.status !== 'none' && cycle.vote.status !== 'pending') {
    cycle = { ...cycle, vote: { ...cycle.vote, receipts: [], ballots: [], sealed: [] } };
    ballots = insertByReceiptHash(ballots, { receipt: event.data.receipt, choices: event.data.choices });
  }
  // The sealed ballots (the ballot box's, opened at the close) are of no use to any view.
  if (
    event.type === 'BallotCast' &&
    cycle.status !== 'none' &&
    cycle.vote.status !== 'pending' &&
    cycle.vote.sealed?.length
  ) {
    cycle = { ...cycle, vote: { ...cycle.vote, sealed: [] } };
  }
  // Kept while the nominations stand returned; a new submission of them ends it.
  const returned = cycle.status !== 'none' && cycle.nominations.status === 'returned';
  const nominationsReturned = !returned
    ? undefined
    : event.type === 'NominationsReturned'
      ? returnNote(stored, event.data)
      : partition.nominationsReturned;
  return {
    cycleId: partition.cycleId,
    position: stored.position,
    updatedAt: stored.metadata.occurredAt,
    cycle,
    ballots,
    ...(nominationsReturned ? { nominationsReturned } : {}),
  };
}

/**
 * Folds one event of a unit's stream with the domain's `evolveUnit`, then keeps the summary. The
 * domain's fold reads, of the previous state, only each submission's `version` and the `points`,
 * which the summary keeps: so it is given the summary as its previous state.
 */
export function evolveUnitPartition(partition: UnitPartition | undefined, stored: RecordedEvent): UnitPartition {
  const previous = (partition?.unit ?? initialUnitState()) as UnitState;
  const event = stored as unknown as UnitEvent;
  const next = evolveUnit(previous, event);
  const unit = summarize(next, previous);
  if (event.type === 'SubmissionReturned') noteReturn(unit, event.data, stored);
  return { position: stored.position, updatedAt: stored.metadata.occurredAt, unit };
}

/** The return's reason on the submission it returned (a return of a stale version changed nothing). */
function noteReturn(unit: UnitSummary, data: SubmissionReturned['data'], stored: RecordedEvent): void {
  const field = SUBMISSION_FIELD[data.submission];
  const latest = unit[field];
  if (!latest || latest.version !== data.version || latest.status !== 'returned') return;
  // summarize() made a fresh object for the submission the event changed: safe to extend.
  Object.assign(latest, { returned: returnNote(stored, data) });
}

/**
 * The summary of the domain's state; a submission the event left as it was is kept as is. Each
 * summary object is built in one literal (one allocation per event, with a stable shape).
 */
function summarize(unit: UnitState, previous: UnitState): UnitSummary {
  const { revision, points, registration, midYearReport, selfAssessment, adjusted, selfAssessmentMissing, correction } =
    unit;
  const summary: UnitSummary = { revision, points };
  if (adjusted) summary.adjusted = adjusted;
  if (selfAssessmentMissing) summary.selfAssessmentMissing = selfAssessmentMissing;
  if (correction) summary.correction = correction;
  if (registration) {
    if (registration === previous.registration) summary.registration = registration;
    else {
      const { version, status, late, submittedAt, aimedAward } = registration;
      summary.registration =
        aimedAward !== undefined
          ? { version, status, late, submittedAt, aimedAward }
          : { version, status, late, submittedAt };
    }
  }
  if (midYearReport)
    summary.midYearReport = midYearReport === previous.midYearReport ? midYearReport : submission(midYearReport);
  if (selfAssessment) {
    if (selfAssessment === previous.selfAssessment) summary.selfAssessment = selfAssessment;
    else {
      const { version, status, late, submittedAt } = selfAssessment;
      // Unchanged lines (an acceptance or a return) are the summary's own already: no copy.
      const scores =
        selfAssessment.scores === previous.selfAssessment?.scores
          ? selfAssessment.scores
          : selfAssessment.scores.map(({ criterionId, points }) => ({ criterionId, points }));
      summary.selfAssessment = { version, status, late, submittedAt, scores };
    }
  }
  return summary;
}

function submission({ version, status, late, submittedAt }: SubmissionSummary): SubmissionSummary {
  return { version, status, late, submittedAt };
}

/** The key that orders ballots: a deterministic shuffle that owes nothing to arrival order. */
export function receiptOrderKey(receipt: string): string {
  return createHash('sha256').update(receipt).digest('hex');
}

function insertByReceiptHash(ballots: SealedBallot[], ballot: SealedBallot): SealedBallot[] {
  const key = receiptOrderKey(ballot.receipt);
  let low = 0;
  let high = ballots.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (receiptOrderKey(ballots[middle]!.receipt) < key) low = middle + 1;
    else high = middle;
  }
  return [...ballots.slice(0, low), ballot, ...ballots.slice(low)];
}

/** The cycles' own streams, one partition per cycle (keyed by cycle id). */
export const cycleProjection: KeyedProjection<CyclePartition> = {
  name: 'cycle',
  // 2: the nominations' return note.
  version: 2,
  keyOf: (event) => {
    const stream = domainStreamOf(event);
    return stream?.kind === 'cycle' ? stream.cycleId : undefined;
  },
  apply: (partition, event, cycleId) => evolveCyclePartition(partition ?? initialCyclePartition(cycleId), event),
};

/**
 * The units' streams, one partition per unit and cycle (keyed `<cycleId>.<unitId>`): a unit's
 * event rewrites only its own partition, in memory and in the checkpoint.
 */
export const unitProjection: KeyedProjection<UnitPartition> = {
  name: 'unit',
  // 2: the submissions' return notes.
  version: 2,
  keyOf: (event) => {
    const stream = domainStreamOf(event);
    return stream?.kind === 'unit' ? unitKey(stream.cycleId, stream.unitId) : undefined;
  },
  apply: evolveUnitPartition,
};

export function unitKey(cycleId: string, unitId: string): string {
  return `${cycleId}.${unitId}`;
}

/** Puts a cycle's partitions together; undefined when the cycle has no partition of its own. */
export function assembleCycleModel(
  cycle: CyclePartition | undefined,
  unitOf: (unitId: string) => UnitPartition | undefined,
): CycleModel | undefined {
  if (!cycle) return undefined;
  const model: CycleModel = {
    cycleId: cycle.cycleId,
    position: cycle.position,
    updatedAt: cycle.updatedAt,
    cycle: cycle.cycle,
    units: {},
    ballots: cycle.ballots,
    ...(cycle.nominationsReturned ? { nominationsReturned: cycle.nominationsReturned } : {}),
  };
  const members = cycle.cycle.status === 'none' ? [] : cycle.cycle.config.units;
  for (const member of members) {
    const unit = unitOf(member.id);
    if (!unit) continue;
    model.units[member.id] = unit.unit;
    if (unit.position > model.position) {
      model.position = unit.position;
      model.updatedAt = unit.updatedAt;
    }
  }
  return model;
}

/** Folds a list of stored events of one cycle (e.g. read back for an `asOf` query) into its model. */
export function foldCycleModel(cycleId: string, events: Iterable<RecordedEvent>): CycleModel | undefined {
  let cycle: CyclePartition | undefined;
  const units = new Map<string, UnitPartition>();
  for (const event of events) {
    const stream = domainStreamOf(event);
    if (!stream || stream.cycleId !== cycleId) continue;
    if (stream.kind === 'cycle') cycle = evolveCyclePartition(cycle ?? initialCyclePartition(cycleId), event);
    else units.set(stream.unitId, evolveUnitPartition(units.get(stream.unitId), event));
  }
  return assembleCycleModel(cycle, (unitId) => units.get(unitId));
}
