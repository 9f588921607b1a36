/**
 * The shared contract suite against a live KurrentDB / EventStoreDB: the one named by
 * `EVENTSTORE_CONNECTION_STRING` (e.g. `esdb://localhost:2113?tls=false` for the insecure
 * single node of docker-compose.yml), or, under `npm run test:eventstoredb` (EVENTSTORE_LIVE=1)
 * without it, a KurrentDB container started through `@testcontainers/kurrentdb` (see
 * `live/live-target.ts`). Each run writes under its own namespace, so a server that already holds
 * data (an earlier run, or the project itself) is never disturbed and never disturbs the suite.
 *
 * Without a server, the start-up check still runs for real: a closed local port must be refused
 * with the typed error, naming the server without its credentials.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createEventStore } from '../create-event-store.js';
import { EventStoreUnavailableError } from '../errors.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { redactConnectionString } from './eventstoredb-mapping.js';
import { liveTarget } from './live/live-target.js';

const live =
  process.env.EVENTSTORE_CONNECTION_STRING || process.env.EVENTSTORE_LIVE === '1' ? await liveTarget() : undefined;

/** A local TCP port that nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('EventStoreDB start-up check', () => {
  it('refuses an unreachable server with EventStoreUnavailableError naming it without credentials', async () => {
    const port = await closedPort();
    const error = await createEventStore({
      kind: 'eventstoredb',
      connectionString: `esdb://admin:changeit@127.0.0.1:${port}?tls=false`,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain(`esdb://***@127.0.0.1:${port}?tls=false`);
    expect((error as Error).message).not.toContain('changeit');
  });
});

if (live) {
  const namespace = `contract-${randomUUID()}/`;
  afterAll(() => live.stop());
  describeEventStoreContract(
    `KurrentDB at ${redactConnectionString(live.connectionString)} (${live.source})`,
    async () => {
      const store = await EventStoreDbEventStore.connect(live.connectionString, { namespace });
      return { store, cleanup: () => store.close() };
    },
  );
}
