/**
 * The notifications runtime: what the HTTP app starts in its own process, and what
 * `apps/worker` starts alone.
 *
 * - Always: the in-app inbox (a read model of the log, no Redis needed), the Redis health check,
 *   the queues (for the dashboard).
 * - With `runWorker`: the scheduler (log → timers in Redis) and the BullMQ workers that fire rounds
 *   and deliver to webhook and e-mail.
 * Redis being down never stops the start: the scheduler waits at its checkpoint, the workers
 * reconnect, and `redisStatus()` says so.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { EventStore } from '#event-store';
import { EmailChannel, mailAddress, type SmtpConfig } from './channels/email.js';
import { postWebhook, type WebhookConfig } from './channels/webhook.js';
import { DeadlinesModel } from './deadlines/deadlines-model.js';
import { InboxModel, type InboxItem, type InboxUser } from './inbox/inbox.js';
import { LogFollower } from './log-follower.js';
import { consoleLogger, type Logger } from './logger.js';
import type { Channel, ExternalChannel } from '#notification-events';
import { mountQueueDashboard, type ExpressLike } from './operators/dashboard.js';
import type { PlannedNotification } from './planning/plan.js';
import {
  DEFAULT_REDIS_URL,
  RedisHealth,
  failFastConnection,
  redactUrl,
  workerConnection,
  type RedisStatus,
} from './redis/redis-connection.js';
import { RedisCheckpoint } from './scheduling/checkpoint.js';
import { ROUNDS_QUEUE, type RoundJob } from './scheduling/round-queue.js';
import { DeadlineScheduler } from './scheduling/scheduler.js';
import {
  DEAD_LETTER_QUEUE,
  isLastAttempt,
  processDelivery,
  type Deliver,
  type DeliveryJob,
  type DeliveryReport,
} from './sending/delivery-processor.js';
import { processRound, type RoundOutcome } from './sending/round-processor.js';

export const QUEUE_NAMES = {
  rounds: ROUNDS_QUEUE,
  webhook: 'thidua-webhook',
  email: 'thidua-email',
  deadLetter: DEAD_LETTER_QUEUE,
} as const;
export const DEFAULT_PREFIX = 'bull';

export interface NotificationsRuntimeOptions {
  store: EventStore;
  /** Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** BullMQ key prefix (default `bull`): tests and tenants keep apart by it. */
  prefix?: string;
  clock?: () => Date;
  channels?: { webhook?: WebhookConfig; smtp?: SmtpConfig };
  /** Run the scheduler and the workers in this process (the API does when Redis answers). */
  runWorker: boolean;
  /** Rounds fired in parallel (default 16) and deliveries in parallel (default 20). */
  concurrency?: number;
  deliveryConcurrency?: number;
  /** BullMQ job lock: a worker dead for this long has its jobs taken over (default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  logger?: Logger;
  /** Test seam: runs after a round's decision, before anything is recorded. */
  beforeRecord?: (notifications: PlannedNotification[]) => Promise<void>;
  /**
   * Told what deliveries came to, for operators' metrics: in-app, the notifications a round recorded
   * (`delivered`) or found recorded (`already-delivered`); webhook and e-mail, each attempt.
   */
  onDelivery?: (channel: Channel, report: DeliveryReport, count: number) => void;
}

const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 50_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

export class NotificationsRuntime {
  private readonly workers: Worker[] = [];
  private readonly closers: (() => Promise<void> | void)[] = [];

  private constructor(
    private readonly options: NotificationsRuntimeOptions,
    private readonly inboxFollower: LogFollower<InboxModel>,
    private readonly health: RedisHealth,
    private readonly queueList: Queue[],
    readonly scheduler: DeadlineScheduler | null,
  ) {}

