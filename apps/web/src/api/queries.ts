/** The reads of the pages, each through the typed client and waiting for the page's own writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seenPosition, unwrap } from './client';
import type {
  AuditEntry,
  CommandAnswer,
  CycleStatus,
  CycleSummary,
  InboxItem,
  RawEvent,
  ReceiptCheck,
  Standings,
  UnitDeadline,
  UnitSubmissions,
  VoteView,
} from './views';

const minPosition = () => (seenPosition() > 0 ? seenPosition() : undefined);

export function useCycles() {
  return useQuery({
    queryKey: ['cycles'],
    queryFn: async () =>
      (
        (await unwrap(api.GET('/api/v1/cycles', { params: { query: { minPosition: minPosition() } } }))) as unknown as {
          items: CycleSummary[];
        }
      ).items,
  });
}

export function useCycle(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['cycle', cycleId],
    enabled: !!cycleId,
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/v1/cycles/{cycleId}', {
          params: { path: { cycleId: cycleId! }, query: { minPosition: minPosition() } },
        }),
      )) as unknown as CycleStatus,
  });
}

export function useStandings(cycleId: string | undefined, at: { asOf?: string; atPosition?: number } = {}) {
  return useQuery({
    queryKey: ['standings', cycleId, at.asOf, at.atPosition],
    enabled: !!cycleId,
    placeholderData: (previous) => previous,
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/v1/cycles/{cycleId}/standings', {
          params: { path: { cycleId: cycleId! }, query: { minPosition: minPosition(), ...at } },
        }),
      )) as unknown as Standings,
  });
}

/** Whether the ballot of this receipt was counted when the round closed; runs once a receipt is given. */
export function useReceiptCheck(cycleId: string, receipt: string | undefined) {
  return useQuery({
    queryKey: ['vote-receipt', cycleId, receipt],
    enabled: !!receipt,
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/v1/cycles/{cycleId}/vote/receipts/{receipt}', {
          params: { path: { cycleId, receipt: receipt! }, query: { minPosition: minPosition() } },
        }),
      )) as unknown as ReceiptCheck,
  });
}

export function useVote(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['vote', cycleId],
    enabled: !!cycleId,
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/v1/cycles/{cycleId}/vote', {
          params: { path: { cycleId: cycleId! }, query: { minPosition: minPosition() } },
        }),
      )) as unknown as VoteView,
  });
}

export function useAuditTrail(cycleId: string | undefined) {
  return useQuery({
    queryKey: ['audit-trail', cycleId],
    enabled: !!cycleId,
    queryFn: async () =>
      (
        (await unwrap(
          api.GET('/api/v1/cycles/{cycleId}/audit-trail', {
            params: { path: { cycleId: cycleId! }, query: { minPosition: minPosition() } },
          }),
        )) as unknown as { entries: AuditEntry[] }
      ).entries,
  });
}

export function useEvents(cycleId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['events', cycleId],
    enabled: !!cycleId && enabled,
    queryFn: async () =>
      (
        (await unwrap(
          api.GET('/api/v1/cycles/{cycleId}/events', {
            params: { path: { cycleId: cycleId! }, query: { minPosition: minPosition() } },
          }),
        )) as unknown as { events: RawEvent[] }
      ).events,
  });
}

export function useDeadlines(unitId: string | undefined) {
  return useQuery({
    queryKey: ['deadlines', unitId],
    enabled: !!unitId,
    queryFn: async () =>
      (
        (await unwrap(
          api.GET('/api/v1/units/{unitId}/deadlines', {
            params: { path: { unitId: unitId! }, query: { minPosition: minPosition() } },
          }),
        )) as unknown as { deadlines: UnitDeadline[] }
      ).deadlines,
  });
}

/** What a unit sent: every version of its three submissions with their review, and the score adjustments. */
export function useUnitSubmissions(cycleId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: ['unit-submissions', cycleId, unitId],
    enabled: !!cycleId && !!unitId,
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/v1/cycles/{cycleId}/units/{unitId}/submissions', {
          params: { path: { cycleId: cycleId!, unitId: unitId! }, query: { minPosition: minPosition() } },
        }),
      )) as unknown as UnitSubmissions,
  });
}

export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: async () =>
      ((await unwrap(api.GET('/api/v1/me/notifications', {}))) as unknown as { items: InboxItem[] }).items,
  });
}

/** A command; once answered, every read is fetched again at least at the command's position. */
export function useCommand<V>(run: (variables: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (variables: V) => (await run(variables)) as CommandAnswer,
    onSuccess: () => client.invalidateQueries(),
  });
}
