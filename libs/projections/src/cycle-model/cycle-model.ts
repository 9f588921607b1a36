import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../../event-store/src/event-store.port.js';
import {
  evolveCycle,
  evolveUnit,
  initialCycleState,
  initialUnitState,
  type BallotChoices,
  type CycleEvent,
  type CycleState,
  type UnitEvent,
  type UnitState,
} from '../../../domain/src/index.js';
import type { KeyedProjection } from '../runner/keyed-projection.js';
import { asDomainEvent, cycleIdOf, domainStreamOf } from '../shared/domain-event.js';

/** A deposited ballot as the read models keep it: what was voted and its receipt, never who. */
export type SealedBallot = { receipt: string; choices: BallotChoices };

/**
 * Everything the read models of one cycle are computed from, folded with the domain's own
 * `evolveCycle` and `evolveUnit` (so the read side cannot drift from the rules), JSON-serializable.
 */
export type CycleModel = {
  cycleId: string;
  /** Position of the last event of this cycle folded. */
  position: number;
  /** occurredAt of the last event of this cycle folded. */
  updatedAt: string;
  cycle: CycleState;
  /** Member units' states, by unit id (a unit appears once it has an event). */
  units: Record<string, UnitState>;
  /**
   * The current round's deposited ballots, ordered by the sha256 of their receipt. Never in
   * arrival order: the domain's state keeps ballots and voters both in arrival order, which would
   * pair them, so that copy is emptied here and the checkpoint file holds no such pairing.
   */
  ballots: SealedBallot[];
};

export function initialCycleModel(cycleId: string): CycleModel {
  return { cycleId, position: 0, updatedAt: '', cycle: initialCycleState(), units: {}, ballots: [] };
}

/** Folds one stored event of this cycle (an event of another cycle or kind leaves it unchanged). */
export function evolveCycleModel(model: CycleModel, stored: RecordedEvent): CycleModel {
  const stream = domainStreamOf(stored);
  if (!stream || stream.cycleId !== model.cycleId) return model;
  const event = asDomainEvent(stored);
  const next: CycleModel = { ...model, position: stored.position, updatedAt: stored.metadata.occurredAt };
  if (stream.kind === 'unit') {
    const unit = model.units[stream.unitId] ?? initialUnitState();
    return { ...next, units: { ...model.units, [stream.unitId]: evolveUnit(unit, event as UnitEvent) } };
  }
  const cycle = evolveCycle(model.cycle, event as CycleEvent);
  if (event.type === 'VoteOpened') return { ...next, cycle, ballots: [] };
  if (event.type === 'BallotDeposited' && cycle.status !== 'none' && cycle.vote.status !== 'pending') {
    const sealed: SealedBallot = { receipt: event.data.receipt, choices: event.data.choices };
    return {
      ...next,
      cycle: { ...cycle, vote: { ...cycle.vote, receipts: [], ballots: [] } },
      ballots: insertByReceiptHash(model.ballots, sealed),
    };
  }
  return { ...next, cycle };
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

/** The cycle model fed by the runner: one partition per cycle. */
export const cycleModelProjection: KeyedProjection<CycleModel> = {
  name: 'cycle-model',
  version: 1,
  keyOf: cycleIdOf,
  apply: (model, event) => evolveCycleModel(model ?? initialCycleModel(cycleIdOf(event)!), event),
};

/** Folds a list of stored events of one cycle (e.g. read back for an `asOf` query) into its model. */
export function foldCycleModel(cycleId: string, events: Iterable<RecordedEvent>): CycleModel {
  let model = initialCycleModel(cycleId);
  for (const event of events) model = evolveCycleModel(model, event);
  return model;
}
