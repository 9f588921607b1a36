/**
 * The PostgreSQL store's layout, as versioned migrations applied by the adapter at start-up, in a
 * schema of its own (default `thidua`) so that it can share a database. Shared with the benchmark's
 * ceiling, which must insert the very same rows into the very same table.
 */

/** Bumped with every migration added below; a database at a higher version is refused. */
export const POSTGRES_SCHEMA_VERSION = 2;

export const DEFAULT_POSTGRES_SCHEMA = 'thidua';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** A lower-case SQL identifier short enough to name the notification channel too. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(`PostgreSQL schema name must match ${SCHEMA_NAME} (got "${schema}")`);
  }
  return schema;
}

/** `LISTEN`/`pg_notify` channel on which every committed append of the schema is announced. */
export function notifyChannel(schema: string): string {
  return `${checkSchemaName(schema)}_events`;
}

export const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata, prev_hash, hash';

/**
 * Version 1: the events table and the append function.
 *
 * - `position` comes from a sequence, `transaction_id` is the writing transaction's id (xid8, never
 *   wraps). Both are taken together under a short advisory lock (held for two function calls, not
 *   until commit), so positions grow in transaction-id order. Readers then only read rows whose
 *   transaction id is below the oldest transaction still running (`pg_snapshot_xmin`): every row
 *   with a lower position belongs to an older transaction, which has therefore ended, so nothing
 *   can appear later below a position a reader has passed. The README gives the whole argument.
 * - `UNIQUE (stream_id, revision)` is the optimistic concurrency check: two writers of the same
 *   revision cannot both commit, whatever they read before.
 * - `data` and `metadata` are `json` (kept verbatim, unlike `jsonb`): the canonical text that was
 *   hashed is the text stored, byte for byte, and every string JSON can hold is accepted.
 * - One call of `append_events` writes a whole group commit in one statement (one round trip,
 *   atomic), and announces the new head on the schema's channel when, and only if, it commits.
 */
function v1(s: string): string {
  const channel = notifyChannel(s);
  return `
CREATE SEQUENCE "${s}".events_position_seq AS bigint;

CREATE TABLE "${s}".events (
  position       bigint PRIMARY KEY,
  transaction_id xid8   NOT NULL,
  stream_id      text   NOT NULL,
  revision       bigint NOT NULL,
  type           text   NOT NULL,
  data           json   NOT NULL,
  metadata       json   NOT NULL,
  prev_hash      text,
  hash           text   NOT NULL,
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
);
ALTER SEQUENCE "${s}".events_position_seq OWNED BY "${s}".events.position;

CREATE FUNCTION "${s}".append_events(
  stream_ids text[], revisions bigint[], types text[], data text[], metadata text[], prev_hashes text[], hashes text[]
) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  lock_key constant int := '"${s}".events'::regclass::oid::int;
  n constant int := cardinality(stream_ids);
  xid xid8;
  first bigint;
BEGIN
  -- A session lock, released as soon as the transaction id and the positions are taken (a
  -- transaction lock would be held until commit and serialize the writers whole). Taken and
  -- released inside the block, so that an error or a cancel anywhere in it still releases it.
  BEGIN
    PERFORM pg_advisory_lock(0, lock_key);
    xid := pg_current_xact_id();
    first := nextval('"${s}".events_position_seq');
    IF n > 1 THEN
      PERFORM setval('"${s}".events_position_seq', first + n - 1);
    END IF;
    PERFORM pg_advisory_unlock(0, lock_key);
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(0, lock_key);
    RAISE;
  END;

  INSERT INTO "${s}".events (position, transaction_id, stream_id, revision, type, data, metadata, prev_hash, hash)
  SELECT first + e.i - 1, xid, e.stream_id, e.revision, e.type, e.data::json, e.metadata::json, e.prev_hash, e.hash
  FROM unnest(stream_ids, revisions, types, data, metadata, prev_hashes, hashes)
    WITH ORDINALITY AS e(stream_id, revision, type, data, metadata, prev_hash, hash, i);

  PERFORM pg_notify('${channel}', (first + n - 1)::text);
  RETURN first;
END
$fn$;`;
}

/**
 * Version 2: the table says what it is to whoever opens the database with psql (and the store
 * shows, on a database made by version 1, that it migrates forward).
 */
function v2(s: string): string {
  return `
COMMENT ON TABLE "${s}".events IS 'thidua event log: append-only; read in position order below pg_snapshot_xmin';
COMMENT ON COLUMN "${s}".events.hash IS 'sha256 of the canonical JSON of stream_id, revision, type, data, metadata, prev_hash';`;
}

export function migrations(schema: string): Migration[] {
  const s = checkSchemaName(schema);
  return [
    { version: 1, description: 'events table, position sequence, append_events()', sql: v1(s) },
    { version: 2, description: 'comments on the events table', sql: v2(s) },
  ];
}
