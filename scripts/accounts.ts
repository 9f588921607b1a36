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
import {
  AccountError,
  ACCOUNTS_USAGE,
  AccountsService,
  ConfigError,
  loadConfig,
  openIdentityStore,
  parseAccountsArgs,
  toAccountCommand,
  type AccountCommand,
  type AccountsArgs,
} from '#api';
import { createEventStore } from '#event-store';

const EXIT = { usage: 2, USERNAME_TAKEN: 3, ACCOUNT_NOT_FOUND: 4, INVALID_ACCOUNT: 2 } as const;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Nhập mật khẩu rồi nhấn Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (echo, a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const DONE: Record<AccountCommand['type'], string> = {
  GrantAccount: 'Đã tạo tài khoản',
  ChangeAccountRoles: 'Đã đổi vai trò của tài khoản',
  DisableAccount: 'Đã khóa tài khoản',
  EnableAccount: 'Đã mở khóa tài khoản',
  SetAccountPassword: 'Đã đặt mật khẩu mới cho tài khoản',
};

async function main(): Promise<number> {
  let parsed: AccountsArgs;
  let command: AccountCommand | 'list';
  try {
    parsed = parseAccountsArgs(process.argv.slice(2));
    command = toAccountCommand(parsed);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${ACCOUNTS_USAGE}\n`);
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
