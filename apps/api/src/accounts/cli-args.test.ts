import { describe, expect, it } from '@jest/globals';
import { AccountError, decideAccount } from './account.js';
import { ACCOUNT_SUBCOMMANDS, parseAccountsArgs, toAccountCommand, UsageError } from './cli-args.js';

const command = (...argv: string[]) => toAccountCommand(parseAccountsArgs(argv));
const refusal = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('not refused');
};

describe('the accounts command line', () => {
  it('names an unknown subcommand and lists the valid ones, before asking for --username', () => {
    const error = refusal(() => command('remove', '--username', 'a'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`Không có lệnh "remove" (có: ${ACCOUNT_SUBCOMMANDS.join(', ')}).`);
    expect(refusal(() => command('frobnicate')).message).toMatch(/^Không có lệnh "frobnicate" \(có: add, list,/);
    expect(refusal(() => command()).message).toMatch(/^Thiếu lệnh \(có: add, list,/);
  });

  it('still asks for --username on a known subcommand, and reads list without one', () => {
    expect(refusal(() => command('disable')).message).toBe('Thiếu --username.');
    expect(command('list', '--json')).toBe('list');
    expect(
      command('add', '--username', 'Kt.Tinh', '--name', 'Cán bộ', '--role', 'auditor', '--province', 'an-giang'),
    ).toEqual({
      type: 'GrantAccount',
      username: 'kt.tinh',
      profile: { name: 'Cán bộ', roles: ['auditor'], provinceId: 'an-giang' },
    });
  });

  it('an unknown option is a usage error', () => {
    expect(refusal(() => command('list', '--provnce', 'x'))).toBeInstanceOf(UsageError);
  });
});

describe('the account scope of a national auditor', () => {
  const grant = (roles: string[], province?: string) =>
    decideAccount(
      command(
        'add',
        '--username',
        'kt.qg',
        '--name',
        'Kiểm toán',
        ...roles.flatMap((r) => ['--role', r]),
        ...(province ? ['--province', province] : []),
      ) as never,
      undefined,
    );

  it('has no province: --province with national-auditor is refused, naming the option', () => {
    const error = refusal(() => grant(['national-auditor'], 'an-giang')) as AccountError;
    expect(error).toBeInstanceOf(AccountError);
    expect(error.code).toBe('INVALID_ACCOUNT');
    expect(error.field).toBe('province');
    expect(error.message).toContain('--province');
    expect(error.message).toContain('national-auditor');
  });

  it('without --province it is granted; a province role beside it still needs one', () => {
    expect(grant(['national-auditor'])[0]?.data).toMatchObject({ roles: ['national-auditor'] });
    expect(grant(['national-auditor'])[0]?.data).not.toHaveProperty('provinceId');
    expect(grant(['national-auditor', 'auditor'], 'an-giang')[0]?.data).toMatchObject({ provinceId: 'an-giang' });
    expect(refusal(() => grant(['auditor'])).message).toContain('--province');
  });

  it('changing the roles to national-auditor only refuses a province too', () => {
    const account = {
      username: 'kt.qg',
      name: 'Kiểm toán',
      roles: ['auditor' as const],
      provinceId: 'an-giang',
      disabled: false,
    };
    const change = command('set-roles', '--username', 'kt.qg', '--role', 'national-auditor', '--province', 'an-giang');
    expect(refusal(() => decideAccount(change as never, account)).message).toContain('--province');
  });
});
