/** The public API of the pure domain: catalogs, errors, streams, deciders and rule helpers. */
export * from './shared/actor.js';
export * from './shared/errors.js';
export * from './cycle/config.js';
export * from './events.js';
export * from './commands.js';
export * from './streams.js';
export * from './cycle/state.js';
export * from './cycle/evolve.js';
export * from './unit/state.js';
export * from './unit/evolve.js';
