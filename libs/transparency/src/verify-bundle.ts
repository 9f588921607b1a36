/**
 * The offline verifier of an audit bundle: trusts nothing but the verifier key (and, with
 * `since`, an older checkpoint the auditor kept). Usable as a library; `scripts/verify.ts` is its
 * command line. The checks, in order, stopping at the first failure:
 *
 * 1. the bundle's checkpoint is signed by the key, for the key's origin;
 * 2. the older checkpoint (if given) is signed by the same key, is not larger, and the bundle's
 *    consistency proof shows the older tree is a prefix of the bundle's;
 * 3. every event's hash is its content's (`hashEvent`), its leaf is `leafBytes(event)`, leaf
 *    indices grow with positions, and its inclusion proof leads to the checkpoint's root;
 * 4. every stream's hash chain is whole from revision 0;
 * 5. the domain's own rules, re-run on the events, give what the log recorded: the locked
 *    standings (`computeStandings` over the unit streams at the revisions the lock read) and each
 *    closed vote's results (`tallyBallots` + `voteResults` over the deposited ballots).
 */
import {
  computeStandings,
  cycleStreamName,
  evolveCycle,
  foldUnit,
  initialCycleState,
  localTime,
  parseStreamName,
  tallyBallots,
  voteResults,
  type CycleConfig,
  type CycleEvent,
  type CycleState,
  type ScoresLocked,
  type UnitEvent,
  type UnitState,
  type VoteClosed,
  type Words,
} from '#domain';
import { hashEvent, verifyChain, type RecordedEvent } from '#event-store';
import { isDeepStrictEqual } from 'node:util';
import type { AuditBundle } from './bundle.js';
import { leafBytes } from './leaf.js';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { noteVerifier, openCheckpoint, type Checkpoint } from './note.js';

export interface VerifyOptions {
  /** The verifier key the auditor trusts; default the bundle's own (then only self-consistency is shown). */
  key?: string;
  /** An older signed checkpoint note the auditor kept. */
  since?: string;
}

export interface VerifyReport {
  ok: boolean;
  /** The first check that failed, in words: Vietnamese for the auditor, English beside it. */
  failure?: Words;
  checkpoint?: Checkpoint;
  checkedEvents: number;
  /** What the domain recomputed (present when every check passed). */
  recomputed?: { ranking?: string[]; votes: { round: number; results: VoteClosed['data']['results'] }[] };
  /** The key came from the bundle itself: say so to the auditor. */
  keyFromBundle: boolean;
}

class Failure extends Error {
  constructor(readonly words: Words) {
    super(words.en);
  }
}

/** A failure in both languages; `detail` (the proof's or parser's own words, English) follows each. */
const fail = (vi: string, en: string, detail?: string): never => {
  throw new Failure(detail === undefined ? { vi, en } : { vi: `${vi} (chi tiết: ${detail})`, en: `${en}: ${detail}` });
};

/** A checkpoint that does not open: the signature's usual faults in Vietnamese, any other with its own words. */
function signatureFailure(vi: string, en: string, why: string): never {
  const name = /"([^"]+)"/.exec(why)?.[1] ?? '';
  if (why.startsWith('no signature by this key'))
    return fail(`${vi} không có chữ ký của khóa kiểm tra đã cho (một khóa khác cùng tên "${name}" đã ký)`, en, why);
  if (why.startsWith('no signature by'))
    return fail(`${vi} không có chữ ký của sổ nhật ký "${name}" mà khóa kiểm tra đã cho thuộc về`, en, why);
  if (why.includes('does not verify'))
    return fail(`${vi}: chữ ký không đúng, điểm kiểm tra đã bị sửa hoặc do khóa khác ký`, en, why);
  return fail(`${vi} không hợp lệ`, en, why);
}

/** What the bundle says of its cycle, to name units and show instants as people read them. */
export interface BundleNames {
  cycle?: Pick<CycleConfig, 'clusterName' | 'year' | 'timeZone'>;
  unitName(unitId: string): string;
  /** `HH:mm ngày dd/mm/yyyy` in the cycle's zone (Asia/Ho_Chi_Minh when the bundle does not say). */
  at(instant: string): Words;
}

