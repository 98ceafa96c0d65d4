/**
 * The sidebar is an extension page (sidebar.html) in an iframe over the
 * marketplace page: the page cannot read the seller's library, notes or
 * evidence, and this content script carries no React. Created on first open only.
 */
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export const SIDEBAR_WIDTH = 'min(400px, 92vw)';

export function createSidebarFrame(ctx: ContentScriptContext, opts: { onOpenChange: (open: boolean) => void; onClosedWithFocus: () => void }) {
  let ui: ReturnType<typeof createIframeUi> | null = null;
  let open = false;

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
    if (open) frame.iframe.focus();
    opts.onOpenChange(open);
    if (hadFocus) opts.onClosedWithFocus();
  };

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    isOpen: () => open,
  };
}
