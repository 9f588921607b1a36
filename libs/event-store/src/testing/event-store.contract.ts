/**
 * The contract every `EventStore` adapter must pass. An adapter's test file calls
 * `describeEventStoreContract('its name', factory)`; the factory opens a store (a fresh one, or a
 * shared server: the suite never assumes the log is empty, it uses its own stream ids and reads
 * the log from the head position it saw first) and says how to clean up.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, ExpectedRevision, JsonObject, NewEvent, RecordedEvent } from '../event-store.port.js';
import { hashEvent, verifyChain } from '../hash-chain.js';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

/** A well-formed event; `data` marks it so that the suite can recognise it when read back. */
export function contractEvent(type: string, data: JsonObject = {}): NewEvent {
  const id = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId: id,
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: 'contract-user', role: 'cluster-leader', unitId: 'unit-1' },
      occurredAt: '2020-03-01T08:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

function ids(events: { metadata: { eventId: string } }[]): string[] {
  return events.map((e) => e.metadata.eventId);
}

function strictlyIncreasing(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}

async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to be rejected, but it was fulfilled');
}

function rejectAfter(ms: number, reason: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(reason)), ms).unref());
}

/** Reads from a subscription until `done(seen)` holds, failing if that takes longer than `ms`. */
export async function collectUntil(
  iterator: AsyncIterator<RecordedEvent>,
  done: (seen: RecordedEvent[]) => boolean,
  ms = 10_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const deadline = Date.now() + ms;
  while (!done(seen)) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const next = await Promise.race([iterator.next(), timeout]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`subscription stalled after ${seen.length} events`);
    if (next.done) throw new Error(`subscription ended after ${seen.length} events`);
    seen.push(next.value);
  }
  return seen;
}

