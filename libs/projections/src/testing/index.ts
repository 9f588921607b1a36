/** Drivers that play cycles into a store through the deciders: for tests and the benchmark. */
export * from './cycle-driver.js';
export * from './play-year.js';
export * from './registration-scene.js';
export * from './synthetic-plan.js';
export * from './temp-store.js';
export * from './given-events.js';
