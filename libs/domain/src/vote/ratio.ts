import type { Ratio } from '../cycle/config.js';

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Parses a ratio given as a number (0.7), "n/d" ("2/3"), or a percentage ("70%", "66.5%") into the
 * canonical reduced "n/d". Null unless 0 < ratio ≤ 1.
 */
export function parseRatio(input: unknown): Ratio | null {
  let numerator: number;
  let denominator: number;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    const decimals = Math.min((String(input).split('.')[1] ?? '').length, 6);
    denominator = 10 ** decimals;
    numerator = Math.round(input * denominator);
  } else if (typeof input === 'string' && /^\d+\/\d+$/.test(input)) {
    [numerator, denominator] = input.split('/').map(Number) as [number, number];
  } else if (typeof input === 'string' && /^\d+(\.\d{1,4})?%$/.test(input)) {
    const decimals = (input.slice(0, -1).split('.')[1] ?? '').length;
    denominator = 100 * 10 ** decimals;
    numerator = Math.round(Number(input.slice(0, -1)) * 10 ** decimals);
  } else {
    return null;
  }
  if (denominator <= 0 || numerator <= 0 || numerator > denominator) return null;
  const divisor = gcd(numerator, denominator);
  return `${numerator / divisor}/${denominator / divisor}`;
}

/** True when count / total ≥ ratio, computed in integers (4 of 6 meets "2/3"). False when total is 0. */
export function meetsRatio(count: number, total: number, ratio: Ratio): boolean {
  const [numerator, denominator] = ratio.split('/').map(Number) as [number, number];
  return total > 0 && count * denominator >= numerator * total;
}
