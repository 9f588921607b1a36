/** `GET /cycles` over real HTTP (the built server on a temporary SQLite file): pages and filters. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle } from '../../../../tests/support/cycle-setup.js';
import { expectFieldNamed, expectProblem } from '../../../../tests/support/problems.js';
import { startTestServer, type TestServer } from '../../../../tests/support/test-server.js';
import { loadScenario } from '#scenario';

const s = loadScenario();

describe('GET /cycles', () => {
  let server: TestServer;
  let token: string;
  let last = 0;
  const opened: { cycleId: string; year: number; clusterId: string }[] = [];
  const list = async (query: string) => {
    const res = await server.api.get(`/cycles?minPosition=${last}&${query}`, { token });
    expect(res.status).toBe(200);
    return res.body as { items: { cycleId: string; year: number; clusterId: string }[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { NOTIFICATIONS_WORKER: 'off' } });
    token = await server.tokens.province();
    const cycles = [
      [2021, 'list-b'],
      [2020, 'list-a'],
      [2021, 'list-a'],
      [2020, 'list-b'],
      [2022, 'list-a'],
    ] as const;
    for (const [year, clusterId] of cycles) {
      opened.push({ cycleId: await openCycle(server.api, server.tokens, s, { year, clusterId }), year, clusterId });
    }
    last = (await server.api.get('/health')).body.eventStore.headPosition;
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers page by page in year, cluster order, each cycle once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => `${c.year} ${c.clusterId}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['2020 list-a', '2020 list-b', '2021 list-a', '2021 list-b', '2022 list-a']);
  });

  it('filters by year, cluster, province and status', async () => {
    expect((await list('year=2021')).items.map((c) => c.clusterId)).toEqual(['list-a', 'list-b']);
    expect((await list('clusterId=list-b')).items.map((c) => c.year)).toEqual([2020, 2021]);
    expect((await list('year=2020&clusterId=list-a')).items.map((c) => c.cycleId)).toEqual([opened[1].cycleId]);
    expect((await list(`provinceId=${s.province.id}`)).items).toHaveLength(5);
    expect((await list('provinceId=another-province')).items).toEqual([]);
    expect((await list('status=open')).items).toHaveLength(5);
    expect(await list('status=closed')).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['limit', 'limit=0'],
    ['limit', 'limit=501'],
    ['limit', 'limit=two'],
    ['status', 'status=archived'],
    ['cursor', 'cursor=not-a-cursor'],
    ['year', 'year=20x'],
  ])('refuses a bad %s (%s), naming it', async (field, query) => {
    expectFieldNamed(expectProblem(await server.api.get(`/cycles?${query}`, { token }), 400), field);
  });
});
