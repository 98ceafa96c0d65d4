/** The dashboard (options page): library and settings. */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { LibraryView } from './library-view';
import { SettingsView } from './settings-view';

type View = 'library' | 'settings';

export function DashboardApp() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('library');
  return (
    <div className="dashboard">
      <header className="dash-head">
        <h1>{t('appName')}</h1>
        <nav className="tabs" role="tablist">
          {(['library', 'settings'] as const).map((id) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} data-testid={`dash-${id}`} onClick={() => setView(id)}>
              {t(id)}
            </button>
          ))}
        </nav>
      </header>
      <main className="dash-body">{view === 'library' ? <LibraryView /> : <SettingsView />}</main>
    </div>
  );
}
