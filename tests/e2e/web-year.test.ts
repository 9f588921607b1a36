/**
 * The web app in Debian's Chromium against the built server: the sign-in page's weight, the
 * reference year (An Giang, Cluster 2, 2020) played through the pages by each role in turn, ending
 * with the scenario's standings on the page; a unit officer refused another unit's page; the
 * auditor's slider showing the standings before the lock; each role's main page checked with
 * axe-core and photographed at 1366 px and 390 px into test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadScenario, repoRoot } from '#scenario';
import {
  ApiTimings,
  DESKTOP,
  launch,
  PHONE,
  screenshot,
  seriousViolations,
  watchInitialAssets,
  type AxeViolation,
} from './web/browser.js';
import { signIn, visible } from './web/pages.js';
import { PASSWORD, startWebServer, yearPeople, type WebServer } from './web/web-server.js';
import { playYearThroughPages, type Person, type PlayedThroughPages, type SignInAs } from './web/year.js';

const s = loadScenario();
const people = yearPeople(s);
const vi = (n: number) => String(n).replace('.', ',');
const budgets: Record<string, unknown> = {};
const timings = new ApiTimings();

let web: WebServer;
let browser: Browser;
let played: PlayedThroughPages;

const signInAs: SignInAs = async (who: Person) => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  timings.watch(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, web.url, who.username, PASSWORD, who.name);
  return {
    page,
    done: async () => {
      await context.close();
      expect(errors).toEqual([]);
    },
  };
};

async function onPage<T>(who: Person, path: string, work: (page: Page) => Promise<T>): Promise<T> {
  const { page, done } = await signInAs(who);
  try {
    await page.goto(`${web.url}${path}`);
    return await work(page);
  } finally {
    await done();
  }
}

beforeAll(async () => {
  web = await startWebServer(s, people);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (Object.keys(budgets).length > 0) {
    budgets.apiReads = timings.summary();
    budgets.apiWrites = timings.summary((c) => !c.startsWith('GET '));
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-results', 'web-budgets.json'), `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`web budgets (test-results/web-budgets.json):\n${JSON.stringify(budgets, null, 2)}`);
  }
});

describe('the web app in a real browser', () => {
  it('serves a sign-in page of at most 350 kB of JavaScript and CSS (gzip), under a CSP without inline scripts', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const assets = watchInitialAssets(page);
    const response = await page.goto(`${web.url}/`);
    await visible(page.getByLabel('Tên đăng nhập'));
    await page.waitForLoadState('networkidle');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const initial = assets();
    budgets.signInPage = initial;
    expect(initial.files.length).toBeGreaterThan(0);
    expect(initial.totalGzipKb).toBeLessThanOrEqual(350);
    // The role areas are not part of it: they load on demand.
    expect(initial.files.map((f) => f.url).join(' ')).not.toMatch(
      /LeaderArea|UnitArea|AuditorArea|ProvinceArea|ApproverArea/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-1366');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'sign-in-390');
    // A wrong password: the problem's Vietnamese title, nothing else revealed.
    await page.getByLabel('Tên đăng nhập').fill(people.auditor.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Chưa xác thực' }));
    await context.close();
  }, 120_000);

  it('plays the reference year through the pages, as each role in turn, from opening the cycle to the decision', async () => {
    played = await playYearThroughPages(signInAs, people, s);
    expect(played.cycleId).toBe(`${s.cluster.id}-${s.year}`);
    expect(Object.keys(played.receipts)).toHaveLength(s.units.length);
  }, 1_200_000);

  it("ends with the scenario's expected standings, chart and vote results on the standings page", async () => {
    await onPage(people.auditor, '/standings', async (page) => {
      for (const [unitId, score] of Object.entries(s.expectedFinalScores))
        await visible(page.getByTestId(`final-${unitId}`).filter({ hasText: new RegExp(`^${vi(score)}$`) }));
      const order = await page
        .locator('[data-testid^="final-"]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-testid')!.slice('final-'.length)));
      expect(order).toEqual(s.expectedRanking);
      await visible(page.getByRole('img', { name: 'Điểm cuối cùng theo đơn vị' }));
      for (const [award, byUnit] of Object.entries(s.vote.expectedTally)) {
        for (const [unitId, tally] of Object.entries(byUnit)) {
          const name = s.units.find((u) => u.id === unitId)!.name;
          const row = page
            .getByRole('row')
            .filter({ hasText: name })
            .filter({
              hasText: award === 'emulation-flag' ? 'Cờ thi đua của UBND tỉnh' : 'Bằng khen của Chủ tịch UBND tỉnh',
            })
            .filter({ hasText: 'Đạt' });
          await expect((await (await visible(row)).innerText()).replace(/\s+/g, ' ')).toContain(
            `${tally.approve} ${tally.reject}`,
          );
        }
      }
    });
  }, 120_000);

  it("refuses a unit officer another unit's page, and the API refuses it too", async () => {
    const other = s.units.find((u) => u.id !== s.units[0]!.id)!;
    await onPage(people.units[s.units[0]!.id]!, `/unit/${other.id}`, async (page) => {
      await visible(page.getByText('Không có quyền'));
      const status = await page.evaluate(
        async (unitId) => (await fetch(`/api/v1/units/${unitId}/deadlines`)).status,
        other.id,
      );
      expect(status).toBe(403);
    });
  }, 120_000);

  it("moves the auditor's slider back to the standings before the lock, and forward to the lock", async () => {
    await onPage(people.auditor, '/auditor', async (page) => {
      const trail = await page.evaluate(
        async (cycleId) =>
          (await (await fetch(`/api/v1/cycles/${cycleId}/audit-trail`)).json()) as {
            entries: { position: number; action: string }[];
          },
        played.cycleId,
      );
      const lock = trail.entries.find((e) => e.action === 'ScoresLocked')!.position;
      const head = trail.entries[trail.entries.length - 1]!.position;
      const handle = await visible(page.getByRole('slider', { name: 'Vị trí trong nhật ký' }));
      await handle.focus();
      await handle.press('End');
      await visible(page.getByTestId('slider-position').filter({ hasText: new RegExp(`^${head}$`) }));
      for (let p = head; p > lock - 1; p -= 1) await handle.press('ArrowLeft');
      await visible(page.getByTestId('slider-position').filter({ hasText: new RegExp(`^${lock - 1}$`) }));
      const table = page.getByTestId('standings-table');
      await visible(table.getByText('Điểm tạm tính (chưa khóa)'));
      await visible(page.getByTestId('final-an-phu').filter({ hasText: /^—$/ }));
      await handle.press('ArrowRight');
      await visible(table.getByText('Điểm đã khóa'));
      await visible(
        page.getByTestId('final-an-phu').filter({ hasText: new RegExp(`^${vi(s.expectedFinalScores['an-phu']!)}$`) }),
      );
    });
  }, 120_000);

  it("photographs each role's main page at 1366 px and 390 px, with no serious axe-core violation", async () => {
    const pages: [string, Person, string][] = [
      ['province', people.province, '/province'],
      ['leader', people.leader, '/leader'],
      ['unit', people.units[s.units[0]!.id]!, `/unit/${s.units[0]!.id}`],
      ['approver', people.approver, '/approver'],
      ['auditor', people.auditor, '/auditor'],
      ['standings', people.auditor, '/standings'],
    ];
    const violations: Record<string, AxeViolation[]> = {};
    for (const [name, who, path] of pages) {
      await onPage(who, path, async (page) => {
        await visible(page.getByRole('heading', { level: 2 }));
        await page.waitForLoadState('networkidle');
        violations[`${name}-1366`] = await seriousViolations(page);
        await screenshot(page, `${name}-1366`);
        await page.setViewportSize(PHONE);
        await page.waitForTimeout(200);
        violations[`${name}-390`] = await seriousViolations(page);
        await screenshot(page, `${name}-390`);
        if (name === 'unit') {
          // The unit officer's page fits a phone: nothing wider than the screen.
          const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
          expect(overflow).toBeLessThanOrEqual(0);
        }
      });
    }
    expect(Object.fromEntries(Object.entries(violations).filter(([, v]) => v.length > 0))).toEqual({});
  }, 300_000);
});
