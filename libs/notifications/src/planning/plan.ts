/**
 * The pure planner: from the deadlines model, which timers (rounds) a cycle needs, and when a round
 * fires, who must be told what. A round is one moment for one step and one due instant: "7 days
 * before the registration due on 28/02" or "escalate the registration due on 28/02". Recipients are
 * decided only when the round fires, from a fresh read of the log, so a submission made meanwhile
 * cancels that unit's reminder, and an extension moves the unit to another round (another due).
 */
import { extensionWins } from '#domain';
import { TRACKED_STEPS, type Recipient, type RoundKind, type TrackedStep } from '#notification-events';
import type { CycleDeadlines, StepDeadline } from '../deadlines/deadlines-model.js';
import { escalationTime, reminderTime } from './send-time.js';

export interface Round {
  /** Deterministic: `<cycleId>.<step>.<kind>.<offset>.<due epoch ms>` (no ':' for BullMQ). */
  roundId: string;
  cycleId: string;
  step: TrackedStep;
  kind: RoundKind;
  /** The ISO 8601 duration before (reminder) or after (escalation) the due instant. */
  offset: string;
  dueAt: string;
  sendAt: string;
}

/** One notification a round sends: deterministic id, so the log can refuse a second one. */
export interface PlannedNotification {
  notificationId: string;
  round: Round;
  recipient: Recipient;
  /** For a reminder, the unit reminded; for an escalation, the units still missing. */
  units: string[];
}

export function recipientKey(recipient: Recipient): string {
  return recipient.type === 'province' ? `province-${recipient.provinceId}` : `${recipient.type}-${recipient.unitId}`;
}

export function roundId(cycleId: string, step: TrackedStep, kind: RoundKind, offset: string, dueAt: string): string {
  return `${cycleId}.${step}.${kind}.${offset}.${Date.parse(dueAt)}`;
}

/** A unit's due date in force: its own extension when later than the step's, and when it was set. */
export function unitDeadline(step: StepDeadline, unitId: string): { dueAt: string; given: string; armedAt: string } {
  const own = step.unitDue.get(unitId);
  const useOwn = own !== undefined && extensionWins(step.due.dueAt, own.dueAt);
  const due = useOwn ? own : step.due;
  const movedAt = useOwn ? own.movedAt : step.dueMovedAt;
  return { dueAt: due.dueAt, given: due.given, armedAt: latest(step.armedAt, movedAt) };
}

function latest(a: string | null, b: string | null): string {
  if (a === null) return b ?? '1970-01-01T00:00:00.000Z';
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Units that must still act in an open step. */
export function missingUnits(step: StepDeadline): string[] {
  return step.status === 'open' ? step.actors.filter((u) => !step.done.has(u)) : [];
}

/**
 * Every round an open step needs for the units still missing: one set of reminders and one
 * escalation per distinct due instant. Reminders already past when their deadline was armed are
 * left out (a step opened two days before its due gets no 7-day reminder).
 */
export function planCycle(cycle: CycleDeadlines): Round[] {
  const rounds = new Map<string, Round>();
  for (const step of TRACKED_STEPS) {
    const deadline = cycle.steps[step];
    const earliestArming = new Map<string, number>();
    for (const unitId of missingUnits(deadline)) {
      const { dueAt, armedAt } = unitDeadline(deadline, unitId);
      const armed = Date.parse(armedAt);
      earliestArming.set(dueAt, Math.min(earliestArming.get(dueAt) ?? armed, armed));
    }
    for (const [dueAt, armed] of earliestArming) {
      for (const round of roundsFor(cycle, step, dueAt)) {
        if (Date.parse(round.sendAt) >= armed) rounds.set(round.roundId, round);
      }
    }
  }
  return [...rounds.values()].sort(
    (a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt) || a.roundId.localeCompare(b.roundId),
  );
}

function roundsFor(cycle: CycleDeadlines, step: TrackedStep, dueAt: string): Round[] {
  const { reminders, at, escalateAfter, holidays = [] } = cycle.notifications;
  const rounds: Round[] = [];
  for (const offset of new Set(reminders)) {
    const sendAt = reminderTime(dueAt, offset, cycle.timeZone, at, holidays);
    // A reminder at or after the due moment would say nothing the escalation does not; two moved
    // onto the same working day (3 and 1 days before a Monday) are sent once.
    if (sendAt !== null && Date.parse(sendAt) < Date.parse(dueAt) && !rounds.some((round) => round.sendAt === sendAt)) {
      rounds.push({
        roundId: roundId(cycle.cycleId, step, 'reminder', offset, dueAt),
        cycleId: cycle.cycleId,
        step,
        kind: 'reminder',
        offset,
        dueAt,
        sendAt,
      });
    }
  }
  const escalateAt = escalationTime(dueAt, escalateAfter, cycle.timeZone, at, holidays);
  if (escalateAt !== null) {
    const sendAt = Date.parse(escalateAt) > Date.parse(dueAt) ? escalateAt : dueAt;
    rounds.push({
      roundId: roundId(cycle.cycleId, step, 'escalation', escalateAfter, dueAt),
      cycleId: cycle.cycleId,
      step,
      kind: 'escalation',
      offset: escalateAfter,
      dueAt,
      sendAt,
    });
  }
  return rounds;
}

/** Whether a round can still send anything at `now` (a reminder is pointless once its due passed). */
export function isRoundLive(round: Round, now: Date): boolean {
  return round.kind === 'escalation' || now.getTime() < Date.parse(round.dueAt);
}

/**
 * Who a round tells, decided when it fires (`now`), on a model freshly read from the log. Empty
 * when nothing is left to say: the step closed, everyone submitted, the due date moved away from
 * this round, the round is no longer live, or it was armed after its moment.
 */
export function notificationsOf(round: Round, cycle: CycleDeadlines, now: Date): PlannedNotification[] {
  if (!isRoundLive(round, now)) return [];
  const step = cycle.steps[round.step];
  const sendAt = Date.parse(round.sendAt);
  const dueAt = Date.parse(round.dueAt);
  const concernedBy = (deadline: { dueAt: string; armedAt: string }) =>
    Date.parse(deadline.dueAt) === dueAt && sendAt >= Date.parse(deadline.armedAt);
  // Most units have no due date of their own: the step's verdict, decided once, is theirs (a
  // round of 1,000 units would parse the same dates 1,000 times).
  let stepVerdict: boolean | undefined;
  const concerned = missingUnits(step).filter((unitId) => {
    if (step.unitDue.has(unitId)) return concernedBy(unitDeadline(step, unitId));
    return (stepVerdict ??= concernedBy(unitDeadline(step, unitId)));
  });
  if (concerned.length === 0) return [];
  const make = (recipient: Recipient, units: string[]): PlannedNotification => ({
    notificationId: `${round.roundId}.${recipientKey(recipient)}`,
    round,
    recipient,
    units,
  });
  if (round.kind === 'reminder') {
    const type = round.step === 'nomination' ? 'leader' : 'unit';
    return concerned.map((unitId) => make({ type, unitId }, [unitId]));
  }
  const leader = make({ type: 'leader', unitId: cycle.leaderUnitId }, concerned);
  if (round.step !== 'nomination') return [leader];
  return [leader, make({ type: 'province', provinceId: cycle.provinceId }, concerned)];
}
