import type { EventStore, RecordedEvent } from '#event-store';
import { BALLOT_BOX_ACTOR, cycleStreamName, unitStreamName, type BallotDeposited, type VoteClosed } from '#domain';
import { receiptOrderKey } from '../cycle-model/cycle-model.js';

/**
 * Every event of a cycle, read back from the store: its own stream, its member units' streams (the
 * domain's routing) and the given notification streams, merged in global log order.
 */
export async function readCycleEvents(
  store: EventStore,
  cycleId: string,
  unitIds: readonly string[],
  notificationStreams: readonly string[] = [],
): Promise<RecordedEvent[]> {
  const names = [
    cycleStreamName(cycleId),
    ...unitIds.map((unitId) => unitStreamName(cycleId, unitId)),
    ...notificationStreams,
  ];
  const streams = await Promise.all(names.map((name) => store.readStream(name)));
  return streams.flat().sort((a, b) => a.position - b.position);
}

/**
 * A deposited ballot as the events list publishes it once its round is closed: what was voted and
 * its receipt, listed right after the `VoteClosed` that opened the ballot box and carrying that
 * event's position. Its own position, revision, hashes and envelope ids are withheld: they sit
 * next to the voter's `BallotCast` in the log, so showing them would tell how that unit voted.
 */
export type SealedBallotEvent = {
  type: 'BallotDeposited';
  sealed: true;
  streamId: string;
  /** The position of the `VoteClosed` that published it (not its own). */
  position: number;
  data: BallotDeposited['data'];
  metadata: { actor: { userId: string; role: string } };
};

/** A row of `GET /cycles/{cycleId}/events`: a whole stored event (envelope, metadata, hashes) or a sealed ballot. */
export type AuditedEvent = RecordedEvent | SealedBallotEvent;

/**
 * The raw events of a cycle for auditors, in log order, with metadata and hashes, except the
 * ballots' content: no `BallotDeposited` appears at its place in the log. Once a round is closed,
 * its ballots are listed right after its `VoteClosed`, sealed (see `SealedBallotEvent`) and
 * ordered by the sha256 of their receipt, so an auditor can recount the tally from this list and
 * each voter can find their own ballot by its receipt, but nobody can tell whose a ballot is.
 * Ballots of a round that never closed stay hidden. The cycle stream's hash chain shows gaps
 * here where the ballots were; `verify` checks it whole.
 */
export function auditedEvents(events: readonly RecordedEvent[]): AuditedEvent[] {
  const deposited = new Map<number, RecordedEvent[]>();
  const listed: AuditedEvent[] = [];
  for (const event of events) {
    if (event.type === 'BallotDeposited') {
      const round = (event.data as BallotDeposited['data']).round;
      deposited.set(round, [...(deposited.get(round) ?? []), event]);
      continue;
    }
    listed.push(event);
    if (event.type === 'VoteClosed') {
      const round = (event.data as VoteClosed['data']).round;
      listed.push(...sealed(deposited.get(round) ?? [], event.position));
    }
  }
  return listed;
}

function sealed(ballots: readonly RecordedEvent[], closedAt: number): SealedBallotEvent[] {
  return ballots
    .map((ballot) => {
      const data = ballot.data as BallotDeposited['data'];
      return {
        key: receiptOrderKey(data.receipt),
        event: {
          type: 'BallotDeposited' as const,
          sealed: true as const,
          streamId: ballot.streamId,
          position: closedAt,
          data: { cycleId: data.cycleId, round: data.round, receipt: data.receipt, choices: data.choices },
          metadata: { actor: { ...BALLOT_BOX_ACTOR } },
        },
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ event }) => event);
}
