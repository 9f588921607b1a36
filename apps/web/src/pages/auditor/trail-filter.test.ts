import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/views';
import { filterTrail, stepOfEntry } from './trail-filter';

const names = { registration: 'Đăng ký thi đua', 'self-assessment': 'Tự chấm điểm', vote: 'Bình xét, bỏ phiếu' };
const entry = (
  position: number,
  action: string,
  summary: string,
  actor: AuditEntry['actor'],
  at: string,
): AuditEntry => ({
  position,
  action,
  summary,
  actor,
  at,
  commandId: `c${position}`,
  correlationId: `k${position}`,
});
const trail = [
  entry(
    2,
    'StepOpened',
    'Mở bước Đăng ký thi đua',
    { userId: 'leader-cho-moi', role: 'leader', unitId: 'cho-moi' },
    '2020-02-01T01:00:00.000Z',
  ),
  entry(
    3,
    'RegistrationSubmitted',
    'Huyện An Phú nộp bản đăng ký',
    { userId: 'officer-an-phu', role: 'unit', unitId: 'an-phu' },
    '2020-02-10T01:00:00.000Z',
  ),
  entry(
    40,
    'ScoreAdjusted',
    'Điều chỉnh điểm C3.1 của Huyện Tri Tôn',
    { userId: 'leader-cho-moi', role: 'leader', unitId: 'cho-moi' },
    '2020-12-20T01:00:00.000Z',
  ),
  entry(
    45,
    'BallotCast',
    'Huyện An Phú đã bỏ phiếu',
    { userId: 'voter', role: 'unit', unitId: 'an-phu' },
    '2021-01-10T01:00:00.000Z',
  ),
];

describe('audit trail filters', () => {
  it('finds the step of an entry by its action or by the step it names', () => {
    expect(stepOfEntry(trail[0]!, names)).toBe('registration');
    expect(stepOfEntry(trail[2]!, names)).toBe('self-assessment');
    expect(stepOfEntry(trail[3]!, names)).toBe('vote');
  });

  it('filters by step, unit, actor, action and date range together', () => {
    expect(filterTrail(trail, { step: 'registration' }, names).map((e) => e.position)).toEqual([2, 3]);
    expect(filterTrail(trail, { unitId: 'an-phu' }, names).map((e) => e.position)).toEqual([3, 45]);
    expect(filterTrail(trail, { unitId: 'tri-ton' }, names, () => 'Huyện Tri Tôn').map((e) => e.position)).toEqual([
      40,
    ]);
    expect(filterTrail(trail, { actor: 'LEADER' }, names).map((e) => e.position)).toEqual([2, 40]);
    expect(filterTrail(trail, { action: 'BallotCast' }, names).map((e) => e.position)).toEqual([45]);
    expect(
      filterTrail(trail, { from: '2020-02-05T00:00:00.000Z', to: '2020-12-31T00:00:00.000Z' }, names).map(
        (e) => e.position,
      ),
    ).toEqual([3, 40]);
  });
});
