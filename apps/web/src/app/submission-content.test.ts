import { describe, expect, it } from 'vitest';
import type { CycleConfig, SubmittedVersion } from '../api/views';
import { translate } from '../i18n/lang';
import { contentLines, criterionTitle, prefill } from './submission-content';

const config = {
  timeZone: 'Asia/Ho_Chi_Minh',
  criteria: {
    groups: [
      {
        id: 'G1',
        title: 'Phát triển kinh tế',
        criteria: [
          {
            id: 'C1.1',
            title: 'Thu ngân sách',
            maxPoints: 10,
            unit: 'tỷ đồng',
            formula: { direction: 'up', fullAt: 1 },
          },
          { id: 'C4.2', title: 'Cải cách hành chính', maxPoints: 10 },
        ],
      },
    ],
    bonus: [{ id: 'B1', title: 'Sáng kiến được công nhận', maxPoints: 2 }],
    penalty: [],
  },
} as unknown as CycleConfig;
const vi = { t: (s: string, v?: Record<string, string | number>) => translate('vi', s, v), lang: 'vi' as const };
const facts = { version: 2, submittedAt: '2020-02-20T03:00:00Z', dueAt: '2020-02-28T16:59:59Z', late: false };

describe('what a unit sent, as an official reads it', () => {
  it('names criteria by title, writes figures with a decimal comma and keeps the note', () => {
    const version: SubmittedVersion = {
      ...facts,
      targets: [{ criterionId: 'C1.1', target: 1234.5, note: 'Kế hoạch thu' }],
    };
    expect(contentLines('registration', version, config, vi)).toEqual([
      { criterionId: 'C1.1', label: 'Thu ngân sách', value: '1.234,5 tỷ đồng', text: 'Kế hoạch thu' },
    ]);
  });

  it('shows points of the maximum, the figures behind them, evidence, attachments and bonus items', () => {
    const version: SubmittedVersion = {
      ...facts,
      scores: [
        { criterionId: 'C1.1', points: 7.5, actual: 9.25, target: 12, unit: 'tỷ đồng', attachments: ['a', 'b'] },
        { criterionId: 'C4.2', points: 8.5, evidence: 'Quyết định 12/QĐ' },
        { criterionId: 'B1', points: 1 },
      ],
    };
    const lines = contentLines('self-assessment', version, config, vi);
    expect(lines[0]).toEqual({
      criterionId: 'C1.1',
      label: 'Thu ngân sách',
      value: '7,5 / 10 điểm',
      figures: 'Thực hiện 9,25 tỷ đồng / chỉ tiêu 12 tỷ đồng',
      attachments: 2,
    });
    expect(lines[1]).toMatchObject({ label: 'Cải cách hành chính', value: '8,5 / 10 điểm', text: 'Quyết định 12/QĐ' });
    expect(lines[2]).toMatchObject({ label: 'Điểm thưởng: Sáng kiến được công nhận', value: '1 / 2 điểm' });
    const en = { t: (s: string, v?: Record<string, string | number>) => translate('en', s, v), lang: 'en' as const };
    expect(contentLines('self-assessment', version, config, en)[0]!.value).toBe('7.5 / 10 points');
    expect(criterionTitle(config, 'X9', vi.t)).toBe('X9');
  });

  it('turns the latest version back into the form values it was sent from', () => {
    const version: SubmittedVersion = {
      ...facts,
      scores: [
        { criterionId: 'C1.1', points: 7.5, actual: 9.25, target: 12 },
        { criterionId: 'C4.2', points: 8.5, evidence: 'Quyết định 12/QĐ' },
      ],
    };
    expect(prefill('self-assessment', version)).toEqual({
      points: { 'C4.2': 8.5 },
      actual: { 'C1.1': 9.25 },
      target: { 'C1.1': 12 },
      evidence: { 'C4.2': 'Quyết định 12/QĐ' },
    });
    expect(
      prefill('mid-year-report', { ...facts, progress: [{ criterionId: 'C1.1', actual: 5 }], summary: 'Tốt' }),
    ).toEqual({ actual: { 'C1.1': 5 }, note: {}, summary: 'Tốt' });
  });
});
