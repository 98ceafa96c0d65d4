/**
 * The overlay: Xiaoer's only script injected into marketplace pages, split in two
 * so a page load stays cheap (budget: 25 KB gzip, ≤ 2 ms main-thread time):
 *
 * - this base, always loaded: the toggle tab, the sidebar frame, and listeners
 *   that wake the core;
 * - the core (overlay-core.js: site adapters, template engine, insertion chain,
 *   message handling), imported into this isolated world the first time the agent
 *   acts — focuses a text box, opens the sidebar, or sends a command. Typing a
 *   shortcut follows a focus, so Tab expansion usually finds the core loaded; a Tab
 *   typed sooner is held until it is (early-tab.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MARKETPLACE_HOST_PATTERNS } from '../../lib/sites/hosts';
import { SIDEBAR_ROOM_PORT } from '../../lib/sidebar-room';
import { createSidebarFrame } from './sidebar-frame';
import { createToggleTab } from './toggle-tab';
import { createEarlyTabHolder } from './early-tab';
import type { OverlayCore, OverlayShell } from './shell';

export default defineContentScript({
  // The production host list; the e2e build adds the demo marketplace in wxt.config.ts.
  matches: [...MARKETPLACE_HOST_PATTERNS],
  runAt: 'document_idle',
  main(ctx) {
    // Load-once guard: a second injection into the same document (extension update
    // re-injecting, or a manual scripting call) must not double the listeners. The
    // flag lives in our isolated world, so the page can neither see nor set it.
    const g = globalThis as unknown as { __xiaoerOverlay?: boolean };
    if (g.__xiaoerOverlay) return;
    g.__xiaoerOverlay = true;
    ctx.onInvalidated(() => {
      g.__xiaoerOverlay = false;
    });
    // A built-in host the seller switched off (popup / dashboard Sites): no toggle tab, no Tab expansion.
    // The flag is dropped so the popup's switch-on can inject us again without a reload.
    browser.runtime.sendMessage({ xiaoer: 1, type: 'page:enabled', payload: { host: location.hostname } }).then(
      (res: unknown) => {
        const value = (res as { value?: { enabled?: boolean; names?: unknown } } | undefined)?.value;
        if (value?.enabled === false) g.__xiaoerOverlay = false;
        else startBase(ctx, overlayNames(value?.names));
      },
      () => startBase(ctx, null),
    );
  },
});

/**
 * The toggle tab's tooltip and the sidebar frame's title in the UI language, as the background sent them
 * (page:enabled); null without them (the English defaults stay). Checked by hand: no zod in this base.
 */
function overlayNames(raw: unknown): { tab: string; frame: string } | null {
  const n = raw as { tab?: unknown; frame?: unknown } | null | undefined;
  const ok = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '' && s.length <= 100;
  return n && ok(n.tab) && ok(n.frame) ? { tab: n.tab, frame: n.frame } : null;
}

