/**
 * `npm run token -- --role unit --unit an-phu [--province an-giang] [--sub x] [--name y] [--ttl 8h]`:
 * FOR LOCAL DEVELOPMENT ONLY. Prints a token signed with the server's secret (AUTH_JWT_SECRET, or
 * the one kept in DATA_DIR/jwt-secret), and nothing else on stdout, so that
 * `TOKEN=$(npm run --silent token -- ...)` works; says so on stderr. People sign in with an
 * account (`npm run accounts`) or through OIDC; programs of a deployment use the provider's tokens.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, type Role } from '#api';
import { signToken } from '#api';
import { ConfigError, resolveJwtSecret } from '#api';

const USAGE =
  'Cách dùng (chỉ để phát triển trên máy): npm run token -- --role <province|leader|unit|approver|auditor|national-auditor>[,...] ' +
  '[--unit ID] [--province ID, mặc định an-giang] [--sub ID] [--name TÊN] [--ttl 8h, tối đa AUTH_JWT_MAX_TTL_S]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { role?: string[]; unit?: string; province?: string; sub?: string; name?: string; ttl?: string };
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        unit: { type: 'string' },
        province: { type: 'string', default: 'an-giang' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const roles = (values.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) fail('Thiếu --role.');
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) fail(`Vai trò không hợp lệ: ${unknown.join(', ')}.`);
  const unitId = values.unit?.normalize('NFC');
  if ((roles.includes('leader') || roles.includes('unit')) && !unitId) fail('Vai trò leader và unit cần --unit.');
  if (!/^\d+\s*(s|m|h|d|w)$|^\d+$/.test(values.ttl ?? ''))
    fail(`--ttl không hợp lệ: "${values.ttl}" (ví dụ 30m, 8h, 7d).`);

  let secret: string;
  try {
    secret = resolveJwtSecret(process.env, resolve(process.env['DATA_DIR']?.trim() || './data'), {
      generate: false,
    }).secret;
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const sub = values.sub ?? (unitId ? `${roles[0]}-${unitId}` : roles[0]!);
  const token = await signToken(
    secret,
    {
      sub,
      roles: roles as Role[],
      ...(unitId ? { unitId } : {}),
      ...(roles.every((r) => r === 'national-auditor') ? {} : { provinceId: values.province!.normalize('NFC') }),
      ...(values.name ? { name: values.name.normalize('NFC') } : {}),
    },
    /^\d+$/.test(values.ttl!) ? Math.floor(Date.now() / 1000) + Number(values.ttl) : values.ttl!,
  );
  process.stderr.write(
    'npm run token: mã truy cập chỉ để phát triển trên máy (local development only); người dùng thật đăng nhập bằng tài khoản hoặc OIDC.\n',
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
