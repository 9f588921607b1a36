import { join } from 'node:path';
import type { EventStore, EventStoreConfig, RecordedEvent } from '#event-store';
import { DomainError, isIsoInstant, unitStreamName } from '#domain';
import { foldAuditTrail, type AuditEntry } from './audit-trail/audit-trail.js';
import { foldCycleModel, type CycleModel } from './cycle-model/cycle-model.js';
import {
  cycleModelOf,
  cyclesOfUnit,
  cyclesReferencing,
  queryCycles,
  type CyclePage,
  type CycleQuery,
} from './cycle-status/cycle-index.js';
import { notificationStreamsProjection } from './cycle-events/notification-streams.js';
import { READ_MODEL_INDEX, READ_MODEL_PROJECTIONS, READ_MODELS_FILE } from './read-model-projections.js';
import { buildInWorker } from './build-in-worker.js';
import { auditedEvents, readCycleEvents, type AuditedEvent } from './cycle-events/read-cycle-events.js';
import {
  cycleStatusView,
  openedCycle,
  type CycleFilter,
  type CycleStatusView,
  type CycleSummary,
} from './cycle-status/cycle-status.js';
import { unitDeadlines, type UnitDeadline } from './deadlines/unit-deadlines.js';
import { ProjectionRunner, type RebuildResult } from './runner/projection-runner.js';
import { foldUnitSubmissions, type UnitSubmissions } from './submissions/unit-submissions.js';
import { standingsView, type Standings } from './standings/standings.js';
import { verifyCycleEvents, type CycleVerification } from './verify/verify-cycle.js';
import { receiptCheck, voteView, type ReceiptCheck, type VoteView } from './vote/vote-view.js';

export interface ReadModelsOptions {
  /** Folder of the read models' file `projections.sqlite` (the app's DATA_DIR). */
  dataDir: string;
  /** Bound of the partitions kept in memory, in bytes of their JSON (default 4 MB). */
  cacheBytes?: number;
  /** Checkpoint every N events (default 1,000) or T ms (default 1,000), whichever comes first. */
  checkpointEvery?: number;
  checkpointIntervalMs?: number;
  /** Told of a projection error (the event is then skipped by that projection) or a lost subscription. */
  onError?: (error: unknown, event?: RecordedEvent) => void;
  /** Told when the read models' checkpoint is thrown away because the log was rewritten under it. */
  onRewrite?: (reason: string) => void;
  /**
   * The store's configuration, for a first build (nothing to resume) far from the head: it then
   * runs in a worker thread that opens the store itself, so years of log are folded off this
   * thread and its heap, and the built file is swapped in. Without it, it runs in this thread.
   */
  buildStore?: EventStoreConfig;
}

/** Which past state of the standings to compute: as of a moment, a log position, or both. */
export interface StandingsAt {
  /** An ISO 8601 instant: only events whose occurredAt is at or before it count. */
  asOf?: string;
  /** A global log position: only events at or before it count. */
  atPosition?: number;
}

/**
 * The read side of the cycle, as the HTTP app queries it. Every query answers `undefined` for a
 * cycle (or unit) it does not know, which the HTTP layer turns into a 404, and answers from the
 * read models as they stand: to read one's own writes, first `await waitForPosition(p)`.
 *
 * Materialized (fed from the store's subscription, kept in the read models' SQLite file with a
 * bounded cache in memory): the cycle models, from which the cycle status, current standings,
 * vote view and unit deadlines are computed, and the index the cycle list is searched in.
 * Folded on demand from the cycle's streams read back from the store (the log is the truth, and
 * these are the log itself, reworded or filtered): the audit trail, the raw events, standings as
 * of a moment or position, and the hash-chain verification. The cycle's streams are its own, its
 * member units', and the notification worker's alerts about it.
 */
export class ReadModels {
  private constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /**
   * Opens the read models at their checkpoint in `dataDir/projections.sqlite` and returns at once:
   * they catch up with the store in the background (`catchingUp`), then follow it.
   */
  static async open(store: EventStore, options: ReadModelsOptions): Promise<ReadModels> {
    return new ReadModels(store, await ProjectionRunner.open(store, READ_MODEL_PROJECTIONS, runnerOptions(options)));
  }

  /** Like `open`, and resolves once caught up with the store's head. */
  static async start(store: EventStore, options: ReadModelsOptions): Promise<ReadModels> {
    return new ReadModels(store, await ProjectionRunner.start(store, READ_MODEL_PROJECTIONS, runnerOptions(options)));
  }

  /** True while catching up with the head found at start: queries without `minPosition` would read the past. */
  get catchingUp(): boolean {
    return this.runner.catchingUp;
  }

  /** While catching up, the store's head being caught up to. */
  get catchingUpTo(): number | undefined {
    return this.runner.catchingUpTo;
  }

