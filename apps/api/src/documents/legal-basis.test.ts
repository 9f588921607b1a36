import { describe, expect, it } from '@jest/globals';
import { legalBasisOn } from './submission-letter-docx.js';

describe('the legal basis a submission letter cites', () => {
  it('is the law of 2003 (amended 2005, 2013) and Nghị định 91/2017 for a letter dated before 2024', () => {
    const basis = legalBasisOn('2021-02-05T02:00:00Z').join(' ');
    expect(basis).toContain('ngày 26 tháng 11 năm 2003');
    expect(basis).toContain('Nghị định số 91/2017/NĐ-CP');
    expect(basis).not.toContain('2022');
  });

  it('is the law of 2022 and Nghị định 98/2023 from 1 January 2024, local time', () => {
    expect(legalBasisOn('2023-12-31T16:59:59Z').join(' ')).toContain('91/2017');
    const basis = legalBasisOn('2023-12-31T17:00:00Z').join(' ');
    expect(basis).toContain('ngày 15 tháng 6 năm 2022');
    expect(basis).toContain('Nghị định số 98/2023/NĐ-CP');
  });
});
