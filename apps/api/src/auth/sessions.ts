/**
 * Browser sessions: an opaque random id in an HttpOnly cookie, its SHA-256 in the identity store
 * (a copy of the store does not hand out live sessions). A session ends when unused for the idle
 * timeout (each request moves it: sliding), at the absolute maximum age, at logout, and as soon as
 * its account is disabled or removed. An account session's caller is read from the account on each
 * request, so a change of roles applies at once.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityStore, SessionRecord } from '../identity/identity-store.port.js';
import type { Caller } from './caller.js';

export interface SessionSettings {
  idleTimeoutMs: number;
  maxAgeMs: number;
}

export interface ResolvedSession {
  caller: Caller;
  idHash: string;
  /** True when this request moved the session's expiry (the cookies are sent again). */
  slid: boolean;
}

export const sessionIdHash = (id: string): string => createHash('sha256').update(id).digest('hex');

export class Sessions {
  constructor(
    private readonly store: IdentityStore,
    private readonly settings: SessionSettings,
    private readonly secret: string,
  ) {}

  /** Starts a session; answers its id (for the cookie) and the CSRF token bound to it. */
  async start(subject: string, nowMs: number, oidcCaller?: Caller): Promise<{ id: string; csrf: string }> {
    const id = randomBytes(32).toString('base64url');
    const record: SessionRecord = {
      idHash: sessionIdHash(id),
      subject,
      kind: oidcCaller ? 'oidc' : 'account',
      ...(oidcCaller ? { claims: JSON.stringify(oidcCaller) } : {}),
      createdAtMs: nowMs,
      lastSeenAtMs: nowMs,
    };
    await this.store.createSession(record);
    // Now and then, not on every sign-in: forget sessions nobody can use any more.
    if (Math.random() < 0.05)
      await this.store.deleteExpiredSessions(nowMs - this.settings.idleTimeoutMs, nowMs - this.settings.maxAgeMs);
    return { id, csrf: this.csrfTokenFor(id) };
  }

  async resolve(id: string, nowMs: number): Promise<ResolvedSession | undefined> {
    const idHash = sessionIdHash(id);
    const session = await this.store.findSession(idHash);
    if (!session) return undefined;
    if (
      nowMs - session.lastSeenAtMs > this.settings.idleTimeoutMs ||
      nowMs - session.createdAtMs > this.settings.maxAgeMs
    ) {
      await this.store.deleteSession(idHash);
      return undefined;
    }
    const caller = await this.callerOf(session);
    if (!caller) {
      await this.store.deleteSession(idHash);
      return undefined;
    }
    // Written at most about once a minute per session, not on every request.
    const slid = nowMs - session.lastSeenAtMs >= Math.min(60_000, this.settings.idleTimeoutMs / 10);
    if (slid) await this.store.touchSession(idHash, nowMs);
    return { caller, idHash, slid };
  }

  async end(idHash: string): Promise<void> {
    await this.store.deleteSession(idHash);
  }

  /** The CSRF token of a session: derived from its id with the server's secret, so any instance can check it. */
  csrfTokenFor(id: string): string {
    return createHmac('sha256', this.secret).update(`csrf\u0000${id}`).digest('base64url');
  }

  csrfTokenMatches(id: string, token: string): boolean {
    const expected = Buffer.from(this.csrfTokenFor(id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async callerOf(session: SessionRecord): Promise<Caller | undefined> {
    if (session.kind === 'oidc') return session.claims ? (JSON.parse(session.claims) as Caller) : undefined;
    const account = await this.store.findAccount(session.subject);
    if (!account || account.disabled) return undefined;
    return {
      userId: account.username,
      name: account.name,
      roles: account.roles,
      ...(account.unitId ? { unitId: account.unitId } : {}),
      ...(account.provinceId ? { provinceId: account.provinceId } : {}),
    };
  }
}
