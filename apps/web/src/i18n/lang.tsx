/** The language switch: Vietnamese first, English on request; `t` looks the English up by the Vietnamese text. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { EN } from './en';
import type { Lang } from './format';

interface LangValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(vi: string, vars?: Record<string, string | number>): string;
}

const LangContext = createContext<LangValue | null>(null);
const STORAGE_KEY = 'thidua.lang';

export function translate(lang: Lang, vi: string, vars: Record<string, string | number> = {}): string {
  const text = lang === 'en' ? (EN[vi] ?? vi) : vi;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

let current: Lang = 'vi';
/** The language outside React (the API client's Accept-Language). */
export const currentLang = (): Lang => current;

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi'));
  current = lang;
  const value = useMemo<LangValue>(
    () => ({
      lang,
      setLang: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        current = next;
        document.documentElement.lang = next;
        setLangState(next);
      },
      t: (vi, vars) => translate(lang, vi, vars),
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  const value = useContext(LangContext);
  if (!value) throw new Error('useLang outside LangProvider');
  return value;
}
