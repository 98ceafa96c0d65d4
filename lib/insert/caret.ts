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
  // Usual case (a shortcut typed on the caret's line): set the range from the
  // text nodes directly. Selection.modify lays the page out on every step — it
  // was ~3 ms of a 5 ms Tab expansion in a plain contenteditable (CDP profile).
  const caret = sel.getRangeAt(0);
  const start = target.el.contains(caret.startContainer) ? pointBefore(target.el, caret, count) : null;
  if (start) {
    // Anchor at the caret, focus at the shortcut's start: the same backward
    // selection the step-wise extend below makes.
    sel.setBaseAndExtent(caret.startContainer, caret.startOffset, start.node, start.offset);
    return true;
  }
  // Extend one step at a time and count what is selected: a step can cover a
  // surrogate pair or a block boundary, so steps ≠ characters in general.
  let last = -1;
  while (sel.toString().length < count && sel.toString().length !== last) {
    last = sel.toString().length;
    sel.modify('extend', 'backward', 'character');
  }
  return true;
}

/**
 * Collapse the selection to its end: the shortcut Tab expansion selected for the agent's Ctrl+V (clipboard-fallback.ts)
 * is let go when the agent types on instead, so their next key goes after it rather than replacing it.
 */
export function collapseToEnd(target: EditableTarget): void {
  if (target.kind === 'field') {
    const end = target.el.selectionEnd ?? target.el.value.length;
    target.el.setSelectionRange(end, end);
  } else if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    ec?.updateSelection(ec.selectionEnd, ec.selectionEnd);
  } else {
    const sel = selectionFor(target.el);
    if (sel?.rangeCount && !sel.isCollapsed && target.el.contains(sel.anchorNode)) sel.collapseToEnd();
  }
}

/** Select everything in the box, so the insert replaces it in one edit. True when the selection moved. */
export function selectAll(target: EditableTarget): boolean {
  if (target.kind === 'field') {
    target.el.setSelectionRange(0, target.el.value.length);
    return true;
  }
  if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    if (!ec) return false;
    ec.updateSelection(0, ec.text.length);
    return true;
  }
  const sel = selectionFor(target.el);
  if (!sel) return false;
  sel.selectAllChildren(target.el);
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
 * The text nodes of the caret's line up to the caret (the last one cut at the caret): its block, from
 * the last <br> before the caret — Lexical's line breaks and TipTap's Shift+Enter are <br>s inside one
 * paragraph, and reading the whole paragraph ran the previous line into a shortcut typed at the start
 * of the next ("size d" ⏎ "d" + Tab matched "dd" and deleted the line break).
 */
function lineBeforeCaret(host: Element, caret: Range): Array<{ node: Text; end: number }> {
  let texts: Array<{ node: Text; end: number }> = [];
  const walker = document.createTreeWalker(blockOf(caret.startContainer, host), NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.ELEMENT_NODE) {
      // A <br> whose inside point is before the caret ends before it: a new line starts after it.
      if ((n as Element).localName === 'br') {
        if (caret.comparePoint(n, 0) < 0) texts = [];
        else break;
      }
      continue;
    }
    const t = n as Text;
    if (t === caret.startContainer) {
      texts.push({ node: t, end: caret.startOffset });
      break;
    }
    if (caret.comparePoint(t, 0) >= 0) break; // this text starts at or after the caret
    texts.push({ node: t, end: t.data.length });
  }
  return texts;
}

/**
 * The text position `count` characters (UTF-16 units, counted as textBeforeCaret counts) before a
 * collapsed caret, within the caret's line; null when the line has fewer characters before the caret.
 */
function pointBefore(host: Element, caret: Range, count: number): { node: Text; offset: number } | null {
  const texts = lineBeforeCaret(host, caret);
  let left = count;
  for (let i = texts.length - 1; i >= 0; i--) {
    const t = texts[i]!;
    if (left <= t.end) return { node: t.node, offset: t.end - left };
    left -= t.end;
  }
  return null;
}

/**
 * Up to `max` characters before a collapsed caret, from the start of its line
 * (its block, or the last <br> in it), or null when there is no collapsed caret in the target.
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
  let text = '';
  for (const t of lineBeforeCaret(target.el, caret)) text += t.node.data.slice(0, t.end);
  return text.slice(-max);
}
