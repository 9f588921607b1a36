/**
 * `GET /audit/accounts?asOf=`: the history of the accounts as an auditor reads it (who granted
 * which roles to whom, who changed, disabled or enabled an account, when and why), read from the
 * log's `accounts` stream, and, with `asOf`, the accounts as they stood at that moment, which
 * answers "who could act as leader of this cluster on that day". A province's auditor reads its
 * province's accounts; a national auditor every one.
 */
import { Controller, Get, Inject, Query as QueryParams } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import type { EventStore, RecordedEvent } from '#event-store';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { EVENT_STORE } from '../shell/tokens.js';
import { ACCOUNT_EVENT_TYPES, ACCOUNTS_STREAM, evolveAccount, type AccountEvent, type AccountView } from './account.js';

export class AccountsAuditQuery {
  @ApiPropertyOptional({
    description: 'an ISO 8601 instant: also the accounts as they stood then',
    example: '2020-06-30T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

const ACTIONS: Record<AccountEvent['type'], string> = {
  AccountGranted: 'Cấp tài khoản',
  AccountRolesChanged: 'Đổi vai trò',
  AccountDisabled: 'Khóa tài khoản',
  AccountEnabled: 'Mở khóa tài khoản',
  AccountPasswordSet: 'Đặt lại mật khẩu',
};

export interface AccountAuditEntry {
  position: number;
  at: string;
  by: string;
  action: string;
  type: AccountEvent['type'];
  username: string;
  roles?: string[];
  unitId?: string;
  provinceId?: string;
  reason?: string;
}

@ApiTags('reading and auditing')
@ApiBearerAuth('bearer')
@Controller('audit/accounts')
export class AccountsAuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({
    summary:
      'every grant, change of roles, disabling and enabling of an account (never a password); with asOf, the accounts then',
  })
  @ApiOkResponse({ description: '{ entries: [...], accounts?: [...] }' })
  async history(@QueryParams() q: AccountsAuditQuery, @CurrentCaller() who: CallerContext) {
    const national = who.caller.roles.includes('national-auditor');
    const events = (await this.store.readStream(ACCOUNTS_STREAM)).filter((e) => ACCOUNT_EVENT_TYPES.has(e.type));
    const accounts = new Map<string, AccountView | undefined>();
    const entries: AccountAuditEntry[] = [];
    const asOf = q.asOf === undefined ? undefined : Date.parse(q.asOf);
    const then = new Map<string, AccountView | undefined>();
    for (const event of events) {
      const username = event.data['username'] as string;
      const next = evolveAccount(accounts.get(username), {
        type: event.type,
        data: event.data,
      } as unknown as AccountEvent);
      accounts.set(username, next);
      if (asOf !== undefined && Date.parse(event.metadata.occurredAt) <= asOf) then.set(username, next);
      if (national || next?.provinceId === who.caller.provinceId) entries.push(entryOf(event, next));
    }
    const visible = (a: AccountView | undefined): a is AccountView =>
      a !== undefined && (national || a.provinceId === who.caller.provinceId);
    return { entries, ...(asOf !== undefined ? { asOf: q.asOf, accounts: [...then.values()].filter(visible) } : {}) };
  }
}

function entryOf(event: RecordedEvent, account: AccountView | undefined): AccountAuditEntry {
  const data = event.data as Record<string, unknown>;
  const type = event.type as AccountEvent['type'];
  return {
    position: event.position,
    at: event.metadata.occurredAt,
    by: event.metadata.actor.userId,
    action: ACTIONS[type],
    type,
    username: data['username'] as string,
    ...(type === 'AccountGranted' || type === 'AccountRolesChanged' ? { roles: data['roles'] as string[] } : {}),
    ...(account?.unitId ? { unitId: account.unitId } : {}),
    ...(account?.provinceId ? { provinceId: account.provinceId } : {}),
    ...(typeof data['reason'] === 'string' ? { reason: data['reason'] } : {}),
  };
}
