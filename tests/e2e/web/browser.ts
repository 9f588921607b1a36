/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work on
 * these machines), with what the web tests measure: the API calls' times, the sign-in page's
 * initial JavaScript and CSS (gzip), axe-core's serious violations, screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '#scenario';

export const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (candidate && existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Chromium is not installed: apt-get install -y chromium (.ci/run does it)');
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Every API call's time, by method and route (ids kept: they are few): as the browser saw it (from
 * sending to the last byte, which on a 2-core machine includes the time Chromium itself was busy)
 * and as the server measured it (its `Server-Timing: app;dur=…` header).
 */
export class ApiTimings {
  readonly samples: { call: string; ms: number; serverMs: number }[] = [];

  watch(context: BrowserContext): void {
    context.on('requestfinished', async (request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/api/')) return;
      const t = request.timing();
      if (t.responseEnd < 0) return;
      const ms = t.responseEnd - Math.max(0, t.requestStart);
      const header = (await request.response().catch(() => null))?.headers()['server-timing'] ?? '';
      const serverMs = Number(/app;dur=([\d.]+)/.exec(header)?.[1] ?? Number.NaN);
      this.samples.push({ call: `${request.method()} ${url.pathname}`, ms, serverMs });
    });
  }

  /** The reads (GET) the pages made: count, median, 95th percentile and slowest, as browser and server saw them. */
  summary(filter: (call: string) => boolean = (c) => c.startsWith('GET ')) {
    const chosen = this.samples.filter((s) => filter(s.call));
    const figures = (key: 'ms' | 'serverMs') => {
      const ms = chosen
        .map((s) => s[key])
        .filter((v) => Number.isFinite(v))
        .sort((a, b) => a - b);
      const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
      return {
        count: ms.length,
        medianMs: round(at(0.5)),
        p95Ms: round(at(0.95)),
        maxMs: round(ms[ms.length - 1] ?? 0),
        slowest: [...chosen]
          .filter((s) => Number.isFinite(s[key]))
          .sort((a, b) => b[key] - a[key])
          .slice(0, 5)
          .map((s) => ({ call: s.call, ms: round(s[key]) })),
      };
    };
    return { browser: figures('ms'), server: figures('serverMs') };
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The JavaScript and CSS the page loaded, each file gzip-compressed as a server would send it. */
export function watchInitialAssets(
  page: Page,
): () => { files: { url: string; gzipBytes: number }[]; totalGzipKb: number } {
  const files: { url: string; gzipBytes: number }[] = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!/\.(js|css)$/.test(url.pathname)) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    files.push({ url: url.pathname, gzipBytes: gzipSync(body, { level: 9 }).length });
  });
  return () => ({
    files: [...files],
    totalGzipKb: Math.round(files.reduce((s, f) => s + f.gzipBytes, 0) / 102.4) / 10,
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is (WCAG 2 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE }).catch(async () => {
    // The app's CSP refuses inline scripts (as it should): evaluate the source instead.
    await page.evaluate(AXE_SOURCE);
  });
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
