/**
 * The reference year (An Giang, Cluster 2, 2020) played through the pages: the province opens the
 * cycle with the guided form, the leader drives each step from the dashboard, every unit officer
 * submits and votes on their own page, the province accepts the dossier, the approver decides.
 * One submission is returned and corrected on the way.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { figuresOf, type Criterion, type Scenario } from '#scenario';
import { screenshot } from './browser.js';
import { choose, clickButton, confirmDialog, TIMEOUT, typeDate, typeNumber, visible } from './pages.js';

export interface Person {
  username: string;
  name: string;
  role: 'province' | 'leader' | 'unit' | 'approver' | 'auditor';
  unitId?: string;
}

/** Signs the person in on a fresh page and gives it; the caller closes it with `done`. */
export type SignInAs = (who: Person) => Promise<{ page: Page; done(): Promise<void> }>;

export interface YearPeople {
  province: Person;
  leader: Person;
  approver: Person;
  auditor: Person;
  units: Record<string, Person>;
}

const AWARD_VI: Record<string, string> = {
  'emulation-flag': 'Cờ thi đua của UBND tỉnh',
  'certificate-of-merit': 'Bằng khen của Chủ tịch UBND tỉnh',
};

const DIRECTION_VI: Record<string, string> = {
  'higher-is-better': 'Càng cao càng tốt',
  'lower-is-better': 'Càng thấp càng tốt',
};

const vi = (n: number) => String(n).replace('.', ',');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

async function as<T>(signInAs: SignInAs, who: Person, work: (page: Page) => Promise<T>): Promise<T> {
  const { page, done } = await signInAs(who);
  try {
    return await work(page);
  } catch (error) {
    await screenshot(page, `failed-${who.username}`).catch(() => undefined);
    throw error;
  } finally {
    await done();
  }
}

export async function openCycleOnThePage(page: Page, s: Scenario): Promise<void> {
  await clickButton(page, 'Mở đợt thi đua mới');
  await page.getByLabel('Mã cụm', { exact: true }).fill(s.cluster.id);
  await page.getByLabel('Tên cụm', { exact: true }).fill(s.cluster.name);
  await page.getByLabel('Mã tỉnh', { exact: true }).fill(s.province.id);
  await typeNumber(page, 'Năm', s.year);
  for (let i = 1; i < s.units.length; i += 1) await clickButton(page, 'Thêm đơn vị');
  for (const [i, u] of s.units.entries()) {
    await page.getByLabel(`Mã đơn vị ${i + 1}`, { exact: true }).fill(u.id);
    await page.getByLabel(`Tên đơn vị ${i + 1}`, { exact: true }).fill(u.name);
  }
  const unitName = (id: string) => s.units.find((u) => u.id === id)!.name;
  await choose(page, 'Đơn vị trưởng cụm', unitName(s.leaderUnitId));
  await choose(page, 'Đơn vị phó cụm', unitName(s.deputyUnitId));

  for (const [gi, g] of s.criteria.groups.entries()) {
    if (gi > 0) await clickButton(page, 'Thêm nhóm tiêu chí');
    await page.getByLabel(`Mã nhóm ${gi + 1}`, { exact: true }).fill(g.id);
    await page.getByLabel(`Tên nhóm ${gi + 1}`, { exact: true }).fill(g.title);
    for (const [ci, c] of g.criteria.entries()) {
      const n = `${gi + 1}.${ci + 1}`;
      if (ci > 0) await clickButton(page, `Thêm tiêu chí vào nhóm ${gi + 1}`);
      await page.getByLabel(`Mã tiêu chí ${n}`, { exact: true }).fill(c.id);
      await page.getByLabel(`Tên tiêu chí ${n}`, { exact: true }).fill(c.title);
      await typeNumber(page, `Điểm tối đa ${n}`, c.maxPoints);
      if (c.kind === 'quantitative') await choose(page, `Loại ${n}`, 'Định lượng');
      if (c.unit) await page.getByLabel(`Đơn vị đo ${n}`, { exact: true }).fill(c.unit);
      if (c.formula) {
        await choose(page, `Tính điểm từ số liệu ${n}`, DIRECTION_VI[c.formula.direction]!);
        await typeNumber(page, `Đạt điểm tối đa ở tỷ lệ ${n}`, c.formula.fullAt);
      }
    }
  }
  for (const [list, word] of [
    ['bonus', 'Điểm thưởng'],
    ['penalty', 'Điểm trừ'],
  ] as const) {
    for (const [i, c] of s.criteria[list].entries()) {
      await clickButton(page, `Thêm ${word.toLowerCase()}`);
      await page.getByLabel(`Mã – ${word} ${i + 1}`, { exact: true }).fill(c.id);
      await page.getByLabel(`Nội dung – ${word} ${i + 1}`, { exact: true }).fill(c.title);
      await typeNumber(page, `Điểm tối đa – ${word} ${i + 1}`, c.maxPoints);
    }
  }
  // The form proposes the defaults (flag 1, certificate 2); the scenario's cluster has one certificate.
  for (const [i, a] of s.awards.entries()) {
    await expect(
      await page
        .getByLabel(`Danh hiệu ${i + 1}`, { exact: true })
        .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
        .innerText(),
    ).toContain(AWARD_VI[a.kind]);
    await typeNumber(page, `Chỉ tiêu ${i + 1}`, a.quota);
  }
  await page.getByLabel('Số đơn vị tham gia tối thiểu (tỷ lệ, ví dụ 2/3)').fill(s.voteRules.quorum);
  await typeNumber(page, 'Tỷ lệ tán thành để đạt (ví dụ 0,7)', s.voteRules.passThreshold);
  const STEPS_VI: Record<string, string> = {
    registration: 'Đăng ký thi đua',
    'mid-year-review': 'Sơ kết 6 tháng',
    'self-assessment': 'Tự chấm điểm',
    vote: 'Bình xét, bỏ phiếu',
    nomination: 'Đề nghị khen thưởng',
    decision: 'Quyết định khen thưởng',
  };
  for (const [step, label] of Object.entries(STEPS_VI)) await typeDate(page, `Hạn: ${label}`, dmy(s.schedule[step]!));
  await clickButton(page, 'Mở đợt thi đua');
  await visible(page.getByRole('heading', { name: `${s.cluster.name} – năm ${s.year}` }));
}

