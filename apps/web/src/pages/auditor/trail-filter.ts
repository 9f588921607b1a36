/** The audit trail's filters, applied in the browser to the entries the API answered. */
import type { AuditEntry } from '../../api/views';

const STEP_OF_ACTION: [RegExp, string][] = [
  [/^Registration/, 'registration'],
  [/^MidYear/, 'mid-year-review'],
  [/^(SelfAssessment|Score)/, 'self-assessment'],
  [/^(Vote|Ballot|Tally)/, 'vote'],
  [/^Nomination/, 'nomination'],
  [/^(AwardDecision|Award)/, 'decision'],
];

/** The step an entry belongs to: by its action, else by the step it names (opened, closed, extended...). */
export function stepOfEntry(entry: AuditEntry, stepNames: Record<string, string>): string | undefined {
  for (const [pattern, step] of STEP_OF_ACTION) if (pattern.test(entry.action)) return step;
  for (const [step, name] of Object.entries(stepNames)) if (entry.summary.includes(name)) return step;
  return undefined;
}

export interface TrailFilter {
  step?: string;
  unitId?: string;
  actor?: string;
  action?: string;
  /** Inclusive UTC instants. */
  from?: string;
  to?: string;
}

export function filterTrail(
  entries: AuditEntry[],
  filter: TrailFilter,
  stepNames: Record<string, string>,
  unitName?: (id: string) => string,
): AuditEntry[] {
  const actor = filter.actor?.trim().toLowerCase();
  return entries.filter((e) => {
    if (filter.step && stepOfEntry(e, stepNames) !== filter.step) return false;
    if (filter.unitId && e.actor.unitId !== filter.unitId && !(unitName && e.summary.includes(unitName(filter.unitId))))
      return false;
    if (actor && !`${e.actor.userId} ${e.actor.role} ${e.actor.unitId ?? ''}`.toLowerCase().includes(actor))
      return false;
    if (filter.action && e.action !== filter.action) return false;
    if (filter.from && e.at < filter.from) return false;
    if (filter.to && e.at > filter.to) return false;
    return true;
  });
}
