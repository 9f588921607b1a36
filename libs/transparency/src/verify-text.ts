/**
 * What `npm run -s verify` prints: the verifier's report as lines for the auditor, in Vietnamese
 * by default (units and awards by name, instants as `HH:mm ngày dd/mm/yyyy` in the cycle's zone,
 * the words of docs/glossary.md), or in English. The first line says whether every check passed
 * (`ĐẠT:` / `OK:`) or names the first that failed (`KHÔNG ĐẠT:` / `FAIL:`).
 */
import { awardWords } from '#domain';
import type { AuditBundle } from './bundle.js';
import { bundleNames, type VerifyReport } from './verify-bundle.js';

export type VerifyLang = 'vi' | 'en';

type Results = NonNullable<VerifyReport['recomputed']>['votes'][number]['results'];

export function verificationLines(
  bundle: AuditBundle,
  report: VerifyReport,
  options: { since: boolean; lang?: VerifyLang },
): string[] {
  const lang = options.lang ?? 'vi';
  if (!report.ok) return [lang === 'vi' ? `KHÔNG ĐẠT: ${report.failure!.vi}` : `FAIL: ${report.failure!.en}`];
  const cp = report.checkpoint!;
  const root = cp.root.toString('base64');
  const recomputed = report.recomputed;
  if (lang === 'en') {
    return [
      `OK: ${report.checkedEvents} events of cycle ${bundle.cycleId} are in log "${cp.origin}" at tree size ${cp.size} (root ${root})`,
      options.since
        ? 'OK: consistent with the older checkpoint: nothing before it was changed, removed or reordered'
        : 'note: no --since checkpoint given: consistency with an earlier checkpoint was not checked',
      report.keyFromBundle
        ? 'warning: no --key given: the bundle was checked against its own key; pin the key you trust with --key'
        : 'OK: signed by the given key',
      ...(recomputed?.ranking ? [`OK: locked ranking recomputed by the domain: ${recomputed.ranking.join(', ')}`] : []),
      ...(recomputed?.votes ?? []).map(
        (vote) => `OK: vote round ${vote.round} recounted from its ballots: ${summaryEn(vote.results)}`,
      ),
    ];
  }
  const names = bundleNames(bundle);
  const cycle = names.cycle ? `${names.cycle.clusterName} năm ${names.cycle.year}` : bundle.cycleId;
  const occurredAt: unknown = bundle.events.at(-1)?.event.metadata?.occurredAt;
  const last = typeof occurredAt === 'string' && !Number.isNaN(Date.parse(occurredAt)) ? occurredAt : undefined;
  return [
    `ĐẠT: cả ${report.checkedEvents} sự kiện của đợt thi đua ${cycle} đều có trong sổ nhật ký "${cp.origin}"` +
      ` (điểm kiểm tra ${cp.size} sự kiện, gốc ${root})` +
      (last ? `; sự kiện cuối lúc ${names.at(last).vi}` : ''),
    options.since
      ? 'ĐẠT: khớp với điểm kiểm tra cũ: không sự kiện nào trước đó bị sửa, xóa hay đổi thứ tự'
      : 'Lưu ý: không có --since (điểm kiểm tra cũ): chưa kiểm tra sự nhất quán với một điểm kiểm tra trước',
    report.keyFromBundle
      ? 'Cảnh báo: không có --key: gói được kiểm tra bằng chính khóa nó mang theo; hãy ghim khóa kiểm tra bạn tin bằng --key'
      : 'ĐẠT: được ký bằng khóa kiểm tra đã cho',
    ...(recomputed?.ranking
      ? [
          `ĐẠT: xếp hạng đã khóa đúng là kết quả tính lại theo quy tắc: ${recomputed.ranking
            .map((unitId, i) => `${i + 1}. ${names.unitName(unitId)}`)
            .join('; ')}`,
        ]
      : []),
    ...(recomputed?.votes ?? []).map(
      (vote) =>
        `ĐẠT: vòng bỏ phiếu ${vote.round} được kiểm lại từ các phiếu trong hòm phiếu: ${Object.entries(vote.results)
          .flatMap(([award, units]) =>
            Object.entries(units).map(
              ([unitId, r]) =>
                `${awardWords(award).vi} – ${names.unitName(unitId)}: ${r.approve} tán thành, ${r.reject} không tán thành, ${r.passed ? 'đạt' : 'không đạt'}`,
            ),
          )
          .join('; ')}`,
    ),
  ];
}

function summaryEn(results: Results): string {
  return Object.entries(results)
    .flatMap(([award, units]) =>
      Object.entries(units).map(([unit, r]) => `${award}/${unit} ${r.approve}-${r.reject}${r.passed ? ' passed' : ''}`),
    )
    .join('; ');
}
