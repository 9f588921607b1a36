/**
 * The queue dashboard (Bull Board) for operators at /admin/queues: queues, failed and
 * dead-lettered jobs. Behind a bearer token of the province or an auditor, like the API.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Express } from 'express';
import { DASHBOARD_PATH, type NotificationsRuntime } from '#notifications';
import type { JwtVerifier } from '../auth/jwt-verifier.js';
import { ProblemError } from '../problems/problem.js';

export { DASHBOARD_PATH };

const OPERATOR_ROLES = ['province', 'auditor'];

export function operatorsOnly(verifier: JwtVerifier) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) return next(ProblemError.of('UNAUTHENTICATED'));
    verifier.verify(match[1]!).then(
      (caller) =>
        next(caller.roles.some((r) => OPERATOR_ROLES.includes(r)) ? undefined : ProblemError.of('FORBIDDEN_ROLE')),
      (error: unknown) => next(error),
    );
  };
}

export function mountDashboard(expressApp: Express, runtime: NotificationsRuntime, verifier: JwtVerifier): void {
  expressApp.use(DASHBOARD_PATH, operatorsOnly(verifier));
  runtime.mountDashboard(expressApp, DASHBOARD_PATH);
}
