import { describe, expect, it } from 'vitest';
import { ApiProblem, formFieldErrors, toProblem } from './problem';

const problem = {
  title: 'Dữ liệu gửi lên không hợp lệ',
  status: 400,
  code: 'VALIDATION_FAILED',
  errors: [
    { field: 'scores.2.points', messages: ['vượt quá điểm tối đa 12'] },
    { field: 'reason', messages: ['không được để trống'] },
  ],
};

describe('problems on forms', () => {
  it('puts each field error on the form field the API names, numbers as list indexes', () => {
    expect(formFieldErrors(problem).fields).toEqual([
      { name: ['scores', 2, 'points'], errors: ['vượt quá điểm tối đa 12'] },
      { name: ['reason'], errors: ['không được để trống'] },
    ]);
  });

  it('keeps the errors a form cannot place for the summary', () => {
    const placed = formFieldErrors(problem, (path) => (path[0] === 'reason' ? ['reason'] : undefined));
    expect(placed.fields).toEqual([{ name: ['reason'], errors: ['không được để trống'] }]);
    expect(placed.unplaced).toEqual([{ field: 'scores.2.points', messages: ['vượt quá điểm tối đa 12'] }]);
  });

  it('shows a network failure as a problem too', () => {
    expect(toProblem(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, detail: 'Failed to fetch' });
    expect(toProblem(new ApiProblem(problem)).code).toBe('VALIDATION_FAILED');
  });
});
