/**
 * The reference cycle in the middle of registration, every unit in a different state: An Phú
 * submitted on time, Châu Thành was returned, Phú Tân was accepted at its second version, Chợ Mới
 * has an extension of its own and has not submitted, Tri Tôn submitted late, Châu Phú nothing.
 */
import { defaultCycleId } from '#domain';
import type { CycleDriver } from './cycle-driver.js';
import { leaderOf, officerOf, openCycle, referencePlan } from './play-year.js';

export async function registrationScene(driver: CycleDriver): Promise<string> {
  const plan = referencePlan();
  const cycleId = defaultCycleId(plan.clusterId, plan.year);
  const leader = leaderOf(plan.leaderUnitId);
  const targets = [{ criterionId: 'C1.1', target: 100 }];
  await openCycle(driver, plan);
  await driver.run({ cycleId, type: 'OpenStep', actor: leader, at: '2020-02-01T01:00:00Z', step: 'registration' });
  await driver.run({
    cycleId,
    type: 'SubmitRegistration',
    actor: officerOf('an-phu'),
    at: '2020-02-20T02:00:00Z',
    unitId: 'an-phu',
    targets,
  });
  await driver.run({
    cycleId,
    type: 'SubmitRegistration',
    actor: officerOf('chau-thanh'),
    at: '2020-02-20T03:00:00Z',
    unitId: 'chau-thanh',
    targets,
  });
  await driver.run({
    cycleId,
    type: 'ReturnSubmission',
    actor: leader,
    at: '2020-02-21T02:00:00Z',
    unitId: 'chau-thanh',
    submission: 'registration',
    reason: 'Thiếu chỉ tiêu thu ngân sách',
  });
  await driver.run({
    cycleId,
    type: 'SubmitRegistration',
    actor: officerOf('phu-tan'),
    at: '2020-02-20T04:00:00Z',
    unitId: 'phu-tan',
    targets,
  });
  await driver.run({
    cycleId,
    type: 'SubmitRegistration',
    actor: officerOf('phu-tan'),
    at: '2020-02-22T04:00:00Z',
    unitId: 'phu-tan',
    targets,
  });
  await driver.run({
    cycleId,
    type: 'AcceptSubmission',
    actor: leader,
    at: '2020-02-23T02:00:00Z',
    unitId: 'phu-tan',
    submission: 'registration',
  });
  await driver.run({
    cycleId,
    type: 'ExtendDueDate',
    actor: leader,
    at: '2020-02-25T02:00:00Z',
    step: 'registration',
    unitId: 'cho-moi',
    due: '2020-03-10',
    reason: 'Lũ lụt',
  });
  await driver.run({
    cycleId,
    type: 'SubmitRegistration',
    actor: officerOf('tri-ton'),
    at: '2020-03-02T02:00:00Z',
    unitId: 'tri-ton',
    targets,
  });
  return cycleId;
}
