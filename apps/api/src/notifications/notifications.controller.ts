/** `GET /me/notifications`: the caller's in-app notifications (the notifications lib's inbox). */
import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { EventStore } from '#event-store';
import type { InboxItem, InboxUser } from '#notifications';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { ProblemError } from '../problems/problem.js';
import { MinPositionQuery } from '../queries/query.dto.js';
import { MIN_POSITION_WAIT_MS } from '../queries/read-side.js';
import { EVENT_STORE, NOTIFICATIONS_INBOX } from '../shell/tokens.js';

/** What the API needs of the notifications runtime. */
export interface NotificationsInbox {
  inbox(user: InboxUser, limit?: number): Promise<InboxItem[]>;
}

export class MyNotificationsQuery extends MinPositionQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class GetMyNotificationsQuery extends Query<{ items: InboxItem[] }> {
  constructor(
    readonly user: InboxUser,
    readonly limit: number,
    readonly minPosition: number | undefined,
  ) {
    super();
  }
}

/** The inbox reads the log up to its head on every call, so a position already in the log is always seen. */
@QueryHandler(GetMyNotificationsQuery)
export class GetMyNotificationsHandler implements IQueryHandler<GetMyNotificationsQuery> {
  constructor(
    @Inject(NOTIFICATIONS_INBOX) private readonly notifications: NotificationsInbox,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(q: GetMyNotificationsQuery) {
    if (q.minPosition !== undefined) {
      const deadline = Date.now() + MIN_POSITION_WAIT_MS;
      while ((await this.store.headPosition()) < q.minPosition) {
        if (Date.now() > deadline) throw ProblemError.of('READ_MODEL_BEHIND');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return { items: await this.notifications.inbox(q.user, q.limit) };
  }
}

@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('me')
export class NotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('notifications')
  @ApiOperation({ summary: "the caller's in-app notifications, newest first: { items: [...] }" })
  mine(@QueryParams() q: MyNotificationsQuery, @CurrentCaller() who: CallerContext) {
    const { userId, roles, unitId, provinceId } = who.caller;
    const user: InboxUser = { userId, roles, ...(unitId ? { unitId } : {}), ...(provinceId ? { provinceId } : {}) };
    return this.queries.execute(new GetMyNotificationsQuery(user, q.limit ?? 100, q.minPosition));
  }
}