export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let underTest: EventStoreUnderTest;
    let store: EventStore;
    /** Unique per test, so that a shared server's old streams never interfere. */
    let prefix: string;
    const stream = (suffix: string): string => `${prefix}-${suffix}`;

    beforeEach(async () => {
      underTest = await factory();
      store = underTest.store;
      prefix = `contract_${randomUUID().replaceAll('-', '')}`;
    });

    afterEach(async () => {
      await underTest.cleanup();
    });

    describe('append and read back', () => {
      it('numbers a new stream from revision 0 and gives increasing positions', async () => {
        const events = [contractEvent('A', { n: 1 }), contractEvent('B', { n: 2 }), contractEvent('C', { n: 3 })];
        const result = await store.append(stream('s'), events, 'no-stream');
        expect(result.events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.revision).toBe(2);
        expect(strictlyIncreasing(result.events.map((e) => e.position))).toBe(true);
        expect(result.events[0].position).toBeGreaterThan(0);
        expect(result.position).toBe(result.events[2].position);

        const read = await store.readStream(stream('s'));
        expect(read.map((e) => [e.streamId, e.revision, e.type, e.data])).toEqual([
          [stream('s'), 0, 'A', { n: 1 }],
          [stream('s'), 1, 'B', { n: 2 }],
          [stream('s'), 2, 'C', { n: 3 }],
        ]);
        expect(read.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
        expect(read.map((e) => e.position)).toEqual(result.events.map((e) => e.position));
        expect(read.map((e) => e.hash)).toEqual(result.events.map((e) => e.hash));
      });

      it('keeps the global order of appends across streams, and the head position follows', async () => {
        const start = await store.headPosition();
        const written: NewEvent[] = [];
        for (let i = 0; i < 6; i++) {
          const event = contractEvent('Counted', { i });
          written.push(event);
          await store.append(stream(i % 2 === 0 ? 'even' : 'odd'), [event], 'any');
        }
        const all = (await store.readAll({ after: start })).filter((e) => e.streamId.startsWith(prefix));
        expect(ids(all)).toEqual(ids(written));
        expect(strictlyIncreasing(all.map((e) => e.position))).toBe(true);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(all[all.length - 1].position);
        expect((await store.readStream(stream('even'))).map((e) => e.data)).toEqual([{ i: 0 }, { i: 2 }, { i: 4 }]);
      });

      it('round-trips unicode text and nested JSON exactly', async () => {
        const data = {
          tên: 'Ủy ban nhân dân tỉnh An Giang',
          nested: { list: [1, 2.5, -3, true, null, 'x'], empty: {} },
          n: 0,
        };
        await store.append(stream('unicode'), [contractEvent('Đã nộp', data)], 'no-stream');
        const [read] = await store.readStream(stream('unicode'));
        expect(read.type).toBe('Đã nộp');
        expect(read.data).toEqual(data);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
        expect(await store.readStream(stream('nobody'), { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it("'no-stream' creates a stream and refuses an existing one, naming the actual revision", async () => {
        await store.append(stream('s'), [contractEvent('A'), contractEvent('B')], 'no-stream');
        const error = await expectRejection(store.append(stream('s'), [contractEvent('C')], 'no-stream'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({
          streamId: stream('s'),
          expected: 'no-stream',
          actual: 1,
          code: 'WRONG_EXPECTED_REVISION',
        });
        expect(await store.readStream(stream('s'))).toHaveLength(2);
      });

      it("'stream-exists' refuses a missing stream and accepts an existing one", async () => {
        const error = await expectRejection(store.append(stream('s'), [contractEvent('A')], 'stream-exists'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream('s'), expected: 'stream-exists', actual: 'no-stream' });
        expect(await store.readStream(stream('s'))).toEqual([]);

        await store.append(stream('s'), [contractEvent('A')], 'no-stream');
        const result = await store.append(stream('s'), [contractEvent('B')], 'stream-exists');
        expect(result.revision).toBe(1);
      });

      it('an exact revision must be the last revision of the stream', async () => {
        const missing = await expectRejection(store.append(stream('s'), [contractEvent('A')], 0));
        expect(missing).toMatchObject({ streamId: stream('s'), expected: 0, actual: 'no-stream' });

        await store.append(stream('s'), [contractEvent('A')], 'no-stream');
        await store.append(stream('s'), [contractEvent('B')], 0);
        const stale = await expectRejection(store.append(stream('s'), [contractEvent('C')], 0));
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ streamId: stream('s'), expected: 0, actual: 1 });
        const ahead = await expectRejection(store.append(stream('s'), [contractEvent('C')], 5));
        expect(ahead).toMatchObject({ expected: 5, actual: 1 });
        const result = await store.append(stream('s'), [contractEvent('C')], 1);
        expect(result.revision).toBe(2);
        expect((await store.readStream(stream('s'))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it("'any' appends whether or not the stream exists", async () => {
        expect((await store.append(stream('s'), [contractEvent('A')], 'any')).revision).toBe(0);
        expect((await store.append(stream('s'), [contractEvent('B')], 'any')).revision).toBe(1);
      });

      it('exactly one of many parallel writers wins each revision; the others get a typed conflict', async () => {
        const writers = 16;
        const rounds = 5;
        const s = stream('contended');
        let expected: ExpectedRevision = 'no-stream';
        for (let round = 0; round < rounds; round++) {
          const outcomes = await Promise.allSettled(
            Array.from({ length: writers }, (_, w) =>
              store.append(s, [contractEvent('Claim', { round, w })], expected),
            ),
          );
          const winners = outcomes.filter((o) => o.status === 'fulfilled');
          const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(writers - 1);
          for (const loser of losers) {
            expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect(loser.reason).toMatchObject({ streamId: s, expected, actual: round });
          }
          expected = round;
        }
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => (e.data as { round: number }).round)).toEqual([0, 1, 2, 3, 4]);
      });

      it('a conflicting append in the middle of concurrent ones refuses only itself', async () => {
        await store.append(stream('taken'), [contractEvent('A')], 'no-stream');
        const outcomes = await Promise.allSettled([
          store.append(stream('x'), [contractEvent('X')], 'no-stream'),
          store.append(stream('taken'), [contractEvent('B1'), contractEvent('B2')], 'no-stream'),
          store.append(stream('y'), [contractEvent('Y1'), contractEvent('Y2')], 'no-stream'),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((await store.readStream(stream('taken'))).map((e) => e.type)).toEqual(['A']);
        expect((await store.readStream(stream('y'))).map((e) => e.type)).toEqual(['Y1', 'Y2']);
      });
    });

    describe('atomic appends', () => {
      it('writes a multi-event append contiguously, even with concurrent appends to other streams', async () => {
        const start = await store.headPosition();
        const batch = Array.from({ length: 5 }, (_, i) => contractEvent('Part', { i }));
        await Promise.all([
          ...Array.from({ length: 10 }, (_, i) =>
            store.append(stream(`other-${i}`), [contractEvent('Other')], 'no-stream'),
          ),
          store.append(stream('multi'), batch, 'no-stream'),
          ...Array.from({ length: 10 }, (_, i) =>
            store.append(stream(`later-${i}`), [contractEvent('Other')], 'no-stream'),
          ),
        ]);
        const all = (await store.readAll({ after: start })).filter((e) => e.streamId.startsWith(prefix));
        expect(all).toHaveLength(25);
        const firstIndex = all.findIndex((e) => e.streamId === stream('multi'));
        expect(ids(all.slice(firstIndex, firstIndex + 5))).toEqual(ids(batch));
        expect(all.slice(firstIndex, firstIndex + 5).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      });

      it('a refused multi-event append writes none of its events', async () => {
        await store.append(stream('s'), [contractEvent('A')], 'no-stream');
        const head = await store.headPosition();
        await expectRejection(
          store.append(stream('s'), [contractEvent('B'), contractEvent('C'), contractEvent('D')], 5),
        );
        expect(await store.readStream(stream('s'))).toHaveLength(1);
        expect(await store.readAll({ after: head })).toEqual([]);
      });
    });

    describe('bad input is refused with a typed error and writes nothing', () => {
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      const withMetadata = (change: (m: Record<string, unknown>) => void): NewEvent => {
        const event = contractEvent('A');
        const metadata = { ...event.metadata, actor: { ...event.metadata.actor } } as unknown as Record<
          string,
          unknown
        >;
        change(metadata);
        return { ...event, metadata: metadata as unknown as NewEvent['metadata'] };
      };
      const withData = (data: unknown): NewEvent => ({ ...contractEvent('A'), data: data as JsonObject });
      const cases: [string, string, (s: (x: string) => string) => [string, unknown, unknown]][] = [
        ['an empty event list', 'events', (s) => [s('s'), [], 'any']],
        ['events that are not a list', 'events', (s) => [s('s'), { type: 'A' }, 'any']],
        ['an unknown expectation', 'expectedRevision', (s) => [s('s'), [contractEvent('A')], 'latest']],
        ['a negative expected revision', 'expectedRevision', (s) => [s('s'), [contractEvent('A')], -1]],
        ['a fractional expected revision', 'expectedRevision', (s) => [s('s'), [contractEvent('A')], 1.5]],
        ['an empty stream id', 'streamId', () => ['', [contractEvent('A')], 'any']],
        ['a stream id over 200 characters', 'streamId', (s) => [s('x').padEnd(201, 'x'), [contractEvent('A')], 'any']],
        ['a stream id holding U+0000', 'streamId', (s) => [`${s('s')}\u0000`, [contractEvent('A')], 'any']],
        ['an empty event type', 'events[0].type', (s) => [s('s'), [{ ...contractEvent('A'), type: '' }], 'any']],
        [
          'an event type holding U+0000',
          'events[0].type',
          (s) => [s('s'), [{ ...contractEvent('A'), type: 'A\u0000' }], 'any'],
        ],
        ['data that is an array', 'events[0].data', (s) => [s('s'), [withData([1, 2])], 'any']],
        ['data holding a function', 'events[0].data.f', (s) => [s('s'), [withData({ f: () => 1 })], 'any']],
        ['data holding a BigInt', 'events[0].data.big', (s) => [s('s'), [withData({ big: BigInt(1) })], 'any']],
        ['data holding NaN', 'events[0].data.x', (s) => [s('s'), [withData({ x: Number.NaN })], 'any']],
        [
          'data holding Infinity',
          'events[0].data.list[1]',
          (s) => [s('s'), [withData({ list: [1, Infinity] })], 'any'],
        ],
        [
          'data holding undefined in a list',
          'events[0].data.list[0]',
          (s) => [s('s'), [withData({ list: [undefined] })], 'any'],
        ],
        ['data holding a Date', 'events[0].data.at', (s) => [s('s'), [withData({ at: new Date(0) })], 'any']],
        ['data with a cycle', 'events[0].data.self', (s) => [s('s'), [withData(cyclic)], 'any']],
        [
          'metadata without eventId',
          'events[0].metadata.eventId',
          (s) => [s('s'), [withMetadata((m) => delete m.eventId)], 'any'],
        ],
        [
          'metadata without actor',
          'events[0].metadata.actor',
          (s) => [s('s'), [withMetadata((m) => delete m.actor)], 'any'],
        ],
        [
          'metadata whose actor has no role',
          'events[0].metadata.actor.role',
          (s) => [s('s'), [withMetadata((m) => delete (m.actor as Record<string, unknown>).role)], 'any'],
        ],
        [
          'metadata with a bad occurredAt',
          'events[0].metadata.occurredAt',
          (s) => [s('s'), [withMetadata((m) => (m.occurredAt = 'yesterday'))], 'any'],
        ],
        [
          'metadata with schemaVersion 0',
          'events[0].metadata.schemaVersion',
          (s) => [s('s'), [withMetadata((m) => (m.schemaVersion = 0))], 'any'],
        ],
        [
          'a bad second event after a good one',
          'events[1].data.x',
          (s) => [s('s'), [contractEvent('A'), withData({ x: Number.NaN })], 'any'],
        ],
      ];

      for (const [label, field, build] of cases) {
        it(`refuses ${label}`, async () => {
          const head = await store.headPosition();
          const [streamId, events, expected] = build(stream);
          const error = await expectRejection(
            store.append(streamId, events as NewEvent[], expected as ExpectedRevision),
          );
          expect(error).toBeInstanceOf(InvalidAppendError);
          expect(error).toMatchObject({ code: 'INVALID_APPEND', field });
          expect(await store.headPosition()).toBe(head);
          if (
            typeof streamId === 'string' &&
            streamId.length > 0 &&
            streamId.length <= 200 &&
            !streamId.includes('\u0000')
          ) {
            expect(await store.readStream(streamId)).toEqual([]);
          }
        });
      }

      it('a bad append does not disturb good appends made at the same time', async () => {
        const outcomes = await Promise.allSettled([
          store.append(stream('good-1'), [contractEvent('A')], 'no-stream'),
          store.append(stream('bad'), [withData({ x: Number.NaN })], 'no-stream'),
          store.append(stream('good-2'), [contractEvent('B')], 'no-stream'),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.readStream(stream('bad'))).toEqual([]);
        expect(await store.readStream(stream('good-2'))).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        await store.append(
          stream('r'),
          Array.from({ length: 10 }, (_, i) => contractEvent(`E${i}`)),
          'no-stream',
        );
      });
      const revisions = (events: RecordedEvent[]): number[] => events.map((e) => e.revision);

      it('reads forwards from the start by default', async () => {
        expect(revisions(await store.readStream(stream('r')))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('reads forwards from a revision, at most N', async () => {
        expect(revisions(await store.readStream(stream('r'), { fromRevision: 4, maxCount: 3 }))).toEqual([4, 5, 6]);
        expect(revisions(await store.readStream(stream('r'), { fromRevision: 8, maxCount: 5 }))).toEqual([8, 9]);
        expect(await store.readStream(stream('r'), { fromRevision: 10 })).toEqual([]);
      });

      it('reads backwards from the end by default, or from a revision', async () => {
        expect(revisions(await store.readStream(stream('r'), { direction: 'backwards', maxCount: 3 }))).toEqual([
          9, 8, 7,
        ]);
        expect(revisions(await store.readStream(stream('r'), { direction: 'backwards', fromRevision: 2 }))).toEqual([
          2, 1, 0,
        ]);
        expect(
          revisions(await store.readStream(stream('r'), { direction: 'backwards', fromRevision: 5, maxCount: 2 })),
        ).toEqual([5, 4]);
      });
    });

    describe('readAll', () => {
      it('pages through the log with an exclusive checkpoint', async () => {
        const start = await store.headPosition();
        const written: NewEvent[] = [];
        for (let i = 0; i < 5; i++) {
          const events = [contractEvent('P', { i, part: 0 }), contractEvent('P', { i, part: 1 })];
          written.push(...events);
          await store.append(stream(`p${i}`), events, 'no-stream');
        }
        const everything = (await store.readAll({ after: start })).filter((e) => e.streamId.startsWith(prefix));
        expect(ids(everything)).toEqual(ids(written));

        const paged: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 3 });
          expect(page.length).toBeLessThanOrEqual(3);
          if (page.length === 0) break;
          expect(page[0].position).toBeGreaterThan(after);
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(ids(paged.filter((e) => e.streamId.startsWith(prefix)))).toEqual(ids(written));
        expect(strictlyIncreasing(paged.map((e) => e.position))).toBe(true);
      });
    });

    describe('hash chain', () => {
      it('links each event of a stream to the previous one and verifies', async () => {
        await store.append(stream('h'), [contractEvent('A', { v: 1 }), contractEvent('B', { v: 2 })], 'no-stream');
        await store.append(stream('h'), [contractEvent('C', { v: 3 })], 1);
        await store.append(stream('other'), [contractEvent('D')], 'no-stream');
        const read = await store.readStream(stream('h'));
        expect(read[0].prevHash).toBeNull();
        expect(read[1].prevHash).toBe(read[0].hash);
        expect(read[2].prevHash).toBe(read[1].hash);
        for (const event of read) {
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(event.hash).toBe(hashEvent(event));
        }
        expect(verifyChain(read)).toEqual({ ok: true, checkedEvents: 3 });
        const ours = (await store.readAll()).filter((e) => e.streamId.startsWith(prefix));
        expect(verifyChain(ours)).toEqual({ ok: true, checkedEvents: 4 });
      });

      it('detects an event whose content was altered after the fact', async () => {
        await store.append(
          stream('h'),
          [contractEvent('A', { points: 10 }), contractEvent('B', { points: 20 })],
          'no-stream',
        );
        const read = await store.readStream(stream('h'));
        const tampered = [read[0], { ...read[1], data: { points: 25 } }];
        expect(verifyChain(tampered)).toMatchObject({
          ok: false,
          firstBroken: { index: 1, streamId: stream('h'), revision: 1 },
        });
      });
    });

    describe('subscribe', () => {
      it('goes from a checkpoint through catch-up into live with no gap and no duplicate', async () => {
        const s = (i: number): string => stream(`sub-${i % 7}`);
        // Enough history that catch-up takes several pages in any adapter with pages of <= 1000.
        const before: NewEvent[] = [];
        for (let i = 0; i < 25; i++) {
          const events = Array.from({ length: 100 }, (_, j) => contractEvent('Before', { i, j }));
          before.push(...events);
          await store.append(s(i), events, 'any');
        }
        const checkpoint = (await store.readStream(s(0))).find(
          (e) => e.metadata.eventId === before[9].metadata.eventId,
        )!.position;
        const subscription = store.subscribe({ after: checkpoint });
        const iterator = subscription[Symbol.asyncIterator]();

        // Appends concurrent with the catch-up: single and multi-event, many streams.
        const during: NewEvent[] = [];
        const writing = (async () => {
          for (let i = 0; i < 40; i++) {
            const events =
              i % 5 === 0
                ? [contractEvent('During', { i }), contractEvent('During', { i, second: true })]
                : [contractEvent('During', { i })];
            during.push(...events);
            await store.append(s(i), events, 'any');
          }
        })();
        const expectedCount = before.length - 10 + 48; // before[10..] + during
        const seen = await collectUntil(
          iterator,
          (got) => got.filter((e) => e.streamId.startsWith(prefix)).length >= expectedCount,
        );
        await writing;

        // Live: appended after the catch-up is over.
        const late = contractEvent('Late');
        const lateRead = collectUntil(iterator, (got) => got.some((e) => e.metadata.eventId === late.metadata.eventId));
        await store.append(stream('late'), [late], 'no-stream');
        const afterLive = await lateRead;
        await subscription.close();

        const all = [...seen, ...afterLive];
        expect(strictlyIncreasing(all.map((e) => e.position))).toBe(true);
        expect(all[0].position).toBeGreaterThan(checkpoint);
        expect(ids(all.filter((e) => e.streamId.startsWith(prefix)))).toEqual(
          ids([...before.slice(10), ...during, late]),
        );
      });

      it('delivers events appended after it started waiting', async () => {
        const subscription = store.subscribe({ after: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        const first = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 50));
        const event = contractEvent('Live');
        await store.append(stream('live'), [event], 'no-stream');
        const firstResult = await Promise.race([first, rejectAfter(10_000, 'no event delivered')]);
        const seen = [firstResult.value as RecordedEvent];
        if (seen[0].streamId !== stream('live')) {
          seen.push(...(await collectUntil(iterator, (got) => got.some((e) => e.streamId === stream('live')))));
        }
        await subscription.close();
        const delivered = seen.filter((e) => e.streamId === stream('live'));
        expect(ids(delivered)).toEqual([event.metadata.eventId]);
      });

      it('close ends the iteration, also while it waits, and nothing is delivered afterwards', async () => {
        const subscription = store.subscribe({ after: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        const pending = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 20));
        await subscription.close();
        expect(await pending).toEqual({ done: true, value: undefined });
        await store.append(stream('after-close'), [contractEvent('A')], 'no-stream');
        expect(await iterator.next()).toEqual({ done: true, value: undefined });
      });

      it('breaking out of a for-await loop closes the subscription', async () => {
        await store.append(stream('b'), [contractEvent('A'), contractEvent('B'), contractEvent('C')], 'no-stream');
        const start = (await store.readStream(stream('b')))[0].position - 1;
        const subscription = store.subscribe({ after: start });
        const seen: string[] = [];
        for await (const event of subscription) {
          seen.push(event.type);
          if (seen.length === 2) break;
        }
        expect(seen).toEqual(['A', 'B']);
        expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
      });
    });
  });
}
