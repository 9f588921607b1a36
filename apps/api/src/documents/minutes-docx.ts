/**
 * minutes.docx: Biên bản họp bình xét thi đua, after Nghị định 30/2020/NĐ-CP. The units present,
 * the vote rules fixed when the vote opened, and for each candidate the approvals, rejections,
 * percentage and result; for a paper vote the tally recorded and the reference of its minutes.
 */
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
import { approvalPercent, voteRulesText } from './vote-words.js';
import { longDate, placeName, points } from './vietnamese-format.js';
import { DateTime } from 'luxon';

export function minutesDocument(facts: CycleFacts): Promise<Buffer> {
  const { config, vote } = facts;
  const tz = config.timeZone;
  const meetingAt = vote.openedAt ?? facts.asOf;
  const endedAt = vote.closedAt ?? facts.asOf;
  const clock = (instant: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(tz).toFormat("HH 'giờ' mm");
  const deputy = config.deputyUnitId ? facts.nameOf(config.deputyUnitId) : undefined;
  /** The leader who closed the vote chaired the meeting. */
  const chair = vote.closedBy;
  const paper = vote.mode === 'paper';
  const present = paper ? (vote.present ?? 0) : vote.participants.length;

  const attendance = paper
    ? [
        para(
          `Số đơn vị thành viên có mặt: ${present}/${vote.members} (theo biên bản kiểm phiếu số ${vote.minutesRef ?? '...'}).`,
        ),
      ]
    : [
        para(`Số đơn vị thành viên tham gia bỏ phiếu: ${present}/${vote.members}, gồm:`),
        ...vote.participants.map((name, i) => para(`${i + 1}. ${name}`, { indent: true })),
      ];

  const tallyRows = vote.candidates.map((c) =>
    c.result
      ? [
          awardName(c.award),
          c.unitName,
          String(c.result.approve),
          String(c.result.reject),
          approvalPercent(c.result, vote),
          c.result.passed ? 'Đạt' : 'Không đạt',
        ]
      : [awardName(c.award), c.unitName, '', '', '', 'Chưa kiểm phiếu'],
  );
  const passed = vote.candidates.filter((c) => c.result?.passed);

  return administrativeDocument(
    [
      heading({
        issuer: config.clusterName,
        numberLine: 'Số:       /BB-CTĐ',
        placeAndDate: `${placeName(facts.leaderUnitName)}, ${longDate(endedAt, tz)}`,
      }),
      ...title('Biên bản', [`Họp bình xét thi đua năm ${config.year}`, `của ${config.clusterName}`]),
      para(
        `Hôm nay, vào lúc ${clock(meetingAt)}, ${longDate(meetingAt, tz)}, ${config.clusterName} tổ chức họp bình xét, ` +
          `bỏ phiếu kín đề nghị khen thưởng năm ${config.year}, ` +
          `do ${facts.leaderUnitName} (đơn vị Trưởng cụm) chủ trì.`,
      ),
      para([{ text: 'I. THÀNH PHẦN THAM DỰ', bold: true }], { indent: false }),
      para(`Chủ trì: ${chair ? `${chair}, ` : ''}đại diện ${facts.leaderUnitName}, đơn vị Trưởng cụm.`),
      ...(deputy ? [para(`Thư ký: đại diện ${deputy}, đơn vị Phó cụm.`)] : []),
      ...attendance,
      para([{ text: 'II. NỘI DUNG', bold: true }], { indent: false }),
      para([{ text: '1. Kết quả chấm điểm thi đua', bold: true }]),
      para(
        facts.locked
          ? 'Điểm đã được khóa; xếp hạng chính thức như sau:'
          : 'Điểm chưa được khóa; xếp hạng tạm tính như sau:',
      ),
      ...grid(
        ['Hạng', 'Đơn vị', 'Tự chấm', 'Thẩm định'],
        facts.lines.map((l) => [
          String(l.rank),
          l.unitName,
          points(l.selfTotal),
          points(l.finalTotal ?? l.provisionalTotal),
        ]),
        [18, 87, 30, 30],
      ),
      para([{ text: '2. Quy định bỏ phiếu (xác định khi mở bỏ phiếu)', bold: true }]),
      ...voteRulesText(vote).map((line) => para(`- ${line}`)),
      para([{ text: '3. Kết quả bỏ phiếu', bold: true }]),
      para(
        paper
          ? `Bỏ phiếu trên giấy; kết quả kiểm phiếu được ghi nhận theo biên bản kiểm phiếu số ${vote.minutesRef ?? '...'}:`
          : 'Bỏ phiếu điện tử; hệ thống ghi nhận đơn vị đã bỏ phiếu, không ghi nhận nội dung phiếu của từng đơn vị. Kết quả kiểm phiếu:',
      ),
      ...grid(
        ['Danh hiệu', 'Đơn vị', 'Tán thành', 'Không tán thành', 'Tỷ lệ', 'Kết quả'],
        tallyRows,
        [40, 40, 18, 22, 20, 25],
      ),
      para([{ text: 'III. KẾT LUẬN', bold: true }], { indent: false }),
      ...(passed.length > 0
        ? [
            para(`${config.clusterName} thống nhất đề nghị Ủy ban nhân dân tỉnh khen thưởng:`),
            ...passed.map((c) => para(`- ${awardName(c.award)}: ${c.unitName}.`)),
          ]
        : [para('Không có đơn vị nào đạt số phiếu đề nghị khen thưởng.')]),
      para(
        `Cuộc họp kết thúc vào lúc ${clock(endedAt)} cùng ngày. Biên bản đã được thông qua trước các đơn vị dự họp.`,
      ),
      // The secretary is the deputy unit's representative, whom no account names: a line to sign.
      signatures([
        { capacity: ['Thư ký'], note: SIGN_AND_WRITE_NAME },
        { capacity: ['Chủ trì'], note: SIGN_AND_WRITE_NAME, name: chair },
      ]),
    ],
    { title: `Biên bản họp bình xét thi đua năm ${config.year}`, subject: config.clusterName },
  );
}
