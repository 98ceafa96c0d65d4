/** The UI language follows settings.uiLang live (switching needs no reload). */
import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getSettings, browserLang } from '../lib/settings';
import { translate, type MessageKey } from '../lib/i18n';
import type { Lang, Settings } from '../lib/schema';

interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  settings: Settings | undefined;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: (k, v) => translate('en', k, v), settings: undefined });

export function I18nProvider({ settings, children }: { settings: Settings | undefined; children: ReactNode }) {
  const lang = settings?.uiLang ?? browserLang();
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={{ lang, t: (k, v) => translate(lang, k, v), settings }}>{children}</I18nContext.Provider>;
}

/** For top-level extension pages (dashboard, popup), which own first-party storage. */
export function StoreI18nProvider({ children }: { children: ReactNode }) {
  const settings = useLiveQuery(() => getSettings(), []);
  return <I18nProvider settings={settings}>{children}</I18nProvider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
