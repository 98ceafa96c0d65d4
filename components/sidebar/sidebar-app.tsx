/** The in-page sidebar (an extension page in the overlay's iframe). */
import { Activity, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { I18nProvider, useI18n } from '../i18n';
import { useLibrary, type Library } from './use-library';
import { SIDEBAR_TABS } from './tabs';
import { besideStored, closeSidebar, sidebarBeside, storeBeside, usePageLink } from './use-page';
import { useRoom } from './use-room';
import { BuyerCard } from './buyer-card';
import { ViewBoundary } from '../view-boundary';
import { focusOnArrow } from '../tab-keys';
import { pageSiteName } from '../site-names';

export function SidebarApp() {
  const { library, error } = useLibrary();
  return (
    <I18nProvider settings={library?.settings}>
      <Sidebar library={library} libraryError={error} />
    </I18nProvider>
  );
}

function Sidebar({ library, libraryError }: { library: Library | undefined; libraryError: string | null }) {
  const { t } = useI18n();
  const link = usePageLink();
  const [tab, setTab] = useState(SIDEBAR_TABS[0]!.id);
  // A tab once opened stays mounted, hidden (<Activity>): unmounting it on a switch lost what the agent
  // had started there — an evidence note, an open case form, a correction being typed — when they went
  // to Replies for a moment. Hidden, a tab keeps its state; its effects stop until it is shown again.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([tab]));
  const show = (id: string) => {
    setTab(id);
    setOpened((o) => (o.has(id) ? o : new Set(o).add(id)));
  };
  // A Tab in the chat box asked for values: the form is on the Replies tab, wherever the sidebar was
  // (on Evidence, the keys the page held for it went back to the chat box after 5 s). What the other
  // tab held stays there.
  useEffect(() => {
    if (link.fill) show('replies');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link.fill?.seq]);
  const state = link.state;
  // Esc anywhere in the sidebar closes it (inner views that use Esc stop it first). Listening from the
  // layout phase: the search takes the keyboard in its own layout effect, before passive effects run.
  // Not the Esc that ends a word being picked (pinyin): that one is the input method's, and it hid the
  // sidebar in the middle of a case note.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !e.isComposing) closeSidebar();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // Over the page or beside it (the page narrows), remembered per site here and applied by the overlay.
  const host = state ? hostOf(state.url) : null;
  const [beside, setBeside] = useState<boolean | null>(null);
  useEffect(() => {
    if (link.tabId === null || host === null) return;
    let live = true;
    void besideStored(host)
      .then((stored) => sidebarBeside(link.tabId!, stored))
      .then((b) => live && setBeside(b));
    return () => {
      live = false;
    };
  }, [link.tabId, host]);
  // A window too narrow to keep the page usable beside the sidebar: the sidebar covers it, and says why.
  const frameTitle = t('sidebarFrameTitle');
  const room = useRoom(link.tabId, frameTitle);
  // The frame page's own title too (index.html's is English, for before the settings arrive).
  useEffect(() => {
    document.title = frameTitle;
  }, [frameTitle]);
  const narrow = room !== null && !room.fits;
  const toggleBeside = async () => {
    if (link.tabId === null || host === null || beside === null) return;
    const next = !beside;
    const applied = await sidebarBeside(link.tabId, next);
    if (applied === null) return;
    setBeside(applied);
    await storeBeside(host, applied).catch(() => undefined);
  };
  return (
    <div className="sidebar">
      <header className="sidebar-head">
        <strong>{t('appName')}</strong>
        <span className="chip" data-testid="sidebar-site">
          {state ? pageSiteName(t, state) : '…'}
        </span>
        {beside !== null ? (
          <button
            type="button"
            className={narrow ? 'beside unavailable' : 'beside'}
            data-testid="sidebar-beside"
            data-room={narrow ? 'narrow' : 'fits'}
            aria-pressed={beside}
            aria-describedby={narrow && beside ? 'sidebar-beside-narrow' : undefined}
            title={narrow ? t('sidebarBesideNarrow', { n: String(room.minWindow) }) : t('sidebarBesideHint')}
            onClick={() => void toggleBeside()}
          >
            {t('sidebarBeside')}
          </button>
        ) : null}
        <button type="button" className="close" aria-label={t('close')} onClick={closeSidebar}>
          ×
        </button>
      </header>
      {narrow && beside ? (
        <p className="beside-narrow small muted" id="sidebar-beside-narrow" role="status" data-testid="sidebar-beside-narrow">
          {t('sidebarBesideNarrow', { n: String(room.minWindow) })}
        </p>
      ) : null}
      {library ? <BuyerCard link={link} /> : null}
      <nav className="tabs" role="tablist" onKeyDown={focusOnArrow}>
        {SIDEBAR_TABS.map((tb) => (
          <button key={tb.id} type="button" role="tab" aria-selected={tab === tb.id} data-testid={`tab-${tb.id}`} onClick={() => show(tb.id)}>
            {t(tb.title)}
          </button>
        ))}
      </nav>
      {libraryError ? (
        <p className="error pad" role="alert" data-testid="library-error">
          {libraryError}
        </p>
      ) : null}
      {link.error && !state ? (
        <p className="muted pad" role="status">
          {t('notConnected')}
        </p>
      ) : null}
      <main className="sidebar-body">
        {library
          ? SIDEBAR_TABS.filter((tb) => opened.has(tb.id)).map((tb) => (
              <Activity key={tb.id} mode={tb.id === tab ? 'visible' : 'hidden'}>
                {/* Per tab: a tab's chunk still loading does not hide the one being left. */}
                <Suspense fallback={<p className="muted pad">…</p>}>
                  <ViewBoundary message="tabFailed">
                    <tb.component link={link} library={library} />
                  </ViewBoundary>
                </Suspense>
              </Activity>
            ))
          : null}
      </main>
    </div>
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
