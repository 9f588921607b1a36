/**
 * The score chart's geometry, in the screen's own pixels (the SVG is drawn at the width it is
 * shown, never scaled down): its texts keep their size on a 390 px phone. Below `STACK_BELOW`
 * wide each unit's name goes above its bar, so that the bar keeps the whole width.
 */
export const CHART_FONT_PX = 14;
export const STACK_BELOW = 520;
/** Room right of the longest bar for its points ("100,00"). */
const VALUE_PX = 56;

export interface ChartRow {
  /** Baseline of the unit's name; it is right-aligned at `nameX` beside the bar, or left-aligned above it. */
  nameX: number;
  nameY: number;
  barY: number;
  /** Baseline of the points, after the bar. */
  valueY: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  font: number;
  stacked: boolean;
  barX: number;
  barHeight: number;
  /** The bar of the highest score (at least 100 points) is this long. */
  barSpan: number;
  row(i: number): ChartRow;
}

/**
 * A bar's length for `score` when the longest bar stands for `max` points: never negative (a
 * score below zero, after deductions, is drawn as no bar, its points written beside it).
 */
export function barLength(layout: Pick<ChartLayout, 'barSpan'>, score: number, max: number): number {
  return Math.max(0, (layout.barSpan * score) / max);
}

export function chartLayout(shownWidth: number, rows: number): ChartLayout {
  const width = Math.max(240, Math.round(shownWidth));
  const font = CHART_FONT_PX;
  const stacked = width < STACK_BELOW;
  const gap = 8;
  if (stacked) {
    const barHeight = 20;
    const rowHeight = font + 4 + barHeight + gap + 4;
    return {
      width,
      height: rows * rowHeight + gap,
      font,
      stacked,
      barX: 0,
      barHeight,
      barSpan: width - VALUE_PX,
      row: (i) => {
        const top = gap + i * rowHeight;
        const barY = top + font + 4;
        return { nameX: 0, nameY: top + font, barY, valueY: barY + barHeight / 2 + font / 3 };
      },
    };
  }
  const barHeight = 26;
  const label = Math.min(220, Math.max(150, Math.round(width * 0.28)));
  return {
    width,
    height: rows * (barHeight + gap) + gap,
    font,
    stacked,
    barX: label,
    barHeight,
    barSpan: width - label - VALUE_PX,
    row: (i) => {
      const barY = gap + i * (barHeight + gap);
      const middle = barY + barHeight / 2 + font / 3;
      return { nameX: label - 8, nameY: middle, barY, valueY: middle };
    },
  };
}
