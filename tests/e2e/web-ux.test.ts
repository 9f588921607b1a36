/**
 * A newcomer's findings on the pages, in Debian's Chromium against the built server: one language
 * switch with one wording before and after sign-in; the cluster leader's notifications inbox (as
 * the unit officer has one); the due-date picker saying what it picks ("Chọn hạn mới"); the score
 * chart's labels readable at 390 px. With UX_SHOTS=DIR it photographs each at 1280 px and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, loadScenario, playReferenceYear, repoRoot, Tokens, type PlayedYear } from '#scenario';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';
import { launch, PHONE } from './web/browser.js';
import { signIn, visible, asPerson as signedIn } from './web/pages.js';
import { PASSWORD, startWebServer, yearPeople, type WebServer } from './web/web-server.js';
import type { Person } from './web/year.js';

const s = loadScenario();
const people = yearPeople(s);
const WIDE = { width: 1280, height: 900 };
const ZONE = 'Asia/Ho_Chi_Minh';
const REGISTERING = { clusterId: 'cum-2-ux', clusterName: 'Cụm thi đua số 7' };
const SUBJECT = 'Nhắc hạn: Đăng ký thi đua – Cụm thi đua số 7';

let web: WebServer;
let browser: Browser;
let year: PlayedYear;
let registering: string;

/** A reminder to the cluster leader, in the log as the notification worker records it (the server stopped). */
function remindLeader(dataDir: string, cycleId: string): void {
  const data = {
    notificationId: `${cycleId}.registration.reminder.P1D.0.leader-${s.leaderUnitId}`,
    cycleId,
    step: 'registration',
    kind: 'reminder',
    offset: 'P1D',
    recipient: { type: 'leader', unitId: s.leaderUnitId },
    units: [],
    dueAt: '2020-03-15T09:59:00.000Z',
    scheduledAt: '2020-03-14T01:00:00.000Z',
    sentAt: '2020-03-14T01:00:00.000Z',
    subject: SUBJECT,
    message: 'Còn 1 ngày đến hạn đăng ký thi đua của các đơn vị trong cụm.',
    channels: ['in-app'],
  };
  const script = `
    import { SqliteEventStore } from '#event-store/sqlite';
    const store = SqliteEventStore.open({ path: ${JSON.stringify(join(dataDir, 'events.sqlite'))} });
    const id = crypto.randomUUID();
    await store.append('notification-' + ${JSON.stringify(data.notificationId)}, [{
      type: 'NotificationSent',
      data: ${JSON.stringify(data)},
      metadata: { eventId: id, commandId: id, correlationId: id, causationId: id,
        actor: { userId: 'notifications', role: 'system' }, occurredAt: ${JSON.stringify(data.sentAt)}, schemaVersion: 1 },
    }], 'no-stream');
    await store.close();`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`could not append the reminder: ${run.stderr}`);
}

async function asPerson<T>(who: Person, path: string, work: (page: Page) => Promise<T>): Promise<T> {
  return signedIn(browser, web.url, who, path, work, { viewport: WIDE });
}

/** With UX_SHOTS=DIR: the page at 1280 px and 390 px, into DIR (never into the repository). */
async function photograph(page: Page, name: string): Promise<void> {
  const dir = process.env.UX_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const original = page.viewportSize()!;
  for (const [width, viewport] of [
    ['1280', WIDE],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** The options of the language switch, as read. */
async function languageOptions(page: Page): Promise<string[]> {
  const group = await visible(page.getByLabel('Ngôn ngữ'));
  return (await group.innerText()).split('\n').map((text) => text.trim());
}

beforeAll(async () => {
  web = await startWebServer(s, people, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
  const api = new ApiClient(web.url);
  const tokens = new Tokens(TEST_JWT_SECRET);
  year = await playReferenceYear(api, tokens, s);
  // Opened last: the leader's page opens on it, its registration open (the steps can be extended).
  registering = await openCycle(api, tokens, s, REGISTERING);
  await openStep(api, await tokens.leader(s.leaderUnitId), registering, 'registration');
  await web.restart((dataDir) => remindLeader(dataDir, registering));
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the findings of a newcomer on the pages', () => {
  it('the language switch reads the same on the sign-in page and in the header', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', timezoneId: ZONE });
    const page = await context.newPage();
    try {
      await page.goto(`${web.url}/`);
      const before = await languageOptions(page);
      await photograph(page, 'sign-in');
      await signIn(page, web.url, people.leader.username, PASSWORD, people.leader.name);
      const after = await languageOptions(page);
      expect(before).toEqual(['Tiếng Việt', 'English']);
      expect(after).toEqual(before);
    } finally {
      await context.close();
    }
  });

  it("the cluster leader's page has the notifications inbox, with the leader's reminder", async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      const inbox = await visible(page.getByTestId('inbox'));
      await visible(inbox.getByRole('heading', { name: 'Thông báo' }));
      await visible(inbox.getByText(SUBJECT));
      await expect(inbox.getByText('Nhắc hạn', { exact: true }).count()).resolves.toBe(1);
      await photograph(page, 'leader');
    });
  });

  it('the new due date picker says what it picks: "Chọn hạn mới", not Ant Design\'s "Chọn thời điểm"', async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      await (await visible(page.getByRole('button', { name: 'Gia hạn Đăng ký thi đua' }))).click();
      const dialog = await visible(page.getByRole('dialog'));
      const due = dialog.getByLabel('Hạn mới', { exact: true });
      await expect(due.getAttribute('placeholder')).resolves.toBe('Chọn hạn mới');
      await expect(dialog.getByPlaceholder('Chọn thời điểm').count()).resolves.toBe(0);
      await photograph(page, 'leader-extend');
    });
  });

  it('a date picker alone says "Chọn ngày" (Ant Design\'s Vietnamese says "Chọn thời điểm" for every picker)', async () => {
    await asPerson(people.province, '/province', async (page) => {
      await (await visible(page.getByRole('button', { name: 'Mở đợt thi đua mới' }))).click();
      const due = await visible(page.getByLabel('Hạn: Đăng ký thi đua', { exact: true }));
      await expect(due.getAttribute('placeholder')).resolves.toBe('Chọn ngày');
      await expect(page.getByPlaceholder('Chọn thời điểm').count()).resolves.toBe(0);
    });
  });

  it("the score chart's labels are at least 13 px on a 390 px phone, and none is cut off", async () => {
    await asPerson(people.auditor, `/standings/${year.cycleId}`, async (page) => {
      await page.setViewportSize(PHONE);
      const chart = await visible(page.getByTestId('score-chart'));
      await page.waitForTimeout(300);
      await visible(chart);
      // Each label's font size on screen (the SVG's own size times its scale) and whether it fits in the chart.
      const shown = (await page.evaluate(`(() => {
        const svg = document.querySelector('[data-testid="score-chart"]');
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map((text) => {
          const r = text.getBoundingClientRect();
          return {
            px: parseFloat(getComputedStyle(text).fontSize) * scale,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
          };
        });
      })()`)) as { px: number; inside: boolean }[];
      expect(shown.length).toBeGreaterThan(0);
      for (const label of shown) expect(label).toEqual({ px: expect.any(Number), inside: true });
      expect(Math.min(...shown.map((l) => l.px))).toBeGreaterThanOrEqual(13);
      await photograph(page, 'standings');
    });
  });
});
