/** OpenCycle: the province opens a cluster's cycle with its whole configuration, defaults applied. */
import type { OpenCycle } from '../commands.js';
import type { CycleOpened } from '../events.js';
import { DomainError } from '../shared/errors.js';
import { requireInstant, requireRole } from '../shared/guards.js';
import { Problems, checkInCycleWindow, cleanText } from '../shared/validate.js';
import { LIMITS } from '../shared/limits.js';
import {
  MAX_NOTIFICATION_DELAY_DAYS,
  compareInstants,
  isIsoDate,
  isPositiveDurationUpTo,
  isValidTimeZone,
  resolveDue,
} from '../time/due-date.js';
import { hasAtMostTwoDecimals } from '../scoring/points.js';
import { parseRatio } from '../vote/ratio.js';
import { MAX_STREAM_NAME_LENGTH, unitStreamName } from '../streams.js';
import {
  DEFAULT_AWARDS,
  DEFAULT_NOTIFICATIONS,
  DEFAULT_TIE_BREAK,
  DEFAULT_TIME_ZONE,
  DEFAULT_VOTE_RULES,
  FORMULA_DIRECTIONS,
  REGISTRATION_OPTIONAL_FROM_YEAR,
  SCHEDULE_STEPS,
  TIE_BREAKERS,
  type CriteriaTable,
  type CycleConfig,
  type Eligibility,
  type Schedule,
  type ScoreItem,
  type TieBreaker,
} from './config.js';
import type { CycleState } from './state.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every later command of a unit appends to its stream: refuse now a name the store would refuse then. */
function checkUnitStreamName(problems: Problems, field: string, cycleId: string, unitId: string): void {
  if (unitStreamName(cycleId, unitId).length > MAX_STREAM_NAME_LENGTH) {
    problems.add(
      field,
      `mã đơn vị quá dài so với mã đợt thi đua: tên luồng dữ liệu của đơn vị vượt quá ${MAX_STREAM_NAME_LENGTH} ký tự`,
      `unit id too long for this cycle id: the unit stream name exceeds ${MAX_STREAM_NAME_LENGTH} characters`,
    );
  }
}

function isNotificationDelay(value: unknown): value is string {
  return isPositiveDurationUpTo(value, MAX_NOTIFICATION_DELAY_DAYS);
}

function notificationDelayMessage(example: string): string {
  return `phải là khoảng thời gian ISO 8601 lớn hơn 0 và không quá ${MAX_NOTIFICATION_DELAY_DAYS} ngày, ví dụ "${example}"`;
}

function notificationDelayMessageEn(example: string): string {
  return `must be an ISO 8601 duration above 0 and at most ${MAX_NOTIFICATION_DELAY_DAYS} days, e.g. "${example}"`;
}

function checkMaxPoints(problems: Problems, field: string, value: unknown): void {
  if (problems.number(field, value, { max: LIMITS.points }) && (value <= 0 || !hasAtMostTwoDecimals(value))) {
    problems.add(field, 'phải lớn hơn 0, tối đa hai chữ số thập phân', 'must be greater than 0, at most two decimals');
  }
}

function checkItems(problems: Problems, field: string, items: unknown): void {
  if (!problems.array(field, items, { max: LIMITS.extraItems })) return;
  items.forEach((item, index) => {
    const at = `${field}[${index}]`;
    if (!problems.object(at, item)) return;
    problems.key(`${at}.id`, item.id);
    problems.text(`${at}.title`, item.title, LIMITS.title);
    checkMaxPoints(problems, `${at}.maxPoints`, item.maxPoints);
    if (item.disqualifying !== undefined && typeof item.disqualifying !== 'boolean')
      problems.add(`${at}.disqualifying`, 'phải là true hoặc false', 'must be true or false');
  });
}