  static async start(options: NotificationsRuntimeOptions): Promise<NotificationsRuntime> {
    const redisUrl = options.redisUrl ?? DEFAULT_REDIS_URL;
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    const clock = options.clock ?? (() => new Date());
    const logger = options.logger ?? consoleLogger;
    const health = new RedisHealth(redisUrl);
    const queue = (name: string, defaults: Record<string, unknown> = {}) => {
      const q = new Queue(name, { connection: failFastConnection(redisUrl), prefix, defaultJobOptions: defaults });
      q.on('error', () => undefined);
      return q;
    };
    const { webhook, smtp } = options.channels ?? {};
    const rounds = queue(ROUNDS_QUEUE, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
    const deadLetters = queue(DEAD_LETTER_QUEUE);
    const deliveryQueues: Partial<Record<ExternalChannel, Queue>> = {};
    if (webhook) deliveryQueues.webhook = queue(QUEUE_NAMES.webhook, retries(webhook));
    if (smtp) deliveryQueues.email = queue(QUEUE_NAMES.email, retries(smtp));
    const queues = [rounds, ...Object.values(deliveryQueues), deadLetters];

    const inbox = new LogFollower(options.store, new InboxModel(), (m, e) => m.apply(e));
    if (options.runWorker) {
      const checkpoint = new RedisCheckpoint(redisUrl, prefix);
      const scheduler = new DeadlineScheduler({ store: options.store, queue: rounds, checkpoint, clock, logger });
      const runtime = new NotificationsRuntime(options, inbox, health, queues, scheduler);
      runtime.closers.push(() => checkpoint.close());
      runtime.startWorkers({ redisUrl, prefix, clock, logger, rounds, deliveryQueues, deadLetters });
      scheduler.start();
      await runtime.announce(logger, redisUrl);
      return runtime;
    }
    return new NotificationsRuntime(options, inbox, health, queues, null);
  }

  private async announce(logger: Logger, redisUrl: string): Promise<void> {
    const status = await this.health.status();
    if (status.status === 'up') logger.info(`notification worker running on ${redactUrl(redisUrl)}`);
    else {
      logger.warn(
        `Redis is not answering at ${redactUrl(redisUrl)} (${status.error}): reminders wait until it does; ` +
          'commands are still accepted and every reminder that falls due meanwhile is sent once Redis is back.',
      );
    }
  }

  private startWorkers(ctx: {
    redisUrl: string;
    prefix: string;
    clock: () => Date;
    logger: Logger;
    rounds: Queue;
    deliveryQueues: Partial<Record<ExternalChannel, Queue>>;
    deadLetters: Queue;
  }): void {
    const { store, onDelivery } = this.options;
    const deadlines = new LogFollower(store, new DeadlinesModel(), (m, e) => void m.apply(e));
    // Fold the log now, not on the first timer: that timer's lateness should not pay for it.
    void deadlines.catchUp().catch(() => undefined);
    const common = {
      connection: workerConnection(ctx.redisUrl),
      prefix: ctx.prefix,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
    this.addWorker(
      new Worker<RoundJob, RoundOutcome>(
        ROUNDS_QUEUE,
        async (job) => {
          const outcome = await processRound(job, {
            store,
            deadlines,
            roundsQueue: ctx.rounds,
            deliveryQueues: ctx.deliveryQueues,
            clock: ctx.clock,
            beforeRecord: this.options.beforeRecord,
          });
          // In-app, recording is delivering.
          if (outcome.sent > 0) onDelivery?.('in-app', 'delivered', outcome.sent);
          if (outcome.already > 0) onDelivery?.('in-app', 'already-delivered', outcome.already);
          return outcome;
        },
        // Rounds mostly wait on the store's commits; running many at once lets it commit their
        // notifications together.
        { ...common, concurrency: this.options.concurrency ?? 16 },
      ),
      ctx.logger,
    );
    const { webhook, smtp } = this.options.channels ?? {};
    const deliver = (channel: ExternalChannel, fn: Deliver, target: DeliveryTarget) =>
      this.addWorker(
        new Worker<DeliveryJob>(
          ctx.deliveryQueues[channel]!.name,
          async (job: Job<DeliveryJob>) => {
            try {
              const outcome = await processDelivery(job, {
                store,
                channel,
                deliver: fn,
                target,
                deadLetters: ctx.deadLetters,
                clock: ctx.clock,
              });
              onDelivery?.(channel, outcome, 1);
              return outcome;
            } catch (err) {
              onDelivery?.(channel, isLastAttempt(job) ? 'dead-lettered' : 'failed', 1);
              throw err;
            }
          },
          { ...common, concurrency: this.options.deliveryConcurrency ?? 20 },
        ),
        ctx.logger,
      );
    if (webhook) {
      deliver(
        'webhook',
        async (n, id) => (await postWebhook(webhook, n, id), webhook.url),
        () => webhook.url,
      );
    }
    if (smtp) {
      const email = new EmailChannel(smtp);
      this.closers.push(() => email.close());
      deliver(
        'email',
        (n, id) => email.send(n, id),
        (n) => mailAddress(smtp, n),
      );
    }
  }

  private addWorker(worker: Worker, logger: Logger): void {
    let lastError = '';
    worker.on('error', (err) => {
      // Redis going away makes every connection complain; say it once per distinct message.
      if (err.message !== lastError) logger.warn(`worker ${worker.name}: ${err.message}`);
      lastError = err.message;
    });
    worker.on('failed', (job, err) => logger.warn(`job ${job?.id ?? '?'} of ${worker.name} failed: ${err.message}`));
    this.workers.push(worker);
  }

  /** The caller's in-app notifications, newest first, as of the log's current head. */
  async inbox(user: InboxUser, limit?: number): Promise<InboxItem[]> {
    const model = await this.inboxFollower.catchUp();
    return model.forUser(user, limit);
  }

  redisStatus(): Promise<RedisStatus> {
    return this.health.status();
  }

  /** Bull Board on `basePath` (default `/admin/queues`) of an Express app. */
  mountDashboard(app: ExpressLike, basePath?: string): void {
    mountQueueDashboard(app, this.queueList, basePath);
  }

  queues(): Queue[] {
    return [...this.queueList];
  }

  /**
   * Stops everything. Jobs in progress get a few seconds to finish; with Redis down BullMQ would
   * wait for it forever, so after that the connections are cut (a job cut short is taken over by
   * another worker once its lock expires, and the log keeps it from being sent twice).
   */
  async close(): Promise<void> {
    await this.scheduler?.stop();
    // With Redis down no job in progress can finish anyway: close without waiting for them.
    const force = (await this.health.status()).status === 'down';
    await Promise.all([...this.workers, ...this.queueList].map((q) => closeWithin(q, force, CLOSE_WAIT_MS)));
    for (const close of this.closers) await close();
    await this.health.close();
  }
}

const CLOSE_WAIT_MS = 3000;

async function closeWithin(closable: Worker | Queue, force: boolean, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const closing = closable instanceof Worker ? closable.close(force) : closable.close();
  const result = await Promise.race([
    closing.then(
      () => 'closed' as const,
      () => 'closed' as const,
    ),
    timedOut,
  ]);
  clearTimeout(timer);
  // Not awaited: with Redis gone, even a forced disconnect can wait for a connection forever.
  if (result === 'timeout') void closable.disconnect().catch(() => undefined);
}

type DeliveryTarget = Parameters<typeof processDelivery>[1]['target'];

function retries(config: { attempts?: number; backoffMs?: number }): Record<string, unknown> {
  return { attempts: config.attempts ?? 5, backoff: { type: 'exponential', delay: config.backoffMs ?? 1000 } };
}
