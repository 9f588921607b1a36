import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('reads the parameters of a path', () => {
    expect(matchPath('/unit/:unitId', '/unit/an-phu')).toEqual({ unitId: 'an-phu' });
    expect(matchPath('/standings/:cycleId?', '/standings')).toEqual({});
    expect(matchPath('/standings/:cycleId?', '/standings/an-giang-cum-2-2020')).toEqual({
      cycleId: 'an-giang-cum-2-2020',
    });
  });

  it('refuses another route and longer paths', () => {
    expect(matchPath('/unit/:unitId', '/leader')).toBeUndefined();
    expect(matchPath('/leader', '/leader/x')).toBeUndefined();
    expect(matchPath('/unit/:unitId', '/unit')).toBeUndefined();
  });
});
