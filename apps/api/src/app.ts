/**
 * Builds the HTTP application on a configuration: used by main.ts and by in-process tests.
 * The returned `close()` stops the app and then the store it opened, in that order.
 */
import { ValidationPipe, type INestApplication, type DynamicModule, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import responseTime from 'response-time';
import { Logger } from 'nestjs-pino';
import { createEventStore } from '#event-store';
import type { EventStore } from '#event-store';
import { pino } from 'pino';
import { ReadModels } from '#projections';
import { TransparencyLog } from '#transparency';
import { join } from 'node:path';
import { AuditModule } from './audit/audit.module.js';
import { AppModule } from './app.module.js';
import { QueriesModule } from './queries/queries.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { createAttachmentStore } from './attachments/create-attachment-store.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { closeNotifications, startNotifications } from './notifications/notifications-runtime.js';
import { DASHBOARD_PATH, mountDashboard } from './notifications/dashboard.js';
import { JwtVerifier } from './auth/jwt-verifier.js';
import type { NotificationsRuntime } from '#notifications';
import { CommandsModule } from './commands/commands.module.js';
import { IdentityModule } from './auth/identity.module.js';
import type { IdentityStore } from './identity/identity-store.port.js';
import { SqliteIdentityStore } from './identity/sqlite-identity-store.js';
import { REQUEST_HASH_KEY_LOCAL } from './commands/command-context.js';
import { requestHashKeyFor } from './commands/idempotency.js';
import type { AppConfig } from '#config';
import { setupSwagger } from './docs/swagger.js';
import type { RedisStatusProvider } from './health/health.controller.js';
import { ValidationProblem } from './problems/validation.js';
import { systemClock, type Clock } from './shell/clock.js';
import { correlationMiddleware } from './shell/correlation.js';
import { bodyDepthGuard } from './text/depth-guard.js';
import { jsonBodyOnly } from './text/json-only.js';
import { NfcPipe } from './text/nfc.js';
import { memoizeValidationMetadata } from './dto/validation-metadata-memo.js';
import { mountWebApp } from './web/web-app.js';
import { watchReadModels } from '#metrics';
import { createApiMetrics, mountMetrics } from './metrics/api-metrics.js';

export const API_PREFIX = 'api/v1';

export interface CreateAppOptions {
  /** The shell's clock (tests set the time); default the system clock. */
  clock?: Clock;
  /** An already opened store; by default the configured one is opened (and closed by `close`). */
  store?: EventStore;
  /** An already opened identity store; by default the configured one is opened (and closed by `close`). */
  identity?: IdentityStore;
  /** Nest's own bootstrap logs; main.ts keeps them, tests silence them. */
  bootstrapLogs?: boolean;
}

export interface CreatedApp {
  app: INestApplication;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<CreatedApp> {
  const ownsStore = !options.store;
  const store = options.store ?? (await createEventStore(config.eventStore));
  const clock = options.clock ?? systemClock;
  const ownsIdentity = !options.identity;
  const identity =
    options.identity ??
    (await openIdentityStore(config).catch(async (error: unknown) => {
      if (ownsStore) await store.close();
      throw error;
    }));
  const features: DynamicModule['imports'] = [
    IdentityModule,
    ImportsModule,
    CommandsModule,
    QueriesModule,
    NotificationsModule,
    AuditModule,
    DocumentsModule,
    AttachmentsModule,
  ];
  const log = pino({ level: config.logLevel });
  const metrics = createApiMetrics(config);
  let readModels: ReadModels | undefined;
  let transparency: TransparencyLog | undefined;
  let notifications: NotificationsRuntime | undefined;
  let app: NestExpressApplication;
  try {
    // Both catch up with the log in the background: /health answers at once and says so.
    readModels = await ReadModels.open(store, {
      dataDir: config.dataDir,
      onError: (error, event) =>
        log.error({ err: error, position: event?.position, type: event?.type }, 'projection error'),
      onRewrite: (reason) =>
        log.error({ reason }, 'the log was rewritten under the read models: rebuilt from position 0'),
      // A first build of years of log runs in its own thread, on the store the configuration names.
      buildStore: ownsStore ? config.eventStore : undefined,
    });
    const models = readModels;
    watchReadModels(metrics.registry, models, store);
    transparency = await TransparencyLog.start(store, {
      path: join(config.dataDir, 'transparency.sqlite'),
      origin: config.transparency.origin,
      signerKey: config.transparency.signerKey,
      intervalMs: config.transparency.checkpointIntervalMs,
      catchUpInBackground: true,
      // The start-up sweep reads and hashes the whole log: in a thread of its own, on the store
      // the configuration names (a store handed in by a test may be one no thread can reopen).
      sweepStore: ownsStore ? config.eventStore : undefined,
      onError: (err) => log.error({ err }, "the signed log's start-up sweep failed: tried again in a few seconds"),
      onDiverged: (reason) => {
        log.error({ reason }, 'the log was rewritten under its signed tree: checkpoints stopped, read models rebuilt');
        void models
          .rebuildAfterRewrite(reason)
          .catch((err: unknown) => log.error({ err }, 'read models rebuild failed'));
      },
    });
    notifications = await startNotifications(config, store, clock, log.child({ context: 'notifications' }), {
      onDelivery: metrics.notifications?.onDelivery,
    });
    const runtime = notifications;
    if (metrics.notifications && runtime.scheduler) metrics.notifications.watch(runtime, store);
    const redisStatus: RedisStatusProvider = {
      redisStatus: async () =>
        config.notifications.worker === 'off' ? 'disabled' : (await runtime.redisStatus()).status,
    };
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register(
        config,
        {
          store,
          identity,
          readModels,
          inbox: runtime,
          clock,
          redisStatus,
          transparency,
          attachments: await createAttachmentStore(config.attachments),
          commandMetrics: metrics.commands,
        },
        features,
      ),
      {
        bodyParser: false,
        bufferLogs: true,
        abortOnError: false,
        logger: options.bootstrapLogs === false ? false : undefined,
      },
    );
  } catch (error) {
    if (notifications) await closeNotifications(notifications, log);
    await transparency?.close();
    await readModels?.close();
    if (ownsStore) await store.close();
    if (ownsIdentity) await identity.close();
    throw error;
  }
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // How long the server took, as a `Server-Timing` header: the web's budget is read from it,
  // apart from the time a busy browser takes to ask and to read.
  app.use(responseTime((_req, res, ms) => res.setHeader('Server-Timing', `app;dur=${ms.toFixed(1)}`)));
  app.use(correlationMiddleware);
  // One helmet per request: the OpenAPI UI and the queue dashboard need inline scripts; nothing else does.
  const relaxedHelmet = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'https:'] },
    },
  });
  const strictHelmet = helmet();
  const relaxedPaths = [DASHBOARD_PATH, '/docs'];
  app.use((req: Request, res: Response, next: NextFunction) =>
    (relaxedPaths.some((p) => req.path === p || req.path.startsWith(`${p}/`) || req.path.startsWith(`${p}-`))
      ? relaxedHelmet
      : strictHelmet)(req, res, next),
  );
  app.getHttpAdapter().getInstance().locals[REQUEST_HASH_KEY_LOCAL] = requestHashKeyFor(config.auth.jwtSecret);
  mountDashboard(app.getHttpAdapter().getInstance(), notifications, app.get(JwtVerifier));
  mountMetrics(app.getHttpAdapter().getInstance(), metrics, config.metrics.token);
  mountWebApp(app.getHttpAdapter().getInstance());
  app.use(jsonBodyOnly);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(bodyDepthGuard);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'api/v1/health', method: RequestMethod.GET },
    ],
  });
  memoizeValidationMetadata();
  app.useGlobalPipes(
    new NfcPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => ValidationProblem.fromClassValidator(errors),
    }),
  );
  setupSwagger(app);
  await app.init();
  return {
    app,
    close: async () => {
      await app.close();
      await closeNotifications(notifications, log);
      await readModels.close();
      await transparency.close();
      if (ownsStore) await store.close();
      if (ownsIdentity) await identity.close();
    },
  };
}

/**
 * The identity store of the configuration: SQLite under DATA_DIR (the embedded default), or tables
 * beside the PostgreSQL log (node-postgres is loaded only then). `close()` ends its connections.
 */
export async function openIdentityStore(config: Pick<AppConfig, 'identityStore'>): Promise<IdentityStore> {
  const chosen = config.identityStore;
  if (chosen.kind === 'sqlite') return SqliteIdentityStore.open(chosen.path);
  const { PostgresIdentityStore } = await import('./identity/postgres-identity-store.js');
  return PostgresIdentityStore.connect(chosen);
}
