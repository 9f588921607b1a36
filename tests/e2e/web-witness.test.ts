/**
 * The auditor's browser as a witness of the signed log, in Debian's Chromium against the built
 * server: the auditor's page keeps the first checkpoint it sees, accepts each one that extends it
 * (a visit, or the minute's look, with the consistency proof), and stays calm; then the server is
 * stopped, its database rewritten consistently (the cycle's chain recomputed) and its tree thrown
 * away, and it comes back at the same address re-signing the rewritten log with its own key: the
 * page, reloaded in the same browser (localStorage kept), shows the alarm and keeps the old note.
 * A new signing key is an alarm too. Screenshots of the alarm at 1366 px and 390 px go to
 * test-results/screenshots/witness-alarm-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cycleStreamName } from '#domain';
import { ApiClient, loadScenario, Tokens } from '#scenario';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { dropTree, rewriteStream } from '../support/rewrite-log.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';
import { DESKTOP, launch, PHONE, screenshot, seriousViolations } from './web/browser.js';
import { signIn, visible } from './web/pages.js';
import { PASSWORD, startWebServer, yearPeople, type WebServer } from './web/web-server.js';

const s = loadScenario();
const people = yearPeople(s);
const ZONE = 'Asia/Ho_Chi_Minh';
const AT = String.raw`\d{2}:\d{2} ngày \d{2}/\d{2}/\d{4}`;
const ALARM = 'Cảnh báo: lịch sử sổ nhật ký đã bị thay đổi';

let web: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ApiClient;
let tokens: Tokens;
let cycleId: string;
const asked: string[] = [];
const errors: string[] = [];

/** The size of the server's latest checkpoint, once the signer has caught up with the log. */
async function signedSize(atLeast = 1): Promise<number> {
  const token = await tokens.auditor();
  let last = -1;
  for (let i = 0; i < 100; i += 1) {
    const res = await api.send('GET', '/audit/checkpoint', { token });
    const size = res.status === 200 ? Number(String(res.body).split('\n')[1]) : -1;
    if (size >= atLeast && size === last) return size;
    last = size;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no stable checkpoint of at least ${atLeast} events`);
}

/** The note this browser keeps (`thidua.witness` in localStorage). */
async function keptNote(): Promise<string | undefined> {
  const kept = (await page.evaluate("localStorage.getItem('thidua.witness')")) as string | null;
  return kept === null ? undefined : (JSON.parse(kept) as { note: string }).note;
}
const serverNote = async () =>
  String((await api.ok('GET', '/audit/checkpoint', { token: await tokens.auditor() })).body);

async function openAuditorPage(): Promise<void> {
  await page.goto(`${web.url}/auditor`);
  await visible(page.getByRole('heading', { level: 2, name: 'Kiểm tra, giám sát đợt thi đua' }));
}

async function statusShows(size: number): Promise<void> {
  const line = new RegExp(`^Đã đối chiếu điểm kiểm tra: ${size} sự kiện, lúc ${AT}$`);
  await visible(page.getByTestId('witness-status').filter({ hasText: line }));
}

beforeAll(async () => {
  web = await startWebServer(s, people, { AUTH_JWT_SECRET: TEST_JWT_SECRET, CHECKPOINT_INTERVAL_MS: '200' });
  api = new ApiClient(web.url);
  tokens = new Tokens(TEST_JWT_SECRET);
  cycleId = await openCycle(api, tokens, s);
  browser = await launch();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: ZONE });
  // The page's own clock, so that the test can move it a minute on instead of waiting for one.
  await context.clock.install();
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/v1/audit/'))
      asked.push(`${url.pathname.slice('/api/v1/audit/'.length)}${url.search}`);
  });
  await signIn(page, web.url, people.auditor.username, PASSWORD, people.auditor.name);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.close();
  expect(errors).toEqual([]);
});

describe("the auditor's browser as a witness of the signed log", () => {
  let kept: string;
  let keptSize: number;

  it('keeps the first checkpoint it sees, and stays calm while the log only grows: on a visit and every minute', async () => {
    const first = await signedSize();
    await openAuditorPage();
    await statusShows(first);
    expect(await keptNote()).toBe(await serverNote());
    expect(asked.filter((a) => a.startsWith('proofs/'))).toEqual([]);

    // The log grows (the registration opens); the page looks again on its minute, unreloaded.
    await openStep(api, await tokens.leader(s.leaderUnitId), cycleId, 'registration');
    const grown = await signedSize(first + 1);
    await page.clock.fastForward('01:01');
    await statusShows(grown);
    expect(asked).toContain(`proofs/consistency?from=${first}&to=${grown}`);

    // And again on a visit.
    await api.ok('POST', `/cycles/${cycleId}/steps/registration/close`, {
      token: await tokens.leader(s.leaderUnitId),
      body: {},
    });
    keptSize = await signedSize(grown + 1);
    await openAuditorPage();
    await statusShows(keptSize);
    expect(asked).toContain(`proofs/consistency?from=${grown}&to=${keptSize}`);
    kept = (await keptNote())!;
    expect(kept).toBe(await serverNote());
    expect(await page.getByRole('alert').filter({ hasText: ALARM }).count()).toBe(0);
    await screenshot(page, 'witness-ok-1366');
  }, 120_000);

  it('shows the alarm when the server comes back re-signing a rewritten history, and keeps the old checkpoint', async () => {
    await web.restart((dataDir) => {
      rewriteStream(dataDir, cycleStreamName(cycleId), (data) =>
        data.replace(`"clusterName":"${s.cluster.name}"`, `"clusterName":"${s.cluster.name} (sửa)"`),
      );
      dropTree(dataDir);
    });
    // The same number of events under another root, signed by the same key.
    expect(await signedSize(keptSize)).toBe(keptSize);
    const rewritten = await serverNote();
    expect(rewritten).not.toBe(kept);
    expect(rewritten.split('\n')[0]).toBe(kept.split('\n')[0]);

    await page.reload();
    const alarm = await visible(page.getByRole('alert').filter({ hasText: ALARM }));
    let text = await alarm.innerText();
    expect(text).toContain(`Hai gốc khác nhau cho cùng ${keptSize} sự kiện: lịch sử đã bị viết lại`);
    expect(text).toMatch(new RegExp(`Điểm kiểm tra đã lưu: ${keptSize} sự kiện, đối chiếu lần cuối lúc ${AT}\\.`));
    expect(await page.getByTestId('witness-status').count()).toBe(0);
    expect(await keptNote()).toBe(kept);

    // The rewritten log grows: now its consistency proof fails against the kept checkpoint.
    await api.ok('POST', `/cycles/${cycleId}/steps/mid-year-review/open`, {
      token: await tokens.leader(s.leaderUnitId),
      body: {},
    });
    const grown = await signedSize(keptSize + 1);
    await page.reload();
    await visible(
      page
        .getByRole('alert')
        .filter({ hasText: ALARM })
        .filter({ hasText: `Lịch sử trước ${keptSize} sự kiện đã bị thay đổi (gốc cũ không khớp)` }),
    );
    text = await page.getByRole('alert').filter({ hasText: ALARM }).innerText();
    expect(text).toMatch(new RegExp(`Máy chủ đưa điểm kiểm tra ${grown} sự kiện lúc ${AT}\\.`));
    expect(asked).toContain(`proofs/consistency?from=${keptSize}&to=${grown}`);
    expect(await keptNote()).toBe(kept);

    for (const [width, viewport] of [
      ['1366', DESKTOP],
      ['390', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      expect({ width, violations: await seriousViolations(page) }).toEqual({ width, violations: [] });
      // The alarm is the first thing on the page, above the title.
      const top = await page.getByRole('alert').filter({ hasText: ALARM }).boundingBox();
      const title = await page.getByRole('heading', { level: 2 }).boundingBox();
      expect(top!.y).toBeLessThan(title!.y);
      await screenshot(page, `witness-alarm-${width}`);
    }
    await page.setViewportSize(DESKTOP);
  }, 120_000);

  it('shows an alarm when the log comes back under another signing key', async () => {
    await web.restart((dataDir) => {
      rmSync(join(dataDir, 'log-signing-key'), { force: true });
      dropTree(dataDir);
    });
    await signedSize();
    await page.reload();
    const alarm = await visible(
      page.getByRole('alert').filter({ hasText: 'Cảnh báo: khóa kiểm tra của sổ nhật ký đã bị thay đổi' }),
    );
    expect(await alarm.innerText()).toContain(
      'Khóa kiểm tra của sổ nhật ký khác với khóa đã ghim trong trình duyệt này.',
    );
    expect(await keptNote()).toBe(kept);
  }, 120_000);
});
