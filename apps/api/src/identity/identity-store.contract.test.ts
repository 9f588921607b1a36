/**
 * The contract of the `IdentityStore` port, run against both adapters with TWO instances on one
 * store (two connections to one SQLite file; two pools on one PostgreSQL schema), as two API
 * processes use it: what one writes the other reads, and the counters and reservations hold when
 * both write at once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError } from '#event-store';
import { PostgresEventStore } from '#event-store/postgres';
import { TEST_DATABASE_URL, contractEvent, dropSchema, testSchemaName } from '#event-store/testing';
import type { AccountRecord, IdentityStore, SessionRecord } from './identity-store.port.js';
import { PostgresIdentityStore } from './postgres-identity-store.js';
import { IDENTITY_STORE_KINDS, identityStoreFixture } from './testing/identity-store-fixture.js';

const account = (username: string, changes: Partial<AccountRecord> = {}): AccountRecord => ({
  username,
  name: `Cán bộ ${username}`,
  roles: ['unit'],
  unitId: 'an-phu',
  provinceId: 'an-giang',
  disabled: false,
  passwordHash: `scrypt$32768$8$1$${username}`,
  createdAt: '2020-03-01T01:00:00.000Z',
  updatedAt: '2020-03-01T01:00:00.000Z',
  ...changes,
});

/** Ids unique per test, so that the tests of one store never see each other's rows. */
const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

const session = (subject: string, createdAtMs: number, changes: Partial<SessionRecord> = {}): SessionRecord => ({
  idHash: unique('hash'),
  subject,
  kind: 'account',
  createdAtMs,
  lastSeenAtMs: createdAtMs,
  ...changes,
});

