import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IdentityStore } from '../identity/identity-store.port.js';
import { dummyHash, hashPassword, verifyPassword } from '../identity/passwords.js';
import { IDENTITY_STORE_KINDS, identityStoreFixture } from '../identity/testing/identity-store-fixture.js';
import { checkCredentials, Throttled } from './login.js';

const LIMITS = { maxFailures: 2, maxFailuresPerAddress: 100, windowMs: 60_000 };

describe.each(IDENTITY_STORE_KINDS)('checkCredentials on the %s identity store', (kind) => {
  const fixture = identityStoreFixture(kind);
  let store: IdentityStore;
  beforeAll(async () => {
    store = await fixture.open();
    const passwordHash = await hashPassword('dung-mat-khau-roi');
    await store.saveAccount({
      username: 'an-phu',
      name: 'A',
      roles: ['unit'],
      unitId: 'an-phu',
      provinceId: 'an-giang',
      disabled: false,
      passwordHash,
      createdAt: 'x',
      updatedAt: 'x',
    });
  });
  afterAll(() => fixture.cleanup());

  it('verifies an unknown username against the dummy hash, so that it costs a full hash like a wrong password', async () => {
    const seen: string[] = [];
    const spy = (password: string, hash: string) => (seen.push(hash), verifyPassword(password, hash));
    await expect(
      checkCredentials(store, LIMITS, { username: 'khong-co', password: 'p', address: 'a1', nowMs: 0 }, spy),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(
      checkCredentials(store, LIMITS, { username: 'an-phu', password: 'sai', address: 'a1', nowMs: 0 }, spy),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(await dummyHash());
    expect(seen[0]).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(seen[1]).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('counts attempts per username in a window and answers Throttled with the seconds left', async () => {
    // Long after the first test's attempt: a window of its own.
    const attempt = (nowMs: number, password = 'sai') =>
      checkCredentials(store, LIMITS, { username: 'AN-PHU ', password, address: 'a2', nowMs: 1_000_000 + nowMs });
    await expect(attempt(1_000)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(attempt(2_000)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const error = await attempt(31_000, 'dung-mat-khau-roi').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Throttled);
    expect((error as Throttled).retryAfterS).toBe(30);
    // A new window: the right password signs in and clears the count.
    expect((await attempt(61_001, 'dung-mat-khau-roi')).username).toBe('an-phu');
    await expect(attempt(61_002)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});
