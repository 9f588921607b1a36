import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan, type PlayedYear } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';
import type { AuditedEvent } from './read-cycle-events.js';

/** Chợ Mới is the only unit that rejected An Phú: whoever ties that reject to it broke the secret. */
const VOTER = 'cho-moi';
const rejectsAnPhu = (e: AuditedEvent) =>
  e.type === 'BallotDeposited' && JSON.stringify(e.data).includes('"an-phu":false');

describe('the raw events of a cycle, for auditors', () => {
  const temp = tempStore();
  let models: ReadModels;
  let played: PlayedYear;
  let events: AuditedEvent[];
  let stored: RecordedEvent[];

  beforeAll(async () => {
    played = await playYear(new CycleDriver(temp.store), referencePlan());
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
    events = (await models.cycleEvents(played.cycleId))!;
    stored = await temp.store.readAll();
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('gives every other event whole, in log order, with metadata and hashes', () => {
    const whole = events.filter((e) => !('sealed' in e));
    expect(whole).toEqual(stored.filter((e) => e.type !== 'BallotDeposited'));
    expect(whole.every((e) => 'hash' in e && typeof e.hash === 'string' && e.metadata.eventId)).toBe(true);
  });

  it('publishes the ballots only after the VoteClosed, sealed: no own position, revision, hash or envelope ids', () => {
    const closedAt = events.findIndex((e) => e.type === 'VoteClosed');
    const ballots = events.filter((e) => e.type === 'BallotDeposited');
    expect(ballots).toHaveLength(6);
    expect(events.slice(closedAt + 1, closedAt + 7)).toEqual(ballots);
    for (const ballot of ballots) {
      expect(ballot.position).toBe(events[closedAt]!.position);
      expect(Object.keys(ballot).sort()).toEqual(['data', 'metadata', 'position', 'sealed', 'streamId', 'type']);
      expect(ballot.metadata).toEqual({ actor: { userId: 'ballot-box', role: 'ballot-box' } });
    }
    expect(ballots.filter(rejectsAnPhu)).toHaveLength(1);
  });

  it('lets nobody tell how Chợ Mới voted: no shared field, no neighbour, not in voting order', () => {
    const reject = events.find(rejectsAnPhu)!;
    const text = JSON.stringify(reject);
    expect(text).not.toContain(VOTER);
    const votersEvent = events.find((e) => e.type === 'BallotCast' && JSON.stringify(e.data).includes(VOTER))!;
    expect(JSON.stringify(votersEvent)).not.toContain(played.receipts.find((r) => r.unitId === VOTER)!.receipt);
    const i = events.indexOf(reject);
    for (const neighbour of [events[i - 1], events[i + 1]]) expect(neighbour?.type).not.toBe('BallotCast');
    const listed = events
      .filter((e) => e.type === 'BallotDeposited')
      .map((e) => (e.data as { receipt: string }).receipt);
    expect(listed).not.toEqual(played.receipts.map((r) => r.receipt));
    expect([...listed].sort()).toEqual(played.receipts.map((r) => r.receipt).sort());
  });

  it('keeps the ballots hidden while the vote is open', async () => {
    const open = tempStore();
    try {
      const { cycleId } = await playYear(new CycleDriver(open.store), referencePlan(), { stopAfterBallots: true });
      const live = await ReadModels.start(open.store, { dataDir: open.dir });
      const listed = (await live.cycleEvents(cycleId))!;
      expect(listed.some((e) => e.type === 'BallotDeposited')).toBe(false);
      expect(listed.filter((e) => e.type === 'BallotCast')).toHaveLength(6);
      await live.close();
    } finally {
      await open.dispose();
    }
  });
});
