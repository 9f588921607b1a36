/** Reading the API's read models in the shapes of docs/api.md, for assertions. */
import { listOf, type ApiClient } from '#scenario';

export interface StandingsRow {
  rank: number | null;
  unitId: string;
  unitName: string;
  registered: boolean;
  aimedAward?: string | null;
  selfScore: number | null;
  finalScore: number | null;
  vote?: unknown;
  nominated?: unknown;
  awarded?: unknown;
  late: unknown[];
}

export function standingsRows(body: unknown): StandingsRow[] {
  return listOf<StandingsRow>(body, 'rows', 'standings');
}

export async function readStandings(
  api: ApiClient,
  token: string,
  cycleId: string,
  query: Record<string, string | number | undefined> = {},
): Promise<StandingsRow[]> {
  const res = await api.ok('GET', `/cycles/${cycleId}/standings`, { token, query }, 'read the standings');
  return standingsRows(res.body);
}

/** A recorded event as `/events` shows it (the store's envelope). */
export interface EventRow {
  type: string;
  streamId?: string;
  position: number;
  revision?: number;
  data: Record<string, unknown>;
  metadata: {
    eventId?: string;
    commandId?: string;
    correlationId?: string;
    causationId?: string;
    actor?: { userId?: string; role?: string; unitId?: string };
    occurredAt?: string;
    [key: string]: unknown;
  };
  hash?: string;
  prevHash?: string | null;
}

export async function readEvents(
  api: ApiClient,
  auditorToken: string,
  cycleId: string,
  minPosition?: number,
): Promise<EventRow[]> {
  const res = await api.ok(
    'GET',
    `/cycles/${cycleId}/events`,
    { token: auditorToken, query: { minPosition } },
    'read the events',
  );
  return listOf<EventRow>(res.body, 'events');
}

export async function readAuditTrail(
  api: ApiClient,
  token: string,
  cycleId: string,
  minPosition?: number,
): Promise<Record<string, unknown>[]> {
  const res = await api.ok(
    'GET',
    `/cycles/${cycleId}/audit-trail`,
    { token, query: { minPosition } },
    'read the audit trail',
  );
  return listOf<Record<string, unknown>>(res.body, 'entries', 'trail');
}
