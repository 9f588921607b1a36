import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BALLOT_BOX_ACTOR, cycleStreamName, DomainError, unitStreamName, type DomainCommand } from '#domain';
import { AT, CYCLE_ID, journey, leader, officer, openCycleCommand, UNITS, World } from '#domain/testing';
import { SqliteEventStore } from '#event-store/sqlite';
import { FoldedStreams } from './folded-streams.js';
import { handleCommand, IdempotencyKeyReusedError } from './handle-command.js';
import { toNewEvents } from './to-new-events.js';

describe('handleCommand', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-commands-test-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The log of a world driven by the domain's journey, stream by stream. */
  async function storeWorld(world: World): Promise<void> {
    const envelope = { commandId: 'setup', actor: { userId: 'setup', role: 'province' }, occurredAt: AT };
    await store.append(cycleStreamName(CYCLE_ID), toNewEvents(world.cycleEvents, envelope), 'no-stream');
    for (const [unitId, events] of world.unitEvents) await store.append(unitStreamName(CYCLE_ID, unitId), toNewEvents(events, envelope), 'no-stream');
  }

  const openStep: DomainCommand = { type: 'OpenStep', cycleId: CYCLE_ID, actor: leader, at: AT, step: 'registration' };

  it('appends the decided events to the planned stream with their envelope', async () => {
    await handleCommand(store, openCycleCommand());
    const outcome = await handleCommand(store, openStep, { commandId: 'c-1', role: 'leader', correlationId: 'corr-1', requestHash: 'h' });
    expect(outcome).toMatchObject({ revision: 1, replayed: false });
    const [event] = outcome.events;
    expect(event).toMatchObject({ streamId: cycleStreamName(CYCLE_ID), type: 'StepOpened', revision: 1 });
    expect(event!.metadata).toMatchObject({
      commandId: 'c-1',
      correlationId: 'corr-1',
      causationId: 'c-1',
      actor: { userId: leader.userId, role: 'leader', unitId: 'a' },
      occurredAt: AT,
      requestHash: 'h',
    });
  });

  it('refuses with the domain error and appends nothing', async () => {
    await expect(handleCommand(store, openStep)).rejects.toBeInstanceOf(DomainError);
    expect(await store.headPosition()).toBe(0);
  });

  it('answers an idempotent command already recorded from the log, and refuses its id for another request', async () => {
    await handleCommand(store, openCycleCommand());
    const first = await handleCommand(store, openStep, { commandId: 'k-1', requestHash: 'h1', idempotent: true });
    const again = await handleCommand(store, openStep, { commandId: 'k-1', requestHash: 'h1', idempotent: true });
    expect(again).toEqual({ ...first, replayed: true });
    await expect(handleCommand(store, openStep, { commandId: 'k-1', requestHash: 'h2', idempotent: true })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect((await store.readStream(cycleStreamName(CYCLE_ID))).map((e) => e.type)).toEqual(['CycleOpened', 'StepOpened']);
  });

  it('retries when another writer appended to the stream after it was read', async () => {
    await handleCommand(store, openCycleCommand());
    const retries: number[] = [];
    const extend: DomainCommand = { type: 'ExtendDueDate', cycleId: CYCLE_ID, actor: leader, at: AT, step: 'registration', due: '2030-03-01', reason: 'Lũ' };
    // Two writers, each with its own folded streams, decide on the same revision of the cycle stream.
    await Promise.all([
      handleCommand(store, openStep, {}, { streams: new FoldedStreams(store), onRetry: (_e, attempt) => retries.push(attempt) }),
      handleCommand(store, extend, {}, { streams: new FoldedStreams(store), onRetry: (_e, attempt) => retries.push(attempt) }),
    ]);
    expect(retries).toEqual([1]);
    const types = (await store.readStream(cycleStreamName(CYCLE_ID))).map((e) => e.type);
    expect(types.sort()).toEqual(['CycleOpened', 'DueDateExtended', 'StepOpened']);
  });

  it("seals a ballot's content: the ballot box is its actor and no id or instant ties it to the voter's BallotCast", async () => {
    await storeWorld(journey.toVote());
    const voter = UNITS[1];
    const at = '2030-01-05T01:23:45.678Z';
    const outcome = await handleCommand(
      store,
      { type: 'CastBallot', cycleId: CYCLE_ID, actor: officer(voter), at, unitId: voter, receipt: 'receipt-0001', choices: { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } } },
      { commandId: 'ballot-command', correlationId: 'ballot-correlation', requestHash: 'ballot-hash' },
    );
    const cast = outcome.events.find((e) => e.type === 'BallotCast')!;
    const content = outcome.events.find((e) => e.type === 'BallotDeposited')!;
    expect(cast.metadata).toMatchObject({ commandId: 'ballot-command', actor: { userId: officer(voter).userId }, occurredAt: at });
    expect(content.metadata.actor).toEqual(BALLOT_BOX_ACTOR);
    expect(content.metadata.occurredAt).toBe('2030-01-05T01:23:00.000Z');
    expect(content.metadata.requestHash).toBeUndefined();
    const linking = ['ballot-command', 'ballot-correlation', cast.metadata.eventId];
    for (const id of [content.metadata.commandId, content.metadata.correlationId, content.metadata.causationId]) expect(linking).not.toContain(id);
  });
});
