/**
 * The UI language follows settings.uiLang live (switching needs no reload).
 *
 * Top-level pages (dashboard, popup) paint their first frame in the language
 * they last showed, kept in localStorage, instead of waiting for the settings
 * record: reading it needs the database open and lib/settings (which brings the
 * zod schemas, tens of ms to evaluate on a busy machine) — both now load after
 * the first paint. When the settings arrive they win and refresh the cache.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { translate, type MessageKey } from '../lib/i18n';
import type { Lang, Settings } from '../lib/schema';
import { browserLang, cachedUiLang, rememberUiLang } from '../lib/i18n/browser-lang';

interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  settings: Settings | undefined;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: (k, v) => translate('en', k, v), settings: undefined });

export { cachedUiLang };

/** The browser's language (lib/i18n/browser-lang.ts: no zod, so it is free in the first frame). */
export function navigatorLang(): Lang {
  return browserLang();
}

export function I18nProvider({ settings, lang: fallback, children }: { settings: Settings | undefined; lang?: Lang; children: ReactNode }) {
  const lang = settings?.uiLang ?? fallback ?? navigatorLang();
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={{ lang, t: (k, v) => translate(lang, k, v), settings }}>{children}</I18nContext.Provider>;
}

type SettingsModule = typeof import('../lib/settings');

/** For top-level extension pages (dashboard, popup), which own first-party storage. */
export function StoreI18nProvider({ children }: { children: ReactNode }) {
  const [mod, setMod] = useState<SettingsModule | null>(null);
  useEffect(() => {
    void import('../lib/settings').then(setMod);
  }, []);
  // Dexie's live queries must await only Dexie's own promises: the module is loaded first, then queried.
  const settings = useLiveQuery(() => mod?.getSettings(), [mod]);
  useEffect(() => {
    if (settings) rememberUiLang(settings.uiLang);
  }, [settings]);
  // Before the settings: the language last shown, else the browser's (what the settings default to).
  const lang = settings?.uiLang ?? cachedUiLang() ?? navigatorLang();
  return (
    <I18nProvider settings={settings} lang={lang}>
      {children}
    </I18nProvider>
  );
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
