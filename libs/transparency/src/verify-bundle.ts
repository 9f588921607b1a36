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
  parseStreamName,
  tallyBallots,
  voteResults,
  type CycleEvent,
  type CycleState,
  type ScoresLocked,
  type UnitEvent,
  type UnitState,
  type VoteClosed,
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
  /** The first check that failed, in words. */
  failure?: string;
  checkpoint?: Checkpoint;
  checkedEvents: number;
  /** What the domain recomputed (present when every check passed). */
  recomputed?: { ranking?: string[]; votes: { round: number; results: VoteClosed['data']['results'] }[] };
  /** The key came from the bundle itself: say so to the auditor. */
  keyFromBundle: boolean;
}

class Failure extends Error {}

const fail = (message: string): never => {
  throw new Failure(message);
};

export function verifyBundle(bundle: AuditBundle, options: VerifyOptions = {}): VerifyReport {
  let checked = 0;
  let checkpoint: Checkpoint | undefined;
  try {
    if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.events))
      fail('not an audit bundle (no events list)');
    const vkey = options.key ?? bundle.verifierKey;
    let verifier;
    try {
      verifier = noteVerifier(vkey);
    } catch (error) {
      fail(`verifier key: ${(error as Error).message}`);
    }
    try {
      checkpoint = openCheckpoint(bundle.checkpoint, verifier!);
    } catch (error) {
      fail(`bundle checkpoint: ${(error as Error).message}`);
    }
    const cp = checkpoint!;
    if (cp.origin !== verifier!.name)
      fail(`bundle checkpoint: origin "${cp.origin}" is not the key's log "${verifier!.name}"`);

    if (options.since !== undefined) {
      let old: Checkpoint;
      try {
        old = openCheckpoint(options.since, verifier!);
      } catch (error) {
        return fail(`older checkpoint: ${(error as Error).message}`);
      }
      if (old.origin !== cp.origin) fail(`older checkpoint is of log "${old.origin}", the bundle of "${cp.origin}"`);
      if (old.size > cp.size)
        fail(`the log shrank: the older checkpoint has ${old.size} events, the bundle's ${cp.size}`);
      if (old.size === cp.size) {
        if (!old.root.equals(cp.root))
          fail(`two checkpoints of size ${cp.size} with different roots: history was rewritten`);
      } else {
        const proof = bundle.consistency;
        if (!proof || proof.from !== old.size || proof.to !== cp.size) {
          fail(
            `the bundle has no consistency proof from size ${old.size} to ${cp.size}: download it with ?since=${old.size}`,
          );
        }
        const why = verifyConsistency(
          old.size,
          cp.size,
          decodeHashes(proof!.hashes, 'consistency proof'),
          old.root,
          cp.root,
        );
        if (why)
          fail(
            `consistency with the older checkpoint (size ${old.size}): ${why}: history before it was changed, removed or reordered`,
          );
      }
    }

    let previous: { position: number; leafIndex: number } | undefined;
    for (const [i, item] of bundle.events.entries()) {
      const e = item.event;
      const where = `event ${i} (${e?.streamId} revision ${e?.revision}, position ${e?.position})`;
      if (hashEvent(e) !== e.hash) fail(`${where}: its content does not match its hash`);
      const leaf = leafBytes(e);
      if (leaf.toString('base64') !== item.leaf) fail(`${where}: the bundled leaf is not this event's leaf`);
      if (previous && !(e.position > previous.position && item.leafIndex > previous.leafIndex))
        fail(`${where}: out of log order`);
      if (!(Number.isSafeInteger(item.leafIndex) && item.leafIndex < cp.size))
        fail(`${where}: leaf index ${item.leafIndex} is not under the checkpoint`);
      const why = verifyInclusion(
        leafHash(leaf),
        item.leafIndex,
        cp.size,
        decodeHashes(item.inclusion, `${where} inclusion proof`),
        cp.root,
      );
      if (why) fail(`${where}: inclusion proof: ${why}`);
      previous = { position: e.position, leafIndex: item.leafIndex };
      checked++;
    }

    const events = bundle.events.map((item) => item.event);
    const chain = verifyChain(events);
    if (!chain.ok)
      fail(
        `hash chain of ${chain.firstBroken!.streamId} at revision ${chain.firstBroken!.revision}: ${chain.firstBroken!.reason}`,
      );
    const recomputed = recompute(bundle.cycleId, events);
    return { ok: true, checkpoint: cp, checkedEvents: checked, recomputed, keyFromBundle: options.key === undefined };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return {
      ok: false,
      failure: error.message,
      ...(checkpoint ? { checkpoint } : {}),
      checkedEvents: checked,
      keyFromBundle: options.key === undefined,
    };
  }
}

/** Re-runs the domain's scoring and tally over the events and compares with what was recorded. */
function recompute(cycleId: string, events: readonly RecordedEvent[]): NonNullable<VerifyReport['recomputed']> {
  const cycleStream = cycleStreamName(cycleId);
  const unitEvents = new Map<string, RecordedEvent[]>();
  let cycle: CycleState = initialCycleState();
  let ranking: string[] | undefined;
  const votes: { round: number; results: VoteClosed['data']['results'] }[] = [];
  for (const event of events) {
    if (event.streamId !== cycleStream) {
      const parsed = parseStreamName(event.streamId);
      if (parsed?.kind !== 'unit' || parsed.cycleId !== cycleId)
        fail(`event of stream ${event.streamId} does not belong to cycle ${cycleId}`);
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
          `round ${vote.round}: ${vote.voters.length} units voted but ${vote.ballots.length} ballots were deposited`,
        );
      }
      const results = voteResults(vote.opened, tallyBallots(vote.opened.candidates, vote.ballots), vote.voters.length);
      if (!isDeepStrictEqual(results, closed.results) || closed.participants !== vote.voters.length) {
        fail(
          `round ${vote.round}: the recorded results (position ${event.position}) are not the tally of the deposited ballots`,
        );
      }
      votes.push({ round: vote.round, results });
    }
    cycle = evolveCycle(cycle, domainEvent);
  }
  return { ...(ranking ? { ranking } : {}), votes };
}

function decodeHashes(hashes: unknown, what: string): Buffer[] {
  if (!Array.isArray(hashes)) return fail(`${what} is not a list`);
  return hashes.map((h, i) => {
    const hash = typeof h === 'string' ? Buffer.from(h, 'base64') : Buffer.alloc(0);
    if (hash.length !== 32) fail(`${what}: hash ${i} is not a base64 SHA-256 hash`);
    return hash;
  });
}
