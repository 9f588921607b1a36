/**
 * Sign-in through an OpenID provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): the
 * authorization-code flow with PKCE (openid-client). `login` sends the browser to the provider
 * with a fresh state, nonce and code challenge, kept in a short-lived signed cookie (so the
 * callback may land on any instance); `callback` exchanges the code, checks the ID token, maps its
 * claims to a caller (the claim names of OIDC_*_CLAIM) and opens the same session as a local
 * sign-in, then sends the browser to `/`.
 */
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '#config';
import { ProblemError } from '../../problems/problem.js';
import type { Clock } from '../../shell/clock.js';
import { APP_CONFIG, CLOCK } from '../../shell/tokens.js';
import { callerFromClaims } from '../jwt-verifier.js';
import { ownOrigin } from '../origin.js';
import { Public } from '../roles.decorator.js';
import { requestCookies, setSessionCookies } from '../session-cookies.js';
import { Sessions } from '../sessions.js';
import { OidcClient, OIDC_CALLBACK_PATH } from './oidc-client.js';
import { OIDC_STATE_COOKIE, openFlowState, sealFlowState } from './flow-state.js';

const FLOW_TTL_MS = 10 * 60_000;

@ApiTags('identity')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcClient) private readonly oidc: OidcClient,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({
    summary: 'redirects to the OpenID provider (authorization code + PKCE); 404 OIDC_NOT_CONFIGURED without one',
  })
  @ApiFoundResponse({ description: 'to the provider' })
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const settings = this.settings();
    const flow = this.oidc.newFlow();
    const url = await this.oidc.authorizationUrl(settings, this.redirectUri(req), flow);
    const sealed = sealFlowState(this.config.auth.jwtSecret, {
      ...flow,
      expiresAtMs: this.clock.now().getTime() + FLOW_TTL_MS,
    });
    res.cookie(OIDC_STATE_COOKIE, sealed, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/api/v1/auth/oidc',
      maxAge: FLOW_TTL_MS,
    });
    res.redirect(302, url.href);
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: "the provider's redirect: opens a session (the same cookies as POST /auth/login) and redirects to /",
  })
  @ApiFoundResponse({ description: 'to /' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const settings = this.settings();
    const flow = openFlowState(
      this.config.auth.jwtSecret,
      requestCookies(req)[OIDC_STATE_COOKIE],
      this.clock.now().getTime(),
    );
    if (!flow) throw ProblemError.of('OIDC_FAILED');
    res.clearCookie(OIDC_STATE_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/api/v1/auth/oidc',
    });
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const claims = await this.oidc.exchange(settings, new URL(this.redirectUri(req) + query), flow);
    const caller = callerFromClaims(claims, this.config.auth.claims);
    const session = await this.sessions.start(caller.userId, this.clock.now().getTime(), caller);
    setSessionCookies(req, res, session, this.config.sessions.idleTimeoutMs);
    res.redirect(302, '/');
  }

  private settings(): NonNullable<AppConfig['oidc']> {
    if (!this.config.oidc) throw ProblemError.of('OIDC_NOT_CONFIGURED');
    return this.config.oidc;
  }

  private redirectUri(req: Request): string {
    return this.config.oidc?.redirectUri ?? `${ownOrigin(req, this.config.publicOrigin)}${OIDC_CALLBACK_PATH}`;
  }
}
