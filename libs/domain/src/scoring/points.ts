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
 * Points a quantitative criterion derives from actual / target: the maximum times the rate, capped
 * at the maximum, rounded to two decimals (a target of 0 or less earns the maximum if any actual).
 */
export function derivePoints(actual: number, target: number, maxPoints: number): number {
  if (target <= 0) return actual > 0 ? maxPoints : 0;
  const rate = Math.max(0, actual) / target;
  return fromHundredths(Math.min(toHundredths(maxPoints), Math.round(maxPoints * rate * 100)));
}
