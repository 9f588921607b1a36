/**
 * Global guard: every route needs a caller unless marked @Public(): a bearer token
 * (`Authorization: Bearer`, programs) or the session cookie (browsers). A cookie-authenticated
 * request that changes state must also carry `X-CSRF-Token` equal to the `thidua_csrf` cookie
 * (and to the token bound to the session) and, when it sends `Origin`, come from this server's own
 * origin; otherwise 403 CSRF_REJECTED. Bearer clients are unaffected: a cross-site page cannot
 * make a browser send a bearer header. A route with @Roles(...) also needs one of them (403
 * otherwise). Unit, cluster and province are checked again by the domain, which knows the cycle.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AppConfig } from '#config';
import { ProblemError } from '../problems/problem.js';
import type { Clock } from '../shell/clock.js';
import { APP_CONFIG, CLOCK } from '../shell/tokens.js';
import type { AuthenticatedRequestFields, Caller, Role } from './caller.js';
import { JwtVerifier } from './jwt-verifier.js';
import { isSameOrigin } from './origin.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { CSRF_COOKIE, CSRF_HEADER, requestCookies, SESSION_COOKIE, setSessionCookies } from './session-cookies.js';
import { Sessions } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequestFields>();
    const caller = await this.authenticate(req, context.switchToHttp().getResponse<Response>());
    req.caller = caller;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      req.actingRole = caller.roles[0];
      return true;
    }
    // A national auditor may read wherever an auditor may.
    const acting = caller.roles.find(
      (role) => allowed.includes(role) || (role === 'national-auditor' && allowed.includes('auditor')),
    );
    if (!acting) {
      throw ProblemError.of('FORBIDDEN_ROLE', undefined, {
        vi: `Thao tác này dành cho vai trò: ${allowed.join(', ')}`,
        en: `This is for roles: ${allowed.join(', ')}`,
      });
    }
    req.actingRole = acting;
    return true;
  }

  private async authenticate(req: Request & AuthenticatedRequestFields, res: Response): Promise<Caller> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw ProblemError.of('UNAUTHENTICATED');
      return this.verifier.verify(match[1]!);
    }
    const cookies = requestCookies(req);
    const id = cookies[SESSION_COOKIE];
    if (!id) throw ProblemError.of('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      const token = Array.isArray(header) ? header[0] : header;
      const cookie = cookies[CSRF_COOKIE];
      if (
        !token ||
        token !== cookie ||
        !this.sessions.csrfTokenMatches(id, token) ||
        !isSameOrigin(req, this.config.publicOrigin)
      ) {
        throw ProblemError.of('CSRF_REJECTED');
      }
    }
    const session = await this.sessions.resolve(id, this.clock.now().getTime());
    if (!session) throw ProblemError.of('SESSION_EXPIRED');
    req.sessionIdHash = session.idHash;
    if (session.slid)
      setSessionCookies(req, res, { id, csrf: this.sessions.csrfTokenFor(id) }, this.config.sessions.idleTimeoutMs);
    return session.caller;
  }
}
