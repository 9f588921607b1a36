/**
 * Reads the workbook of a cycle (cycle-workbook-layout.ts) into the body of `POST /cycles`, or
 * into the list of its problems, each naming the sheet, the row and the column. Pure: bytes in,
 * an answer out; nothing is written.
 */
import ExcelJS from 'exceljs';
import {
  AWARD_COLUMNS,
  BONUS,
  CRITERIA_COLUMNS,
  CRITERION,
  DEPUTY,
  GENERAL_ITEMS,
  LEADER,
  PENALTY,
  QUALITATIVE,
  QUANTITATIVE,
  SCHEDULE_KEYS,
  SHEETS,
  UNIT_COLUMNS,
  FORMULA_DIRECTION_WORDS,
} from './cycle-workbook-layout.js';

export type ImportProblem = { sheet: string; row: number; column: string; message: string };
export type CycleWorkbook = { ok: true; body: Record<string, unknown> } | { ok: false; problems: ImportProblem[] };

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const column = (index: number) => String.fromCharCode(65 + index);

/** A cell as text (trimmed, NFC), a number, a date, or null when empty. */
function valueOf(cell: ExcelJS.Cell): string | number | Date | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'string') return v.trim().normalize('NFC') || null;
  if (typeof v === 'object' && 'richText' in v)
    return (
      v.richText
        .map((r) => r.text)
        .join('')
        .trim()
        .normalize('NFC') || null
    );
  if (typeof v === 'object' && 'result' in v) return (v.result as string | number | undefined) ?? null;
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim() || null;
  return String(v);
}

