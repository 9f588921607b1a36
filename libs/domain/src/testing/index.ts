/** Test helpers of the domain: a small cycle to play, and given / when / then over the deciders. */
export * from './small-cycle.js';
export * from './world.js';
