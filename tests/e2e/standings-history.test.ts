/**
 * Standings as of a moment (`asOf`) or a log position (`atPosition`) before the scores were
 * locked are exactly what they were then, and not what they became.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readStandings, standingsRows, type StandingsRow } from '../support/read-models.js';
import { playReferenceYear, type PlayedYear } from '#scenario';
import { loadScenario } from '#scenario';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const byUnit = (rows: StandingsRow[]) => [...rows].sort((a, b) => a.unitId.localeCompare(b.unitId));

describe('standings back in time', () => {
  let server: TestServer;
  let played: PlayedYear;
  let then: StandingsRow[];
  let final: StandingsRow[];
  let finalBody: unknown;
  let auditor: string;

  beforeAll(async () => {
    server = await startTestServer();
    played = await playReferenceYear(server.api, server.tokens, s);
    auditor = await server.tokens.auditor();
    then = standingsRows(played.beforeLock.standings);
    finalBody = (
      await server.api.ok(
        'GET',
        `/cycles/${played.cycleId}/standings`,
        { token: auditor, query: { minPosition: played.lastPosition } },
        'read the standings',
      )
    ).body;
    final = standingsRows(finalBody);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('asOf a moment before the lock equals the snapshot taken at that moment', async () => {
    const asOf = await readStandings(server.api, auditor, played.cycleId, { asOf: played.beforeLock.at });
    expect(byUnit(asOf)).toEqual(byUnit(then));
  });

  it('atPosition the last position before the lock equals the same snapshot', async () => {
    const atPosition = await readStandings(server.api, auditor, played.cycleId, {
      atPosition: played.beforeLock.position,
    });
    expect(byUnit(atPosition)).toEqual(byUnit(then));
  });

  it('the snapshot before the lock differs from the final standings', () => {
    expect(then).toHaveLength(s.units.length);
    expect(byUnit(then)).not.toEqual(byUnit(final));
  });

  it('the lock is what changed: not locked and no final score before it; locked, the scenario’s scores and ranking after', () => {
    const lockedFlag = (body: unknown) => (body as { locked?: unknown }).locked;
    expect(lockedFlag(played.beforeLock.standings)).toBe(false);
    expect(then.map((r) => r.finalScore)).toEqual(s.units.map(() => null));

    expect(lockedFlag(finalBody)).toBe(true);
    expect(Object.fromEntries(final.map((r) => [r.unitId, r.finalScore]))).toEqual(s.expectedFinalScores);
    expect([...final].sort((a, b) => Number(a.rank) - Number(b.rank)).map((r) => r.unitId)).toEqual(s.expectedRanking);
    expect(final.map((r) => r.rank)).toEqual(s.expectedRanking.map((_, i) => i + 1));
  });

  it('asOf the present equals the final standings', async () => {
    const now = await readStandings(server.api, auditor, played.cycleId, { asOf: new Date().toISOString() });
    expect(byUnit(now)).toEqual(byUnit(final));
  });
});