export function bundleNames(bundle: Pick<AuditBundle, 'cycleId' | 'events'>): BundleNames {
  const stream = cycleStreamName(bundle.cycleId);
  const opened = (Array.isArray(bundle.events) ? bundle.events : []).find(
    (item) => item?.event?.streamId === stream && item.event.type === 'CycleOpened',
  )?.event.data as Partial<CycleConfig> | undefined;
  const names = new Map<string, string>();
  for (const unit of Array.isArray(opened?.units) ? opened.units : [])
    if (typeof unit?.id === 'string' && typeof unit.name === 'string') names.set(unit.id, unit.name);
  const timeZone = typeof opened?.timeZone === 'string' ? opened.timeZone : 'Asia/Ho_Chi_Minh';
  const cycle =
    opened && typeof opened.clusterName === 'string' && typeof opened.year === 'number'
      ? { clusterName: opened.clusterName, year: opened.year, timeZone }
      : undefined;
  return {
    ...(cycle ? { cycle } : {}),
    unitName: (unitId) => names.get(unitId) ?? unitId,
    at: (instant) => localTime(instant, timeZone),
  };
}

/** `, lúc HH:mm ngày dd/mm/yyyy` of an event's instant, or nothing when it has none readable. */
function atOf(e: RecordedEvent | undefined, names: BundleNames): string {
  const occurredAt = (e?.metadata as { occurredAt?: unknown } | undefined)?.occurredAt;
  return typeof occurredAt === 'string' && !Number.isNaN(Date.parse(occurredAt))
    ? `, lúc ${names.at(occurredAt).vi}`
    : '';
}

/** An event as the auditor finds it: whose stream, which revision and position, when. */
function eventWhere(i: number, e: RecordedEvent | undefined, cycleId: string, names: BundleNames): Words {
  const parsed = typeof e?.streamId === 'string' ? parseStreamName(e.streamId) : undefined;
  const whose =
    e?.streamId === cycleStreamName(cycleId)
      ? 'của đợt thi đua'
      : parsed?.kind === 'unit'
        ? `của đơn vị ${names.unitName(parsed.unitId)}`
        : `luồng ${e?.streamId}`;
  return {
    vi: `sự kiện thứ ${i + 1} (${whose}, phiên bản ${e?.revision}, vị trí ${e?.position}${atOf(e, names)})`,
    en: `event ${i} (${e?.streamId} revision ${e?.revision}, position ${e?.position})`,
  };
}

