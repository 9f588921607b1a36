/**
 * How a command is counted: by the problem its error becomes (the one mapping of errors to answers,
 * `ProblemFilter`), so the metrics say what the client was told. Below 500 the command was
 * refused (a business rule, a role, a reused Idempotency-Key, an unknown attachment), else it failed.
 */
import type { CommandResult } from '#metrics';
import { ProblemFilter } from '../problems/problem.filter.js';

const problems = new ProblemFilter();

export function commandResultOf(error: unknown): CommandResult {
  const { status, code } = problems.toProblem(error, 'en');
  return { outcome: status < 500 ? 'refused' : 'error', code };
}
