/** The vote's results per award and candidate, once the vote is closed. */
import { Tag } from 'antd';
import { useVote } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { DataTable } from '../../app/scroll-table';
import { useFmt, TAG } from '../../app/fmt';

export function VoteResults({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  const vote = useVote(cycle.cycleId);
  const name = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  if (!vote.data) return null;
  if (vote.data.status !== 'closed' || !vote.data.results) {
    return (
      <p>
        {vote.data.status === 'open'
          ? f.t('Đang bỏ phiếu: {n}/{m} đơn vị đã tham gia', { n: vote.data.participants.length, m: vote.data.members })
          : f.t('Chưa bỏ phiếu')}
      </p>
    );
  }
  const rows = Object.entries(vote.data.results).flatMap(([award, r]) =>
    Object.entries(r).map(([unitId, x]) => ({ key: `${award}-${unitId}`, award, unitId, ...x })),
  );
  return (
    <DataTable
      size="small"
      pagination={false}
      caption={f.t('Kết quả bỏ phiếu: {n}/{m} đơn vị tham gia', {
        n: vote.data.participants.length,
        m: vote.data.members,
      })}
      dataSource={rows}
      columns={[
        { title: f.t('Danh hiệu'), key: 'award', render: (_, r) => f.award(r.award) },
        { title: f.t('Ứng viên'), key: 'unit', render: (_, r) => name(r.unitId) },
        { title: f.t('Tán thành'), dataIndex: 'approve', key: 'approve', className: 'num' },
        { title: f.t('Không tán thành'), dataIndex: 'reject', key: 'reject', className: 'num' },
        {
          title: f.t('Kết quả'),
          key: 'passed',
          render: (_, r) =>
            r.passed ? <Tag color={TAG.ok}>{f.t('Đạt')}</Tag> : <Tag color={TAG.bad}>{f.t('Không đạt')}</Tag>,
        },
      ]}
    />
  );
}
