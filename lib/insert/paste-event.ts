// Used by: Draft.js 0.11, Slate 0.146, Lexical 0.52, TipTap 3/ProseMirror,
// Quill 2, CKEditor 5 v48, and EditContext editors — every editor with its own
// paste handler. First in the rich chain.
// Measured (insertion.md): model right, caret after, one Ctrl+Z removes it, and
// multi-line text becomes the editor's own paragraphs/line breaks. text/plain
// only: with text/html as well, Slate ignores it. A synthetic paste has no
// default action, so plain contenteditable and text fields are unaffected.
import type { InsertStrategy } from './strategy';
import { selectionFor } from './target';
import { dispatchAndWatch } from './settle';

/** Dispatch where a real paste lands: the element holding the caret, inside the host. */
export function eventTarget(host: HTMLElement): Element {
  const anchor = selectionFor(host)?.anchorNode ?? null;
  const el = anchor instanceof Element ? anchor : anchor?.parentElement;
  return el && host.contains(el) ? el : host;
}

export function plainTextData(text: string): DataTransfer {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return data;
}

export const pasteEventStrategy: InsertStrategy = {
  id: 'paste-event',
  async insert(target, text) {
    if (target.kind === 'field') return 'no-effect';
    const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: plainTextData(text) });
    return dispatchAndWatch(target, eventTarget(target.el), event);
  },
};
