/**
 * The `EventStore` port: one append-only log of streams, each event with a global position.
 * Every adapter (SQLite embedded, EventStoreDB) implements it and passes the same contract suite
 * (`testing/event-store.contract.ts`).
 *
 * Numbering: a stream's first event has revision 0; global positions are positive, strictly
 * increasing in commit order, and never reused (gaps are allowed). A checkpoint is the position of
 * the last event a reader has processed, so reads and subscriptions take `after` (exclusive);
 * `after: 0` means "from the very beginning".
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it. For a ballot's content the actor is the ballot box, never the voter. */
export interface Actor {
  userId: string;
  role: string;
  unitId?: string;
}

/** The envelope's metadata of the architecture document, minus what the store assigns. */
export interface EventMetadata {
  eventId: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** ISO 8601 instant, from the command (the domain has no clock). */
  occurredAt: string;
  schemaVersion: number;
  /**
   * Hash of the request that carried the command, so that a retried `Idempotency-Key` with another
   * body can be told apart from a true retry by reading the log alone.
   */
  requestHash?: string;
  /**
   * A past year recorded after the fact from paper: `occurredAt` is then the original date of the
   * paper record, and this says when it was recorded, by whom, and from which document.
   */
  recordedLater?: { recordedAt: string; recordedBy: string; source: string };
}

/** An event as a writer hands it to `append`. */
export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store gives it back: the envelope plus what the store assigned. */
export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> extends NewEvent<
  Type,
  Data
> {
  streamId: string;
  revision: number;
  position: number;
  /** Hash of the previous event of the same stream; null for revision 0. */
  prevHash: string | null;
  /** sha256 (hex) over the canonical form of stream, revision, type, data, metadata and prevHash. */
  hash: string;
}

/** An event as `readAllHeaders` gives it: its place in the log and its hash, not its content. */
export type RecordedEventHeader = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'hash'>;

/**
 * What the writer expects of the stream before its append:
 * - `'no-stream'`: the stream must not exist yet;
 * - `'any'`: no check;
 * - `'stream-exists'`: the stream must have at least one event;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | number;

export interface AppendResult {
  /** Revision of the last event appended. */
  revision: number;
  /** Global position of the last event appended. */
  position: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (default: the first event forwards, the last one backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive checkpoint (default 0: from the beginning). */
  after?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events whose position is greater (default 0). */
  after?: number;
}

/**
 * A live, ordered feed of the log: first every stored event after the checkpoint (catch-up), then
 * new ones as they are committed, in position order, with no gap and no duplicate, until closed.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** An unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: `readAll`'s page as headers, for readers of the log's order and hashes only (the
   * signed log's follower), where the adapter can skip reading and parsing each event's content.
   */
  readAllHeaders?(options?: ReadAllOptions): Promise<RecordedEventHeader[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** Position of the last committed event, 0 for an empty log. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
