/**
 * Commands by type and outcome, with their latency: `ok`, `refused` with the problem's code (a
 * business rule, a role, a reused Idempotency-Key: anything answered below 500) or `error` (5xx).
 * The histogram has no code label: its series stay few.
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export type CommandResult = { outcome: 'ok' } | { outcome: 'refused' | 'error'; code: string };

/** What a command is counted under before its type is known (its route failed to build it). */
export const UNKNOWN_COMMAND = 'unknown';

export interface CommandTimer {
  /** Counts the command once, under `type`, with the time since `start()`. */
  done(type: string | undefined, result: CommandResult): void;
}

export class CommandMetrics {
  private readonly total: Counter<'type' | 'outcome' | 'code'>;
  private readonly duration: Histogram<'type' | 'outcome'>;

  constructor(registry: Registry) {
    this.total = new Counter({
      name: 'thidua_commands_total',
      help: 'Commands handled, by domain command type and outcome (ok, refused with the problem code, error)',
      labelNames: ['type', 'outcome', 'code'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'thidua_command_duration_seconds',
      help: 'Time from receiving a command to its answer (decide and append included), by type and outcome',
      labelNames: ['type', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  start(): CommandTimer {
    const started = performance.now();
    return {
      done: (type, result) => {
        const seconds = (performance.now() - started) / 1000;
        const name = type ?? UNKNOWN_COMMAND;
        this.total.inc({ type: name, outcome: result.outcome, code: result.outcome === 'ok' ? '' : result.code });
        this.duration.observe({ type: name, outcome: result.outcome }, seconds);
      },
    };
  }
}
