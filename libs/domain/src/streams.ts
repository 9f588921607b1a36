/**
 * Stream naming and routing. The cycle's own stream holds everything the whole cluster shares;
 * a stream per unit and cycle holds that unit's submissions, so units submitting in the same
 * second never conflict (each appends to its own stream with its own expected revision).
 */
import type { DomainCommand } from './commands.js';
import { isUnitCommand } from './commands.js';

export const CYCLE_STREAM_PREFIX = 'cycle-';
export const UNIT_STREAM_PREFIX = 'unit-';

/** Ids are restricted (see `ID_PATTERN`) so that stream names parse back unambiguously. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * The longest stream name the event store accepts. Two ids of up to 100 characters each can make
 * a unit stream name longer than this, so opening a cycle checks every unit stream name against it.
 */
export const MAX_STREAM_NAME_LENGTH = 200;

export function defaultCycleId(clusterId: string, year: number): string {
  return `${clusterId}-${year}`;
}

export function cycleStreamName(cycleId: string): string {
  return `${CYCLE_STREAM_PREFIX}${cycleId}`;
}

export function unitStreamName(cycleId: string, unitId: string): string {
  return `${UNIT_STREAM_PREFIX}${cycleId}.${unitId}`;
}

export type ParsedStreamName = { kind: 'cycle'; cycleId: string } | { kind: 'unit'; cycleId: string; unitId: string };

export function parseStreamName(streamName: string): ParsedStreamName | null {
  if (streamName.startsWith(CYCLE_STREAM_PREFIX)) {
    const cycleId = streamName.slice(CYCLE_STREAM_PREFIX.length);
    return ID_PATTERN.test(cycleId) ? { kind: 'cycle', cycleId } : null;
  }
  if (streamName.startsWith(UNIT_STREAM_PREFIX)) {
    const rest = streamName.slice(UNIT_STREAM_PREFIX.length);
    const dot = rest.lastIndexOf('.');
    const cycleId = rest.slice(0, dot);
    const unitId = rest.slice(dot + 1);
    return dot > 0 && ID_PATTERN.test(cycleId) && ID_PATTERN.test(unitId) ? { kind: 'unit', cycleId, unitId } : null;
  }
  return null;
}

/**
 * What a handler must load and where it appends. The cycle stream is always folded (every rule
 * needs the configuration); besides it:
 * - `write`: the one stream the resulting events go to (with the expected revision it read);
 * - `readUnits`: which unit streams to fold: none, the command's unit, or every member unit.
 */
export type StreamPlan = {
  write: string;
  readUnits: 'none' | 'all' | { unitId: string };
};

export function streamPlan(command: DomainCommand): StreamPlan {
  if (isUnitCommand(command)) {
    return {
      write: unitStreamName(command.cycleId, command.unitId),
      readUnits: { unitId: command.unitId },
    };
  }
  return {
    write: cycleStreamName(command.cycleId),
    readUnits: command.type === 'LockScores' ? 'all' : 'none',
  };
}
