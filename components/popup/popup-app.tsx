/**
 * The popup: the current tab's status (dedicated adapter / generic / taught
 * profile / not enabled) with an enable-for-this-site switch, and quick actions:
 * open the sidebar, search replies (type → Enter inserts into the composer the
 * agent last focused on the page), capture (the evidence tool's buttons).
 *
 * Open-to-interactive is what counts here (an agent clicks it mid-chat): the
 * header, the status and the search box are the plain-DOM first frame
 * (popup-shell.ts); this app loads behind it and attaches to them — it listens
 * to the shell's search box and renders the count, the switch and the hits into
 * the shell's slots. The replies are read on the first keystroke and indexed in
 * the search worker (components/use-reply-search.ts), never on this thread.
 */
import { PopupCapture } from './capture-actions';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { captureFailure, type PageState } from '../../lib/messaging';
import { renderTemplate } from '../../lib/replies/template';
import type { Lang, Reply } from '../../lib/schema';
import { askBackground, askOverlay } from '../ext';
import { onClipboardForPaste, whyInsertThrew, whyNotInserted } from '../insert-refusal';
import { useReplySearch } from '../use-reply-search';
import { useI18n } from '../i18n';
import { countKey } from '../plural';
import { enableHost, isBuiltInHost, useWithdrawnHosts } from '../dashboard/enable-host';
import type { PopupShell } from './popup-shell';
import { pageState } from './tab-status';
import { mountStorePage } from '../mount-store';
import { failureText } from '../failure-text';
import { useOneAtATime, type Click } from '../one-at-a-time';

/** Replies the popup lists for a search: what fits its window without scrolling. */
const POPUP_HITS = 8;
const NO_HOSTS: readonly string[] = [];

const NO_REPLIES: Reply[] = [];

function bodyLangFor(reply: Reply, wanted: Lang): Lang {
  if (reply.body[wanted].trim()) return wanted;
  return (['zh-CN', 'zh-TW', 'en'] as const).find((l) => reply.body[l].trim()) ?? wanted;
}

