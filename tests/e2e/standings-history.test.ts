/**
 * Standings as of a moment (`asOf`) or a log position (`atPosition`) before the scores were
 * locked are exactly what they were then, and not what they became.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readStandings, standingsRows, type StandingsRow } from '../support/read-models.js';
import { playReferenceYear, type PlayedYear } from '../support/reference-year.js';
import { loadScenario } from '../support/scenario.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const byUnit = (rows: StandingsRow[]) => [...rows].sort((a, b) => a.unitId.localeCompare(b.unitId));

describe('standings back in time', () => {
  let server: TestServer;
  let played: PlayedYear;
  let then: StandingsRow[];
  let final: StandingsRow[];
  let auditor: string;

  beforeAll(async () => {
    server = await startTestServer();
    played = await playReferenceYear(server.api, server.tokens, s);
    auditor = await server.tokens.auditor();
    then = standingsRows(played.beforeLock.standings);
    final = await readStandings(server.api, auditor, played.cycleId, { minPosition: played.lastPosition });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('asOf a moment before the lock equals the snapshot taken at that moment', async () => {
    const asOf = await readStandings(server.api, auditor, played.cycleId, { asOf: played.beforeLock.at });
    expect(byUnit(asOf)).toEqual(byUnit(then));
  });

  it('atPosition the last position before the lock equals the same snapshot', async () => {
    const atPosition = await readStandings(server.api, auditor, played.cycleId, { atPosition: played.beforeLock.position });
    expect(byUnit(atPosition)).toEqual(byUnit(then));
  });

  it('the snapshot before the lock differs from the final standings', () => {
    expect(then).toHaveLength(s.units.length);
    expect(byUnit(then)).not.toEqual(byUnit(final));
    // Before the lock no final score is fixed; after it, they are the scenario's.
    expect(Object.fromEntries(then.map((r) => [r.unitId, r.finalScore]))).not.toEqual(s.expectedFinalScores);
    expect(Object.fromEntries(final.map((r) => [r.unitId, r.finalScore]))).toEqual(s.expectedFinalScores);
  });

  it('asOf the present equals the final standings', async () => {
    const now = await readStandings(server.api, auditor, played.cycleId, { asOf: new Date().toISOString() });
    expect(byUnit(now)).toEqual(byUnit(final));
  });
});
