/**
 * submission-letter.docx: Tờ trình đề nghị khen thưởng from the cluster to the province, after
 * Mẫu số 01 of the appendix of Nghị định 98/2023/NĐ-CP (the form in force), laid out per Nghị định
 * 30/2020/NĐ-CP: the nominations with their scores and votes, and the dossier attached.
 */
import type { DossierItem } from '#domain';
import { awardName } from '#projections';
import {
  administrativeDocument,
  grid,
  heading,
  para,
  signatures,
  SIGN_AND_WRITE_NAME,
  title,
} from './administrative-docx.js';
import type { CycleFacts } from './cycle-facts.js';
import { approvalPercent } from './vote-words.js';
import { longDate, placeName, points } from './vietnamese-format.js';

const DOSSIER_KINDS: Readonly<Record<string, string>> = {
  'submission-letter': 'Tờ trình đề nghị khen thưởng',
  minutes: 'Biên bản họp bình xét thi đua',
  tally: 'Biên bản kiểm phiếu',
  'achievement-report': 'Báo cáo thành tích',
  'score-table': 'Bảng tổng hợp kết quả chấm điểm',
};

export const dossierKindName = (kind: string): string => DOSSIER_KINDS[kind] ?? kind;

/**
 * "Hồ sơ kèm theo": the dossier's documents by title, numbered, without this letter itself; a kind
 * given more than once is one line with its count ("Báo cáo thành tích (3 bản)"). An item's `ref`
 * and file hash stay in the record (the audit trail, the events): a reference may be a handle
 * such as `BB-<cycle id>`, which an official cannot read, and the titles say what is attached.
 */
export function attachedDocuments(dossier: readonly DossierItem[]): string[] {
  const counts = new Map<string, number>();
  for (const item of dossier)
    if (item.kind !== 'submission-letter') counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts].map(
    ([kind, count], i) => `${i + 1}. ${dossierKindName(kind)}${count > 1 ? ` (${count} bản)` : ''}.`,
  );
}

export function submissionLetterDocument(facts: CycleFacts): Promise<Buffer> {
  const { config, nominations } = facts;
  const tz = config.timeZone;
  const dated = nominations.submittedAt ?? facts.asOf;
  const lineOf = (unitId: string) => facts.lines.find((l) => l.unitId === unitId);
  const rows = nominations.list.map((n, i) => {
    const line = lineOf(n.unitId);
    const result = line?.vote.find((v) => v.award === n.award)?.result;
    return [
      String(i + 1),
      n.unitName,
      n.awardName,
      points(line?.finalTotal ?? line?.provisionalTotal),
      String(line?.rank ?? ''),
      result ? `${result.approve}/${result.approve + result.reject} (${approvalPercent(result, facts.vote)})` : '',
    ];
  });
  const byAward = new Map<string, number>();
  for (const n of nominations.list) byAward.set(n.award, (byAward.get(n.award) ?? 0) + 1);
  const attached = attachedDocuments(nominations.dossier);
  const counts = [...byAward].map(([award, count]) => `${count} tập thể được tặng ${awardName(award)}`).join('; ');

  return administrativeDocument(
    [
      heading({
        issuer: config.clusterName,
        numberLine: 'Số:       /TTr-CTĐ',
        placeAndDate: `${placeName(facts.leaderUnitName)}, ${longDate(dated, tz)}`,
      }),
      ...title('Tờ trình', [
        `Về việc đề nghị khen thưởng năm ${config.year}`,
        `cho các tập thể thuộc ${config.clusterName}`,
      ]),
      para([{ text: 'Kính gửi: Ủy ban nhân dân tỉnh (qua Ban Thi đua – Khen thưởng, Sở Nội vụ).' }], { center: true }),
      ...legalBasisOn(dated).map((line) => para(line)),
      para(
        `Căn cứ kết quả chấm điểm, bình xét thi đua năm ${config.year} và biên bản họp bình xét thi đua của ${config.clusterName};`,
      ),
      para(
        `${config.clusterName} gồm ${config.units.length} đơn vị thành viên; ` +
          `${facts.leaderUnitName} là đơn vị Trưởng cụm. ` +
          `Trên cơ sở kết quả chấm điểm và bỏ phiếu kín, ${config.clusterName} kính đề nghị Ủy ban nhân dân tỉnh xét, tặng: ${counts || 'không có đề nghị'}, cụ thể:`,
      ),
      ...grid(
        ['STT', 'Tên tập thể', 'Hình thức khen thưởng', 'Điểm', 'Hạng', 'Phiếu tán thành'],
        rows,
        [12, 38, 45, 18, 14, 38],
      ),
      para([{ text: 'Hồ sơ kèm theo:', bold: true }], { indent: false }),
      ...(attached.length > 0 ? attached.map((line) => para(line)) : [para('(không có)')]),
      para(`Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.`),
      // Nghị định 30 prints the signer's name; when no account names the leader who submitted, the
      // leader writes it by hand.
      signatures(
        [
          {
            capacity: [`TM. ${config.clusterName}`, 'Trưởng cụm'],
            ...(nominations.submittedBy ? { name: nominations.submittedBy } : { note: SIGN_AND_WRITE_NAME }),
          },
        ],
        ['Như trên;', 'Ban Thi đua – Khen thưởng tỉnh;', 'Các đơn vị thành viên cụm;', 'Lưu: VT.'],
      ),
    ],
    { title: `Tờ trình đề nghị khen thưởng năm ${config.year}`, subject: config.clusterName },
  );
}

/** The 2022 law and its decree took effect on 1 January 2024: a letter cites what was in force on its date. */
const LAW_2022_IN_FORCE = Date.parse('2024-01-01T00:00:00+07:00');

export function legalBasisOn(dated: string): string[] {
  if (Date.parse(dated) >= LAW_2022_IN_FORCE) {
    return [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    ];
  }
  return [
    'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;',
    'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
  ];
}
