/** The notification runtime under test: a harness on a temporary store and Redis, and helpers. */
export * from './cycle-events.js';
export * from './harness.js';
export * from './run-command.js';
