/**
 * The documents of the reference year, made from a log the deciders wrote (a real SQLite store)
 * and read back as an official would: who acted by name, the dossier by title, signature blocks
 * with a title and the signer's name or a line to write it on, workbooks that print readably.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type ExcelJS from 'exceljs';
import { foldAuditTrail, foldCycleModel, type CycleModel, type AuditEntry } from '#projections';
import { CycleDriver, leaderOf, playYear, province, referencePlan, tempStore } from '#projections/testing';
import { A4_LANDSCAPE_ONE_PAGE_WIDE, readDocx, readWorkbook, sheetRows } from '../../../../tests/support/documents.js';
import { ACCOUNTS_STREAM } from '../accounts/account.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { identityStoreFixture } from '../identity/testing/identity-store-fixture.js';
import { accountNames } from './account-names.js';
import { auditTrailWorkbook } from './audit-trail-xlsx.js';
import { cycleFacts, type CycleFacts } from './cycle-facts.js';
import { minutesDocument } from './minutes-docx.js';
import { shareWidths } from './standings-pdf.js';
import { standingsWorkbook } from './standings-xlsx.js';
import { submissionLetterDocument } from './submission-letter-docx.js';

const plan = referencePlan();
const LEADER = leaderOf(plan.leaderUnitId).userId;
const LEADER_NAME = 'Lê Văn Minh';
/** A lower bound of the lines a text needs in a column: more characters a line than 11 pt ever fits. */
const atLeastLines = (text: string, width: number) =>
  text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (width * 1.6))), 0);

let temp: ReturnType<typeof tempStore>;
let record: { model: CycleModel; trail: AuditEntry[] };
let names: ReadonlyMap<string, string>;
let facts: CycleFacts;
const identity = identityStoreFixture('sqlite');

beforeAll(async () => {
  temp = tempStore('thidua-documents-');
  const played = await playYear(new CycleDriver(temp.store), plan);
  const accounts = new AccountsService(await identity.open(), temp.store);
  const grant = { roles: ['leader' as const], unitId: plan.leaderUnitId, provinceId: plan.provinceId };
  const at = '2025-01-01T00:00:00Z';
  await accounts.execute(
    { type: 'GrantAccount', username: LEADER, profile: { name: LEADER_NAME, ...grant } },
    { userId: 'admin' },
    at,
    'a-long-password-2020',
  );
  // A change of roles keeps the name it was granted with.
  await accounts.execute(
    { type: 'ChangeAccountRoles', username: LEADER, ...grant, roles: ['leader', 'unit'] },
    { userId: 'admin' },
    at,
  );
  const events = await temp.store.readAll();
  record = {
    model: foldCycleModel(played.cycleId, events)!,
    trail: foldAuditTrail(played.cycleId, events),
  };
  names = accountNames(await temp.store.readStream(ACCOUNTS_STREAM));
  facts = cycleFacts(record, { accountNames: names });
}, 60_000);

afterAll(async () => {
  await identity.cleanup();
  await temp?.dispose();
});

describe('the names of the people who acted', () => {
  it('are the names their accounts were granted with, from the log', () => {
    expect([...names]).toEqual([[LEADER, LEADER_NAME]]);
    expect(facts.actorName(LEADER)).toBe(`${LEADER_NAME} (${LEADER})`);
    expect(facts.actorName(province.userId)).toBe(province.userId);
  });
});

describe('audit-trail.xlsx', () => {
  const sheet = async (f: CycleFacts) => (await readWorkbook(await auditTrailWorkbook(f))).worksheets[0]!;

  it('names who acted by their account, and by their id when no account names them', async () => {
    const rows = sheetRows(await sheet(facts)).slice(3);
    expect(rows).toHaveLength(record.trail.length);
    const byLeader = record.trail.map((e, i) => [e, rows[i]!] as const).filter(([e]) => e.actor.userId === LEADER);
    expect(byLeader.length).toBeGreaterThan(0);
    for (const [, row] of byLeader) expect(row[4]).toBe(`${LEADER_NAME}\n(${LEADER})`);
    const byProvince = record.trail.map((e, i) => [e, rows[i]!] as const).filter(([e]) => e.actor.role === 'province');
    for (const [, row] of byProvince) expect(row[4]).toBe(province.userId);
    const unnamed = sheetRows(await sheet(cycleFacts(record))).slice(3);
    expect(unnamed.filter((r) => r[4] === LEADER)).toHaveLength(byLeader.length);
  });

  it('prints A4 landscape one page wide, its heading row on every page, rows tall enough for their text', async () => {
    const ws = await sheet(facts);
    expect(ws.pageSetup).toMatchObject({ ...A4_LANDSCAPE_ONE_PAGE_WIDE, printTitlesRow: '3:3' });
    expect(ws.pageSetup.margins!.left).toBeGreaterThan(0.5);
    expect(ws.headerFooter.oddFooter).toContain('&P');
    // A live year: no column for entries recorded later from paper.
    expect(sheetRows(ws)[2]).toEqual([
      'STT',
      'Thời điểm',
      'Vai trò',
      'Đơn vị',
      'Người thực hiện',
      'Nội dung',
      'Lý do',
      'Vị trí trong sổ',
    ]);
    expectRowsFit(ws, 3, ws.rowCount);
  });
});

