/**
 * `npm run -s accounts -- COMMAND ...`: local accounts for administrators, non-interactive so that
 * scripts and tests can use it. Passwords are read from standard input, never from arguments.
 *
 *   add --username U --name "Họ tên" --role ROLE [--role ROLE2] [--unit UNIT_ID] [--province PROVINCE_ID]
 *   list [--json]
 *   disable --username U            enable --username U
 *   set-password --username U       set-roles --username U --role ROLE [...] [--unit ..] [--province ..]
 *   every command that changes an account also takes [--reason "..."] [--by ADMIN]
 *
 * Exit codes: 0 done (or nothing to change), 2 invalid arguments (unknown role, unit or province
 * missing, bad username or password), 3 username taken, 4 no such account, 1 anything else.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  AccountError,
  AccountsService,
  ConfigError,
  loadConfig,
  normalizeUsername,
  openIdentityStore,
  ROLES,
  type AccountCommand,
  type Role,
} from '#api';
import { createEventStore } from '#event-store';

const USAGE = `Cách dùng: npm run -s accounts -- <lệnh> ...
  add --username U --name "Họ tên" --role VAI_TRÒ [--role VAI_TRÒ_2] [--unit MÃ_ĐƠN_VỊ] [--province MÃ_TỈNH]   (mật khẩu: đầu vào chuẩn)
  list [--json]
  disable --username U | enable --username U
  set-password --username U   (mật khẩu: đầu vào chuẩn)
  set-roles --username U --role VAI_TRÒ [--role ...] [--unit MÃ_ĐƠN_VỊ] [--province MÃ_TỈNH]
  Thêm cho mọi lệnh thay đổi: [--reason "lý do"] [--by NGƯỜI_THỰC_HIỆN]
  Vai trò: ${ROLES.join(', ')}`;

const EXIT = { usage: 2, USERNAME_TAKEN: 3, ACCOUNT_NOT_FOUND: 4, INVALID_ACCOUNT: 2 } as const;

class UsageError extends Error {}

function parse(argv: string[]) {
  const [command, ...rest] = argv;
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
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Nhập mật khẩu rồi nhấn Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (echo, a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function toCommand(command: string | undefined, v: ReturnType<typeof parse>['values']): AccountCommand | 'list' {
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
    case 'set-password':
      return { type: 'SetAccountPassword', username, ...reason };
    default:
      throw new UsageError(command ? `Lệnh không có: "${command}".` : 'Thiếu lệnh.');
  }
}

const DONE: Record<AccountCommand['type'], string> = {
  GrantAccount: 'Đã tạo tài khoản',
  ChangeAccountRoles: 'Đã đổi vai trò của tài khoản',
  DisableAccount: 'Đã khóa tài khoản',
  EnableAccount: 'Đã mở khóa tài khoản',
  SetAccountPassword: 'Đã đặt mật khẩu mới cho tài khoản',
};

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let command: AccountCommand | 'list';
  try {
    parsed = parse(process.argv.slice(2));
    command = toCommand(parsed.command, parsed.values);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const identity = await openIdentityStore(config);
  const store = await createEventStore(config.eventStore);
  try {
    const accounts = new AccountsService(identity, store);
    if (command === 'list') {
      const all = await accounts.list();
      if (parsed.values.json) {
        for (const a of all) {
          const { passwordHash: _, ...shown } = a;
          process.stdout.write(`${JSON.stringify(shown)}\n`);
        }
      } else {
        for (const a of all) {
          const scope = [a.provinceId && `tỉnh ${a.provinceId}`, a.unitId && `đơn vị ${a.unitId}`]
            .filter(Boolean)
            .join(', ');
          process.stdout.write(
            `${a.username}\t${a.name}\t${a.roles.join(',')}\t${scope || '—'}\t${a.disabled ? 'đã khóa' : 'hoạt động'}\n`,
          );
        }
      }
      return 0;
    }
    const password =
      command.type === 'GrantAccount' || command.type === 'SetAccountPassword' ? await readStdin() : undefined;
    const by = { userId: parsed.values.by?.normalize('NFC') ?? `cli:${userInfo().username}` };
    const outcome = await accounts.execute(command, by, new Date().toISOString(), password);
    process.stderr.write(
      outcome.events.length === 0
        ? `Không có gì thay đổi: ${command.username}\n`
        : `${DONE[command.type]} ${command.username}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AccountError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT[error.code];
    }
    throw error;
  } finally {
    await store.close();
    await identity.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
