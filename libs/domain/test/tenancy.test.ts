import { describe, expect, it } from '@jest/globals';
import { canSeeCycle } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  journey,
  leader,
  memberLeader,
  officer,
  openCycleCommand,
  otherProvince,
  outsideLeader,
  province,
} from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const opened = () => journey.open(new World()).cycleEvents;
const config = () => openCycleCommand();

describe('each province its own', () => {
  it('rule: a province opens cycles of its own province only (NOT_YOUR_PROVINCE)', () => {
    given()
      .when(openCycleCommand({ actor: otherProvince }))
      .thenRefused('NOT_YOUR_PROVINCE');
    given()
      .when(openCycleCommand({ actor: { ...province, provinceId: undefined } }))
      .thenRefused('NOT_YOUR_PROVINCE');
    given().when(openCycleCommand()).thenTypes(['CycleOpened']);
  });

  it("rule: another province's officers find no cycle (CYCLE_NOT_FOUND), whatever their role", () => {
    given(opened())
      .when({
        ...base,
        type: 'ExtendDueDate',
        actor: otherProvince,
        step: 'registration',
        due: '2030-12-31',
        reason: 'x',
      })
      .thenRefused('CYCLE_NOT_FOUND');
    const sameUnitElsewhere = { ...leader, provinceId: 'tinh-khac' };
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: sameUnitElsewhere, step: 'registration' })
      .thenRefused('CYCLE_NOT_FOUND');
    const world = journey.openStep(journey.open(new World()), 'registration');
    const unitElsewhere = { ...officer('c'), provinceId: 'tinh-khac' };
    given(world.cycleEvents)
      .when({
        ...base,
        type: 'SubmitRegistration',
        actor: unitElsewhere,
        unitId: 'c',
        targets: [{ criterionId: 'K1', target: 1 }],
      })
      .thenRefused('CYCLE_NOT_FOUND');
  });

  it('who sees a cycle: its province, approver and auditor; leaders and units of it; a national auditor; nobody else', () => {
    const cycle = { ...config(), provinceId: 'tinh' };
    expect(canSeeCycle(province, cycle)).toBe(true);
    expect(canSeeCycle({ userId: 'a', roles: ['auditor'], provinceId: 'tinh' }, cycle)).toBe(true);
    expect(canSeeCycle({ userId: 'q', roles: ['approver'], provinceId: 'tinh' }, cycle)).toBe(true);
    expect(canSeeCycle(leader, cycle)).toBe(true);
    expect(canSeeCycle(memberLeader, cycle)).toBe(true);
    expect(canSeeCycle(officer('d'), cycle)).toBe(true);
    expect(canSeeCycle({ userId: 'n', roles: ['national-auditor'] }, cycle)).toBe(true);
    expect(canSeeCycle(outsideLeader, cycle)).toBe(false);
    expect(canSeeCycle(officer('x'), cycle)).toBe(false);
    expect(canSeeCycle(otherProvince, cycle)).toBe(false);
    expect(canSeeCycle({ userId: 'a', roles: ['auditor'] }, cycle)).toBe(false);
    expect(canSeeCycle({ ...officer('d'), provinceId: 'tinh-khac' }, cycle)).toBe(false);
  });
});
