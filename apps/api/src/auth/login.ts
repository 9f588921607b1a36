/**
 * Signing in with a local account. Every attempt is counted against the username and against the
 * client's address before the password is checked (atomically in the shared identity store, so
 * parallel guesses on several instances are all counted); past the limit the answer is 429 with
 * Retry-After until the window ends. An unknown username, a disabled account and a wrong password
 * get the same answer, and an unknown username is verified against a dummy hash so that it takes
 * about the same time. A successful sign-in clears the username's count and takes back its own
 * attempt from the address's.
 */
import type { AccountRecord, IdentityStore } from '../identity/identity-store.port.js';
import { dummyHash, verifyPassword } from '../identity/passwords.js';
import { ProblemError } from '../problems/problem.js';

export interface LoginLimits {
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowMs: number;
}

/** Usernames compare in lower case, NFC, without surrounding spaces. */
export const normalizeUsername = (username: string): string => username.normalize('NFC').trim().toLowerCase();

export class Throttled extends ProblemError {
  constructor(readonly retryAfterS: number) {
    const base = ProblemError.of('LOGIN_THROTTLED');
    super(base.code, base.status, base.text);
  }
}

export async function checkCredentials(
  store: IdentityStore,
  limits: LoginLimits,
  input: { username: string; password: string; address: string; nowMs: number },
): Promise<AccountRecord> {
  const username = normalizeUsername(input.username);
  const userKey = `user:${username}`;
  const addressKey = `address:${input.address}`;
  const [byUser, byAddress] = await Promise.all([
    store.countAttempt(userKey, input.nowMs, limits.windowMs),
    store.countAttempt(addressKey, input.nowMs, limits.windowMs),
  ]);
  const over = [
    ...(byUser.count > limits.maxFailures ? [byUser.windowStartMs] : []),
    ...(byAddress.count > limits.maxFailuresPerAddress ? [byAddress.windowStartMs] : []),
  ];
  if (over.length > 0) {
    const endsAt = Math.max(...over.map((start) => start + limits.windowMs));
    throw new Throttled(Math.max(1, Math.ceil((endsAt - input.nowMs) / 1000)));
  }
  const account = await store.findAccount(username);
  const matches = await verifyPassword(input.password, account?.passwordHash ?? (await dummyHash()));
  if (!account || account.disabled || !matches) throw ProblemError.of('INVALID_CREDENTIALS');
  await Promise.all([store.clearAttempts(userKey), store.forgiveAttempt(addressKey)]);
  return account;
}
