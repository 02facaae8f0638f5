// Language state, the t() function and the 中文 / English switch's persistence.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api/client.ts';
import { zh } from './zh.ts';
import type { Dictionary, MessageKey } from './zh.ts';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'bancheng.lang';
// English arrives in a chunk of its own (some 8 kB compressed that most readers never need); until it
// has, and should it fail to load, the Chinese text stands in.
const dictionaries: { zh: Dictionary; en?: Dictionary } = { zh };
let englishLoading: Promise<void> | undefined;

function loadEnglish(): Promise<void> {
  englishLoading ??= import('./en.ts').then(
    (m) => {
      dictionaries.en = m.en;
    },
    () => {
      englishLoading = undefined;
    },
  );
  return englishLoading;
}

function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Whether the reader chose a language in this browser (the switch); without a choice the signed-in
 * person's own language (from the server) is taken. */
export function hasChosenLang(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

function applyLang(lang: Lang): void {
  setApiLanguage(lang);
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** `{name}` is replaced by the value; `{name:one|other}` picks the English singular when the value is 1
 * ("1 working day", "3 working days"). */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = (dictionaries[lang] ?? zh)[key];
  if (!vars) return text;
  return text
    .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in vars ? (Number(vars[name]) === 1 ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Whether a string computed at run time (an audit event's type) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const LangContext = createContext<LangContextValue | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    applyLang(initial);
    return initial;
  });
  // Someone who chose English sees nothing rather than a flash of Chinese while it loads.
  const [waiting, setWaiting] = useState(() => lang === 'en' && !dictionaries.en);

  useEffect(() => {
    if (waiting) void loadEnglish().then(() => setWaiting(false));
  }, [waiting]);

  useEffect(() => {
    applyLang(lang);
    // Once English has arrived (`waiting` false), the title is English too.
    if (!waiting) document.title = translate(lang, 'app.title');
  }, [lang, waiting]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    void (next === 'en' ? loadEnglish() : Promise.resolve()).then(() => {
      applyLang(next);
      setLangState(next);
    });
  }, []);

  const value = useMemo<LangContextValue>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  );
  return <LangContext value={value}>{waiting ? null : children}</LangContext>;
}

function useLangContext(): LangContextValue {
  const value = useContext(LangContext);
  if (!value) throw new Error('LanguageProvider is missing');
  return value;
}

export function useT(): TFunction {
  return useLangContext().t;
}

export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useLangContext();
  return { lang, setLang };
}
