/**
 * What an empty date picker says. Ant Design's Vietnamese locale says "Chọn thời điểm" for every
 * picker, a date alone included; the pages give each picker its placeholder: what the field is in
 * the project's words (a due date is "hạn", docs/glossary.md), else "Chọn ngày" or "Chọn ngày và giờ".
 */
import type { Lang } from '../i18n/format';
import { translate } from '../i18n/lang';

export type PickerKind = 'date' | 'datetime';

/** The generic placeholders, in the wording of apps/web/src/i18n (English through `en.ts`). */
export const PICKER_PLACEHOLDER: Record<PickerKind, string> = {
  date: 'Chọn ngày',
  datetime: 'Chọn ngày và giờ',
};

/** `own`: the field's own placeholder (already translated), e.g. "Chọn hạn mới". */
export function pickerPlaceholder(kind: PickerKind, lang: Lang, own?: string): string {
  return own ?? translate(lang, PICKER_PLACEHOLDER[kind]);
}