/** The leader's matrix cell of a unit and step, whatever its state. */
const cell = (page: Page, unitName: string, stepVi: string) =>
  page.getByRole('button', { name: new RegExp(`^${unitName} – ${stepVi}: `) });

async function review(
  page: Page,
  unitName: string,
  stepVi: string,
  action: 'accept' | 'return',
  reason?: string,
): Promise<void> {
  await (await visible(cell(page, unitName, stepVi))).click();
  const drawer = await visible(page.getByRole('dialog', { name: new RegExp(`– ${unitName}$`) }));
  if (action === 'accept') {
    await drawer.getByRole('button', { name: 'Chấp nhận' }).click();
  } else {
    await drawer.getByRole('button', { name: 'Trả lại' }).click();
    await confirmDialog(page, { 'Lý do trả lại': reason ?? '' });
  }
  await drawer.waitFor({ state: 'hidden', timeout: TIMEOUT });
  const expected = action === 'accept' ? 'Đã chấp nhận' : 'Bị trả lại';
  await visible(page.getByRole('button', { name: `${unitName} – ${stepVi}: ${expected}` }));
}

async function stepAction(
  page: Page,
  action: 'Mở bước' | 'Đóng bước',
  stepVi: string,
  summary?: string,
): Promise<void> {
  await clickButton(page, `${action} ${stepVi}`);
  if (action === 'Đóng bước') await confirmDialog(page, summary ? { 'Tóm tắt kết quả': summary } : {});
  await visible(
    page
      .getByTestId(`step-status-${STEP_IDS[stepVi]}`)
      .filter({ hasText: action === 'Mở bước' ? 'Đang mở' : 'Đã đóng' }),
  );
}

const STEP_IDS: Record<string, string> = {
  'Đăng ký thi đua': 'registration',
  'Sơ kết 6 tháng': 'mid-year-review',
  'Tự chấm điểm': 'self-assessment',
};