  /** While a first build runs in a worker thread (`buildStore`), the position it has reached. */
  get buildPosition(): number | undefined {
    return this.runner.buildPosition;
  }

  /** Resolves once caught up with the head found at start. */
  get caughtUp(): Promise<void> {
    return this.runner.caughtUp;
  }

  /** Why the read models were rebuilt from 0 because the log was rewritten under them, if they were. */
  get rewriteDetected(): string | undefined {
    return this.runner.rewriteDetected;
  }

  /** After the log was found rewritten elsewhere (the signed log's sweep): rebuild from 0 and say why. */
  async rebuildAfterRewrite(reason: string): Promise<void> {
    this.runner.rewriteDetected = reason;
    await this.runner.rebuild();
  }

  /** The log position the read models have reached. */
  get position(): number {
    return this.runner.position;
  }

  /** Events folded from the log in bulk so far: the catch-up at start, then every rebuild. */
  get replayedEvents(): number {
    return this.runner.replayedEvents;
  }

  /** While a rebuild runs, the events it has still to fold; else undefined. */
  get rebuildRemaining(): number | undefined {
    return this.runner.rebuildRemaining;
  }

  /**
   * Resolves true once the read models have seen `position` (the `minPosition` of a query), false after `timeoutMs`.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<boolean> {
    return this.runner.waitForPosition(position, timeoutMs);
  }

  /** One page of the cycles matching `query`, by year, cluster then cycle id. */
  async cyclePage(query: CycleQuery = {}, page: { cursor?: string; limit?: number } = {}): Promise<CyclePage> {
    return this.runner.query((db, generation) => queryCycles(db, generation, query, page));
  }

