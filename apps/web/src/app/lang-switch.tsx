/**
 * The one language switch, the same on the sign-in page and in the header: each language named in
 * itself, so that whoever cannot read the current one still finds theirs.
 */
import { Segmented } from 'antd';
import { useLang } from '../i18n/lang';
import type { Lang } from '../i18n/format';

export const LANG_OPTIONS: readonly { label: string; value: Lang }[] = [
  { label: 'Tiếng Việt', value: 'vi' },
  { label: 'English', value: 'en' },
];

export function LangSwitch() {
  const { lang, setLang, t } = useLang();
  return (
    <Segmented
      aria-label={t('Ngôn ngữ')}
      size="small"
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      options={LANG_OPTIONS.map((o) => ({ ...o }))}
    />
  );
}
