import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent, RecordedEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { FoldedStreams } from './folded-streams.js';

function event(commandId: string, n: number): NewEvent {
  return {
    type: 'Counted',
    data: { n },
    metadata: {
      eventId: `e-${commandId}-${n}`,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: 'u', role: 'unit' },
      occurredAt: new Date(0).toISOString(),
      schemaVersion: 1,
    },
  };
}

const sum = (state: number, events: RecordedEvent[]) => events.reduce((s, e) => s + (e.data['n'] as number), state);

describe('FoldedStreams', () => {
  let dir: string;
  let store: EventStore;
  let reads: { streamId: string; fromRevision?: number }[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-folded-test-'));
    const sqlite = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    reads = [];
    // Count what is read, on the real store.
    store = Object.assign(Object.create(sqlite) as EventStore, {
      readStream: (streamId: string, options?: { fromRevision?: number }) => {
        reads.push({ streamId, fromRevision: options?.fromRevision });
        return sqlite.readStream(streamId, options);
      },
    });
  });
  afterEach(async () => {
    await (Object.getPrototypeOf(store) as EventStore).close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("folds a stream once, then reads only what was appended since, including other writers' events", async () => {
    const folded = new FoldedStreams(store);
    await store.append('s', [event('c1', 1), event('c1', 2)], 'no-stream');
    const first = await folded.load('s', () => 0, sum);
    expect(first.state).toBe(3);
    expect(first.last?.revision).toBe(1);
    await store.append('s', [event('c2', 10)], 1);
    const second = await folded.load('s', () => 0, sum);
    expect(second.state).toBe(13);
    expect(reads.map((r) => r.fromRevision)).toEqual([0, 2]);
    expect(second.byCommand.get('c1')?.map((e) => e.revision)).toEqual([0, 1]);
    expect(second.byCommand.get('c2')?.map((e) => e.revision)).toEqual([2]);
    expect(first.state).toBe(3); // the earlier view is left as it was
  });

  it('answers an empty state for a stream that does not exist', async () => {
    const folded = new FoldedStreams(store);
    const empty = await folded.load('nothing', () => 0, sum);
    expect(empty.state).toBe(0);
    expect(empty.last).toBeUndefined();
    expect(empty.byCommand.size).toBe(0);
  });

  it('forgets the least recently used stream past its bound, and folds it again from the start', async () => {
    const folded = new FoldedStreams(store, 2);
    for (const id of ['a', 'b', 'c']) await store.append(id, [event(`c-${id}`, 1)], 'no-stream');
    await folded.load('a', () => 0, sum);
    await folded.load('b', () => 0, sum);
    await folded.load('a', () => 0, sum);
    await folded.load('c', () => 0, sum); // evicts b, the least recently used
    reads = [];
    expect((await folded.load('a', () => 0, sum)).state).toBe(1);
    expect((await folded.load('b', () => 0, sum)).state).toBe(1);
    expect(reads).toEqual([
      { streamId: 'a', fromRevision: 1 },
      { streamId: 'b', fromRevision: 0 },
    ]);
  });
  it('folds in what this process appended, so the next load does not read it back', async () => {
    const folded = new FoldedStreams(store);
    await store.append('s', [event('c1', 1)], 'no-stream');
    const basis = await folded.load('s', () => 0, sum);
    const result = await store.append('s', [event('c2', 5), event('c2', 6)], basis.last!.revision);
    folded.appended('s', basis, result.events, sum);
    await store.append('s', [event('c3', 100)], 2); // another writer
    reads = [];
    const next = await folded.load('s', () => 0, sum);
    expect(reads).toEqual([{ streamId: 's', fromRevision: 3 }]);
    expect(next.state).toBe(112);
    expect(next.byCommand.get('c2')?.map((e) => e.revision)).toEqual([1, 2]);
    expect(basis.state).toBe(1); // the view the command was decided on is left as it was
  });

  it('ignores an append made on a view that has moved on meanwhile: the next load reads it', async () => {
    const folded = new FoldedStreams(store);
    await store.append('s', [event('c1', 1)], 'no-stream');
    const stale = await folded.load('s', () => 0, sum);
    const result = await store.append('s', [event('c2', 5)], 0);
    await folded.load('s', () => 0, sum); // already folds c2
    folded.appended('s', stale, result.events, sum);
    expect((await folded.load('s', () => 0, sum)).state).toBe(6);
    folded.appended('s', stale, result.events, () => {
      throw new Error('not called: the entry moved on');
    });
    expect((await folded.load('s', () => 0, sum)).state).toBe(6);
  });

  it('forgets a stream whose fold of its own append fails, and folds it from the store on the next load', async () => {
    const folded = new FoldedStreams(store);
    const basis = await folded.load('s', () => 0, sum);
    const result = await store.append('s', [event('c1', 7)], 'no-stream');
    folded.appended('s', basis, result.events, () => {
      throw new Error('fold failed');
    });
    reads = [];
    expect((await folded.load('s', () => 0, sum)).state).toBe(7);
    expect(reads).toEqual([{ streamId: 's', fromRevision: 0 }]);
  });
});
