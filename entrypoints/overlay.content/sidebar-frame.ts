/**
 * The sidebar is an extension page (sidebar.html) in an iframe over the
 * marketplace page: the page cannot read the seller's library, notes or
 * evidence, and this content script carries no React. Created on first open only.
 *
 * Over the page, or beside it: by default the frame covers the page's right edge;
 * "beside the page" (the sidebar's header button; the sidebar page remembers it per
 * site — storage is not open to content scripts) gives the page a right margin of the sidebar's width while it is open, so a review list's
 * Submit buttons or a chat's order panel at the right edge stay in reach (a
 * centred 960 px review page at 1600 px had its buttons under the sidebar).
 * The margin is on <html>, so it narrows pages laid out in the flow; an app shell
 * sized to the viewport (position: fixed / absolute on the window) does not move,
 * and stays covered as before.
 *
 * The margin is a rule of our own stylesheet on <html> marked with ROOM_ATTRIBUTE, not
 * the page's inline style: a page that sets its own margin on <html> while the sidebar
 * is beside it overwrote an inline margin (the sidebar covered the page again) and got
 * its old margin back on close. An !important rule outranks the page's inline margin and
 * leaves that value alone; a screenshot's inline 0px !important still outranks the rule.
 *
 * The room includes the toggle tab (it sits left of the open sidebar), so the page's rightmost
 * control is not under the tab. And only a window wide enough to leave the page MIN_PAGE_BESIDE px
 * gets a room: in a 700 px window the 400 px sidebar left the page 300 px (a shop back office laid
 * out for 1000+ px, wrapped into a column of clipped tables), worse than being covered. Narrower,
 * the sidebar covers the page as before; the seller's choice stays on, applies again once the
 * window is widened (checked on every resize), and the sidebar is told (SIDEBAR_ROOM_PORT) so its
 * button can say why the page did not narrow.
 */
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { FRAME_TITLE_MAX, SIDEBAR_ROOM_PORT, type SidebarRoomReport } from '../../lib/sidebar-room';
import { ROOM_ATTRIBUTE } from './shell';
import { TOGGLE_TAB_WIDTH } from './toggle-tab';

export const SIDEBAR_WIDTH = 'min(400px, 92vw)';
/** The page's right margin beside the sidebar: the sidebar and the open toggle tab left of it. */
const ROOM_WIDTH = `calc(${SIDEBAR_WIDTH} + ${TOGGLE_TAB_WIDTH}px)`;
/** Narrowest page worth putting beside the sidebar (CSS px): a phone-width layout still works; narrower, covered is better. */
export const MIN_PAGE_BESIDE = 480;
/**
 * Whether a window this wide (window.innerWidth, CSS px) leaves the page MIN_PAGE_BESIDE px beside the
 * sidebar (SIDEBAR_WIDTH; vw counts the scrollbar, as innerWidth does) and its tab. The page's own scrollbar is
 * left out on purpose: it comes and goes as the narrowed page grows taller, and the room must not flip with it.
 */
export function roomFits(innerWidth: number): boolean {
  return innerWidth - Math.min(400, 0.92 * innerWidth) - TOGGLE_TAB_WIDTH >= MIN_PAGE_BESIDE;
}
/** The narrowest such window, for the sidebar's note. */
export const ROOM_MIN_WINDOW = MIN_PAGE_BESIDE + 400 + TOGGLE_TAB_WIDTH;

