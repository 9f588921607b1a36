/** Everyone's page: a cycle's standings, the chart of final scores by unit, the vote's results. */
import { Card, Space, Typography } from 'antd';
import { useCycle, useStandings } from '../../api/queries';
import { useCyclePick } from '../../app/cycle-picker';
import { useFmt } from '../../app/fmt';
import { ScoreChart } from './ScoreChart';
import { StandingsTable } from './StandingsTable';
import { VoteResults } from './VoteResults';

export default function StandingsPage({ cycleId: fromPath }: { cycleId?: string }) {
  const f = useFmt();
  const { cycleId: chosen, picker } = useCyclePick(undefined, fromPath);
  const cycle = useCycle(chosen);
  const standings = useStandings(chosen);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={2} className="page-title">
        {f.t('Bảng xếp hạng')}
        {cycle.data ? `: ${cycle.data.config.clusterName} – ${f.t('năm')} ${cycle.data.config.year}` : ''}
      </Typography.Title>
      {picker}
      {cycle.data && standings.data && (
        <>
          <Card size="small">
            <StandingsTable cycle={cycle.data} data={standings.data} />
          </Card>
          <Card size="small">
            <ScoreChart standings={standings.data} />
          </Card>
          <Card size="small" title={<h3 className="card-title">{f.t('Kết quả bỏ phiếu')}</h3>}>
            <VoteResults cycle={cycle.data} />
          </Card>
        </>
      )}
    </Space>
  );
}
