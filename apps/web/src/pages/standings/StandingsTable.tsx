/** The standings of a cycle (now, as of a moment or at a log position) as a table. */
import { Tag } from 'antd';
import { useStandings } from '../../api/queries';
import type { CycleStatus, Standings } from '../../api/views';
import { DataTable } from '../../app/scroll-table';
import { useFmt, TAG } from '../../app/fmt';

export function StandingsTable({
  cycle,
  at,
  data,
}: {
  cycle: CycleStatus;
  at?: { asOf?: string; atPosition?: number };
  data?: Standings;
}) {
  const f = useFmt(cycle.config.timeZone);
  const query = useStandings(data ? undefined : cycle.cycleId, at);
  const standings = data ?? query.data;
  const awards = (kinds: string[]) => (kinds.length === 0 ? '—' : kinds.map(f.award).join('; '));
  return (
    <DataTable
      size="small"
      rowKey="unitId"
      pagination={false}
      loading={!standings}
      data-testid="standings-table"
      caption={standings ? (standings.locked ? f.t('Điểm đã khóa') : f.t('Điểm tạm tính (chưa khóa)')) : undefined}
      dataSource={standings?.rows ?? []}
      // Nine columns: on a phone the table scrolls sideways rather than break each name word by word.
      minWidth={900}
      columns={[
        { title: f.t('Hạng'), dataIndex: 'rank', key: 'rank', className: 'num' },
        { title: f.t('Đơn vị'), dataIndex: 'unitName', key: 'unit' },
        {
          title: f.t('Đăng ký'),
          key: 'registered',
          render: (_, r) => (r.registered ? f.t('Có') : <Tag color={TAG.warn}>{f.t('Không đăng ký')}</Tag>),
        },
        { title: f.t('Tự chấm'), key: 'self', className: 'num', render: (_, r) => f.points(r.selfScore) },
        {
          title: f.t('Điểm tạm tính'),
          key: 'provisional',
          className: 'num',
          render: (_, r) => f.points(r.provisionalScore ?? null),
        },
        {
          title: f.t('Điểm cuối cùng'),
          key: 'final',
          className: 'num',
          render: (_, r) => <span data-testid={`final-${r.unitId}`}>{f.points(r.finalScore)}</span>,
        },
        { title: f.t('Đề nghị'), key: 'nominated', render: (_, r) => awards(r.nominated) },
        { title: f.t('Được khen thưởng'), key: 'awarded', render: (_, r) => awards(r.awarded) },
        {
          title: f.t('Trễ hạn'),
          key: 'late',
          render: (_, r) => (r.late.length === 0 ? '—' : r.late.map(f.step).join('; ')),
        },
      ]}
    />
  );
}
