// Selection moves around an insert: select the typed shortcut before the caret
// (replaceBefore) so the insert replaces it in one edit, and put the caret at
// the {cursor} mark afterwards (cursorOffset).
import { editContextOf, selectionFor, type EditableTarget } from './target';

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** Caret steps in `text`: Selection.modify moves by grapheme, and a line break is one step. */
export function caretSteps(text: string): number {
  if (!segmenter) return Array.from(text).length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * Select the `count` characters before the caret. Returns true when the DOM
 * selection moved (rich editors then need a moment to sync their own selection).
 */
export function selectBefore(target: EditableTarget, count: number): boolean {
  if (count <= 0) return false;
  if (target.kind === 'field') {
    const el = target.el;
    const end = el.selectionEnd ?? el.value.length;
    el.setSelectionRange(Math.max(0, end - count), end, 'backward');
    return true;
  }
  if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    if (!ec) return false;
    ec.updateSelection(Math.max(0, ec.selectionEnd - count), ec.selectionEnd);
    return true;
  }
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return false;
  if (!sel.isCollapsed) sel.collapseToEnd();
  // Extend one step at a time and count what is selected: a step can cover a
  // surrogate pair or a block boundary, so steps ≠ characters in general.
  let last = -1;
  while (sel.toString().length < count && sel.toString().length !== last) {
    last = sel.toString().length;
    sel.modify('extend', 'backward', 'character');
  }
  return true;
}

/** Move the caret from after the inserted text back over `tail` (the part after {cursor}). */
export function moveCaretBack(target: EditableTarget, tail: string): boolean {
  if (!tail) return false;
  if (target.kind === 'field') {
    const el = target.el;
    const end = el.selectionEnd ?? el.value.length;
    const at = Math.max(0, end - tail.length);
    el.setSelectionRange(at, at);
    return true;
  }
  if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    if (!ec) return false;
    const at = Math.max(0, ec.selectionEnd - tail.length);
    ec.updateSelection(at, at);
    return true;
  }
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return false;
  if (!sel.isCollapsed) sel.collapseToEnd();
  for (let i = caretSteps(tail); i > 0; i--) sel.modify('move', 'backward', 'character');
  return true;
}

const BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE|TD|TH|DT|DD)$/;

/** The caret's block inside `host` (Range.toString() joins blocks with no separator, so work per block). */
function blockOf(node: Node, host: Element): Node {
  for (let n: Node | null = node; n && n !== host; n = n.parentNode) {
    if (n instanceof HTMLElement && BLOCK.test(n.tagName)) return n;
  }
  return host;
}

/**
 * Up to `max` characters before a collapsed caret, from the start of its block
 * (line), or null when there is no collapsed caret in the target.
 */
export function textBeforeCaret(target: EditableTarget, max = 64): string | null {
  if (target.kind === 'field') {
    const el = target.el;
    const start = el.selectionStart;
    if (start === null || start !== el.selectionEnd) return null;
    const line = el.value.lastIndexOf('\n', start - 1) + 1;
    return el.value.slice(Math.max(line, start - max), start);
  }
  if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    if (!ec || ec.selectionStart !== ec.selectionEnd) return null;
    return ec.text.slice(Math.max(0, ec.selectionStart - max), ec.selectionStart);
  }
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount || !sel.isCollapsed) return null;
  const caret = sel.getRangeAt(0);
  if (!target.el.contains(caret.startContainer)) return null;
  const range = document.createRange();
  range.setStart(blockOf(caret.startContainer, target.el), 0);
  range.setEnd(caret.startContainer, caret.startOffset);
  return range.toString().slice(-max);
}
