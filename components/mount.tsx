/** Mounts an extension page's React tree. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { getDb } from '../lib/db';
import { DbGuard } from './db-guard';
import { StoreI18nProvider } from './i18n';

function root(node: ReactNode, container?: HTMLElement): void {
  const el = container ?? document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(<StrictMode>{node}</StrictMode>);
}

/** Dashboard and popup: top-level extension pages that open the database themselves. */
export function mountStorePage(node: ReactNode, container?: HTMLElement): void {
  // IndexedDB opens while React renders the shell (DbGuard shows a failure; Dexie hands it the same open).
  getDb()
    .open()
    .catch(() => undefined);
  root(
    <DbGuard>
      <StoreI18nProvider>{node}</StoreI18nProvider>
    </DbGuard>,
    container,
  );
}

/** The sidebar: a frame in a marketplace page; its data comes through the background. */
export function mountFramePage(node: ReactNode): void {
  root(node);
}
