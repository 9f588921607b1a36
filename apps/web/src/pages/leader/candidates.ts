/** The vote's default candidates, as the API picks them: the ranking's top units, award by award within quota. */
export function defaultCandidates(
  awards: { kind: string; quota: number }[],
  ranking: { unitId: string; rank: number }[],
): Record<string, string[]> {
  const order = [...ranking].sort((a, b) => a.rank - b.rank).map((r) => r.unitId);
  const taken = new Set<string>();
  const result: Record<string, string[]> = {};
  for (const a of awards) {
    const picked = order.filter((u) => !taken.has(u)).slice(0, a.quota);
    picked.forEach((u) => taken.add(u));
    result[a.kind] = picked;
  }
  return result;
}
