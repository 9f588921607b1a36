import { describe, expect, it } from 'vitest';
import { barLength, chartLayout, CHART_FONT_PX } from './chart-layout';

describe('the score chart on a phone and on a desk', () => {
  it('at 390 px its texts are 14 px on screen and each name sits above its bar over the whole width', () => {
    // A 390 px phone: the card inside the page's 8 px padding and its own 12 px one.
    const layout = chartLayout(390 - 2 * 8 - 2 * 12 - 2, 6);
    expect(layout.width).toBe(348);
    expect(layout.font).toBe(CHART_FONT_PX);
    expect(layout.font).toBeGreaterThanOrEqual(13);
    expect(layout.stacked).toBe(true);
    expect(layout.barX).toBe(0);
    expect(layout.barSpan).toBeGreaterThan(layout.width * 0.8);
    for (let i = 0; i < 6; i += 1) {
      const row = layout.row(i);
      expect(row.nameY).toBeLessThanOrEqual(row.barY);
      expect(row.barY + layout.barHeight).toBeLessThanOrEqual(layout.height);
      if (i > 0) expect(row.nameY - layout.font).toBeGreaterThanOrEqual(layout.row(i - 1).barY + layout.barHeight);
    }
  });

  it('wide, the names stand left of the bars, at the same size', () => {
    const layout = chartLayout(640, 6);
    expect(layout.stacked).toBe(false);
    expect(layout.font).toBe(CHART_FONT_PX);
    expect(layout.barX).toBeGreaterThanOrEqual(150);
    expect(layout.row(0).nameX).toBeLessThan(layout.barX);
    expect(layout.barX + layout.barSpan).toBeLessThan(640);
  });

  it('draws a score below zero as no bar, and the highest score over the whole span', () => {
    const layout = chartLayout(640, 2);
    expect(barLength(layout, -4.5, 100)).toBe(0);
    expect(barLength(layout, 0, 100)).toBe(0);
    expect(barLength(layout, 100, 100)).toBe(layout.barSpan);
    expect(barLength(layout, 50, 100)).toBe(layout.barSpan / 2);
  });
});
