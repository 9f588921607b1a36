/**
 * From a domain command to stored events: `handleCommand` (load, fold, decide, envelope, append
 * with the expected revision, retry) and `toNewEvents` (the envelope and the ballot's seal).
 */
export { handleCommand, domainEvent, IdempotencyKeyReusedError } from './handle-command.js';
export type { CommandContext, CommandOutcome, HandleOptions } from './handle-command.js';
export { toNewEvents } from './to-new-events.js';
export type { Envelope, TypedEvent } from './to-new-events.js';
export { FoldedStreams } from './folded-streams.js';
export { BallotBox } from './ballot-box.js';
export type { Fold, FoldedStream } from './folded-streams.js';
