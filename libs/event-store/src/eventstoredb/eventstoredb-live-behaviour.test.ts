/**
 * What a live cluster does that a quiet single node does not, over the stand-in
 * (`testing/fake-eventstoredb-client.ts`): one test (or group) per finding of issue 16. Each fails
 * on the adapter as it was on `@eventstore/db-client` and passes now (see the README).
 */
import { describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { RecordedEvent } from '../event-store.port.js';
import { verifyChain } from '../hash-chain.js';
import { collectUntil, contractEvent } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { StreamDeletedOnServerError } from './eventstoredb-mapping.js';
import { FakeEventStoreDbClient } from './testing/fake-eventstoredb-client.js';

function open(
  fake = new FakeEventStoreDbClient(),
  warnings: string[] = [],
): { fake: FakeEventStoreDbClient; store: EventStoreDbEventStore } {
  const store = new EventStoreDbEventStore(fake.asClient(), 'kurrentdb://***@fake:2113', {
    namespace: 'thidua/',
    pageSize: 7,
    warn: (message) => warnings.push(message),
  });
  return { fake, store };
}

async function fill(store: EventStoreDbEventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await store.append(`s-${i % 5}`, [contractEvent('Filled', { i })], 'any');
}

describe('1. headPosition costs one event', () => {
  it('is one backward read of one event, filtered on the server', async () => {
    const { fake, store } = open();
    await fill(store, 40);
    fake.writeForeign('other-tenant/orders-1', 'OrderPlaced', {}); // the log's last record is not ours
    const lastOurs = fake.log.filter((r) => r.streamId.startsWith('thidua/')).at(-1)!;
    const served = fake.served;
    const reads = fake.allReads.length;
    expect(await store.headPosition()).toBe(Number(lastOurs.position));
    expect(fake.served - served).toBe(1);
    expect(fake.allReads.slice(reads)).toEqual([
      { direction: 'backwards', fromPosition: 'end', maxCount: 1, filtered: true },
    ]);
  });
});

describe('2. catch-up after a restart', () => {
  it('starts from the checkpoint itself, with no scan back from the end of the log', async () => {
    const { fake, store } = open();
    await fill(store, 60);
    const checkpoint = (await store.readAll()).at(-10)!.position;
    await store.close();

    const { store: restarted } = open(fake); // a new process: it has handed out no position yet
    const reads = fake.allReads.length;
    const page = await restarted.readAll({ after: checkpoint });
    expect(page).toHaveLength(9);
    expect(page[0].position).toBeGreaterThan(checkpoint);
    const made = fake.allReads.slice(reads);
    expect(made.every((read) => read.direction === 'forwards')).toBe(true);
    expect(made[0].fromPosition).toEqual({ commit: BigInt(checkpoint), prepare: BigInt(checkpoint) });

    const subscription = restarted.subscribe({ after: checkpoint });
    const seen = await collectUntil(subscription[Symbol.asyncIterator](), (got) => got.length === 9);
    await subscription.close();
    expect(seen.map((e) => e.position)).toEqual(page.map((e) => e.position));
    expect(fake.allReads.slice(reads).every((read) => read.direction === 'forwards')).toBe(true);
  });
});

describe('3. failover: reads that decide a write go to the leader', () => {
  it("an append after a leader change hashes on the leader's last event, not a stale follower's", async () => {
    const { fake, store } = open();
    const { store: other } = open(fake); // another API instance, still on the leader
    await store.append('cycle', [contractEvent('Opened')], 'no-stream');
    fake.lagFollower(); // the connection now lands on a follower that stopped replicating
    await other.append('cycle', [contractEvent('FromOther')], 'any');
    const result = await store.append('cycle', [contractEvent('Mine')], 'any');
    expect(result.revision).toBe(2);
    const read = await store.readStream('cycle');
    expect(read.map((e) => e.type)).toEqual(['Opened', 'FromOther', 'Mine']);
    expect(verifyChain(read)).toEqual({ ok: true, checkedEvents: 3 });
  });

  it('reads an append back from the leader, where a stale follower would return nothing', async () => {
    const { fake, store } = open();
    fake.lagFollower();
    const result = await store.append('fresh', [contractEvent('A'), contractEvent('B')], 'no-stream');
    expect(result.events.map((e) => [e.streamId, e.revision, e.type])).toEqual([
      ['fresh', 0, 'A'],
      ['fresh', 1, 'B'],
    ]);
  });

  it('with the leader out of reach, an append is refused with a clear, retryable error before anything is written', async () => {
    const { fake, store } = open();
    await store.append('s', [contractEvent('A')], 'no-stream');
    fake.lagFollower({ leaderUnreachable: true });
    const error = await store.append('s', [contractEvent('B')], 0).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(fake.log.filter((r) => r.streamId === 'thidua/s')).toHaveLength(1);
  });

  it('a committed append whose read-back finds no leader is a clear, retryable error (no TypeError)', async () => {
    const { fake, store } = open();
    await store.append('s', [contractEvent('A')], 'no-stream');
    fake.beforeAppend = async () => {
      fake.beforeAppend = undefined;
      fake.lagFollower({ leaderUnreachable: true }); // the leader goes between the write and its read-back
    };
    const error = await store.append('s', [contractEvent('B')], 0).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(
      /append to "s" at revision 1 was committed; reading it back from the leader failed/,
    );
  });
});

describe('4. every error mapped', () => {
  it('a tombstoned stream is StreamDeletedOnServerError (an unavailable error naming it) on append and read', async () => {
    const { fake, store } = open();
    await store.append('gone', [contractEvent('A')], 'no-stream');
    fake.hardDelete('thidua/gone');
    const appended = await store.append('gone', [contractEvent('B')], 'any').catch((err: unknown) => err);
    const read = await store.readStream('gone').catch((err: unknown) => err);
    for (const error of [appended, read]) {
      expect(error).toBeInstanceOf(StreamDeletedOnServerError);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toContain('"gone"');
    }
  });

  it("a soft-deleted stream goes on in the server's numbering, chained to its last hidden event", async () => {
    const { fake, store } = open();
    await store.append('soft', [contractEvent('A'), contractEvent('B'), contractEvent('C')], 'no-stream');
    fake.softDelete('thidua/soft');
    expect(await store.readStream('soft')).toEqual([]); // as the server reads it: not found
    const result = await store.append('soft', [contractEvent('D')], 'no-stream');
    expect(result.revision).toBe(3); // the server numbers on from the old last revision
    const all = (await store.readAll()).filter((e) => e.streamId === 'soft');
    expect(all.map((e) => [e.revision, e.type])).toEqual([
      [0, 'A'],
      [1, 'B'],
      [2, 'C'],
      [3, 'D'],
    ]);
    expect(verifyChain(all)).toEqual({ ok: true, checkedEvents: 4 });
    const visible = await store.readStream('soft');
    expect(visible.map((e) => e.revision)).toEqual([3]);
    expect(visible[0].prevHash).toBe(all[2].hash);
  });

  it('"not ready" and "too busy" are EventStoreUnavailableError', async () => {
    const { fake, store } = open();
    fake.failNextRead('Server Is Not Ready');
    await expect(store.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    fake.failNextRead('Server Is Too Busy');
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('an append that timed out after the server committed it resolves as written, once', async () => {
    const { fake, store } = open();
    await store.append('t', [contractEvent('A')], 'no-stream');
    fake.timeOutNextAppend('committed');
    const result = await store.append('t', [contractEvent('B')], 0);
    expect(result.revision).toBe(1);
    expect((await store.readStream('t')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('an append that timed out before the server committed it is a retryable error, and nothing is written', async () => {
    const { fake, store } = open();
    fake.timeOutNextAppend('not-committed');
    const error = await store.append('t', [contractEvent('A')], 'no-stream').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/not applied/);
    expect(await store.readStream('t')).toEqual([]);
    expect((await store.append('t', [contractEvent('A')], 'no-stream')).revision).toBe(0);
  });

  it('when the shared batch stream fails, each pending append is resolved by its own read-back', async () => {
    const { fake, store } = open();
    fake.holdAppends(true); // the server committed these two, then the call broke
    const committed = [
      store.append('b-1', [contractEvent('A')], 'no-stream'),
      store.append('b-2', [contractEvent('A')], 'no-stream'),
    ];
    await until(() => fake.pendingAppends === 2);
    fake.holdAppends(false); // and never received this one
    const lost = store.append('b-3', [contractEvent('A')], 'no-stream');
    await until(() => fake.pendingAppends === 3);
    fake.breakBatchStream();
    const outcomes = await Promise.allSettled([...committed, lost]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
    for (const stream of ['b-1', 'b-2']) expect(await store.readStream(stream)).toHaveLength(1);
    expect(await store.readStream('b-3')).toEqual([]);
  });

  it('an append that timed out while another writer took its revision is a typed conflict', async () => {
    const { fake, store } = open();
    const { store: other } = open(fake);
    await store.append('race', [contractEvent('A')], 'no-stream');
    fake.timeOutNextAppend('not-committed', async () => {
      await other.append('race', [contractEvent('Other')], 0); // takes revision 1 before the read-back
    });
    const error = await store.append('race', [contractEvent('Mine')], 0).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'race', expected: 0, actual: 1 });
  });
});

describe('5. subscriptions that end', () => {
  it('a subscription the server ends without close() is an error, not a silent end', async () => {
    const { fake, store } = open();
    await fill(store, 5);
    const subscription = store.subscribe();
    const iterator = subscription[Symbol.asyncIterator]();
    await collectUntil(iterator, (got) => got.length === 5);
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.endSubscriptions();
    const error = await next.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/ended the subscription .* after position \d+/);
  });

  it('a subscription dropped mid-stream is an error too', async () => {
    const { fake, store } = open();
    await fill(store, 5);
    const iterator = store.subscribe()[Symbol.asyncIterator]();
    await collectUntil(iterator, (got) => got.length === 5);
    const next = iterator.next();
    fake.dropSubscriptions();
    await expect(next).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('a slow reader holds the catch-up back instead of having it pushed whole into memory', async () => {
    const { fake, store } = open();
    await store.append(
      'big',
      Array.from({ length: 400 }, (_, i) => contractEvent('E', { i })),
      'no-stream',
    );
    const iterator = store.subscribe()[Symbol.asyncIterator]();
    const seen = await collectUntil(iterator, (got) => got.length === 400);
    await iterator.return?.();
    expect(seen).toHaveLength(400);
    expect(fake.maxBuffered).toBeLessThanOrEqual(17);
  });
});

describe('6. a foreign event under the namespace', () => {
  it('is skipped by readAll, subscribe and headPosition with one warning naming it; the rest flows', async () => {
    const warnings: string[] = [];
    const { fake, store } = open(undefined, warnings);
    await store.append('a', [contractEvent('Before')], 'no-stream');
    fake.writeForeign('thidua/intruder', 'Imported', { raw: true });
    await store.append('a', [contractEvent('After')], 0);
    fake.writeForeign('thidua/intruder', 'Imported', 'not json', false);

    const all = await store.readAll();
    expect(all.map((e) => e.type)).toEqual(['Before', 'After']);
    expect(await store.headPosition()).toBe(all[1].position);
    const seen: RecordedEvent[] = await collectUntil(
      store.subscribe()[Symbol.asyncIterator](),
      (got) => got.length === 2,
    );
    expect(seen.map((e) => e.type)).toEqual(['Before', 'After']);

    expect(warnings).toHaveLength(2); // once per foreign event, however often it is met
    expect(warnings[0]).toMatch(
      /skipped Event thidua\/intruder@0 \(position \d+\) of type "Imported" was not written by this store/,
    );
    expect(warnings[1]).toMatch(/thidua\/intruder@1/);
  });

  it("a tombstone's $streamDeleted record is skipped the same way", async () => {
    const warnings: string[] = [];
    const { fake, store } = open(undefined, warnings);
    await store.append('gone', [contractEvent('A')], 'no-stream');
    fake.hardDelete('thidua/gone');
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A']);
    expect(warnings).toEqual([expect.stringContaining('of type "$streamDeleted"')]);
  });

  it('a stream whose last event is foreign cannot be chained onto: append refuses, naming it', async () => {
    const { fake, store } = open();
    fake.writeForeign('thidua/intruder', 'Imported', { raw: true });
    await expect(store.append('intruder', [contractEvent('A')], 'any')).rejects.toThrow(
      /thidua\/intruder@0 .* not written by this store/,
    );
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition never held');
}