describe('standings.xlsx', () => {
  it('prints A4 landscape one page wide, its three heading rows on every page, every row tall enough', async () => {
    const ws = (await readWorkbook(await standingsWorkbook(facts))).worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ ...A4_LANDSCAPE_ONE_PAGE_WIDE, printTitlesRow: '4:6' });
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(5, c);
      if (cell.isMerged && cell.master !== cell) continue;
      if (cell.value) expect({ c, wrap: cell.alignment?.wrapText }).toEqual({ c, wrap: true });
    }
    expectRowsFit(ws, 4, ws.rowCount);
    expect(ws.getCell(7, 2).font.name).toBe('Times New Roman');
    // Narrow enough to print at about two thirds of its size: the widths add up to at most 210 characters.
    const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? 9);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(210);
  });
});

describe('minutes.docx', () => {
  it('is signed by the secretary and the chair, each with a line for the name, the chair named if known', async () => {
    const signaturesOf = async (f: CycleFacts) => (await readDocx(await minutesDocument(f))).tables.at(-1);
    expect(await signaturesOf(facts)).toEqual([
      ['THƯ KÝ(Ký, ghi rõ họ tên)', `CHỦ TRÌ(Ký, ghi rõ họ tên)${LEADER_NAME}`],
    ]);
    expect(await signaturesOf(cycleFacts(record))).toEqual([
      ['THƯ KÝ(Ký, ghi rõ họ tên)', 'CHỦ TRÌ(Ký, ghi rõ họ tên)'],
    ]);
    const { paragraphs } = await readDocx(await minutesDocument(facts));
    expect(paragraphs).toContain(`Chủ trì: ${LEADER_NAME}, đại diện Huyện Chợ Mới, đơn vị Trưởng cụm.`);
  });
});

describe('submission-letter.docx', () => {
  const withDossier = (f: CycleFacts): CycleFacts => ({
    ...f,
    nominations: {
      ...f.nominations,
      dossier: [
        { kind: 'submission-letter', ref: 'TTr-an-giang-cum-2-2020' },
        { kind: 'minutes', ref: 'BB-an-giang-cum-2-2020' },
        { kind: 'tally', ref: 'KP-an-giang-cum-2-2020' },
        { kind: 'achievement-report', ref: 'BC-an-phu', sha256: 'a'.repeat(64) },
        { kind: 'achievement-report', ref: 'BC-chau-thanh' },
      ],
    },
  });

  it("lists the dossier's documents by title, numbered, without the letter itself nor any reference", async () => {
    const { paragraphs, xml } = await readDocx(await submissionLetterDocument(withDossier(facts)));
    const from = paragraphs.indexOf('Hồ sơ kèm theo:');
    expect(paragraphs.slice(from + 1, from + 4)).toEqual([
      '1. Biên bản họp bình xét thi đua.',
      '2. Biên bản kiểm phiếu.',
      '3. Báo cáo thành tích (2 bản).',
    ]);
    expect(paragraphs[from + 4]).toMatch(/^Kính trình/);
    expect(xml).not.toMatch(/an-giang-cum-2-2020|BC-an-phu|aaaaaaaa/);
  });

  it('is signed on behalf of the cluster by its leader, named when the one who submitted has an account', async () => {
    const signature = async (f: CycleFacts) => (await readDocx(await submissionLetterDocument(f))).tables.at(-1)![0]!;
    expect((await signature(facts))[1]).toBe(`TM. CỤM THI ĐUA SỐ 2TRƯỞNG CỤM${LEADER_NAME}`);
    expect((await signature(cycleFacts(record)))[1]).toBe('TM. CỤM THI ĐUA SỐ 2TRƯỞNG CỤM(Ký, ghi rõ họ tên)');
  });
});

describe("the PDF's column widths", () => {
  it('share the width equally, except that a column keeps a minimum above its share', () => {
    expect(shareWidths([10, 10, 10], 90)).toEqual([30, 30, 30]);
    expect(shareWidths([10, 40, 10], 90)).toEqual([25, 40, 25]);
    // Minimums wider than the whole: each keeps its own (the table runs over).
    expect(shareWidths([50, 40, 10], 90)).toEqual([50, 40, 10]);
  });
});

/** Every row from `from` to `to` is at least as tall as the lines its wrapped text needs (merged cells count once). */
function expectRowsFit(ws: ExcelJS.Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const text = String(cell.value ?? '');
      if (!text) return;
      const [top, left, bottom, right] = mergedRange(ws, cell);
      if (bottom !== top) return;
      let width = 0;
      for (let c = left; c <= right; c++) width += ws.getColumn(c).width ?? 9;
      lines = Math.max(lines, atLeastLines(text, width));
    });
    expect({ row: r, tall: (row.height ?? 15) >= 13 * lines }).toEqual({ row: r, tall: true });
  }
}

/** The rows and columns a cell's merge covers: [top, left, bottom, right]. */
function mergedRange(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): [number, number, number, number] {
  const merges = (ws.model as unknown as { merges: string[] }).merges ?? [];
  for (const range of merges) {
    const [a, b] = range.split(':') as [string, string];
    const [ta, tb] = [ws.getCell(a), ws.getCell(b)];
    if (ta.address === cell.address) return [Number(ta.row), Number(ta.col), Number(tb.row), Number(tb.col)];
  }
  return [Number(cell.row), Number(cell.col), Number(cell.row), Number(cell.col)];
}