export function verifyBundle(bundle: AuditBundle, options: VerifyOptions = {}): VerifyReport {
  let checked = 0;
  let checkpoint: Checkpoint | undefined;
  try {
    if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.events))
      fail('không phải gói kiểm toán (không có danh sách sự kiện)', 'not an audit bundle (no events list)');
    const names = bundleNames(bundle);
    const vkey = options.key ?? bundle.verifierKey;
    let verifier;
    try {
      verifier = noteVerifier(vkey);
    } catch (error) {
      fail('khóa kiểm tra không đọc được', 'verifier key', (error as Error).message);
    }
    try {
      checkpoint = openCheckpoint(bundle.checkpoint, verifier!);
    } catch (error) {
      signatureFailure('điểm kiểm tra của gói', 'bundle checkpoint', (error as Error).message);
    }
    const cp = checkpoint!;
    if (cp.origin !== verifier!.name)
      fail(
        `điểm kiểm tra của gói thuộc sổ nhật ký "${cp.origin}", không phải sổ "${verifier!.name}" của khóa kiểm tra`,
        `bundle checkpoint: origin "${cp.origin}" is not the key's log "${verifier!.name}"`,
      );

    if (options.since !== undefined) {
      let old: Checkpoint;
      try {
        old = openCheckpoint(options.since, verifier!);
      } catch (error) {
        return signatureFailure('điểm kiểm tra cũ', 'older checkpoint', (error as Error).message);
      }
      if (old.origin !== cp.origin)
        fail(
          `điểm kiểm tra cũ thuộc sổ nhật ký "${old.origin}", gói thuộc sổ "${cp.origin}"`,
          `older checkpoint is of log "${old.origin}", the bundle of "${cp.origin}"`,
        );
      if (old.size > cp.size)
        fail(
          `sổ nhật ký đã bị rút ngắn: điểm kiểm tra cũ có ${old.size} sự kiện, gói chỉ có ${cp.size}`,
          `the log shrank: the older checkpoint has ${old.size} events, the bundle's ${cp.size}`,
        );
      if (old.size === cp.size) {
        if (!old.root.equals(cp.root))
          fail(
            `hai điểm kiểm tra cùng ${cp.size} sự kiện mà gốc khác nhau: lịch sử sổ nhật ký đã bị viết lại`,
            `two checkpoints of size ${cp.size} with different roots: history was rewritten`,
          );
      } else {
        const proof = bundle.consistency;
        if (!proof || proof.from !== old.size || proof.to !== cp.size) {
          fail(
            `gói không có bằng chứng nhất quán từ ${old.size} đến ${cp.size} sự kiện: hãy tải lại gói với ?since=${old.size}`,
            `the bundle has no consistency proof from size ${old.size} to ${cp.size}: download it with ?since=${old.size}`,
          );
        }
        const why = verifyConsistency(
          old.size,
          cp.size,
          decodeHashes(proof!.hashes, { vi: 'bằng chứng nhất quán', en: 'consistency proof' }),
          old.root,
          cp.root,
        );
        if (why)
          fail(
            `không khớp với điểm kiểm tra cũ (${old.size} sự kiện): lịch sử trước đó đã bị sửa, xóa hoặc đổi thứ tự`,
            `consistency with the older checkpoint (size ${old.size}): ${why}: history before it was changed, removed or reordered`,
          );
      }
    }

    let previous: { position: number; leafIndex: number } | undefined;
    for (const [i, item] of bundle.events.entries()) {
      const e = item.event;
      // Named only when something fails: formatting every event's place and time costs.
      const where = () => eventWhere(i, e, bundle.cycleId, names);
      if (hashEvent(e) !== e.hash)
        fail(
          `${where().vi}: nội dung không khớp với mã băm của nó`,
          `${where().en}: its content does not match its hash`,
        );
      const leaf = leafBytes(e);
      if (leaf.toString('base64') !== item.leaf)
        fail(
          `${where().vi}: lá đi kèm không phải lá của sự kiện này`,
          `${where().en}: the bundled leaf is not this event's leaf`,
        );
      if (previous && !(e.position > previous.position && item.leafIndex > previous.leafIndex))
        fail(`${where().vi}: sai thứ tự trong sổ nhật ký`, `${where().en}: out of log order`);
      if (!(Number.isSafeInteger(item.leafIndex) && item.leafIndex < cp.size))
        fail(
          `${where().vi}: chỉ số lá ${item.leafIndex} không nằm dưới điểm kiểm tra`,
          `${where().en}: leaf index ${item.leafIndex} is not under the checkpoint`,
        );
      const why = verifyInclusion(
        leafHash(leaf),
        item.leafIndex,
        cp.size,
        decodeHashes(item.inclusion, { vi: `${where().vi}: bằng chứng có mặt`, en: `${where().en} inclusion proof` }),
        cp.root,
      );
      if (why) fail(`${where().vi}: bằng chứng có mặt trong sổ không đúng`, `${where().en}: inclusion proof`, why);
      previous = { position: e.position, leafIndex: item.leafIndex };
      checked++;
    }

    const events = bundle.events.map((item) => item.event);
    const chain = verifyChain(events);
    if (!chain.ok) {
      const broken = chain.firstBroken!;
      const where = eventWhere(broken.index, events[broken.index], bundle.cycleId, names);
      fail(
        `chuỗi mã băm bị đứt tại ${where.vi}`,
        `hash chain of ${broken.streamId} at revision ${broken.revision}`,
        broken.reason,
      );
    }
    const recomputed = recompute(bundle.cycleId, events, names);
    return { ok: true, checkpoint: cp, checkedEvents: checked, recomputed, keyFromBundle: options.key === undefined };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return {
      ok: false,
      failure: error.words,
      ...(checkpoint ? { checkpoint } : {}),
      checkedEvents: checked,
      keyFromBundle: options.key === undefined,
    };
  }
}

