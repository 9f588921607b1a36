/**
 * The vote: opened on candidates once scores are locked, one ballot per member unit of the frozen
 * roster (or a paper tally), closed with a result per award and candidate.
 *
 * Secrecy: a ballot yields BallotCast (who voted, no content) and BallotDeposited (what was voted,
 * no voter), never one event holding both.
 */
import type { CastBallot, CloseVote, OpenVote, RecordPaperTally } from '../commands.js';
import type {
  BallotCast,
  BallotChoices,
  BallotDeposited,
  CandidateCount,
  PaperTallyRecorded,
  VoteClosed,
  VoteOpened,
} from '../events.js';
import { DomainError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import {
  requireCycle,
  requireInstant,
  requireLeaderOf,
  requireMember,
  requireNotClosed,
  requireOwnUnit,
  requireRole,
  unitName,
} from '../shared/guards.js';
import { Problems, cleanText, validate } from '../shared/validate.js';
import type { CycleState, OpenedCycleState, VoteState } from '../cycle/state.js';
import { describeIneligibility } from '../scoring/ineligibility-text.js';
import { activeUnits, requireNotDissolved } from '../cycle/units-over-time.js';
import { defaultCandidates } from './default-candidates.js';
import { quorumReached, tallyBallots, voteResults } from './tally.js';

type OpenVoteState = Extract<VoteState, { status: 'open' | 'closed' }>;

const RECEIPT = /^[A-Za-z0-9_-]{8,128}$/;

function leaderPreamble(command: OpenVote | RecordPaperTally | CloseVote, state: CycleState): OpenedCycleState {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config);
  requireNotClosed(cycle);
  return cycle;
}

function requireOpenVote(cycle: OpenedCycleState): OpenVoteState {
  if (cycle.vote.status !== 'open') throw new DomainError('VOTE_NOT_OPEN');
  return cycle.vote;
}

export function decideOpenVote(command: OpenVote, state: CycleState): VoteOpened[] {
  const cycle = leaderPreamble(command, state);
  const mode = command.mode ?? 'electronic';
  const awardKinds = cycle.config.awards.map((award) => award.kind);
  validate((problems) => {
    if (mode !== 'electronic' && mode !== 'paper')
      problems.add('mode', 'phải là "electronic" hoặc "paper"', 'must be "electronic" or "paper"');
    if (command.publishBallots !== undefined && typeof command.publishBallots !== 'boolean')
      problems.add('publishBallots', 'phải là true hoặc false', 'must be true or false');
    if (command.candidates === undefined) return;
    if (!problems.object('candidates', command.candidates)) return;
    for (const [award, units] of Object.entries(command.candidates)) {
      if (!awardKinds.includes(award))
        problems.add(`candidates.${award}`, 'danh hiệu không có trong cấu hình', 'not an award of this cycle');
      if (problems.array(`candidates.${award}`, units, { max: LIMITS.units })) {
        units.forEach((unitId, index) => void problems.id(`candidates.${award}[${index}]`, unitId));
      }
    }
  });
  if (cycle.vote.status === 'open') throw new DomainError('STEP_ALREADY_OPEN');
  if (cycle.vote.status === 'closed') throw new DomainError('STEP_ALREADY_CLOSED');
  if (!cycle.locked) throw new DomainError('SCORES_NOT_LOCKED');

  const given = command.candidates ?? defaultCandidates(cycle.locked.scores, cycle.config.awards);
  const candidates = Object.fromEntries(awardKinds.map((award) => [award, [...(given[award] ?? [])]]));
  const seen = new Set<string>();
  for (const units of Object.values(candidates)) {
    for (const unitId of units) {
      requireMember(cycle.config, unitId);
      if (seen.has(unitId)) {
        throw new DomainError('CANDIDATE_NOT_ELIGIBLE', {
          vi: `${unitName(cycle.config, unitId)} chỉ được làm ứng viên cho một danh hiệu`,
          en: `Unit "${unitId}" may be a candidate for one award only`,
        });
      }
      seen.add(unitId);
      const row = cycle.locked.scores.find((score) => score.unitId === unitId);
      if (row?.eligible === false) {
        const why = row.ineligible!.map((reason) => describeIneligibility(reason, cycle.config.criteria));
        throw new DomainError('CANDIDATE_NOT_ELIGIBLE', {
          vi: `${unitName(cycle.config, unitId)} không đủ điều kiện đề nghị khen thưởng: ${why.map((text) => text.vi).join('; ')}`,
          en: `Unit "${unitId}" is not eligible: ${why.map((text) => text.en).join('; ')}`,
        });
      }
    }
  }
  if (seen.size === 0) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: 'Phải có ít nhất một ứng viên',
      en: 'At least one candidate is required',
      errors: [{ field: 'candidates', message: 'không được để trống', messageEn: 'must not be empty' }],
    });
  }
  return [
    {
      type: 'VoteOpened',
      data: {
        cycleId: command.cycleId,
        round: cycle.vote.round + 1,
        mode,
        candidates,
        // Units dissolved or merged before the vote opens are not on its roster.
        roster: activeUnits(cycle),
        rules: { ...cycle.config.voteRules },
        tieBreak: [...cycle.config.tieBreak],
        ...(command.publishBallots === true && mode === 'electronic' ? { publishBallots: true as const } : {}),
      },
    },
  ];
}

