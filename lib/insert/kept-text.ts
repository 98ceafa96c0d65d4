// Putting the caret on a reply's {cursor} from what the editor KEPT, not from
// the text we handed it. Counting the original text after {cursor} put the
// caret one place early in TipTap 3 and CKEditor 5 (their text/plain paste
// dropped a blank line: 'DearAnn ,'), and stepping back with Selection.modify
// stopped in Slate 0.146's empty paragraph (a U+FEFF placeholder plus <br>),
// so the agent's typing landed after the comma (measured, Chromium 156). So:
// read the rich editor's text before the caret (lines as the agent sees them)
// before and after the insert, align the reply with what arrived, and set the
// DOM selection on the matching point. Editors adopt a DOM selection on
// selectionchange (ProseMirror, CKEditor, Lexical, Quill, Slate, Draft.js).

/** The caret's text: every character with the DOM point just after it, so an offset maps back to the DOM. */
export interface EditorText {
  text: string;
  /** DOM point after text[i]. */
  after: Array<{ node: Node; offset: number }>;
  /** DOM point before text[i] when text[i] came from a text node (null for line breaks). */
  before: Array<{ node: Node; offset: number } | null>;
}

const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TABLE|TR|TD|TH|DL|DT|DD|SECTION|ARTICLE|HEADER|FOOTER|FIGURE|FIGCAPTION)$/;
/**
 * Characters editors keep in the DOM that are no caret position and no text: Slate's empty-line
 * placeholder U+FEFF, CKEditor 5's inline filler (seven U+2060), zero-width spaces.
 */
const INVISIBLE = /[\u200b\u2060\ufeff]/;

function isBlock(node: Node): node is Element {
  return node instanceof Element && BLOCK.test(node.tagName);
}

function nearestBlock(node: Node, host: Element): Node {
  for (let n: Node | null = node.parentNode; n && n !== host; n = n.parentNode) if (isBlock(n)) return n;
  return host;
}

/**
 * A <br> that ends its block draws no line: ProseMirror's trailing break, CKEditor's and Quill's
 * filler in an empty paragraph, Draft.js's empty block, Lexical's last line break pair.
 */
function isTrailingBreak(br: Element, host: Element): boolean {
  const block = nearestBlock(br, host);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  walker.currentNode = br;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      if ((n as Text).data.replace(new RegExp(INVISIBLE.source, 'g'), '')) return false;
    } else if ((n as Element).localName === 'br' || (n as Element).localName === 'img') return false;
    else if (isBlock(n)) return true;
  }
  return true;
}

function childIndex(node: Node): number {
  let i = 0;
  for (let n = node.previousSibling; n; n = n.previousSibling) i++;
  return i;
}

/**
 * The text of `host` before the collapsed range `upTo`, as lines: '\n' between blocks and for each
 * <br> that draws a line, U+00A0 read as a space, zero-width placeholders left out — one character
 * per caret position, as the agent sees the composer.
 */
export function editorTextBefore(host: Element, upTo: Range): EditorText {
  const out: EditorText = { text: '', after: [], before: [] };
  let started = false; // something (text or a block) came before
  let fresh = false; // a block opened and nothing in it yet: a nested block needs no second '\n'
  let done = false;
  const push = (ch: string, before: EditorText['before'][number], after: EditorText['after'][number]) => {
    out.text += ch;
    out.before.push(before);
    out.after.push(after);
  };
  const visit = (node: Node): void => {
    if (done) return;
    if (node !== host && upTo.comparePoint(node.parentNode!, childIndex(node)) >= 0) {
      done = true;
      return;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node as Text;
      const end = t === upTo.startContainer ? upTo.startOffset : t.data.length;
      for (let i = 0; i < end; i++) {
        const ch = t.data[i]!;
        if (INVISIBLE.test(ch)) continue;
        push(ch === '\u00a0' ? ' ' : ch, { node: t, offset: i }, { node: t, offset: i + 1 });
        started = true;
        fresh = false;
      }
      if (t === upTo.startContainer) done = true;
      return;
    }
    if (!(node instanceof Element)) return;
    if (node.localName === 'br') {
      if (!isTrailingBreak(node, host)) {
        push('\n', null, { node: node.parentNode!, offset: childIndex(node) + 1 });
        started = true;
        fresh = false;
      }
      return;
    }
    const block = node !== host && isBlock(node);
    if (block) {
      if (started && !fresh) push('\n', null, { node, offset: 0 });
      started = true;
      fresh = true;
    }
    for (let child = node.firstChild; child && !done; child = child.nextSibling) visit(child);
    if (block) fresh = false;
  };
  visit(host);
  return out;
}

/**
 * The DOM point at `offset` of `t`: right after the character before it when that is text (the end
 * of the line's text, not the start of the next line), else before the character there.
 */
export function pointAt(t: EditorText, offset: number): { node: Node; offset: number } | null {
  if (offset > 0 && t.before[offset - 1]) return t.after[offset - 1]!;
  if (offset < t.text.length && t.before[offset]) return t.before[offset]!;
  if (offset > 0) return t.after[offset - 1]!;
  return null;
}

/** Larger alignments are not worth the memory: the caret is counted from the end instead. */
const MAX_ALIGN_CELLS = 1_000_000;

/**
 * Where `offset` of `original` ended up in `kept` — the same text after an editor changed it (lines
 * merged, spaces collapsed, characters dropped or added). Equal text maps to itself; otherwise the
 * common start and end map directly and the part that differs is aligned by longest common
 * subsequence. An offset right after characters the editor dropped maps to where they would be.
 */
export function mapOffset(original: string, kept: string, offset: number): number {
  if (original === kept) return offset;
  let head = 0;
  while (head < original.length && head < kept.length && original[head] === kept[head]) head++;
  if (offset <= head) return offset;
  let tail = 0;
  while (tail < original.length - head && tail < kept.length - head && original[original.length - 1 - tail] === kept[kept.length - 1 - tail]) tail++;
  if (offset >= original.length - tail) return kept.length - (original.length - offset);
  const a = original.slice(head, original.length - tail);
  const b = kept.slice(head, kept.length - tail);
  const want = offset - head;
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_ALIGN_CELLS) return Math.max(0, Math.min(kept.length, kept.length - (original.length - offset)));
  // lcs[i * w + j]: longest common subsequence of a[i..] and b[j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < want) {
    if (j < m && a[i] === b[j] && lcs[i * w + j] === lcs[(i + 1) * w + j + 1]! + 1) {
      i++;
      j++;
    } else if (j >= m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      i++; // a[i] was dropped by the editor
    } else {
      j++; // b[j] was added by the editor before the offset
    }
  }
  return head + j;
}
