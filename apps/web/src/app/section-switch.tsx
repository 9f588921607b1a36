/**
 * Sections of a page behind a row of buttons that wraps on a phone (radio buttons: one chosen at a
 * time, arrow keys move between them). Ant Design's tabs hide overflowing tabs in a menu button
 * inside the tablist, which axe-core counts as a broken tablist on narrow screens.
 */
import { Radio } from 'antd';
import { useState, type ReactNode } from 'react';

export function SectionSwitch(props: {
  label: string;
  items: { key: string; label: string; children: ReactNode }[];
  initial?: string;
}) {
  const [current, setCurrent] = useState(props.initial ?? props.items[0]?.key);
  const shown = props.items.find((i) => i.key === current) ?? props.items[0];
  return (
    <>
      <Radio.Group
        aria-label={props.label}
        optionType="button"
        buttonStyle="solid"
        value={shown?.key}
        onChange={(e) => setCurrent(e.target.value as string)}
        options={props.items.map((i) => ({ value: i.key, label: i.label }))}
        className="section-switch"
      />
      <div className="section-body">{shown?.children}</div>
    </>
  );
}
