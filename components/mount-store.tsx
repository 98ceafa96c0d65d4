/**
 * Mounting for the top-level extension pages that open the database
 * themselves (dashboard, popup): DbGuard and the UI language from the
 * settings record, read live.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../lib/db';
import { firstFrameLang, rememberUiLang } from '../lib/i18n/browser-lang';
import { DbGuard } from './db-guard';
import { I18nProvider } from './i18n';
import { mountRoot } from './mount';

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
  const lang = settings?.uiLang ?? firstFrameLang();
  return (
    <I18nProvider settings={settings} lang={lang}>
      {children}
    </I18nProvider>
  );
}

/** Dashboard and popup: top-level extension pages that open the database themselves. */
export function mountStorePage(node: ReactNode, container?: HTMLElement): void {
  // IndexedDB opens while React renders the shell (DbGuard shows a failure; Dexie hands it the same open).
  getDb()
    .open()
    .catch(() => undefined);
  mountRoot(
    <DbGuard>
      <StoreI18nProvider>{node}</StoreI18nProvider>
    </DbGuard>,
    container,
  );
}