/** A criterion's formula and disqualifying points (see `Criterion`). */
function checkCriterionRules(problems: Problems, field: string, criterion: Record<string, unknown>): void {
  if (criterion.formula !== undefined) {
    if (criterion.kind !== 'quantitative')
      problems.add(
        `${field}.formula`,
        'chỉ tiêu chí định lượng (quantitative) mới có công thức tính điểm',
        'only a quantitative criterion has a formula',
      );
    if (problems.object(`${field}.formula`, criterion.formula)) {
      const { direction, fullAt } = criterion.formula;
      if (!(FORMULA_DIRECTIONS as readonly unknown[]).includes(direction)) {
        problems.add(
          `${field}.formula.direction`,
          `phải là một trong ${FORMULA_DIRECTIONS.join(', ')}`,
          `must be one of ${FORMULA_DIRECTIONS.join(', ')}`,
        );
      }
      if (fullAt !== undefined && problems.number(`${field}.formula.fullAt`, fullAt) && (fullAt <= 0 || fullAt > 10)) {
        problems.add(
          `${field}.formula.fullAt`,
          'tỷ lệ đạt điểm tối đa phải trong khoảng (0, 10], ví dụ 1 (100% chỉ tiêu) hoặc 1.2 (120%)',
          'the rate earning the maximum must be in (0, 10], e.g. 1 (100% of the target) or 1.2 (120%)',
        );
      }
    }
  }
  const below = criterion.disqualifyingBelow;
  if (below !== undefined && problems.number(`${field}.disqualifyingBelow`, below)) {
    if (
      below <= 0 ||
      (typeof criterion.maxPoints === 'number' && below > criterion.maxPoints) ||
      !hasAtMostTwoDecimals(below)
    ) {
      problems.add(
        `${field}.disqualifyingBelow`,
        'điểm liệt phải lớn hơn 0, không quá điểm tối đa, tối đa hai chữ số thập phân',
        'disqualifying points must be greater than 0, at most the maximum, at most two decimals',
      );
    }
  }
}

function checkCriteria(problems: Problems, criteria: unknown): void {
  if (!problems.object('criteria', criteria)) return;
  if (problems.array('criteria.groups', criteria.groups, { nonEmpty: true, max: LIMITS.criteriaGroups })) {
    criteria.groups.forEach((group, g) => {
      const at = `criteria.groups[${g}]`;
      if (!problems.object(at, group)) return;
      problems.key(`${at}.id`, group.id);
      problems.text(`${at}.title`, group.title, LIMITS.title);
      if (!problems.array(`${at}.criteria`, group.criteria, { nonEmpty: true, max: LIMITS.criteriaPerGroup })) return;
      group.criteria.forEach((criterion, c) => {
        const field = `${at}.criteria[${c}]`;
        if (!problems.object(field, criterion)) return;
        problems.key(`${field}.id`, criterion.id);
        problems.text(`${field}.title`, criterion.title, LIMITS.title);
        checkMaxPoints(problems, `${field}.maxPoints`, criterion.maxPoints);
        if (criterion.kind !== 'quantitative' && criterion.kind !== 'qualitative') {
          problems.add(
            `${field}.kind`,
            'phải là "quantitative" hoặc "qualitative"',
            'must be "quantitative" or "qualitative"',
          );
        }
        problems.optionalText(`${field}.unit`, criterion.unit, LIMITS.measure);
        checkCriterionRules(problems, field, criterion);
      });
    });
  }
  checkItems(problems, 'criteria.bonus', criteria.bonus ?? []);
  checkItems(problems, 'criteria.penalty', criteria.penalty ?? []);
}

function cleanItem(item: ScoreItem): ScoreItem {
  return {
    id: item.id,
    title: cleanText(item.title),
    maxPoints: item.maxPoints,
    ...(item.disqualifying ? { disqualifying: true } : {}),
  };
}

