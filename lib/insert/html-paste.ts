// Used by: TipTap 3 / ProseMirror and CKEditor 5 v48 — editors whose own
// text/plain paste handling changes a seller's plain text. First in their chain
// (chain.ts); plain paste-event stays behind it.
//
// Measured (Chromium 156, e2e 'blank lines, spaces and ** arrive…' before this
// strategy existed), reply 'Dear ,\n\nThanks for waiting.\n  Two  spaces, **not bold**.':
// - TipTap 3.34: 'Dear ,\nThanks…' — prosemirror-view 1.x parseFromClipboard
//   splits text/plain on /(?:\r\n?|\n)+/, so blank lines vanish; and TipTap's
//   paste rules (Bold's markPasteRule) turned '**not bold**' into bold text.
// - CKEditor 5 v48: 'Dear ,\nThanks…\n Two  spaces' — the clipboard's
//   plainTextToHtml makes '\n\n' a paragraph break (the blank line is gone) and
//   '\n' a <br>, then the DOM converter collapses the spaces after the <br>.
// Both editors take text/html before text/plain, and both keep exactly what
// the HTML below encodes (same measurement, after):
// - ProseMirror: a `data-pm-slice` marker (the one prosemirror-view's own
//   serializeForClipboard writes) makes the parser keep whitespace
//   (preserveWhitespace) and, with "1 1 []", keeps the first and last
//   paragraphs open so a one-line reply joins the caret's paragraph. TipTap's
//   PasteRule plugin skips pastes whose HTML has `data-pm-slice` (content
//   copied from a ProseMirror editor is not re-formatted), so '**' stays text.
// - CKEditor 5: its DOM converter collapses runs of ASCII spaces and trims
//   them at line edges but reads ' \u00A0' back as two spaces and a leading or
//   trailing U+00A0 as a space (_processDomInlineNodes), which is the encoding
//   it writes itself; the model then holds plain spaces.
// One <p> per line, an empty <p> for a blank line: both make those the
// editor's own paragraphs, in one paste, so one Ctrl+Z removes the reply.
// The text is escaped (& < > " '): the HTML only carries the seller's text,
// never markup, and it is handed to the editor's parser, never put in the DOM.
// Tabs: CKEditor collapses a tab like a space (no paragraph keeps one).
import type { InsertStrategy } from './strategy';
import { eventTarget } from './paste-event';
import { dispatchAndWatch } from './settle';
// The project's one escaper (pure, no imports): what evidence documents use too.
import { escapeHtml } from '../evidence/html';

export type HtmlPasteFlavor = 'prosemirror' | 'ckeditor5';

/** The editor behind an editing host, told by the root markers the libraries put there themselves. */
export function htmlPasteFlavor(el: Element): HtmlPasteFlavor | null {
  // ProseMirror's EditorView adds `ProseMirror` to its editable DOM; TipTap adds `tiptap` as well.
  if (el.closest('.ProseMirror, .tiptap')) return 'prosemirror';
  // CKEditor 5's editable root (every editor type) has ck-editor__editable; ck-content on its content.
  if (el.closest('.ck-editor__editable, .ck-content')) return 'ckeditor5';
  return null;
}


/** A line's spaces as CKEditor 5 writes them: U+00A0 at the edges and after a space, so none is collapsed. */
function ckSpaces(line: string): string {
  return line
    .replace(/^ /, '\u00a0')
    .replace(/ $/, '\u00a0')
    .replace(/ {2}/g, ' \u00a0');
}

/**
 * Plain text as clipboard HTML for `flavor`: one <p> per line ('\n'), an empty <p> for an empty
 * line, every character escaped. Line breaks must already be '\n' (insertIntoComposer normalises).
 */
export function plainTextAsHtml(text: string, flavor: HtmlPasteFlavor): string {
  const lines = text.split('\n');
  if (flavor === 'prosemirror') {
    // "1 1 []": openStart 1, openEnd 1, no wrapping context (prosemirror-view's data-pm-slice format).
    return lines.map((line, i) => `<p${i === 0 ? ' data-pm-slice="1 1 []"' : ''}>${escapeHtml(line)}</p>`).join('');
  }
  // U+00A0 is written as the entity: readable in a clipboard dump, same result.
  return lines.map((line) => `<p>${escapeHtml(ckSpaces(line)).replace(/\u00a0/g, '&nbsp;')}</p>`).join('');
}

export const htmlPasteStrategy: InsertStrategy = {
  id: 'html-paste',
  async insert(target, text) {
    if (target.kind !== 'rich') return 'no-effect';
    const flavor = htmlPasteFlavor(target.el);
    if (!flavor) return 'no-effect';
    const data = new DataTransfer();
    // text/plain too, as a real copy carries it: a code block (ProseMirror pastes text there) or a
    // customised editor that only reads text/plain still gets the reply.
    data.setData('text/plain', text);
    data.setData('text/html', plainTextAsHtml(text, flavor));
    const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: data });
    return dispatchAndWatch(target, eventTarget(target.el), event);
  },
};
