/**
 * `npm run -s verify -- BUNDLE.json [--key VKEY] [--since OLD_CHECKPOINT.txt]`: verifies a cycle's
 * audit bundle offline (libs/transparency's verifyBundle) and exits 0 when every check passes,
 * 1 naming the first that fails, 2 on a usage error. It speaks Vietnamese (verificationLines: units
 * and awards by name, times as `HH:mm ngày dd/mm/yyyy` in the cycle's zone). `--key` is the verifier key the auditor
 * trusts (as text, or a file holding it); without it the bundle's own key is used, and said so.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verificationLines, verifyBundle, type AuditBundle } from '#transparency';

const USAGE = 'Cách dùng: npm run -s verify -- BUNDLE.json [--key VKEY|TỆP] [--since ĐIỂM_KIỂM_TRA_CŨ.txt]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return usage(`Không đọc được ${what} "${path}": ${(error as Error).message}`);
  }
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: { key: { type: 'string' }, since: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) usage('Cần đúng một tệp gói kiểm toán (audit bundle).');
  let bundle: AuditBundle;
  try {
    bundle = JSON.parse(readText(file!, 'gói kiểm toán')) as AuditBundle;
  } catch (error) {
    return usage(`"${file}" không phải JSON: ${(error as Error).message}`);
  }
  const keyArg = parsed.values.key;
  const key =
    keyArg === undefined ? undefined : keyArg.includes('+') ? keyArg : readText(keyArg, 'khóa kiểm tra').trim();
  const since = parsed.values.since === undefined ? undefined : readText(parsed.values.since, 'điểm kiểm tra cũ');
  const report = verifyBundle(bundle, {
    ...(key !== undefined ? { key } : {}),
    ...(since !== undefined ? { since } : {}),
  });
  // Vietnamese for the auditor, with names and local times; the first line says OK or names the first failure.
  const lines = verificationLines(bundle, report, { since: since !== undefined });
  process.stdout.write(lines.join('\n') + '\n');
  if (!report.ok) process.exit(1);
}

main();
