/**
 * The documents and the returns on the pages, in Debian's Chromium against the built server, with
 * cycles set up over HTTP (faster than the whole year through the pages):
 * - the reference year played whole: the leader downloads each document through its link, and
 *   the auditor the standings and the audit trail as of the position or the moment chosen;
 * - the same year stopped at the nominations, which the province returns with a reason;
 * - a cycle in registration where the leader returned two units' registrations with a reason.
 * Each download is read back as the file it claims to be (magic bytes, then parsed). Screenshots
 * at 1280 px and 390 px go to test-results/screenshots/documents-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, loadScenario, playReferenceYear, registrationBody, Tokens, type PlayedYear } from '#scenario';
import { formatDateTime } from '../../apps/web/src/i18n/format.js';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { readDocx, readPdf, readWorkbook, sheetRows } from '../support/documents.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';
import { launch, PHONE, screenshot, seriousViolations, type AxeViolation } from './web/browser.js';
import { choose, clickButton, TIMEOUT, visible, asPerson as signedIn } from './web/pages.js';
import { startWebServer, yearPeople, type WebServer } from './web/web-server.js';
import type { Person } from './web/year.js';

const s = loadScenario();
const people = yearPeople(s);
const WIDE = { width: 1280, height: 900 };
const ZONE = 'Asia/Ho_Chi_Minh';
const [UNIT, OTHER] = [s.units[0]!, s.units[1]!];
const NOMINATED = { clusterId: 'cum-2-tra-ho-so', clusterName: 'Cụm thi đua số 8' };
const REGISTERING = { clusterId: 'cum-2-tra-dang-ky', clusterName: 'Cụm thi đua số 9' };
const NOMINATIONS_REASON = 'Hồ sơ thiếu báo cáo thành tích của Huyện An Phú';
const reasonOf = (unitId: string) =>
  `Chỉ tiêu của ${s.units.find((u) => u.id === unitId)!.name} chưa khớp kế hoạch năm;\nđề nghị bổ sung.`;

let web: WebServer;
let browser: Browser;
let api: ApiClient;
let tokens: Tokens;
let year: PlayedYear;
let nominatedCycle: string;
let registeringCycle: string;

async function asPerson<T>(who: Person, path: string, work: (page: Page) => Promise<T>, viewport = WIDE): Promise<T> {
  return signedIn(browser, web.url, who, path, work, { viewport, acceptDownloads: true });
}

/** Clicks the link of that accessible name and takes what the browser saves: its name, bytes and the link's address. */
async function download(page: Page, name: string): Promise<{ file: string; bytes: Buffer; url: URL }> {
  const link = await visible(page.getByRole('link', { name, exact: true }));
  const url = new URL((await link.getAttribute('href'))!, web.url);
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), link.click()]);
  expect(await saved.failure()).toBeNull();
  return { file: saved.suggestedFilename(), bytes: readFileSync((await saved.path())!), url };
}