/** Choices must name exactly the candidates of every award, each true (approve) or false (reject). */
function checkChoices(problems: Problems, candidates: Record<string, string[]>, choices: unknown): void {
  if (!problems.object('choices', choices)) return;
  for (const award of Object.keys(choices)) {
    if (!(award in candidates))
      problems.add(`choices.${award}`, 'danh hiệu không được bỏ phiếu', 'no vote on this award');
  }
  for (const [award, units] of Object.entries(candidates)) {
    if (units.length === 0) continue;
    const forAward = choices[award];
    if (!problems.object(`choices.${award}`, forAward)) continue;
    for (const key of Object.keys(forAward)) {
      if (!units.includes(key)) problems.add(`choices.${award}.${key}`, 'không phải là ứng viên', 'not a candidate');
    }
    for (const unitId of units) {
      if (typeof forAward[unitId] !== 'boolean')
        problems.add(
          `choices.${award}.${unitId}`,
          'phải chọn tán thành (true) hoặc không (false)',
          'must be approve (true) or reject (false)',
        );
    }
  }
}

export function decideCastBallot(command: CastBallot, state: CycleState): [BallotCast] | [BallotCast, BallotDeposited] {
  requireRole(command.actor, ['unit']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireOwnUnit(command.actor, command.unitId);
  requireNotClosed(cycle);
  const vote = requireOpenVote(cycle);
  // The roster frozen when the vote opened decides who may vote, not today's configuration.
  requireNotDissolved(cycle, command.unitId);
  if (!vote.opened.roster.includes(command.unitId)) throw new DomainError('NOT_A_MEMBER');
  if (vote.opened.mode !== 'electronic') throw new DomainError('VOTE_MODE_MISMATCH');
  validate((problems) => {
    checkReceipt(problems, 'receipt', command.receipt);
    checkChoices(problems, vote.opened.candidates, command.choices);
    if (command.sealed !== undefined) problems.text('sealed', command.sealed, 100_000);
  });
  if (vote.voters.includes(command.unitId)) throw new DomainError('ALREADY_VOTED');
  if (vote.receipts.includes(command.receipt)) throw new DomainError('DUPLICATE_RECEIPT');
  const cast: BallotCast = {
    type: 'BallotCast',
    data: { cycleId: command.cycleId, round: vote.round, voterUnitId: command.unitId },
  };
  // Sealed: the deposit waits for the close (decideCloseVote), where all of them go in receipt order.
  if (command.sealed !== undefined) return [{ ...cast, data: { ...cast.data, sealed: command.sealed } }];
  return [cast, deposit(command.cycleId, vote, command.receipt, command.choices)];
}

/** Copy only the candidates' choices, in candidate order: nothing of the request's shape leaks. */
function deposit(cycleId: string, vote: OpenVoteState, receipt: string, given: BallotChoices): BallotDeposited {
  const choices = Object.fromEntries(
    Object.entries(vote.opened.candidates)
      .filter(([, units]) => units.length > 0)
      .map(([award, units]) => [award, Object.fromEntries(units.map((unitId) => [unitId, given[award]![unitId]!]))]),
  );
  return { type: 'BallotDeposited', data: { cycleId, round: vote.round, receipt, choices } };
}

function checkReceipt(problems: Problems, field: string, receipt: unknown): void {
  if (typeof receipt !== 'string' || !RECEIPT.test(receipt)) {
    problems.add(
      field,
      'mã biên nhận: 8 đến 128 ký tự chữ, số, "-" hoặc "_"',
      'receipt: 8 to 128 letters, digits, "-" or "_"',
    );
  }
}

/**
 * The sealed ballots of the round, opened by the shell's ballot box, become their deposits, in
 * receipt order (receipts are unguessable ids, so this order owes nothing to the order of casting).
 * There must be exactly one per sealed ballot; each is checked like a ballot cast.
 */
function openBallotBox(command: CloseVote, vote: OpenVoteState): BallotDeposited[] {
  const sealed = vote.sealed ?? [];
  if (sealed.length === 0) return [];
  const ballots = command.ballots ?? [];
  validate((problems) => {
    if (!problems.array('ballots', ballots, { max: 100_000 })) return;
    if (ballots.length !== sealed.length) {
      problems.add(
        'ballots',
        `phải có đúng ${sealed.length} phiếu đã niêm phong`,
        `must hold exactly ${sealed.length} sealed ballots`,
      );
    }
    ballots.forEach((ballot, i) => {
      checkReceipt(problems, `ballots[${i}].receipt`, ballot?.receipt);
      const scoped = new Problems();
      checkChoices(scoped, vote.opened.candidates, ballot?.choices);
      for (const problem of scoped.list)
        problems.add(`ballots[${i}].${problem.field}`, problem.message, problem.messageEn);
    });
  });
  const receipts = new Set([...vote.receipts, ...ballots.map((b) => b.receipt)]);
  if (receipts.size !== vote.receipts.length + ballots.length) throw new DomainError('DUPLICATE_RECEIPT');
  return [...ballots]
    .sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0))
    .map((ballot) => deposit(command.cycleId, vote, ballot.receipt, ballot.choices));
}

