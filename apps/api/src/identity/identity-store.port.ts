/**
 * The `IdentityStore` port: accounts, sessions, login-failure counters and the `Idempotency-Key`s
 * of each caller, in one store that every API instance shares (a request may land on any of
 * them). Mutable on purpose: a password hash is not history and must be erasable. What happened
 * to an account (granted, roles changed, disabled, enabled) is recorded in the event log besides
 * (`accounts/`); this store holds what login needs now.
 *
 * Adapters (`IDENTITY_STORE`): SQLite under DATA_DIR (`sqlite-identity-store.ts`, the embedded
 * default, shared by the processes on that directory) and PostgreSQL beside the log
 * (`postgres-identity-store.ts`, the default with EVENT_STORE=postgres, shared by every process on
 * the database). Both pass `identity-store.contract.test.ts`.
 */
import type { Role } from '../auth/caller.js';

export interface AccountRecord {
  /** Lower-case login name; also the `sub` of the account's callers. */
  username: string;
  name: string;
  roles: Role[];
  unitId?: string;
  provinceId?: string;
  disabled: boolean;
  /** A self-describing hash (`passwords.ts`); never the password. */
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/** A sign-in. The id itself is never stored: only its SHA-256 (`idHash`). */
export interface SessionRecord {
  idHash: string;
  /** The account's username, or the OIDC subject. */
  subject: string;
  /** `account`: the caller is read from the account on every request; `oidc`: from `claims`. */
  kind: 'account' | 'oidc';
  /** For `oidc`: the caller as mapped from the provider's claims at sign-in (JSON). */
  claims?: string;
  createdAtMs: number;
  lastSeenAtMs: number;
}

export interface FailureCount {
  count: number;
  windowStartMs: number;
}

export interface IdentityStore {
  findAccount(username: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  /** Inserts, or replaces the row of the same username (the caller decided it may). */
  saveAccount(account: AccountRecord): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAtMs: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a subject (password changed, account disabled). */
  deleteSessionsOf(subject: string): Promise<void>;
  /** Removes sessions last seen before `lastSeenBeforeMs` or created before `createdBeforeMs`. */
  deleteExpiredSessions(lastSeenBeforeMs: number, createdBeforeMs: number): Promise<void>;

  /**
   * Counts one attempt against `key` in a fixed window starting at its first attempt: a window
   * older than `windowMs` starts again at `nowMs`. Atomic across instances.
   */
  countAttempt(key: string, nowMs: number, windowMs: number): Promise<FailureCount>;
  /** Takes back one attempt (it succeeded). */
  forgiveAttempt(key: string): Promise<void>;
  clearAttempts(key: string): Promise<void>;

  /**
   * Records that command id `commandId` (a caller's `Idempotency-Key`) names the request of hash
   * `requestHash`, unless it already names one: answers the hash recorded first. Atomic across
   * instances, so one key names one request whatever route or cycle it is sent to.
   */
  reserveCommand(commandId: string, requestHash: string, nowMs: number): Promise<string>;

  close(): Promise<void>;
}
