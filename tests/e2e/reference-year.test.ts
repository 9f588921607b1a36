/**
 * The reference year (An Giang, Cluster 2, 2020) from opening to decision through the HTTP API
 * alone, on a real SQLite file and on the machine's PostgreSQL: it must end with the scenario's
 * scores, ranking, tally and outcome on both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readStandings, type StandingsRow } from '../support/read-models.js';
import { playReferenceYear, type PlayedYear } from '#scenario';
import { loadScenario } from '#scenario';
import { E2E_STORES, storeEnv } from '../support/store-env.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();

/** The award kinds a standings cell names: a kind, a list of kinds or of `{award}`, or nothing. */
function awardsIn(value: unknown): string[] {
  if (value === null || value === undefined || value === false) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.flatMap((v) =>
      typeof v === 'string'
        ? [v]
        : awardsIn((v as { award?: unknown; kind?: unknown }).award ?? (v as { kind?: unknown }).kind),
    );
  if (typeof value === 'object')
    return awardsIn((value as { award?: unknown; kind?: unknown }).award ?? (value as { kind?: unknown }).kind);
  throw new Error(`cannot tell which award ${JSON.stringify(value)} names`);
}

/**
 * What the unit's own self-assessment (points derived from its figures included) totals: the final score before the
 * reviewers' adjustments.
 */
function selfTotal(unitId: string): number {
  return s.adjustments
    .filter((a) => a.unitId === unitId)
    .reduce((sum, a) => sum + a.from - a.to, s.expectedFinalScores[unitId]!);
}

describe.each(E2E_STORES)('the reference year through the API alone, on %s', (kind) => {
  const store = storeEnv(kind);
  let server: TestServer;
  let played: PlayedYear;
  let rows: StandingsRow[];

  beforeAll(async () => {
    server = await startTestServer({ env: store.env });
    played = await playReferenceYear(server.api, server.tokens, s);
    rows = await readStandings(server.api, await server.tokens.auditor(), played.cycleId, {
      minPosition: played.lastPosition,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store.cleanup();
  });

  it('opens the cycle under its default id, cluster and year', () => {
    expect(played.cycleId).toBe(`${s.cluster.id}-${s.year}`);
  });

  it("ends with the scenario's final scores", () => {
    const finalScores = Object.fromEntries(rows.map((r) => [r.unitId, r.finalScore]));
    expect(finalScores).toEqual(s.expectedFinalScores);
  });

  it('ranks the units as the scenario expects, 1 to 6', () => {
    const ranked = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
    expect(ranked.map((r) => r.unitId)).toEqual(s.expectedRanking);
    expect(ranked.map((r) => r.rank)).toEqual(s.expectedRanking.map((_, i) => i + 1));
  });

  it('shows each unit with its name, its registration and its self-assessed score before review', () => {
    for (const unit of s.units) {
      const row = rows.find((r) => r.unitId === unit.id);
      expect(row).toMatchObject({
        unitName: unit.name,
        registered: true,
        aimedAward: s.registrations[unit.id]?.aimedAward,
      });
      expect(row?.selfScore).toBeCloseTo(selfTotal(unit.id), 6);
    }
    // Tri Tôn's C3.1 was adjusted from 9.5 to 9: the self score keeps what the unit claimed.
    expect(rows.find((r) => r.unitId === 'tri-ton')?.selfScore).toBe(96);
  });

  it('tallies the secret ballot as the scenario expects, and passes both candidates', async () => {
    const vote = await server.api.ok('GET', `/cycles/${played.cycleId}/vote`, {
      token: await server.tokens.auditor(),
      query: { minPosition: played.lastPosition },
    });
    const results = (
      vote.body as { results?: Record<string, Record<string, { approve: number; reject: number; passed: boolean }>> }
    ).results;
    expect(results).toBeDefined();
    for (const [award, candidates] of Object.entries(s.vote.expectedTally)) {
      for (const [unitId, count] of Object.entries(candidates)) {
        expect({ award, unitId, ...results?.[award]?.[unitId] }).toEqual({ award, unitId, ...count, passed: true });
      }
    }
  });

  it('ends with the nominations the cluster proposed and the awards the chairman granted', () => {
    const nominated = rows.flatMap((r) => awardsIn(r.nominated).map((award) => ({ unitId: r.unitId, award })));
    const awarded = rows.flatMap((r) => awardsIn(r.awarded).map((award) => ({ unitId: r.unitId, award })));
    const byUnit = (a: { unitId: string }, b: { unitId: string }) => a.unitId.localeCompare(b.unitId);
    expect(nominated.sort(byUnit)).toEqual([...s.expectedOutcome.nominations].sort(byUnit));
    const granted = s.decision.grants.filter((g) => g.granted).map((g) => ({ unitId: g.unitId, award: g.award }));
    expect(awarded.sort(byUnit)).toEqual(granted.sort(byUnit));
  });

  it('shows every step closed once the decision is issued', async () => {
    const cycle = await server.api.ok('GET', `/cycles/${played.cycleId}`, {
      token: await server.tokens.auditor(),
      query: { minPosition: played.lastPosition },
    });
    const steps = (cycle.body as { steps?: unknown }).steps;
    const statuses = Array.isArray(steps)
      ? Object.fromEntries(
          steps.map((st: { step?: string; name?: string; status: string }) => [st.step ?? st.name, st.status]),
        )
      : Object.fromEntries(Object.entries(steps as Record<string, { status: string }>).map(([k, v]) => [k, v.status]));
    for (const step of ['registration', 'mid-year-review', 'self-assessment', 'vote'])
      expect({ step, status: statuses[step] }).toEqual({ step, status: 'closed' });
  });
});
