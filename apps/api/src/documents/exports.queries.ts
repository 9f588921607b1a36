/** The query behind every export: the cycle's facts now or as of a moment, for a caller who may take them. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReadModels, StandingsAt } from '#projections';
import type { Caller, Role } from '../auth/caller.js';
import { awaitPosition, found, READ_MODELS } from '../queries/read-side.js';
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
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute(q: GetCycleFactsQuery): Promise<CycleFacts> {
    await awaitPosition(this.readModels, q.minPosition);
    // Access is decided on the cycle as it is now (who leads it), not as it was at `asOf`.
    const now = found(await this.readModels.cycle(q.cycleId));
    assertMayTakeDocuments(q.caller, q.role, now.config);
    const record = found(await this.readModels.cycleRecord(q.cycleId, q.at));
    return cycleFacts(record, q.at.asOf);
  }
}