const isZip = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** Photographs the page as it is at 1280 px and 390 px; axe-core finds no serious violation at either width. */
async function photograph(page: Page, name: string): Promise<void> {
  const violations: Record<string, AxeViolation[]> = {};
  const original = page.viewportSize()!;
  for (const [width, viewport] of [
    ['1280', WIDE],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(200);
    await page.waitForLoadState('networkidle');
    violations[width] = await seriousViolations(page);
    await screenshot(page, `documents-${name}-${width}`);
  }
  await page.setViewportSize(original);
  expect({ name, violations }).toEqual({ name, violations: { '1280': [], '390': [] } });
}

beforeAll(async () => {
  web = await startWebServer(s, people, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
  api = new ApiClient(web.url);
  tokens = new Tokens(TEST_JWT_SECRET);
  const leader = await tokens.leader(s.leaderUnitId);
  year = await playReferenceYear(api, tokens, s);
  nominatedCycle = (await playReferenceYear(api, tokens, s, { overrides: NOMINATED, untilNominations: true })).cycleId;
  await api.ok(
    'POST',
    `/cycles/${nominatedCycle}/nominations/return`,
    { token: await tokens.province(), body: { reason: NOMINATIONS_REASON } },
    'return the nominations',
  );
  // Opened last: the unit officer's page opens on it.
  registeringCycle = await openCycle(api, tokens, s, REGISTERING);
  await openStep(api, leader, registeringCycle, 'registration');
  for (const unit of [UNIT, OTHER]) {
    const c = `/cycles/${registeringCycle}/units/${unit.id}`;
    await api.ok(
      'PUT',
      `${c}/registration`,
      { token: await tokens.unit(unit.id), body: registrationBody(s, unit.id) },
      `register ${unit.id}`,
    );
    await api.ok(
      'POST',
      `${c}/registration/return`,
      { token: leader, body: { reason: reasonOf(unit.id), correctBy: '2020-03-31' } },
      `return ${unit.id}`,
    );
  }
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('documents and returns on the pages', () => {
  it("lets the leader download each of the year's documents through its link, each a real file", async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      await choose(page, 'Đợt thi đua', `${s.cluster.name} – năm ${s.year} (đã kết thúc)`);
      const xlsx = await download(page, 'Tải bảng xếp hạng (Excel)');
      expect(xlsx.file).toBe('bang-diem-cum-2-2020.xlsx');
      expect(isZip(xlsx.bytes)).toBe(true);
      const standings = sheetRows((await readWorkbook(xlsx.bytes)).worksheets[0]!);
      expect(String(standings[0]![0])).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM');
      expect(standings[5]).toContain('Chính thức');

      const pdf = await download(page, 'Tải bảng xếp hạng (PDF)');
      expect(pdf.file).toBe('bang-diem-cum-2-2020.pdf');
      expect(isPdf(pdf.bytes)).toBe(true);
      expect(readPdf(pdf.bytes).text).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2020');

      const minutes = await download(page, 'Tải biên bản họp (Word)');
      expect(minutes.file).toBe('bien-ban-binh-xet-cum-2-2020.docx');
      expect(isZip(minutes.bytes)).toBe(true);
      expect((await readDocx(minutes.bytes)).paragraphs).toContain('BIÊN BẢN');

      const letter = await download(page, 'Tải tờ trình đề nghị khen thưởng (Word)');
      expect(letter.file).toBe('to-trinh-khen-thuong-cum-2-2020.docx');
      expect(isZip(letter.bytes)).toBe(true);
      const letterText = await readDocx(letter.bytes);
      expect(letterText.paragraphs).toContain('TỜ TRÌNH');
      // The year was played with the leader's token, which no account names: a line to sign and write the name on.
      expect(letterText.tables.at(-1)![0]![1]).toBe(`TM. ${s.cluster.name.toUpperCase()}TRƯỞNG CỤM(Ký, ghi rõ họ tên)`);

      const trail = await download(page, 'Tải nhật ký thao tác (Excel)');
      expect(trail.file).toBe('nhat-ky-cum-2-2020.xlsx');
      const trailRows = sheetRows((await readWorkbook(trail.bytes)).worksheets[0]!);
      expect(trailRows[2]).toContain('Vị trí trong sổ');
      // The province's token is of the account `ban-tdkt`: its rows name that person.
      const byProvince = trailRows.slice(3).filter((r) => r[2] === 'Ban Thi đua – Khen thưởng tỉnh');
      expect(new Set(byProvince.map((r) => r[4]))).toEqual(
        new Set([`${people.province.name}\n(${people.province.username})`]),
      );
      await photograph(page, 'leader');
    });
  }, 180_000);

  it("gives the auditor the standings and the audit trail as of the slider's position and as of the moment picked", async () => {
    const atPosition = (row: (string | number | null)[]) => row[7] as number;
    await asPerson(people.auditor, '/auditor', async (page) => {
      await choose(page, 'Đợt thi đua', `${s.cluster.name} – năm ${s.year} (đã kết thúc)`);
      const entries = (await page.evaluate(
        async (cycleId) =>
          ((await (await fetch(`/api/v1/cycles/${cycleId}/audit-trail`)).json()) as { entries: unknown }).entries,
        year.cycleId,
      )) as { position: number; action: string }[];
      const lock = entries.find((e) => e.action === 'ScoresLocked')!.position;
      const head = entries[entries.length - 1]!.position;
      const handle = await visible(page.getByRole('slider', { name: 'Vị trí trong nhật ký' }));
      await handle.focus();
      await handle.press('End');
      for (let p = head; p > lock - 1; p -= 1) await handle.press('ArrowLeft');
      await visible(page.getByTestId('slider-position').filter({ hasText: new RegExp(`^${lock - 1}$`) }));
      await visible(page.getByRole('heading', { name: `Tài liệu tại thời điểm đang xem: vị trí ${lock - 1}` }));

      const trail = await download(page, 'Tải nhật ký thao tác (Excel) tại thời điểm đang xem');
      expect(trail.url.searchParams.get('atPosition')).toBe(String(lock - 1));
      const rows = sheetRows((await readWorkbook(trail.bytes)).worksheets[0]!).slice(3);
      expect(rows.map(atPosition)).toEqual(entries.filter((e) => e.position < lock).map((e) => e.position));
      const before = await download(page, 'Tải bảng xếp hạng (Excel) tại thời điểm đang xem');
      const headings = sheetRows((await readWorkbook(before.bytes)).worksheets[0]!)[5];
      expect(headings).toContain('Tạm tính');
      expect(headings).not.toContain('Chính thức');
      const pdf = await download(page, 'Tải bảng xếp hạng (PDF) tại thời điểm đang xem');
      expect(isPdf(pdf.bytes)).toBe(true);
      expect(readPdf(pdf.bytes).flowing).toContain('điểm chưa khóa');

      // A moment: tomorrow at 08:00 in the cycle's zone (UTC+7), after everything.
      const local = new Date(Date.now() + 7 * 3_600_000 + 86_400_000);
      const moment = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 1, 0));
      const dmy = formatDateTime(moment, ZONE).slice('08:00 ngày '.length);
      const picker = page.getByLabel('Hoặc tại thời điểm', { exact: true });
      await picker.click();
      await picker.fill(`${dmy} 08:00`);
      await picker.press('Enter');
      await visible(page.getByRole('heading', { name: `Tài liệu tại thời điểm đang xem: 08:00 ngày ${dmy}` }));
      const asOf = await download(page, 'Tải bảng xếp hạng (Excel) tại thời điểm đang xem');
      expect(asOf.url.searchParams.get('asOf')).toBe(moment.toISOString());
      expect(asOf.url.searchParams.has('atPosition')).toBe(false);
      expect(String(sheetRows((await readWorkbook(asOf.bytes)).worksheets[0]!)[1]![0])).toContain(
        `số liệu đến 08:00 ngày ${dmy}`,
      );
      await photograph(page, 'auditor');
    });
  }, 180_000);

  it("shows the unit officer, on a phone, that its registration was returned: by the cluster leader, when, why, until when; never another unit's reason", async () => {
    const status = (await api.ok('GET', `/cycles/${registeringCycle}`, { token: await tokens.province() }, 'status'))
      .body as { units: { unitId: string; steps: { registration: { returned?: { at: string } } } }[] };
    const returnedAt = status.units.find((u) => u.unitId === UNIT.id)!.steps.registration.returned!.at;
    await asPerson(
      people.units[UNIT.id]!,
      `/unit/${UNIT.id}`,
      async (page) => {
        await visible(page.getByTestId('state-registration').filter({ hasText: 'Bị trả lại' }));
        const notice = await visible(
          page.getByRole('alert').filter({ hasText: 'Bản đăng ký thi đua đã bị trả lại để chỉnh sửa' }),
        );
        const text = await notice.innerText();
        expect(text).toContain(`Trưởng cụm trả lại lúc ${formatDateTime(returnedAt, ZONE)}.`);
        expect(text).toContain(`Lý do: ${reasonOf(UNIT.id)}`);
        expect(text).toContain('Chỉnh sửa và nộp lại trước 23:59 ngày 31/03/2020.');
        expect(text).not.toContain(reasonOf(OTHER.id));
        // The form holds what was sent, to be corrected rather than typed again.
        const sentTarget = (registrationBody(s, UNIT.id) as { targets: { target: number }[] }).targets[0]!.target;
        const input = page.getByLabel('Chỉ tiêu: Thu ngân sách so với kế hoạch (tỷ đồng)');
        const filledIn = String(sentTarget).replace('.', ',');
        for (let waited = 0; (await input.inputValue()) !== filledIn && waited < TIMEOUT; waited += 100)
          await page.waitForTimeout(100);
        expect(await input.inputValue()).toBe(filledIn);
        // What the page was sent: its own unit's reason, the other unit returned without one.
        const seen = (await page.evaluate(
          async (cycleId) => ((await (await fetch(`/api/v1/cycles/${cycleId}`)).json()) as { units: unknown }).units,
          registeringCycle,
        )) as { unitId: string; steps: { registration: { state: string; returned?: { reason: string } } } }[];
        const registration = (id: string) => seen.find((u) => u.unitId === id)!.steps.registration;
        expect(registration(UNIT.id).returned?.reason).toBe(reasonOf(UNIT.id));
        expect(registration(OTHER.id)).toMatchObject({ state: 'returned' });
        expect(registration(OTHER.id).returned).toBeUndefined();
        // A unit officer has no document links (the server refuses units the exports).
        expect(await page.getByRole('link', { name: /^Tải / }).count()).toBe(0);
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        expect(overflow).toBeLessThanOrEqual(0);
        await photograph(page, 'unit');
      },
      PHONE,
    );
  }, 120_000);

  it("shows the leader why each registration and the nominations were returned, and the province its own return's reason", async () => {
    await asPerson(people.leader, '/leader', async (page) => {
      await choose(page, 'Đợt thi đua', `${REGISTERING.clusterName} – năm ${s.year}`);
      await clickButton(page, new RegExp(`^${OTHER.name} – Đăng ký thi đua`));
      const drawer = await visible(page.getByRole('dialog'));
      const notice = await visible(drawer.getByRole('alert').filter({ hasText: 'Đã trả lại; chờ đơn vị nộp lại.' }));
      expect(await notice.innerText()).toContain(`Lý do: ${reasonOf(OTHER.id)}`);
      // What the unit sent: criteria by title, figures with a decimal comma, the aimed award by name, never an id.
      const sent = await visible(drawer.getByRole('region', { name: 'Nội dung đã nộp' }));
      const content = await sent.innerText();
      const target = (registrationBody(s, OTHER.id) as { targets: { criterionId: string; target: number }[] })
        .targets[0]!;
      expect(content).toContain('Thu ngân sách so với kế hoạch');
      expect(content).toContain(`${String(target.target).replace('.', ',')} tỷ đồng`);
      expect(content).toContain('Kế hoạch thu ngân sách (tỷ đồng)');
      expect(content).toMatch(/Lần 1 nộp lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
      expect(content).not.toMatch(/C1\.1|certificate-of-merit|emulation-flag/);
      await photograph(page, 'leader-drawer');
      await drawer.getByRole('button', { name: /^(Close|Đóng)$/ }).click();
      // The drawer's mask stays over the page while it slides out: wait until it has gone.
      await drawer.waitFor({ state: 'hidden', timeout: TIMEOUT });

      await choose(page, 'Đợt thi đua', `${NOMINATED.clusterName} – năm ${s.year}`);
      const returned = await visible(
        page.getByRole('alert').filter({ hasText: 'Tỉnh đã trả lại hồ sơ; hãy trình lại.' }),
      );
      const text = await returned.innerText();
      expect(text).toMatch(/Ban Thi đua – Khen thưởng tỉnh trả lại lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\./);
      expect(text).toContain(`Lý do: ${NOMINATIONS_REASON}`);
      await photograph(page, 'leader-nominations');
    });
    await asPerson(people.province, '/province', async (page) => {
      await clickButton(page, `Xem ${NOMINATED.clusterName} ${s.year}`);
      const notice = await visible(page.getByRole('alert').filter({ hasText: 'Đã trả lại hồ sơ; chờ cụm trình lại.' }));
      expect(await notice.innerText()).toContain(`Lý do: ${NOMINATIONS_REASON}`);
      await visible(page.getByRole('link', { name: 'Tải tờ trình đề nghị khen thưởng (Word)' }));
      const xlsx = await download(page, 'Tải bảng xếp hạng (Excel)');
      expect(xlsx.file).toBe('bang-diem-cum-8-2020.xlsx');
      expect(isZip(xlsx.bytes)).toBe(true);
      await photograph(page, 'province');
    });
  }, 180_000);
});