describe.each(IDENTITY_STORE_KINDS)('the IdentityStore contract on %s, two instances', (kind) => {
  const fixture = identityStoreFixture(kind);
  let a: IdentityStore;
  let b: IdentityStore;

  beforeAll(async () => {
    // Opened at once: two processes starting together both prepare the same new store.
    [a, b] = await Promise.all([fixture.open(), fixture.open()]);
  });
  afterAll(() => fixture.cleanup());

  describe('accounts', () => {
    it('saves an account that the other instance finds field for field, optional scope included or not', async () => {
      const unit = account(unique('don-vi'));
      const auditor = account(unique('kiem-toan'), { roles: ['auditor', 'approver'] });
      delete auditor.unitId;
      delete auditor.provinceId;
      await a.saveAccount(unit);
      await a.saveAccount(auditor);
      expect(await b.findAccount(unit.username)).toEqual(unit);
      expect(await b.findAccount(auditor.username)).toEqual(auditor);
      expect(await b.findAccount(unique('khong-co'))).toBeUndefined();
    });

    it('saving the same username replaces it (disabled, roles, scope, hash) but keeps when it was created', async () => {
      const first = account(unique('doi'));
      await a.saveAccount(first);
      const changed = account(first.username, {
        name: 'Tên mới',
        roles: ['leader'],
        unitId: 'long-xuyen',
        disabled: true,
        passwordHash: 'scrypt$32768$8$1$moi',
        createdAt: '2099-01-01T00:00:00.000Z',
        updatedAt: '2020-04-01T00:00:00.000Z',
      });
      delete changed.provinceId;
      await b.saveAccount(changed);
      expect(await a.findAccount(first.username)).toEqual({ ...changed, createdAt: first.createdAt });
    });

    it('lists every account in username order', async () => {
      const prefix = unique('ds');
      for (const name of ['c', 'a', 'b']) await (name === 'b' ? b : a).saveAccount(account(`${prefix}-${name}`));
      const listed = (await b.listAccounts()).map((x) => x.username).filter((u) => u.startsWith(prefix));
      expect(listed).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
      const all = (await a.listAccounts()).map((x) => x.username);
      expect(all).toEqual([...all].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    });
  });

  describe('sessions', () => {
    it('creates a session on one instance that the other finds, with or without claims', async () => {
      const plain = session(unique('an-phu'), 1_000);
      const oidc = session(unique('oidc-sub'), 2_000, { kind: 'oidc', claims: '{"roles":["auditor"]}' });
      await a.createSession(plain);
      await a.createSession(oidc);
      expect(await b.findSession(plain.idHash)).toEqual(plain);
      expect(await b.findSession(oidc.idHash)).toEqual(oidc);
      expect(await b.findSession(unique('hash'))).toBeUndefined();
    });

    it('touching moves the last use forward and never back', async () => {
      const s = session(unique('touch'), 10_000);
      await a.createSession(s);
      await b.touchSession(s.idHash, 15_000);
      await a.touchSession(s.idHash, 12_000); // a slower request, answered later
      expect(await a.findSession(s.idHash)).toEqual({ ...s, lastSeenAtMs: 15_000 });
    });

    it('deletes one session, or every session of a subject and no other', async () => {
      const subject = unique('nhieu');
      const [one, two, other] = [session(subject, 1), session(subject, 2), session(unique('khac'), 3)];
      for (const s of [one, two, other]) await a.createSession(s);
      await b.deleteSession(one.idHash);
      expect(await a.findSession(one.idHash)).toBeUndefined();
      expect(await a.findSession(two.idHash)).toEqual(two);
      await b.createSession(one);
      await b.deleteSessionsOf(subject);
      expect(await a.findSession(one.idHash)).toBeUndefined();
      expect(await a.findSession(two.idHash)).toBeUndefined();
      expect(await a.findSession(other.idHash)).toEqual(other);
    });

    it('deletes the sessions idle too long or signed in too long ago, and keeps the others', async () => {
      // Far in the future of every other test's sessions, whose instants are small.
      const t = 9_000_000_000_000;
      const idle = session(unique('idle'), t, { lastSeenAtMs: t + 100 });
      const old = session(unique('old'), t - 1, { lastSeenAtMs: t + 5_000 });
      const live = session(unique('live'), t, { lastSeenAtMs: t + 5_000 });
      for (const s of [idle, old, live]) await a.createSession(s);
      await b.deleteExpiredSessions(t + 1_000, t);
      expect(await a.findSession(idle.idHash)).toBeUndefined();
      expect(await a.findSession(old.idHash)).toBeUndefined();
      expect(await a.findSession(live.idHash)).toEqual(live);
    });
  });

  describe('login-failure counters', () => {
    it('counts in a fixed window from the first attempt, and starts again once the window has passed', async () => {
      const key = unique('user');
      expect(await a.countAttempt(key, 1_000, 60_000)).toEqual({ count: 1, windowStartMs: 1_000 });
      expect(await b.countAttempt(key, 30_000, 60_000)).toEqual({ count: 2, windowStartMs: 1_000 });
      expect(await a.countAttempt(key, 60_999, 60_000)).toEqual({ count: 3, windowStartMs: 1_000 });
      expect(await b.countAttempt(key, 61_000, 60_000)).toEqual({ count: 1, windowStartMs: 61_000 });
      expect(await a.countAttempt(key, 62_000, 60_000)).toEqual({ count: 2, windowStartMs: 61_000 });
      // Keys are counted apart.
      expect(await a.countAttempt(unique('other'), 62_000, 60_000)).toEqual({ count: 1, windowStartMs: 62_000 });
    });

    it('20 attempts at once from two instances are counted 1 to 20, none lost, none twice', async () => {
      const key = unique('at-once');
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).countAttempt(key, 5_000, 60_000)),
      );
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(counts.map((c) => c.windowStartMs))).toEqual(new Set([5_000]));
      expect(await a.countAttempt(key, 5_001, 60_000)).toEqual({ count: 21, windowStartMs: 5_000 });
    });

    it('forgiving takes back one attempt, never below none; clearing forgets the window', async () => {
      const key = unique('forgive');
      for (const now of [1, 2, 3]) await a.countAttempt(key, now, 60_000);
      await b.forgiveAttempt(key);
      expect(await a.countAttempt(key, 4, 60_000)).toEqual({ count: 3, windowStartMs: 1 });
      for (let i = 0; i < 5; i++) await b.forgiveAttempt(key);
      expect(await a.countAttempt(key, 5, 60_000)).toEqual({ count: 1, windowStartMs: 1 });
      await b.clearAttempts(key);
      expect(await a.countAttempt(key, 6, 60_000)).toEqual({ count: 1, windowStartMs: 6 });
      // Forgiving a key never counted leaves nothing behind.
      const never = unique('never');
      await a.forgiveAttempt(never);
      expect(await b.countAttempt(never, 7, 60_000)).toEqual({ count: 1, windowStartMs: 7 });
    });
  });

  describe('Idempotency-Key reservations', () => {
    it('answers the hash recorded first, on either instance, whatever is sent later', async () => {
      const id = unique('cmd');
      expect(await a.reserveCommand(id, 'hash-1', 1)).toBe('hash-1');
      expect(await b.reserveCommand(id, 'hash-2', 2)).toBe('hash-1');
      expect(await a.reserveCommand(id, 'hash-1', 3)).toBe('hash-1');
      expect(await b.reserveCommand(unique('cmd'), 'hash-2', 4)).toBe('hash-2');
    });

    it('two instances reserving one key at once: one writer wins and both answer its hash', async () => {
      const ids = Array.from({ length: 10 }, () => unique('race'));
      const answers = await Promise.all(
        ids.map((id) => Promise.all([a.reserveCommand(id, `a:${id}`, 1), b.reserveCommand(id, `b:${id}`, 1)])),
      );
      for (const [i, [fromA, fromB]] of answers.entries()) {
        expect(fromA).toBe(fromB);
        expect([`a:${ids[i]}`, `b:${ids[i]}`]).toContain(fromA);
        expect(await a.reserveCommand(ids[i]!, 'later', 2)).toBe(fromA);
      }
    });
  });

  it('a closed instance refuses to work; the other goes on', async () => {
    const c = await fixture.open();
    await c.close();
    await c.close(); // twice is harmless
    await expect(c.findAccount('an-phu')).rejects.toThrow();
    await expect(a.findAccount(unique('van-chay'))).resolves.toBeUndefined();
  });
});

describe('the PostgreSQL identity store', () => {
  it('shares a schema with the event store: its tables are its own and both work there', async () => {
    const schema = testSchemaName('identity');
    try {
      const identity = await PostgresIdentityStore.connect({ connectionString: TEST_DATABASE_URL, schema });
      const events = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 });
      try {
        await events.append('accounts', [contractEvent('AccountGranted', { username: 'an-phu' })], 'no-stream');
        await identity.saveAccount(account('an-phu'));
        expect((await events.readStream('accounts')).map((e) => e.type)).toEqual(['AccountGranted']);
        expect((await identity.findAccount('an-phu'))?.username).toBe('an-phu');
      } finally {
        await Promise.all([identity.close(), events.close()]);
      }
      // Opened again on the schema both made: nothing to create, nothing lost.
      const again = await PostgresIdentityStore.connect({ connectionString: TEST_DATABASE_URL, schema });
      expect((await again.listAccounts()).map((x) => x.username)).toEqual(['an-phu']);
      await again.close();
    } finally {
      await dropSchema(schema);
    }
  });

  it('refuses an unreachable server at once, naming the server and never the password', async () => {
    const error = await PostgresIdentityStore.connect({
      connectionString: 'postgres://ops:hunter2@127.0.0.1:1/thidua',
      schema: 'thidua',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain('127.0.0.1:1/thidua');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
