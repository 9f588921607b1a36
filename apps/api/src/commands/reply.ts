/** Sends a command's answer; a replayed one says so in a header (the body is the first answer). */
import type { Response } from 'express';
import type { CommandAnswer } from './domain-command.js';

export function reply(res: Response, answer: CommandAnswer): CommandAnswer['body'] {
  if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return answer.body;
}
