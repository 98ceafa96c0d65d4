/**
 * Small DOM readers shared by the adapters. They walk children directly
 * instead of running a selector per message row: an adapter reads thousands
 * of rows on every refresh and must stay within a few milliseconds.
 */
import type { Lang } from '../schema';

/** Whitespace that collapsing would change: a run of two, or one that is not a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/**
 * textContent with whitespace collapsed. Most texts (a message, "2026-11-20 09:15:03") need
 * nothing collapsed: they are returned as the page gave them (trimmed), not copied by a replace
 * that finds each single space and writes it back — ~240 KB of copies in a first read of 2,000
 * messages (heap sample, Pinduoduo).
 */
export function textOf(el: Node | null | undefined): string {
  return collapse(el?.textContent ?? '');
}

/** A text with whitespace collapsed and trimmed; the text itself when there is nothing to collapse. */
export function collapse(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

const SEARCHY = /search|搜索|搜尋|查询|查詢|筛选|filter/i;

/**
 * A search or filter box (its type or role, or words in its placeholder, label, name or id): never the
 * chat box — the conversation list's search on Pinduoduo, Qianniu and Shopee sits above the chat.
 */
export function isSearchField(el: Element): boolean {
  if (el.getAttribute('type') === 'search' || el.getAttribute('role') === 'searchbox') return true;
  return SEARCHY.test(`${el.getAttribute('placeholder') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('name') ?? ''} ${el.id}`);
}

/**
 * A message's words as the page shows them: textOf, except that a line break the buyer typed stays a
 * line break — a <br>, or a newline in text laid out with white-space pre / pre-wrap / pre-line (a
 * bubble that keeps the typed text). Whitespace between elements of the markup still reads as one
 * space. Captured as textOf, "收到的杯子是坏的<br>盖子裂了<br>我要退货" became one run-on line, and a
 * transcript is the buyer's exact words. A bubble without either (nearly all) costs a test of its
 * textContent for '\n' and, when it has child elements, one querySelector: for a <br>, or with
 * `blocks` for a <br> or a block (BLOCKS: a card's rows, one a line).
 */
export function messageText(el: Element | null | undefined, blocks = false): string {
  if (!el) return '';
  const raw = el.textContent ?? '';
  // One selector walk for both reasons to walk the text (a <br>, a block when asked): two walked the body twice.
  if (!raw.includes('\n') && (el.childElementCount === 0 || !el.querySelector(blocks ? BREAK_OR_BLOCK : 'br'))) return collapse(raw);
  const keepsNewlines = new Map<Element, boolean>();
  const pre = (parent: Element | null): boolean => {
    if (!parent) return false;
    let keep = keepsNewlines.get(parent);
    if (keep === undefined) {
      const view = parent.ownerDocument.defaultView;
      const ws = view ? view.getComputedStyle(parent).whiteSpace : '';
      keep = ws === 'pre' || ws === 'pre-wrap' || ws === 'pre-line' || ws === 'break-spaces';
      keepsNewlines.set(parent, keep);
    }
    return keep;
  };
  let out = '';
  // A block's edge is one line break, never a blank line: two blocks in a row, or whitespace of the
  // markup between them, still make one.
  const blockEdge = () => {
    if (out && !TRAILING_BREAK.test(out)) out += '\n';
  };
  const walk = (parent: Element) => {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) {
        const name = (n as Element).localName;
        if (name === 'br') out += '\n';
        else if (blocks && BLOCKS.has(name)) {
          blockEdge();
          walk(n as Element);
          blockEdge();
        } else walk(n as Element);
        continue;
      }
      if (n.nodeType !== 3) continue;
      const data = (n as Text).data;
      if (!data) continue;
      if (!/\S/.test(data)) out += ' ';
      else out += data.includes('\n') && !pre(n.parentElement) ? data.replace(/\n/g, ' ') : data;
    }
  };
  walk(el);
  return collapseLines(out);
}

/**
 * Elements laid out as blocks, for `messageText(el, true)`: a message body that is a card (an order
 * card the platform or the seller sent: "订单编号：… / 商品：… / 实付：…" one row under the other) reads
 * one row a line. Read as inline text the rows ran together — "261119-086421357902468商品：…" in the
 * evidence transcript, the order number glued to the next label. Only for a message's body: the generic
 * reader passes a whole row (sender, time and words in their own divs) and cuts the time out of one line.
 */
const BLOCKS = new Set(['address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul']);
const BREAK_OR_BLOCK = ['br', ...BLOCKS].join(',');
const TRAILING_BREAK = /\n[^\S\n]*$/;