export function PopupApp({ shell }: { shell: PopupShell }) {
  const { t, lang, settings } = useI18n();
  const [tabId, setTabId] = useState<number | null>(null);
  const [host, setHost] = useState<string | null>(null);
  const [state, setState] = useState<PageState | null | 'off'>(null);
  const [siteStatus, setSiteStatus] = useState('');
  const [sidebarStatus, setSidebarStatus] = useState('');
  // What the agent typed before the app attached is the first query.
  const [query, setQuery] = useState(() => shell.search.value);
  const [selected, setSelected] = useState(0);
  const [insertStatus, setInsertStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const replyCount = useLiveQuery(() => getDb().replies.count(), []);
  // Read on the first keystroke only: with thousands of replies, loading them at open would delay the status and the switch.
  const wantReplies = query.trim() !== '';
  const replies = useLiveQuery(async (): Promise<Reply[] | undefined> => (wantReplies ? getDb().replies.toArray() : undefined), [wantReplies]);

  async function refreshState(id: number) {
    const next = await pageState(id);
    setState(next);
    shell.showState(next);
  }

  useEffect(() => {
    void shell.status.then((s) => {
      setTabId(s.tabId);
      setHost(s.host);
      setState(s.state);
    });
  }, [shell]);

  // The settings' language wins over the one the first frame guessed.
  useEffect(() => shell.setLang(lang), [shell, lang]);

  // The worker (and its pinyin dictionaries) starts on the first keystroke, not at open.
  const search = useReplySearch(replies ?? NO_REPLIES, wantReplies ? query : '', null, POPUP_HITS);
  const hits = wantReplies && replies ? search.hits : [];
  // The row ↓ / ↑ chose, held within the hits as they are now. An arrow pressed before the hits arrived (typed, ↓,
  // Enter in one go, while the search worker was still answering) set -1: no row was marked and Enter did nothing.
  const at = Math.max(0, Math.min(selected, hits.length - 1));
  const current = hits[at]?.reply ?? null;
  // Enter typed faster than the worker answered (or before this app loaded) inserts the answer to the last keystroke.
  const enterQueued = useRef(false);
  const ready = !!replies && !search.pending;
  useEffect(() => {
    if (!ready || !enterQueued.current) return;
    enterQueued.current = false;
    if (current) void insert(current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);
  const live = state !== null && state !== 'off';
  const builtIn = host !== null && isBuiltInHost(host);
  const enabledByUser = host !== null && (settings?.enabledHosts ?? []).includes(host);
  // What settings say (a switched-off built-in host keeps running in an open tab until it reloads).
  const switchedOn = host !== null && !!settings && (builtIn ? !settings.disabledHosts.includes(host) : enabledByUser);
  // Switched on, but its site access withdrawn in the browser: "reload to apply" would not bring it back (an overlay
  // still running in this tab stops at its next load); ticking does.
  const withdrawn = useWithdrawnHosts(enabledByUser && host ? [host] : NO_HOSTS).size > 0;

  // One insert at a time: Enter pressed twice (or a hit double-clicked) while the page had not answered yet found
  // the query still in the box and wrote the reply into the buyer's chat box twice.
  const inserting = useOneAtATime();
  const insert = (reply: Reply, click?: Click) => inserting.run(() => insertNow(reply), click);

  async function insertNow(reply: Reply) {
    if (tabId === null || !live) return;
    const context = state.context;
    const bodyLang = bodyLangFor(reply, context.buyerLang ?? settings?.replyLang ?? 'zh-CN');
    const rendered = renderTemplate(reply.body[bodyLang], { lang: bodyLang, context, settings, uiLang: settings?.uiLang });
    // A value only the agent knows is asked in the sidebar; never send "{buyer}" out.
    if (!rendered.complete) {
      // Named as the UI writes a list ("尺码、颜色" in Chinese, was "尺码, 颜色"); "fill it in" for one value.
      const needs = rendered.missing.filter((m) => !m.optional).map((m) => m.label);
      setInsertStatus({ ok: false, text: t(countKey(lang, needs.length, 'popupNeedsValuesOne', 'popupNeedsValues'), { names: needs.join(t('listSeparator')) }) });
      return;
    }
    try {
      const res = await askOverlay(tabId, 'overlay:insert', { text: rendered.text, cursorOffset: rendered.cursor, reviewKey: null, replaceBefore: null });
      if (res.ok) {
        await askBackground('reply:use', { replyId: reply.id, site: state.site }).catch(() => null);
        setInsertStatus({ ok: true, text: t('inserted') });
        shell.search.value = '';
        setQuery('');
      } else if (res.reason === 'clipboard-needed') {
        // The chat box refused every strategy: the overlay's copy needs the page's focus, which the popup holds.
        const copied = await onClipboardForPaste(res, rendered.text);
        setInsertStatus({ ok: false, text: t(copied ? 'copyInstead' : 'copyFailed') });
        // Handed over for the agent's Ctrl+V: used, as in the sidebar.
        if (copied) await askBackground('reply:use', { replyId: reply.id, site: state.site }).catch(() => null);
      } else {
        setInsertStatus({ ok: false, text: t('insertFailedWhy', { why: whyNotInserted(t, 'chat', res) }) });
      }
    } catch (e) {
      // Thrown before the page answered (no Xiaoer in the tab, or reloaded under it): said in the UI language, as the sidebar does.
      setInsertStatus({ ok: false, text: t('insertFailedWhy', { why: whyInsertThrew(t, e) }) });
    }
  }

  // The search box belongs to the shell; the app listens to it. The handler is
  // re-read on every render (a ref), so the listeners are attached once.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      // Before the hits arrive the press is counted, and it applies to them once they do.
      setSelected((s) => Math.min(s + 1, (hits.length || POPUP_HITS) - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max((hits.length ? Math.min(s, hits.length - 1) : s) - 1, 0));
    } else if (e.key === 'Enter' && !e.isComposing && shell.search.value.trim()) {
      e.preventDefault();
      if (!ready) enterQueued.current = true;
      else if (current) void insert(current);
    }
  };
  useEffect(() => {
    const input = shell.search;
    const onInput = () => {
      setQuery(input.value);
      setSelected(0);
      setInsertStatus(null);
    };
    const onKeyDown = (e: KeyboardEvent) => onKey.current(e);
    input.addEventListener('input', onInput);
    input.addEventListener('keydown', onKeyDown);
    shell.attach();
    // Typed and Enter pressed before this app loaded.
    setQuery(input.value);
    if (shell.takeQueuedEnter()) enterQueued.current = true;
    return () => {
      input.removeEventListener('input', onInput);
      input.removeEventListener('keydown', onKeyDown);
    };
  }, [shell]);

  return (
    <>
      {createPortal(replyCount === undefined ? '' : t(countKey(lang, replyCount, 'replyCountOne', 'replyCount'), { n: replyCount }), shell.countSlot)}
      {host && state !== null && (state === 'off' || enabledByUser || builtIn)
        ? createPortal(
            <label className="site-switch">
              <input
                type="checkbox"
                data-testid="popup-enable-site"
                checked={builtIn ? switchedOn : live}
                onChange={(e) => {
                  setSiteStatus('');
                  const id = tabId;
                  // The permission request must be the first thing the click awaits (user gesture).
                  const work = e.target.checked ? enableHost(host, id) : askBackground('site:set-enabled', { host, enabled: false, tabId: null }).then(() => undefined);
                  work.then(
                    () => (id === null ? undefined : setTimeout(() => void refreshState(id), 300)),
                    (err: unknown) => setSiteStatus(err instanceof Error && err.message === 'permission-denied' ? t('permissionDenied') : failureText(err, t)),
                  );
                }}
              />{' '}
              {t('enableOnHost', { host })}
              {withdrawn ? (
                <span className="error small" data-testid="popup-access-withdrawn">
                  {' '}
                  {t('hostAccessWithdrawn', { host })}
                </span>
              ) : settings && switchedOn !== live ? (
                <span className="muted small" data-testid="popup-reload-hint">
                  {' '}
                  {t('reloadToApply')}
                </span>
              ) : null}
              {siteStatus ? <span className="error small"> {siteStatus}</span> : null}
            </label>,
            shell.switchSlot,
          )
        : null}
      {createPortal(
        <>
          {hits.length ? (
            <ul className="popup-hits" role="listbox" data-testid="popup-hits">
              {hits.map((h, i) => (
                <li key={h.reply.id} role="option" aria-selected={i === at} data-testid="popup-hit" onMouseDown={(e) => e.preventDefault()} onClick={(e) => void insert(h.reply, e)}>
                  <strong>{h.reply.title}</strong> {h.reply.shortcut ? <code>{h.reply.shortcut}</code> : null}
                </li>
              ))}
            </ul>
          ) : wantReplies && ready && !insertStatus ? (
            // Said, not left blank: a typo and Enter did nothing and said nothing, and the agent looked at the chat box
            // for a reply that never came (an empty library too — a seller on day one, before any import).
            <p className="muted small" role="status" data-testid="popup-no-hits">
              {t(replyCount === 0 ? 'popupLibraryEmpty' : 'noReplies')}
            </p>
          ) : null}
          {insertStatus ? (
            <p className={insertStatus.ok ? 'ok small' : 'error small'} role="status" data-testid="popup-insert-status">
              {insertStatus.text}
            </p>
          ) : null}
        </>,
        shell.searchSlot,
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="popup-open-sidebar"
          disabled={tabId === null || !live}
          onClick={async () => {
            if (tabId === null) return;
            setSidebarStatus('');
            try {
              await askBackground('sidebar:toggle', { tabId, open: true });
            } catch (e) {
              // The tab was reloaded, closed or left for a page Xiaoer does not run on since the popup opened: the
              // button did nothing and the popup said nothing (the request's rejection went unhandled).
              // (Chrome's "Could not establish connection" from the tab reads as the background's own failure to
              // knownFailure: "try again" would fail the same way.)
              setSidebarStatus(captureFailure(e) === 'reloaded' ? t('errReloaded') : t('notConnected'));
              return;
            }
            window.close();
          }}
        >
          {t('openSidebar')}
        </button>
        <button type="button" data-testid="popup-open-dashboard" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openDashboard')}
        </button>
      </div>
      {sidebarStatus ? (
        <p className="error small" role="status" data-testid="popup-sidebar-status">
          {sidebarStatus}
        </p>
      ) : null}
      {/* Capture buttons (visible area, chat as evidence, full page) belong to the evidence tool; it mounts them here. */}
      <PopupCapture tabId={tabId} />
    </>
  );
}

/** Loaded behind the first frame (entrypoints/popup/main.ts): React, the database, the search worker. */
export function startPopupApp(shell: PopupShell): void {
  mountStorePage(<PopupApp shell={shell} />, shell.appRoot);
}
