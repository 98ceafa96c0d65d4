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
 */
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ROOM_ATTRIBUTE } from './shell';

export const SIDEBAR_WIDTH = 'min(400px, 92vw)';

export function createSidebarFrame(ctx: ContentScriptContext, opts: { onOpenChange: (open: boolean) => void; onClosedWithFocus: () => void }) {
  let ui: ReturnType<typeof createIframeUi> | null = null;
  let open = false;
  let beside = false;
  let room: HTMLStyleElement | null = null;

  const layout = () => {
    const root = document.documentElement;
    if (open && beside) {
      if (!room) {
        room = document.createElement('style');
        room.setAttribute('data-xiaoer-room-style', '');
        // Text, not HTML: a fixed rule of ours.
        room.textContent = `html[${ROOM_ATTRIBUTE}] { margin-right: ${SIDEBAR_WIDTH} !important; }`;
      }
      // (Re)attached: a page that rewrote its <head> may have dropped it.
      if (!room.isConnected) (document.head ?? root).append(room);
      root.setAttribute(ROOM_ATTRIBUTE, '');
    } else {
      root.removeAttribute(ROOM_ATTRIBUTE);
      room?.remove();
    }
  };
  ctx.onInvalidated(() => {
    open = false;
    layout();
  });
  const ensure = () => {
    if (ui) return ui;
    ui = createIframeUi(ctx, {
      page: '/sidebar.html',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      onMount: (wrapper, iframe) => {
        wrapper.setAttribute('data-xiaoer', 'sidebar');
        Object.assign(wrapper.style, {
          position: 'fixed', top: '0', right: '0', bottom: '0', width: SIDEBAR_WIDTH, zIndex: '2147483647',
          boxShadow: '-4px 0 16px rgba(0,0,0,.18)', background: '#fff', display: 'none',
        } satisfies Partial<CSSStyleDeclaration>);
        Object.assign(iframe.style, { width: '100%', height: '100%', border: '0', display: 'block', colorScheme: 'normal' });
        iframe.setAttribute('title', 'Xiaoer');
        iframe.setAttribute('data-testid', 'xiaoer-sidebar-frame');
        // The sidebar needs clipboard access for "copy screenshot".
        iframe.setAttribute('allow', 'clipboard-write');
      },
    });
    ui.mount();
    return ui;
  };

  const setOpen = (next: boolean) => {
    if (next === open && ui) return;
    const frame = ensure();
    open = next;
    // Hiding the frame does not move the keyboard out of it: what the agent typed next went nowhere.
    const hadFocus = !open && document.activeElement === frame.iframe;
    frame.wrapper.style.display = open ? 'block' : 'none';
    layout();
    if (open) frame.iframe.focus();
    opts.onOpenChange(open);
    if (hadFocus) opts.onClosedWithFocus();
  };

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    isOpen: () => open,
    /** Whether the page makes room for the sidebar (applied while it is open). */
    beside: () => beside,
    setBeside: (next: boolean) => {
      beside = next;
      layout();
    },
  };
}
