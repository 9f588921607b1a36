import { describe, expect, it } from 'vitest';
import { defaultCandidates } from './candidates';

describe('default candidates', () => {
  const ranking = [
    { unitId: 'cho-moi', rank: 3 },
    { unitId: 'an-phu', rank: 1 },
    { unitId: 'chau-thanh', rank: 2 },
  ];

  it('takes the top of the ranking for each award in order, a unit once', () => {
    expect(
      defaultCandidates(
        [
          { kind: 'emulation-flag', quota: 1 },
          { kind: 'certificate-of-merit', quota: 1 },
        ],
        ranking,
      ),
    ).toEqual({
      'emulation-flag': ['an-phu'],
      'certificate-of-merit': ['chau-thanh'],
    });
  });

  it('stops at the units there are', () => {
    expect(
      defaultCandidates(
        [
          { kind: 'emulation-flag', quota: 2 },
          { kind: 'certificate-of-merit', quota: 2 },
        ],
        ranking,
      ),
    ).toEqual({
      'emulation-flag': ['an-phu', 'chau-thanh'],
      'certificate-of-merit': ['cho-moi'],
    });
  });
});
