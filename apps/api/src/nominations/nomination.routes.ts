/**
 * Nominations to the province, their review, the award decision and revocations (docs/api.md, "Vote, nomination,
 * decision").
 */
import { commandController } from '../commands/command-controller.js';
import type { CommandBasis } from '../commands/command-executor.js';
import { commandRoute } from '../commands/command-route.js';
import { CycleParams } from '../cycles/step.dto.js';
import {
  AcceptNominationsDto,
  AwardDecisionDto,
  CouncilReviewDto,
  AwardParams,
  ReturnNominationsDto,
  RevokeAwardDto,
  SubmitNominationsDto,
} from './nomination.dto.js';

const base = (p: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: p.cycleId });

export const NOMINATION_ROUTES = {
  nominate: commandRoute({
    method: 'POST',
    path: 'nominations',
    status: 201,
    roles: ['leader'],
    summary: 'the nominations and their dossier are submitted to the province',
    params: CycleParams,
    body: SubmitNominationsDto,
    toDomain: ({ params, body }, b) => ({
      type: 'SubmitNominations',
      ...base(params, b),
      nominations: body.nominations,
      dossier: body.dossier,
    }),
    attachments: ({ body }) =>
      body.dossier.flatMap((item, i) => (item.sha256 ? [{ field: `dossier.${i}.sha256`, sha256: item.sha256 }] : [])),
    answer: (outcome) => {
      const data = outcome.events[0]?.data as { version?: number } | undefined;
      return data ? { version: data.version } : {};
    },
  }),
  accept: commandRoute({
    method: 'POST',
    path: 'nominations/accept',
    status: 200,
    roles: ['province'],
    summary: 'the province accepts the dossier',
    params: CycleParams,
    body: AcceptNominationsDto,
    toDomain: ({ params, body }, b) => ({ type: 'AcceptNominations', ...base(params, b), note: body.note }),
  }),
  giveBack: commandRoute({
    method: 'POST',
    path: 'nominations/return',
    status: 200,
    roles: ['province'],
    summary: 'the province returns the dossier, with the reason',
    params: CycleParams,
    body: ReturnNominationsDto,
    toDomain: ({ params, body }, b) => ({ type: 'ReturnNominations', ...base(params, b), reason: body.reason }),
  }),
  councilReview: commandRoute({
    method: 'POST',
    path: 'council-review',
    status: 201,
    roles: ['province'],
    summary: "the provincial council's review of the accepted dossier: its tally per nomination",
    params: CycleParams,
    body: CouncilReviewDto,
    toDomain: ({ params, body }, b) => ({
      type: 'RecordCouncilReview',
      ...base(params, b),
      meetingOn: body.meetingOn,
      minutesRef: body.minutesRef,
      results: body.results,
    }),
  }),
  decide: commandRoute({
    method: 'POST',
    path: 'decision',
    status: 201,
    roles: ['approver'],
    summary: 'an award decision on some or all nominations; the one deciding the last closes the cycle',
    params: CycleParams,
    body: AwardDecisionDto,
    toDomain: ({ params, body }, b) => ({
      type: 'IssueAwardDecision',
      ...base(params, b),
      decisionNo: body.decisionNo,
      issuedOn: body.issuedOn,
      signer: body.signer,
      signerTitle: body.signerTitle,
      grants: body.grants,
    }),
  }),
  revoke: commandRoute({
    method: 'POST',
    path: 'awards/:unitId/:award/revoke',
    status: 200,
    roles: ['approver'],
    summary: 'the award is revoked, with the reason',
    params: AwardParams,
    body: RevokeAwardDto,
    toDomain: ({ params, body }, b) => ({
      type: 'RevokeAward',
      ...base(params, b),
      unitId: params.unitId,
      award: params.award,
      reason: body.reason,
      legalGround: body.legalGround,
      decisionNo: body.decisionNo,
      issuedOn: body.issuedOn,
      prizeMoneyVnd: body.prizeMoneyVnd,
    }),
  }),
};

export const NominationsController = commandController({
  name: 'NominationsController',
  path: 'cycles/:cycleId',
  tag: 'nomination and decision',
  routes: NOMINATION_ROUTES,
});
