/**
 * Child process of `crash.test.ts`: appends to one PostgreSQL schema as fast as it can from many
 * concurrent writers until it is killed, and prints one line per acknowledged append:
 *   ack <streamId> <firstRevision> <lastRevision> <commandId>
 * A line is written only after `append` resolved, i.e. after the commit returned.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../event-store.port.js';
import { PostgresEventStore } from '../postgres-event-store.js';

const [connectionString, schema, prefix, writersArg] = process.argv.slice(2);
const writers = Number(writersArg);
const store = await PostgresEventStore.connect({ connectionString, schema, poolSize: 2 });

function eventsOf(commandId: string, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, part) => ({
    type: 'CrashTestEvent',
    data: { part, of: count, padding: 'x'.repeat(40 + part * 10) },
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: 'crash-writer', role: 'system' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  }));
}

/** Each writer owns three streams (exact expected revisions) and also writes to a shared one. */
async function writer(w: number): Promise<never> {
  const heads = new Map<string, number>();
  for (let i = 0; ; i++) {
    const shared = i % 4 === 3;
    const streamId = shared ? `${prefix}-shared` : `${prefix}-w${w}-s${i % 3}`;
    const count = 1 + (i % 4);
    const commandId = randomUUID();
    const head = heads.get(streamId);
    const expected = shared ? 'any' : head === undefined ? 'no-stream' : head;
    const result = await store.append(streamId, eventsOf(commandId, count), expected);
    if (!shared) heads.set(streamId, result.revision);
    process.stdout.write(`ack ${streamId} ${result.revision - count + 1} ${result.revision} ${commandId}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
