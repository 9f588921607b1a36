/**
 * The guided form's values turned into the body of `POST /cycles`: texts trimmed, empty fields
 * left out (the server's defaults apply), dates as the API's `YYYY-MM-DD`.
 */
import type { Dayjs } from 'dayjs';

export const SCHEDULE = ['registration', 'mid-year-review', 'self-assessment', 'vote', 'nomination', 'decision'];

export interface Values {
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  timeZone: string;
  units: { id: string; name: string }[];
  leaderUnitId: string;
  deputyUnitId?: string;
  criteria: {
    groups: {
      id: string;
      title: string;
      criteria: {
        id: string;
        title: string;
        maxPoints: number;
        kind: string;
        unit?: string;
        direction?: string;
        fullAt?: number;
      }[];
    }[];
    bonus: { id: string; title: string; maxPoints: number }[];
    penalty: { id: string; title: string; maxPoints: number }[];
  };
  awards: { kind: string; quota: number }[];
  voteRules: { quorum: string; passThreshold: number; of: string };
  schedule: Record<string, Dayjs>;
  reminders?: string;
  at?: string;
  /** Days off besides weekends (Tết, national holidays): no reminder is sent on them. */
  holidays?: Dayjs[];
}

const clean = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;

export function toOpenCycleBody(v: Values): Record<string, unknown> {
  // Days before the due date, as officials count them ("7, 3, 1"); an ISO 8601 duration passes as is.
  const reminders = (v.reminders ?? '')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((r) => (/^\d+$/.test(r) ? `P${Number(r)}D` : r));
  const holidays = (v.holidays ?? []).map((day) => day.format('YYYY-MM-DD'));
  return clean({
    clusterId: v.clusterId?.trim(),
    clusterName: v.clusterName?.trim(),
    provinceId: v.provinceId?.trim(),
    year: v.year,
    timeZone: v.timeZone,
    units: (v.units ?? []).map((u) => ({ id: u.id?.trim(), name: u.name?.trim() })),
    leaderUnitId: v.leaderUnitId,
    deputyUnitId: v.deputyUnitId,
    criteria: {
      groups: (v.criteria?.groups ?? []).map((g) => ({
        id: g.id,
        title: g.title,
        criteria: (g.criteria ?? []).map(({ direction, fullAt, ...c }) =>
          clean({ ...c, formula: direction ? { direction, fullAt: fullAt ?? 1 } : undefined }),
        ),
      })),
      bonus: (v.criteria?.bonus ?? []).map((c) => clean({ ...c })),
      penalty: (v.criteria?.penalty ?? []).map((c) => clean({ ...c })),
    },
    awards: v.awards ?? [],
    voteRules: v.voteRules,
    schedule: Object.fromEntries(
      SCHEDULE.filter((s) => v.schedule?.[s]).map((s) => [s, v.schedule[s]!.format('YYYY-MM-DD')]),
    ),
    ...(reminders.length > 0 || v.at || holidays.length > 0
      ? {
          notifications: clean({
            reminders: reminders.length > 0 ? reminders : undefined,
            at: v.at || undefined,
            holidays: holidays.length > 0 ? holidays : undefined,
          }),
        }
      : {}),
  });
}
