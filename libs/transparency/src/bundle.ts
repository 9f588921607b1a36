/**
 * A cycle's audit bundle: one self-contained JSON file an auditor verifies offline
 * (`npm run -s verify -- BUNDLE.json`). It holds the cycle's events (its own stream and its member
 * units', whole, in log order), each with its leaf and an inclusion proof against one signed
 * checkpoint, that checkpoint, the verifier key and, on request, a consistency proof from an
 * older tree size the auditor kept. Its cost follows the cycle, not the log: a few stream reads,
 * per event one indexed lookup (none while the events fall in one run of positions), and the
 * proofs all together: each distinct node read once, in one query, complete tiles from memory.
 */
import { cycleStreamName, unitStreamName, type CycleOpened } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { leafBytes } from './leaf.js';
import type { TransparencyLog } from './transparency-log.js';

export const BUNDLE_FORMAT = 'thidua-audit-bundle/1';

export interface BundledEvent {
  event: RecordedEvent;
  leafIndex: number;
  /** The leaf's bytes, base64. */
  leaf: string;
  /** The inclusion proof against the bundle's checkpoint, base64 hashes from the leaf up. */
  inclusion: string[];
}

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  cycleId: string;
  origin: string;
  verifierKey: string;
  /** The signed checkpoint note every proof is against. */
  checkpoint: string;
  treeSize: number;
  events: BundledEvent[];
  consistency?: { from: number; to: number; hashes: string[] };
}

export class BundleUnavailableError extends Error {
  constructor(
    readonly code: 'CYCLE_NOT_FOUND' | 'NO_CHECKPOINT' | 'SINCE_BEYOND_CHECKPOINT' | 'LOG_REWRITTEN',
    message: string,
  ) {
    super(message);
    this.name = 'BundleUnavailableError';
  }
}

export async function buildAuditBundle(
  store: EventStore,
  log: TransparencyLog,
  cycleId: string,
  options: { since?: number } = {},
): Promise<AuditBundle> {
  await log.sync();
  // A log rewritten under its tree could only give a bundle that hides what was removed (an
  // omitted event leaves no gap a verifier can see): say so instead.
  const status = log.status();
  if (status.state === 'diverged')
    throw new BundleUnavailableError('LOG_REWRITTEN', status.reason ?? 'the log was rewritten');
  const latest = log.latestCheckpoint();
  const events = await readCycleLog(store, cycleId);
  if (!events) throw new BundleUnavailableError('CYCLE_NOT_FOUND', `no cycle "${cycleId}"`);
  if (!latest) throw new BundleUnavailableError('NO_CHECKPOINT', 'the log has no signed checkpoint yet');
  const size = latest.checkpoint.size;
  if (options.since !== undefined && options.since > size) {
    throw new BundleUnavailableError(
      'SINCE_BEYOND_CHECKPOINT',
      `since=${options.since} is beyond the latest checkpoint (size ${size})`,
    );
  }
  const under: { event: RecordedEvent; leafIndex: number }[] = [];
  for (const event of events) {
    const leafIndex = log.leafIndexOf(event.position);
    // Not yet under the checkpoint (appended since it was signed): the next bundle has it.
    if (leafIndex !== undefined && leafIndex < size) under.push({ event, leafIndex });
  }
  // All proofs against the one size together: they share most nodes, each read once.
  const proofs = log.inclusions(
    under.map((u) => u.leafIndex),
    size,
  );
  const bundled: BundledEvent[] = under.map(({ event, leafIndex }, i) => ({
    event,
    leafIndex,
    leaf: leafBytes(event).toString('base64'),
    inclusion: proofs[i]!.map((hash) => hash.toString('base64')),
  }));
  return {
    format: BUNDLE_FORMAT,
    cycleId,
    origin: log.logOrigin,
    verifierKey: log.verifierKey,
    checkpoint: latest.note,
    treeSize: size,
    events: bundled,
    ...(options.since !== undefined
      ? {
          consistency: {
            from: options.since,
            to: size,
            hashes: log.consistency(options.since, size).map((h) => h.toString('base64')),
          },
        }
      : {}),
  };
}

/** A cycle's own stream and its member units' streams, whole, in log order; undefined for no cycle. */
export async function readCycleLog(store: EventStore, cycleId: string): Promise<RecordedEvent[] | undefined> {
  const cycleEvents = await store.readStream(cycleStreamName(cycleId));
  const opened = cycleEvents[0];
  if (!opened || opened.type !== 'CycleOpened') return undefined;
  const units = (opened.data as CycleOpened['data']).units.map((unit) => unit.id);
  const unitEvents = await Promise.all(units.map((unitId) => store.readStream(unitStreamName(cycleId, unitId))));
  return [...cycleEvents, ...unitEvents.flat()].sort((a, b) => a.position - b.position);
}
