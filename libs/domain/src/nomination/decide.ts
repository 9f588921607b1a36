/**
 * Nomination, decision, revocation: the leader proposes within quota and only units the vote
 * passed; the province accepts or returns the dossier; the approver grants or refuses each
 * nomination (nothing else) and so closes the cycle; an award may later be revoked.
 */
import type { AcceptNominations, IssueAwardDecision, ReturnNominations, RevokeAward, SubmitNominations } from '../commands.js';
import type {
  AwardDecisionIssued,
  AwardRevoked,
  NominationsAccepted,
  NominationsReturned,
  NominationsSubmitted,
} from '../events.js';
import { DomainError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import {
  requireCycle,
  requireInstant,
  requireLeaderOf,
  requireMember,
  requireNotClosed,
  requireReason,
  requireRole,
} from '../shared/guards.js';
import { cleanText, validate } from '../shared/validate.js';
import type { CycleState } from '../cycle/state.js';
import { isIsoDate } from '../time/due-date.js';

const SHA256 = /^[0-9a-f]{64}$/;

export function decideSubmitNominations(command: SubmitNominations, state: CycleState): NominationsSubmitted[] {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config);
  requireNotClosed(cycle);
  const awardKinds = cycle.config.awards.map((award) => award.kind);
  validate((problems) => {
    if (problems.array('nominations', command.nominations, { nonEmpty: true, max: LIMITS.nominations })) {
      command.nominations.forEach((nomination, index) => {
        if (!problems.object(`nominations[${index}]`, nomination)) return;
        problems.id(`nominations[${index}].unitId`, nomination.unitId);
        if (!awardKinds.includes(nomination.award)) problems.add(`nominations[${index}].award`, 'danh hiệu không có trong cấu hình');
      });
      problems.unique('nominations', command.nominations.map((nomination) => nomination?.unitId), 'đơn vị (mỗi đơn vị chỉ được đề nghị một danh hiệu)');
    }
    if (problems.array('dossier', command.dossier, { max: LIMITS.dossier })) {
      command.dossier.forEach((item, index) => {
        const at = `dossier[${index}]`;
        if (!problems.object(at, item)) return;
        problems.text(`${at}.kind`, item.kind, LIMITS.code);
        problems.text(`${at}.ref`, item.ref, LIMITS.reference);
        if (item.sha256 !== undefined && (typeof item.sha256 !== 'string' || !SHA256.test(item.sha256))) {
          problems.add(`${at}.sha256`, 'phải là 64 ký tự hex thường');
        }
      });
    }
  });
  if (command.dossier.length === 0) throw new DomainError('DOSSIER_REQUIRED');
  for (const nomination of command.nominations) requireMember(cycle.config, nomination.unitId);

  if (cycle.vote.status !== 'closed' || !cycle.vote.result) throw new DomainError('VOTE_NOT_CLOSED');
  if (cycle.nominations.status === 'submitted') throw new DomainError('NOMINATIONS_PENDING');
  if (cycle.nominations.status === 'accepted') throw new DomainError('NOMINATIONS_ALREADY_ACCEPTED');

  const results = cycle.vote.result.results;
  for (const { unitId, award } of command.nominations) {
    if (!results[award]?.[unitId]?.passed) {
      throw new DomainError('CANDIDATE_NOT_PASSED', {
        vi: `Đơn vị "${unitId}" không được bình chọn đạt cho danh hiệu "${award}"`,
        en: `Unit "${unitId}" did not pass the vote for "${award}"`,
      });
    }
  }
  for (const { kind, quota } of cycle.config.awards) {
    const count = command.nominations.filter((nomination) => nomination.award === kind).length;
    if (count > quota) {
      throw new DomainError('QUOTA_EXCEEDED', {
        vi: `Đề nghị ${count} đơn vị cho danh hiệu "${kind}", vượt chỉ tiêu ${quota}`,
        en: `${count} nominations for "${kind}" exceed its quota of ${quota}`,
      });
    }
  }
  return [
    {
      type: 'NominationsSubmitted',
      data: {
        cycleId: command.cycleId,
        version: cycle.nominations.version + 1,
        nominations: command.nominations.map(({ unitId, award }) => ({ unitId, award })),
        dossier: command.dossier.map((item) => ({
          kind: cleanText(item.kind),
          ref: cleanText(item.ref),
          ...(item.sha256 !== undefined ? { sha256: item.sha256 } : {}),
        })),
      },
    },
  ];
}

