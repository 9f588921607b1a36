/** A table that scrolls sideways inside a focusable region on narrow screens (keyboard users can scroll it too). */
import { Table, type TableProps } from 'antd';
import { useLang } from '../i18n/lang';

/**
 * `minWidth`: the width below which the table stops shrinking and its region scrolls instead (the
 * region, which keyboard users can focus; antd's own `scroll.x` scrolls an inner box they cannot).
 */
export function DataTable<T extends object>(props: TableProps<T> & { label?: string; minWidth?: number }) {
  const { t } = useLang();
  const { label, minWidth, ...table } = props;
  const name = label ?? (typeof table.caption === 'string' ? table.caption : t('Bảng'));
  return (
    <div className="scroll-region" tabIndex={0} role="region" aria-label={name}>
      <Table<T> {...table} style={minWidth ? { ...table.style, minWidth } : table.style} />
    </div>
  );
}
