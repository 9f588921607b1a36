/**
 * What a unit sent, as lines an official reads: the criterion's title (never its id), the figure
 * or points with a decimal comma, the note or evidence. Pure, so both the leader's drawer and its
 * test use it; `prefill` turns the latest version back into the unit's form values.
 */
import type { Criterion, CycleConfig, SubmissionKind, SubmittedVersion } from '../api/views';
import { formatNumber, formatPoints, type Lang } from '../i18n/format';

type T = (vi: string, vars?: Record<string, string | number>) => string;

export interface ContentLine {
  criterionId: string;
  /** The criterion's title, prefixed for a bonus or penalty item. */
  label: string;
  value: string;
  /** Figures behind derived points. */
  figures?: string;
  /** The unit's note (targets, progress) or evidence (self-assessment). */
  text?: string;
  attachments?: number;
}

interface Item {
  title: string;
  unit?: string;
  maxPoints: number;
  prefix: string;
}

function itemsOf(config: CycleConfig, t: T): Map<string, Item> {
  const { groups, bonus, penalty } = config.criteria;
  const entries = (list: Criterion[], prefix: string) => list.map((c): [string, Item] => [c.id, { ...c, prefix }]);
  return new Map([
    ...entries(
      groups.flatMap((g) => g.criteria),
      '',
    ),
    ...entries(bonus, `${t('Điểm thưởng')}: `),
    ...entries(penalty, `${t('Điểm trừ')}: `),
  ]);
}

const withUnit = (value: number, unit: string | undefined, lang: Lang) =>
  unit ? `${formatNumber(value, lang)} ${unit}` : formatNumber(value, lang);

/** The version's lines in the order the unit sent them. */
export function contentLines(
  kind: SubmissionKind,
  version: SubmittedVersion,
  config: CycleConfig,
  { t, lang }: { t: T; lang: Lang },
): ContentLine[] {
  const items = itemsOf(config, t);
  const label = (id: string) => {
    const item = items.get(id);
    return item ? `${item.prefix}${item.title}` : id;
  };
  if (kind === 'registration')
    return (version.targets ?? []).map((l) => ({
      criterionId: l.criterionId,
      label: label(l.criterionId),
      value: withUnit(l.target, items.get(l.criterionId)?.unit, lang),
      ...(l.note ? { text: l.note } : {}),
    }));
  if (kind === 'mid-year-report')
    return (version.progress ?? []).map((l) => ({
      criterionId: l.criterionId,
      label: label(l.criterionId),
      value: withUnit(l.actual, items.get(l.criterionId)?.unit, lang),
      ...(l.note ? { text: l.note } : {}),
    }));
  return (version.scores ?? []).map((l) => {
    const item = items.get(l.criterionId);
    const unit = l.unit ?? item?.unit;
    const figures =
      l.actual === undefined
        ? undefined
        : l.target === undefined
          ? t('Thực hiện {actual}', { actual: withUnit(l.actual, unit, lang) })
          : t('Thực hiện {actual} / chỉ tiêu {target}', {
              actual: withUnit(l.actual, unit, lang),
              target: withUnit(l.target, unit, lang),
            });
    return {
      criterionId: l.criterionId,
      label: label(l.criterionId),
      value:
        item && item.maxPoints > 0
          ? t('{points} / {max} điểm', {
              points: formatPoints(l.points, lang),
              max: formatPoints(item.maxPoints, lang),
            })
          : t('{points} điểm', { points: formatPoints(l.points, lang) }),
      ...(figures ? { figures } : {}),
      ...(l.evidence ? { text: l.evidence } : {}),
      ...(l.attachments?.length ? { attachments: l.attachments.length } : {}),
    };
  });
}

/** The title of a criterion, bonus or penalty item by its id (the id itself if the table has no such item). */
export function criterionTitle(config: CycleConfig, id: string, t: T): string {
  const item = itemsOf(config, t).get(id);
  return item ? `${item.prefix}${item.title}` : id;
}

/** The unit's form values that reproduce a version (field names as in SubmissionForms). */
export function prefill(kind: SubmissionKind, version: SubmittedVersion): Record<string, unknown> {
  const by = <L extends { criterionId: string }, V>(lines: L[] | undefined, pick: (l: L) => V | undefined) =>
    Object.fromEntries((lines ?? []).flatMap((l) => (pick(l) === undefined ? [] : [[l.criterionId, pick(l)]])));
  if (kind === 'registration')
    return {
      aimedAward: version.aimedAward,
      target: by(version.targets, (l) => l.target),
      note: by(version.targets, (l) => l.note),
    };
  if (kind === 'mid-year-report')
    return {
      actual: by(version.progress, (l) => l.actual),
      note: by(version.progress, (l) => l.note),
      summary: version.summary,
    };
  const scores = version.scores ?? [];
  return {
    points: by(
      scores.filter((l) => l.actual === undefined),
      (l) => l.points,
    ),
    actual: by(scores, (l) => l.actual),
    target: by(scores, (l) => l.target),
    evidence: by(scores, (l) => l.evidence),
  };
}
