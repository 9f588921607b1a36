/** Commands of the cycle (docs/api.md, "Cycle"): open a cycle, drive its steps, extend a due date. */
import { defaultCycleId, type DomainCommand } from '#domain';
import { commandController } from '../commands/command-controller.js';
import type { CommandBasis } from '../commands/command-executor.js';
import { commandRoute } from '../commands/command-route.js';
import { OpenCycleDto } from './open-cycle.dto.js';
import {
  CancelCycleDto,
  CloseStepDto,
  CycleParams,
  DissolvedUnitParams,
  DissolveUnitDto,
  EmptyDto,
  ExtendDueDateDto,
  ReopenableStepParams,
  ReopenStepDto,
  ReplaceLeaderDto,
  ScheduleStepParams,
  SubmissionStepParams,
} from './step.dto.js';

const base = (params: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: params.cycleId });

export const CYCLE_ROUTES = {
  open: commandRoute({
    method: 'POST',
    path: '/',
    status: 201,
    roles: ['province'],
    summary: 'the cycle is open; answers its cycleId',
    body: OpenCycleDto,
    toDomain: ({ body }, b): DomainCommand => {
      const { cycleId, criteria, ...rest } = body;
      const item = (c: { id: string; title: string; maxPoints: number }) => ({
        id: c.id,
        title: c.title,
        maxPoints: c.maxPoints,
      });
      return {
        type: 'OpenCycle',
        actor: b.actor,
        at: b.at,
        ...rest,
        cycleId: cycleId ?? defaultCycleId(body.clusterId, body.year),
        criteria: {
          groups: criteria.groups.map((g) => ({
            id: g.id,
            title: g.title,
            criteria: g.criteria.map((c) => ({
              ...item(c),
              kind: c.kind ?? 'qualitative',
              ...(c.unit ? { unit: c.unit } : {}),
              ...(c.formula ? { formula: { direction: c.formula.direction, fullAt: c.formula.fullAt } } : {}),
              ...(c.disqualifyingBelow !== undefined ? { disqualifyingBelow: c.disqualifyingBelow } : {}),
            })),
          })),
          bonus: (criteria.bonus ?? []).map(item),
          penalty: (criteria.penalty ?? []).map((c) => ({
            ...item(c),
            ...(c.disqualifying !== undefined ? { disqualifying: c.disqualifying } : {}),
          })),
        },
        units: body.units.map((u) => ({ id: u.id, name: u.name })),
        awards: body.awards?.map((a) => ({ kind: a.kind, quota: a.quota })),
        schedule: { ...body.schedule },
      } as DomainCommand;
    },
    answer: (_outcome, _b, { body }) => ({ cycleId: body.cycleId ?? defaultCycleId(body.clusterId, body.year) }),
  }),
  openStep: commandRoute({
    method: 'POST',
    path: ':cycleId/steps/:step/open',
    status: 200,
    roles: ['leader'],
    summary: 'the step is open',
    params: SubmissionStepParams,
    body: EmptyDto,
    toDomain: ({ params }, b) => ({ type: 'OpenStep', ...base(params, b), step: params.step }),
  }),
  closeStep: commandRoute({
    method: 'POST',
    path: ':cycleId/steps/:step/close',
    status: 200,
    roles: ['leader'],
    summary: 'the step is closed',
    params: SubmissionStepParams,
    body: CloseStepDto,
    toDomain: ({ params, body }, b) => ({
      type: 'CloseStep',
      ...base(params, b),
      step: params.step,
      ...(body.summary !== undefined ? { summary: body.summary } : {}),
    }),
  }),
  dissolveUnit: commandRoute({
    method: 'POST',
    path: ':cycleId/units/:unitId/dissolution',
    status: 201,
    roles: ['province'],
    summary: 'a member unit dissolved or merged during the year, by its decision: it leaves the quorum and the roster',
    params: DissolvedUnitParams,
    body: DissolveUnitDto,
    toDomain: ({ params, body }, b) => ({
      type: 'DissolveUnit',
      ...base(params, b),
      unitId: params.unitId,
      how: body.how,
      mergedInto: body.mergedInto,
      decisionNo: body.decisionNo,
      effectiveOn: body.effectiveOn,
      reason: body.reason,
    }),
  }),
  replaceLeader: commandRoute({
    method: 'POST',
    path: ':cycleId/leadership',
    status: 200,
    roles: ['province'],
    summary: 'the leader or deputy unit replaced mid-year, with the reason',
    params: CycleParams,
    body: ReplaceLeaderDto,
    toDomain: ({ params, body }, b) => ({
      type: 'ReplaceLeader',
      ...base(params, b),
      role: body.role,
      unitId: body.unitId,
      reason: body.reason,
    }),
  }),
  cancel: commandRoute({
    method: 'POST',
    path: ':cycleId/cancel',
    status: 200,
    roles: ['province'],
    summary: 'the cycle cancelled with the reason: it closes with no award',
    params: CycleParams,
    body: CancelCycleDto,
    toDomain: ({ params, body }, b) => ({
      type: 'CancelCycle',
      ...base(params, b),
      reason: body.reason,
      decisionNo: body.decisionNo,
    }),
  }),
  reopenStep: commandRoute({
    method: 'POST',
    path: ':cycleId/steps/:step/reopen',
    status: 200,
    roles: ['leader', 'province'],
    summary: 'the step is open again',
    params: ReopenableStepParams,
    body: ReopenStepDto,
    toDomain: ({ params, body }, b) => ({
      type: 'ReopenStep',
      ...base(params, b),
      step: params.step,
      reason: body.reason,
    }),
  }),
  extend: commandRoute({
    method: 'POST',
    path: ':cycleId/steps/:step/extend',
    status: 200,
    roles: ['leader', 'province'],
    summary: 'the due date is extended',
    params: ScheduleStepParams,
    body: ExtendDueDateDto,
    toDomain: ({ params, body }, b) => ({
      type: 'ExtendDueDate',
      ...base(params, b),
      step: params.step,
      due: body.due,
      reason: body.reason,
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
    }),
  }),
};

export const CyclesController = commandController({
  name: 'CyclesController',
  path: 'cycles',
  tag: 'cycle',
  routes: CYCLE_ROUTES,
});
