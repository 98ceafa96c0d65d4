// An EditContext editor (the way canvas-drawn editors take text: no DOM editing) that takes only trusted input:
// the agent's own typing (textupdate) and a real Ctrl+V (a trusted paste). Synthetic paste and beforeinput events
// are ignored, as on pages that block script-made input — the case where every insertion strategy has no effect
// and Xiaoer puts the reply on the clipboard for the agent to paste (lib/insert/clipboard-fallback.ts).
import { exposeComposer } from './composer-page';

interface EditContextLike extends EventTarget {
  text: string;
  selectionStart: number;
  selectionEnd: number;
  updateText(start: number, end: number, text: string): void;
  updateSelection(start: number, end: number): void;
}
declare const EditContext: { new (init?: { text?: string }): EditContextLike };

const box = document.querySelector<HTMLElement & { editContext: EditContextLike | null }>('#composer-input')!;
const context = new EditContext();
box.editContext = context;
// The model: the context's text, drawn into the box as text (an editor paints it; here, textContent).
const render = () => {
  box.textContent = context.text;
};
context.addEventListener('textupdate', (e) => {
  const u = e as Event & { updateRangeStart: number; updateRangeEnd: number; text: string; selectionStart: number; selectionEnd: number };
  // The context has applied the update to its own text already; only the drawing follows.
  void u;
  render();
});
box.addEventListener('paste', (e) => {
  if (!e.isTrusted) return;
  e.preventDefault();
  const text = e.clipboardData?.getData('text/plain') ?? '';
  const { selectionStart: start, selectionEnd: end } = context;
  context.updateText(start, end, text);
  context.updateSelection(start + text.length, start + text.length);
  render();
});
exposeComposer({
  editor: 'EditContext (trusted input only)',
  model: () => context.text,
  clear: () => {
    context.updateText(0, context.text.length, '');
    context.updateSelection(0, 0);
    render();
  },
});
