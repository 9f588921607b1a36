/**
 * Test helper: domain events for a small cycle, typed against the domain's catalog so that a
 * change there breaks these tests at compile time. Each comes with the stream it belongs to.
 */
import { randomUUID } from 'node:crypto';
import { toNewEvents } from '#command-handling';
import type { CycleConfig, ScheduleStep, SubmissionStep } from '#domain';
import type { DomainEvent } from '#domain';
import { cycleStreamName, unitStreamName } from '#domain';
import type { NewEvent } from '#event-store';

export interface Located {
  streamId: string;
  event: NewEvent;
}

export function envelope(event: DomainEvent, occurredAt: string): NewEvent {
  return toNewEvents([event], { commandId: randomUUID(), actor: { userId: 'test', role: 'province' }, occurredAt })[0]!;
}

/** A cycle of `unitCount` units (u1…uN, leader u1) whose every step is due at `dueAt`. */
export function testCycleConfig(options: {
  cycleId?: string;
  unitCount?: number;
  dueAt: string;
  reminders?: string[];
  escalateAfter?: string;
  at?: string;
  holidays?: string[];
}): CycleConfig {
  const cycleId = options.cycleId ?? 'cum-test-2020';
  const units = Array.from({ length: options.unitCount ?? 3 }, (_, i) => ({
    id: `u${i + 1}`,
    name: `Huyện Thử Nghiệm ${i + 1}`,
  }));
  const due = { given: options.dueAt, dueAt: options.dueAt };
  const steps: ScheduleStep[] = [
    'registration',
    'mid-year-review',
    'self-assessment',
    'vote',
    'nomination',
    'decision',
  ];
  return {
    cycleId,
    clusterId: 'cum-test',
    clusterName: 'Cụm thi đua số 2',
    provinceId: 'an-giang',
    year: 2020,
    units,
    leaderUnitId: 'u1',
    criteria: { groups: [], bonus: [], penalty: [] },
    awards: [{ kind: 'emulation-flag', quota: 1 }],
    voteRules: { quorum: '2/3', passThreshold: '7/10', of: 'ballots-cast' },
    tieBreak: ['final-score', 'first-group', 'vote'],
    eligibility: { registrationRequired: false },
    timeZone: 'Asia/Ho_Chi_Minh',
    schedule: Object.fromEntries(steps.map((s) => [s, due])) as CycleConfig['schedule'],
    notifications: {
      reminders: options.reminders ?? ['P7D', 'P3D', 'P1D'],
      at: options.at ?? '08:00',
      escalateAfter: options.escalateAfter ?? 'P1D',
      ...(options.holidays ? { holidays: options.holidays } : {}),
    },
  };
}

export const cycleEvents = {
  opened: (config: CycleConfig, at: string): Located => ({
    streamId: cycleStreamName(config.cycleId),
    event: envelope({ type: 'CycleOpened', data: config }, at),
  }),
  stepOpened: (cycleId: string, step: SubmissionStep, at: string): Located => ({
    streamId: cycleStreamName(cycleId),
    event: envelope({ type: 'StepOpened', data: { cycleId, step } }, at),
  }),
  stepClosed: (cycleId: string, step: SubmissionStep, at: string): Located => ({
    streamId: cycleStreamName(cycleId),
    event: envelope({ type: 'StepClosed', data: { cycleId, step } }, at),
  }),
  stepReopened: (cycleId: string, step: SubmissionStep, at: string): Located => ({
    streamId: cycleStreamName(cycleId),
    event: envelope({ type: 'StepReopened', data: { cycleId, step, reason: 'Mở lại để bổ sung' } }, at),
  }),
  extended: (cycleId: string, step: ScheduleStep, dueAt: string, at: string, unitId?: string): Located => ({
    streamId: cycleStreamName(cycleId),
    event: envelope(
      {
        type: 'DueDateExtended',
        data: { cycleId, step, due: dueAt, dueAt, reason: 'Gia hạn do thiên tai', ...(unitId ? { unitId } : {}) },
      },
      at,
    ),
  }),
  registered: (cycleId: string, unitId: string, at: string, dueAt: string, version = 1): Located => ({
    streamId: unitStreamName(cycleId, unitId),
    event: envelope(
      {
        type: 'RegistrationSubmitted',
        data: { cycleId, unitId, version, submittedAt: at, dueAt, late: false, cycleRevision: 1, targets: [] },
      },
      at,
    ),
  }),
  returned: (cycleId: string, unitId: string, at: string, version = 1): Located => ({
    streamId: unitStreamName(cycleId, unitId),
    event: envelope(
      {
        type: 'SubmissionReturned',
        data: { cycleId, unitId, submission: 'registration', version, reason: 'Thiếu chỉ tiêu' },
      },
      at,
    ),
  }),
};
