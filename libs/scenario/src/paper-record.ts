/**
 * The reference year as it happened on paper: for each of the player's commands, the original
 * date (local time, UTC+7) and the paper document it is recorded from. Used when the year is
 * recorded after the fact (`npm run demo`), so that it shows its real dates and no false lateness.
 * The dates are assumed, each before the schedule's due date of its step.
 */
const PLAN: { when: RegExp; at: string; source: string }[] = [
  {
    when: /^open the cycle$/,
    at: '2020-01-10T08:00:00+07:00',
    source: 'Kế hoạch tổ chức phong trào thi đua năm 2020 của Cụm thi đua số 2',
  },
  {
    when: /registration|^register /,
    at: '2020-02-20T09:00:00+07:00',
    source: 'Bản đăng ký và giao ước thi đua năm 2020',
  },
  {
    when: /^(open|close) mid-year-review$|^mid-year report/,
    at: '2020-07-10T09:00:00+07:00',
    source: 'Báo cáo sơ kết 6 tháng đầu năm 2020',
  },
  {
    when: /self-assessment/,
    at: '2020-12-10T09:00:00+07:00',
    source: 'Bảng tự chấm điểm thi đua năm 2020 của các đơn vị',
  },
  { when: /^adjust /, at: '2020-12-28T09:00:00+07:00', source: 'Biên bản thẩm định điểm thi đua năm 2020' },
  {
    when: /^lock the scores$/,
    at: '2021-01-15T08:00:00+07:00',
    source: 'Biên bản họp bình xét thi đua năm 2020 của Cụm thi đua số 2',
  },
  {
    when: /^open the vote$/,
    at: '2021-01-15T08:30:00+07:00',
    source: 'Biên bản họp bình xét thi đua năm 2020 của Cụm thi đua số 2',
  },
  { when: /^ballot of /, at: '2021-01-15T09:00:00+07:00', source: 'Biên bản kiểm phiếu bình xét thi đua năm 2020' },
  { when: /^close vote$/, at: '2021-01-15T10:30:00+07:00', source: 'Biên bản kiểm phiếu bình xét thi đua năm 2020' },
  {
    when: /^nominate$/,
    at: '2021-02-05T09:00:00+07:00',
    source: 'Tờ trình đề nghị khen thưởng năm 2020 của Cụm thi đua số 2',
  },
  {
    when: /^accept the nominations$/,
    at: '2021-03-10T09:00:00+07:00',
    source: 'Phiếu tiếp nhận hồ sơ của Ban Thi đua – Khen thưởng tỉnh',
  },
  {
    when: /^record the council review$/,
    at: '2021-04-12T09:00:00+07:00',
    source: 'Biên bản họp Hội đồng Thi đua – Khen thưởng tỉnh',
  },
];

/** A moment of the paper year after the review and before the lock (for "as of" reads). */
export const PAPER_BEFORE_LOCK = '2021-01-10T00:00:00.000Z';

/**
 * The headers that record a command after the fact: `Original-Date` and `Recorded-From` (URI
 * encoded: header values are Latin-1). The decision is dated by its own `issuedOn`.
 */
export function paperRecordHeaders(
  what: string,
  decision: { decisionNo: string; issuedOn: string },
): Record<string, string> {
  const entry =
    what === 'decide'
      ? { at: `${decision.issuedOn}T09:00:00+07:00`, source: `Quyết định số ${decision.decisionNo}` }
      : PLAN.find((p) => p.when.test(what));
  if (!entry) throw new Error(`no date on paper for "${what}"`);
  return { 'original-date': entry.at, 'recorded-from': encodeURIComponent(entry.source) };
}
