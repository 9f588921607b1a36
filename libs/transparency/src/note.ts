/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, and the tlog-checkpoint body
 * (https://c2sp.org/tlog-checkpoint). node:crypto only.
 *
 * - key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key);
 * - verifier key ("vkey"): `<name>+<key id, 8 hex digits>+<base64(0x01 ‖ public key)>`;
 * - signer key (kept secret): `PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ 32-byte seed)>`;
 * - a note: its text (ending in a newline), an empty line, then one line per signature
 *   `— <name> <base64(key id ‖ 64-byte signature)>`, the signature being over the text.
 * - a checkpoint's text: `<origin>\n<tree size, decimal>\n<base64 root hash>\n`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

const ED25519 = 0x01;
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_NAME = /^[^\s+]+$/;

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  verifierKey: string;
  sign(text: string): string;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export function keyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** A new signer key in the `PRIVATE+KEY+…` form, for a log called `name`. */
export function generateSignerKey(name: string): string {
  if (!KEY_NAME.test(name)) throw new Error(`key name "${name}" must be non-empty, without spaces or "+"`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const pub = rawPublicKey(privateKey);
  return `PRIVATE+KEY+${name}+${keyId(name, pub).toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

/** The signer of a `PRIVATE+KEY+…` string; throws naming what is wrong with it. */
export function noteSigner(signerKey: string): NoteSigner {
  const parts = splitKey(signerKey, 5);
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY')
    throw new Error('signer key must read PRIVATE+KEY+<name>+<id>+<key>');
  const [, , name, id, encoded] = parts as [string, string, string, string, string];
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('signer key is not an Ed25519 key');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, raw.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const pub = rawPublicKey(privateKey);
  const kid = keyId(name, pub);
  if (kid.toString('hex') !== id) throw new Error('signer key id does not match its key');
  return {
    name,
    keyId: kid,
    verifierKey: `${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), pub]).toString('base64')}`,
    sign(text: string): string {
      if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
      const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
      return `${text}\n— ${name} ${Buffer.concat([kid, signature]).toString('base64')}\n`;
    },
  };
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

/** Parses a vkey; throws naming what is wrong with it. */
export function noteVerifier(vkey: string): NoteVerifier {
  const parts = splitKey(vkey, 3);
  if (parts.length !== 3) throw new Error('verifier key must read <name>+<id>+<key>');
  const [name, id, encoded] = parts as [string, string, string];
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('verifier key is not an Ed25519 key');
  const pub = raw.subarray(1);
  if (keyId(name, pub).toString('hex') !== id) throw new Error('verifier key id does not match its key');
  return {
    name,
    keyId: Buffer.from(id, 'hex'),
    publicKey: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pub]), format: 'der', type: 'spki' }),
  };
}

/** The text of a note whose signature by `verifier` verifies; throws naming why not. */
export function openNote(note: string, verifier: NoteVerifier): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note (no empty line before the signatures)');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let sawName = false;
  for (const line of lines) {
    const match = /^— (\S+) (\S+)$/.exec(line);
    if (!match) throw new Error(`malformed signature line "${line}"`);
    if (match[1] !== verifier.name) continue;
    sawName = true;
    const blob = Buffer.from(match[2]!, 'base64');
    if (blob.length !== 68 || !blob.subarray(0, 4).equals(verifier.keyId)) continue;
    if (verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, blob.subarray(4))) return text;
    throw new Error(
      `the signature of "${verifier.name}" does not verify: the note was altered or signed by another key`,
    );
  }
  throw new Error(
    sawName
      ? `no signature by this key of "${verifier.name}" (another key of the same name signed it)`
      : `no signature by "${verifier.name}"`,
  );
}

export function checkpointText(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n`;
}

/** Parses a checkpoint's text (the signed part of the note); throws naming what is wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new Error('a checkpoint has an origin, a size and a root hash, one per line');
  const [origin, size, root] = lines as [string, string, string];
  if (origin === '') throw new Error('checkpoint origin is empty');
  if (!/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new Error(`checkpoint size "${size}" is not a decimal integer`);
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== root)
    throw new Error('checkpoint root is not a base64 SHA-256 hash');
  return { origin, size: Number(size), root: hash };
}

/** Verifies a signed checkpoint note against a verifier key and returns it. */
export function openCheckpoint(note: string, vkey: string | NoteVerifier): Checkpoint {
  const verifier = typeof vkey === 'string' ? noteVerifier(vkey) : vkey;
  return parseCheckpoint(openNote(note, verifier));
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url');
}

/** Splits on the first `count - 1` plus signs only: the base64 key at the end may hold '+' itself. */
function splitKey(key: string, count: number): string[] {
  const parts: string[] = [];
  let rest = key.trim();
  while (parts.length < count - 1) {
    const at = rest.indexOf('+');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}
