import type { RecordedEvent } from '#event-store';
import { verifyChain } from '#event-store';

export type CycleVerification = {
  ok: boolean;
  /** Events verified before the first broken one (all of them when ok). */
  checkedEvents: number;
  firstBroken?: { streamId: string; revision: number; position: number; reason: string };
};

/**
 * Verifies the hash chain of every stream of a cycle, as read back whole from the store (ballots
 * included: the chain is checked whole even where the events list hides them). Each stream must
 * also start at revision 0, so that events removed from a stream's head do not go unnoticed.
 */
export function verifyCycleEvents(events: readonly RecordedEvent[]): CycleVerification {
  const chain = verifyChain(events);
  let index = chain.ok ? events.length : chain.firstBroken!.index;
  let reason = chain.firstBroken?.reason ?? '';
  const seen = new Set<string>();
  for (let i = 0; i < index; i++) {
    const event = events[i]!;
    if (seen.has(event.streamId)) continue;
    seen.add(event.streamId);
    if (event.revision !== 0) {
      index = i;
      reason = `the stream starts at revision ${event.revision}, not 0`;
      break;
    }
  }
  if (index === events.length) return { ok: true, checkedEvents: events.length };
  const broken = events[index]!;
  return {
    ok: false,
    checkedEvents: index,
    firstBroken: { streamId: broken.streamId, revision: broken.revision, position: broken.position, reason },
  };
}
