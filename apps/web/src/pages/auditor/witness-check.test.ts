/**
 * The browser witness's decision and what it keeps, on real signed notes (Ed25519 through Node's
 * crypto, verified by the witness through WebCrypto) over trees of three small logs.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noteSize, readKept, WITNESS_KEY, witnessOnce, type WitnessSources } from './witness-check';

const ORIGIN = 'thidua.test/log';
const sha256 = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A C2SP signer: its verifier key and a function signing a checkpoint. */
function signer(name = ORIGIN): { vkey: string; note(size: number, root: Buffer): string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = sha256(Buffer.from(name), Buffer.from([0x0a, 0x01]), raw).subarray(0, 4);
  const signed = (text: string, key: KeyObject) => Buffer.concat([id, sign(null, Buffer.from(text), key)]);
  return {
    vkey: `${name}+${id.toString('hex')}+${b64(Buffer.concat([Buffer.from([1]), raw]))}`,
    note: (size, root) => {
      const text = `${ORIGIN}\n${size}\n${b64(root)}\n`;
      return `${text}\n— ${name} ${b64(signed(text, privateKey))}\n`;
    },
  };
}

/** Roots of the first 1, 2 and 3 leaves of a log, and the consistency proofs 1→2, 2→3, 1→3 (RFC 6962). */
function log(events: string[]) {
  const [a, b, c] = events.map((e) => sha256(Buffer.from([0]), Buffer.from(e)));
  const node = (l: Buffer, r: Buffer) => sha256(Buffer.from([1]), l, r);
  const ab = node(a!, b!);
  return {
    roots: { 1: a!, 2: ab, 3: node(ab, c!) } as Record<number, Buffer>,
    proofs: { '1-2': [b!], '2-3': [c!], '1-3': [b!, c!] } as Record<string, Buffer[]>,
  };
}

const honest = log(['e0', 'e1', 'e2']);
const rewritten = log(['e0, rewritten', 'e1', 'e2']);

/** A server answering from one log with one key, counting what it was asked. */
function server(key: ReturnType<typeof signer>, tree: ReturnType<typeof log>, size: number, vkey = key.vkey) {
  const asked: string[] = [];
  const sources: WitnessSources = {
    logKey: async () => (asked.push('log-key'), { origin: ORIGIN, verifierKey: vkey }),
    checkpoint: async () => (asked.push('checkpoint'), key.note(size, tree.roots[size]!)),
    consistency: async (from, to) => (
      asked.push(`consistency ${from}-${to}`),
      { hashes: (tree.proofs[`${from}-${to}`] ?? []).map(b64) }
    ),
  };
  return { sources, asked };
}

function memoryStorage(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[WITNESS_KEY, initial]]);
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

const at = (iso: string) => () => new Date(iso);

