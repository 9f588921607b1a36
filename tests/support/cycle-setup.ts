/** Short ways to bring a cycle to a given step through the API, for tests that start mid-year. */
import type { ApiClient } from '#scenario';
import { STEPS } from '#scenario';
import { openCycleBody, selfAssessmentBody, type CycleOverrides, type Scenario } from '#scenario';
import type { Tokens } from '#scenario';

export type Step = (typeof STEPS)[number];

/** Opens a cycle as the province; answers its id. */
export async function openCycle(
  api: ApiClient,
  tokens: Tokens,
  s: Scenario,
  overrides: CycleOverrides = {},
): Promise<string> {
  const res = await api.ok(
    'POST',
    '/cycles',
    { token: await tokens.province(), body: openCycleBody(s, overrides) },
    'open a cycle',
  );
  return (res.body as { cycleId: string }).cycleId;
}

/** Opens and closes every step before `step`, then opens `step`, as the leader. */
export async function openStep(
  api: ApiClient,
  leaderToken: string,
  cycleId: string,
  step: Exclude<Step, 'vote'>,
): Promise<number> {
  let position = 0;
  for (const name of STEPS) {
    const opened = await api.ok(
      'POST',
      `/cycles/${cycleId}/steps/${name}/open`,
      { token: leaderToken, body: {} },
      `open ${name}`,
    );
    position = (opened.body as { position: number }).position;
    if (name === step) return position;
    const closed = await api.ok(
      'POST',
      `/cycles/${cycleId}/steps/${name}/close`,
      { token: leaderToken, body: {} },
      `close ${name}`,
    );
    position = (closed.body as { position: number }).position;
  }
  return position;
}

/** Every unit submits the scenario's self-assessment (units outside the scenario take An Phú's). */
export async function selfAssessAll(
  api: ApiClient,
  tokens: Tokens,
  s: Scenario,
  cycleId: string,
  unitIds: string[],
): Promise<number> {
  let position = 0;
  for (const unitId of unitIds) {
    const body = s.selfAssessment.points[unitId]
      ? selfAssessmentBody(s, unitId)
      : selfAssessmentBody(s, s.units[0]!.id);
    const res = await api.ok(
      'PUT',
      `/cycles/${cycleId}/units/${unitId}/self-assessment`,
      { token: await tokens.unit(unitId), body },
      `self-assess ${unitId}`,
    );
    position = Math.max(position, (res.body as { position: number }).position);
  }
  return position;
}
