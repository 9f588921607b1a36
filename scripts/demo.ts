/**
 * `npm run demo`: plays the reference year (An Giang, Cluster 2, 2020) through the HTTP API of a
 * running server at THIDUA_URL (default http://127.0.0.1:3000) as a past year recorded from paper
 * (each command with its original date and document), starting one in this process on
 * DATA_DIR (default ./data) when none answers, then prints the standings and the audit trail in
 * Vietnamese.
 *
 * Re-runnable: when the cycle already exists on that server (a second run on the same data), it
 * is not played again; the demo says so and prints what the server holds.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '#api';
import { JWT_SECRET_FILE, loadConfig } from '#api';
import { ROLE_WORDS, localTime as localTimeWords } from '#domain';
import { awardName, points } from '#projections';
import { ApiClient, listOf } from '#scenario';
import { playReferenceYear } from '#scenario';
import { loadScenario } from '#scenario';
import { Tokens } from '#scenario';
import { DEMO_PASSWORD, ensureDemoAccounts } from './demo-accounts.js';

/** The roles as every message names them (docs/glossary.md), and the ballot box. */
const ROLE_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ROLE_WORDS).map(([role, words]) => [role, words.vi])),
  'ballot-box': 'Hòm phiếu',
};

interface Row {
  rank: number;
  unitId: string;
  unitName: string;
  registered: boolean;
  aimedAward: string | null;
  selfScore: number | null;
  finalScore: number | null;
  vote: Record<string, { approve: number; reject: number; passed: boolean }> | null;
  nominated: string[];
  awarded: string[];
  late: string[];
}

