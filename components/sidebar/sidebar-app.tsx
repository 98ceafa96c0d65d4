/** The in-page sidebar (an extension page in the overlay's iframe). */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { PagePanel } from './page-panel';
import { RepliesPanel } from './replies-panel';
import { closeSidebar, usePageLink } from './use-page';

type Tab = 'replies' | 'page';

export function SidebarApp() {
  const { t } = useI18n();
  const link = usePageLink();
  const [tab, setTab] = useState<Tab>('replies');
  const state = link.state;
  return (
    <div className="sidebar" onKeyDown={(e) => e.key === 'Escape' && closeSidebar(link.tabId)}>
      <header className="sidebar-head">
        <strong>{t('appName')}</strong>
        <span className="chip" data-testid="sidebar-site">
          {state ? state.siteName : '…'}
        </span>
        <button type="button" className="close" aria-label={t('close')} onClick={() => closeSidebar(link.tabId)}>
          ×
        </button>
      </header>
      <nav className="tabs" role="tablist">
        {(['replies', 'page'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
            {t(id === 'replies' ? 'tabReplies' : 'tabPage')}
          </button>
        ))}
      </nav>
      {link.error && !state ? (
        <p className="muted pad" role="status">
          {t('notConnected')}
        </p>
      ) : null}
      <main className="sidebar-body">
        {tab === 'replies' ? <RepliesPanel link={link} /> : state ? <PagePanel state={state} /> : null}
      </main>
    </div>
  );
}