/** Re-runs the domain's scoring and tally over the events and compares with what was recorded. */
function recompute(
  cycleId: string,
  events: readonly RecordedEvent[],
  names: BundleNames,
): NonNullable<VerifyReport['recomputed']> {
  const cycleStream = cycleStreamName(cycleId);
  const unitEvents = new Map<string, RecordedEvent[]>();
  let cycle: CycleState = initialCycleState();
  let ranking: string[] | undefined;
  const votes: { round: number; results: VoteClosed['data']['results'] }[] = [];
  for (const event of events) {
    if (event.streamId !== cycleStream) {
      const parsed = parseStreamName(event.streamId);
      if (parsed?.kind !== 'unit' || parsed.cycleId !== cycleId)
        fail(
          `gói có sự kiện của luồng ${event.streamId}, không thuộc đợt thi đua ${cycleId}`,
          `event of stream ${event.streamId} does not belong to cycle ${cycleId}`,
        );
      unitEvents.set(parsed!.kind === 'unit' ? parsed!.unitId : '', [
        ...(unitEvents.get(parsed!.kind === 'unit' ? parsed!.unitId : '') ?? []),
        event,
      ]);
      continue;
    }
    const domainEvent = { type: event.type, data: event.data } as unknown as CycleEvent;
    if (event.type === 'ScoresLocked' && cycle.status !== 'none') {
      const locked = event.data as unknown as ScoresLocked['data'];
      const units: Record<string, UnitState> = {};
      for (const unit of cycle.config.units) {
        const upTo = locked.unitRevisions[unit.id] ?? -1;
        const stream = (unitEvents.get(unit.id) ?? []).filter((e) => e.revision <= upTo);
        units[unit.id] = foldUnit(stream.map((e) => ({ type: e.type, data: e.data }) as unknown as UnitEvent));
      }
      const standings = computeStandings(cycle.config, units);
      if (
        !isDeepStrictEqual(standings.scores, locked.scores) ||
        !isDeepStrictEqual(standings.ranking, locked.ranking)
      ) {
        fail(
          `bảng điểm và xếp hạng đã khóa (vị trí ${event.position}${atOf(event, names)}) không phải kết quả tính lại theo quy tắc từ hồ sơ của các đơn vị`,
          `the locked standings (position ${event.position}) are not what the domain computes from the unit streams`,
        );
      }
      ranking = standings.ranking;
    }
    if (
      event.type === 'VoteClosed' &&
      cycle.status !== 'none' &&
      cycle.vote.status === 'open' &&
      cycle.vote.opened.mode === 'electronic'
    ) {
      const closed = event.data as unknown as VoteClosed['data'];
      const vote = cycle.vote;
      if (vote.ballots.length !== vote.voters.length) {
        fail(
          `vòng bỏ phiếu ${vote.round}: ${vote.voters.length} đơn vị đã bỏ phiếu nhưng có ${vote.ballots.length} phiếu trong hòm phiếu`,
          `round ${vote.round}: ${vote.voters.length} units voted but ${vote.ballots.length} ballots were deposited`,
        );
      }
      const results = voteResults(vote.opened, tallyBallots(vote.opened.candidates, vote.ballots), vote.voters.length);
      if (!isDeepStrictEqual(results, closed.results) || closed.participants !== vote.voters.length) {
        fail(
          `vòng bỏ phiếu ${vote.round}: kết quả đã ghi (vị trí ${event.position}${atOf(event, names)}) không phải kết quả kiểm các phiếu trong hòm phiếu`,
          `round ${vote.round}: the recorded results (position ${event.position}) are not the tally of the deposited ballots`,
        );
      }
      votes.push({ round: vote.round, results });
    }
    cycle = evolveCycle(cycle, domainEvent);
  }
  return { ...(ranking ? { ranking } : {}), votes };
}

function decodeHashes(hashes: unknown, what: Words): Buffer[] {
  if (!Array.isArray(hashes)) return fail(`${what.vi} không phải một danh sách`, `${what.en} is not a list`);
  return hashes.map((h, i) => {
    const hash = typeof h === 'string' ? Buffer.from(h, 'base64') : Buffer.alloc(0);
    if (hash.length !== 32)
      fail(
        `${what.vi}: mã băm thứ ${i + 1} không phải mã SHA-256 dạng base64`,
        `${what.en}: hash ${i} is not a base64 SHA-256 hash`,
      );
    return hash;
  });
}