interface Entry {
  position: number;
  at: string;
  actor: { userId: string; role: string; unitId?: string };
  action: string;
  summary: string;
  reason?: string;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

/** The secret the running server signs with: AUTH_JWT_SECRET, else the one it keeps in DATA_DIR. */
function externalSecret(): string {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  const file = join(resolve(process.env.DATA_DIR ?? './data'), JWT_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(
    `Không tìm thấy khóa ký mã truy cập: hãy đặt AUTH_JWT_SECRET hoặc DATA_DIR của máy chủ (không có ${file}).`,
  );
}

const cell = (value: string, width: number) =>
  value.length > width ? value.slice(0, width - 1) + '…' : value.padEnd(width);
const score = (value: number | null) => (value === null ? '—' : points(value));
const awards = (kinds: string[]) => (kinds.length === 0 ? '—' : kinds.map(awardName).join('; '));
/** `HH:mm ngày dd/mm/yyyy` in the cycle's zone, as every message shows a time (docs/glossary.md). */
const localTime = (iso: string) => localTimeWords(iso, loadScenario().timeZone).vi;

function voteText(vote: Row['vote']): string {
  if (!vote) return '—';
  return Object.values(vote)
    .map((v) => `${v.approve} tán thành, ${v.reject} không (${v.passed ? 'đạt' : 'không đạt'})`)
    .join('; ');
}

function printStandings(rows: Row[]): void {
  const columns: [string, number, (r: Row) => string][] = [
    ['Hạng', 5, (r) => String(r.rank)],
    ['Đơn vị', 18, (r) => r.unitName],
    ['Đăng ký', 8, (r) => (r.registered ? 'Có' : 'Không')],
    ['Danh hiệu đăng ký', 34, (r) => (r.aimedAward ? awardName(r.aimedAward) : '—')],
    ['Tự chấm', 8, (r) => score(r.selfScore)],
    ['Điểm cuối', 9, (r) => score(r.finalScore)],
    ['Kết quả bỏ phiếu', 28, (r) => voteText(r.vote)],
    ['Đề nghị', 34, (r) => awards(r.nominated)],
    ['Được khen thưởng', 34, (r) => awards(r.awarded)],
  ];
  console.log(columns.map(([h, w]) => cell(h, w)).join(' │ '));
  console.log(columns.map(([, w]) => '─'.repeat(w)).join('─┼─'));
  for (const row of rows) console.log(columns.map(([, w, f]) => cell(f(row), w)).join(' │ '));
}

function printTrail(entries: Entry[], unitNames: Map<string, string>): void {
  for (const e of entries) {
    const unit = e.actor.unitId ? ` ${unitNames.get(e.actor.unitId) ?? e.actor.unitId}` : '';
    const who = `${ROLE_NAMES[e.actor.role] ?? e.actor.role}${unit}`;
    console.log(
      `#${String(e.position).padStart(4)}  ${localTime(e.at)}  ${cell(who, 30)}  ${e.summary}${e.reason ? ` — Lý do: ${e.reason}` : ''}`,
    );
  }
}

async function main(): Promise<void> {
  const url = (process.env.THIDUA_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  let stop: (() => Promise<void>) | undefined;
  let secret: string;
  let config: ReturnType<typeof loadConfig>;
  if (await answers(url)) {
    console.log(`Dùng máy chủ đang chạy tại ${url}`);
    secret = externalSecret();
    // The running server's store settings say where its accounts are: DATA_DIR (default ./data),
    // or its PostgreSQL database with EVENT_STORE=postgres.
    config = loadConfig({ NOTIFICATIONS_WORKER: 'off', ...process.env });
  } else {
    // No notification worker unless asked for: the reference year's deadlines are long past.
    config = loadConfig({
      NOTIFICATIONS_WORKER: 'off',
      ...process.env,
      PORT: new URL(url).port || '3000',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const { app, close } = await createApp(config, { bootstrapLogs: false });
    await app.listen(config.port, new URL(url).hostname);
    stop = close;
    secret = config.auth.jwtSecret;
    console.log(
      `Không có máy chủ tại ${url}: đã khởi động một máy chủ trong tiến trình này (dữ liệu: ${config.dataDir})`,
    );
  }
  try {
    const api = new ApiClient(url);
    const tokens = new Tokens(secret);
    const s = loadScenario();
    const auditor = await tokens.auditor();
    const cycleId = `${s.cluster.id}-${s.year}`;
    let minPosition = 0;
    const existing = await api.get(`/cycles/${cycleId}`, { token: auditor });
    if (existing.status === 200) {
      console.log(
        `\nĐợt thi đua năm ${s.year} của ${s.cluster.name} đã có trên máy chủ này: không diễn lại, chỉ in kết quả.`,
      );
    } else {
      console.log(`\nDiễn lại năm thi đua ${s.year} của ${s.cluster.name}, tỉnh ${s.province.name}, qua API:`);
      // A past year: recorded after the fact from its paper record, with its original dates.
      const played = await playReferenceYear(api, tokens, s, {
        fromPaper: true,
        log: (line) => console.log(`  • ${line}`),
      });
      minPosition = played.lastPosition;
    }

    const standings = await api.ok('GET', `/cycles/${cycleId}/standings`, { token: auditor, query: { minPosition } });
    const rows = listOf<Row>(standings.body, 'rows');
    console.log(`\nBẢNG XẾP HẠNG — ${s.cluster.name}, năm ${s.year}\n`);
    printStandings(rows);

    const trail = await api.ok('GET', `/cycles/${cycleId}/audit-trail`, { token: auditor, query: { minPosition } });
    console.log(
      `\nNHẬT KÝ KIỂM TRA (mọi quyết định theo thứ tự; phiếu bầu chỉ cho biết đơn vị đã bỏ phiếu, không cho biết bỏ phiếu thế nào)\n`,
    );
    printTrail(listOf<Entry>(trail.body, 'entries'), new Map(rows.map((r) => [r.unitId, r.unitName])));

    const accounts = await ensureDemoAccounts(config, s);
    console.log(
      `\nTÀI KHOẢN TRÌNH DIỄN (đăng nhập tại ${url}/ hoặc POST ${url}/api/v1/auth/login), mật khẩu chung: ${DEMO_PASSWORD}\n`,
    );
    for (const a of accounts)
      console.log(`  ${cell(a.username, 22)} ${cell(ROLE_NAMES[a.role] ?? a.role, 20)} ${a.name}`);
  } finally {
    await stop?.();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Demo thất bại: ${(error as Error).message}`);
    process.exit(1);
  },
);
