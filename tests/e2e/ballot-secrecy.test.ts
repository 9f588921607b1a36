/**
 * Ballot secrecy. In the reference year every unit approves An Phú for the flag except Chợ Mới,
 * which rejects it: whoever can tie that one reject to Chợ Mới has broken the secret. Nothing in
 * `/events`, `/audit-trail` or `/vote` may: no record holding both, no shared identifier, receipt
 * or instant, no neighbouring position, no listing in the order the units voted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listOf } from '../support/http-client.js';
import { readAuditTrail, readEvents, type EventRow } from '../support/read-models.js';
import { playReferenceYear, voterSub, type PlayedYear } from '../support/reference-year.js';
import { loadScenario } from '../support/scenario.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const VOTER = 'cho-moi';
const REJECTED = 'an-phu';

/** Does this record carry a ballot's "reject An Phú" (the one only Chợ Mới cast)? */
function carriesTheReject(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(carriesTheReject);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(
      ([k, v]) => (k === REJECTED && (v === false || v === 'reject' || v === 'rejected')) || carriesTheReject(v),
    );
  }
  return false;
}

const text = (value: unknown) => JSON.stringify(value);
const mentions = (value: unknown, needle: string) => text(value).includes(needle);

describe('ballot secrecy', () => {
  let server: TestServer;
  let played: PlayedYear;
  let events: EventRow[];
  let trail: Record<string, unknown>[];
  let vote: Record<string, unknown>;
  let receipt: string;

  beforeAll(async () => {
    server = await startTestServer();
    played = await playReferenceYear(server.api, server.tokens, s);
    const auditor = await server.tokens.auditor();
    events = [...(await readEvents(server.api, auditor, played.cycleId, played.lastPosition))].sort((a, b) => a.position - b.position);
    trail = await readAuditTrail(server.api, auditor, played.cycleId, played.lastPosition);
    // Read by another unit's officer: `/vote` is open to anyone.
    const res = await server.api.ok('GET', `/cycles/${played.cycleId}/vote`, { token: await server.tokens.unit('phu-tan'), query: { minPosition: played.lastPosition } });
    vote = res.body as Record<string, unknown>;
    receipt = String(played.receipts.find((r) => r.unitId === VOTER)?.receipt);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('gives each voter a receipt that names nobody', () => {
    expect(played.receipts).toHaveLength(s.units.length);
    for (const r of played.receipts) {
      expect(typeof r.receipt).toBe('string');
      for (const u of s.units) expect(String(r.receipt)).not.toContain(u.id);
    }
    expect(new Set(played.receipts.map((r) => r.receipt)).size).toBe(played.receipts.length);
  });

  describe('/events', () => {
    const carriers = () => events.filter(carriesTheReject);
    const voterEvents = () => events.filter((e) => mentions(e, voterSub(VOTER)));

    it('records that Chợ Mới voted, and the reject, in separate events', () => {
      expect(voterEvents().length).toBeGreaterThan(0);
      expect(carriers().length).toBeGreaterThan(0);
      for (const c of carriers()) expect(text(c)).not.toContain(VOTER);
    });

    it('shares no identifier, receipt or instant between the reject and the events of Chợ Mới’s vote', () => {
      for (const c of carriers()) {
        const ids = [c.metadata.eventId, c.metadata.commandId, c.metadata.correlationId, c.metadata.causationId, c.metadata.requestHash].filter(
          (v): v is string => typeof v === 'string' && v.length > 0,
        );
        for (const v of voterEvents()) {
          for (const id of ids) expect({ id, inVoterEvent: mentions(v, id) }).toEqual({ id, inVoterEvent: false });
          expect(v.metadata.occurredAt).not.toBe(c.metadata.occurredAt);
        }
      }
      for (const e of events.filter((e) => mentions(e, VOTER))) expect(mentions(e, receipt)).toBe(false);
    });

    it('never puts the reject next to an event of Chợ Mới’s vote in the log', () => {
      events.forEach((e, i) => {
        if (!carriesTheReject(e)) return;
        for (const neighbour of [events[i - 1], events[i + 1]]) {
          if (neighbour) expect({ neighbour: neighbour.type, isVoters: mentions(neighbour, voterSub(VOTER)) }).toEqual({ neighbour: neighbour.type, isVoters: false });
        }
      });
    });
  });

  describe('/audit-trail', () => {
    it('shows that Chợ Mới voted', () => {
      const voted = trail.filter((row) => mentions(row, voterSub(VOTER)));
      expect(voted.length).toBeGreaterThan(0);
    });

    it('never shows how anyone voted, nor Chợ Mới’s receipt', () => {
      expect(trail.filter(carriesTheReject)).toEqual([]);
      for (const row of trail) {
        expect(mentions(row, '"choices"')).toBe(false);
        if (mentions(row, VOTER)) expect(mentions(row, receipt)).toBe(false);
      }
    });
  });

  describe('/vote', () => {
    const ballots = () => listOf<Record<string, unknown>>(vote.ballots);

    it('lists who took part', () => {
      expect(mentions(vote, VOTER)).toBe(true);
    });

    it('lists the ballots without voters: the reject is there, under Chợ Mới’s receipt and nothing else of it', () => {
      expect(ballots()).toHaveLength(s.units.length);
      const rejects = ballots().filter(carriesTheReject);
      expect(rejects).toHaveLength(1);
      // Chợ Mới can check its own ballot by its receipt; nobody else learns whose it is.
      expect(mentions(rejects[0], receipt)).toBe(true);
      const nonCandidates = s.units.map((u) => u.id).filter((id) => !Object.values(s.vote.candidates).flat().includes(id));
      for (const ballot of ballots()) {
        expect(mentions(ballot, 'voter-')).toBe(false);
        for (const id of nonCandidates) expect({ id, named: mentions(ballot, id) }).toEqual({ id, named: false });
      }
    });

    it('does not list the ballots in the order the units voted', () => {
      // A true shuffle of six ballots leaves the voting order by chance once in 720 runs.
      const castOrder = played.receipts.map((r) => String(r.receipt));
      const listed = ballots().map((b) => castOrder.find((rc) => mentions(b, rc)));
      expect(listed).not.toEqual(castOrder);
    });
  });
});
