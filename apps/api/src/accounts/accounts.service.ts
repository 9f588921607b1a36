/**
 * Runs an account command: folds the account's history from the log, decides, appends the events
 * (with the stream's revision: two administrators at once cannot both grant one username), then
 * writes the account's current state and password hash into the identity store. Disabling an
 * account or setting its password ends its sessions.
 */
import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';
import type { AccountRecord, IdentityStore } from '../identity/identity-store.port.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../identity/passwords.js';
import {
  ACCOUNT_EVENT_TYPES,
  ACCOUNTS_STREAM,
  AccountError,
  decideAccount,
  evolveAccount,
  type AccountCommand,
  type AccountEvent,
  type AccountView,
} from './account.js';

/** Who runs the command, for the log: an administrator's name (the accounts command defaults to the OS user). */
export interface AccountAdministrator {
  userId: string;
}

export interface AccountOutcome {
  /** The events recorded (none when the command changed nothing, e.g. disabling a disabled account). */
  events: RecordedEvent[];
  account: AccountView;
}

const MAX_ATTEMPTS = 5;
/** A hash no password matches (`verifyPassword` refuses what it cannot read). */
const NO_PASSWORD = '!';

export class AccountsService {
  constructor(
    private readonly identity: IdentityStore,
    private readonly store: EventStore,
  ) {}

  list(): Promise<AccountRecord[]> {
    return this.identity.listAccounts();
  }

  async execute(
    command: AccountCommand,
    by: AccountAdministrator,
    at: string,
    password?: string,
  ): Promise<AccountOutcome> {
    const needsPassword = command.type === 'GrantAccount' || command.type === 'SetAccountPassword';
    for (let attempt = 1; ; attempt++) {
      const history = await this.store.readStream(ACCOUNTS_STREAM);
      const before = accountFrom(history, command.username);
      const decided = decideAccount(command, before);
      const after = decided.reduce<AccountView | undefined>(evolveAccount, before)!;
      if (decided.length === 0) return { events: [], account: after };
      if (needsPassword) checkPassword(password);
      const passwordHash = needsPassword ? await hashPassword(password!) : undefined;
      let recorded: RecordedEvent[];
      try {
        const last = history[history.length - 1];
        recorded = (
          await this.store.append(
            ACCOUNTS_STREAM,
            decided.map((e) => envelope(e, by, at)),
            last ? last.revision : 'no-stream',
          )
        ).events;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      const row = await this.identity.findAccount(command.username);
      // An account the log knows but the identity store lost (restored from a backup, say) cannot
      // sign in until `set-password` gives it a hash again.
      const hash = passwordHash ?? row?.passwordHash ?? NO_PASSWORD;
      await this.identity.saveAccount({ ...after, passwordHash: hash, createdAt: row?.createdAt ?? at, updatedAt: at });
      if (after.disabled || command.type === 'SetAccountPassword')
        await this.identity.deleteSessionsOf(command.username);
      return { events: recorded, account: after };
    }
  }
}

function checkPassword(password: string | undefined): void {
  const length = password === undefined ? 0 : [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new AccountError(
      'INVALID_ACCOUNT',
      `Mật khẩu (đọc từ đầu vào chuẩn) phải dài từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự.`,
      'password',
    );
  }
}

/** The account `username` as its events in the log make it. */
export function accountFrom(history: readonly RecordedEvent[], username: string): AccountView | undefined {
  let account: AccountView | undefined;
  for (const event of history) {
    if (ACCOUNT_EVENT_TYPES.has(event.type) && event.data['username'] === username) {
      account = evolveAccount(account, { type: event.type, data: event.data } as unknown as AccountEvent);
    }
  }
  return account;
}

function envelope(event: AccountEvent, by: AccountAdministrator, at: string): NewEvent {
  const commandId = randomUUID();
  return {
    type: event.type,
    data: event.data as unknown as JsonObject,
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: by.userId, role: 'administrator' },
      occurredAt: at,
      schemaVersion: 1,
    },
  };
}
