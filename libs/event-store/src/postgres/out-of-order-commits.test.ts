/**
 * Global order without gaps when transactions commit out of order. Two transactions call the
 * store's own `append_events` (the statement every group commit runs) and are held open on
 * purpose: the first takes the lower position and commits LAST. A reader that trusted "after
 * position N" would pass the first one's position before it was committed and skip it forever;
 * the store reads only below the oldest running transaction, so it shows neither until both have
 * ended, then both in order.
 *
 * The transactions are held for a fraction of a second only: the horizon is the server's, so
 * while they are open every reader of this server waits (that is the method's price, see README).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { RecordedEvent } from '../event-store.port.js';
import { canonicalJson, hashCanonicalEvent } from '../hash-chain.js';
import { collectUntil, contractEvent } from '../testing/event-store.contract.js';
import { TEST_DATABASE_URL, dropSchema, testSchemaName } from '../testing/postgres-test-schema.js';
import { PostgresEventStore } from './postgres-event-store.js';

const schema = testSchemaName('order');
let store: PostgresEventStore;
const clients: pg.Client[] = [];

async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  clients.push(client);
  return client;
}

/** Opens a transaction on `client` and appends one event at revision 0 of `streamId` in it; answers its position. */
async function appendInOpenTransaction(client: pg.Client, streamId: string): Promise<number> {
  const event = contractEvent('Held', { streamId });
  const dataJson = canonicalJson(event.data);
  const metadataJson = canonicalJson(event.metadata);
  const hash = hashCanonicalEvent({ streamId, revision: 0, type: event.type, dataJson, metadataJson, prevHash: null });
  await client.query('BEGIN');
  const { rows } = await client.query<{ first: string }>(
    `SELECT "${schema}".append_events($1, $2, $3, $4, $5, $6, $7) AS first`,
    [[streamId], [0], [event.type], [dataJson], [metadataJson], [null], [hash]],
  );
  return Number(rows[0].first);
}

/** What a naive reader ("every row after N") sees at this moment, from a connection of its own. */
async function naiveRead(after: number): Promise<number[]> {
  const observer = await connection();
  const { rows } = await observer.query<{ position: string }>(
    `SELECT position FROM "${schema}".events WHERE position > $1 ORDER BY position`,
    [after],
  );
  return rows.map((r) => Number(r.position));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL store: transactions that commit out of order', () => {
  beforeAll(async () => {
    store = await PostgresEventStore.connect({
      connectionString: TEST_DATABASE_URL,
      schema,
      poolSize: 2,
      pollIntervalMs: 20,
    });
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await store.close();
    await dropSchema(schema);
  });

  it('shows no event past one whose transaction is still open, then both in position order', async () => {
    const start = await store.headPosition();
    const subscription = store.subscribe({ after: start });
    const iterator = subscription[Symbol.asyncIterator]();
    const [slow, fast] = [await connection(), await connection()];

    const slowPosition = await appendInOpenTransaction(slow, 'held-slow');
    const fastPosition = await appendInOpenTransaction(fast, 'held-fast');
    expect(fastPosition).toBeGreaterThan(slowPosition);
    await fast.query('COMMIT');

    // The gap a naive reader falls into: the later position is committed, the earlier is not.
    expect(await naiveRead(start)).toEqual([fastPosition]);
    // The store shows neither, and its head has not moved past the open transaction.
    expect(await store.readAll({ after: start })).toEqual([]);
    expect(await store.headPosition()).toBe(start);
    const pending = iterator.next();
    const early = await Promise.race([pending, pause(300).then(() => 'nothing yet')]);
    expect(early).toBe('nothing yet');

    await slow.query('COMMIT');
    // The next() still pending from the race above delivers the first event; read the rest after it.
    const first = await Promise.race([pending, pause(10_000).then(() => 'stalled' as const)]);
    if (first === 'stalled' || first.done) throw new Error('the subscription delivered nothing after the commit');
    const delivered: RecordedEvent[] = [first.value];
    delivered.push(...(await collectUntil(iterator, (got) => got.length === 1)));
    await subscription.close();
    expect(delivered.map((e) => [e.position, e.streamId])).toEqual([
      [slowPosition, 'held-slow'],
      [fastPosition, 'held-fast'],
    ]);
    expect((await store.readAll({ after: start })).map((e) => e.position)).toEqual([slowPosition, fastPosition]);
    expect(await store.headPosition()).toBe(fastPosition);
  });

  it('a held transaction that rolls back leaves a gap in positions, and what follows it is delivered', async () => {
    const start = await store.headPosition();
    const subscription = store.subscribe({ after: start });
    const iterator = subscription[Symbol.asyncIterator]();
    const [doomed, other] = [await connection(), await connection()];

    const doomedPosition = await appendInOpenTransaction(doomed, 'held-doomed');
    const otherPosition = await appendInOpenTransaction(other, 'held-other');
    await other.query('COMMIT');
    const pending = iterator.next();
    const early = await Promise.race([pending, pause(300).then(() => 'nothing yet')]);
    expect(early).toBe('nothing yet');

    // No notification comes from a rollback: the subscriber's poll of the head finds the event.
    await doomed.query('ROLLBACK');
    const first = await Promise.race([pending, pause(10_000).then(() => 'stalled' as const)]);
    if (first === 'stalled' || first.done) throw new Error('the subscription delivered nothing after the rollback');
    const delivered = [first.value];
    await subscription.close();
    expect(delivered.map((e) => [e.position, e.streamId])).toEqual([[otherPosition, 'held-other']]);
    expect(otherPosition).toBeGreaterThan(doomedPosition);
    expect(await store.readStream('held-doomed')).toEqual([]);
  });

  it("the store's own concurrent appends interleaved with a held transaction come out in position order", async () => {
    const start = await store.headPosition();
    const held = await connection();
    const heldPosition = await appendInOpenTransaction(held, 'held-among');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(`among-${i}`, [contractEvent('Among')], 'no-stream')),
    );
    expect(Math.min(...results.map((r) => r.position))).toBeGreaterThan(heldPosition);
    expect(await store.readAll({ after: start })).toEqual([]);
    await held.query('COMMIT');
    const all = await store.readAll({ after: start });
    expect(all.map((e) => e.position)).toEqual([heldPosition, ...results.map((r) => r.position).sort((a, b) => a - b)]);
  });
});
