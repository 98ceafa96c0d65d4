/**
 * Wires the overlay together: the toggle tab, the sidebar frame, composer memory,
 * Tab shortcut expansion, the page reader and the command channel from our
 * extension pages.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { OverlayCommands, envelope, fail, parseIncoming, type Result, type ShortcutTable, type OverlayCommandType } from '../../lib/messaging';
import { trackComposer, restoreComposer, insertIntoComposer } from '../../lib/insert';
import { createPageReader } from './page-reader';
import { createSidebarFrame } from './sidebar-frame';
import { createToggleTab } from './toggle-tab';
import { createShortcutExpander } from './shortcut-expansion';

export function startOverlay(ctx: ContentScriptContext): void {
  const reader = createPageReader();
  const ports = new Set<ReturnType<typeof browser.runtime.connect>>();

  const sidebar = createSidebarFrame(ctx, {
    onOpenChange: (open) => toggleTab.setOpen(open),
  });
  const toggleTab = createToggleTab(ctx, () => sidebar.toggle());

  // Remember the composer the agent was typing in: a click in the sidebar frame
  // moves focus out of the page, and insertion must go back to the same place.
  ctx.onInvalidated(trackComposer(document));

  const expander = createShortcutExpander(ctx, {
    reader,
    onUsed: (replyId) => void request('reply:used', { replyId, site: reader.siteId() }),
    onNeedsInput: (replyId) => {
      sidebar.open();
      push({ type: 'fill', replyId });
    },
  });

  // The shortcut table arrives once the page is idle, so the first Tab after load
  // needs no round trip; later changes are pushed by the background.
  const loadTable = () =>
    request('shortcuts:get', {}).then((res) => {
      if (res.ok) expander.setTable(res.value as ShortcutTable);
    });
  if ('requestIdleCallback' in window) requestIdleCallback(() => void loadTable(), { timeout: 1500 });
  else setTimeout(() => void loadTable(), 200);

  // The page observer runs only while a sidebar is connected: one batched
  // MutationObserver, handled in an animation frame.
  let observer: MutationObserver | null = null;
  let scheduled = false;
  let lastStateJson = '';
  const pushStateIfChanged = () => {
    scheduled = false;
    const state = reader.state();
    const json = JSON.stringify(state);
    if (json === lastStateJson) return;
    lastStateJson = json;
    push({ type: 'state', state });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(pushStateIfChanged);
  };
  const startObserver = () => {
    if (observer) return;
    observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['currentuid', 'title', 'class'] });
  };
  const stopObserver = () => {
    observer?.disconnect();
    observer = null;
  };
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  ctx.addEventListener(window, 'hashchange', schedule);
  ctx.onInvalidated(stopObserver);

  function push(event: unknown) {
    for (const port of ports) {
      try {
        port.postMessage(event);
      } catch {
        ports.delete(port);
      }
    }
  }

  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  browser.runtime.onConnect.addListener((port) => {
    // Only our own sidebar page may connect: decided by the browser's sender record.
    const url = port.sender?.url ?? '';
    if (port.name !== 'xiaoer-sidebar' || port.sender?.id !== browser.runtime.id || !url.startsWith(extensionOrigin + '/')) {
      port.disconnect();
      return;
    }
    ports.add(port);
    lastStateJson = '';
    startObserver();
    schedule();
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size === 0) stopObserver();
    });
  });

  type Handlers = { [T in OverlayCommandType]: (payload: never) => Promise<unknown> | unknown };
  const handlers: Handlers = {
    'overlay:state': () => reader.state(),
    'overlay:messages': () => reader.messages(),
    'overlay:insert': async (p: { text: string; cursorOffset: number | null; reviewKey: string | null }) => {
      const target = p.reviewKey ? reader.reviewReplyBox(p.reviewKey) : restoreComposer() ?? reader.composer();
      if (!target) return { ok: false, reason: 'no-target', message: 'No chat input found on this page.' };
      if (p.reviewKey) target.focus();
      return insertIntoComposer(target, p.text, { cursorOffset: p.cursorOffset ?? undefined });
    },
    'overlay:sidebar': (p: { open?: boolean; focusSearch?: boolean }) => {
      const open = p.open ?? !sidebar.isOpen();
      if (open) sidebar.open();
      else sidebar.close();
      if (open && p.focusSearch) push({ type: 'focus-search' });
      return { open };
    },
    'overlay:shortcuts': (table: ShortcutTable) => {
      expander.setTable(table);
      return {};
    },
  };

  const onMessage = (raw: unknown, sender: { id?: string }): Promise<Result<unknown>> | undefined => {
    // Commands reach a content script only from our own extension (background or
    // extension pages); a page cannot call runtime.onMessage. Still check the id.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseIncoming(OverlayCommands, raw);
    if (!parsed.ok) return Promise.resolve(parsed);
    const handler = handlers[parsed.type] as (payload: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(parsed.payload))
      .then((value) => ({ ok: true as const, value }))
      .catch((e: unknown) => fail('failed', e instanceof Error ? e.message : String(e)));
  };
  browser.runtime.onMessage.addListener(onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage as Parameters<typeof browser.runtime.onMessage.removeListener>[0]));
}

async function request(type: string, payload: unknown): Promise<Result<unknown>> {
  try {
    const res = (await browser.runtime.sendMessage(envelope(type, payload))) as Result<unknown> | undefined;
    return res ?? fail('failed', 'no reply');
  } catch (e) {
    // The extension was reloaded or the worker is starting: the caller degrades.
    return fail('failed', e instanceof Error ? e.message : String(e));
  }
}