export async function readCycleWorkbook(bytes: Buffer): Promise<CycleWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      problems: [{ sheet: '', row: 0, column: '', message: 'tệp không đọc được như một bảng tính Excel (.xlsx)' }],
    };
  }
  const problems: ImportProblem[] = [];
  const sheetOf = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) problems.push({ sheet: name, row: 0, column: '', message: `thiếu trang tính «${name}»` });
    return ws;
  };
  /** The non-empty rows below the heading row, with their row numbers. */
  const rowsOf = (ws: ExcelJS.Worksheet, width: number) => {
    const rows: { n: number; cells: (string | number | Date | null)[] }[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = Array.from({ length: width }, (_, i) => valueOf(row.getCell(i + 1)));
      if (cells.some((c) => c !== null)) rows.push({ n, cells });
    });
    return rows;
  };
  const problem = (sheet: string, row: number, col: number, message: string) =>
    problems.push({ sheet, row, column: column(col), message });
  const text = (
    sheet: string,
    row: number,
    col: number,
    value: unknown,
    what: string,
    pattern?: RegExp,
  ): string | undefined => {
    if (value === null || value === undefined) return void problem(sheet, row, col, `${what}: bắt buộc`);
    const s = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (pattern && !pattern.test(s))
      return void problem(sheet, row, col, `${what}: "${s}" không hợp lệ (chữ, số, "-", "_")`);
    return s;
  };
  const positive = (
    sheet: string,
    row: number,
    col: number,
    value: unknown,
    what: string,
    integer = false,
  ): number | undefined => {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(',', '.')) : NaN;
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      return void problem(sheet, row, col, `${what}: phải là ${integer ? 'số nguyên' : 'số'} dương`);
    return n;
  };

  // Thông tin chung
  const general: Record<string, string | number | boolean> = {};
  const generalSheet = sheetOf(SHEETS.general);
  if (generalSheet) {
    const byLabel = new Map<string, { n: number; value: string | number | Date | null }>();
    for (const { n, cells } of rowsOf(generalSheet, 2))
      if (typeof cells[0] === 'string') byLabel.set(cells[0].toLowerCase(), { n, value: cells[1] ?? null });
    for (const item of GENERAL_ITEMS) {
      const found = byLabel.get(item.label.toLowerCase());
      if (!found || found.value === null) {
        if (item.required)
          problems.push({
            sheet: SHEETS.general,
            row: found?.n ?? 0,
            column: 'B',
            message: `${item.label}: bắt buộc (${item.hint})`,
          });
        continue;
      }
      const { n, value } = found;
      if ((SCHEDULE_KEYS as readonly string[]).includes(item.key)) {
        const date = asDate(value);
        if (date) general[item.key] = date;
        else problem(SHEETS.general, n, 1, `${item.label}: "${String(value)}" không phải là ngày (dd/mm/yyyy)`);
      } else if (item.key === 'year') {
        const year = positive(SHEETS.general, n, 1, value, item.label, true);
        if (year !== undefined && (year < 1900 || year > 2200))
          problem(SHEETS.general, n, 1, `${item.label}: phải từ 1900 đến 2200`);
        else if (year !== undefined) general.year = year;
      } else if (item.key === 'registrationRequired') {
        const answer = String(value).trim().toLowerCase();
        if (answer === 'có' || answer === 'không') general.registrationRequired = answer === 'có';
        else problem(SHEETS.general, n, 1, `${item.label}: phải là "có" hoặc "không"`);
      } else if (item.key === 'minimumTotal') {
        const total = positive(SHEETS.general, n, 1, value, item.label);
        if (total !== undefined) general.minimumTotal = total;
      } else if (item.key === 'of') {
        const of = String(value).toLowerCase();
        if (of === 'số phiếu') general.of = 'ballots-cast';
        else if (of === 'tổng số đơn vị') general.of = 'members';
        else problem(SHEETS.general, n, 1, `${item.label}: phải là "số phiếu" hoặc "tổng số đơn vị"`);
      } else {
        const s = text(
          SHEETS.general,
          n,
          1,
          value,
          item.label,
          item.key === 'clusterId' || item.key === 'provinceId' ? ID : undefined,
        );
        if (s !== undefined) general[item.key] = s;
      }
    }
  }

  // Đơn vị
  const units: { id: string; name: string }[] = [];
  let leaderUnitId: string | undefined;
  let deputyUnitId: string | undefined;
  const unitSheet = sheetOf(SHEETS.units);
  if (unitSheet) {
    const seen = new Map<string, number>();
    for (const { n, cells } of rowsOf(unitSheet, UNIT_COLUMNS.length)) {
      const id = text(SHEETS.units, n, 0, cells[0], UNIT_COLUMNS[0], ID);
      const name = text(SHEETS.units, n, 1, cells[1], UNIT_COLUMNS[1]);
      if (id && seen.has(id)) problem(SHEETS.units, n, 0, `${UNIT_COLUMNS[0]}: "${id}" trùng với dòng ${seen.get(id)}`);
      if (id) seen.set(id, n);
      if (id && name) units.push({ id, name });
      const role = cells[2] === null ? '' : String(cells[2]).toLowerCase();
      if (role === LEADER.toLowerCase()) {
        if (leaderUnitId) problem(SHEETS.units, n, 2, 'chỉ một đơn vị là Trưởng cụm');
        leaderUnitId = id;
      } else if (role === DEPUTY.toLowerCase()) {
        if (deputyUnitId) problem(SHEETS.units, n, 2, 'chỉ một đơn vị là Phó cụm');
        deputyUnitId = id;
      } else if (role !== '') problem(SHEETS.units, n, 2, `vai trò phải là "${LEADER}", "${DEPUTY}" hoặc để trống`);
    }
    if (units.length === 0) problems.push({ sheet: SHEETS.units, row: 2, column: 'A', message: 'chưa có đơn vị nào' });
    else if (!leaderUnitId)
      problems.push({ sheet: SHEETS.units, row: 0, column: 'C', message: `chưa có đơn vị nào là ${LEADER}` });
  }

  // A criterion scored from figures: its direction and the rate that earns full points (both, or neither).
  const formulaOf = (n: number, direction: unknown, fullAt: unknown) => {
    if (direction === null && fullAt === null) return {};
    const words = FORMULA_DIRECTION_WORDS as Record<string, 'higher-is-better' | 'lower-is-better'>;
    const dir = typeof direction === 'string' ? words[direction.trim().toLowerCase()] : undefined;
    if (!dir) problem(SHEETS.criteria, n, 8, `phải là "${Object.keys(words).join('" hoặc "')}"`);
    if (typeof fullAt !== 'number' || !(fullAt > 0)) problem(SHEETS.criteria, n, 9, 'phải là một số lớn hơn 0');
    return dir && typeof fullAt === 'number' && fullAt > 0 ? { formula: { direction: dir, fullAt } } : {};
  };

  // Tiêu chí
  type Item = { id: string; title: string; maxPoints: number; kind?: string; unit?: string };
  const groups: { id: string; title: string; criteria: Item[] }[] = [];
  const bonus: Item[] = [];
  const penalty: Item[] = [];
  const criteriaSheet = sheetOf(SHEETS.criteria);
  if (criteriaSheet) {
    const seen = new Map<string, number>();
    for (const { n, cells } of rowsOf(criteriaSheet, CRITERIA_COLUMNS.length)) {
      const kind = cells[0] === null ? '' : String(cells[0]);
      const id = text(SHEETS.criteria, n, 3, cells[3], CRITERIA_COLUMNS[3], ITEM_ID);
      const title = text(SHEETS.criteria, n, 4, cells[4], CRITERIA_COLUMNS[4]);
      const maxPoints = positive(SHEETS.criteria, n, 5, cells[5], CRITERIA_COLUMNS[5]);
      if (id && seen.has(id)) problem(SHEETS.criteria, n, 3, `mã "${id}" trùng với dòng ${seen.get(id)}`);
      if (id) seen.set(id, n);
      const item = id && title && maxPoints !== undefined ? { id, title, maxPoints } : undefined;
      if (kind.toLowerCase() === CRITERION.toLowerCase()) {
        const groupId = text(SHEETS.criteria, n, 1, cells[1], CRITERIA_COLUMNS[1], ITEM_ID);
        const how = cells[6] === null ? '' : String(cells[6]).toLowerCase();
        if (how !== QUANTITATIVE && how !== QUALITATIVE)
          problem(SHEETS.criteria, n, 6, `phải là "${QUANTITATIVE}" hoặc "${QUALITATIVE}"`);
        if (!groupId || !item) continue;
        let group = groups.find((g) => g.id === groupId);
        if (!group) {
          const groupTitle = text(SHEETS.criteria, n, 2, cells[2], CRITERIA_COLUMNS[2]);
          if (!groupTitle) continue;
          group = { id: groupId, title: groupTitle, criteria: [] };
          groups.push(group);
        }
        group.criteria.push({
          ...item,
          kind: how === QUANTITATIVE ? 'quantitative' : 'qualitative',
          ...(cells[7] !== null ? { unit: String(cells[7]) } : {}),
          ...formulaOf(n, cells[8], cells[9]),
        });
      } else if (kind.toLowerCase() === BONUS.toLowerCase()) {
        if (item) bonus.push(item);
      } else if (kind.toLowerCase() === PENALTY.toLowerCase()) {
        // "không xét" in the scoring column: any points on it make the unit ineligible.
        const disqualifying = cells[6] !== null && String(cells[6]).trim().toLowerCase() === 'không xét';
        if (item) penalty.push({ ...item, ...(disqualifying ? { disqualifying: true } : {}) });
      } else problem(SHEETS.criteria, n, 0, `loại phải là "${CRITERION}", "${BONUS}" hoặc "${PENALTY}"`);
    }
    if (groups.length === 0)
      problems.push({ sheet: SHEETS.criteria, row: 2, column: 'A', message: 'chưa có tiêu chí nào' });
  }

  // Khen thưởng
  const awards: { kind: string; quota: number }[] = [];
  const awardSheet = sheetOf(SHEETS.awards);
  if (awardSheet) {
    for (const { n, cells } of rowsOf(awardSheet, AWARD_COLUMNS.length)) {
      const kind = text(SHEETS.awards, n, 0, cells[0], AWARD_COLUMNS[0], ID);
      const quota = positive(SHEETS.awards, n, 2, cells[2], AWARD_COLUMNS[2], true);
      if (kind && quota !== undefined) awards.push({ kind, quota });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const { clusterId, clusterName, provinceId, year, timeZone, quorum, passThreshold, of } = general;
  const { registrationRequired, minimumTotal } = general;
  return {
    ok: true,
    body: {
      clusterId,
      clusterName,
      provinceId,
      year,
      units,
      leaderUnitId,
      ...(deputyUnitId ? { deputyUnitId } : {}),
      criteria: { groups, bonus, penalty },
      ...(awards.length > 0 ? { awards } : {}),
      ...(quorum !== undefined || passThreshold !== undefined || of !== undefined
        ? { voteRules: { quorum: quorum ?? '2/3', passThreshold: passThreshold ?? '7/10', of: of ?? 'ballots-cast' } }
        : {}),
      schedule: Object.fromEntries(SCHEDULE_KEYS.map((k) => [k, general[k]])),
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...(registrationRequired !== undefined || minimumTotal !== undefined
        ? {
            eligibility: {
              ...(registrationRequired !== undefined ? { registrationRequired } : {}),
              ...(minimumTotal !== undefined ? { minimumTotal } : {}),
            },
          }
        : {}),
    },
  };
}

/** A date cell, "dd/mm/yyyy" or "yyyy-mm-dd" as "yyyy-mm-dd" (a calendar date: the end of that day locally). */
function asDate(value: string | number | Date | null): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = vn
    ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : undefined;
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}
