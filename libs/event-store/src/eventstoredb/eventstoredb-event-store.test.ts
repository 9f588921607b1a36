/**
 * The EventStoreDB adapter's logic, over an in-memory model of the client (see
 * `testing/fake-eventstoredb-client.ts` for what it models and what it cannot prove): the whole
 * contract suite, then what only this adapter does (the namespace, the stored envelope, the chain
 * kept whole under a concurrent writer, error mapping, closing).
 */
import { describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { verifyChain } from '../hash-chain.js';
import { contractEvent, describeEventStoreContract } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { FakeEventStoreDbClient } from './testing/fake-eventstoredb-client.js';

function open(options: { pageSize?: number; maxAppendAttempts?: number } = {}): {
  fake: FakeEventStoreDbClient;
  store: EventStoreDbEventStore;
} {
  const fake = new FakeEventStoreDbClient();
  // A small page makes every scan of $all cross page boundaries.
  const store = new EventStoreDbEventStore(fake.asClient(), 'esdb://***@fake:2113', {
    namespace: 'thidua/',
    pageSize: 7,
    ...options,
  });
  return { fake, store };
}

describeEventStoreContract('EventStoreDB adapter over a model of the client', async () => {
  const { store } = open();
  return { store, cleanup: () => store.close() };
});

describe('EventStoreDB adapter', () => {
  it('writes under its namespace, with the envelope and the chain in the metadata JSON', async () => {
    const { fake, store } = open();
    const first = contractEvent('UnitRegistered', { unitId: 'u1' });
    await store.append('unit-ag-2020.u1', [first, contractEvent('SelfScored', { points: 91.5 })], 'no-stream');
    const ours = fake.log.filter((r) => r.streamId.startsWith('thidua/'));
    expect(ours.map((r) => [r.streamId, r.revision, r.type])).toEqual([
      ['thidua/unit-ag-2020.u1', 0n, 'UnitRegistered'],
      ['thidua/unit-ag-2020.u1', 1n, 'SelfScored'],
    ]);
    const [read0, read1] = await store.readStream('unit-ag-2020.u1');
    expect(ours[0].metadata).toEqual({
      envelope: first.metadata,
      prevHash: null,
      hash: read0.hash,
      $correlationId: first.metadata.correlationId,
      $causationId: first.metadata.causationId,
    });
    expect(ours[1].metadata).toMatchObject({ prevHash: read0.hash, hash: read1.hash });
    // The server's own event id is fresh: the port's eventId lives in the envelope.
    expect(ours[0].id).not.toBe(first.metadata.eventId);
  });

  it("keeps the chain whole when another writer appends between the adapter's read and its write", async () => {
    const { fake, store } = open();
    const other = new EventStoreDbEventStore(fake.asClient(), 'fake', { namespace: 'thidua/' }); // a second process
    await store.append('cycle-ag-2020', [contractEvent('CycleOpened')], 'no-stream');
    let interfered = false;
    fake.beforeAppend = async (streamName) => {
      if (interfered || streamName !== 'thidua/cycle-ag-2020') return;
      interfered = true;
      fake.beforeAppend = undefined;
      await other.append('cycle-ag-2020', [contractEvent('RaceWinner')], 'any');
    };
    const result = await store.append('cycle-ag-2020', [contractEvent('Retried')], 'any');
    expect(interfered).toBe(true);
    expect(result.revision).toBe(2);
    const read = await store.readStream('cycle-ag-2020');
    expect(read.map((e) => e.type)).toEqual(['CycleOpened', 'RaceWinner', 'Retried']);
    expect(verifyChain(read)).toEqual({ ok: true, checkedEvents: 3 });
  });

  it('gives up on an endless race after maxAppendAttempts, with the typed conflict', async () => {
    const { fake, store } = open({ maxAppendAttempts: 2 });
    const other = new EventStoreDbEventStore(fake.asClient(), 'fake', { namespace: 'thidua/' });
    await store.append('s', [contractEvent('A')], 'no-stream');
    fake.beforeAppend = async (streamName) => {
      if (streamName !== 'thidua/s') return;
      const hook = fake.beforeAppend;
      fake.beforeAppend = undefined;
      await other.append('s', [contractEvent('Other')], 'any');
      fake.beforeAppend = hook;
    };
    const error = await store.append('s', [contractEvent('B')], 'any').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 's', expected: 'any' });
  });

  it('reports an unreachable server as EventStoreUnavailableError on every method', async () => {
    const { fake, store } = open();
    fake.unavailable = true;
    const failures = await Promise.all([
      store.append('s', [contractEvent('A')], 'any').catch((err: unknown) => err),
      store.readStream('s').catch((err: unknown) => err),
      store.readAll().catch((err: unknown) => err),
      store.headPosition().catch((err: unknown) => err),
      (async () => {
        for await (const event of store.subscribe()) return event;
      })().catch((err: unknown) => err),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(EventStoreUnavailableError);
      expect((failure as Error).message).toContain('esdb://***@fake:2113');
    }
  });

  it('reads nothing of other namespaces or system streams, and its head ignores them', async () => {
    const { fake, store } = open();
    for (let i = 0; i < 6; i++) await store.append(`s-${i}`, [contractEvent('A')], 'no-stream');
    expect(fake.log.some((r) => r.streamId.startsWith('$stats'))).toBe(true);
    expect(fake.log.some((r) => r.streamId.startsWith('other-tenant/'))).toBe(true);
    const all = await store.readAll();
    expect(all.map((e) => e.streamId)).toEqual(['s-0', 's-1', 's-2', 's-3', 's-4', 's-5']);
    const lastOurs = fake.log.filter((r) => r.streamId.startsWith('thidua/')).at(-1)!;
    expect(fake.log.at(-1)!.streamId.startsWith('thidua/')).toBe(false);
    expect(await store.headPosition()).toBe(Number(lastOurs.position));
  });

  it('an empty namespace has head position 0, even on a server full of other data', async () => {
    const { fake, store } = open();
    const neighbour = new EventStoreDbEventStore(fake.asClient(), 'fake', { namespace: 'neighbour/', pageSize: 7 });
    for (let i = 0; i < 20; i++) await neighbour.append(`n-${i}`, [contractEvent('A')], 'any');
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
  });

  it('refuses every call once closed, with EventStoreUnavailableError', async () => {
    const { store } = open();
    await store.close();
    await expect(store.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.append('s', [contractEvent('A')], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(() => store.subscribe()).toThrow(EventStoreUnavailableError);
  });
});
