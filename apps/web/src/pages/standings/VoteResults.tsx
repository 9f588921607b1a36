/**
 * The vote's results per award and candidate, once the vote is closed; then what the round
 * publishes besides: a paper vote's count from the minutes, an electronic vote's every ballot with
 * its receipt when it was opened to publish them, otherwise the word that it is receipt-free.
 */
import { Tag } from 'antd';
import { useVote } from '../../api/queries';
import type { CycleStatus, VoteView } from '../../api/views';
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
  const paper = vote.data.mode === 'paper';
  return (
    <>
      <DataTable
        size="small"
        pagination={false}
        caption={
          paper && vote.data.paperTally
            ? f.t('Kết quả bỏ phiếu: {n}/{m} đơn vị có mặt', { n: vote.data.paperTally.present, m: vote.data.members })
            : f.t('Kết quả bỏ phiếu: {n}/{m} đơn vị tham gia', {
                n: vote.data.participants.length,
                m: vote.data.members,
              })
        }
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
      {paper && vote.data.paperTally && (
        <p data-testid="paper-tally">
          {f.t(
            'Theo biên bản {ref}: {present} phiếu thu về, trong đó {blank} phiếu trắng, {spoiled} phiếu không hợp lệ (không tính vào tỷ lệ tán thành).',
            {
              ref: vote.data.paperTally.minutesRef,
              present: vote.data.paperTally.present,
              blank: vote.data.paperTally.blank,
              spoiled: vote.data.paperTally.spoiled,
            },
          )}
        </p>
      )}
      {!paper &&
        (vote.data.publishBallots ? <Ballots cycle={cycle} vote={vote.data} /> : <ReceiptFree cycle={cycle} />)}
    </>
  );
}

function ReceiptFree({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  return (
    <p data-testid="receipt-free">
      {f.t(
        'Vòng bỏ phiếu này không công khai từng phiếu: chỉ công bố kết quả kiểm phiếu; mỗi đơn vị tự kiểm tra phiếu của mình đã được kiểm bằng mã biên nhận.',
      )}
    </p>
  );
}

/** Every ballot without its voter, in the server's order (shuffled by the hash of the receipt). */
function Ballots({ cycle, vote }: { cycle: CycleStatus; vote: VoteView }) {
  const f = useFmt(cycle.config.timeZone);
  const name = (id: string) => cycle.config.units.find((u) => u.id === id)?.name ?? id;
  const choices = Object.entries(vote.candidates).flatMap(([award, units]) =>
    units.map((unitId) => ({ award, unitId })),
  );
  const rows = (vote.ballots ?? []).map((b) => ({ key: b.receipt, ...b }));
  return (
    <DataTable
      size="small"
      pagination={false}
      caption={f.t('Toàn bộ phiếu bầu (không ghi đơn vị bỏ phiếu), kèm mã biên nhận')}
      dataSource={rows}
      columns={[
        { title: f.t('Mã biên nhận'), dataIndex: 'receipt', key: 'receipt', className: 'receipt' },
        ...choices.map(({ award, unitId }) => ({
          title: `${f.award(award)} – ${name(unitId)}`,
          key: `${award}-${unitId}`,
          render: (_: unknown, r: (typeof rows)[number]) => {
            const choice = r.choices[award]?.[unitId];
            return choice === undefined ? '' : choice ? f.t('Tán thành') : f.t('Không tán thành');
          },
        })),
      ]}
    />
  );
}
