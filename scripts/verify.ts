/**
 * `npm run -s verify -- BUNDLE.json [--key VKEY] [--since OLD_CHECKPOINT.txt] [--lang en]`:
 * verifies a cycle's audit bundle offline (libs/transparency's verifyBundle) and exits 0 when every
 * check passes, 1 naming the first that fails, 2 on a usage error. It speaks Vietnamese by default
 * (verificationLines: units and awards by name, times as `HH:mm ngày dd/mm/yyyy` in the cycle's
 * zone), English with `--lang en`. `--key` is the verifier key the auditor trusts (as text, or a
 * file holding it); without it the bundle's own key is used, and said so.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verificationLines, verifyBundle, type AuditBundle, type VerifyLang } from '#transparency';

const WORDS = {
  vi: {
    usage: 'Cách dùng: npm run -s verify -- BUNDLE.json [--key VKEY|TỆP] [--since ĐIỂM_KIỂM_TRA_CŨ.txt] [--lang en]',
    oneBundle: 'Cần đúng một tệp gói kiểm toán (audit bundle).',
    lang: (value: string) => `--lang chỉ nhận vi hoặc en (nhận được "${value}").`,
    unreadable: (what: string, path: string, reason: string) => `Không đọc được ${what} "${path}": ${reason}`,
    notJson: (path: string, reason: string) => `"${path}" không phải JSON: ${reason}`,
    bundle: 'gói kiểm toán',
    key: 'khóa kiểm tra',
    since: 'điểm kiểm tra cũ',
  },
  en: {
    usage: 'Usage: npm run -s verify -- BUNDLE.json [--key VKEY|FILE] [--since OLD_CHECKPOINT.txt] [--lang en]',
    oneBundle: 'Exactly one audit bundle file is needed.',
    lang: (value: string) => `--lang takes vi or en (got "${value}").`,
    unreadable: (what: string, path: string, reason: string) => `Cannot read the ${what} "${path}": ${reason}`,
    notJson: (path: string, reason: string) => `"${path}" is not JSON: ${reason}`,
    bundle: 'audit bundle',
    key: 'verifier key',
    since: 'older checkpoint',
  },
};

/** The language asked for, read leniently before the strict parse so that a usage error is in it too. */
const lang: VerifyLang =
  parseArgs({ options: { lang: { type: 'string' } }, strict: false, allowPositionals: true }).values.lang === 'en'
    ? 'en'
    : 'vi';
const words = WORDS[lang];

function usage(message: string): never {
  process.stderr.write(`${message}\n${words.usage}\n`);
  process.exit(2);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return usage(words.unreadable(what, path, (error as Error).message));
  }
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: { key: { type: 'string' }, since: { type: 'string' }, lang: { type: 'string', default: 'vi' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  if (parsed.values.lang !== 'vi' && parsed.values.lang !== 'en') usage(words.lang(parsed.values.lang));
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) usage(words.oneBundle);
  let bundle: AuditBundle;
  try {
    bundle = JSON.parse(readText(file!, words.bundle)) as AuditBundle;
  } catch (error) {
    return usage(words.notJson(file!, (error as Error).message));
  }
  const keyArg = parsed.values.key;
  const key = keyArg === undefined ? undefined : keyArg.includes('+') ? keyArg : readText(keyArg, words.key).trim();
  const since = parsed.values.since === undefined ? undefined : readText(parsed.values.since, words.since);
  const report = verifyBundle(bundle, {
    ...(key !== undefined ? { key } : {}),
    ...(since !== undefined ? { since } : {}),
  });
  // For the auditor, with names and local times; the first line says OK or names the first failure.
  const lines = verificationLines(bundle, report, { since: since !== undefined, lang });
  process.stdout.write(lines.join('\n') + '\n');
  if (!report.ok) process.exit(1);
}

main();