/** Whitespace collapsed within each line, lines trimmed, line breaks kept (none at either end). */
export function collapseLines(text: string): string {
  if (!text.includes('\n')) return collapse(text);
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * `el.classList.contains(name)` without the DOMTokenList: Blink creates that
 * object (and its JS wrapper) on an element's first `classList` access, which
 * on a conversation just rendered is every element a read walks — ~1 µs each,
 * a millisecond or more per 2,000 rows. The class attribute's string is shared
 * by every element with the same classes and costs no allocation. Same answer:
 * tokens split at ASCII whitespace, compared case-sensitively.
 */
export function hasClass(el: Element, name: string): boolean {
  return classHas(el.getAttribute('class'), name);
}

/** Whether a class attribute value (`getAttribute('class')`) holds the token `name` (one token, no whitespace). For several names tested on one element, read the attribute once. */
export function classHas(cls: string | null, name: string): boolean {
  if (cls === null) return false;
  if (cls === name) return true;
  const n = name.length;
  for (let at = cls.indexOf(name); at >= 0; at = cls.indexOf(name, at + 1)) {
    if ((at === 0 || isAsciiSpace(cls.charCodeAt(at - 1))) && (at + n === cls.length || isAsciiSpace(cls.charCodeAt(at + n)))) return true;
  }
  return false;
}

/** The HTML standard's ASCII whitespace (what DOMTokenList splits at): tab, LF, FF, CR, space. */
export function isAsciiSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * The elements below `root` that match `selector`, in document order, without entering `skip` (nor taking it).
 * A chat page's composer sits after its message list in document order, so `querySelector` for it walked
 * every node of the conversation first — on each context refresh, and a 2,000-message conversation is tens
 * of thousands of nodes (profiled on the Shopee demo: the composer's queries were a third of state()'s time
 * after a switch). The composer is never among the messages: the callers skip the message pane.
 * `skip` null, `root` itself or outside `root`: plain querySelectorAll.
 */
export function queryAllOutside<E extends Element = Element>(root: ParentNode, skip: Element | null, selector: string): E[] {
  if (!skip || (skip as Node) === root || !root.contains(skip)) return Array.from(root.querySelectorAll<E>(selector));
  const path: Element[] = [];
  for (let n: Element | null = skip; n && (n as Node) !== root; n = n.parentElement) path.push(n);
  path.reverse();
  const out: E[] = [];
  const take = (el: Element) => {
    if (el.matches(selector)) out.push(el as E);
    for (const e of el.querySelectorAll<E>(selector)) out.push(e);
  };
  // Down the path to `skip`: what comes before each step is in front of everything below it, what comes after
  // it is behind everything below it (taken on the way back up, innermost first).
  const after: Element[][] = [];
  let parent: ParentNode = root;
  for (const step of path) {
    for (let c = parent.firstElementChild; c && c !== step; c = c.nextElementSibling) take(c);
    if (step !== skip && step.matches(selector)) out.push(step as E);
    const behind: Element[] = [];
    for (let c = step.nextElementSibling; c; c = c.nextElementSibling) behind.push(c);
    after.push(behind);
    parent = step;
  }
  for (let i = after.length - 1; i >= 0; i--) for (const c of after[i]!) take(c);
  return out;
}

/** Depth-first search below `root` (not root itself), at most `maxDepth` levels down. */
export function findDown(root: Element, match: (el: Element) => boolean, maxDepth = 6): Element | null {
  if (maxDepth <= 0) return null;
  for (let c = root.firstElementChild; c; c = c.nextElementSibling) {
    if (match(c)) return c;
    const deeper = findDown(c, match, maxDepth - 1);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * An element's child elements, by a sibling walk: indexing `el.children`
 * (what Array.from does) costs a named-item lookup per index in jsdom, which
 * turns a 2,000-row pane into seconds.
 */
export function childrenOf(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

export const byClass = (name: string) => (el: Element) => hasClass(el, name);

/** Image URLs under an element (eight levels down, in document order), resolved against the document. */
export function imagesIn(root: Element, skip?: (img: Element) => boolean): string[] {
  const out: string[] = [];
  // Most rows hold no image: one native query says so without a JS walk of the row.
  if (root.querySelector('img')) collectImages(root, 8, out, skip);
  return out;
}

// A walk of its own, without a list of the row's images or a matcher per call (they were ~110 B
// per row of a first read's garbage).
function collectImages(el: Element, depth: number, out: string[], skip: ((img: Element) => boolean) | undefined): void {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'img' && !skip?.(c)) {
      const src = c.getAttribute('src');
      if (src) {
        try {
          out.push(new URL(src, c.ownerDocument.baseURI).href);
        } catch {
          out.push(src);
        }
      }
    }
    if (depth > 1) collectImages(c, depth - 1, out, skip);
  }
}

// Characters that exist only in Traditional Chinese, common in buyer chat.
const TRADITIONAL = /[們這個為會與來說時對點麼還沒發貨運單號訂謝請問嗎顏價錢給幫讓現後買賣換錯]/g;
const HAN = /[\u4e00-\u9fff]/g;
const LATIN = /[A-Za-z]/g;

/**
 * The buyer's language from what the buyer wrote: Chinese (Simplified vs
 * Traditional by characters only Traditional has), English, or null.
 */
export function langOfTexts(texts: readonly string[]): Lang | null {
  let han = 0;
  let trad = 0;
  let latin = 0;
  for (const t of texts) {
    han += t.match(HAN)?.length ?? 0;
    trad += t.match(TRADITIONAL)?.length ?? 0;
    latin += t.match(LATIN)?.length ?? 0;
  }
  if (han === 0 && latin === 0) return null;
  if (han * 2 >= latin) return trad > 0 && trad * 8 >= han ? 'zh-TW' : 'zh-CN';
  return 'en';
}

/**
 * A conversation's rows: the first row below `root`, then its siblings that
 * match. Sibling walks, not live collections: a live getElementsByClassName
 * over thousands of rows costs milliseconds in Chromium and seconds in jsdom.
 */
export function rowsUnder(root: Element | null | undefined, match: (el: Element) => boolean): Element[] {
  if (!root) return [];
  const first = findDown(root, match, 8);
  if (!first) return [];
  const out: Element[] = [];
  for (let el: Element | null = first; el; el = el.nextElementSibling) if (match(el)) out.push(el);
  return out;
}

/**
 * A per-row memo for messages(): the sidebar re-reads the conversation on every
 * batched DOM change, and nearly all rows are the ones read last time.
 *
 * `session(scope)` starts one read of a conversation whose rows live under
 * `scope` (the message pane); the returned function reads one row through the
 * memo (`read(row)` on a miss: one reader per session, not a closure per row —
 * a first read of 2,000 rows made 2,000 of them). A row's value is reused
 * while the row element is unchanged and the adapter's `extra` (e.g. a sender
 * hint or the day divider above it) is the same.
 * "Unchanged" is known from a MutationObserver on the scope (subtree: text,
 * children, every attribute): its pending records are taken synchronously at
 * the start of each session and drop the cached value of every row they touch
 * — so a warm re-read costs one WeakMap lookup per row, not a walk of it. The
 * observer follows the scope: a new pane element (the page re-rendered the
 * conversation) disconnects the old one and starts from an empty memo.
 * Without a MutationObserver (a window-less document) the row's key is
 * computed instead: its and its children's classes, its text and its image
 * sources. Results expire with the clock's quarter hour either way, because
 * "昨天 14:32" means another day after midnight in any zone.
 */
export interface RowMemo<T> {
  /** `rowsInside`: the caller vouches every row it reads is inside `scope` (found below it), sparing a check per row. */
  session(scope: Element | null, rowsInside?: boolean): (row: Element, extra: string, read: (row: Element) => T) => T;
  /** Stop observing (the adapter is no longer used on this page). */
  dispose(): void;
}

type Entry<T> = { key: string; value: T };

/** Nodes added (with their children) or removed in one batch of records from which a memo starts over instead of forgetting them one by one. */
const FORGET_ALL_AT = 256;

const live = new Set<RowMemo<unknown>>();
const releasers = new Set<() => void>();

/** Run `release` when the adapters' observers are let go (releaseRowMemos). */
export function whenReleased(release: () => void): void {
  releasers.add(release);
}

/** Disconnect every memo's and adapter's observer (the content script is going away). */
export function releaseRowMemos(): void {
  for (const m of live) m.dispose();
  for (const release of releasers) release();
}

export function createRowMemo<T>(): RowMemo<T> {
  let cache = new WeakMap<Element, Entry<T>>();
  let bucket = -1;
  let scope: Element | null = null;
  let observer: MutationObserver | null = null;

  /**
   * Forget every row the records touch: the record's node and its ancestors up
   * to the scope; for inserted nodes also the node and two levels below it (a
   * row, or a day group / virtualisation wrapper holding rows), because a row
   * taken out and changed while detached is no longer watched.
   */
  const drop = (records: MutationRecord[]) => {
    // The page rendered a conversation afresh (another one opened): forgetting every row at
    // once is cheaper than one delete per row and its children, keeps nothing stale, and lets
    // the rows taken out go (a WeakMap holds its entries until a collection finds them dead).
    let weight = 0;
    for (const r of records) {
      weight += r.removedNodes.length;
      for (let i = 0; i < r.addedNodes.length; i++) weight += 1 + ((r.addedNodes[i] as Element).childElementCount ?? 0);
    }
    if (weight >= FORGET_ALL_AT) {
      cache = new WeakMap();
      return;
    }
    for (const r of records) {
      for (let n: Node | null = r.target; n && n !== scope; n = n.parentNode) cache.delete(n as Element);
      for (let i = 0; i < r.addedNodes.length; i++) {
        const added = r.addedNodes[i]!;
        if (added.nodeType !== 1) continue;
        cache.delete(added as Element);
        for (let c = (added as Element).firstElementChild; c; c = c.nextElementSibling) {
          cache.delete(c);
          for (let g = c.firstElementChild; g; g = g.nextElementSibling) cache.delete(g);
        }
      }
    }
  };

  const observe = (next: Element | null) => {
    observer?.disconnect();
    observer = null;
    scope = next;
    // Values read before the observer watched may already be stale.
    cache = new WeakMap();
    const Observer = next?.ownerDocument.defaultView?.MutationObserver;
    if (!next || !Observer) return;
    observer = new Observer(drop);
    observer.observe(next, { subtree: true, childList: true, characterData: true, attributes: true });
  };

  const keyOf = (row: Element, extra: string): string => {
    // The row's and its children's classes carry the sender on most pages (buyer-item / cs-item).
    let key = `${row.className}\u0001${extra}\u0001${row.textContent ?? ''}`;
    for (let c = row.firstElementChild; c; c = c.nextElementSibling) key += `\u0002${c.className}`;
    const imgs = row.getElementsByTagName('img');
    for (let i = 0; i < imgs.length; i++) key += `\u0001${imgs[i]!.getAttribute('src') ?? ''}`;
    return key;
  };

  const memo: RowMemo<T> = {
    session(next, rowsInside = false) {
      const now = Math.floor(Date.now() / 900_000);
      if (next !== scope) observe(next);
      if (now !== bucket) {
        bucket = now;
        cache = new WeakMap();
      }
      if (observer) {
        const pending = observer.takeRecords();
        if (pending.length) drop(pending);
      }
      const watched = observer !== null;
      return (row, extra, read) => {
        // Observed rows: the key is only the adapter's extra; the observer vouches for the rest.
        const key = watched && row !== scope && (rowsInside || scope?.contains(row) !== false) ? extra : keyOf(row, extra);
        const hit = cache.get(row);
        if (hit && hit.key === key) return hit.value;
        const value = read(row);
        cache.set(row, { key, value });
        return value;
      };
    },
    dispose() {
      observer?.disconnect();
      observer = null;
      scope = null;
      cache = new WeakMap();
    },
  };
  live.add(memo as RowMemo<unknown>);
  return memo;
}

/**
 * The newest row below `container` whose text matches `re` and that `accept`
 * takes, without reading every row: a conversation just opened has fresh row
 * elements, so no memo helps, and an order card is often one of the first
 * messages of a long conversation. One native `textContent` of the container
 * gives every match's offset (newest first); each offset is mapped to its row
 * by summing the text lengths of siblings from the nearer end of the
 * conversation (descending through day groups and wrappers until `isRow`), so
 * only the rows between that end and the match are touched — each at most once
 * per call: the sums are kept per level (TextIndex), so a buyer who wrote
 * "Tracking" in a hundred messages costs one pass, not a hundred. `re` must be
 * global; a match that `accept` refuses (e.g. the label sits in a system notice
 * rather than a card) sends the search on to the next older match.
 * `opts.worthMapping(text, end)` may pass over a match before any row is
 * touched, from the text after it alone (a label with no number after it).
 */
export function newestRowWithText(
  container: Element | null | undefined,
  re: RegExp,
  isRow: (el: Element) => boolean,
  accept: (row: Element) => boolean = () => true,
  opts: {
    /** A child's text length when the caller knows it already (e.g. a row memo's), else undefined. */
    knownLength?: (node: Node) => number | undefined;
    /** False: this match cannot give what `accept` looks for (`end`: where the match ends in `text`). */
    worthMapping?: (text: string, end: number) => boolean;
  } = {},
): Element | null {
  if (!container) return null;
  const text = container.textContent ?? '';
  const offsets: number[] = [];
  const { knownLength, worthMapping } = opts;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!worthMapping || worthMapping(text, m.index + m[0].length)) offsets.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  const levels = new Map<Node, TextIndex>();
  const lengthOf = knownLength ? (n: Node) => knownLength(n) ?? textLength(n) : textLength;
  let lastRow: Element | null = null;
  for (let i = offsets.length - 1; i >= 0; i--) {
    const row = rowAtOffset(container, text.length, offsets[i]!, isRow, levels, lengthOf);
    // Several matches in one row: the row was already judged.
    if (!row || row === lastRow) continue;
    lastRow = row;
    if (accept(row)) return row;
  }
  return null;
}

/** textContent length of a child node as it counts in its parent's textContent (comments do not). */
function textLength(n: Node): number {
  const t = n.nodeType;
  if (t === 3 || t === 4) return (n as CharacterData).length;
  if (t === 1) return (n.textContent ?? '').length;
  return 0;
}

/**
 * One node's children with the text lengths summed so far from either end,
 * extended only as far as a lookup needs: `head[i]` is the text before
 * `headNodes[i]` ends (from the start), `tail[i]` the text after
 * `tailNodes[i]` begins (from the end).
 */
interface TextIndex {
  size: number;
  headNodes: Node[];
  head: number[];
  tailNodes: Node[];
  tail: number[];
}

function indexOf(node: Node, size: number, levels: Map<Node, TextIndex>): TextIndex {
  let ix = levels.get(node);
  if (!ix) {
    ix = { size, headNodes: [], head: [], tailNodes: [], tail: [] };
    levels.set(node, ix);
  }
  return ix;
}

/** The child holding offset `at` of `node`'s text, and the offset within it; null past the children. */
function childAt(node: Node, ix: TextIndex, at: number, lengthOf: (n: Node) => number): { child: Node; at: number; size: number } | null {
  if (at * 2 < ix.size) {
    // Nearer the start: extend the sums from the start until they pass `at`.
    const { headNodes, head } = ix;
    let sum = head.length ? head[head.length - 1]! : 0;
    for (let c = headNodes.length ? headNodes[headNodes.length - 1]!.nextSibling : node.firstChild; sum <= at && c; c = c.nextSibling) {
      sum += lengthOf(c);
      headNodes.push(c);
      head.push(sum);
    }
    // The first child whose end is past `at` (sums are ascending).
    let lo = 0;
    let hi = head.length - 1;
    if (hi < 0 || head[hi]! <= at) return null;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (head[mid]! > at) hi = mid;
      else lo = mid + 1;
    }
    const begin = lo ? head[lo - 1]! : 0;
    return { child: headNodes[lo]!, at: at - begin, size: head[lo]! - begin };
  }
  // Nearer the end: extend the sums from the end until they reach back to `at`.
  const { tailNodes, tail } = ix;
  let begin = tail.length ? tail[tail.length - 1]! : ix.size;
  for (let c = tailNodes.length ? tailNodes[tailNodes.length - 1]!.previousSibling : node.lastChild; begin > at && c; c = c.previousSibling) {
    begin -= lengthOf(c);
    tailNodes.push(c);
    tail.push(begin);
  }
  // The first child (from the end) that begins at or before `at` (begins are descending).
  let lo = 0;
  let hi = tail.length - 1;
  if (hi < 0 || tail[hi]! > at) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tail[mid]! <= at) hi = mid;
    else lo = mid + 1;
  }
  const end = lo ? tail[lo - 1]! : ix.size;
  return { child: tailNodes[lo]!, at: at - tail[lo]!, size: end - tail[lo]! };
}

function rowAtOffset(container: Element, total: number, offset: number, isRow: (el: Element) => boolean, levels: Map<Node, TextIndex>, lengthOf: (n: Node) => number): Element | null {
  let node: Element = container;
  let at = offset;
  let size = total;
  for (let depth = 0; depth < 8; depth++) {
    const hit = childAt(node, indexOf(node, size, levels), at, lengthOf);
    if (!hit || hit.child.nodeType !== 1) return null;
    if (isRow(hit.child as Element)) return hit.child as Element;
    node = hit.child as Element;
    at = hit.at;
    size = hit.size;
  }
  return null;
}
