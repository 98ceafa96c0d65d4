/**
 * The popup's first frame, in plain DOM: header, the tab's status and the
 * reply search box. An agent opens the popup mid-chat to type a few letters
 * and press Enter, so this part must be usable at once; React, the database
 * and the search worker (popup-app.tsx) load behind it and attach to these
 * same elements — the search box is never replaced, so typing (and a Chinese
 * IME composition) that started before the app arrived carries on untouched.
 *
 * Measured on this 2-core machine (fastest of 20 loads): an empty extension
 * page's one-line module ran ~50 ms after navigation start, React alone added
 * ~30 ms, the popup's whole old graph (React, Dexie, the i18n tables, the
 * protocol) ~75 ms. The dashboard bench prints the empty page's figure beside
 * the popup's, as the floor of the machine it ran on.
 * Only text from our own tables and the overlay's validated answer reaches the
 * DOM, always as textContent.
 */
import { firstFrame } from '../../lib/i18n/first-frame';
import type { Lang } from '../../lib/schema';
import type { PageState } from '../../lib/messaging';
import type { TabStatus } from './tab-status';
import { pageSiteName } from '../site-names';

type ShellKey = keyof (typeof firstFrame)['en'];

export interface PopupShell {
  /** The tab-status round trip started with the first frame (the app reads it; it is not asked twice). */
  readonly status: Promise<TabStatus>;
  /** Header slot for the reply count (the app fills it). */
  readonly countSlot: HTMLElement;
  /** Between the status line and the search box: the enable-for-this-site switch. */
  readonly switchSlot: HTMLElement;
  readonly search: HTMLInputElement;
  /** Under the search box: hits and the insert result. */
  readonly searchSlot: HTMLElement;
  /** Below: the app's actions. */
  readonly appRoot: HTMLElement;
  /** Writes the status line and enables the search box when Xiaoer runs in the tab. */
  showState(state: PageState | 'off' | null): void;
  /** Re-labels the first frame when the settings' language differs from the one it painted in. */
  setLang(lang: Lang): void;
  /** True once if Enter was pressed in the search box (with a query) before the app attached. */
  takeQueuedEnter(): boolean;
  /** The app took over the keyboard: the shell stops queueing Enter. */
  attach(): void;
}

function text(lang: Lang, key: ShellKey): string {
  return firstFrame[lang][key] || firstFrame.en[key];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, testId?: string): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  if (testId) node.setAttribute('data-testid', testId);
  return node;
}

const SOURCE_KEY: Record<PageState['source'], ShellKey> = { dedicated: 'sourceDedicated', generic: 'sourceGeneric', taught: 'sourceTaught' };

export function mountPopupShell(container: HTMLElement, firstLang: Lang, status: Promise<TabStatus>): PopupShell {
  let lang = firstLang;
  let state: PageState | 'off' | null = null;
  let attached = false;
  let enterQueued = false;

  const title = el('strong');
  const countSlot = el('span', { className: 'muted' }, 'popup-reply-count');
  const header = el('header');
  header.append(title, countSlot);

  const statusLabel = el('span', { className: 'muted' });
  const statusValue = el('span');
  const statusLine = el('section', { className: 'status' }, 'popup-status');
  statusLine.append(statusLabel, statusValue);

  const switchSlot = el('div', { className: 'popup-switch' });
  // Disabled until the tab answers: Enter must have a page to insert into.
  const search = el('input', { type: 'search', disabled: true }, 'popup-search');
  const searchSlot = el('div');
  const searchBox = el('div', { className: 'popup-search' });
  searchBox.append(search, searchSlot);
  const appRoot = el('div', { className: 'popup-app' });

  const frame = el('div', { className: 'popup' });
  frame.append(header, statusLine, switchSlot, searchBox, appRoot);

  const label = () => {
    document.documentElement.lang = lang;
    title.textContent = text(lang, 'appName');
    statusLabel.textContent = text(lang, 'popupStatus') + text(lang, 'colon');
    statusValue.textContent = state === null ? '…' : state === 'off' ? text(lang, 'statusNotEnabled') : `${pageSiteName((key) => text(lang, key), state)} · ${text(lang, SOURCE_KEY[state.source])}`;
    search.placeholder = text(lang, 'searchReplies');
  };

  search.addEventListener('keydown', (e) => {
    if (attached || e.key !== 'Enter' || !search.value.trim() || e.isComposing) return;
    e.preventDefault();
    enterQueued = true;
  });

  const shell: PopupShell = {
    status,
    countSlot,
    switchSlot,
    search,
    searchSlot,
    appRoot,
    showState(next) {
      state = next;
      label();
      const live = next !== null && next !== 'off';
      const wasDisabled = search.disabled;
      search.disabled = !live;
      if (live && wasDisabled) search.focus();
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      label();
    },
    takeQueuedEnter() {
      const queued = enterQueued;
      enterQueued = false;
      return queued;
    },
    attach() {
      attached = true;
    },
  };
  label();
  container.replaceChildren(frame);
  void status.then((s) => shell.showState(s.state));
  return shell;
}