export async function unitTab(page: Page, tab: string): Promise<void> {
  // The section buttons are radio buttons whose input Ant Design hides behind the label.
  await (
    await visible(page.getByRole('radiogroup', { name: 'Phần của trang' }).getByText(tab, { exact: true }))
  ).click();
  // A large section renders after the click returns: wait for the choice to be taken.
  await page
    .getByRole('radio', { name: tab, exact: true, checked: true })
    .waitFor({ state: 'attached', timeout: TIMEOUT });
}

async function register(page: Page, s: Scenario, unitId: string): Promise<void> {
  await unitTab(page, 'Đăng ký thi đua');
  const aimed = s.registrations[unitId]?.aimedAward;
  if (aimed) await choose(page, 'Danh hiệu đăng ký', AWARD_VI[aimed]!);
  const [c11, c12, c13] = s.criteria.groups[0]!.criteria as [Criterion, Criterion, Criterion];
  const figures = figuresOf(s, unitId);
  await typeNumber(page, `Chỉ tiêu: ${c11.title} (${c11.unit})`, figures['C1.1']!.target);
  await page
    .getByLabel(`Ghi chú: ${c11.title}`)
    .fill(`Kế hoạch thu ngân sách ${vi(s.budgetRevenue.byUnit[unitId]!.plan)} tỷ đồng`);
  await typeNumber(page, `Chỉ tiêu: ${c12.title} (${c12.unit})`, 3);
  await page.getByLabel(`Ghi chú: ${c12.title}`).fill('Nông nghiệp, công nghiệp, xây dựng');
  await typeNumber(page, `Chỉ tiêu: ${c13.title} (${c13.unit})`, figures['C1.3']!.target);
  await page.getByLabel(`Ghi chú: ${c13.title}`).fill('Tỷ lệ hộ nghèo cuối năm (%)');
  await clickButton(page, 'Gửi bản đăng ký');
  // The page shows its own write: the state read at least at the command's position.
  await visible(page.getByTestId('state-registration').filter({ hasText: /Trễ hạn|Đã nộp/ }));
}

async function midYear(page: Page, s: Scenario, unitId: string): Promise<void> {
  await unitTab(page, 'Sơ kết 6 tháng');
  const c11 = s.criteria.groups[0]!.criteria[0]!;
  await typeNumber(page, `Thực hiện: ${c11.title} (${c11.unit})`, s.midYearBudgetProgressPercent[unitId]!);
  await page.getByLabel(`Ghi chú: ${c11.title}`).fill('Tiến độ thu ngân sách 6 tháng');
  await page.getByLabel('Tóm tắt sơ kết').fill('Sơ kết 6 tháng đầu năm');
  await clickButton(page, 'Gửi báo cáo sơ kết');
  await visible(page.getByTestId('state-mid-year-review').filter({ hasText: /Trễ hạn|Đã nộp/ }));
}

async function selfAssess(page: Page, s: Scenario, unitId: string): Promise<void> {
  await unitTab(page, 'Tự chấm điểm');
  const all = [
    ...s.criteria.groups.flatMap((g) => g.criteria.map((c) => ({ c, prefix: '' }))),
    ...s.criteria.bonus.map((c) => ({ c, prefix: 'Điểm thưởng: ' })),
    ...s.criteria.penalty.map((c) => ({ c, prefix: 'Điểm trừ: ' })),
  ];
  const points = s.selfAssessment.points[unitId] ?? {};
  const evidence = s.selfAssessment.evidenceExample[unitId] ?? {};
  // A criterion scored from figures takes its year-end figure (the target is the registered one).
  const figures = figuresOf(s, unitId);
  for (const { c, prefix } of all) {
    if (c.formula) {
      await typeNumber(page, `Số liệu thực hiện: ${c.title} (${c.unit})`, figures[c.id]!.actual);
      if (evidence[c.id]) await page.getByLabel(`Minh chứng: ${c.title}`).fill(evidence[c.id]!);
      continue;
    }
    if (points[c.id] === undefined) continue;
    await typeNumber(page, `${prefix}${c.title} (tối đa ${vi(c.maxPoints)})`, points[c.id]!);
    if (evidence[c.id]) await page.getByLabel(`Minh chứng: ${c.title}`).fill(evidence[c.id]!);
  }
  await clickButton(page, 'Gửi bản tự chấm điểm');
  await visible(page.getByTestId('state-self-assessment').filter({ hasText: /Trễ hạn|Đã nộp/ }));
}