function startBase(ctx: ContentScriptContext, names: { tab: string; frame: string } | null): void {
  let core: OverlayCore | null = null;
  let loading: Promise<OverlayCore> | null = null;
  /** The core and its shortcut table are in: Tab expansion is the core's. */
  let ready = false;

  const sidebar = createSidebarFrame(ctx, {
    title: names?.frame ?? null,
    onOpenChange: (open) => {
      toggleTab.setOpen(open);
      if (open) void loadCore();
    },
    onClosedWithFocus: () => {
      if (core) core.returnFocus();
      else (document.activeElement as HTMLElement | null)?.blur();
    },
  });
  const toggleTab = createToggleTab(ctx, () => sidebar.toggle(), names?.tab ?? null);
  const shell: OverlayShell = {
    ctx,
    sidebar,
    shortcutTable: null,
    rename: (names) => {
      toggleTab.setTitle(names.tab);
      sidebar.setTitle(names.frame);
    },
  };

  function loadCore(): Promise<OverlayCore> {
    if (core) return Promise.resolve(core);
    // Ask for the shortcut table while the core is being imported, not after: an agent
    // who focuses and types a shortcut at once should find it loaded.
    shell.shortcutTable ??= browser.runtime.sendMessage({ xiaoer: 1, type: 'shortcuts:get', payload: {} }).catch(() => null);
    loading ??= import(/* @vite-ignore */ browser.runtime.getURL('/overlay-core.js'))
      .then(() => {
        const start = (globalThis as unknown as { __xiaoerStartCore?: (shell: OverlayShell) => OverlayCore }).__xiaoerStartCore;
        if (!start) throw new Error('overlay core did not register');
        core = start(shell);
        void core.whenReady().then(() => (ready = true));
        return core;
      })
      .catch((e: unknown) => {
        loading = null;
        throw e;
      });
    return loading;
  }

  // Wake the core when the agent enters a text box (before any shortcut is typed);
  // it then remembers the composer and its selection from that very event.
  const isEditable = (el: EventTarget | undefined): el is Element =>
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && /^(text|search|)$/.test(el.type)) ||
    (el instanceof HTMLElement && el.isContentEditable) ||
    (el instanceof HTMLElement && el.tagName.includes('-') && el.shadowRoot !== null);
  ctx.addEventListener(
    document,
    'focusin',
    (event) => {
      if (core) return;
      const target = event.composedPath()[0];
      if (isEditable(target)) void loadCore().then((c) => c.remember(target));
    },
    { capture: true },
  );
  // If focus is already in a text box when we load (agent was typing), wake now.
  const active = deepActive();
  if (active && isEditable(active)) void loadCore().then((c) => c.remember(active));

  // Tab expansion must decide synchronously: until the core can, a Tab after a word is held for it.
  const earlyTab = createEarlyTabHolder({
    ready: () => loadCore().then((c) => c.whenReady().then(() => c)),
    // The core could not load (extension reloaded under the page): the keys typed after the Tab go back as typed.
    fallback: ({ composer, keys }) => {
      const text = keys.filter((k) => [...k.key].length === 1).map((k) => k.key).join('');
      if (!text) return;
      composer.focus();
      document.execCommand('insertText', false, text);
    },
  });
  ctx.addEventListener(document, 'keydown', (event) => (ready && core ? core.keydown(event) : earlyTab(event)), { capture: true });

  // Commands from our extension (sidebar, popup, background) and the sidebar's port.
  const onMessage = (raw: unknown, sender: { id?: string }) => {
    // Only our own extension can reach runtime.onMessage of a content script; still check the id.
    if (sender.id !== browser.runtime.id) return undefined;
    // The seller switched this host off (lib/messaging.ts OVERLAY_SHUTDOWN): everything hangs off
    // ctx (toggle tab, sidebar frame, listeners, the core's observers), so aborting it removes us;
    // the load-once flag drops with it, so switching back on can inject us again.
    const msg = raw as { type?: unknown; payload?: { host?: unknown } } | null;
    if (msg?.type === 'overlay:shutdown') {
      if (msg.payload?.host !== location.hostname) return undefined;
      ctx.abort('switched off for this site');
      return Promise.resolve({ ok: true, value: {} });
    }
    // A shortcut table pushed to a page whose core never woke (no chat box entered, no sidebar opened): every
    // library or settings change loaded the ~290 KB core into every open marketplace tab for it. The base takes
    // the words the table names (the toggle tab, the frame: a language switch shows at once); the core asks
    // for a fresh table when it wakes.
    if (msg?.type === 'overlay:shortcuts' && !loading) {
      const words = overlayNames((msg.payload as { words?: unknown } | undefined)?.words);
      if (words) shell.rename(words);
      shell.shortcutTable = null;
      return Promise.resolve({ ok: true, value: {} });
    }
    return loadCore().then((c) => c.handleMessage(raw));
  };
  browser.runtime.onMessage.addListener(onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage as Parameters<typeof browser.runtime.onMessage.removeListener>[0]));
  const onConnect = (port: ReturnType<typeof browser.runtime.connect>) => {
    // The sidebar asking whether the page makes room for it: the frame knows, no core needed.
    if (port.name === SIDEBAR_ROOM_PORT) return sidebar.watchRoom(port);
    void loadCore().then((c) => c.connect(port));
  };
  browser.runtime.onConnect.addListener(onConnect);
  ctx.onInvalidated(() => browser.runtime.onConnect.removeListener(onConnect));
}

function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body ? el : null;
}
