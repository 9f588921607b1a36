/**
 * The documents of the reference year, downloaded through the API and read back: the score table
 * as a workbook and a PDF, the minutes and the submission letter as Word documents, the audit
 * trail as a workbook. Each must carry the year's figures: final scores, ranking, the tallies 5–1
 * and 6–0, the award holders; and only auditors, the province and the cycle's leader may take them.
 * The leader has an account (the others act with tokens alone): the documents name that person
 * where it signs or acted, and the others by their ids.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { loadScenario, playReferenceYear, type PlayedYear } from '#scenario';
import { addAccount } from '../support/accounts-cli.js';
import {
  A4_LANDSCAPE_ONE_PAGE_WIDE,
  download,
  readDocx,
  readPdf,
  readWorkbook,
  sheetRows,
} from '../support/documents.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FLAG = 'Cờ thi đua của UBND tỉnh';
const MERIT = 'Bằng khen của Chủ tịch UBND tỉnh';
const nameOf = (unitId: string) => s.units.find((u) => u.id === unitId)!.name;
const comma = (n: number) => String(n).replace('.', ',');
/** The account of the leader's token (`Tokens.leader`: subject `leader-<unit>`). */
const LEADER = { username: `leader-${s.leaderUnitId}`, name: 'Lê Văn Minh' };

