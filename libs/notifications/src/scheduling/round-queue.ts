/**
 * The timers: one delayed BullMQ job per round, with the round id as job id, so adding a round that
 * is already there is a no-op (BullMQ ignores an existing id) and any number of schedulers agree.
 * The id is prefixed by the plan's generation (see checkpoint.ts): a plan rebuilt for a new or
 * restored store must not collide with the finished jobs of the one Redis served before.
 */
import type { Queue } from 'bullmq';
import { isRoundLive, type Round } from '../planning/plan.js';

export const ROUNDS_QUEUE = 'thidua-deadlines';

export type RoundJob = Round & { generation?: string };

export function generationPrefix(generation: string | undefined): string {
  return generation ? `${generation}.` : '';
}

const BULK = 1000;

/**
 * A timer fires this long before its round's moment: the worker then folds what the log gained
 * since its last round and waits for the moment itself (see round-processor.ts), so the due moment
 * does not pay for that fold, nor for Redis promoting and handing over the job.
 */
export const WARM_UP_MS = 2000;

/**
 * Adds the rounds still live at `now`, each delayed until `WARM_UP_MS` before its moment. Throws
 * while Redis is down.
 */
export async function scheduleRounds(queue: Queue, rounds: Round[], now: Date, generation = ''): Promise<number> {
  const live = rounds.filter((r) => isRoundLive(r, now));
  for (let i = 0; i < live.length; i += BULK) {
    await queue.addBulk(
      live.slice(i, i + BULK).map((round) => ({
        name: round.kind,
        data: { ...round, generation } satisfies RoundJob,
        opts: {
          jobId: `${generationPrefix(generation)}${round.roundId}`,
          delay: Math.max(0, Date.parse(round.sendAt) - now.getTime() - WARM_UP_MS),
        },
      })),
    );
  }
  return live.length;
}
