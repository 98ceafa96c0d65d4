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