export function decideRecordPaperTally(command: RecordPaperTally, state: CycleState): PaperTallyRecorded[] {
  const cycle = leaderPreamble(command, state);
  const vote = requireOpenVote(cycle);
  if (vote.opened.mode !== 'paper') throw new DomainError('VOTE_MODE_MISMATCH');
  const members = vote.opened.roster.length;
  const blank = command.blank ?? 0;
  const spoiled = command.spoiled ?? 0;
  validate((problems) => {
    if (
      problems.number('present', command.present, { integer: true, min: 0, max: LIMITS.present }) &&
      command.present > members
    ) {
      problems.add(
        'present',
        `không thể vượt quá số đơn vị thành viên (${members})`,
        `cannot exceed the member units (${members})`,
      );
    }
    problems.text('minutesRef', command.minutesRef, LIMITS.reference);
    const blankOk = command.blank === undefined || problems.number('blank', command.blank, { integer: true, min: 0 });
    const spoiledOk =
      command.spoiled === undefined || problems.number('spoiled', command.spoiled, { integer: true, min: 0 });
    if (blankOk && spoiledOk && typeof command.present === 'number' && blank + spoiled > command.present) {
      problems.add(
        'spoiled',
        'số phiếu trắng và phiếu không hợp lệ vượt quá số phiếu thu về',
        'blank and spoiled ballots exceed the ballots handed in',
      );
    }
    if (!problems.object('results', command.results)) return;
    for (const award of Object.keys(command.results)) {
      if (!(award in vote.opened.candidates))
        problems.add(`results.${award}`, 'danh hiệu không được bỏ phiếu', 'no vote on this award');
    }
    for (const [award, units] of Object.entries(vote.opened.candidates)) {
      if (units.length === 0) continue;
      const forAward = command.results[award];
      if (!problems.object(`results.${award}`, forAward)) continue;
      for (const key of Object.keys(forAward)) {
        if (!units.includes(key)) problems.add(`results.${award}.${key}`, 'không phải là ứng viên', 'not a candidate');
      }
      for (const unitId of units) {
        const at = `results.${award}.${unitId}`;
        const count = forAward[unitId];
        if (!problems.object(at, count)) continue;
        const approveOk = problems.number(`${at}.approve`, count.approve, { integer: true, min: 0 });
        const rejectOk = problems.number(`${at}.reject`, count.reject, { integer: true, min: 0 });
        if (
          approveOk &&
          rejectOk &&
          typeof command.present === 'number' &&
          count.approve + count.reject > command.present - blank - spoiled
        ) {
          problems.add(
            at,
            'số phiếu tán thành và không tán thành vượt quá số phiếu hợp lệ có đánh dấu',
            'more approvals and rejections than valid, marked ballots',
          );
        }
      }
    }
  });
  const results: Record<string, Record<string, CandidateCount>> = Object.fromEntries(
    Object.entries(vote.opened.candidates)
      .filter(([, units]) => units.length > 0)
      .map(([award, units]) => [
        award,
        Object.fromEntries(
          units.map((unitId) => {
            const count = command.results[award]![unitId]!;
            return [unitId, { approve: count.approve, reject: count.reject }];
          }),
        ),
      ]),
  );
  return [
    {
      type: 'PaperTallyRecorded',
      data: {
        cycleId: command.cycleId,
        round: vote.round,
        present: command.present,
        ...(command.blank !== undefined ? { blank } : {}),
        ...(command.spoiled !== undefined ? { spoiled } : {}),
        results,
        minutesRef: cleanText(command.minutesRef),
      },
    },
  ];
}

