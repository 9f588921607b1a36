/**
 * The auditor's browser as a witness of the signed log (docs/transparency-log.md, section 8): what
 * it keeps in localStorage and what it decides on each look. The verifier key is pinned the first
 * time; after that a checkpoint is accepted only if `witnessCheckpoint` finds it signed by the pinned
 * key and extending the kept one. A refused checkpoint never replaces the kept one: that note and
 * the refused one are the evidence. No React here, so the decision is tested on its own.
 */
import { witnessCheckpoint, type WitnessResult } from '#transparency/witness';

export const WITNESS_KEY = 'thidua.witness';

/** What the browser keeps: the pinned key and the last checkpoint it accepted. */
export interface KeptCheckpoint {
  origin: string;
  verifierKey: string;
  /** The signed note, as the server sent it. */
  note: string;
  size: number;
  /** When it was last found consistent (ISO instant). */
  checkedAt: string;
}

export type WitnessAlarm = Extract<WitnessResult, { ok: false }>['alarm'] | 'key-changed' | 'unreadable';

export type WitnessState =
  | { kind: 'ok'; size: number; checkedAt: string }
  | {
      kind: 'alarm';
      alarm: WitnessAlarm;
      /** The witness's own sentence (Vietnamese). */
      reason: string;
      kept?: KeptCheckpoint;
      /** The checkpoint refused, when there was one. */
      refused?: { note: string; size?: number };
      checkedAt: string;
    }
  /** This browser cannot verify Ed25519 signatures (or not outside HTTPS): no verdict, no alarm. */
  | { kind: 'unsupported' };

export interface WitnessSources {
  logKey(): Promise<{ origin: string; verifierKey: string }>;
  checkpoint(): Promise<string>;
  consistency(from: number, to: number): Promise<{ hashes: string[] }>;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The kept checkpoint; `'unreadable'` when something is stored that is not one (never overwritten). */
export function readKept(storage: KeyValueStore): KeptCheckpoint | undefined | 'unreadable' {
  const text = storage.getItem(WITNESS_KEY);
  if (text === null) return undefined;
  try {
    const kept = JSON.parse(text) as Partial<KeptCheckpoint>;
    const fields = [kept.origin, kept.verifierKey, kept.note, kept.checkedAt];
    if (fields.every((f) => typeof f === 'string') && Number.isSafeInteger(kept.size)) return kept as KeptCheckpoint;
  } catch {
    /* falls through */
  }
  return 'unreadable';
}

/** The tree size on a note's second line (C2SP checkpoint), before its signature is checked. */
export function noteSize(note: string): number | undefined {
  const line = note.split('\n')[1] ?? '';
  return /^(0|[1-9]\d{0,15})$/.test(line) ? Number(line) : undefined;
}

/**
 * One look: the log's key, the latest checkpoint and, when the log grew past the kept size, the
 * consistency proof between the two; the verdict, with the new checkpoint kept only if accepted.
 * A failed fetch throws (the caller shows it as a connection problem, not as an alarm).
 */
export async function witnessOnce(
  sources: WitnessSources,
  storage: KeyValueStore,
  now: () => Date = () => new Date(),
): Promise<WitnessState> {
  const kept = readKept(storage);
  const checkedAt = () => now().toISOString();
  if (kept === 'unreadable')
    return {
      kind: 'alarm',
      alarm: 'unreadable',
      reason: 'Điểm kiểm tra lưu trong trình duyệt này không đọc được',
      checkedAt: checkedAt(),
    };
  const key = await sources.logKey();
  if (kept && (kept.verifierKey !== key.verifierKey || kept.origin !== key.origin)) {
    return {
      kind: 'alarm',
      alarm: 'key-changed',
      reason: `Máy chủ đưa khóa kiểm tra "${key.verifierKey}" thay cho khóa đã ghim "${kept.verifierKey}"`,
      kept,
      checkedAt: checkedAt(),
    };
  }
  const pinned = kept ?? key;
  const latest = await sources.checkpoint();
  const latestSize = noteSize(latest);
  const consistency =
    kept && latestSize !== undefined && latestSize > kept.size
      ? (await sources.consistency(kept.size, latestSize)).hashes
      : undefined;
  const result = await witnessCheckpoint({
    verifierKey: pinned.verifierKey,
    ...(kept ? { trusted: kept.note } : {}),
    latest,
    ...(consistency ? { consistency } : {}),
  });
  if (!result.ok)
    return {
      kind: 'alarm',
      alarm: result.alarm,
      reason: result.reason,
      ...(kept ? { kept } : {}),
      refused: { note: latest, ...(latestSize === undefined ? {} : { size: latestSize }) },
      checkedAt: checkedAt(),
    };
  const accepted: KeptCheckpoint = {
    origin: pinned.origin,
    verifierKey: pinned.verifierKey,
    note: latest,
    size: result.checkpoint.size,
    checkedAt: checkedAt(),
  };
  storage.setItem(WITNESS_KEY, JSON.stringify(accepted));
  return { kind: 'ok', size: accepted.size, checkedAt: accepted.checkedAt };
}

/** RFC 8032's first test vector's public key: importing it tells whether WebCrypto knows Ed25519 here. */
const PROBE_KEY = Uint8Array.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g)!,
  (h) => parseInt(h, 16),
);

/** Whether this browser can check the log's signatures (WebCrypto exists only in secure contexts). */
export async function canWitness(): Promise<boolean> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return false;
  try {
    await subtle.importKey('raw', PROBE_KEY, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}
