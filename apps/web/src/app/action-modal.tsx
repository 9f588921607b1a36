/**
 * A command behind a button: the button opens a dialog with the command's fields (a reason, a
 * summary, a due date...), the dialog stays open with the problem on its fields until it succeeds.
 */
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { zonedToInstant } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useReadOnlyCycle } from './paper-cycle';
import { pickerPlaceholder } from './picker-placeholder';
import { ProblemAlert, useFormCommand } from './problems';

export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'datetime' | 'date' | 'select' | 'number';
  required?: boolean;
  options?: { value: string; label: string }[];
  initial?: unknown;
  /** What the empty field says (date pickers: default "Chọn ngày", "Chọn ngày và giờ"). */
  placeholder?: string;
}

/** A picked date-time (wall clock in the cycle's zone) as the API's instant. */
export function instantOf(value: Dayjs, timeZone: string): string {
  return zonedToInstant(
    { year: value.year(), month: value.month() + 1, day: value.date(), hour: value.hour(), minute: value.minute() },
    timeZone,
  );
}

export function ActionButton(props: {
  label: ReactNode;
  title: string;
  fields?: ActionField[];
  timeZone?: string;
  okText?: string;
  buttonProps?: ButtonProps;
  run(values: Record<string, unknown>): Promise<unknown>;
}) {
  const { t, lang } = useLang();
  const readOnly = useReadOnlyCycle();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const fields = props.fields ?? [];
  const tz = props.timeZone ?? 'Asia/Ho_Chi_Minh';
  const { submit, problem, pending, clear } = useFormCommand<Record<string, unknown>>(
    form,
    (values) => {
      const body: Record<string, unknown> = {};
      for (const f of fields) {
        const v = values[f.name];
        if (v === undefined || v === null || v === '') continue;
        body[f.name] =
          f.kind === 'datetime' ? instantOf(v as Dayjs, tz) : f.kind === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : v;
      }
      return props.run(body);
    },
    {
      toName: (p) => (fields.some((f) => f.name === p[0]) ? [p[0]!] : undefined),
      onDone: () => {
        setOpen(false);
        form.resetFields();
      },
    },
  );
  const input = (f: ActionField) => {
    switch (f.kind) {
      case 'textarea':
        return <Input.TextArea rows={3} placeholder={f.placeholder} />;
      case 'datetime':
        return (
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="DD/MM/YYYY HH:mm"
            placeholder={pickerPlaceholder('datetime', lang, f.placeholder)}
            style={{ width: '100%' }}
          />
        );
      case 'date':
        return (
          <DatePicker
            format="DD/MM/YYYY"
            placeholder={pickerPlaceholder('date', lang, f.placeholder)}
            style={{ width: '100%' }}
          />
        );
      case 'select':
        return <Select allowClear options={f.options} />;
      case 'number':
        return <InputNumber decimalSeparator="," style={{ width: '100%' }} />;
      default:
        return <Input />;
    }
  };
  if (readOnly) return null;
  return (
    <>
      <Button {...props.buttonProps} onClick={() => (fields.length === 0 ? submit({}) : setOpen(true))}>
        {props.label}
      </Button>
      {fields.length === 0 && problem && !open ? <ProblemAlert problem={problem} /> : null}
      <Modal
        open={open}
        title={props.title}
        okText={props.okText ?? t('Xác nhận')}
        cancelText={t('Hủy')}
        confirmLoading={pending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          clear();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} name={`action-${props.title.replace(/\W+/g, '-')}`}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              initialValue={f.initial}
              rules={f.required ? [{ required: true, message: t('Không được để trống') }] : []}
            >
              {input(f)}
            </Form.Item>
          ))}
          <ProblemAlert problem={problem} />
        </Form>
      </Modal>
    </>
  );
}
