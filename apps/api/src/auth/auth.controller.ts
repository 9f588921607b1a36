/**
 * Identity routes: sign in and out with a local account (session cookie), who am I, and which
 * sign-in methods this server offers. The OIDC flow is in `oidc/`.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { AppConfig } from '#config';
import type { IdentityStore } from '../identity/identity-store.port.js';
import { MAX_PASSWORD_LENGTH } from '../identity/passwords.js';
import { ProblemError } from '../problems/problem.js';
import type { Clock } from '../shell/clock.js';
import { APP_CONFIG, CLOCK, IDENTITY_STORE } from '../shell/tokens.js';
import { CurrentCaller, type CallerContext } from './caller.decorator.js';
import { callerView, type AuthenticatedRequestFields, type CallerView } from './caller.js';
import { checkCredentials, Throttled } from './login.js';
import { isSameOrigin } from './origin.js';
import { Public } from './roles.decorator.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';
import { Sessions } from './sessions.js';

export class LoginDto {
  @ApiProperty({ example: 'ban-tdkt' }) @IsString() @MinLength(1) @MaxLength(200) username!: string;
  @ApiProperty({ format: 'password' }) @IsString() @MinLength(1) @MaxLength(MAX_PASSWORD_LENGTH) password!: string;
}

const CALLER_SCHEMA = {
  type: 'object',
  required: ['sub', 'name', 'roles'],
  properties: {
    sub: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    unitId: { type: 'string' },
    provinceId: { type: 'string' },
  },
};

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_STORE) private readonly store: IdentityStore,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'sign in with a local account: the caller, and the session (thidua_session) and CSRF (thidua_csrf) cookies',
  })
  @ApiOkResponse({ schema: CALLER_SCHEMA })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS (the same for an unknown user and a wrong password)' })
  @ApiTooManyRequestsResponse({
    description: 'LOGIN_THROTTLED: too many failures for this username or address; see Retry-After',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CallerView> {
    if (!isSameOrigin(req, this.config.publicOrigin)) throw ProblemError.of('CSRF_REJECTED');
    const nowMs = this.clock.now().getTime();
    let account;
    try {
      account = await checkCredentials(this.store, this.config.login, { ...body, address: req.ip ?? 'unknown', nowMs });
    } catch (error) {
      if (error instanceof Throttled) res.setHeader('Retry-After', String(error.retryAfterS));
      throw error;
    }
    const session = await this.sessions.start(account.username, nowMs);
    setSessionCookies(req, res, session, this.config.sessions.idleTimeoutMs);
    return callerView({
      userId: account.username,
      name: account.name,
      roles: account.roles,
      ...(account.unitId ? { unitId: account.unitId } : {}),
      ...(account.provinceId ? { provinceId: account.provinceId } : {}),
    });
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'ends the session on the server and clears its cookies (a bearer caller: nothing to end)' })
  @ApiNoContentResponse({ description: 'signed out' })
  async logout(
    @Req() req: Request & AuthenticatedRequestFields,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (req.sessionIdHash) await this.sessions.end(req.sessionIdHash);
    clearSessionCookies(req, res);
  }

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'the sign-in methods of this server: { oidc }' })
  @ApiOkResponse({ schema: { type: 'object', properties: { oidc: { type: 'boolean' } }, required: ['oidc'] } })
  options(): { oidc: boolean } {
    return { oidc: this.config.oidc !== undefined };
  }
}

@ApiTags('identity')
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'who the caller is, for a session or a bearer token' })
  @ApiOkResponse({ schema: CALLER_SCHEMA })
  me(@CurrentCaller() who: CallerContext): CallerView {
    return callerView(who.caller);
  }
}
