/** OpenCycle: the province opens a cluster's cycle with its whole configuration, defaults applied. */
import type { OpenCycle } from '../commands.js';
import type { CycleOpened } from '../events.js';
import { DomainError } from '../shared/errors.js';
import { requireInstant, requireRole } from '../shared/guards.js';
import { Problems, cleanText } from '../shared/validate.js';
import {
  MAX_NOTIFICATION_DELAY_DAYS,
  compareInstants,
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
  SCHEDULE_STEPS,
  TIE_BREAKERS,
  type CriteriaTable,
  type CycleConfig,
  type Schedule,
  type ScoreItem,
  type TieBreaker,
} from './config.js';
import type { CycleState } from './state.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every later command of a unit appends to its stream: refuse now a name the store would refuse then. */
function checkUnitStreamName(problems: Problems, field: string, cycleId: string, unitId: string): void {
  if (unitStreamName(cycleId, unitId).length > MAX_STREAM_NAME_LENGTH) {
    problems.add(field, `mã đơn vị quá dài so với mã đợt thi đua: tên luồng dữ liệu của đơn vị vượt quá ${MAX_STREAM_NAME_LENGTH} ký tự`);
  }
}

function isNotificationDelay(value: unknown): value is string {
  return isPositiveDurationUpTo(value, MAX_NOTIFICATION_DELAY_DAYS);
}

function notificationDelayMessage(example: string): string {
  return `phải là khoảng thời gian ISO 8601 lớn hơn 0 và không quá ${MAX_NOTIFICATION_DELAY_DAYS} ngày, ví dụ "${example}"`;
}

function checkMaxPoints(problems: Problems, field: string, value: unknown): void {
  if (problems.number(field, value) && (value <= 0 || !hasAtMostTwoDecimals(value))) {
    problems.add(field, 'phải lớn hơn 0, tối đa hai chữ số thập phân');
  }
}

function checkItems(problems: Problems, field: string, items: unknown): void {
  if (!problems.array(field, items, { max: 100 })) return;
  items.forEach((item, index) => {
    const at = `${field}[${index}]`;
    if (!problems.object(at, item)) return;
    problems.key(`${at}.id`, item.id);
    problems.text(`${at}.title`, item.title, 500);
    checkMaxPoints(problems, `${at}.maxPoints`, item.maxPoints);
  });
}

function checkCriteria(problems: Problems, criteria: unknown): void {
  if (!problems.object('criteria', criteria)) return;
  if (problems.array('criteria.groups', criteria.groups, { nonEmpty: true, max: 50 })) {
    criteria.groups.forEach((group, g) => {
      const at = `criteria.groups[${g}]`;
      if (!problems.object(at, group)) return;
      problems.key(`${at}.id`, group.id);
      problems.text(`${at}.title`, group.title, 500);
      if (!problems.array(`${at}.criteria`, group.criteria, { nonEmpty: true, max: 100 })) return;
      group.criteria.forEach((criterion, c) => {
        const field = `${at}.criteria[${c}]`;
        if (!problems.object(field, criterion)) return;
        problems.key(`${field}.id`, criterion.id);
        problems.text(`${field}.title`, criterion.title, 500);
        checkMaxPoints(problems, `${field}.maxPoints`, criterion.maxPoints);
        if (criterion.kind !== 'quantitative' && criterion.kind !== 'qualitative') {
          problems.add(`${field}.kind`, 'phải là "quantitative" hoặc "qualitative"');
        }
        problems.optionalText(`${field}.unit`, criterion.unit, 50);
      });
    });
  }
  checkItems(problems, 'criteria.bonus', criteria.bonus ?? []);
  checkItems(problems, 'criteria.penalty', criteria.penalty ?? []);
}

