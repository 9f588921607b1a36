/**
 * The shared contract suite against a live EventStoreDB / KurrentDB, run only when
 * `EVENTSTORE_CONNECTION_STRING` is set (`npm run test:eventstoredb`; e.g.
 * `esdb://localhost:2113?tls=false` for the insecure single node of docker-compose.yml). Each run
 * writes under its own namespace, so a server that already holds data (an earlier run, or the
 * project itself) is never disturbed and never disturbs the suite.
 *
 * Without a server, the start-up check still runs for real: a closed local port must be refused
 * with the typed error, naming the server without its credentials.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { createEventStore } from '../create-event-store.js';
import { EventStoreUnavailableError } from '../errors.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { redactConnectionString } from './eventstoredb-mapping.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

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

if (connectionString) {
  const namespace = `contract-${randomUUID()}/`;
  describeEventStoreContract(`EventStoreDB at ${redactConnectionString(connectionString)}`, async () => {
    const store = await EventStoreDbEventStore.connect(connectionString, { namespace });
    return { store, cleanup: () => store.close() };
  });
}
