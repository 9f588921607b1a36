import type { PointsFormula } from '../cycle/config.js';

/**
 * Points carry at most two decimals (9.5, 11.25). Sums are computed in hundredths, as integers,
 * so 9.1 + 0.2 is 9.3 and never 9.299999.
 */
export function toHundredths(points: number): number {
  return Math.round(points * 100);
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

export function hasAtMostTwoDecimals(points: number): boolean {
  return Number.isFinite(points) && Math.abs(points * 100 - Math.round(points * 100)) < 1e-6;
}

export function sumPoints(values: number[]): number {
  return fromHundredths(values.reduce((sum, value) => sum + toHundredths(value), 0));
}

/**
 * Points a quantitative criterion derives from its figures: the maximum times the rate (actual /
 * target, or target / actual when lower is better) over the rate that earns the maximum (`fullAt`),
 * capped at the maximum, rounded to two decimals. Higher is better with a target of 0 or less: the
 * maximum for any positive actual. Lower is better with an actual of 0: the maximum.
 */
export function derivePoints(
  actual: number,
  target: number,
  maxPoints: number,
  formula: PointsFormula = { direction: 'higher-is-better', fullAt: 1 },
): number {
  const [better, worse] =
    formula.direction === 'higher-is-better' ? [Math.max(0, actual), target] : [target, Math.max(0, actual)];
  if (worse <= 0) return formula.direction === 'lower-is-better' || actual > 0 ? maxPoints : 0;
  const rate = better / worse / formula.fullAt;
  return fromHundredths(Math.min(toHundredths(maxPoints), Math.round(maxPoints * rate * 100)));
}