  /** Every cycle matching `filter`, by year then cluster (for tools and tests: the API pages). */
  async listCycles(filter: CycleFilter = {}): Promise<CycleSummary[]> {
    const all: CycleSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cyclePage(filter, { limit: 500, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /** The ids of the cycles `unitId` is a member of, with their status. */
  async cyclesOfUnit(unitId: string): Promise<{ cycleId: string; status: 'open' | 'closed' }[]> {
    return this.runner.query((db, generation) => cyclesOfUnit(db, generation, unitId));
  }

  /** `GET /cycles/{cycleId}`: configuration, steps with due dates, each unit's state per step. */
  async cycle(cycleId: string): Promise<CycleStatusView | undefined> {
    return cycleStatusView(this.model(cycleId));
  }

  /**
   * `GET /cycles/{cycleId}/standings`: now, or as of a moment (`asOf`) or a log position
   * (`atPosition`), computed by folding the cycle's events up to that point. Undefined when the
   * cycle is unknown, or did not exist yet at that point. Throws a `DomainError`
   * VALIDATION_FAILED for an `asOf` that is not an ISO instant or a bad `atPosition`.
   */
  async standings(cycleId: string, at: StandingsAt = {}): Promise<Standings | undefined> {
    const { asOf, atPosition } = checkStandingsAt(at);
    const model = this.model(cycleId);
    if (asOf === undefined && atPosition === undefined) return standingsView(model);
    const events = await this.readEvents(model);
    if (!events) return undefined;
    const asOfMs = asOf === undefined ? Infinity : Date.parse(asOf);
    const upTo = atPosition ?? Infinity;
    const past = events.filter((e) => e.position <= upTo && Date.parse(e.metadata.occurredAt) <= asOfMs);
    return standingsView(foldCycleModel(cycleId, past));
  }

  /**
   * What the cycle's documents are made of (the exports): the cycle's model and its audit trail,
   * now or as of a moment or log position, folded from the cycle's streams. Undefined when the
   * cycle is unknown or did not exist yet at that point.
   */
  async cycleRecord(
    cycleId: string,
    at: StandingsAt = {},
  ): Promise<{ model: CycleModel; trail: AuditEntry[] } | undefined> {
    const { asOf, atPosition } = checkStandingsAt(at);
    const events = await this.readEvents(this.model(cycleId));
    if (!events) return undefined;
    const asOfMs = asOf === undefined ? Infinity : Date.parse(asOf);
    const upTo = atPosition ?? Infinity;
    const past = events.filter((e) => e.position <= upTo && Date.parse(e.metadata.occurredAt) <= asOfMs);
    const model = foldCycleModel(cycleId, past);
    if (!model || !openedCycle(model)) return undefined;
    return { model, trail: foldAuditTrail(cycleId, past) };
  }

  /** `GET /cycles/{cycleId}/audit-trail`: every decision in order; a ballot shows that a unit voted, never how. */
  async auditTrail(cycleId: string): Promise<AuditEntry[] | undefined> {
    const events = await this.readEvents(this.model(cycleId));
    return events && foldAuditTrail(cycleId, events);
  }

  /** `GET /cycles/{cycleId}/events`: the raw events with metadata and hashes, without the ballots' content. */
  async cycleEvents(cycleId: string): Promise<AuditedEvent[] | undefined> {
    const events = await this.readEvents(this.model(cycleId));
    return events && auditedEvents(events);
  }

  /** `GET /audit/verify?cycleId=`: re-reads the cycle's streams and verifies each hash chain. */
  async verify(cycleId: string): Promise<CycleVerification | undefined> {
    const events = await this.readEvents(this.model(cycleId));
    return events && verifyCycleEvents(events);
  }

  /**
   * `GET /cycles/{cycleId}/units/{unitId}/submissions`: every version with its content and review,
   * and the score adjustments, folded from the unit's own stream (the materialized model keeps no
   * content). Undefined for an unknown cycle or a unit that is not one of its members.
   */
  async unitSubmissions(cycleId: string, unitId: string): Promise<UnitSubmissions | undefined> {
    const cycle = openedCycle(this.model(cycleId));
    if (!cycle || !cycle.config.units.some((u) => u.id === unitId)) return undefined;
    return foldUnitSubmissions(cycleId, unitId, await this.store.readStream(unitStreamName(cycleId, unitId)));
  }

  /** `GET /cycles/{cycleId}/vote`: status, roster, who took part; after close, results and anonymous ballots. */
  async vote(cycleId: string): Promise<VoteView | undefined> {
    return voteView(this.model(cycleId));
  }

  /** `GET /cycles/{cycleId}/vote/receipts/{receipt}`: counted or not, nothing else. */
  async voteReceipt(cycleId: string, receipt: string): Promise<ReceiptCheck | undefined> {
    return receiptCheck(this.model(cycleId), receipt);
  }

  /** `GET /units/{unitId}/deadlines`: the unit's coming due dates across cycles; undefined for a unit of no cycle. */
  async unitDeadlines(unitId: string, now: Date | string = new Date()): Promise<UnitDeadline[] | undefined> {
    const cycles = await this.cyclesOfUnit(unitId);
    if (cycles.length === 0) return undefined;
    // Closed cycles owe nothing: only the open ones are read.
    const open = cycles.filter((c) => c.status === 'open').map((c) => this.model(c.cycleId)!);
    return unitDeadlines(open, unitId, typeof now === 'string' ? now : now.toISOString()) ?? [];
  }

  /** The cycles whose evidence or dossier references the attachment with this sha256. */
  cyclesReferencing(sha256: string): string[] {
    return this.runner.query((db, generation) => cyclesReferencing(db, generation, sha256));
  }

  /** Rebuilds every read model from position 0 (queries keep answering from the old state meanwhile). */
  rebuild(): Promise<RebuildResult> {
    return this.runner.rebuild();
  }

  /** Stops following the store and writes a last checkpoint. Does not close the store. */
  close(): Promise<void> {
    return this.runner.close();
  }

  private model(cycleId: string): CycleModel | undefined {
    const state = this.runner.current;
    return cycleModelOf((projection, key) => state.get(projection, key), cycleId);
  }

  private async readEvents(model: CycleModel | undefined): Promise<RecordedEvent[] | undefined> {
    const cycle = openedCycle(model);
    if (!model || !cycle) return undefined;
    const notifications = this.runner.current.get<string[]>(notificationStreamsProjection.name, model.cycleId) ?? [];
    return readCycleEvents(
      this.store,
      model.cycleId,
      cycle.config.units.map((u) => u.id),
      notifications,
    );
  }
}

function runnerOptions(options: ReadModelsOptions) {
  return {
    checkpointPath: join(options.dataDir, READ_MODELS_FILE),
    index: READ_MODEL_INDEX,
    cacheBytes: options.cacheBytes,
    checkpointEvery: options.checkpointEvery,
    checkpointIntervalMs: options.checkpointIntervalMs,
    onError: options.onError,
    onRewrite: options.onRewrite,
    buildInWorker:
      options.buildStore &&
      ((path: string, onProgress: (position: number) => void, signal: AbortSignal) =>
        buildInWorker({ eventStore: options.buildStore!, path }, { onProgress, onError: options.onError, signal })),
  };
}

function checkStandingsAt(at: StandingsAt): StandingsAt {
  const { asOf, atPosition } = at;
  if (asOf !== undefined && !isIsoInstant(asOf)) {
    throw invalid(
      'asOf',
      'phải là một thời điểm theo ISO 8601 có múi giờ, ví dụ 2021-01-01T00:00:00Z',
      'must be an ISO 8601 instant with an offset',
    );
  }
  if (atPosition !== undefined && !(Number.isSafeInteger(atPosition) && atPosition >= 0)) {
    throw invalid('atPosition', 'phải là một số nguyên không âm', 'must be a non-negative integer');
  }
  return at;
}

function invalid(field: string, vi: string, en: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    vi: `${field} ${vi}`,
    en: `${field} ${en}`,
    errors: [{ field, message: vi, messageEn: en }],
  });
}
