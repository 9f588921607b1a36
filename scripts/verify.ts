/**
 * `npm run -s verify -- BUNDLE.json [--key VKEY] [--since OLD_CHECKPOINT.txt]`: verifies a cycle's
 * audit bundle offline (libs/transparency's verifyBundle) and exits 0 when every check passes,
 * 1 naming the first that fails, 2 on a usage error. `--key` is the verifier key the auditor
 * trusts (as text, or a file holding it); without it the bundle's own key is used, and said so.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyBundle, type AuditBundle } from '#transparency';

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
  if (!report.ok) {
    process.stdout.write(`FAIL: ${report.failure}\n`);
    process.exit(1);
  }
  const cp = report.checkpoint!;
  const lines = [
    `OK: ${report.checkedEvents} events of cycle ${bundle.cycleId} are in log "${cp.origin}" at tree size ${cp.size} (root ${cp.root.toString('base64')})`,
    since !== undefined
      ? 'OK: consistent with the older checkpoint: nothing before it was changed, removed or reordered'
      : 'note: no --since checkpoint given: consistency with an earlier checkpoint was not checked',
    report.keyFromBundle
      ? 'warning: no --key given: the bundle was checked against its own key; pin the key you trust with --key'
      : 'OK: signed by the given key',
    ...(report.recomputed?.ranking
      ? [`OK: locked ranking recomputed by the domain: ${report.recomputed.ranking.join(', ')}`]
      : []),
    ...(report.recomputed?.votes ?? []).map(
      (vote) => `OK: vote round ${vote.round} recounted from its ballots: ${summary(vote.results)}`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function summary(
  results: Record<string, Record<string, { approve: number; reject: number; passed: boolean }>>,
): string {
  return Object.entries(results)
    .flatMap(([award, units]) =>
      Object.entries(units).map(([unit, r]) => `${award}/${unit} ${r.approve}-${r.reject}${r.passed ? ' passed' : ''}`),
    )
    .join('; ');
}

main();
