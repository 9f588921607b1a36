/** The query behind every export: the cycle's facts now or as of a moment, for a caller who may take them. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '#event-store';
import type { ReadModels, StandingsAt } from '#projections';
import { ACCOUNTS_STREAM } from '../accounts/account.js';
import type { Caller, Role } from '../auth/caller.js';
import { awaitPosition, found, READ_MODELS } from '../queries/read-side.js';
import { EVENT_STORE } from '../shell/tokens.js';
import { accountNames } from './account-names.js';
import { cycleFacts, type CycleFacts } from './cycle-facts.js';
import { assertMayTakeDocuments } from './document-access.js';

export class GetCycleFactsQuery extends Query<CycleFacts> {
  constructor(
    readonly minPosition: number | undefined,
    readonly cycleId: string,
    readonly at: StandingsAt,
    readonly caller: Caller,
    readonly role: Role,
  ) {
    super();
  }
}

@QueryHandler(GetCycleFactsQuery)
export class GetCycleFactsHandler implements IQueryHandler<GetCycleFactsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(q: GetCycleFactsQuery): Promise<CycleFacts> {
    await awaitPosition(this.readModels, q.minPosition);
    // Access is decided on the cycle as it is now (who leads it), not as it was at `asOf`.
    const now = found(await this.readModels.cycle(q.cycleId));
    assertMayTakeDocuments(q.caller, q.role, now.config);
    const record = found(await this.readModels.cycleRecord(q.cycleId, q.at));
    const names = accountNames(await this.store.readStream(ACCOUNTS_STREAM));
    return cycleFacts(record, { asOf: q.at.asOf, accountNames: names });
  }
}