describe('the documents of the reference year', () => {
  let server: TestServer;
  let played: PlayedYear;
  let auditor: string;
  let dataDir: string;
  const exportUrl = (name: string, query = '') =>
    `${server.url}/api/v1/cycles/${played.cycleId}/exports/${name}${query}`;
  const take = async (name: string, query = '') => {
    const res = await download(exportUrl(name, `?minPosition=${played.lastPosition}${query}`), auditor);
    if (res.status !== 200) throw new Error(`${name} → ${res.status} ${res.bytes.toString('utf8').slice(0, 500)}`);
    return res;
  };

  beforeAll(async () => {
    dataDir = makeDataDir();
    addAccount(dataDir, LEADER.username, 'a-long-password-2020', {
      roles: ['leader'],
      unit: s.leaderUnitId,
      province: s.province.id,
      name: LEADER.name,
    });
    server = await startTestServer({ dataDir });
    played = await playReferenceYear(server.api, server.tokens, s);
    auditor = await server.tokens.auditor();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('standings.xlsx', () => {
    it('is a workbook named without diacritics, its header frozen, A4 landscape', async () => {
      const res = await take('standings.xlsx');
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="bang-diem-cum-2-2020.xlsx"');
      const ws = (await readWorkbook(res.bytes)).worksheets[0]!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
      expect(ws.pageSetup).toMatchObject({ ...A4_LANDSCAPE_ONE_PAGE_WIDE, printTitlesRow: '4:6' });
    });

    it('ranks the units with their final scores as numeric cells, and shows the vote, nominations and awards', async () => {
      const rows = sheetRows((await readWorkbook((await take('standings.xlsx')).bytes)).worksheets[0]!);
      const headings = rows[5]!;
      const finalCol = headings.lastIndexOf('Chính thức');
      const selfCol = headings.lastIndexOf('Tự chấm');
      expect(finalCol).toBeGreaterThan(selfCol);
      const body = rows.slice(6).filter((r) => typeof r[0] === 'number');
      expect(body.map((r) => r[1])).toEqual(s.expectedRanking.map(nameOf));
      expect(body.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
      for (const r of body) {
        const unitId = s.units.find((u) => u.name === r[1])!.id;
        expect({ unitId, final: r[finalCol] }).toEqual({ unitId, final: s.expectedFinalScores[unitId] });
      }
      // Tri Tôn's C3.1: claimed 9.5, 9 after review, side by side.
      const c31 = rows[4]!.findIndex((h) => typeof h === 'string' && h.startsWith('C3.1.'));
      const triTon = body.find((r) => r[1] === nameOf('tri-ton'))!;
      expect([triTon[c31], triTon[c31 + 1]]).toEqual([9.5, 9]);
      const anPhu = body.find((r) => r[1] === nameOf('an-phu'))!;
      const chauThanh = body.find((r) => r[1] === nameOf('chau-thanh'))!;
      expect(anPhu.slice(-3)).toEqual([`${FLAG}: 5/6 tán thành (83,33%), đạt`, FLAG, FLAG]);
      expect(chauThanh.slice(-3)).toEqual([`${MERIT}: 6/6 tán thành (100%), đạt`, MERIT, MERIT]);
      expect(body.find((r) => r[1] === nameOf('cho-moi'))!.slice(-3)).toEqual([null, null, null]);
    });

    it('as of a moment before the lock, shows the provisional ranking and no final scores', async () => {
      const rows = sheetRows(
        (await readWorkbook((await take('standings.xlsx', `&asOf=${played.beforeLock.at}`)).bytes)).worksheets[0]!,
      );
      expect(rows[5]).toContain('Tạm tính');
      expect(rows[5]).not.toContain('Chính thức');
      expect(String(rows[1]![0])).toContain('điểm chưa khóa');
    });
  });

  describe('standings.pdf', () => {
    it('is an A4 landscape PDF with its fonts embedded, the ranking, final scores and award holders in it', async () => {
      const res = await take('standings.pdf');
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="bang-diem-cum-2-2020.pdf"');
      const { text, flowing, fonts } = readPdf(res.bytes);
      const fontLines = fonts
        .split('\n')
        .slice(2)
        .filter((l) => l.trim());
      expect(fontLines.length).toBeGreaterThan(0);
      for (const line of fontLines) expect(line).toMatch(/DejaVuSansCondensed.*\byes\b/);
      expect(text).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2020');
      const positions = s.expectedRanking.map((id) => text.indexOf(nameOf(id)));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const [rank, unitId] of s.expectedRanking.entries()) {
        const line = text.split('\n').find((l) => l.includes(nameOf(unitId)))!;
        expect(line).toMatch(new RegExp(`^\\s*${rank + 1}\\s`));
        expect(line).toContain(comma(s.expectedFinalScores[unitId]!));
      }
      expect(flowing).toContain(`${FLAG}: 5/6 tán thành (83,33%), đạt ${FLAG} ${FLAG}`);
      expect(flowing).toContain(`${MERIT}: 6/6 tán thành (100%), đạt ${MERIT} ${MERIT}`);
    });

    it('wraps each heading between words, never inside one', async () => {
      const { flowing } = readPdf((await take('standings.pdf')).bytes);
      const headings = [
        ...s.criteria.groups.map((g) => g.title),
        'Điểm thưởng',
        'Điểm trừ',
        'Tổng tự chấm',
        'Tổng điểm chính thức',
        'Kết quả bỏ phiếu',
        'Được đề nghị khen thưởng',
        'Được khen thưởng',
      ];
      for (const heading of headings)
        expect({ heading, whole: flowing.includes(heading) }).toEqual({ heading, whole: true });
    });
  });

  describe('minutes.docx', () => {
    it('is laid out as an administrative document with the units present, the rules and each candidate’s tally', async () => {
      const res = await take('minutes.docx');
      expect(res.headers.get('content-type')).toBe(DOCX);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="bien-ban-binh-xet-cum-2-2020.docx"');
      const { paragraphs, tables } = await readDocx(res.bytes);
      expect(paragraphs).toEqual(
        expect.arrayContaining([
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'CỤM THI ĐUA SỐ 2',
          'BIÊN BẢN',
        ]),
      );
      expect(paragraphs.some((p) => /^Số: +\/BB-CTĐ$/.test(p))).toBe(true);
      expect(paragraphs.some((p) => /^Chợ Mới, ngày \d{2} tháng \d{2} năm \d{4}$/.test(p))).toBe(true);
      expect(paragraphs).toContain('Số đơn vị thành viên tham gia bỏ phiếu: 6/6, gồm:');
      for (const unit of s.units) expect(paragraphs.some((p) => p.endsWith(`. ${unit.name}`))).toBe(true);
      expect(paragraphs).toContain('- Ngưỡng thông qua: đạt từ 70% số phiếu hợp lệ tán thành trở lên.');
      const tally = tables.find((t) => t[0]?.[0] === 'Danh hiệu')!;
      expect(tally.slice(1)).toEqual([
        [FLAG, nameOf('an-phu'), '5', '1', '83,33%', 'Đạt'],
        [MERIT, nameOf('chau-thanh'), '6', '0', '100%', 'Đạt'],
      ]);
      const ranking = tables.find((t) => t[0]?.[0] === 'Hạng')!;
      expect(ranking.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(
        s.expectedRanking.map((id, i) => [String(i + 1), nameOf(id), comma(s.expectedFinalScores[id]!)]),
      );
      expect(paragraphs).toEqual(
        expect.arrayContaining([`- ${FLAG}: ${nameOf('an-phu')}.`, `- ${MERIT}: ${nameOf('chau-thanh')}.`]),
      );
      expect(paragraphs).toEqual(expect.arrayContaining(['THƯ KÝ', 'CHỦ TRÌ']));
      // Signed by people, not units: the chair (the leader who closed the vote) by name, the
      // secretary (whom no account names) on a line left blank.
      expect(tables.at(-1)).toEqual([['THƯ KÝ(Ký, ghi rõ họ tên)', `CHỦ TRÌ(Ký, ghi rõ họ tên)${LEADER.name}`]]);
      expect(paragraphs).toContain(`Chủ trì: ${LEADER.name}, đại diện ${nameOf(s.leaderUnitId)}, đơn vị Trưởng cụm.`);
    });

    it('is not ready before the vote closed (409)', async () => {
      const res = await download(exportUrl('minutes.docx', `?asOf=${played.beforeLock.at}`), auditor);
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ code: 'DOCUMENT_NOT_READY' });
    });
  });

  describe('submission-letter.docx', () => {
    it('follows Mẫu số 01: the nominations with their scores and votes, and the dossier', async () => {
      const res = await take('submission-letter.docx');
      expect(res.headers.get('content-type')).toBe(DOCX);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="to-trinh-khen-thuong-cum-2-2020.docx"',
      );
      const { paragraphs, tables } = await readDocx(res.bytes);
      expect(paragraphs).toEqual(
        expect.arrayContaining([
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'TỜ TRÌNH',
          'Về việc đề nghị khen thưởng năm 2020',
        ]),
      );
      expect(paragraphs.some((p) => /^Số: +\/TTr-CTĐ$/.test(p))).toBe(true);
      // Played today: dated after 1 January 2024, the letter cites the law of 2022 and its decree.
      expect(paragraphs.some((p) => p.startsWith('Căn cứ Nghị định số 98/2023/NĐ-CP'))).toBe(true);
      const list = tables.find((t) => t[0]?.[0] === 'STT')!;
      expect(list.slice(1)).toEqual([
        ['1', nameOf('an-phu'), FLAG, comma(s.expectedFinalScores['an-phu']!), '1', '5/6 (83,33%)'],
        ['2', nameOf('chau-thanh'), MERIT, comma(s.expectedFinalScores['chau-thanh']!), '2', '6/6 (100%)'],
      ]);
      // The dossier by title, numbered, without this letter and without the player's references (`BB-<cycle id>`).
      const dossier = paragraphs.indexOf('Hồ sơ kèm theo:');
      expect(paragraphs.slice(dossier + 1, dossier + 3)).toEqual([
        '1. Biên bản họp bình xét thi đua.',
        '2. Biên bản kiểm phiếu.',
      ]);
      expect(paragraphs[dossier + 3]).toMatch(/^Kính trình/);
      expect(paragraphs.join('\n')).not.toContain(played.cycleId);
      expect(paragraphs).toEqual(expect.arrayContaining(['Nơi nhận:', 'TM. CỤM THI ĐUA SỐ 2']));
      expect(tables.at(-1)![0]![1]).toBe(`TM. CỤM THI ĐUA SỐ 2TRƯỞNG CỤM${LEADER.name}`);
    });
  });

  describe('audit-trail.xlsx', () => {
    it('lists every decision in local time, shows that each unit voted and never how', async () => {
      const res = await take('audit-trail.xlsx');
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="nhat-ky-cum-2-2020.xlsx"');
      const rows = sheetRows((await readWorkbook(res.bytes)).worksheets[0]!);
      const trail = await server.api.ok('GET', `/cycles/${played.cycleId}/audit-trail`, {
        token: auditor,
        query: { minPosition: played.lastPosition },
      });
      const entries = (trail.body as { entries: { position: number; summary: string }[] }).entries;
      const body = rows.slice(3);
      expect(body.map((r) => [r[5], r[7]])).toEqual(entries.map((e) => [e.summary, e.position]));
      expect(body.every((r) => /^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/.test(String(r[1])))).toBe(true);
      for (const unit of s.units)
        expect(body.filter((r) => r[5] === `${unit.name} đã bỏ phiếu (vòng 1)`)).toHaveLength(1);
      const everything = JSON.stringify(rows);
      for (const { receipt } of played.receipts) expect(everything).not.toContain(String(receipt));
      expect(everything).not.toContain('BallotDeposited');
      // Who acted: the leader by the name of its account, the others (tokens without an account) by their ids.
      const leaderRows = body.filter((r) => r[2] === 'Trưởng cụm');
      expect(leaderRows.length).toBeGreaterThan(0);
      expect(new Set(leaderRows.map((r) => r[4]))).toEqual(new Set([`${LEADER.name}\n(${LEADER.username})`]));
      expect(new Set(body.filter((r) => r[2] === 'Ban Thi đua – Khen thưởng tỉnh').map((r) => r[4]))).toEqual(
        new Set(['ban-tdkt']),
      );
      // The decision's signer, whose name already says the title, is not given it twice.
      const decision = body.find((r) => String(r[5]).startsWith('Ban hành quyết định'))!;
      expect(decision[5]).toContain(`người ký ${s.decision.signer}:`);
    });

    it('prints A4 landscape one page wide, its heading row on every page', async () => {
      const ws = (await readWorkbook((await take('audit-trail.xlsx')).bytes)).worksheets[0]!;
      expect(ws.pageSetup).toMatchObject({ ...A4_LANDSCAPE_ONE_PAGE_WIDE, printTitlesRow: '3:3' });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    });
  });

  describe('who may take them', () => {
    it('lets the province and the cycle’s leader take them, refuses units, approvers and other leaders (403), unknown cycles (404)', async () => {
      const url = exportUrl('standings.xlsx');
      expect((await download(url, await server.tokens.province())).status).toBe(200);
      expect((await download(url, await server.tokens.leader(s.leaderUnitId))).status).toBe(200);
      expect((await download(url, await server.tokens.unit('an-phu'))).status).toBe(403);
      expect((await download(url, await server.tokens.approver())).status).toBe(403);
      const stranger = await download(url, await server.tokens.leader('chau-phu'));
      expect(stranger.status).toBe(403);
      expect(stranger.json).toMatchObject({ code: 'NOT_CLUSTER_LEADER' });
      expect((await download(url)).status).toBe(401);
      expect((await download(`${server.url}/api/v1/cycles/no-such-cycle/exports/minutes.docx`, auditor)).status).toBe(
        404,
      );
      const before = await download(exportUrl('standings.pdf', '?asOf=2000-01-01T00:00:00Z'), auditor);
      expect(before.status).toBe(404);
      const bad = await download(exportUrl('standings.pdf', '?asOf=yesterday'), auditor);
      expect(bad.status).toBe(400);
    });
  });
});