export function decideReviewNominations(
  command: AcceptNominations | ReturnNominations,
  state: CycleState,
): Array<NominationsAccepted | NominationsReturned> {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  const reason = command.type === 'ReturnNominations' ? requireReason(command.reason) : undefined;
  if (command.type === 'AcceptNominations') validate((problems) => problems.optionalText('note', command.note));
  if (cycle.nominations.status !== 'submitted') throw new DomainError('NOMINATIONS_NOT_SUBMITTED');
  const base = { cycleId: command.cycleId, version: cycle.nominations.version };
  if (command.type === 'ReturnNominations') return [{ type: 'NominationsReturned', data: { ...base, reason: reason! } }];
  return [{ type: 'NominationsAccepted', data: { ...base, ...(command.note !== undefined ? { note: cleanText(command.note) } : {}) } }];
}

export function decideIssueAwardDecision(command: IssueAwardDecision, state: CycleState): AwardDecisionIssued[] {
  requireRole(command.actor, ['approver']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => {
    problems.text('decisionNo', command.decisionNo, LIMITS.code);
    if (!isIsoDate(command.issuedOn)) problems.add('issuedOn', 'phải là một ngày YYYY-MM-DD');
    problems.text('signer', command.signer, LIMITS.name);
    if (problems.array('grants', command.grants, { nonEmpty: true, max: LIMITS.grants })) {
      command.grants.forEach((grant, index) => {
        const at = `grants[${index}]`;
        if (!problems.object(at, grant)) return;
        problems.id(`${at}.unitId`, grant.unitId);
        problems.id(`${at}.award`, grant.award);
        if (typeof grant.granted !== 'boolean') problems.add(`${at}.granted`, 'phải là true hoặc false');
        problems.optionalText(`${at}.reason`, grant.reason);
      });
      problems.unique('grants', command.grants.map((grant) => `${grant?.unitId}/${grant?.award}`), 'quyết định cho đề nghị');
    }
  });
  if (cycle.nominations.status !== 'accepted') throw new DomainError('NOMINATIONS_NOT_ACCEPTED');
  const nominated = cycle.nominations.nominations;
  for (const grant of command.grants) {
    if (!nominated.some((nomination) => nomination.unitId === grant.unitId && nomination.award === grant.award)) {
      throw new DomainError('NOT_NOMINATED', {
        vi: `Đơn vị "${grant.unitId}" không được đề nghị danh hiệu "${grant.award}"`,
        en: `Unit "${grant.unitId}" was not nominated for "${grant.award}"`,
      });
    }
  }
  for (const nomination of nominated) {
    if (!command.grants.some((grant) => grant.unitId === nomination.unitId && grant.award === nomination.award)) {
      throw new DomainError('NOMINATION_UNDECIDED', {
        vi: `Quyết định chưa nêu đề nghị của đơn vị "${nomination.unitId}" (${nomination.award})`,
        en: `No decision on the nomination of "${nomination.unitId}" (${nomination.award})`,
      });
    }
  }
  return [
    {
      type: 'AwardDecisionIssued',
      data: {
        cycleId: command.cycleId,
        decisionNo: cleanText(command.decisionNo),
        issuedOn: command.issuedOn,
        signer: cleanText(command.signer),
        grants: command.grants.map((grant) => ({
          unitId: grant.unitId,
          award: grant.award,
          granted: grant.granted,
          ...(grant.reason !== undefined ? { reason: cleanText(grant.reason) } : {}),
        })),
      },
    },
  ];
}

export function decideRevokeAward(command: RevokeAward, state: CycleState): AwardRevoked[] {
  requireRole(command.actor, ['approver']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  validate((problems) => {
    problems.id('unitId', command.unitId);
    problems.id('award', command.award);
    problems.text('decisionNo', command.decisionNo, LIMITS.code);
  });
  const reason = requireReason(command.reason);
  const granted = cycle.decision?.grants.some(
    (grant) => grant.granted && grant.unitId === command.unitId && grant.award === command.award,
  );
  if (!granted) throw new DomainError('AWARD_NOT_GRANTED');
  if (cycle.revoked.some((award) => award.unitId === command.unitId && award.award === command.award)) {
    throw new DomainError('AWARD_ALREADY_REVOKED');
  }
  return [
    {
      type: 'AwardRevoked',
      data: {
        cycleId: command.cycleId,
        unitId: command.unitId,
        award: command.award,
        reason,
        decisionNo: cleanText(command.decisionNo),
      },
    },
  ];
}
