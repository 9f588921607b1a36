/**
 * The arguments of `npm run -s accounts -- COMMAND ...` (scripts/accounts.ts) as an account
 * command: pure, so that its refusals are unit-tested. Every refusal is a `UsageError` whose
 * message, in Vietnamese, names the subcommand or the option at fault.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../auth/caller.js';
import { normalizeUsername } from '../auth/login.js';
import type { AccountCommand } from './account.js';

export const ACCOUNT_SUBCOMMANDS = ['add', 'list', 'disable', 'enable', 'set-password', 'set-roles'] as const;

export const ACCOUNTS_USAGE = `Cách dùng: npm run -s accounts -- <lệnh> ...
  add --username U --name "Họ tên" --role VAI_TRÒ [--role VAI_TRÒ_2] [--unit MÃ_ĐƠN_VỊ] [--province MÃ_TỈNH]   (mật khẩu: đầu vào chuẩn)
  list [--json]
  disable --username U | enable --username U
  set-password --username U   (mật khẩu: đầu vào chuẩn)
  set-roles --username U --role VAI_TRÒ [--role ...] [--unit MÃ_ĐƠN_VỊ] [--province MÃ_TỈNH]
  Thêm cho mọi lệnh thay đổi: [--reason "lý do"] [--by NGƯỜI_THỰC_HIỆN]
  Vai trò: ${ROLES.join(', ')} (national-auditor không thuộc tỉnh nào: không dùng --province)`;

export class UsageError extends Error {}

export interface AccountsArgs {
  command: string | undefined;
  values: {
    username?: string;
    name?: string;
    role?: string[];
    unit?: string;
    province?: string;
    reason?: string;
    by?: string;
    json?: boolean;
  };
}

export function parseAccountsArgs(argv: string[]): AccountsArgs {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        unit: { type: 'string' },
        province: { type: 'string' },
        reason: { type: 'string' },
        by: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    return { command, values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The subcommand first (an unknown one is named with the valid ones), then its options. */
export function toAccountCommand({ command, values: v }: AccountsArgs): AccountCommand | 'list' {
  if (command === undefined || command === '')
    throw new UsageError(`Thiếu lệnh (có: ${ACCOUNT_SUBCOMMANDS.join(', ')}).`);
  if (!(ACCOUNT_SUBCOMMANDS as readonly string[]).includes(command))
    throw new UsageError(`Không có lệnh "${command}" (có: ${ACCOUNT_SUBCOMMANDS.join(', ')}).`);
  if (command === 'list') return 'list';
  if (!v.username) throw new UsageError('Thiếu --username.');
  const username = normalizeUsername(v.username);
  const roles = (v.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean) as Role[];
  const scope = {
    ...(v.unit ? { unitId: v.unit.normalize('NFC') } : {}),
    ...(v.province ? { provinceId: v.province.normalize('NFC') } : {}),
  };
  const reason = v.reason ? { reason: v.reason } : {};
  switch (command) {
    case 'add':
      if (!v.name) throw new UsageError('Thiếu --name (họ tên).');
      return { type: 'GrantAccount', username, profile: { name: v.name, roles, ...scope }, ...reason };
    case 'set-roles':
      return { type: 'ChangeAccountRoles', username, roles, ...scope, ...reason };
    case 'disable':
      return { type: 'DisableAccount', username, ...reason };
    case 'enable':
      return { type: 'EnableAccount', username, ...reason };
    default:
      return { type: 'SetAccountPassword', username, ...reason };
  }
}
