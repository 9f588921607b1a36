/**
 * Test fixtures of the domain: a small cycle to play, and an in-memory world over the deciders.
 * (given / when / then, which needs Jest, is `given.ts`, imported by the domain's own tests.)
 */
export * from './small-cycle.js';
export * from './world.js';
