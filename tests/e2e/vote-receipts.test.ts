/**
 * Receipt-freeness, the default: after the close `/vote` gives the tally and no ballot, so no voter
 * can show anyone how they voted; each voter checks with the receipt that their ballot was
 * counted, and learns nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, playReferenceYear, type PlayedYear } from '#scenario';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();

describe('a receipt-free vote (the default)', () => {
  let server: TestServer;
  let played: PlayedYear;

  beforeAll(async () => {
    server = await startTestServer();
    played = await playReferenceYear(server.api, server.tokens, s);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const check = async (receipt: string, token?: string) =>
    server.api.send('GET', `/cycles/${played.cycleId}/vote/receipts/${encodeURIComponent(receipt)}`, {
      token: token ?? (await server.tokens.unit('phu-tan')),
      query: { minPosition: played.lastPosition },
    });

  it('/vote shows the tally and who took part, and no ballot', async () => {
    const res = await server.api.ok('GET', `/cycles/${played.cycleId}/vote`, {
      token: await server.tokens.unit('phu-tan'),
      query: { minPosition: played.lastPosition },
    });
    expect(res.body).toMatchObject({ status: 'closed', publishBallots: false, participants: s.units.map((u) => u.id) });
    expect((res.body as { results: Record<string, unknown> }).results['emulation-flag']).toEqual({
      'an-phu': { approve: 5, reject: 1, passed: true },
    });
    expect((res.body as { ballots?: unknown }).ballots).toBeUndefined();
  });

  it('answers each voter that their ballot was counted, and nothing of its choices', async () => {
    expect(played.receipts).toHaveLength(s.units.length);
    for (const { unitId, receipt } of played.receipts) {
      const res = await check(String(receipt), await server.tokens.unit(unitId));
      expect({ unitId, status: res.status, body: res.body }).toEqual({
        unitId,
        status: 200,
        body: { receipt, round: 1, counted: true },
      });
    }
  });

  it('a receipt of no ballot is not counted; a malformed one is refused by name', async () => {
    expect((await check('khong-phai-bien-nhan')).body).toMatchObject({ counted: false });
    const bad = await check('ngắn');
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).toContain('receipt');
  });
});