function cleanCriteria(criteria: CriteriaTable): CriteriaTable {
  return {
    groups: criteria.groups.map((group) => ({
      id: group.id,
      title: cleanText(group.title),
      criteria: group.criteria.map((criterion) => ({
        id: criterion.id,
        title: cleanText(criterion.title),
        maxPoints: criterion.maxPoints,
        kind: criterion.kind,
        ...(criterion.unit !== undefined ? { unit: cleanText(criterion.unit) } : {}),
        ...(criterion.formula !== undefined
          ? { formula: { direction: criterion.formula.direction, fullAt: criterion.formula.fullAt ?? 1 } }
          : {}),
        ...(criterion.disqualifyingBelow !== undefined ? { disqualifyingBelow: criterion.disqualifyingBelow } : {}),
      })),
    })),
    bonus: (criteria.bonus ?? []).map(cleanItem),
    penalty: (criteria.penalty ?? []).map(cleanItem),
  };
}

/** Every id of the table: criteria, bonus and penalty items share one namespace. */
export function scoreItemIds(criteria: CriteriaTable): string[] {
  return [
    ...criteria.groups.flatMap((group) => group.criteria.map((criterion) => criterion.id)),
    ...criteria.bonus.map((item) => item.id),
    ...criteria.penalty.map((item) => item.id),
  ];
}

