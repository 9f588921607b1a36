/**
 * Nomination, decision, revocation: the leader proposes within quota and only units the vote
 * passed; the province accepts or returns the dossier; the approver grants or refuses each
 * nomination (nothing else) and so closes the cycle; an award may later be revoked.
 */
import type {
  AcceptNominations,
  IssueAwardDecision,
  RecordCouncilReview,
  ReturnNominations,
  RevokeAward,
  SubmitNominations,
} from '../commands.js';
import type {
  AwardDecisionIssued,
  AwardRevoked,
  CouncilReviewRecorded,
  Nomination,
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
  unitName,
} from '../shared/guards.js';
import { awardWords } from '../shared/words.js';
import { cleanText, validate } from '../shared/validate.js';
import type { CycleState, OpenedCycleState } from '../cycle/state.js';
import { isIsoDate } from '../time/due-date.js';
import { outrankingKey, outrankingWords, type RankedCandidate } from './nomination-order.js';

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
        if (!awardKinds.includes(nomination.award))
          problems.add(
            `nominations[${index}].award`,
            'danh hiệu không có trong cấu hình',
            'not an award of this cycle',
          );
      });
      problems.unique(
        'nominations',
        command.nominations.map((nomination) => nomination?.unitId),
        'đơn vị (mỗi đơn vị chỉ được đề nghị một danh hiệu)',
        'unit (one award per unit)',
      );
    }
    if (problems.array('dossier', command.dossier, { max: LIMITS.dossier })) {
      command.dossier.forEach((item, index) => {
        const at = `dossier[${index}]`;
        if (!problems.object(at, item)) return;
        problems.text(`${at}.kind`, item.kind, LIMITS.code);
        problems.text(`${at}.ref`, item.ref, LIMITS.reference);
        if (item.sha256 !== undefined && (typeof item.sha256 !== 'string' || !SHA256.test(item.sha256))) {
          problems.add(`${at}.sha256`, 'phải là 64 ký tự hex thường', 'must be 64 lower-case hex characters');
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
        vi: `${unitName(cycle.config, unitId)} không được bình chọn đạt ${awardWords(award).vi}`,
        en: `${unitId} did not pass the vote for the ${awardWords(award).en}`,
      });
    }
  }
  requireRankingOrder(command.nominations, cycle);
  for (const { kind, quota } of cycle.config.awards) {
    const count = command.nominations.filter((nomination) => nomination.award === kind).length;
    if (count > quota) {
      throw new DomainError('QUOTA_EXCEEDED', {
        vi: `Đề nghị ${count} đơn vị cho ${awardWords(kind).vi}, vượt chỉ tiêu ${quota}`,
        en: `${count} nominations for the ${awardWords(kind).en} exceed its quota of ${quota}`,
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

/**
 * NOMINATION_OUT_OF_ORDER: a passed candidate left out while one ranked below it, for the same
 * award, is proposed. Ranked by the tie-break keys frozen when the vote opened (`nomination-order`);
 * units tied on every key may be chosen between.
 */
function requireRankingOrder(nominations: readonly Nomination[], cycle: OpenedCycleState): void {
  if (cycle.vote.status !== 'closed' || !cycle.vote.result) return;
  const { tieBreak } = cycle.vote.opened;
  const results = cycle.vote.result.results;
  const firstGroupId = cycle.config.criteria.groups[0]?.id ?? '';
  const candidate = (award: string, unitId: string): RankedCandidate => ({
    unitId,
    score: cycle.locked?.scores.find((row) => row.unitId === unitId),
    approvals: results[award]?.[unitId]?.approve ?? 0,
  });
  for (const [award, forAward] of Object.entries(results)) {
    const proposed = nominations.filter((n) => n.award === award).map((n) => candidate(award, n.unitId));
    if (proposed.length === 0) continue;
    const leftOut = Object.entries(forAward)
      .filter(([unitId, result]) => result.passed && !nominations.some((n) => n.unitId === unitId))
      .map(([unitId]) => candidate(award, unitId));
    for (const above of leftOut) {
      for (const below of proposed) {
        const key = outrankingKey(above, below, tieBreak, firstGroupId);
        if (key === undefined) continue;
        const why = outrankingWords(key);
        throw new DomainError('NOMINATION_OUT_OF_ORDER', {
          vi: `${unitName(cycle.config, above.unitId)} xếp trên ${unitName(cycle.config, below.unitId)} (${why.vi}) nên phải được đề nghị ${awardWords(award).vi} trước`,
          en: `${above.unitId} ranks above ${below.unitId} (${why.en}) and must be nominated for the ${awardWords(award).en} first`,
        });
      }
    }
  }
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
  if (command.type === 'ReturnNominations')
    return [{ type: 'NominationsReturned', data: { ...base, reason: reason! } }];
  return [
    {
      type: 'NominationsAccepted',
      data: { ...base, ...(command.note !== undefined ? { note: cleanText(command.note) } : {}) },
    },
  ];
}

/** The accepted nominations, or NOMINATIONS_NOT_ACCEPTED. */
function acceptedNominations(cycle: OpenedCycleState): Nomination[] {
  if (cycle.nominations.status !== 'accepted') throw new DomainError('NOMINATIONS_NOT_ACCEPTED');
  return cycle.nominations.nominations;
}

const same = (a: Nomination) => (b: Nomination) => a.unitId === b.unitId && a.award === b.award;

export function decideRecordCouncilReview(command: RecordCouncilReview, state: CycleState): CouncilReviewRecorded[] {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => {
    if (!isIsoDate(command.meetingOn))
      problems.add('meetingOn', 'phải là một ngày YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    problems.text('minutesRef', command.minutesRef, LIMITS.reference);
    if (problems.array('results', command.results, { nonEmpty: true, max: LIMITS.units })) {
      command.results.forEach((result, index) => {
        const at = `results[${index}]`;
        if (!problems.object(at, result)) return;
        problems.id(`${at}.unitId`, result.unitId);
        problems.id(`${at}.award`, result.award);
        problems.number(`${at}.approve`, result.approve, { integer: true, min: 0, max: LIMITS.present });
        problems.number(`${at}.reject`, result.reject, { integer: true, min: 0, max: LIMITS.present });
        if (typeof result.passed !== 'boolean')
          problems.add(`${at}.passed`, 'phải là true hoặc false', 'must be true or false');
      });
      problems.unique(
        'results',
        command.results.map((r) => `${r?.unitId}/${r?.award}`),
        'kết quả cho đề nghị',
        'result for a nomination',
      );
    }
  });
  const nominated = acceptedNominations(cycle);
  if (cycle.council?.version === cycle.nominations.version) throw new DomainError('COUNCIL_ALREADY_REVIEWED');
  for (const result of command.results) {
    if (!nominated.some(same(result))) throw notNominated(cycle, result);
  }
  for (const nomination of nominated) {
    if (!command.results.some(same(nomination))) {
      throw new DomainError('COUNCIL_REVIEW_INCOMPLETE', {
        vi: `Kết quả của Hội đồng chưa nêu đề nghị ${awardWords(nomination.award).vi} cho ${unitName(cycle.config, nomination.unitId)}`,
        en: `The council's review misses the nomination of ${nomination.unitId} for the ${awardWords(nomination.award).en}`,
      });
    }
  }
  return [
    {
      type: 'CouncilReviewRecorded',
      data: {
        cycleId: command.cycleId,
        version: cycle.nominations.version,
        meetingOn: command.meetingOn,
        minutesRef: cleanText(command.minutesRef),
        results: command.results.map(({ unitId, award, approve, reject, passed }) => ({
          unitId,
          award,
          approve,
          reject,
          passed,
        })),
      },
    },
  ];
}

function notNominated(cycle: OpenedCycleState, nomination: Nomination): DomainError {
  return new DomainError('NOT_NOMINATED', {
    vi: `${unitName(cycle.config, nomination.unitId)} không được đề nghị ${awardWords(nomination.award).vi}`,
    en: `${nomination.unitId} was not nominated for the ${awardWords(nomination.award).en}`,
  });
}

/** A lower form is an award configured after the proposed one (awards are listed highest first). */
function isLowerForm(cycle: OpenedCycleState, proposed: string, granted: string): boolean {
  const kinds = cycle.config.awards.map((award) => award.kind);
  return kinds.indexOf(granted) > kinds.indexOf(proposed) && kinds.indexOf(proposed) >= 0;
}

export function decideIssueAwardDecision(command: IssueAwardDecision, state: CycleState): AwardDecisionIssued[] {
  requireRole(command.actor, ['approver']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => {
    problems.text('decisionNo', command.decisionNo, LIMITS.code);
    if (!isIsoDate(command.issuedOn))
      problems.add('issuedOn', 'phải là một ngày YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    problems.text('signer', command.signer, LIMITS.name);
    problems.text('signerTitle', command.signerTitle, LIMITS.name);
    if (problems.array('grants', command.grants, { nonEmpty: true, max: LIMITS.grants })) {
      command.grants.forEach((grant, index) => {
        const at = `grants[${index}]`;
        if (!problems.object(at, grant)) return;
        problems.id(`${at}.unitId`, grant.unitId);
        problems.id(`${at}.award`, grant.award);
        if (typeof grant.granted !== 'boolean')
          problems.add(`${at}.granted`, 'phải là true hoặc false', 'must be true or false');
        if (grant.grantedAs !== undefined) problems.id(`${at}.grantedAs`, grant.grantedAs);
        problems.optionalText(`${at}.reason`, grant.reason);
      });
      problems.unique(
        'grants',
        command.grants.map((grant) => `${grant?.unitId}/${grant?.award}`),
        'quyết định cho đề nghị',
        'decision on a nomination',
      );
    }
  });
  const nominated = acceptedNominations(cycle);
  for (const grant of command.grants) {
    if (!nominated.some(same(grant))) throw notNominated(cycle, grant);
  }
  const council = cycle.council?.version === cycle.nominations.version ? cycle.council : undefined;
  if (!council) throw new DomainError('COUNCIL_REVIEW_MISSING');
  const already = cycle.decision?.grants ?? [];
  for (const grant of command.grants) {
    const name = unitName(cycle.config, grant.unitId);
    const award = awardWords(grant.award);
    if (already.some(same(grant))) {
      throw new DomainError('NOMINATION_ALREADY_DECIDED', {
        vi: `Đề nghị ${award.vi} cho ${name} đã được quyết định`,
        en: `The nomination of ${grant.unitId} for the ${award.en} is already decided`,
      });
    }
    if (!grant.granted || grant.grantedAs !== undefined) {
      if (grant.reason === undefined || cleanText(grant.reason) === '') {
        throw new DomainError('REASON_REQUIRED', {
          vi: `Phải nêu lý do ${grant.granted ? 'khen thưởng hình thức thấp hơn' : 'không khen thưởng'} ${name}`,
          en: `A reason is required to ${grant.granted ? 'grant a lower form to' : 'refuse'} ${grant.unitId}`,
        });
      }
    }
    if (grant.granted && !council.results.find(same(grant))!.passed) {
      throw new DomainError('COUNCIL_NOT_PASSED', {
        vi: `Hội đồng Thi đua – Khen thưởng tỉnh không thông qua đề nghị ${award.vi} cho ${name}`,
        en: `The provincial council did not pass the nomination of ${grant.unitId} for the ${award.en}`,
      });
    }
    if (grant.grantedAs !== undefined && (!grant.granted || !isLowerForm(cycle, grant.award, grant.grantedAs))) {
      throw new DomainError('NOT_A_LOWER_FORM', {
        vi: `${awardWords(grant.grantedAs).vi} không phải là hình thức thấp hơn ${award.vi} trong cấu hình của đợt thi đua`,
        en: `${grant.grantedAs} is not a lower form than ${grant.award} in this cycle`,
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
        signerTitle: cleanText(command.signerTitle),
        grants: command.grants.map((grant) => ({
          unitId: grant.unitId,
          award: grant.award,
          granted: grant.granted,
          ...(grant.grantedAs !== undefined ? { grantedAs: grant.grantedAs } : {}),
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
    problems.text('legalGround', command.legalGround, LIMITS.text);
    if (!isIsoDate(command.issuedOn))
      problems.add('issuedOn', 'phải là một ngày YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    if (command.prizeMoneyVnd !== undefined)
      problems.number('prizeMoneyVnd', command.prizeMoneyVnd, { integer: true, min: 0 });
  });
  const reason = requireReason(command.reason);
  // The award revoked is the form granted (a lower form when the decision gave one).
  const granted = cycle.decision?.grants.some(
    (grant) => grant.granted && grant.unitId === command.unitId && (grant.grantedAs ?? grant.award) === command.award,
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
        legalGround: cleanText(command.legalGround),
        issuedOn: command.issuedOn,
        recovery: { award: true, ...(command.prizeMoneyVnd ? { prizeMoneyVnd: command.prizeMoneyVnd } : {}) },
      },
    },
  ];
}
