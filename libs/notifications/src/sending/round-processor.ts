/**
 * What happens when a round's timer fires. The worker first catches up with the log, so it decides
 * on what is true now, not on what was true when the timer was set:
 * - the planner names who this round must still tell (a submission or a moved due date since the
 *   timer was set takes a unit out; nobody left means the round is dropped);
 * - each notification is recorded (the log refuses a second one), then handed to the outside
 *   channels' queues, whose job ids are deterministic too;
 * - the cycle's current plan is (re)added, so a deadline that moved has its new timers.
 * A retry after a crash redoes all of it: recorded notifications answer 'already' and their
 * deliveries are enqueued again, which BullMQ ignores if they are still there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job, Queue } from 'bullmq';
import type { EventStore } from '#event-store';
import type { DeadlinesModel } from '../deadlines/deadlines-model.js';
import type { LogFollower } from '../log-follower.js';
import { messageFor, roundTexts } from '../planning/messages.js';
import { notificationsOf, planCycle, type PlannedNotification } from '../planning/plan.js';
import { generationPrefix, scheduleRounds, WARM_UP_MS, type RoundJob } from '../scheduling/round-queue.js';
import type { Channel, ExternalChannel, NotificationSentData } from '#notification-events';
import { recordSent } from './record.js';

export interface RoundProcessorDeps {
  store: EventStore;
  deadlines: LogFollower<DeadlinesModel>;
  roundsQueue: Queue;
  deliveryQueues: Partial<Record<ExternalChannel, Queue>>;
  clock: () => Date;
  /** Test seam: called after the decision, before anything is recorded. */
  beforeRecord?: (notifications: PlannedNotification[]) => Promise<void>;
}

export interface RoundOutcome {
  sent: number;
  already: number;
}

/**
 * Appends put in flight together (a cycle has at most 1,000 units): the SQLite store commits those of one tick in one
 * transaction.
 */
const IN_FLIGHT = 1000;

export async function processRound(job: Job<RoundJob>, deps: RoundProcessorDeps): Promise<RoundOutcome> {
  const { generation = '', ...round }: RoundJob = job.data;
  await warmUpUntil(Date.parse(round.sendAt), deps);
  const model = await deps.deadlines.catchUp();
  const cycle = model.cycle(round.cycleId);
  if (!cycle) return { sent: 0, already: 0 };
  const now = deps.clock();
  // The cycle's current plan goes back to Redis after this round's own alerts: it only concerns
  // other moments (a moved due date), and should not make this round later.
  const reschedule = () => scheduleRounds(deps.roundsQueue, planCycle(cycle), now, generation);
  const due = notificationsOf(round, cycle, now);
  if (due.length === 0) {
    await reschedule();
    return { sent: 0, already: 0 };
  }
  await deps.beforeRecord?.(due);
  const external = Object.keys(deps.deliveryQueues) as ExternalChannel[];
  const channels: Channel[] = ['in-app', ...external];
  const sentAt = now.toISOString();
  const texts = roundTexts(due[0], cycle);
  const outcome: RoundOutcome = { sent: 0, already: 0 };
  for (let i = 0; i < due.length; i += IN_FLIGHT) {
    const batch = due.slice(i, i + IN_FLIGHT);
    const results = await Promise.all(
      batch.map((n) => {
        const message = messageFor(n, cycle, texts);
        // Keys in sorted order: the store's canonical JSON of it is then plain JSON.stringify.
        const data: NotificationSentData = {
          channels,
          cycleId: round.cycleId,
          dueAt: round.dueAt,
          kind: round.kind,
          message: message.text,
          notificationId: n.notificationId,
          offset: round.offset,
          recipient: n.recipient,
          scheduledAt: round.sendAt,
          sentAt,
          step: round.step,
          subject: message.subject,
          units: n.units.map((id) => ({ id, name: cycle.unitNames.get(id) ?? id })),
        };
        return recordSent(deps.store, round.roundId, data);
      }),
    );
    for (const r of results) outcome[r] += 1;
    for (const channel of external) {
      await deps.deliveryQueues[channel]!.addBulk(
        batch.map((n) => ({
          name: channel,
          data: { notificationId: n.notificationId },
          opts: { jobId: generationPrefix(generation) + deliveryJobId(channel, n.notificationId) },
        })),
      );
    }
  }
  await reschedule();
  return outcome;
}

/**
 * The timer fires `WARM_UP_MS` ahead of the round's moment: fold the log's backlog now, then wait
 * for the moment. The catch-up at the moment then reads only what was committed meanwhile. The wait
 * never exceeds the warm-up, whatever the clock says (a test's clock need not be the wall clock).
 */
async function warmUpUntil(moment: number, deps: Pick<RoundProcessorDeps, 'deadlines' | 'clock'>): Promise<void> {
  if (moment <= deps.clock().getTime()) return;
  await deps.deadlines.catchUp();
  const giveUpAt = Date.now() + WARM_UP_MS;
  for (let ahead = moment - deps.clock().getTime(); ahead > 0 && Date.now() < giveUpAt;) {
    // A timer may wake a millisecond before the wall clock reads its moment: look again.
    await sleep(Math.max(1, Math.min(ahead, giveUpAt - Date.now())));
    ahead = moment - deps.clock().getTime();
  }
}

export function deliveryJobId(channel: ExternalChannel, notificationId: string): string {
  return `${channel}.${notificationId}`;
}
