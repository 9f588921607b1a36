import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors.js';
import type { RecordedEvent } from '../event-store.port.js';
import { verifyChain } from '../hash-chain.js';
import { collectUntil, contractEvent, describeEventStoreContract } from '../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-sqlite-store-'));
let files = 0;
const newPath = (): string => join(dir, `store-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('SQLite', async () => {
  const store = SqliteEventStore.open({ path: newPath() });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  it('keeps its events, and continues their chains, across a reopen of the file', async () => {
    const path = newPath();
    const first = SqliteEventStore.open({ path });
    await first.append('cycle-1', [contractEvent('Opened'), contractEvent('StepOpened')], 'no-stream');
    await first.close();

    const second = SqliteEventStore.open({ path });
    const result = await second.append('cycle-1', [contractEvent('StepClosed')], 1);
    expect(result.revision).toBe(2);
    const all = await second.readAll();
    expect(all.map((e) => e.type)).toEqual(['Opened', 'StepOpened', 'StepClosed']);
    expect(verifyChain(all).ok).toBe(true);
    await second.close();
  });

  it("reads the log's headers page by page, as readAll pages it", async () => {
    const store = SqliteEventStore.open({ path: newPath() });
    await store.append('a', [contractEvent('A'), contractEvent('B')], 'no-stream');
    await store.append('b', [contractEvent('C')], 'no-stream');
    await store.append('a', [contractEvent('D')], 1);
    const header = ({ streamId, revision, position, hash }: RecordedEvent) => ({ streamId, revision, position, hash });
    expect(await store.readAllHeaders()).toEqual((await store.readAll()).map(header));
    expect(await store.readAllHeaders({ after: 2, maxCount: 1 })).toEqual(
      (await store.readAll({ after: 2, maxCount: 1 })).map(header),
    );
    expect(await store.readAllHeaders({ after: 4 })).toEqual([]);
    await expect(store.readAllHeaders({ after: -1 })).rejects.toBeInstanceOf(RangeError);
    await store.close();
    await expect(store.readAllHeaders()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('is durable and in WAL mode on disk', async () => {
    const path = newPath();
    const store = SqliteEventStore.open({ path });
    await store.append('s', [contractEvent('A')], 'no-stream');
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
  });

  it('commits what is queued when closed, then refuses further use', async () => {
    const path = newPath();
    const store = SqliteEventStore.open({ path });
    const pending = store.append('s', [contractEvent('A')], 'no-stream');
    await store.close();
    expect((await pending).revision).toBe(0);
    await expect(store.append('s', [contractEvent('B')], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);

    const reopened = SqliteEventStore.open({ path });
    expect((await reopened.readStream('s')).map((e) => e.type)).toEqual(['A']);
    await reopened.close();
  });

  it('closing the store ends its subscriptions', async () => {
    const store = SqliteEventStore.open({ path: newPath() });
    const iterator = store.subscribe()[Symbol.asyncIterator]();
    const pending = iterator.next();
    await store.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('refuses read options that are not non-negative integers', async () => {
    const store = SqliteEventStore.open({ path: newPath() });
    await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    await expect(store.readStream('s', { fromRevision: 1.5 })).rejects.toThrow(RangeError);
    expect(() => store.subscribe({ after: -3 })).toThrow(RangeError);
    await store.close();
  });

  it('refuses appends with EventStoreUnavailableError while another process holds the write lock too long', async () => {
    const path = newPath();
    const store = SqliteEventStore.open({ path, busyTimeoutMs: 50 });
    await store.append('s', [contractEvent('A')], 'no-stream');
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = await Promise.allSettled([
        store.append('s', [contractEvent('B')], 0),
        store.append('t', [contractEvent('C')], 'no-stream'),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
      }
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A']);
    expect((await store.append('s', [contractEvent('B')], 0)).revision).toBe(1);
    await store.close();
  });

  describe('two connections on one file (as two API processes would be)', () => {
    it("a subscriber sees the other connection's appends, in order, without gap or duplicate", async () => {
      const path = newPath();
      const writer = SqliteEventStore.open({ path });
      const reader = SqliteEventStore.open({ path, pollIntervalMs: 10 });
      try {
        await writer.append('s', [contractEvent('Before')], 'no-stream');
        const subscription = reader.subscribe();
        const reading = collectUntil(subscription[Symbol.asyncIterator](), (seen) => seen.length === 101);
        for (let i = 0; i < 50; i++) {
          await writer.append('s', [contractEvent('During', { i })], 'any');
          await writer.append(`t-${i % 3}`, [contractEvent('During', { i })], 'any');
        }
        const seen = await reading;
        await subscription.close();
        expect(seen.map((e) => e.position)).toEqual((await writer.readAll()).map((e) => e.position));
      } finally {
        await writer.close();
        await reader.close();
      }
    });

    it('conflicts are decided across connections: one winner per revision', async () => {
      const path = newPath();
      const a = SqliteEventStore.open({ path });
      const b = SqliteEventStore.open({ path });
      await a.append('s', [contractEvent('A')], 'no-stream');
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 5 }, () => a.append('s', [contractEvent('FromA')], 0)),
        ...Array.from({ length: 5 }, () => b.append('s', [contractEvent('FromB')], 0)),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const events = await b.readStream('s');
      expect(events.map((e) => e.revision)).toEqual([0, 1]);
      expect(verifyChain(events).ok).toBe(true);
      await a.close();
      await b.close();
    });
  });
});
