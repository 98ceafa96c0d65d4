/**
 * The word by the chat box after a Tab expansion the box refused (an editor that takes only the agent's own
 * input: EditContext, canvas editors, pages that block script-made events). The reply went to the clipboard
 * (or could not), and without this the agent saw nothing at all: the shortcut stayed in the box, the Tab
 * did nothing, and nobody said "press Ctrl+V".
 *
 * Short-lived, just above the chat box, in its own shadow root (the page's CSS cannot restyle or hide it),
 * text only. It never takes the keyboard: nothing in it is focusable, and pointer events pass through.
 * It goes on the agent's paste into the chat box (the one it asked for), Esc, typing on, a click, or after a while.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Long enough to read a sentence and reach for Ctrl+V; it also goes as soon as the agent does anything. */
const SHOWN_MS = 8000;
/** Gap between the notice and the chat box's edge (CSS px). */
const GAP = 6;

const STYLE = `
:host { all: initial; }
div { position: fixed; z-index: 2147483646; max-width: min(420px, calc(100vw - 16px)); pointer-events: none; }
span {
  display: block; box-sizing: border-box; padding: 7px 12px; border-radius: 6px; background: #323232; color: #fff;
  font: 13px/1.45 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif;
  box-shadow: 0 2px 10px rgba(0,0,0,.25); white-space: pre-wrap; overflow-wrap: anywhere;
  animation: xiaoer-in .12s ease-out;
}
span[data-kind="failed"] { background: #b3261e; }
@keyframes xiaoer-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { span { animation: none; } }
`;

export interface PasteNotice {
  /**
   * Show `text` by `composer`. `on.declined` runs when the agent goes on without pasting (Esc, a key):
   * the shortcut, selected for the paste to replace, is let go so the next key does not replace it.
   * `on.pasted` runs when the agent pastes into the chat box while it shows: the reply went in.
   */
  show(composer: HTMLElement, text: string, kind: 'copied' | 'failed', on: { declined: () => void; pasted: () => void }): void;
  hide(): void;
}

export function createPasteNotice(ctx: ContentScriptContext): PasteNotice {
  let host: HTMLElement | null = null;
  let box: HTMLDivElement | null = null;
  let shown: { composer: HTMLElement; on: { declined: () => void; pasted: () => void }; timer: ReturnType<typeof setTimeout> } | null = null;

  const place = () => {
    if (!shown || !box) return;
    const r = shown.composer.getBoundingClientRect();
    const height = box.offsetHeight;
    // Above the chat box (chat composers sit at the window's bottom); below it when there is no room above.
    const top = r.top - GAP - height >= 0 ? r.top - GAP - height : Math.min(r.bottom + GAP, window.innerHeight - height);
    const left = Math.max(8, Math.min(r.left, window.innerWidth - box.offsetWidth - 8));
    box.style.top = `${Math.round(top)}px`;
    box.style.left = `${Math.round(left)}px`;
  };

  const onKey = (event: KeyboardEvent) => {
    if (!shown) return;
    const k = event.key;
    if (k === 'Control' || k === 'Shift' || k === 'Alt' || k === 'Meta' || event.isComposing) return;
    // The paste asked for: the editor takes it with the shortcut selected, so the reply replaces it (onPaste closes).
    if ((event.ctrlKey || event.metaKey) && k.toLowerCase() === 'v') return;
    const { declined } = shown.on;
    hide();
    declined();
    if (k === 'Escape') {
      // This Esc closed the notice: the page (a chat that closes its conversation on Esc) must not act on it too.
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  // A click only closes it: a click in the box places the caret itself. A right-click leaves it up: the shortcut
  // stays selected for the context menu's Paste to replace, and that paste is the one it asked for.
  const onPointer = (event: PointerEvent) => {
    if (event.button !== 2) hide();
  };
  // The agent's paste into the chat box (Ctrl+V or the context menu): the reply is going in.
  const onPaste = (event: ClipboardEvent) => {
    if (!shown || !event.isTrusted || !event.composedPath().includes(shown.composer)) return;
    const { pasted } = shown.on;
    hide();
    pasted();
  };

  function hide(): void {
    if (!shown) return;
    clearTimeout(shown.timer);
    shown = null;
    // The words go, the (empty) live region stays: a region put in the page with its words already in is not read out.
    box?.replaceChildren();
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('paste', onPaste, true);
    window.removeEventListener('resize', place);
    window.removeEventListener('scroll', place, true);
  }

  return {
    show(composer, text, kind, on) {
      hide();
      if (!host) {
        host = document.createElement('xiaoer-notice');
        const root = host.attachShadow({ mode: 'open' });
        const style = document.createElement('style');
        style.textContent = STYLE;
        box = document.createElement('div');
        // Read out by screen readers without moving focus.
        box.setAttribute('role', 'status');
        box.setAttribute('aria-live', 'polite');
        box.setAttribute('data-testid', 'xiaoer-paste-notice');
        root.append(style, box);
        document.documentElement.append(host);
        ctx.onInvalidated(() => {
          hide();
          host?.remove();
        });
      }
      const words = document.createElement('span');
      words.dataset.kind = kind;
      // Text, never HTML: the words come from our own tables, still set as text.
      words.textContent = text;
      box!.replaceChildren(words);
      // (Re)attached: a page that rewrites its document may have dropped it.
      if (!host.isConnected) document.documentElement.append(host);
      shown = { composer, on, timer: setTimeout(hide, SHOWN_MS) };
      place();
      document.addEventListener('keydown', onKey, true);
      document.addEventListener('pointerdown', onPointer, true);
      document.addEventListener('paste', onPaste, true);
      window.addEventListener('resize', place);
      window.addEventListener('scroll', place, true);
    },
    hide,
  };
}
