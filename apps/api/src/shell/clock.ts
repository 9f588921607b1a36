/**
 * The shell's clock: the domain has none, so every command's `occurredAt` and "now" come from
 * here. Injected (token CLOCK) so that tests can set the time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
