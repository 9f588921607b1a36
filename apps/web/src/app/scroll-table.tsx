/** A table that scrolls sideways inside a focusable region on narrow screens (keyboard users can scroll it too). */
import { Table, type TableProps } from 'antd';
import { useLang } from '../i18n/lang';

export function DataTable<T extends object>(props: TableProps<T> & { label?: string }) {
  const { t } = useLang();
  const { label, ...table } = props;
  const name = label ?? (typeof table.caption === 'string' ? table.caption : t('Bảng'));
  return (
    <div className="scroll-region" tabIndex={0} role="region" aria-label={name}>
      <Table<T> {...table} />
    </div>
  );
}