export async function castBallot(page: Page, s: Scenario, unitId: string): Promise<string> {
  await unitTab(page, 'Bỏ phiếu kín');
  const choices = s.vote.ballotsByVoter[unitId]!;
  for (const [award, byCandidate] of Object.entries(choices)) {
    const group = page.getByRole('group', { name: AWARD_VI[award] });
    for (const [candidate, yes] of Object.entries(byCandidate)) {
      const name = s.units.find((u) => u.id === candidate)!.name;
      await group
        .getByRole('radiogroup', { name })
        .getByRole('radio', { name: yes ? 'Tán thành' : 'Không tán thành', exact: true })
        .check();
    }
  }
  await clickButton(page, 'Bỏ phiếu');
  return (await (await visible(page.getByTestId('receipt'))).innerText()).trim();
}

export interface PlayedThroughPages {
  cycleId: string;
  /** The log position just before the scores were locked (read from the auditor's trail later). */
  receipts: Record<string, string>;
}

export async function playYearThroughPages(
  signInAs: SignInAs,
  people: YearPeople,
  s: Scenario,
): Promise<PlayedThroughPages> {
  const cycleId = `${s.cluster.id}-${s.year}`;
  const unitName = (id: string) => s.units.find((u) => u.id === id)!.name;
  const corrected = s.units[3]!.id; // Phú Tân: its registration is returned once and corrected

  await as(signInAs, people.province, (page) => openCycleOnThePage(page, s));
  await as(signInAs, people.leader, (page) => stepAction(page, 'Mở bước', 'Đăng ký thi đua'));
  for (const u of s.units) await as(signInAs, people.units[u.id]!, (page) => register(page, s, u.id));
  await as(signInAs, people.leader, async (page) => {
    for (const u of s.units)
      await review(
        page,
        u.name,
        'Đăng ký thi đua',
        u.id === corrected ? 'return' : 'accept',
        'Thiếu ghi chú kế hoạch chuyển dịch cơ cấu kinh tế',
      );
  });
  await as(signInAs, people.units[corrected]!, async (page) => {
    await visible(page.getByTestId('state-registration').filter({ hasText: 'Bị trả lại' }));
    await register(page, s, corrected);
    await visible(page.getByTestId('versions-registration').filter({ hasText: /^2 / }));
  });
  await as(signInAs, people.leader, async (page) => {
    await visible(cell(page, unitName(corrected), 'Đăng ký thi đua').filter({ hasText: '2 phiên bản' }));
    await review(page, unitName(corrected), 'Đăng ký thi đua', 'accept');
    await stepAction(page, 'Đóng bước', 'Đăng ký thi đua', 'Các đơn vị đã ký kết giao ước thi đua');
    await stepAction(page, 'Mở bước', 'Sơ kết 6 tháng');
  });
  for (const u of s.units) await as(signInAs, people.units[u.id]!, (page) => midYear(page, s, u.id));
  await as(signInAs, people.leader, async (page) => {
    await stepAction(page, 'Đóng bước', 'Sơ kết 6 tháng', 'Sơ kết 6 tháng: các đơn vị đạt tiến độ');
    await stepAction(page, 'Mở bước', 'Tự chấm điểm');
  });
  for (const u of s.units) await as(signInAs, people.units[u.id]!, (page) => selfAssess(page, s, u.id));
  await as(signInAs, people.leader, async (page) => {
    for (const u of s.units) await review(page, u.name, 'Tự chấm điểm', 'accept');
    await stepAction(page, 'Đóng bước', 'Tự chấm điểm', 'Hoàn thành tự chấm điểm');
    for (const a of s.adjustments) {
      const criterion = [
        ...s.criteria.groups.flatMap((g) => g.criteria),
        ...s.criteria.bonus,
        ...s.criteria.penalty,
      ].find((c) => c.id === a.criterionId)!;
      await choose(page, 'Đơn vị', unitName(a.unitId));
      await choose(page, 'Tiêu chí', criterion.title);
      await typeNumber(page, 'Điểm sau điều chỉnh', a.to);
      await page.getByLabel('Lý do điều chỉnh').fill(a.reason);
      await clickButton(page, 'Điều chỉnh điểm');
      await visible(page.getByTestId(`final-${a.unitId}`));
    }
    await clickButton(page, 'Khóa điểm, chốt xếp hạng');
    await visible(page.getByText('Điểm đã được khóa; xếp hạng đã chốt.'));
    // The default candidates are shown (the ranking's top units within quota), and kept.
    for (const [award, units] of Object.entries(s.vote.candidates)) {
      const select = page
        .getByLabel(new RegExp(`^Ứng viên: ${AWARD_VI[award]}`))
        .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
      for (const u of units) await expect(await select.innerText()).toContain(unitName(u));
    }
    await clickButton(page, 'Mở bỏ phiếu');
    await visible(page.getByText(/Đang bỏ phiếu: 0\/6/));
  });
  const receipts: Record<string, string> = {};
  for (const u of s.units)
    receipts[u.id] = await as(signInAs, people.units[u.id]!, (page) => castBallot(page, s, u.id));
  await as(signInAs, people.leader, async (page) => {
    await visible(page.getByText(/Đang bỏ phiếu: 6\/6/));
    await clickButton(page, 'Kết thúc bỏ phiếu');
    await confirmDialog(page, { 'Tóm tắt kết quả': 'Kiểm phiếu bình xét' });
    await visible(page.getByRole('button', { name: 'Trình hồ sơ đề nghị khen thưởng' }));
    for (const [i, ref] of ['TTr', 'BB', 'KP'].entries())
      await page.getByLabel(`Số, ký hiệu tài liệu ${i + 1}`).fill(`${ref}-${cycleId}`);
    await clickButton(page, 'Trình hồ sơ đề nghị khen thưởng');
    await visible(page.getByText('Đã trình hồ sơ; chờ tỉnh tiếp nhận.'));
  });
  await as(signInAs, people.province, async (page) => {
    await clickButton(page, `Xem ${s.cluster.name} ${s.year}`);
    await clickButton(page, 'Tiếp nhận hồ sơ');
    await visible(page.getByText('Đã tiếp nhận hồ sơ đề nghị khen thưởng.'));
    // The provincial council reviews the dossier before the chairman decides.
    await typeDate(page, 'Ngày họp Hội đồng', dmy(s.council.meetingOn));
    await page.getByLabel('Số biên bản họp Hội đồng').fill(s.council.minutesRef);
    for (const r of s.council.results) {
      const what = `${unitName(r.unitId)} – ${AWARD_VI[r.award]}`;
      await typeNumber(page, `Tán thành: ${what}`, r.approve);
      await typeNumber(page, `Không tán thành: ${what}`, r.reject);
      await page
        .getByRole('radiogroup', { name: `Kết quả: ${what}` })
        .getByRole('radio', { name: r.passed ? 'Đạt' : 'Không đạt', exact: true })
        .check();
    }
    await clickButton(page, 'Ghi nhận kết quả xét');
    await visible(page.getByText('Đã ghi nhận kết quả xét của Hội đồng.'));
  });
  await as(signInAs, people.approver, async (page) => {
    await (await visible(page.getByLabel('Số quyết định'))).fill(s.decision.decisionNo);
    await typeDate(page, 'Ngày ban hành', dmy(s.decision.issuedOn));
    await page.getByLabel('Người ký', { exact: true }).fill(s.decision.signer);
    await page.getByLabel('Chức vụ người ký').fill(s.decision.signerTitle);
    for (const g of s.decision.grants) {
      await page
        .getByRole('radiogroup', { name: `${unitName(g.unitId)} – ${AWARD_VI[g.award]}` })
        .getByRole('radio', { name: g.granted ? 'Tặng' : 'Không tặng', exact: true })
        .check();
    }
    await clickButton(page, 'Ban hành quyết định');
    await visible(
      page.getByText(`Đã ban hành quyết định số ${s.decision.decisionNo} ngày ${dmy(s.decision.issuedOn)}`),
    );
  });
  return { cycleId, receipts };
}
