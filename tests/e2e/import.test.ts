/**
 * Opening a cycle from a workbook: the template, a filled-in workbook read into the body of
 * POST /cycles (which the API then accepts), and bad workbooks answered with problems naming the
 * sheet, row and column. Nothing is ever written by the import.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { loadScenario, openCycleBody } from '#scenario';
import { download, readWorkbook } from '../support/documents.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STEP_LABELS: Record<string, string> = {
  registration: 'Hạn đăng ký thi đua',
  'mid-year-review': 'Hạn sơ kết 6 tháng',
  'self-assessment': 'Hạn tự chấm điểm',
  vote: 'Hạn bình xét, bỏ phiếu',
  nomination: 'Hạn đề nghị khen thưởng',
  decision: 'Hạn quyết định khen thưởng',
};

/** The template filled in with the reference year, as an office would. */
async function filledIn(template: Buffer, change: (wb: ExcelJS.Workbook) => void = () => undefined): Promise<Buffer> {
  const wb = await readWorkbook(template);
  const general = wb.getWorksheet('Thông tin chung')!;
  const set = (label: string, value: ExcelJS.CellValue) => {
    general.eachRow((row) => {
      if (row.getCell(1).value === label) row.getCell(2).value = value;
    });
  };
  set('Mã cụm', s.cluster.id);
  set('Tên cụm', s.cluster.name);
  set('Mã tỉnh', s.province.id);
  set('Năm', s.year);
  set('Múi giờ', s.timeZone);
  for (const [step, label] of Object.entries(STEP_LABELS)) {
    const [y, m, d] = (s.schedule as Record<string, string>)[step]!.split('-');
    // Half typed as text the Vietnamese way, half as real date cells.
    set(label, step.length % 2 === 0 ? `${d}/${m}/${y}` : new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
  }
  set('Tỷ lệ tham gia tối thiểu', '2/3');
  set('Ngưỡng thông qua', '70%');
  set('Bắt buộc đăng ký thi đua', s.eligibility.registrationRequired ? 'có' : 'không');
  set('Tổng điểm tối thiểu để được xét', s.eligibility.minimumTotal);
  const units = wb.getWorksheet('Đơn vị')!;
  for (const u of s.units)
    units.addRow([u.id, u.name, u.id === s.leaderUnitId ? 'Trưởng cụm' : u.id === s.deputyUnitId ? 'Phó cụm' : null]);
  const criteria = wb.getWorksheet('Tiêu chí')!;
  for (const g of s.criteria.groups) {
    for (const c of g.criteria)
      criteria.addRow([
        'Tiêu chí',
        g.id,
        g.title,
        c.id,
        c.title,
        c.maxPoints,
        c.kind === 'quantitative' ? 'định lượng' : 'định tính',
        c.unit ?? null,
        c.formula ? (c.formula.direction === 'higher-is-better' ? 'cao hơn tốt hơn' : 'thấp hơn tốt hơn') : null,
        c.formula?.fullAt ?? null,
      ]);
  }
  for (const b of s.criteria.bonus) criteria.addRow(['Điểm thưởng', null, null, b.id, b.title, b.maxPoints]);
  for (const p of s.criteria.penalty)
    criteria.addRow(['Điểm trừ', null, null, p.id, p.title, p.maxPoints, p.disqualifying ? 'không xét' : null]);
  const awards = wb.getWorksheet('Khen thưởng')!;
  // The template comes with the default quotas in rows 2 and 3: the office types over them.
  s.awards.forEach((a, i) => (awards.getRow(2 + i).values = [a.kind, null, a.quota]));
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('opening a cycle from a workbook', () => {
  let server: TestServer;
  let province: string;
  let template: Buffer;
  const importing = async (bytes: Buffer, token = province, name = 'chu-ky.xlsx') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: XLSX }), name);
    return download(`${server.url}/api/v1/cycles/import`, token, { method: 'POST', body: form });
  };
  const cycles = async () => (await server.api.ok('GET', '/cycles', { token: province })).body.items as unknown[];

  beforeAll(async () => {
    server = await startTestServer();
    province = await server.tokens.province();
    const res = await download(`${server.url}/api/v1/cycles/import/template.xlsx`, province);
    expect(res.status).toBe(200);
    template = res.bytes;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('ships a template with the four sheets and their headings, to the province only', async () => {
    const res = await download(`${server.url}/api/v1/cycles/import/template.xlsx`, province);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="mau-nhap-chu-ky-thi-dua.xlsx"');
    const wb = await readWorkbook(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thông tin chung', 'Đơn vị', 'Tiêu chí', 'Khen thưởng']);
    expect(wb.getWorksheet('Đơn vị')!.getRow(1).getCell(1).value).toBe('Mã đơn vị');
    expect(
      (await download(`${server.url}/api/v1/cycles/import/template.xlsx`, await server.tokens.leader(s.leaderUnitId)))
        .status,
    ).toBe(403);
  });

  it('reads a filled-in workbook into the body of POST /cycles, writing nothing; that body opens the cycle', async () => {
    const res = await importing(await filledIn(template));
    expect(res.status).toBe(200);
    const expected = openCycleBody(s) as Record<string, unknown>;
    expect(res.json).toEqual({ ...expected, voteRules: { quorum: '2/3', passThreshold: '70%', of: 'ballots-cast' } });
    expect(await cycles()).toEqual([]);
    const opened = await server.api.send('POST', '/cycles', { token: province, body: res.json });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ cycleId: `${s.cluster.id}-${s.year}` });
  });

  it('names the sheet, row and column of each problem, and writes nothing', async () => {
    const before = await cycles();
    const bad = await filledIn(template, (wb) => {
      const units = wb.getWorksheet('Đơn vị')!;
      units.getRow(3).getCell(1).value = 'an-phu'; // row 3 repeats row 2's id
      units.getRow(4).getCell(3).value = 'Chủ tịch'; // no such role
      const criteria = wb.getWorksheet('Tiêu chí')!;
      criteria.getRow(2).getCell(6).value = 'mười tám';
      wb.getWorksheet('Thông tin chung')!.getRow(7).getCell(2).value = '31/02/2020';
    });
    const res = await importing(bad);
    expect({ status: res.status, code: res.json?.code }).toEqual({ status: 422, code: 'IMPORT_PROBLEMS' });
    const fields = (res.json.errors as { field: string; messages: string[] }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['Đơn vị!A3', 'Đơn vị!C4', 'Tiêu chí!F2', 'Thông tin chung!B7']));
    const message = (res.json.errors as { field: string; messages: string[] }[]).find((e) => e.field === 'Tiêu chí!F2')!
      .messages[0];
    expect(message).toBe('Trang tính «Tiêu chí», dòng 2, cột F: Điểm tối đa: phải là số dương');
    const noSheet = await filledIn(template, (wb) => wb.removeWorksheet(wb.getWorksheet('Tiêu chí')!.id));
    const missing = await importing(noSheet);
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual([
      { field: 'Tiêu chí!', messages: ['Trang tính «Tiêu chí»: thiếu trang tính «Tiêu chí»'] },
    ]);
    expect(await cycles()).toEqual(before);
  });

  it('refuses what is not a workbook (415), a missing file (400), more than 5 MB (413), and other roles (403)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    expect((await importing(pdf, province, 'chu-ky.xlsx')).json).toMatchObject({
      status: 415,
      code: 'FILE_TYPE_NOT_ALLOWED',
    });
    expect((await importing(Buffer.from('Mã cụm,Tên cụm\n'), province, 'chu-ky.xlsx')).status).toBe(415);
    expect((await importing(Buffer.alloc(0))).json).toMatchObject({ status: 400, code: 'FILE_MISSING' });
    const huge = Buffer.concat([await filledIn(template), Buffer.alloc(5 * 1024 * 1024)]);
    expect((await importing(huge)).json).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect((await importing(await filledIn(template), await server.tokens.unit('an-phu'))).status).toBe(403);
  });
});