describe('the browser witness', () => {
  const key = signer();

  it('pins the key and keeps the first checkpoint, then accepts each one that extends it, asking for the proof', async () => {
    const storage = memoryStorage();
    const first = server(key, honest, 1);
    await expect(witnessOnce(first.sources, storage, at('2026-03-02T01:00:00Z'))).resolves.toEqual({
      kind: 'ok',
      size: 1,
      checkedAt: '2026-03-02T01:00:00.000Z',
    });
    expect(first.asked).toEqual(['log-key', 'checkpoint']);
    expect(readKept(storage)).toEqual({
      origin: ORIGIN,
      verifierKey: key.vkey,
      note: key.note(1, honest.roots[1]!),
      size: 1,
      checkedAt: '2026-03-02T01:00:00.000Z',
    });

    const grown = server(key, honest, 3);
    await expect(witnessOnce(grown.sources, storage, at('2026-03-02T01:01:00Z'))).resolves.toMatchObject({
      kind: 'ok',
      size: 3,
    });
    expect(grown.asked).toEqual(['log-key', 'checkpoint', 'consistency 1-3']);
    expect(readKept(storage)).toMatchObject({ size: 3, note: key.note(3, honest.roots[3]!) });

    const same = server(key, honest, 3);
    await expect(witnessOnce(same.sources, storage, at('2026-03-02T01:02:00Z'))).resolves.toEqual({
      kind: 'ok',
      size: 3,
      checkedAt: '2026-03-02T01:02:00.000Z',
    });
    expect(same.asked).toEqual(['log-key', 'checkpoint']);
  });

  it('raises the alarm for a rewritten history, of the same size or grown, and keeps the old note untouched', async () => {
    const keptNote = key.note(2, honest.roots[2]!);
    const kept = JSON.stringify({ origin: ORIGIN, verifierKey: key.vkey, note: keptNote, size: 2, checkedAt: 'x' });
    for (const [size, why] of [
      [2, /Hai gốc khác nhau cho cùng 2 sự kiện/],
      [3, /Lịch sử trước 2 sự kiện đã bị thay đổi/],
      [1, /Nhật ký bị rút ngắn: 1 sự kiện, trước đây đã có 2/],
    ] as const) {
      const storage = memoryStorage(kept);
      const forged = server(key, rewritten, size);
      const state = await witnessOnce(forged.sources, storage, at('2026-03-02T02:00:00Z'));
      expect(state).toMatchObject({
        kind: 'alarm',
        alarm: 'rewritten',
        reason: expect.stringMatching(why),
        kept: { size: 2, note: keptNote },
        refused: { size, note: key.note(size, rewritten.roots[size]!) },
        checkedAt: '2026-03-02T02:00:00.000Z',
      });
      expect(storage.getItem(WITNESS_KEY)).toBe(kept);
    }
  });

  it('raises the alarm when the key changed, without trusting anything the new key signs', async () => {
    const storage = memoryStorage();
    await witnessOnce(server(key, honest, 1).sources, storage);
    const before = storage.getItem(WITNESS_KEY);
    const other = signer();
    const rekeyed = server(other, rewritten, 1);
    await expect(witnessOnce(rekeyed.sources, storage)).resolves.toMatchObject({
      kind: 'alarm',
      alarm: 'key-changed',
      reason: expect.stringContaining(other.vkey),
    });
    expect(rekeyed.asked).toEqual(['log-key']);
    // The key route still says the pinned key, but the checkpoint is signed by another.
    const lying = server(other, honest, 1, key.vkey);
    await expect(witnessOnce(lying.sources, storage)).resolves.toMatchObject({
      kind: 'alarm',
      alarm: 'bad-signature',
      reason: expect.stringMatching(/^Điểm kiểm tra mới không hợp lệ/),
    });
    expect(storage.getItem(WITNESS_KEY)).toBe(before);
  });

  it('never overwrites what it cannot read, and keeps the note when the server cannot be reached', async () => {
    const garbled = memoryStorage('{"note":');
    const state = await witnessOnce(server(key, honest, 1).sources, garbled);
    expect(state).toMatchObject({ kind: 'alarm', alarm: 'unreadable' });
    expect(garbled.getItem(WITNESS_KEY)).toBe('{"note":');

    const storage = memoryStorage();
    await witnessOnce(server(key, honest, 2).sources, storage);
    const before = storage.getItem(WITNESS_KEY);
    const down = server(key, honest, 3);
    down.sources.consistency = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(witnessOnce(down.sources, storage)).rejects.toThrow('Failed to fetch');
    expect(storage.getItem(WITNESS_KEY)).toBe(before);
  });

  it("reads a note's size before its signature is checked, and nothing else as one", () => {
    expect(noteSize(`${ORIGIN}\n42\nAAAA\n\n— sig\n`)).toBe(42);
    for (const bad of ['', ORIGIN, `${ORIGIN}\n-1\n`, `${ORIGIN}\n042\n`, `${ORIGIN}\n1e3\n`]) {
      expect(noteSize(bad)).toBeUndefined();
    }
  });
});