export function decideOpenCycle(command: OpenCycle, state: CycleState): CycleOpened[] {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  if (state.status !== 'none') throw new DomainError('CYCLE_ALREADY_OPEN');
  if (command.actor.provinceId !== command.provinceId) throw new DomainError('NOT_YOUR_PROVINCE');

  const problems = new Problems();
  const cycleIdValid = problems.id('cycleId', command.cycleId);
  problems.id('clusterId', command.clusterId);
  problems.text('clusterName', command.clusterName, LIMITS.name);
  problems.id('provinceId', command.provinceId);
  if (
    problems.number('year', command.year, { integer: true }) &&
    (command.year < LIMITS.yearMin || command.year > LIMITS.yearMax)
  ) {
    problems.add('year', 'năm không hợp lệ', 'invalid year');
  }

  const unitIds: string[] = [];
  if (problems.array('units', command.units, { nonEmpty: true, max: LIMITS.units })) {
    command.units.forEach((unit, index) => {
      if (!problems.object(`units[${index}]`, unit)) return;
      if (problems.id(`units[${index}].id`, unit.id)) {
        unitIds.push(unit.id);
        if (cycleIdValid) checkUnitStreamName(problems, `units[${index}].id`, command.cycleId, unit.id);
      }
      problems.text(`units[${index}].name`, unit.name, LIMITS.name);
    });
    problems.unique('units', unitIds, 'mã đơn vị', 'unit id');
  }
  if (problems.id('leaderUnitId', command.leaderUnitId) && !unitIds.includes(command.leaderUnitId)) {
    problems.add(
      'leaderUnitId',
      'đơn vị trưởng cụm phải là thành viên của cụm',
      'the leader unit must be a member unit',
    );
  }
  if (command.deputyUnitId !== undefined && problems.id('deputyUnitId', command.deputyUnitId)) {
    if (!unitIds.includes(command.deputyUnitId))
      problems.add(
        'deputyUnitId',
        'đơn vị phó cụm phải là thành viên của cụm',
        'the deputy unit must be a member unit',
      );
    else if (command.deputyUnitId === command.leaderUnitId)
      problems.add('deputyUnitId', 'phó cụm phải khác trưởng cụm', 'the deputy must differ from the leader');
  }

  checkCriteria(problems, command.criteria);
  if (problems.list.length === 0) {
    const criteria = cleanCriteria(command.criteria);
    problems.unique('criteria', scoreItemIds(criteria), 'mã tiêu chí', 'item id');
    problems.unique(
      'criteria.groups',
      criteria.groups.map((group) => group.id),
      'mã nhóm tiêu chí',
      'group id',
    );
  }

  const awards = command.awards ?? DEFAULT_AWARDS.map((award) => ({ ...award }));
  if (problems.array('awards', awards, { nonEmpty: true, max: LIMITS.awards })) {
    awards.forEach((award, index) => {
      if (!problems.object(`awards[${index}]`, award)) return;
      problems.id(`awards[${index}].kind`, award.kind);
      if (
        problems.number(`awards[${index}].quota`, award.quota, { integer: true, max: LIMITS.quota }) &&
        award.quota < 1
      ) {
        problems.add(`awards[${index}].quota`, 'chỉ tiêu phải từ 1 trở lên', 'the quota must be at least 1');
      }
    });
    problems.unique(
      'awards',
      awards.map((award) => award?.kind),
      'loại danh hiệu',
      'award kind',
    );
  }

  const voteInput = command.voteRules ?? {};
  let quorum: string | null = DEFAULT_VOTE_RULES.quorum;
  let passThreshold: string | null = DEFAULT_VOTE_RULES.passThreshold;
  const of = voteInput.of ?? DEFAULT_VOTE_RULES.of;
  if (problems.object('voteRules', voteInput)) {
    if (voteInput.quorum !== undefined) quorum = parseRatio(voteInput.quorum);
    if (voteInput.passThreshold !== undefined) passThreshold = parseRatio(voteInput.passThreshold);
    if (quorum === null)
      problems.add(
        'voteRules.quorum',
        'phải là tỷ lệ trong khoảng (0, 1], ví dụ "2/3", 0.67 hoặc "67%"',
        'must be a ratio in (0, 1], e.g. "2/3", 0.67 or "67%"',
      );
    if (passThreshold === null)
      problems.add(
        'voteRules.passThreshold',
        'phải là tỷ lệ trong khoảng (0, 1], ví dụ 0.7 hoặc "70%"',
        'must be a ratio in (0, 1], e.g. 0.7 or "70%"',
      );
    if (of !== 'ballots-cast' && of !== 'members')
      problems.add('voteRules.of', 'phải là "ballots-cast" hoặc "members"', 'must be "ballots-cast" or "members"');
  }

  const tieBreak = command.tieBreak ?? [...DEFAULT_TIE_BREAK];
  if (problems.array('tieBreak', tieBreak, { nonEmpty: true, max: TIE_BREAKERS.length })) {
    if (tieBreak[0] !== 'final-score')
      problems.add(
        'tieBreak[0]',
        'xếp hạng luôn theo tổng điểm trước: phải là "final-score"',
        'ranking is by final score first: must be "final-score"',
      );
    tieBreak.forEach((key, index) => {
      if (!TIE_BREAKERS.includes(key as TieBreaker))
        problems.add(
          `tieBreak[${index}]`,
          `phải là một trong ${TIE_BREAKERS.join(', ')}`,
          `must be one of ${TIE_BREAKERS.join(', ')}`,
        );
    });
    problems.unique('tieBreak', tieBreak, 'tiêu chí phân định', 'tie-break key');
  }

  const timeZone = command.timeZone ?? DEFAULT_TIME_ZONE;
  const zoneValid = isValidTimeZone(timeZone);
  if (!zoneValid) problems.add('timeZone', 'múi giờ IANA không hợp lệ', 'not a valid IANA time zone');

  const schedule = {} as Schedule;
  if (problems.object('schedule', command.schedule) && zoneValid) {
    let previous: string | undefined;
    for (const step of SCHEDULE_STEPS) {
      const given = command.schedule[step];
      const dueAt = typeof given === 'string' ? resolveDue(given, timeZone) : null;
      if (dueAt === null) {
        problems.add(
          `schedule.${step}`,
          'phải là một ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
          'must be a date (YYYY-MM-DD) or an ISO 8601 date-time',
        );
        continue;
      }
      if (Number.isInteger(command.year))
        checkInCycleWindow(problems, `schedule.${step}`, dueAt, command.year, timeZone);
      if (previous !== undefined && compareInstants(dueAt, previous) < 0) {
        problems.add(
          `schedule.${step}`,
          'hạn của bước sau không được sớm hơn hạn của bước trước',
          'a later step is not due before an earlier one',
        );
      }
      previous = dueAt;
      schedule[step] = { given, dueAt };
    }
    for (const key of Object.keys(command.schedule)) {
      if (!(SCHEDULE_STEPS as readonly string[]).includes(key))
        problems.add(`schedule.${key}`, 'bước không tồn tại', 'no such step');
    }
  }

  if (command.notifications !== undefined) problems.object('notifications', command.notifications);
  const notifications = { ...DEFAULT_NOTIFICATIONS, ...(command.notifications ?? {}) };
  if (problems.array('notifications.reminders', notifications.reminders, { max: LIMITS.reminders })) {
    notifications.reminders.forEach((reminder, index) => {
      if (!isNotificationDelay(reminder))
        problems.add(
          `notifications.reminders[${index}]`,
          notificationDelayMessage('P7D'),
          notificationDelayMessageEn('P7D'),
        );
    });
  }
  if (typeof notifications.at !== 'string' || !HH_MM.test(notifications.at))
    problems.add('notifications.at', 'phải có dạng "HH:mm"', 'must be "HH:mm"');
  if (!isNotificationDelay(notifications.escalateAfter))
    problems.add('notifications.escalateAfter', notificationDelayMessage('P1D'), notificationDelayMessageEn('P1D'));
  const holidays = notifications.holidays ?? [];
  if (problems.array('notifications.holidays', holidays, { max: LIMITS.holidays })) {
    holidays.forEach((day, index) => {
      const field = `notifications.holidays[${index}]`;
      if (!isIsoDate(day)) problems.add(field, 'phải là một ngày YYYY-MM-DD', 'must be a date YYYY-MM-DD');
      else if (typeof command.year === 'number' && typeof timeZone === 'string')
        checkInCycleWindow(problems, field, `${day}T12:00:00Z`, command.year, timeZone);
    });
  }

  const eligibilityInput = command.eligibility ?? {};
  const eligibility: Eligibility = { registrationRequired: command.year < REGISTRATION_OPTIONAL_FROM_YEAR };
  if (problems.object('eligibility', eligibilityInput)) {
    const { registrationRequired, minimumTotal } = eligibilityInput;
    if (registrationRequired !== undefined) {
      if (typeof registrationRequired !== 'boolean')
        problems.add('eligibility.registrationRequired', 'phải là true hoặc false', 'must be true or false');
      else eligibility.registrationRequired = registrationRequired;
    }
    if (minimumTotal !== undefined && problems.number('eligibility.minimumTotal', minimumTotal, { min: 0 })) {
      if (!hasAtMostTwoDecimals(minimumTotal))
        problems.add('eligibility.minimumTotal', 'tối đa hai chữ số thập phân', 'at most two decimals');
      else eligibility.minimumTotal = minimumTotal;
    }
  }

  problems.throwIfAny();

  const config: CycleConfig = {
    cycleId: command.cycleId,
    clusterId: command.clusterId,
    clusterName: cleanText(command.clusterName),
    provinceId: command.provinceId,
    year: command.year,
    units: command.units.map((unit) => ({ id: unit.id, name: cleanText(unit.name) })),
    leaderUnitId: command.leaderUnitId,
    ...(command.deputyUnitId !== undefined ? { deputyUnitId: command.deputyUnitId } : {}),
    criteria: cleanCriteria(command.criteria),
    awards: awards.map((award) => ({ kind: award.kind, quota: award.quota })),
    voteRules: { quorum: quorum!, passThreshold: passThreshold!, of },
    tieBreak: [...tieBreak],
    timeZone,
    schedule,
    notifications: {
      reminders: [...notifications.reminders],
      at: notifications.at,
      escalateAfter: notifications.escalateAfter,
      ...(holidays.length > 0 ? { holidays: [...new Set(holidays)].sort() } : {}),
    },
    eligibility,
    ...(command.recordedLater ? { recordedFromPaper: { source: cleanText(command.recordedLater.source) } } : {}),
  };
  return [{ type: 'CycleOpened', data: config }];
}
