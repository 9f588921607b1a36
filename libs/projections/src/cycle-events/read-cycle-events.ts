import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port.js';
import { cycleStreamName, unitStreamName } from '../../../domain/src/index.js';

/**
 * Every event of a cycle, read back from the store: its own stream and its member units' streams,
 * merged in global log order. The streams are the domain's routing, so nothing else is read.
 */
export async function readCycleEvents(store: EventStore, cycleId: string, unitIds: readonly string[]): Promise<RecordedEvent[]> {
  const streams = await Promise.all([cycleStreamName(cycleId), ...unitIds.map((unitId) => unitStreamName(cycleId, unitId))].map((s) => store.readStream(s)));
  return streams.flat().sort((a, b) => a.position - b.position);
}

/** An event as `GET /cycles/{cycleId}/events` shows it: the whole envelope, metadata and hashes. */
export type AuditedEvent = RecordedEvent;

/**
 * The raw events of a cycle for auditors, in log order, with metadata and hashes, WITHOUT the
 * `BallotDeposited` events: their position, revision and envelope sit right next to the voter's
 * `BallotCast`, so listing them would tell how a given unit voted. Their content is published
 * only once the vote is closed, by the vote view, without positions and shuffled by receipt. The
 * cycle stream's hash chain therefore shows gaps here; `verify` checks it whole, ballots included.
 */
export function auditedEvents(events: readonly RecordedEvent[]): AuditedEvent[] {
  return events.filter((event) => event.type !== 'BallotDeposited');
}
