/**
 * The follower while the log runs: `sync` reaches the head as it is at the call, page by page,
 * even when a run is already under way; and the last leaf's event, checked in the first row of
 * each page, stops the tree when it is gone or changed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { generateSignerKey, TransparencyLog } from '#transparency';

const ORIGIN = 'thidua.test/follower';
const KEY = generateSignerKey(ORIGIN);
const dirs: string[] = [];

function event(i: number): NewEvent {
  return {
    type: 'Probe',
    data: { i },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: 'u', role: 'unit', unitId: 'x' },
      occurredAt: '2020-06-30T09:15:00.000Z',
      schemaVersion: 1,
    },
  };
}

async function open(pageSize: number) {
  const d = mkdtempSync(join(tmpdir(), 'thidua-follower-'));
  dirs.push(d);
  const store = SqliteEventStore.open({ path: join(d, 'events.sqlite') });
  const log = await TransparencyLog.start(store, {
    path: join(d, 'transparency.sqlite'),
    origin: ORIGIN,
    signerKey: KEY,
    intervalMs: 0,
    pageSize,
  });
  await log.ready();
  const raw = new Database(join(d, 'events.sqlite'));
  return {
    store,
    log,
    raw,
    close: async () => {
      raw.close();
      await log.close();
      await store.close();
    },
  };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the follower', () => {
  it('catches up page by page to the head, and a sync called during a run includes what came before it', async () => {
    const { store, log, close } = await open(3);
    try {
      for (let i = 0; i < 10; i++) await store.append(`s-${i}`, [event(i)], 'no-stream');
      const first = log.sync();
      // Appended while the first run is under way (it may have read its last page already).
      for (let i = 10; i < 17; i++) await store.append(`s-${i}`, [event(i)], 'no-stream');
      const second = log.sync();
      await Promise.all([first, second]);
      expect(log.treeSize()).toBe(17);
      expect(log.latestCheckpoint()!.checkpoint.size).toBe(17);
      expect(log.status().state).toBe('following');
      await log.sync();
      expect(log.treeSize()).toBe(17);
    } finally {
      await close();
    }
  });

  it('stops when the last leaf’s event is gone', async () => {
    const { store, log, raw, close } = await open(4);
    try {
      for (let i = 0; i < 6; i++) await store.append(`s-${i}`, [event(i)], 'no-stream');
      await log.sync();
      raw.prepare('DELETE FROM events WHERE position = 6').run();
      await store.append('s-new', [event(7)], 'no-stream');
      await log.sync();
      expect(log.status()).toMatchObject({
        state: 'diverged',
        reason: expect.stringMatching(/no longer in the store/),
      });
      expect(log.treeSize()).toBe(6);
    } finally {
      await close();
    }
  });

  it('stops when the last leaf’s event changed, and appends nothing after it', async () => {
    const { store, log, raw, close } = await open(4);
    try {
      for (let i = 0; i < 8; i++) await store.append(`s-${i}`, [event(i)], 'no-stream');
      await log.sync();
      raw.prepare('UPDATE events SET hash = ? WHERE position = 8').run('0'.repeat(64));
      await store.append('s-new', [event(9)], 'no-stream');
      await log.sync();
      expect(log.status()).toMatchObject({ state: 'diverged', reason: expect.stringMatching(/changed/) });
      expect(log.treeSize()).toBe(8);
      expect(log.latestCheckpoint()!.checkpoint.size).toBe(8);
    } finally {
      await close();
    }
  });
});

describe('the start-up sweep that fails', () => {
  it('signs nothing until a later try has run to its end', async () => {
    const d = mkdtempSync(join(tmpdir(), 'thidua-follower-'));
    dirs.push(d);
    const store = SqliteEventStore.open({ path: join(d, 'events.sqlite') });
    const options = { path: join(d, 'transparency.sqlite'), origin: ORIGIN, signerKey: KEY, intervalMs: 0 };
    const first = await TransparencyLog.start(store, options);
    await store.append('probe-1', [event(1), event(2)], 'no-stream');
    await first.sync();
    await first.close();
    await store.append('probe-2', [event(3)], 'no-stream');
    // The sweep reads whole events (readAll); the follower reads headers: only the sweep fails.
    let failures = 1;
    const flaky = Object.create(store) as SqliteEventStore;
    flaky.readAll = (o) => (failures-- > 0 ? Promise.reject(new Error('store away')) : store.readAll(o));
    const errors: unknown[] = [];
    const log = await TransparencyLog.start(flaky, { ...options, onError: (e) => errors.push(e) });
    try {
      await log.sync();
      expect(log.treeSize()).toBe(3);
      expect(log.latestCheckpoint()?.checkpoint.size).toBe(2);
      await log.ready();
      expect(errors).toEqual([new Error('store away')]);
      expect(log.latestCheckpoint()?.checkpoint.size).toBe(3);
    } finally {
      await log.close();
      await store.close();
    }
  }, 20_000);
});