export function createSidebarFrame(ctx: ContentScriptContext, opts: { title: string | null; onOpenChange: (open: boolean) => void; onClosedWithFocus: () => void }) {
  let ui: ReturnType<typeof createIframeUi> | null = null;
  let open = false;
  let beside = false;
  let room: HTMLStyleElement | null = null;
  /** The sidebar pages listening for the room (normally one); told on every change. */
  const watchers = new Set<ReturnType<typeof browser.runtime.connect>>();
  let reported = '';
  /** The frame's title in the UI language: from page:enabled, then as the language switches (setTitle). */
  let title = opts.title;

  const report = (): SidebarRoomReport => ({ beside, fits: roomFits(window.innerWidth), minWindow: ROOM_MIN_WINDOW });
  const tell = (now: SidebarRoomReport) => {
    const text = JSON.stringify(now);
    if (text === reported) return;
    reported = text;
    for (const port of watchers) port.postMessage(now);
  };

  const layout = () => {
    const root = document.documentElement;
    const now = report();
    if (open && beside && now.fits) {
      if (!room) {
        room = document.createElement('style');
        room.setAttribute('data-xiaoer-room-style', '');
        // Text, not HTML: a fixed rule of ours.
        room.textContent = `html[${ROOM_ATTRIBUTE}] { margin-right: ${ROOM_WIDTH} !important; }`;
      }
      // (Re)attached: a page that rewrote its <head> may have dropped it.
      if (!room.isConnected) (document.head ?? root).append(room);
      root.setAttribute(ROOM_ATTRIBUTE, '');
    } else {
      root.removeAttribute(ROOM_ATTRIBUTE);
      room?.remove();
    }
    tell(now);
  };
  // A window made narrower (or wider) while the sidebar is open or a sidebar page listens: the room
  // follows. Listened to only then — every marketplace page loads this file, most never open the sidebar.
  let resizing = false;
  const onResize = () => layout();
  const followResize = () => {
    const want = (open || watchers.size > 0) && !ctx.isInvalid;
    if (want === resizing) return;
    resizing = want;
    if (want) window.addEventListener('resize', onResize);
    else window.removeEventListener('resize', onResize);
  };
  ctx.onInvalidated(() => {
    open = false;
    layout();
    for (const port of watchers) port.disconnect();
    watchers.clear();
    followResize();
  });
  /** `keepKeys`: created for a fill-in — the sidebar must not take the keyboard as it loads (replies-panel.tsx). */
  const ensure = (keepKeys: boolean) => {
    if (ui) return ui;
    ui = createIframeUi(ctx, {
      page: (keepKeys ? '/sidebar.html?keys=page' : '/sidebar.html') as '/sidebar.html',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      // Clipboard writes for Copy image (a screenshot just taken) and the reply's clipboard fallback; every copy
      // failed with "blocked because of a permissions policy". `allow="clipboard-write"` alone names the src's
      // origin: the per-session dynamic URL (wxt.config.ts), which redirects to the extension's fixed origin, so
      // the policy did not reach the sidebar that loads there. `*` reaches it without writing the fixed ID into
      // the page's DOM (hidden from pages on purpose); the frame only ever holds our sidebar. Set before the mount:
      // the policy is fixed when the frame starts loading.
      onBeforeMount: (_wrapper, iframe) => iframe.setAttribute('allow', 'clipboard-write *'),
      onMount: (wrapper, iframe) => {
        wrapper.setAttribute('data-xiaoer', 'sidebar');
        Object.assign(wrapper.style, {
          position: 'fixed', top: '0', right: '0', bottom: '0', width: SIDEBAR_WIDTH, zIndex: '2147483647',
          boxShadow: '-4px 0 16px rgba(0,0,0,.18)', background: '#fff', display: 'none',
        } satisfies Partial<CSSStyleDeclaration>);
        Object.assign(iframe.style, { width: '100%', height: '100%', border: '0', display: 'block', colorScheme: 'normal' });
        // The UI language's name from the start (page:enabled, then setTitle); the sidebar page renames it live too (watchRoom).
        iframe.setAttribute('title', title ?? 'Xiaoer');
        iframe.setAttribute('data-testid', 'xiaoer-sidebar-frame');
      },
    });
    ui.mount();
    return ui;
  };

  /** `focus` false: the page keeps the keyboard (a fill-in's keys are held there until its form is ready). */
  const setOpen = (next: boolean, focus = true) => {
    if (next === open && ui) return;
    const frame = ensure(!focus);
    open = next;
    // Hiding the frame does not move the keyboard out of it: what the agent typed next went nowhere.
    const hadFocus = !open && document.activeElement === frame.iframe;
    frame.wrapper.style.display = open ? 'block' : 'none';
    layout();
    followResize();
    if (open && focus) frame.iframe.focus();
    opts.onOpenChange(open);
    if (hadFocus) opts.onClosedWithFocus();
  };

  return {
    open: () => setOpen(true),
    /** Open for a fill-in: the keyboard stays in the page until the form asks for it (focusFrame). */
    openKeepingKeys: () => setOpen(true, false),
    /** The keyboard into the open sidebar. */
    focusFrame: () => {
      // Not when the frame has the keyboard already: focusing it again blurs its field and focuses it
      // back, and a key typed in between reaches neither.
      if (open && ui && document.activeElement !== ui.iframe) ui.iframe.focus();
    },
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    isOpen: () => open,
    /** The UI language switched (the shortcut table's words): a frame made later, or one whose page has not named it yet, says it in the new one. */
    setTitle: (next: string) => {
      title = next;
      ui?.iframe.setAttribute('title', next);
    },
    /**
     * Whether the open sidebar lies over any of `els` (a review's reply box and its submit button: at 1366×768 the
     * demo review page's 提交回复 sat under it, and the seller was told to submit a reply they could not reach):
     * 'beside' when putting the sidebar beside the page would uncover them, 'close' when the window is too narrow
     * for that; null when nothing is covered.
     */
    covers: (els: readonly Element[]): 'beside' | 'close' | null => {
      if (!open || !ui || (beside && roomFits(window.innerWidth))) return null;
      const frame = ui.iframe.getBoundingClientRect();
      if (frame.width === 0 || frame.height === 0) return null;
      const under = els.some((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > frame.left && r.left < frame.right && r.bottom > frame.top && r.top < frame.bottom;
      });
      return under ? (roomFits(window.innerWidth) ? 'beside' : 'close') : null;
    },
    /** Whether the page makes room for the sidebar (applied while it is open). */
    beside: () => beside,
    setBeside: (next: boolean) => {
      beside = next;
      layout();
    },
    /** A sidebar page's port (SIDEBAR_ROOM_PORT): told the room now and on every change. Only our own extension's pages. */
    watchRoom: (port: ReturnType<typeof browser.runtime.connect>) => {
      if (port.sender?.id !== browser.runtime.id || !(port.sender.url ?? '').startsWith(browser.runtime.getURL('/'))) {
        port.disconnect();
        return;
      }
      watchers.add(port);
      followResize();
      // The sidebar names its frame in the UI language (the title is the frame's accessible name); we
      // cannot read the settings here. Set as an attribute, never HTML.
      port.onMessage.addListener((raw: unknown) => {
        const title = (raw as { title?: unknown } | null)?.title;
        if (ui && typeof title === 'string' && title.trim() && title.length <= FRAME_TITLE_MAX) ui.iframe.setAttribute('title', title);
      });
      port.onDisconnect.addListener(() => {
        watchers.delete(port);
        followResize();
      });
      port.postMessage(report());
    },
  };
}
