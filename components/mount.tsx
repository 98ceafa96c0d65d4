/** Mounts an extension page's React tree with the database guard and live i18n. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { DbGuard } from './db-guard';
import { I18nProvider } from './i18n';

export function mountPage(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(
    <StrictMode>
      <DbGuard>
        <I18nProvider>{node}</I18nProvider>
      </DbGuard>
    </StrictMode>,
  );
}
