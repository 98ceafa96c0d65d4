/**
 * The UI language follows settings.uiLang live (switching needs no reload).
 *
 * Top-level pages (dashboard, popup) paint their first frame in the language
 * they last showed, kept in localStorage, instead of waiting for the settings
 * record: reading it needs the database open and lib/settings (which brings the
 * zod schemas, tens of ms to evaluate on a busy machine) — both load after the
 * first paint (mount-store.tsx StoreI18nProvider). When the settings arrive
 * they win and refresh the cache. No Dexie here: the sidebar imports this.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { translate, type MessageKey } from '../lib/i18n';
import type { Lang, Settings } from '../lib/schema';
import { browserLang } from '../lib/i18n/browser-lang';

interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  settings: Settings | undefined;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: (k, v) => translate('en', k, v), settings: undefined });

export function I18nProvider({ settings, lang: fallback, children }: { settings: Settings | undefined; lang?: Lang; children: ReactNode }) {
  const lang = settings?.uiLang ?? fallback ?? browserLang();
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={{ lang, t: (k, v) => translate(lang, k, v), settings }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
