/** The application's root module, assembled from the configuration and the shell's adapters. */
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { EventStore } from '#event-store';
import type { ReadModels } from '#projections';
import { READ_MODELS } from './queries/read-side.js';
import { AuthGuard } from './auth/auth.guard.js';
import { JwtVerifier } from './auth/jwt-verifier.js';
import type { AppConfig } from '#config';
import { Sessions } from './auth/sessions.js';
import type { IdentityStore } from './identity/identity-store.port.js';
import { HealthController } from './health/health.controller.js';
import type { RedisStatusProvider } from './health/health.controller.js';
import { ProblemFilter } from './problems/problem.filter.js';
import type { Clock } from './shell/clock.js';
import { redactUrl } from './shell/redact-url.js';
import type { CorrelatedRequestFields } from './shell/correlation.js';
import {
  APP_CONFIG,
  ATTACHMENT_STORE,
  CLOCK,
  EVENT_STORE,
  IDENTITY_STORE,
  NOTIFICATIONS_INBOX,
  REDIS_STATUS,
  TRANSPARENCY_LOG,
} from './shell/tokens.js';
import type { AttachmentStore } from './attachments/attachment-store.js';
import type { TransparencyLog } from '#transparency';
import type { NotificationsInbox } from './notifications/notifications.controller.js';
import { CommandMetrics } from '#metrics';

export interface AppDependencies {
  store: EventStore;
  identity: IdentityStore;
  readModels: ReadModels;
  inbox: NotificationsInbox;
  clock: Clock;
  redisStatus: RedisStatusProvider;
  attachments: AttachmentStore;
  transparency: TransparencyLog;
  commandMetrics: CommandMetrics;
}

/** The shell's adapters, visible to every feature module. */
@Global()
@Module({})
class ShellModule {
  static register(config: AppConfig, deps: AppDependencies): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: EVENT_STORE, useValue: deps.store },
      { provide: READ_MODELS, useValue: deps.readModels },
      { provide: NOTIFICATIONS_INBOX, useValue: deps.inbox },
      { provide: CLOCK, useValue: deps.clock },
      { provide: REDIS_STATUS, useValue: deps.redisStatus },
      { provide: ATTACHMENT_STORE, useValue: deps.attachments },
      { provide: TRANSPARENCY_LOG, useValue: deps.transparency },
      { provide: IDENTITY_STORE, useValue: deps.identity },
      { provide: CommandMetrics, useValue: deps.commandMetrics },
      { provide: Sessions, useValue: new Sessions(deps.identity, config.sessions, config.auth.jwtSecret) },
      {
        provide: JwtVerifier,
        useValue: new JwtVerifier({
          secret: config.auth.jwtSecret,
          ...(config.auth.jwksUrl ? { jwksUrl: config.auth.jwksUrl } : {}),
          maxTtlS: config.auth.maxTokenTtlS,
          claims: config.auth.claims,
          ...(config.auth.jwksUrl && config.oidc ? { issuer: config.oidc.issuer } : {}),
        }),
      },
    ];
    return { module: ShellModule, providers, exports: providers };
  }
}

@Module({})
export class AppModule {
  static register(config: AppConfig, deps: AppDependencies, features: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ShellModule.register(config, deps),
        CqrsModule.forRoot(),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage & CorrelatedRequestFields) => req.requestId ?? '',
            customProps: (req: IncomingMessage & CorrelatedRequestFields) => ({ correlationId: req.correlationId }),
            // Tokens and cookies never reach the log.
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
            },
            // The serializers take the raw request and response: pino-http would otherwise first copy
            // every header, the query and the socket address of each request into an object that
            // these serializers then drop (the same three fields are logged; `originalUrl` is what
            // pino-http's own copy calls `url`).
            wrapSerializers: false,
            serializers: {
              req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
                id: req.id,
                method: req.method,
                url: redactUrl(req.originalUrl || req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ limit: Math.max(config.throttle.limit, 1), ttl: config.throttle.ttlMs }],
          skipIf: () => config.throttle.limit === 0,
        }),
        ...(features ?? []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