function cleanItem(item: ScoreItem): ScoreItem {
  return { id: item.id, title: cleanText(item.title), maxPoints: item.maxPoints };
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
  problems.text('clusterName', command.clusterName, 200);
  problems.id('provinceId', command.provinceId);
  if (problems.number('year', command.year, { integer: true }) && (command.year < 1945 || command.year > 2200)) {
    problems.add('year', 'năm không hợp lệ');
  }

  const unitIds: string[] = [];
  if (problems.array('units', command.units, { nonEmpty: true, max: 1000 })) {
    command.units.forEach((unit, index) => {
      if (!problems.object(`units[${index}]`, unit)) return;
      if (problems.id(`units[${index}].id`, unit.id)) {
        unitIds.push(unit.id);
        if (cycleIdValid) checkUnitStreamName(problems, `units[${index}].id`, command.cycleId, unit.id);
      }
      problems.text(`units[${index}].name`, unit.name, 200);
    });
    problems.unique('units', unitIds, 'mã đơn vị');
  }
  if (problems.id('leaderUnitId', command.leaderUnitId) && !unitIds.includes(command.leaderUnitId)) {
    problems.add('leaderUnitId', 'đơn vị trưởng cụm phải là thành viên của cụm');
  }
  if (command.deputyUnitId !== undefined && problems.id('deputyUnitId', command.deputyUnitId)) {
    if (!unitIds.includes(command.deputyUnitId)) problems.add('deputyUnitId', 'đơn vị phó cụm phải là thành viên của cụm');
    else if (command.deputyUnitId === command.leaderUnitId) problems.add('deputyUnitId', 'phó cụm phải khác trưởng cụm');
  }

  checkCriteria(problems, command.criteria);
  if (problems.list.length === 0) {
    const criteria = cleanCriteria(command.criteria);
    problems.unique('criteria', scoreItemIds(criteria), 'mã tiêu chí');
    problems.unique('criteria.groups', criteria.groups.map((group) => group.id), 'mã nhóm tiêu chí');
  }

  const awards = command.awards ?? DEFAULT_AWARDS.map((award) => ({ ...award }));
  if (problems.array('awards', awards, { nonEmpty: true, max: 20 })) {
    awards.forEach((award, index) => {
      if (!problems.object(`awards[${index}]`, award)) return;
      problems.id(`awards[${index}].kind`, award.kind);
      if (problems.number(`awards[${index}].quota`, award.quota, { integer: true }) && award.quota < 1) {
        problems.add(`awards[${index}].quota`, 'chỉ tiêu phải từ 1 trở lên');
      }
    });
    problems.unique('awards', awards.map((award) => award?.kind), 'loại danh hiệu');
  }

  const voteInput = command.voteRules ?? {};
  let quorum: string | null = DEFAULT_VOTE_RULES.quorum;
  let passThreshold: string | null = DEFAULT_VOTE_RULES.passThreshold;
  const of = voteInput.of ?? DEFAULT_VOTE_RULES.of;
  if (problems.object('voteRules', voteInput)) {
    if (voteInput.quorum !== undefined) quorum = parseRatio(voteInput.quorum);
    if (voteInput.passThreshold !== undefined) passThreshold = parseRatio(voteInput.passThreshold);
    if (quorum === null) problems.add('voteRules.quorum', 'phải là tỷ lệ trong khoảng (0, 1], ví dụ "2/3", 0.67 hoặc "67%"');
    if (passThreshold === null) problems.add('voteRules.passThreshold', 'phải là tỷ lệ trong khoảng (0, 1], ví dụ 0.7 hoặc "70%"');
    if (of !== 'ballots-cast' && of !== 'members') problems.add('voteRules.of', 'phải là "ballots-cast" hoặc "members"');
  }

  const tieBreak = command.tieBreak ?? [...DEFAULT_TIE_BREAK];
  if (problems.array('tieBreak', tieBreak, { nonEmpty: true, max: TIE_BREAKERS.length })) {
    if (tieBreak[0] !== 'final-score') problems.add('tieBreak[0]', 'xếp hạng luôn theo tổng điểm trước: phải là "final-score"');
    tieBreak.forEach((key, index) => {
      if (!TIE_BREAKERS.includes(key as TieBreaker)) problems.add(`tieBreak[${index}]`, `phải là một trong ${TIE_BREAKERS.join(', ')}`);
    });
    problems.unique('tieBreak', tieBreak, 'tiêu chí phân định');
  }

  const timeZone = command.timeZone ?? DEFAULT_TIME_ZONE;
  const zoneValid = isValidTimeZone(timeZone);
  if (!zoneValid) problems.add('timeZone', 'múi giờ IANA không hợp lệ');

  const schedule = {} as Schedule;
  if (problems.object('schedule', command.schedule) && zoneValid) {
    let previous: string | undefined;
    for (const step of SCHEDULE_STEPS) {
      const given = command.schedule[step];
      const dueAt = typeof given === 'string' ? resolveDue(given, timeZone) : null;
      if (dueAt === null) {
        problems.add(`schedule.${step}`, 'phải là một ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601');
        continue;
      }
      if (previous !== undefined && compareInstants(dueAt, previous) < 0) {
        problems.add(`schedule.${step}`, 'hạn của bước sau không được sớm hơn hạn của bước trước');
      }
      previous = dueAt;
      schedule[step] = { given, dueAt };
    }
    for (const key of Object.keys(command.schedule)) {
      if (!(SCHEDULE_STEPS as readonly string[]).includes(key)) problems.add(`schedule.${key}`, 'bước không tồn tại');
    }
  }

  if (command.notifications !== undefined) problems.object('notifications', command.notifications);
  const notifications = { ...DEFAULT_NOTIFICATIONS, ...(command.notifications ?? {}) };
  if (problems.array('notifications.reminders', notifications.reminders, { max: 10 })) {
    notifications.reminders.forEach((reminder, index) => {
      if (!isNotificationDelay(reminder)) problems.add(`notifications.reminders[${index}]`, notificationDelayMessage('P7D'));
    });
  }
  if (typeof notifications.at !== 'string' || !HH_MM.test(notifications.at)) problems.add('notifications.at', 'phải có dạng "HH:mm"');
  if (!isNotificationDelay(notifications.escalateAfter)) problems.add('notifications.escalateAfter', notificationDelayMessage('P1D'));

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
    },
  };
  return [{ type: 'CycleOpened', data: config }];
}
