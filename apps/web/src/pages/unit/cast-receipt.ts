/**
 * The receipt this tab was given when the unit cast its ballot, kept in memory only: in the query
 * cache, so it outlives switching sections and cycles and is emptied on sign-out (never in
 * localStorage: a shared office computer must not keep it). The check after the close starts from it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';

export function useCastReceipt(cycleId: string, unitId: string): [string | undefined, (receipt: string) => void] {
  const client = useQueryClient();
  const key = ['cast-receipt', cycleId, unitId];
  const kept = useQuery({
    queryKey: key,
    // Nothing to fetch: what is kept is the answer (every command invalidates every query).
    queryFn: () => client.getQueryData<string>(key) ?? null,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return [kept.data ?? undefined, (receipt) => client.setQueryData(key, receipt)];
}
