/**
 * Read models notice a log rewritten under their checkpoint (on a stopped database) and rebuild
 * from position 0 instead of serving the old view or skipping events.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { cycleStreamName } from '#domain';
import { SqliteEventStore } from '#event-store/sqlite';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

describe('read models over a rewritten log', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0).reverse()) await dispose();
  });

  async function yearThenStop() {
    const t = tempStore();
    disposers.push(async () => t.dispose().catch(() => undefined));
    const played = await playYear(new CycleDriver(t.store), referencePlan());
    const models = await ReadModels.start(t.store, { dataDir: t.dir });
    expect(await models.waitForPosition(played.last)).toBe(true);
    await models.close();
    await t.store.close();
    return { ...t, played };
  }

  async function reopen(dir: string) {
    const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const reasons: string[] = [];
    const models = await ReadModels.start(store, { dataDir: dir, onRewrite: (r) => reasons.push(r) });
    disposers.push(async () => (await models.close(), await store.close()));
    return { store, models, reasons };
  }

  it('the last event deleted and a new one appended: the new event takes a new position, and the read models rebuild', async () => {
    const { dir, played } = await yearThenStop();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE position = ?').run(played.last);
    db.close();
    // A new append on the stopped database (as the next writer would) before the API restarts.
    const writer = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const [first] = await writer.readAll({ maxCount: 1 });
    const appended = await writer.append(
      'probe-stream',
      [{ type: 'Probe', data: {}, metadata: { ...first!.metadata, eventId: '00000000-0000-4000-8000-0000000000aa' } }],
      'any',
    );
    await writer.close();
    expect(appended.position).toBeGreaterThan(played.last);
    const { models, reasons } = await reopen(dir);
    expect(reasons).toEqual([`the event at the checkpoint's position ${played.last} is gone`]);
    expect(models.rewriteDetected).toBe(reasons[0]);
    expect(models.position).toBe(appended.position);
    // The cycle's closing decision is gone from the log, and from the view.
    expect((await models.cycle(played.cycleId))!.status).not.toBe('closed');
  });

  it("the store's head behind the checkpoint (a truncated log): rebuilt, and the view is the truncated log's", async () => {
    const { dir, played } = await yearThenStop();
    const db = new Database(join(dir, 'events.sqlite'));
    const lockPosition = played.locked;
    db.prepare('DELETE FROM events WHERE position > ?').run(lockPosition);
    db.close();
    const { models, reasons } = await reopen(dir);
    expect(reasons[0]).toMatch(/behind the read models' checkpoint/);
    expect(models.position).toBe(lockPosition);
    const vote = await models.vote(played.cycleId);
    expect(vote?.status).not.toBe('closed');
  });

  it('the last event rewritten in place: rebuilt', async () => {
    const { dir, played } = await yearThenStop();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('UPDATE events SET hash = ? WHERE position = ?').run('0'.repeat(64), played.last);
    db.close();
    const { reasons } = await reopen(dir);
    expect(reasons).toEqual([`the event at the checkpoint's position ${played.last} changed`]);
  });

  it('an untouched log resumes from the checkpoint, no rewrite reported', async () => {
    const { dir, played } = await yearThenStop();
    const { models, reasons } = await reopen(dir);
    expect(reasons).toEqual([]);
    expect(models.rewriteDetected).toBeUndefined();
    expect(models.position).toBe(played.last);
    expect(cycleStreamName(played.cycleId)).toContain(played.cycleId);
  });
});
