/**
 * Liveness and readiness: the event store must answer (503 otherwise); Redis is reported but does
 * not make the API unready, since commands are accepted without it (notifications catch up later).
 */
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import type { EventStore } from '#event-store';
import { Public } from '../auth/roles.decorator.js';
import { EVENT_STORE, REDIS_STATUS, TRANSPARENCY_LOG } from '../shell/tokens.js';
import type { TransparencyLog } from '#transparency';
import type { ReadModels } from '#projections';
import { READ_MODELS } from '../queries/read-side.js';

/** What the notifications runtime tells about Redis; `disabled` when it was never started. */
export interface RedisStatusProvider {
  redisStatus(): Promise<'up' | 'down' | 'disabled'>;
}

const STORE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS_STATUS) private readonly redis: RedisStatusProvider,
    @Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLog,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get(['health', 'api/v1/health'])
  @ApiOperation({ summary: 'Liveness and readiness of the event store and Redis' })
  @ApiOkResponse({ description: 'The event store answers' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [eventStore, redis] = await Promise.all([
      this.storeStatus(),
      this.redis.redisStatus().catch(() => 'down' as const),
    ]);
    const ok = eventStore.status === 'up';
    res.status(ok ? 200 : 503);
    // A log rewritten under its signed tree does not stop the API, but it is never "ok".
    const signedLog = this.log.status();
    const rewrite = this.readModels.rewriteDetected;
    const degraded = redis === 'down' || signedLog.state === 'diverged' || rewrite !== undefined;
    // While catching up with the log at start, queries without minPosition answer 503 (Retry-After).
    const catchingUpTo = this.readModels.catchingUpTo;
    const readModels = {
      position: this.readModels.position,
      catchingUp: catchingUpTo !== undefined,
      ...(catchingUpTo !== undefined ? { catchingUpTo } : {}),
      // A first build in its own thread: how far it has gone (queries see `position` until it is swapped in).
      ...(this.readModels.buildPosition !== undefined ? { buildPosition: this.readModels.buildPosition } : {}),
      ...(rewrite ? { rebuiltAfterRewrite: rewrite } : {}),
    };
    return {
      status: ok ? (degraded ? 'degraded' : 'ok') : 'down',
      eventStore,
      redis: { status: redis },
      signedLog,
      readModels,
    };
  }

  private async storeStatus(): Promise<{ status: 'up' | 'down'; headPosition?: number }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), STORE_TIMEOUT_MS);
      });
      const headPosition = await Promise.race([this.store.headPosition(), timeout]);
      return { status: 'up', headPosition };
    } catch {
      return { status: 'down' };
    } finally {
      clearTimeout(timer);
    }
  }
}
