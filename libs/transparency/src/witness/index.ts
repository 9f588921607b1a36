/**
 * The auditor's browser as a witness: it keeps the last checkpoint it accepted and checks each new
 * one against it. Pure TypeScript on WebCrypto only (`crypto.subtle`: SHA-256 and Ed25519), no
 * Node module, so the web app imports it as is; Node 20 runs the same code in its tests.
 *
 * Use (the auditor page): keep `trusted` (the last accepted note) in localStorage; on each visit
 * and every minute fetch `GET /api/v1/audit/log-key` once (pin its `verifierKey` the first time),
 * `GET /api/v1/audit/checkpoint`, and, when the size grew, `GET /api/v1/audit/proofs/consistency
 * ?from=<trusted size>&to=<new size>`; call `witnessCheckpoint`. On `{ ok: true }` store the new
 * note; on `{ ok: false }` show the alarm with `reason` and keep the old note (it is the evidence).
 */

export interface WitnessedCheckpoint {
  origin: string;
  size: number;
  /** base64 root hash. */
  root: string;
}

export type WitnessResult =
  | { ok: true; checkpoint: WitnessedCheckpoint; grew: boolean }
  | { ok: false; reason: string; alarm: 'bad-signature' | 'rewritten' | 'malformed' };

export interface WitnessInput {
  /** The verifier key (vkey) the auditor pinned. */
  verifierKey: string;
  /** The last note this browser accepted, if any. */
  trusted?: string;
  /** The note just fetched. */
  latest: string;
  /** `hashes` of the consistency proof from the trusted size to the latest (base64). */
  consistency?: readonly string[];
}

const subtle = () => globalThis.crypto.subtle;

/** Bytes on an ArrayBuffer: what the DOM's WebCrypto types take (a Node Buffer may sit on a shared one). */
type Bytes = Uint8Array<ArrayBuffer>;

export async function witnessCheckpoint(input: WitnessInput): Promise<WitnessResult> {
  let latest: WitnessedCheckpoint;
  try {
    latest = await openSignedCheckpoint(input.latest, input.verifierKey);
  } catch (error) {
    return { ok: false, alarm: 'bad-signature', reason: `Điểm kiểm tra mới không hợp lệ: ${(error as Error).message}` };
  }
  if (input.trusted === undefined) return { ok: true, checkpoint: latest, grew: true };
  let trusted: WitnessedCheckpoint;
  try {
    trusted = await openSignedCheckpoint(input.trusted, input.verifierKey);
  } catch (error) {
    return { ok: false, alarm: 'malformed', reason: `Điểm kiểm tra đã lưu không hợp lệ: ${(error as Error).message}` };
  }
  if (trusted.origin !== latest.origin)
    return { ok: false, alarm: 'rewritten', reason: `Nhật ký khác: "${latest.origin}" thay cho "${trusted.origin}"` };
  if (latest.size < trusted.size) {
    return {
      ok: false,
      alarm: 'rewritten',
      reason: `Nhật ký bị rút ngắn: ${latest.size} sự kiện, trước đây đã có ${trusted.size}`,
    };
  }
  if (latest.size === trusted.size) {
    return latest.root === trusted.root
      ? { ok: true, checkpoint: latest, grew: false }
      : {
          ok: false,
          alarm: 'rewritten',
          reason: `Hai gốc khác nhau cho cùng ${latest.size} sự kiện: lịch sử đã bị viết lại`,
        };
  }
  const proof = (input.consistency ?? []).map(fromBase64);
  const why = await verifyConsistency(
    trusted.size,
    latest.size,
    proof,
    fromBase64(trusted.root),
    fromBase64(latest.root),
  );
  return why === undefined
    ? { ok: true, checkpoint: latest, grew: true }
    : { ok: false, alarm: 'rewritten', reason: `Lịch sử trước ${trusted.size} sự kiện đã bị thay đổi (${why})` };
}

/** Verifies a C2SP signed note's Ed25519 signature by `vkey` and parses its checkpoint body. */
export async function openSignedCheckpoint(note: string, vkey: string): Promise<WitnessedCheckpoint> {
  // The base64 key may hold '+' itself: split on the first two only.
  const [name, id, ...rest] = vkey.trim().split('+');
  const encoded = rest.join('+');
  const raw = encoded ? fromBase64(encoded) : new Uint8Array();
  if (!name || !id || raw.length !== 33 || raw[0] !== 1) throw new Error('khóa kiểm tra không phải khóa Ed25519');
  const publicKey = raw.slice(1);
  const expectedId = (await sha256(concat(utf8(name), new Uint8Array([0x0a, 0x01]), publicKey))).slice(0, 4);
  if (hex(expectedId) !== id) throw new Error('mã khóa không khớp với khóa');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('không phải ghi chú có chữ ký');
  const text = note.slice(0, split + 1);
  const key = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  let verified = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^— (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const blob = fromBase64(match[2]!);
    if (blob.length !== 68 || hex(blob.slice(0, 4)) !== id) continue;
    verified = await subtle().verify({ name: 'Ed25519' }, key, blob.slice(4), utf8(text));
    if (verified) break;
  }
  if (!verified) throw new Error('chữ ký không hợp lệ');
  const [origin, size, root, end] = text.split('\n');
  if (
    !origin ||
    !size ||
    !/^(0|[1-9]\d*)$/.test(size) ||
    !root ||
    fromBase64(root).length !== 32 ||
    end === undefined
  ) {
    throw new Error('nội dung điểm kiểm tra sai định dạng');
  }
  if (origin !== name) throw new Error(`điểm kiểm tra của nhật ký "${origin}", không phải "${name}"`);
  return { origin, size: Number(size), root };
}

/** RFC 9162 section 2.1.4.2; the reason it fails, or undefined. */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<string | undefined> {
  if (!(size1 > 0 && size1 < size2)) return 'kích thước không hợp lệ';
  const path = [...proof];
  if ((size1 & (size1 - 1)) === 0) path.unshift(root1);
  if (path.length === 0) return 'bằng chứng rỗng';
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return 'bằng chứng quá dài';
    if (fn % 2 === 1 || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return 'bằng chứng quá ngắn';
  if (hex(fr) !== hex(root1)) return 'gốc cũ không khớp';
  if (hex(sr) !== hex(root2)) return 'gốc mới không khớp';
  return undefined;
}

async function node(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

async function sha256(bytes: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function utf8(text: string): Bytes {
  return new TextEncoder().encode(text);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromBase64(text: string): Bytes {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
