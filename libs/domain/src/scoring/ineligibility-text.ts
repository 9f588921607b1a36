/** Why a unit is not eligible, in words for people (Vietnamese) and for logs (English). */
import type { CriteriaTable } from '../cycle/config.js';
import type { Ineligibility } from '../events.js';

function titleOf(criteria: CriteriaTable, itemId: string): string {
  const items = [...criteria.groups.flatMap((group) => group.criteria), ...criteria.bonus, ...criteria.penalty];
  const item = items.find((candidate) => candidate.id === itemId);
  return item ? `${itemId} (${item.title})` : itemId;
}

export function describeIneligibility(reason: Ineligibility, criteria: CriteriaTable): { vi: string; en: string } {
  switch (reason.rule) {
    case 'disqualifying-criterion':
      return {
        vi: `điểm liệt: tiêu chí ${titleOf(criteria, reason.itemId)} đạt ${reason.points} điểm, dưới ${reason.below} điểm`,
        en: `disqualifying criterion ${reason.itemId}: ${reason.points} points, below ${reason.below}`,
      };
    case 'disqualifying-penalty':
      return {
        vi: `không xét: bị trừ điểm ở mục ${titleOf(criteria, reason.itemId)}`,
        en: `disqualifying penalty ${reason.itemId}: ${reason.points} points`,
      };
    case 'below-minimum-total':
      return {
        vi: `tổng điểm ${reason.final} dưới mức tối thiểu ${reason.minimum} điểm`,
        en: `final score ${reason.final} below the minimum ${reason.minimum}`,
      };
    case 'registration-missing':
      return {
        vi: 'không đăng ký thi đua (năm này đăng ký là điều kiện khen thưởng)',
        en: 'not registered (required this year)',
      };
    case 'unit-dissolved':
      return reason.how === 'merged'
        ? { vi: 'đơn vị đã sáp nhập trong năm', en: 'merged during the year' }
        : { vi: 'đơn vị đã giải thể trong năm', en: 'dissolved during the year' };
    case 'self-assessment-missing':
      return { vi: `không nộp bản tự chấm điểm: ${reason.reason}`, en: `no self-assessment: ${reason.reason}` };
  }
}
