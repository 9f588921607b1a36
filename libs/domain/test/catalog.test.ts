import { describe, expect, it } from '@jest/globals';
import type { DomainCommand } from '../src/index.js';
import {
  BALLOT_BOX_ACTOR,
  CYCLE_EVENT_TYPES,
  DOMAIN_ERRORS,
  DomainError,
  HTTP_STATUS_OF_KIND,
  UNIT_EVENT_TYPES,
  cycleStreamName,
  decide,
  foldCycle,
  foldUnit,
  initialUnitState,
  isDomainError,
  isIsoDate,
  isIsoInstant,
  isLate,
  leadsCycle,
  parseStreamName,
  resolveDue,
  streamPlan,
  unitStreamName,
} from '../src/index.js';
import { AT, CYCLE_ID, journey, leader, officer } from '../src/testing/small-cycle.js';
import { World } from '../src/testing/world.js';

describe('streams', () => {
  it('names the cycle stream and the unit streams, and parses them back', () => {
    expect(cycleStreamName('cum-2-2020')).toBe('cycle-cum-2-2020');
    expect(unitStreamName('cum-2-2020', 'an-phu')).toBe('unit-cum-2-2020.an-phu');
    expect(parseStreamName('cycle-cum-2-2020')).toEqual({ kind: 'cycle', cycleId: 'cum-2-2020' });
    expect(parseStreamName('unit-cum-2-2020.an-phu')).toEqual({
      kind: 'unit',
      cycleId: 'cum-2-2020',
      unitId: 'an-phu',
    });
    for (const bad of ['other-x', 'unit-nodot', 'unit-.a', 'cycle-a.b', 'cycle-'])
      expect(parseStreamName(bad)).toBeNull();
  });

  it('plans where each command writes and what it reads', () => {
    const at = AT;
    const cycleId = CYCLE_ID;
    expect(
      streamPlan({ type: 'SubmitRegistration', actor: officer('c'), at, cycleId, unitId: 'c', targets: [] }),
    ).toEqual({
      write: unitStreamName(cycleId, 'c'),
      readUnits: { unitId: 'c' },
    });
    expect(streamPlan({ type: 'LockScores', actor: leader, at, cycleId })).toEqual({
      write: cycleStreamName(cycleId),
      readUnits: 'all',
    });
    expect(
      streamPlan({ type: 'CastBallot', actor: officer('c'), at, cycleId, unitId: 'c', receipt: 'r', choices: {} }),
    ).toEqual({
      write: cycleStreamName(cycleId),
      readUnits: 'none',
    });
  });
});

describe('errors', () => {
  it('every code has a kind mapped to an HTTP status and a Vietnamese message with diacritics', () => {
    for (const [code, entry] of Object.entries(DOMAIN_ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(HTTP_STATUS_OF_KIND[entry.kind]).toBeGreaterThanOrEqual(400);
      expect(entry.vi).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
      expect(entry.en.length).toBeGreaterThan(0);
    }
    const error = new DomainError('QUOTA_EXCEEDED');
    expect([
      error.kind,
      error.status,
      error.message,
      error.messageEn,
      isDomainError(error),
      isDomainError(new Error('x')),
    ]).toEqual(['rule', 422, DOMAIN_ERRORS.QUOTA_EXCEEDED.vi, 'Quota exceeded', true, false]);
  });

  it('an unknown or malformed command is refused (VALIDATION_FAILED)', () => {
    const context = { cycle: foldCycle([]), units: {} };
    for (const bad of [null, { type: 42 }, { type: 'DropTables', actor: leader, at: AT, cycleId: CYCLE_ID }]) {
      expect(() => decide(bad as unknown as DomainCommand, context)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('an actor without roles is refused (FORBIDDEN_ROLE)', () => {
    const context = { cycle: foldCycle([]), units: { c: initialUnitState() } };
    expect(() =>
      decide({ type: 'LockScores', actor: { userId: 'u' } as never, at: AT, cycleId: CYCLE_ID }, context),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ROLE' }));
  });
});

describe('catalog and time helpers', () => {
  it('lists every event type once, the cycle and unit ones apart', () => {
    const all = [...CYCLE_EVENT_TYPES, ...UNIT_EVENT_TYPES];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(28);
    expect(BALLOT_BOX_ACTOR).toEqual({ userId: 'ballot-box', role: 'ballot-box' });
  });

  it('resolves due dates and instants without a clock', () => {
    expect(resolveDue('2020-12-15', 'Asia/Ho_Chi_Minh')).toBe('2020-12-15T16:59:59.999Z');
    expect(resolveDue('2020-12-15T08:00', 'Asia/Ho_Chi_Minh')).toBe('2020-12-15T01:00:00.000Z');
    expect(resolveDue('2020-02-30', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(resolveDue(42 as unknown as string, 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(isLate('2020-12-15T16:59:59.999Z', '2020-12-15T16:59:59.999Z')).toBe(false);
    expect(isLate('2020-12-15T17:00:00Z', '2020-12-15T16:59:59.999Z')).toBe(true);
    expect([
      isIsoInstant('2020-12-15T17:00:00+07:00'),
      isIsoInstant('2020-12-15T17:00:00'),
      isIsoDate('2020-12-15'),
      isIsoDate('2020-13-01'),
    ]).toEqual([true, false, true, false]);
    expect(leadsCycle({ userId: 'x', roles: ['leader'] }, { leaderUnitId: 'a' })).toBe(false);
  });
});

describe('folding', () => {
  it('a stream that does not start with CycleOpened is no cycle', () => {
    expect(foldCycle([{ type: 'StepOpened', data: { cycleId: CYCLE_ID, step: 'registration' } }])).toEqual({
      status: 'none',
      revision: -1,
    });
  });

  it('vote and review facts without their opening are counted but change nothing else (tolerant readers)', () => {
    const opened = journey.open(new World()).cycleEvents;
    const stray = [
      { type: 'BallotCast', data: { cycleId: CYCLE_ID, round: 1, voterUnitId: 'a' } },
      { type: 'BallotDeposited', data: { cycleId: CYCLE_ID, round: 1, receipt: 'r-12345678', choices: {} } },
      { type: 'PaperTallyRecorded', data: { cycleId: CYCLE_ID, round: 1, present: 1, results: {}, minutesRef: 'm' } },
      { type: 'VoteClosed', data: { cycleId: CYCLE_ID, round: 1, members: 4, participants: 1, results: {} } },
      { type: 'NominationsAccepted', data: { cycleId: CYCLE_ID, version: 1 } },
    ] as const;
    const before = foldCycle(opened);
    const after = foldCycle([...opened, ...stray]);
    expect({ ...after, revision: before.revision }).toEqual(before);
    expect(after.revision).toBe(before.revision + stray.length);
    const unit = foldUnit([
      { type: 'SubmissionAccepted', data: { cycleId: CYCLE_ID, unitId: 'a', submission: 'registration', version: 3 } },
    ]);
    expect(unit).toEqual({ ...initialUnitState(), revision: 0 });
  });
});
