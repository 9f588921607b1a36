/**
 * Ballot secrecy. In the reference year every unit approves An Phú for the flag except Chợ Mới,
 * which rejects it: whoever can tie that one reject to Chợ Mới has broken the secret. Nothing in
 * `/events`, `/audit-trail` or `/vote` may: no record holding both, no shared identifier, receipt
 * or instant, no neighbouring position, no listing in the order the units voted.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalJson } from '#event-store';
import { listOf } from '#scenario';
import { readAuditTrail, readEvents, type EventRow } from '../support/read-models.js';
import { playReferenceYear, voterSub, type PlayedYear } from '#scenario';
import { loadScenario } from '#scenario';
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
const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Every ballot body a unit could send: each candidate of each award approved or not. */
function everyBallotBody(unitId: string, candidates: Record<string, string[]>): unknown[] {
  const slots = Object.entries(candidates).flatMap(([award, ids]) => ids.map((id) => [award, id] as const));
  return Array.from({ length: 2 ** slots.length }, (_, mask) => {
    const choices: Record<string, Record<string, boolean>> = {};
    slots.forEach(([award, id], bit) => {
      choices[award] = { ...choices[award], [id]: (mask & (1 << bit)) !== 0 };
    });
    return { unitId, choices };
  });
}

/** Every string anywhere in a value (keys included). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}
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
    // A round opened to publish its ballots: the most a vote ever shows, and still no voter in it.
    played = await playReferenceYear(server.api, server.tokens, s, { publishBallots: true });
    const auditor = await server.tokens.auditor();
    events = [...(await readEvents(server.api, auditor, played.cycleId, played.lastPosition))].sort(
      (a, b) => a.position - b.position,
    );
    trail = await readAuditTrail(server.api, auditor, played.cycleId, played.lastPosition);
    // Read by another unit's officer: `/vote` is open to anyone.
    const res = await server.api.ok('GET', `/cycles/${played.cycleId}/vote`, {
      token: await server.tokens.unit('phu-tan'),
      query: { minPosition: played.lastPosition },
    });
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
        const ids = [
          c.metadata.eventId,
          c.metadata.commandId,
          c.metadata.correlationId,
          c.metadata.causationId,
          c.metadata.requestHash,
        ].filter((v): v is string => typeof v === 'string' && v.length > 0);
        for (const v of voterEvents()) {
          for (const id of ids) expect({ id, inVoterEvent: mentions(v, id) }).toEqual({ id, inVoterEvent: false });
          expect(v.metadata.occurredAt).not.toBe(c.metadata.occurredAt);
        }
      }
      for (const e of events.filter((e) => mentions(e, VOTER))) expect(mentions(e, receipt)).toBe(false);
    });

    it('holds no unkeyed hash of any ballot body a voter could have sent in a BallotCast envelope', () => {
      // A ballot body has few possible values: an unkeyed sha256 of it (as requestHashOf in
      // apps/api/src/commands/idempotency.ts would compute without its key) is reversed by trying
      // them all. Tried here: each unit x each choice combination, in the canonical form of
      // { method, path, body } under every spelling of the route, and of the body alone.
      const cast = events.filter((e) => e.type === 'BallotCast');
      expect(cast).toHaveLength(s.units.length);
      const routes = [
        ...new Set([
          `/api/v1/cycles/${played.cycleId}/ballots`,
          `/api/v1/cycles/${encodeURIComponent(played.cycleId)}/ballots`,
          `/cycles/${played.cycleId}/ballots`,
        ]),
      ];
      const unkeyed = new Set<string>();
      for (const unit of s.units) {
        for (const body of everyBallotBody(unit.id, s.vote.candidates)) {
          unkeyed.add(sha256Hex(canonicalJson(body)));
          for (const path of routes) unkeyed.add(sha256Hex(canonicalJson({ method: 'POST', path, body })));
        }
      }
      expect(unkeyed.size).toBe(
        s.units.length * 2 ** Object.values(s.vote.candidates).flat().length * (routes.length + 1),
      );
      for (const event of cast) {
        // The envelope does carry a request hash: the check below looks at a real one.
        expect(event.metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
        const reversible = stringsIn(event).filter((value) => unkeyed.has(value.toLowerCase()));
        expect({ position: event.position, reversible }).toEqual({ position: event.position, reversible: [] });
      }
    });

    it('never puts the reject next to an event of Chợ Mới’s vote in the log', () => {
      events.forEach((e, i) => {
        if (!carriesTheReject(e)) return;
        for (const neighbour of [events[i - 1], events[i + 1]]) {
          if (neighbour)
            expect({ neighbour: neighbour.type, isVoters: mentions(neighbour, voterSub(VOTER)) }).toEqual({
              neighbour: neighbour.type,
              isVoters: false,
            });
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
      const nonCandidates = s.units
        .map((u) => u.id)
        .filter((id) => !Object.values(s.vote.candidates).flat().includes(id));
      for (const ballot of ballots()) {
        expect(mentions(ballot, 'voter-')).toBe(false);
        for (const id of nonCandidates) expect({ id, named: mentions(ballot, id) }).toEqual({ id, named: false });
      }
    });

    it('lists the ballots by the sha256 of their receipt, whatever order the units voted in', () => {
      // libs/projections/README.md: ballots `{ receipt, choices }` ordered by the sha256 (hex,
      // ascending) of the receipt, a deterministic shuffle that owes nothing to the voting order.
      const byReceiptHash = played.receipts
        .map((r) => String(r.receipt))
        .sort((a, b) => (sha256Hex(a) < sha256Hex(b) ? -1 : sha256Hex(a) > sha256Hex(b) ? 1 : 0));
      expect(ballots().map((b) => b.receipt)).toEqual(byReceiptHash);
    });
  });
});