export function decideCloseVote(command: CloseVote, state: CycleState): (BallotDeposited | VoteClosed)[] {
  const cycle = leaderPreamble(command, state);
  const vote = requireOpenVote(cycle);
  const deposits = vote.opened.mode === 'electronic' ? openBallotBox(command, vote) : [];
  const members = vote.opened.roster.length;
  let participants: number;
  let spoiled = 0;
  let counts: Record<string, Record<string, CandidateCount>>;
  if (vote.opened.mode === 'paper') {
    if (!vote.paperTally) throw new DomainError('TALLY_MISSING');
    participants = vote.paperTally.present;
    spoiled = vote.paperTally.spoiled ?? 0;
    counts = vote.paperTally.results;
  } else {
    participants = vote.voters.length;
    counts = tallyBallots(vote.opened.candidates, [...vote.ballots, ...deposits.map((d) => d.data.choices)]);
  }
  if (!quorumReached(participants, members, vote.opened.rules)) {
    throw new DomainError('QUORUM_NOT_REACHED', {
      vi: `Mới có ${participants}/${members} đơn vị tham gia, chưa đạt tỷ lệ ${vote.opened.rules.quorum}`,
      en: `${participants} of ${members} units took part; quorum ${vote.opened.rules.quorum} not reached`,
    });
  }
  return [
    ...deposits,
    {
      type: 'VoteClosed',
      data: {
        cycleId: command.cycleId,
        round: vote.round,
        members,
        participants,
        ...(spoiled > 0 ? { validBallots: participants - spoiled } : {}),
        results: voteResults(vote.opened, counts, participants, participants - spoiled),
      },
    },
  ];
}
