import {
  SCHEDULE_STEPS,
  dueInForce,
  SUBMISSION_FIELD,
  SUBMISSION_KINDS,
  STEP_OF_SUBMISSION,
  type CycleConfig,
  type OpenedCycleState,
  type ScheduleStep,
  type StepStatus,
  type SubmissionKind,
  type SubmissionStep,
} from '#domain';
import type { CycleModel, ReturnNote, UnitSummary } from '../cycle-model/cycle-model.js';

/** A unit's state in a submission step. */
export type UnitStepState = 'missing' | 'submitted' | 'late' | 'returned' | 'accepted';

export type UnitSubmissionView = {
  /** `late`: the latest version came after the due date in force and awaits review. */
  state: UnitStepState;
  /** The latest version was submitted after the due date in force (kept once it is accepted). */
  late: boolean;
  /** How many versions were submitted (every version stays in the log). */
  versions: number;
  submittedAt?: string;
  /** The due date in force for this unit (its own extension counted), an ISO UTC instant. */
  dueAt: string;
  /** While the state is `returned`: the reason, when (ISO UTC) and the returning role. */
  returned?: ReturnNote;
};

export type UnitStatusView = {
  unitId: string;
  unitName: string;
  steps: Record<SubmissionStep, UnitSubmissionView>;
  /** Whether the unit has cast its ballot in the current vote round. */
  voted: boolean;
};

export type StepView = {
  step: ScheduleStep;
  status: StepStatus;
  /** The due date in force for every unit (the schedule's, moved by step-wide extensions). */
  dueAt: string;
  /** Units with an extension of their own: unit id → due date in force for that unit. */
  unitDueAt: Record<string, string>;
};

/** What `GET /cycles/{cycleId}` shows. */
export type CycleStatusView = {
  cycleId: string;
  status: 'open' | 'closed';
  /** Position of the last event of the cycle folded into this view. */
  position: number;
  updatedAt: string;
  config: CycleConfig;
  steps: StepView[];
  /** The first step not closed yet, null once the decision is issued. */
  currentStep: ScheduleStep | null;
  units: UnitStatusView[];
  scoresLocked: boolean;
  vote: { status: StepStatus; round: number; mode?: string; members: number; participants: number };
  /** `returned`: while the status is `returned`, the province's reason, when and its role. */
  nominations: { status: 'none' | 'submitted' | 'accepted' | 'returned'; version: number; returned?: ReturnNote };
  decision?: { decisionNo: string; issuedOn: string };
};

/** One line of `GET /cycles`. */
export type CycleSummary = {
  cycleId: string;
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  status: 'open' | 'closed';
  currentStep: ScheduleStep | null;
  leaderUnitId: string;
  deputyUnitId?: string;
  unitCount: number;
  position: number;
  updatedAt: string;
};

/** The opened cycle of a model, or undefined when the model holds no `CycleOpened`. */
export function openedCycle(model: CycleModel | undefined): OpenedCycleState | undefined {
  return model && model.cycle.status !== 'none' ? model.cycle : undefined;
}

/** The status of each of the six steps of the schedule. */
export function stepStatuses(cycle: OpenedCycleState): Record<ScheduleStep, StepStatus> {
  const vote: StepStatus = cycle.vote.status;
  const nominationsAccepted = cycle.nominations.status === 'accepted';
  return {
    ...(Object.fromEntries(Object.entries(cycle.steps).map(([step, state]) => [step, state.status])) as Record<
      SubmissionStep,
      StepStatus
    >),
    vote,
    // The leader nominates once the vote is closed; the step closes when the province accepts.
    nomination: nominationsAccepted || cycle.decision ? 'closed' : vote === 'closed' ? 'open' : 'pending',
    decision: cycle.decision ? 'closed' : nominationsAccepted ? 'open' : 'pending',
  };
}

export function currentStepOf(statuses: Record<ScheduleStep, StepStatus>): ScheduleStep | null {
  return SCHEDULE_STEPS.find((step) => statuses[step] !== 'closed') ?? null;
}

/** A unit's view of one submission kind. */
export function unitSubmission(
  cycle: OpenedCycleState,
  unit: UnitSummary | undefined,
  unitId: string,
  kind: SubmissionKind,
): UnitSubmissionView {
  const dueAt = dueInForce(cycle, STEP_OF_SUBMISSION[kind], unitId);
  const latest = unit?.[SUBMISSION_FIELD[kind]];
  if (!latest) return { state: 'missing', late: false, versions: 0, dueAt };
  const state: UnitStepState = latest.status === 'submitted' ? (latest.late ? 'late' : 'submitted') : latest.status;
  const view: UnitSubmissionView = {
    state,
    late: latest.late,
    versions: latest.version,
    submittedAt: latest.submittedAt,
    dueAt,
  };
  if (state === 'returned' && latest.returned) view.returned = latest.returned;
  return view;
}

export function votersOf(cycle: OpenedCycleState): readonly string[] {
  return cycle.vote.status === 'pending' ? [] : cycle.vote.voters;
}

export function cycleStatusView(model: CycleModel | undefined): CycleStatusView | undefined {
  const cycle = openedCycle(model);
  if (!model || !cycle) return undefined;
  const statuses = stepStatuses(cycle);
  const voters = new Set(votersOf(cycle));
  return {
    cycleId: model.cycleId,
    status: cycle.status,
    position: model.position,
    updatedAt: model.updatedAt,
    config: cycle.config,
    steps: SCHEDULE_STEPS.map((step) => ({
      step,
      status: statuses[step],
      dueAt: cycle.dueAt[step],
      unitDueAt: { ...cycle.unitDueAt[step] },
    })),
    currentStep: currentStepOf(statuses),
    units: cycle.config.units.map((member) => ({
      unitId: member.id,
      unitName: member.name,
      steps: Object.fromEntries(
        SUBMISSION_KINDS.map((kind) => [
          STEP_OF_SUBMISSION[kind],
          unitSubmission(cycle, model.units[member.id], member.id, kind),
        ]),
      ) as Record<SubmissionStep, UnitSubmissionView>,
      voted: voters.has(member.id),
    })),
    scoresLocked: cycle.locked !== undefined,
    vote: {
      status: cycle.vote.status,
      round: cycle.vote.round,
      ...(cycle.vote.status !== 'pending' ? { mode: cycle.vote.opened.mode } : {}),
      members: cycle.config.units.length,
      participants: voters.size,
    },
    nominations: {
      status: cycle.nominations.status,
      version: cycle.nominations.version,
      ...(cycle.nominations.status === 'returned' && model.nominationsReturned
        ? { returned: model.nominationsReturned }
        : {}),
    },
    ...(cycle.decision
      ? { decision: { decisionNo: cycle.decision.decisionNo, issuedOn: cycle.decision.issuedOn } }
      : {}),
  };
}

export function cycleSummary(model: CycleModel | undefined): CycleSummary | undefined {
  const cycle = openedCycle(model);
  if (!model || !cycle) return undefined;
  const { config } = cycle;
  return {
    cycleId: model.cycleId,
    clusterId: config.clusterId,
    clusterName: config.clusterName,
    provinceId: config.provinceId,
    year: config.year,
    status: cycle.status,
    currentStep: currentStepOf(stepStatuses(cycle)),
    leaderUnitId: config.leaderUnitId,
    ...(config.deputyUnitId !== undefined ? { deputyUnitId: config.deputyUnitId } : {}),
    unitCount: config.units.length,
    position: model.position,
    updatedAt: model.updatedAt,
  };
}

export type CycleFilter = { year?: number; clusterId?: string; provinceId?: string; status?: 'open' | 'closed' };
