/**
 * Accounts as a decider: `decideAccount(command, account) → events`, `evolveAccount(account, event)`.
 * Pure (no clock, no store). The events are the history an auditor reads ("who could act as
 * leader of this cluster on that day"); they never carry password material. The current state of
 * an account is the fold of its events; the identity store keeps that state plus the password hash.
 */
import { ID_PATTERN, ROLES, type Role } from '#domain';

/** The one stream of account events. */
export const ACCOUNTS_STREAM = 'accounts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** The role that reads every province's cycles (an auditor of the whole country). */
export const NATIONAL_AUDITOR: Role = 'national-auditor';

export interface AccountProfile {
  name: string;
  roles: Role[];
  unitId?: string;
  provinceId?: string;
}

export interface AccountView extends AccountProfile {
  username: string;
  disabled: boolean;
}

export type AccountCommand =
  | { type: 'GrantAccount'; username: string; profile: AccountProfile; reason?: string }
  | {
      type: 'ChangeAccountRoles';
      username: string;
      roles: Role[];
      unitId?: string;
      provinceId?: string;
      reason?: string;
    }
  | { type: 'DisableAccount'; username: string; reason?: string }
  | { type: 'EnableAccount'; username: string; reason?: string }
  | { type: 'SetAccountPassword'; username: string; reason?: string };

type Reason = { reason?: string };
export type AccountEvent =
  | { type: 'AccountGranted'; data: { username: string } & AccountProfile & Reason }
  | {
      type: 'AccountRolesChanged';
      data: { username: string; roles: Role[]; unitId?: string; provinceId?: string } & Reason;
    }
  | { type: 'AccountDisabled'; data: { username: string } & Reason }
  | { type: 'AccountEnabled'; data: { username: string } & Reason }
  | { type: 'AccountPasswordSet'; data: { username: string } & Reason };

export const ACCOUNT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'AccountGranted',
  'AccountRolesChanged',
  'AccountDisabled',
  'AccountEnabled',
  'AccountPasswordSet',
]);

export type AccountErrorCode = 'INVALID_ACCOUNT' | 'USERNAME_TAKEN' | 'ACCOUNT_NOT_FOUND';

/** A refused account command; `message` is for the administrator (Vietnamese), `field` the argument at fault. */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export function decideAccount(command: AccountCommand, account: AccountView | undefined): AccountEvent[] {
  const reason = command.reason?.normalize('NFC').trim() ? { reason: command.reason.normalize('NFC').trim() } : {};
  if (command.type === 'GrantAccount') {
    if (!USERNAME_PATTERN.test(command.username)) {
      throw new AccountError(
        'INVALID_ACCOUNT',
        'Tên đăng nhập chỉ gồm chữ thường không dấu, số, ".", "_", "-" (2 đến 64 ký tự).',
        'username',
      );
    }
    if (account) throw new AccountError('USERNAME_TAKEN', `Tên đăng nhập "${command.username}" đã có.`, 'username');
    const name = command.profile.name.normalize('NFC').trim();
    if (name === '' || name.length > 200)
      throw new AccountError('INVALID_ACCOUNT', 'Cần --name (họ tên, tối đa 200 ký tự).', 'name');
    const scope = validScope(command.profile.roles, command.profile.unitId, command.profile.provinceId);
    return [{ type: 'AccountGranted', data: { username: command.username, name, ...scope, ...reason } }];
  }
  if (!account) throw new AccountError('ACCOUNT_NOT_FOUND', `Không có tài khoản "${command.username}".`, 'username');
  switch (command.type) {
    case 'ChangeAccountRoles': {
      const scope = validScope(command.roles, command.unitId, command.provinceId);
      const same =
        scope.roles.join() === account.roles.join() &&
        scope.unitId === account.unitId &&
        scope.provinceId === account.provinceId;
      return same ? [] : [{ type: 'AccountRolesChanged', data: { username: account.username, ...scope, ...reason } }];
    }
    case 'DisableAccount':
      return account.disabled ? [] : [{ type: 'AccountDisabled', data: { username: account.username, ...reason } }];
    case 'EnableAccount':
      return account.disabled ? [{ type: 'AccountEnabled', data: { username: account.username, ...reason } }] : [];
    case 'SetAccountPassword':
      return [{ type: 'AccountPasswordSet', data: { username: account.username, ...reason } }];
  }
}

export function evolveAccount(account: AccountView | undefined, event: AccountEvent): AccountView | undefined {
  switch (event.type) {
    case 'AccountGranted': {
      const { reason: _, ...profile } = event.data;
      return { ...profile, disabled: false };
    }
    case 'AccountRolesChanged': {
      if (!account) return account;
      const { name, username, disabled } = account;
      const { roles, unitId, provinceId } = event.data;
      return { username, name, disabled, roles, ...(unitId ? { unitId } : {}), ...(provinceId ? { provinceId } : {}) };
    }
    case 'AccountDisabled':
      return account && { ...account, disabled: true };
    case 'AccountEnabled':
      return account && { ...account, disabled: false };
    case 'AccountPasswordSet':
      return account;
  }
}

/** Roles known, a unit for leader and unit officers, a province for all but the national auditor (who has none). */
function validScope(roles: Role[], unitId: string | undefined, provinceId: string | undefined) {
  const unique = [...new Set(roles)];
  if (unique.length === 0)
    throw new AccountError('INVALID_ACCOUNT', `Cần ít nhất một --role (${ROLES.join(', ')}).`, 'role');
  const unknown = unique.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw new AccountError(
      'INVALID_ACCOUNT',
      `Vai trò không hợp lệ: ${unknown.join(', ')} (có: ${ROLES.join(', ')}).`,
      'role',
    );
  }
  const needsUnit = unique.some((r) => r === 'leader' || r === 'unit');
  if (needsUnit && !unitId)
    throw new AccountError('INVALID_ACCOUNT', 'Vai trò leader và unit cần --unit (mã đơn vị).', 'unit');
  if (!needsUnit && unitId)
    throw new AccountError('INVALID_ACCOUNT', '--unit chỉ dùng với vai trò leader hoặc unit.', 'unit');
  if (unitId !== undefined && !ID_PATTERN.test(unitId))
    throw new AccountError('INVALID_ACCOUNT', `Mã đơn vị "${unitId}" không hợp lệ.`, 'unit');
  const national = unique.every((r) => r === NATIONAL_AUDITOR);
  if (!national && !provinceId)
    throw new AccountError(
      'INVALID_ACCOUNT',
      'Cần --province (mã tỉnh) cho mọi vai trò trừ national-auditor.',
      'province',
    );
  // A national auditor reads every province's cycles: a province on such an account would mean nothing.
  if (national && provinceId !== undefined)
    throw new AccountError(
      'INVALID_ACCOUNT',
      `Vai trò national-auditor (kiểm tra, giám sát toàn quốc) không thuộc tỉnh nào: bỏ --province "${provinceId}".`,
      'province',
    );
  if (provinceId !== undefined && !ID_PATTERN.test(provinceId)) {
    throw new AccountError('INVALID_ACCOUNT', `Mã tỉnh "${provinceId}" không hợp lệ.`, 'province');
  }
  return { roles: unique, ...(unitId ? { unitId } : {}), ...(provinceId ? { provinceId } : {}) };
}
