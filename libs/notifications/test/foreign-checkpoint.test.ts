/**
 * Reminders must not go silent when Redis has outlived the store it followed (seen on a clean
 * clone): a fresh DATA_DIR on a Redis that served another store, and a store restored from an
 * older copy. Real SQLite stores, the machine's Redis under one prefix shared by both, BullMQ
 * timers seconds away, events from the real deciders.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Harness, summarize, waitUntil } from '../src/testing/harness.js';

jest.setTimeout(90_000);

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.cleanup();
});

const escalated = (h: Harness) => async () => (await h.sent()).some((n) => n.kind === 'escalation');

function harness(...args: ConstructorParameters<typeof Harness>): Harness {
  const h = new Harness(...args);
  harnesses.push(h);
  return h;
}

describe('the scheduler on a Redis that outlived its store', () => {
  it('a fresh DATA_DIR on a Redis that served another store: its reminders are sent', async () => {
    // The other store: a cycle and three submissions, their timers and checkpoint in Redis.
    const before = harness();
    const old = await before.start();
    await before.openRegistration(600, { reminders: ['PT60S'], escalateAfter: 'PT1S' });
    for (const unit of ['a', 'b', 'c']) await before.submitRegistration(unit);
    await before.scheduledUpTo(old);
    await old.close();

    // A fresh store whose head is behind that checkpoint, on the same Redis keys.
    const fresh = harness(undefined, { prefix: before.prefix });
    fresh.restartClock();
    const runtime = await fresh.start();
    await fresh.openRegistration(8, { reminders: ['PT6S', 'PT3S'], escalateAfter: 'PT1S' });
    await waitUntil('the escalation is sent', escalated(fresh), 30_000);

    expect(runtime.scheduler!.rewriteDetected).toMatch(/is behind the checkpoint \(5\)/);
    expect(summarize(await fresh.sent())).toEqual([
      'escalation PT1S → leader a [a,b,c,d]',
      'reminder PT3S → unit a [a]',
      'reminder PT3S → unit b [b]',
      'reminder PT3S → unit c [c]',
      'reminder PT3S → unit d [d]',
      'reminder PT6S → unit a [a]',
      'reminder PT6S → unit b [b]',
      'reminder PT6S → unit c [c]',
      'reminder PT6S → unit d [d]',
    ]);
  });

  it('a store restored from an older copy: what its log lacks is sent again, the rest on time', async () => {
    const live = harness();
    const first = await live.start();
    // Registration due 14 s from now; reminders at t+2 and t+11, escalation at t+15.
    await live.openRegistration(14, { reminders: ['PT12S', 'PT3S'], escalateAfter: 'PT1S' });
    await live.scheduledUpTo(first);
    const backup = join(live.dir, 'backup.db');
    const db = new Database(live.path, { readonly: true });
    await db.backup(backup);
    db.close();
    await waitUntil('the first reminders are sent', async () => (await live.sent()).length >= 4, 20_000);
    await live.scheduledUpTo(first);
    await first.close();

    // The backup, restored: it has not seen the first reminders; Redis has (finished jobs, checkpoint).
    const restored = harness(undefined, { prefix: live.prefix, restoreFrom: backup });
    const runtime = await restored.start();
    await waitUntil('the escalation is sent', escalated(restored), 30_000);

    expect(runtime.scheduler!.rewriteDetected).toMatch(/is behind the checkpoint|is gone/);
    const sent = await restored.sent();
    expect(summarize(sent)).toEqual([
      'escalation PT1S → leader a [a,b,c,d]',
      'reminder PT12S → unit a [a]',
      'reminder PT12S → unit b [b]',
      'reminder PT12S → unit c [c]',
      'reminder PT12S → unit d [d]',
      'reminder PT3S → unit a [a]',
      'reminder PT3S → unit b [b]',
      'reminder PT3S → unit c [c]',
      'reminder PT3S → unit d [d]',
    ]);
    // The ones still ahead at the restore are sent at their moment, not before.
    const ahead = sent.filter((n) => n.offset !== 'PT12S');
    expect(ahead.every((n) => Date.parse(n.sentAt) >= Date.parse(n.scheduledAt))).toBe(true);
  });
});
