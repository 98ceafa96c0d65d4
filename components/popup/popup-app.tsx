/** The popup: the current tab's status and quick actions. */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import type { PageState } from '../../lib/messaging';
import { askBackground, askOverlay, targetTabId } from '../ext';
import { useI18n } from '../i18n';

export function PopupApp() {
  const { t } = useI18n();
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<PageState | null | 'off'>(null);
  const replyCount = useLiveQuery(() => getDb().replies.count(), []);

  useEffect(() => {
    void targetTabId().then(async (id) => {
      setTabId(id);
      if (id === null) return setState('off');
      try {
        setState(await askOverlay(id, 'overlay:state', {}));
      } catch {
        setState('off');
      }
    });
  }, []);

  return (
    <div className="popup">
      <header>
        <strong>{t('appName')}</strong>
        <span className="muted" data-testid="popup-reply-count">
          {replyCount === undefined ? '' : t('replyCount', { n: replyCount })}
        </span>
      </header>
      <section className="status" data-testid="popup-status">
        <span className="muted">{t('popupStatus')}: </span>
        {state === null ? '…' : state === 'off' ? t('statusNotEnabled') : `${state.siteName} · ${t(state.source === 'dedicated' ? 'sourceDedicated' : state.source === 'generic' ? 'sourceGeneric' : 'sourceTaught')}`}
      </section>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="popup-open-sidebar"
          disabled={tabId === null || state === 'off' || state === null}
          onClick={async () => {
            if (tabId === null) return;
            await askBackground('sidebar:toggle', { tabId, open: true });
            window.close();
          }}
        >
          {t('openSidebar')}
        </button>
        <button type="button" data-testid="popup-open-dashboard" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openDashboard')}
        </button>
      </div>
    </div>
  );
}
