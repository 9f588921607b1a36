/**
 * An anchor ties state kept outside the log (a read model's checkpoint, the scheduler's timers in
 * Redis) to the log it was built from: the position it ends at and the hash of the event there.
 * Positions are never reused and a hash covers the event's ids, so a store that is new, restored
 * from an older copy, rewound or rewritten fails the check, and the state must be rebuilt from 0.
 */
import type { EventStore } from './event-store.port.js';

export interface LogAnchor {
  position: number;
  /** Hash of the event at `position`; null when it was not recorded (the position alone is checked). */
  hash: string | null;
}

/** Why `store` is not the log `anchor` was taken from, or undefined when it is (or the anchor is 0). */
export async function anchorBroken(store: EventStore, anchor: LogAnchor): Promise<string | undefined> {
  const { position, hash } = anchor;
  if (position === 0) return undefined;
  const head = await store.headPosition();
  if (head < position) return `the store's head (${head}) is behind the checkpoint (${position})`;
  const [event] = await store.readAll({ after: position - 1, maxCount: 1 });
  if (!event || event.position !== position) return `the event at the checkpoint's position ${position} is gone`;
  if (hash !== null && event.hash !== hash) return `the event at the checkpoint's position ${position} changed`;
  return undefined;
}
