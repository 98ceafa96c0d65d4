/**
 * The small tab at the page's right edge that opens and closes the sidebar.
 * It lives in a shadow root so the page's CSS cannot restyle it; its label is
 * set as text, never HTML. Open, not closed: it holds nothing private (the
 * seller's data lives in the sidebar's extension-origin frame), and tests and
 * accessibility tools can reach it.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The tab's width: beside the page, the page's room includes it (sidebar-frame.ts), so the open tab sits in that room, not over the page's right edge. */
export const TOGGLE_TAB_WIDTH = 26;

const STYLE = `
:host { all: initial; }
button {
  position: fixed; top: 42%; right: 0; z-index: 2147483646;
  writing-mode: vertical-rl; width: ${TOGGLE_TAB_WIDTH}px; box-sizing: border-box; padding: 10px 5px; border: 0; border-radius: 8px 0 0 8px;
  background: #e4393c; color: #fff; font: 600 13px/1.2 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif;
  letter-spacing: 2px; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25); opacity: .92;
  transition: right .15s ease;
}
button:hover, button:focus-visible { opacity: 1; outline: 2px solid #ffd54f; }
button[aria-expanded="true"] { right: min(400px, 92vw); }
@media (prefers-reduced-motion: reduce) { button { transition: none; } }
`;

/** `title`: the tooltip in the UI language (page:enabled), else English. */
export function createToggleTab(ctx: ContentScriptContext, onClick: () => void, title: string | null = null) {
  const host = document.createElement('xiaoer-toggle');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '小二';
  button.title = title ?? 'Xiaoer';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-testid', 'xiaoer-toggle');
  button.addEventListener('click', onClick);
  root.append(style, button);
  document.documentElement.append(host);
  ctx.onInvalidated(() => host.remove());
  return {
    setOpen(open: boolean) {
      button.setAttribute('aria-expanded', String(open));
    },
    /** The UI language switched while the page is open (the shortcut table's words): the tooltip follows. */
    setTitle(next: string) {
      button.title = next;
    },
    element: host,
  };
}
