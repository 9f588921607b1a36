/** Choosing the đợt thi đua a page works on: the newest open one by default. */
import { Empty, Form, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useCycles } from '../api/queries';
import type { CycleSummary } from '../api/views';
import { useLang } from '../i18n/lang';

export function defaultCycle(cycles: CycleSummary[]): CycleSummary | undefined {
  const byNewest = [...cycles].sort((a, b) => b.year - a.year || b.position - a.position);
  return byNewest.find((c) => c.status === 'open') ?? byNewest[0];
}

export function useCyclePick(filter: (c: CycleSummary) => boolean = () => true, initial?: string) {
  const cycles = useCycles();
  const [picked, setPicked] = useState<string | undefined>(initial);
  const list = (cycles.data ?? []).filter(filter);
  useEffect(() => {
    if (!picked && list.length > 0) setPicked(defaultCycle(list)?.cycleId);
  }, [picked, list.length]);
  const picker = <CyclePicker cycles={list} loading={cycles.isPending} value={picked} onChange={setPicked} />;
  return { cycleId: picked, picker, cycles: list, loading: cycles.isPending };
}

function CyclePicker(props: { cycles: CycleSummary[]; loading: boolean; value?: string; onChange(v: string): void }) {
  const { t } = useLang();
  if (props.loading) return <Spin />;
  if (props.cycles.length === 0) return <Empty description={t('Chưa có đợt thi đua nào')} />;
  return (
    <Form.Item label={t('Đợt thi đua')} htmlFor="cycle-picker" style={{ maxWidth: 480 }}>
      <Select
        id="cycle-picker"
        value={props.value}
        onChange={props.onChange}
        options={props.cycles.map((c) => ({
          value: c.cycleId,
          label: `${c.clusterName} – ${t('năm')} ${c.year}${c.status === 'closed' ? ` (${t('đã kết thúc')})` : ''}`,
        }))}
      />
    </Form.Item>
  );
}
