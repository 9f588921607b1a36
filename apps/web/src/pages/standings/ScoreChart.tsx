/**
 * Final scores by unit as a horizontal bar chart (SVG, no chart library: the bundle stays small),
 * drawn at the width it is shown (chart-layout.ts): on a phone the names go above the bars.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { Standings } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { barLength, chartLayout } from './chart-layout';

/** The element's width, followed as the window changes. */
function useShownWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.getBoundingClientRect().width || initial);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [initial]);
  return { ref, width };
}

export function ScoreChart({ standings }: { standings: Standings }) {
  const f = useFmt();
  const { ref, width } = useShownWidth<HTMLElement>(640);
  const rows = standings.rows.map((r) => ({ ...r, score: r.finalScore ?? r.provisionalScore ?? r.selfScore ?? 0 }));
  const max = Math.max(100, ...rows.map((r) => r.score));
  const layout = chartLayout(Math.min(width, 720), rows.length);
  const title = standings.locked ? f.t('Điểm cuối cùng theo đơn vị') : f.t('Điểm tạm tính theo đơn vị');
  return (
    <figure ref={ref} style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 8 }}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={title}
        style={{ maxWidth: '100%', height: 'auto', display: 'block' }}
        data-testid="score-chart"
      >
        {rows.map((r, i) => {
          const at = layout.row(i);
          const w = barLength(layout, r.score, max);
          return (
            <g key={r.unitId}>
              <text
                x={at.nameX}
                y={at.nameY}
                textAnchor={layout.stacked ? 'start' : 'end'}
                fontSize={layout.font}
                className="chart-bar-label"
              >
                {r.unitName}
              </text>
              <rect
                x={layout.barX}
                y={at.barY}
                width={w}
                height={layout.barHeight}
                fill={r.awarded.length > 0 ? '#b71c1c' : '#e57373'}
                rx={2}
              />
              <text x={layout.barX + w + 6} y={at.valueY} fontSize={layout.font} className="chart-bar-label">
                {f.points(r.score)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
