/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); a route with
 * @Roles(...) also needs one of them (403 otherwise). Unit and cluster binding is checked again by
 * the domain, which knows the cycle (defence in depth).
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemError } from '../problems/problem.js';
import type { AuthenticatedRequestFields, Role } from './caller.js';
import { JwtVerifier } from './jwt-verifier.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequestFields>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) throw ProblemError.of('UNAUTHENTICATED');
    const caller = await this.verifier.verify(match[1]!);
    req.caller = caller;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      req.actingRole = caller.roles[0];
      return true;
    }
    const acting = allowed.find((role) => caller.roles.includes(role));
    if (!acting) {
      throw ProblemError.of('FORBIDDEN_ROLE', undefined, {
        vi: `Thao tác này dành cho vai trò: ${allowed.join(', ')}`,
        en: `This is for roles: ${allowed.join(', ')}`,
      });
    }
    req.actingRole = acting;
    return true;
  }
}
