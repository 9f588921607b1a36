/**
 * Who the people of a cycle's record are: each account's name by username, folded from the log's
 * `accounts` stream, not read from the identity store. The documents are made from the log alone,
 * so one made as of a moment, or made again years later, names the same people: the identity
 * store is the state login needs now (rows replaced, restorable from a backup, another database
 * with IDENTITY_STORE=postgres), not history. The whole stream is folded, not cut at the
 * document's moment: no event renames an account, so the name is the one it was granted with at
 * any moment, and an entry recorded later from paper bears its original date, before its
 * recorder's account was granted. Callers with no account (an OIDC subject, `system`) have no name.
 */
import type { RecordedEvent } from '#event-store';
import { ACCOUNT_EVENT_TYPES, evolveAccount, type AccountEvent, type AccountView } from '../accounts/account.js';

export function accountNames(history: readonly RecordedEvent[]): ReadonlyMap<string, string> {
  const accounts = new Map<string, AccountView | undefined>();
  for (const event of history) {
    if (!ACCOUNT_EVENT_TYPES.has(event.type)) continue;
    const username = event.data['username'] as string;
    accounts.set(
      username,
      evolveAccount(accounts.get(username), { type: event.type, data: event.data } as unknown as AccountEvent),
    );
  }
  const names = new Map<string, string>();
  for (const [username, account] of accounts) if (account) names.set(username, account.name);
  return names;
}
