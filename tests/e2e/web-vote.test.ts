/**
 * The vote's transparency on the pages, in Debian's Chromium against the built server, with the
 * cycles set up over HTTP up to the lock (or the nominations):
 * - the leader opens a vote to publish its ballots; a unit votes on its page, and after the close
 *   checks its receipt (the page still has it) and finds its ballot listed with that receipt;
 * - after a receipt-free vote (the default) a unit checks the receipt it kept: counted; a wrong
 *   receipt is not; no ballot is listed anywhere;
 * - a vote on paper: the tally form, and after the close the minutes' blank and spoiled ballots.
 * Screenshots at 1280 px and 390 px go to test-results/screenshots/vote-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ApiClient, loadScenario, playReferenceYear, Tokens, voterSub, type PlayedYear } from '#scenario';
import { TEST_JWT_SECRET } from '../support/test-server.js';
import { launch, PHONE, screenshot, SCREENSHOTS, seriousViolations, type AxeViolation } from './web/browser.js';
import { choose, clickButton, TIMEOUT, visible, asPerson as signedIn } from './web/pages.js';
import { startWebServer, yearPeople, type WebServer } from './web/web-server.js';
import { castBallot, unitTab, type Person } from './web/year.js';

const s = loadScenario();
const people = yearPeople(s);
const WIDE = { width: 1280, height: 900 };
const UNIT = s.units[0]!;
const RECEIPT_FREE = { clusterId: 'cum-2-bien-nhan', clusterName: 'Cụm thi đua số 10' };
const PUBLISHED = { clusterId: 'cum-2-cong-khai', clusterName: 'Cụm thi đua số 11' };
const PAPER = { clusterId: 'cum-2-phieu-giay', clusterName: 'Cụm thi đua số 12' };
const cycleLabel = (c: { clusterName: string }) => `${c.clusterName} – năm ${s.year}`;

let web: WebServer;
let browser: Browser;
let api: ApiClient;
let tokens: Tokens;
let receiptFree: PlayedYear;
let published: PlayedYear;
let paper: PlayedYear;

async function asPerson<T>(who: Person, path: string, work: (page: Page) => Promise<T>, viewport = WIDE): Promise<T> {
  return signedIn(browser, web.url, who, path, work, {
    viewport,
    onFailure: (page) =>
      screenshot(page, `failed-vote-${expect.getState().currentTestName?.slice(0, 40) ?? who.username}`),
  });
}

/** Photographs the part of the page at 1280 px and 390 px; axe-core finds no serious violation at either width. */
async function photograph(page: Page, part: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const violations: Record<string, AxeViolation[]> = {};
  const original = page.viewportSize()!;
  for (const [width, viewport] of [
    ['1280', WIDE],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(200);
    violations[width] = await seriousViolations(page);
    await part.screenshot({ path: join(SCREENSHOTS, `vote-${name}-${width}.png`) });
  }
  await page.setViewportSize(original);
  expect({ name, violations }).toEqual({ name, violations: { '1280': [], '390': [] } });
}

const voteCard = (page: Page) => page.locator('.ant-card').filter({ hasText: 'Bình xét, bỏ phiếu kín' });

async function closeVote(cycleId: string): Promise<void> {
  await api.ok(
    'POST',
    `/cycles/${cycleId}/steps/vote/close`,
    { token: await tokens.leader(s.leaderUnitId), body: { summary: 'Kiểm phiếu bình xét' } },
    'close the vote',
  );
}

/** The auditor's section of the vote's results on that cycle. */
async function auditorVoteResults<T>(cluster: { clusterName: string }, work: (page: Page) => Promise<T>): Promise<T> {
  return asPerson(people.auditor, '/auditor', async (page) => {
    await choose(page, 'Đợt thi đua', cycleLabel(cluster));
    await (
      await visible(
        page.getByRole('radiogroup', { name: 'Phần của trang' }).getByText('Kết quả bỏ phiếu', { exact: true }),
      )
    ).click();
    await visible(page.getByRole('region', { name: /^Kết quả bỏ phiếu: / }));
    return work(page);
  });
}

beforeAll(async () => {
  web = await startWebServer(s, people, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
  api = new ApiClient(web.url);
  tokens = new Tokens(TEST_JWT_SECRET);
  receiptFree = await playReferenceYear(api, tokens, s, { overrides: RECEIPT_FREE, untilNominations: true });
  published = await playReferenceYear(api, tokens, s, { overrides: PUBLISHED, untilLocked: true });
  paper = await playReferenceYear(api, tokens, s, { overrides: PAPER, untilLocked: true });
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the vote on the pages', () => {
  it("lets the leader open a vote that publishes its ballots; after the close the unit's own receipt is checked and listed", async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      await choose(page, 'Đợt thi đua', cycleLabel(PUBLISHED));
      const publish = await visible(
        page.getByRole('checkbox', { name: 'Công khai toàn bộ phiếu (kèm biên nhận) sau khi kết thúc' }),
      );
      expect(await publish.isChecked()).toBe(false);
      await visible(page.getByText(/^Mặc định chỉ công bố kết quả kiểm phiếu; mỗi đơn vị tự kiểm tra/));
      await photograph(page, voteCard(page), 'open');
      await publish.check();
      await clickButton(page, 'Mở bỏ phiếu');
      await visible(page.getByText(/Đang bỏ phiếu: 0\/6/));
    });
    const leader = await tokens.leader(s.leaderUnitId);
    const opened = await api.ok('GET', `/cycles/${published.cycleId}/vote`, { token: leader }, 'the vote');
    expect(opened.body).toMatchObject({ status: 'open', publishBallots: true });

    const receipt = await asPerson(people.units[UNIT.id]!, `/unit/${UNIT.id}`, async (page) => {
      await choose(page, 'Đợt thi đua', cycleLabel(PUBLISHED));
      const cast = await castBallot(page, s, UNIT.id);
      for (const u of s.units.slice(1))
        await api.ok(
          'POST',
          `/cycles/${published.cycleId}/ballots`,
          {
            token: await tokens.unit(u.id, voterSub(u.id)),
            body: { unitId: u.id, choices: s.vote.ballotsByVoter[u.id] },
          },
          `ballot of ${u.id}`,
        );
      await closeVote(published.cycleId);
      // Back on this cycle's ballot, the vote is read again: closed, and the page still has the receipt.
      await choose(page, 'Đợt thi đua', cycleLabel(RECEIPT_FREE));
      await visible(page.getByRole('heading', { name: 'Kiểm tra phiếu bằng biên nhận' }));
      await choose(page, 'Đợt thi đua', cycleLabel(PUBLISHED));
      await visible(page.getByText('Cuộc bỏ phiếu đã kết thúc'));
      const field = await visible(page.getByLabel('Mã biên nhận', { exact: true }));
      expect(await field.inputValue()).toBe(cast);
      await clickButton(page, 'Kiểm tra');
      const answer = await visible(page.getByRole('status').filter({ hasText: 'Phiếu của đơn vị đã được kiểm' }));
      expect(await answer.innerText()).toContain('Phiếu mang mã biên nhận đã nhập có trong kết quả kiểm phiếu vòng 1.');
      expect(await answer.innerText()).toContain(`Mã đã kiểm tra: ${cast}`);
      return cast;
    });

    await auditorVoteResults(PUBLISHED, async (page) => {
      const ballots = await visible(
        page.getByRole('region', { name: 'Toàn bộ phiếu bầu (không ghi đơn vị bỏ phiếu), kèm mã biên nhận' }),
      );
      await visible(ballots.getByRole('cell', { name: receipt, exact: true }));
      expect(await ballots.locator('tbody tr').count()).toBe(s.units.length);
      expect(await page.getByTestId('receipt-free').count()).toBe(0);
    });
  }, 180_000);

  it('lets a unit check the receipt it kept after a receipt-free vote: counted; a wrong receipt is not, and no ballot is listed', async () => {
    const kept = String(receiptFree.receipts.find((r) => r.unitId === UNIT.id)!.receipt);
    await asPerson(people.units[UNIT.id]!, `/unit/${UNIT.id}`, async (page) => {
      await choose(page, 'Đợt thi đua', cycleLabel(RECEIPT_FREE));
      await unitTab(page, 'Bỏ phiếu kín');
      await visible(page.getByRole('heading', { name: 'Kiểm tra phiếu bằng biên nhận' }));
      const field = page.getByLabel('Mã biên nhận', { exact: true });
      // Nothing kept in this browser: the officer types the receipt noted when voting.
      expect(await field.inputValue()).toBe('');
      await field.fill(kept);
      await clickButton(page, 'Kiểm tra');
      await visible(page.getByRole('status').filter({ hasText: 'Phiếu của đơn vị đã được kiểm' }));
      await photograph(page, page.locator('form[id="receiptCheck"]'), 'receipt-counted');

      await field.fill('khong-co-bien-nhan-nay');
      await field.press('Enter');
      const missing = await visible(
        page
          .getByRole('status')
          .filter({ hasText: 'Không tìm thấy phiếu mang mã biên nhận này trong kết quả kiểm phiếu' }),
      );
      expect(await missing.innerText()).toContain('Mã đã kiểm tra: khong-co-bien-nhan-nay');
      await photograph(page, page.locator('form[id="receiptCheck"]'), 'receipt-missing');

      // A malformed receipt is refused on the field as it is typed, before anything is asked.
      await field.fill('ngắn');
      await field.press('Enter');
      await visible(page.getByText('Mã biên nhận gồm 8 đến 128 ký tự: chữ cái, chữ số, dấu - hoặc _'));
    });
    await auditorVoteResults(RECEIPT_FREE, async (page) => {
      await visible(
        page.getByTestId('receipt-free').filter({ hasText: /^Vòng bỏ phiếu này không công khai từng phiếu/ }),
      );
      expect(await page.getByRole('region', { name: /^Toàn bộ phiếu bầu/ }).count()).toBe(0);
      expect(await page.getByText(kept).count()).toBe(0);
    });
  }, 180_000);

  it("shows the leader the paper tally form, and after the close the minutes' blank and spoiled ballots", async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      await choose(page, 'Đợt thi đua', cycleLabel(PAPER));
      await (await visible(page.getByRole('radio', { name: 'Phiếu giấy tại cuộc họp' }))).check();
      // Paper ballots stay in the meeting's box: there is nothing to publish.
      await page
        .getByRole('checkbox', { name: 'Công khai toàn bộ phiếu (kèm biên nhận) sau khi kết thúc' })
        .waitFor({ state: 'detached', timeout: TIMEOUT });
      await clickButton(page, 'Mở bỏ phiếu');
      await visible(page.getByRole('heading', { name: 'Ghi kết quả kiểm phiếu giấy' }));
      await visible(page.getByLabel('Số phiếu trắng', { exact: true }));
      await visible(page.getByLabel('Số phiếu không hợp lệ', { exact: true }));
      await photograph(page, voteCard(page), 'paper-tally');

      const results = Object.fromEntries(
        Object.entries(s.vote.candidates).map(([award, units]) => [
          award,
          Object.fromEntries(units.map((u) => [u, { approve: 4, reject: 0 }])),
        ]),
      );
      await api.ok(
        'POST',
        `/cycles/${paper.cycleId}/tally`,
        {
          token: await tokens.leader(s.leaderUnitId),
          body: { present: 6, blank: 1, spoiled: 1, results, minutesRef: 'BB-12/2020' },
        },
        'the paper tally',
      );
      await closeVote(paper.cycleId);
      await page.reload();
      await choose(page, 'Đợt thi đua', cycleLabel(PAPER));
      const tally = await visible(page.getByTestId('paper-tally'));
      expect(await tally.innerText()).toBe(
        'Theo biên bản BB-12/2020: 6 phiếu thu về, trong đó 1 phiếu trắng, 1 phiếu không hợp lệ (không tính vào tỷ lệ tán thành).',
      );
      await visible(page.getByRole('region', { name: 'Kết quả bỏ phiếu: 6/6 đơn vị có mặt' }));
      expect(await page.getByTestId('receipt-free').count()).toBe(0);
      await photograph(page, voteCard(page), 'paper-closed');
    });
  }, 180_000);
});
