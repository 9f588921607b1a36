import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan, type PlayedYear } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

describe('audit verification of a cycle', () => {
  let temp: ReturnType<typeof tempStore>;
  let models: ReadModels;
  let played: PlayedYear;

  beforeEach(async () => {
    temp = tempStore();
    played = await playYear(new CycleDriver(temp.store), referencePlan());
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterEach(async () => {
    await models.close();
    await temp.dispose();
  });

  /** Alters the stored file behind the store's back, as someone with access to the disk could. */
  function tamper(sql: string, ...params: unknown[]): void {
    const db = new Database(join(temp.dir, 'events.sqlite'));
    db.prepare(sql).run(...params);
    db.close();
  }

  it('re-reads every stream of the cycle, ballots included, and finds each chain whole', async () => {
    const all = await temp.store.readAll();
    expect(await models.verify(played.cycleId)).toEqual({ ok: true, checkedEvents: all.length });
  });

  it('finds an event whose content was altered', async () => {
    const adjusted = (await temp.store.readAll()).find((e) => e.type === 'ScoreAdjusted')!;
    tamper("UPDATE events SET data = json_set(data, '$.to', 9.5) WHERE position = ?", adjusted.position);
    const result = (await models.verify(played.cycleId))!;
    expect(result).toMatchObject({
      ok: false,
      firstBroken: { streamId: adjusted.streamId, revision: adjusted.revision, position: adjusted.position },
    });
    expect(result.firstBroken!.reason).toMatch(/hash/);
  });

  it('finds a ballot whose content was altered, though the events list hides ballots', async () => {
    const ballot = (await temp.store.readAll()).find((e) => e.type === 'BallotDeposited')!;
    tamper(
      'UPDATE events SET data = json_set(data, \'$.choices."emulation-flag"."an-phu"\', json(\'false\')) WHERE position = ?',
      ballot.position,
    );
    expect(await models.verify(played.cycleId)).toMatchObject({
      ok: false,
      firstBroken: { revision: ballot.revision },
    });
  });

  it('finds a stream whose first events were removed', async () => {
    const first = (await temp.store.readAll()).find((e) => e.streamId.startsWith('unit-') && e.revision === 0)!;
    tamper('DELETE FROM events WHERE position = ?', first.position);
    expect(await models.verify(played.cycleId)).toMatchObject({
      ok: false,
      firstBroken: { streamId: first.streamId, revision: 1 },
    });
  });

  it('is undefined for an unknown cycle', async () => {
    expect(await models.verify('no-such-cycle')).toBeUndefined();
  });
});
