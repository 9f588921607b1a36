import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CanonicalJsonError,
  canonicalJson,
  hashCanonicalEvent,
  hashEvent,
  verifyChain,
  type ChainedEvent,
} from './hash-chain.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, whatever order they were inserted in', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":2,"a":3,"é":1}');
  });

  it('writes strings and numbers exactly as JSON.stringify does', () => {
    const values = ['Thi đua – khen thưởng', 'quote " and \\ and \n', 1e21, 0.1 + 0.2, -0, 5e-7, 42];
    for (const value of values) expect(canonicalJson(value)).toBe(JSON.stringify(value));
  });

  it('leaves out properties whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, unitId: undefined })).toBe('{"a":1}');
  });

  it('gives the same text for a value and for the value read back from its own text', () => {
    const value = { z: [1, 'two', { x: null }], a: { nested: { deep: -1.5 } } };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it.each([
    ['NaN', { x: Number.NaN }, '$.x'],
    ['Infinity', { x: [1, -Infinity] }, '$.x[1]'],
    ['a BigInt', { x: BigInt(3) }, '$.x'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['undefined in a list', [1, undefined], '$[1]'],
    ['undefined at the top', undefined, '$'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a Map', { m: new Map() }, '$.m'],
  ])('refuses %s, naming where it is', (_label, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    try {
      canonicalJson(value);
    } catch (err) {
      expect((err as CanonicalJsonError).path).toBe(path);
    }
  });

  it('refuses a cycle, but not the same object reached twice', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"v":1},"b":{"v":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.me = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('agrees with a plain reference writer on any JSON value, keys in order or not', () => {
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return '[' + v.map(reference).join(',') + ']';
      if (v !== null && typeof v === 'object') {
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record)
          .sort()
          .filter((k) => record[k] !== undefined);
        return '{' + keys.map((k) => JSON.stringify(k) + ':' + reference(record[k])).join(',') + '}';
      }
      return JSON.stringify(v);
    };
    const withIntegerKeys = fc.dictionary(
      fc.oneof(fc.string(), fc.nat({ max: 20 }).map(String)),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), withIntegerKeys), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});

describe('hashEvent', () => {
  const fields = {
    streamId: 'cycle-2020',
    revision: 1,
    type: 'StepOpened',
    data: { step: 'registration', dueAt: '2020-02-15' },
    metadata: { eventId: 'e1', actor: { userId: 'u', role: 'cluster-leader' } },
    prevHash: 'ab'.repeat(32),
  };

  it('is sha256 hex of the canonical form of the six fields', () => {
    const expected = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    expect(hashEvent(fields)).toBe(expected);
  });

  // Known answers, fixed once so that a change to the canonical form or the digest cannot go unseen
  // (the test above recomputes the hash with the same code it checks). Each canonical text was typed
  // by hand from the rules at the top of hash-chain.ts (keys sorted at every depth, no whitespace,
  // prevHash null on revision 0) and hashed outside the project, twice, with the same result:
  //   node -e "console.log(require('crypto').createHash('sha256').update('<canonical text>', 'utf8').digest('hex'))"
  //   printf '%s' '<canonical text>' | sha256sum
  it.each([
    [
      'a later event, keys given out of order, non-ASCII text',
      {
        streamId: 'cycle-cum-2-2020',
        revision: 1,
        type: 'StepOpened',
        data: { step: 'registration', note: 'Thi đua' },
        metadata: { eventId: 'e1', actor: { userId: 'u', role: 'cluster-leader' } },
        prevHash: 'abababababababababababababababababababababababababababababababab',
      },
      '{"data":{"note":"Thi đua","step":"registration"},"metadata":{"actor":{"role":"cluster-leader","userId":"u"},"eventId":"e1"},' +
        '"prevHash":"abababababababababababababababababababababababababababababababab","revision":1,"streamId":"cycle-cum-2-2020","type":"StepOpened"}',
      'ce8f2f39cdd25af40a818921fc884a671999277a8a98a4b4474a67565e64ae6f',
    ],
    [
      'the first event of a stream',
      {
        streamId: 'cycle-cum-2-2020',
        revision: 0,
        type: 'CycleOpened',
        data: {},
        metadata: { eventId: 'e0' },
        prevHash: null,
      },
      '{"data":{},"metadata":{"eventId":"e0"},"prevHash":null,"revision":0,"streamId":"cycle-cum-2-2020","type":"CycleOpened"}',
      'bb36a006608db8357209067a568a9a47f6d915b9b47302881885c8478c301c03',
    ],
  ])('matches a known answer: %s', (_label, event, canonicalText, expectedHash) => {
    expect(canonicalJson(event)).toBe(canonicalText);
    expect(hashEvent(event)).toBe(expectedHash);
    expect(
      hashCanonicalEvent({
        ...event,
        dataJson: canonicalJson(event.data),
        metadataJson: canonicalJson(event.metadata),
      }),
    ).toBe(expectedHash);
  });

  it('equals hashCanonicalEvent given the canonical text of data and metadata', () => {
    const viaText = hashCanonicalEvent({
      ...fields,
      dataJson: canonicalJson(fields.data),
      metadataJson: canonicalJson(fields.metadata),
    });
    expect(viaText).toBe(hashEvent(fields));
    const first = { ...fields, revision: 0, prevHash: null };
    expect(
      hashCanonicalEvent({
        ...first,
        dataJson: canonicalJson(first.data),
        metadataJson: canonicalJson(first.metadata),
      }),
    ).toBe(createHash('sha256').update(canonicalJson(first)).digest('hex'));
  });

  it('changes when any covered field changes', () => {
    const base = hashEvent(fields);
    const variants = [
      { ...fields, streamId: 'cycle-2021' },
      { ...fields, revision: 2 },
      { ...fields, type: 'StepClosed' },
      { ...fields, data: { ...fields.data, step: 'review' } },
      { ...fields, metadata: { ...fields.metadata, eventId: 'e2' } },
      { ...fields, prevHash: 'cd'.repeat(32) },
    ];
    for (const variant of variants) expect(hashEvent(variant)).not.toBe(base);
  });
});

describe('verifyChain', () => {
  function chain(streamId: string, count: number): ChainedEvent[] {
    const events: ChainedEvent[] = [];
    let prevHash: string | null = null;
    for (let revision = 0; revision < count; revision++) {
      const fields = {
        streamId,
        revision,
        type: 'Counted',
        data: { revision },
        metadata: { eventId: `${streamId}-${revision}` },
        prevHash,
      };
      const hash = hashEvent(fields);
      events.push({ ...fields, hash });
      prevHash = hash;
    }
    return events;
  }

  it('accepts interleaved streams, each in revision order', () => {
    const [a, b] = [chain('a', 3), chain('b', 2)];
    expect(verifyChain([a[0], b[0], a[1], b[1], a[2]])).toEqual({ ok: true, checkedEvents: 5 });
  });

  it('accepts a partial read that starts after revision 0', () => {
    expect(verifyChain(chain('a', 5).slice(2)).ok).toBe(true);
  });

  it('reports altered data at the altered event', () => {
    const events = chain('a', 4);
    events[2] = { ...events[2], data: { revision: 99 } };
    expect(verifyChain(events)).toEqual({
      ok: false,
      checkedEvents: 2,
      firstBroken: { index: 2, streamId: 'a', revision: 2, reason: 'hash does not match its content' },
    });
  });

  it('reports an event removed from the middle of a stream', () => {
    const events = chain('a', 4);
    expect(verifyChain([events[0], events[1], events[3]]).firstBroken).toMatchObject({ index: 2, revision: 3 });
  });

  it('reports an event re-hashed after alteration, because the next one no longer links to it', () => {
    const events = chain('a', 3);
    const altered = { ...events[1], data: { revision: 7 } };
    altered.hash = hashEvent(altered);
    expect(verifyChain([events[0], altered, events[2]]).firstBroken).toMatchObject({
      index: 2,
      reason: 'prevHash is not the hash of the previous event',
    });
  });

  it('reports a first event that claims a predecessor', () => {
    const [first] = chain('a', 1);
    const claimed = { ...first, prevHash: 'ff'.repeat(32) };
    claimed.hash = hashEvent(claimed);
    expect(verifyChain([claimed]).firstBroken?.reason).toMatch(/first event/);
  });
});
