/** The dashboard (options page): one view per tool, chosen in the nav; `#view` in the URL deep-links (notifications link to `#cases`). */
import { Suspense, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { DASHBOARD_VIEWS } from './views';
import { startFirstRead } from './first-reads';
import { viewIdOf } from './early-reads';
import { ViewBoundary } from '../view-boundary';
import { focusOnArrow } from '../tab-keys';

function viewFromHash(): string {
  const id = viewIdOf(location.hash);
  return DASHBOARD_VIEWS.some((v) => v.id === id) ? id : DASHBOARD_VIEWS[0]!.id;
}

/**
 * Fetch the opening view's chunk and its first rows now, while the database opens (entrypoints/dashboard/main.tsx).
 * The rows' read, or null for a view without one.
 */
export function preloadOpeningView(): Promise<unknown> | null {
  const id = viewFromHash();
  void DASHBOARD_VIEWS.find((v) => v.id === id)?.load();
  return startFirstRead(id);
}

export function DashboardApp() {
  const { t } = useI18n();
  const [view, setView] = useState(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const shown = DASHBOARD_VIEWS.find((v) => v.id === view) ?? DASHBOARD_VIEWS[0]!;
  const Current = shown.component;
  const title = `${t(shown.title)} · ${t('appName')}`;
  // The tab strip said "Xiaoer dashboard" in every language, and two dashboard tabs could not be told apart.
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="dashboard">
      <header className="dash-head">
        <h1>{t('appName')}</h1>
        <nav className="tabs" role="tablist" onKeyDown={focusOnArrow}>
          {DASHBOARD_VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              // One Tab stop for the nav, on the view shown (the tabs pattern): a keyboard user passed all nine
              // views on the way to the content; ← → walk the nav.
              tabIndex={view === v.id ? 0 : -1}
              data-testid={`dash-${v.id}`}
              onClick={() => {
                location.hash = v.id;
                setView(v.id);
              }}
            >
              {t(v.title)}
            </button>
          ))}
        </nav>
      </header>
      <main className="dash-body">
        {/* One boundary per view (keyed: a switch starts the next view afresh): one bad record must never blank the nav. */}
        <ViewBoundary key={view}>
          <Suspense fallback={<p className="muted">…</p>}>
            <Current />
          </Suspense>
        </ViewBoundary>
      </main>
    </div>
  );
}
