/** Final scores by unit as a horizontal bar chart (SVG, no chart library: the bundle stays small). */
import type { Standings } from '../../api/views';
import { useFmt } from '../../app/fmt';

export function ScoreChart({ standings }: { standings: Standings }) {
  const f = useFmt();
  const rows = standings.rows.map((r) => ({ ...r, score: r.finalScore ?? r.provisionalScore ?? r.selfScore ?? 0 }));
  const max = Math.max(100, ...rows.map((r) => r.score));
  const bar = 26;
  const label = 150;
  const width = 640;
  const height = rows.length * (bar + 8) + 8;
  const title = standings.locked ? f.t('Điểm cuối cùng theo đơn vị') : f.t('Điểm tạm tính theo đơn vị');
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 8 }}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} style={{ maxWidth: width }}>
        {rows.map((r, i) => {
          const y = 8 + i * (bar + 8);
          const w = ((width - label - 60) * r.score) / max;
          return (
            <g key={r.unitId}>
              <text x={label - 8} y={y + bar / 2 + 4} textAnchor="end" className="chart-bar-label">
                {r.unitName}
              </text>
              <rect x={label} y={y} width={w} height={bar} fill={r.awarded.length > 0 ? '#b71c1c' : '#e57373'} rx={2} />
              <text x={label + w + 6} y={y + bar / 2 + 4} className="chart-bar-label">
                {f.points(r.score)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
