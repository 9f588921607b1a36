/** The read-your-writes wait of every query while the read models catch up with the log at start. */
import { describe, expect, it } from '@jest/globals';
import type { ReadModels } from '#projections';
import { ProblemError } from '../problems/problem.js';
import { awaitPosition } from './read-side.js';

/** Read models at `position`, catching up or not; `waitForPosition` answers as a runner would. */
function readModelsAt(position: number, catchingUp: boolean): ReadModels {
  return {
    position,
    catchingUp,
    waitForPosition: (wanted: number) => Promise.resolve(wanted <= position),
  } as unknown as ReadModels;
}

const codeOf = (error: unknown) => (error instanceof ProblemError ? error.code : error);

describe('awaitPosition', () => {
  it('without minPosition while catching up: 503 READ_MODEL_CATCHING_UP (an old view must not look current)', async () => {
    const error = await awaitPosition(readModelsAt(10, true), undefined).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('READ_MODEL_CATCHING_UP');
    expect((error as ProblemError).status).toBe(503);
  });

  it('with a minPosition already reached while catching up: answers', async () => {
    await expect(awaitPosition(readModelsAt(10, true), 10)).resolves.toBeUndefined();
  });

  it('with a minPosition not reached in time: 503 READ_MODEL_BEHIND', async () => {
    const error = await awaitPosition(readModelsAt(10, true), 11).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('READ_MODEL_BEHIND');
  });

  it('caught up, without minPosition: answers', async () => {
    await expect(awaitPosition(readModelsAt(10, false), undefined)).resolves.toBeUndefined();
  });
});
