/**
 * Heuristics for seller backends no dedicated adapter knows (and for the named
 * marketplaces we have no documented selectors for: JD, eBay, Lazada, Etsy,
 * TikTok Shop). Nothing here names a site's classes; it reads what such pages
 * have in common:
 * - the composer: the focused editable, else the largest visible editable in
 *   the lower part of the viewport, looking into open shadow roots and
 *   same-origin iframes (no layout, e.g. a saved snapshot: the last editable);
 * - the message pane: the container with the most similar rows (same tag and
 *   first class), possibly grouped by day one level down, and its scroller;
 * - messages from those rows, the sender guessed from class / data hints
 *   (buyer, receive, left… vs seller, send, right, cs…) or, with layout, from
 *   which side the row's content sits on;
 * - order / tracking / buyer from labelled text (订单号, Order ID, 运单号,
 *   Tracking, 买家, Buyer…), outside the message pane first, then the newest
 *   labelled card inside it;
 * - reviews around star ratings (aria-label / title "4 stars", ★ glyphs, a
 *   filled bar's width %).
 */
import { emptyContext, type ChatMessage, type PageContext, type PageKind, type PageReview } from '../schema';
import { collapse, createRowMemo, imagesIn, isAsciiSpace, isSearchField, langOfTexts, messageText, newestRowWithText, textOf, whenReleased, type RowMemo } from './dom';
import { IDENTIFIER_LABEL, numberMayFollow, readLabelled, textTokens, type Labelled } from './labels';
import { FOLLOW_UP_LABEL } from '../reviews/follow-up';
import { hasLayout, isShown, isVisible } from './layout';
import { isControl, isReplyOpenerWord } from './reply-opener';
import { parseShownDay, parseShownTime, type Day, type TimeZoneSpec } from './time';
import type { ReviewOnPage, SiteAdapter } from './types';
import { fnv1a } from '../fnv1a';
import { buyerOfHeaderText, headerBuyer } from './header-buyer';

// ---- composer -------------------------------------------------------------

const EDITABLE = 'textarea, input:not([type]), input[type="text"], [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"]';

function isEditable(el: Element | null): el is HTMLElement {
  if (!el) return false;
  const tag = el.localName;
  if (tag === 'textarea') return !(el as HTMLTextAreaElement).disabled && !(el as HTMLTextAreaElement).readOnly;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    return (input.type === 'text' || !el.getAttribute('type')) && !input.disabled && !input.readOnly;
  }
  const ce = el.getAttribute('contenteditable');
  if (ce === '' || ce === 'true' || ce === 'plaintext-only') return true;
  return el.getAttribute('role') === 'textbox';
}

/** The focused element, looking through shadow roots and same-origin iframes. */
function deepActive(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  for (let guard = 0; active && guard < 10; guard++) {
    if (active.localName === 'iframe') {
      let inner: Document | null = null;
      try {
        inner = (active as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null;
      }
      if (!inner?.activeElement || inner.activeElement === inner.body) break;
      active = inner.activeElement;
    } else if (active.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    } else break;
  }
  // A focused node inside a contenteditable root: the root is the composer.
  for (let el = active; el; el = el.parentElement) if (isEditable(el)) return el;
  return null;
}

/**
 * Editables in a document, its open shadow roots and same-origin iframes.
 * `skip`: an element whose subtree holds no shadow host or iframe worth
 * opening (the message list: thousands of rows, no composer) — its plain
 * editables are still found by the native query.
 */
function allEditables(root: Document | ShadowRoot, out: HTMLElement[], depth = 0, skip: Element | null = null): HTMLElement[] {
  if (depth > 4) return out;
  const editables = root.querySelectorAll(EDITABLE);
  for (let i = 0; i < editables.length; i++) {
    const el = editables[i]!;
    // Nested contenteditable children belong to their root.
    if (el.parentElement?.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) continue;
    if (isEditable(el)) out.push(el);
  }
  // A static list, indexed: the shadow hosts and iframes are among every element of the page.
  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    // The list is in document order: a subtree's elements follow it, as many as it holds.
    if (el === skip) i += el.getElementsByTagName('*').length;
    if (el.shadowRoot) allEditables(el.shadowRoot, out, depth + 1);
    if (el.localName === 'iframe') {
      try {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner) allEditables(inner, out, depth + 1);
      } catch {
        // cross-origin frame: not ours to read
      }
    }
  }
  return out;
}

/**
 * The composer last found by a scan, per document: reused while it is in the
 * page, still editable and shown (a conversation switch in a single-page app
 * keeps its composer), so the sidebar's refresh does not look through every
 * element of a page holding a long conversation.
 */
const composers = new WeakMap<Document, HTMLElement>();

export function findComposer(doc: Document): HTMLElement | null {
  const focused = deepActive(doc);
  if (focused && !isSearchField(focused)) return focused;
  const layout = hasLayout(doc);
  const cached = composers.get(doc);
  if (cached?.isConnected && isEditable(cached) && (layout ? isVisible(cached, true) : isShown(cached))) return cached;
  const best = scanComposer(doc, layout);
  if (best) composers.set(doc, best);
  else composers.delete(doc);
  return best;
}

function scanComposer(doc: Document, layout: boolean): HTMLElement | null {
  const pane = found.get(doc)?.container;
  const candidates = allEditables(doc, [], 0, pane?.isConnected ? pane : null).filter((el) => !isSearchField(el));
  if (!candidates.length) return null;
  if (!layout) {
    const shown = candidates.filter((el) => isShown(el));
    const multiLine = shown.filter((el) => el.localName !== 'input');
    return (multiLine.length ? multiLine : shown)[(multiLine.length ? multiLine : shown).length - 1] ?? null;
  }
  const viewH = doc.defaultView?.innerHeight ?? 800;
  let best: HTMLElement | null = null;
  let bestScore = 0;
  for (const el of candidates) {
    if (!isVisible(el, true)) continue;
    const r = el.getBoundingClientRect();
    const frame = el.ownerDocument.defaultView?.frameElement?.getBoundingClientRect();
    const top = r.top + (frame?.top ?? 0);
    const center = top + r.height / 2;
    let score = r.width * r.height;
    if (center > viewH * 0.5) score *= 3;
    if (top > viewH || top + r.height < 0) score *= 0.1;
    if (el.localName === 'input') score *= 0.3;
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

// ---- message rows -----------------------------------------------------------

function signature(el: Element): string {
  // The class attribute's first token is classList[0], read without a DOMTokenList per row.
  return `${el.localName}.${firstClass(el.getAttribute('class'))}`;
}

/** The first class token of a class attribute value ('' for none); tokens are split on ASCII whitespace. */
function firstClass(cls: string | null): string {
  if (!cls) return '';
  let i = 0;
  while (i < cls.length && isAsciiSpace(cls.charCodeAt(i))) i++;
  let j = i;
  while (j < cls.length && !isAsciiSpace(cls.charCodeAt(j))) j++;
  return cls.slice(i, j);
}

interface RowSet {
  container: Element;
  rows: Element[];
  /** The rows' most common signature (dominantSignature), when the finder tallied it already. */
  dominant?: string;
}

/**
 * The page's message rows as last found, per document: scanning every element
 * of a page holding a 2,000-message pane is what made generic reads slow. The
 * found container is reused while it is in the page, still holds a list of
 * similar rows, and no change outside it could have made another element hold
 * as many similar rows (a MutationObserver on the body says what changed: a
 * bigger list appearing elsewhere, e.g. the conversation loading after the
 * conversation list, is found by the next scan). What cannot: a class change
 * that keeps the element's first class (the conversation list's highlight
 * moving on a switch — the first class is all a row's signature reads), and
 * elements added or removed where no element around them, nor inside what was
 * added, has as many children or grandchildren as the container has rows.
 * Those are judged at the next read, against the container's count then.
 * Changes inside it (new messages, another conversation) keep it; the rows
 * themselves are re-listed only after a change inside it.
 */
interface FoundRows {
  container: Element;
  minRows: number;
  /** Rows the container must still hold: minRows, or SHORT_CHAT_ROWS for a short chat (shortChat). */
  listMin: number;
  observer: MutationObserver | null;
  dirty: boolean;
  /** Outside elements whose children changed, or whose child's first class did: judged with their parent. */
  touched: Set<Element>;
  /** Subtrees added outside the container: judged by their size. */
  added: Set<Element>;
  /** Something inside the container changed since `rows` was listed. */
  rowsChanged: boolean;
  rows: RowSet | null;
}
const found = new WeakMap<Document, FoundRows>();
const releasing = new Set<FoundRows>();
whenReleased(() => {
  for (const f of releasing) forget(f);
  releasing.clear();
});

/** Outside changes held for judgement at most; more and the next read scans again. */
const MAX_TOUCHED = 64;

function forget(f: FoundRows): void {
  f.observer?.disconnect();
  f.observer = null;
  f.dirty = true;
  f.touched.clear();
  f.added.clear();
  f.rows = null;
}

/**
 * The container with the most same-signature rows, counting a container's
 * children, or its grandchildren when rows are grouped (by day) one level down
 * — the conversation list passed over (isConversationList).
 */
export function findRows(doc: Document, minRows = 5): RowSet | null {
  const body = doc.body;
  if (!body) return null;
  const last = found.get(doc);
  if (last && last.minRows === minRows) {
    if (last.observer) changed(last, last.observer.takeRecords());
    if (!last.dirty && last.container.isConnected) {
      if (last.rows && !last.rowsChanged && !last.touched.size && !last.added.size) return last.rows;
      const again = listAt(last.container, last.listMin - 1);
      if (again && !outsideMayWin(last, again.count)) {
        last.rows = { container: last.container, rows: again.rows, dominant: again.dominant };
        last.rowsChanged = false;
        return last.rows;
      }
    }
    forget(last);
    releasing.delete(last);
  }
  let conversations: Element | null = null;
  let set = findRowsUnder(body, minRows, false, (rows, el) => {
    if (!isConversationList(rows)) return false;
    conversations ??= el;
    return true;
  });
  // A conversation list shorter than a long chat (three open conversations) is no candidate of the
  // search above, so it was never passed over and a 2–4 message chat beside it read as none
  // (explorer's own backend page: 3 conversations, a 3-message chat → 0 messages). Where a composer
  // says this is a chat, look once more for the list among smaller row sets, only to find it.
  if (!set && !conversations && findComposer(doc)) conversations = shortConversationList(body);
  let listMin = minRows;
  if (!set && conversations) {
    set = shortChat(doc, conversations);
    listMin = SHORT_CHAT_ROWS;
  }
  if (!set) {
    found.delete(doc);
    return null;
  }
  const next: FoundRows = { container: set.container, minRows, listMin, observer: null, dirty: false, touched: new Set(), added: new Set(), rowsChanged: false, rows: set };
  const Observer = doc.defaultView?.MutationObserver;
  if (Observer) {
    next.observer = new Observer((records) => changed(next, records));
    // Old class values: a highlight added after the first class changes no signature.
    next.observer.observe(body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
    releasing.add(next);
  } else {
    // No observer to vouch for the rest of the page: scan every time.
    next.dirty = true;
  }
  found.set(doc, next);
  return set;
}

/** Rows that make a short chat: fewer than this are one message, which no list search can tell apart. */
const SHORT_CHAT_ROWS = 2;
const CONTROL_TAGS = new Set(['button', 'a', 'input', 'select', 'option', 'label', 'textarea']);
const CONTROL_ROLES = new Set(['button', 'tab', 'option', 'menuitem', 'link', 'radio', 'checkbox']);

/**
 * A buyer's first messages next to the conversation list that outnumbers them:
 * the list of 2–4 similar rows in the composer's column — the composer's
 * highest ancestor that does not hold the conversation list — whose rows all
 * carry text, are not controls (a toolbar's buttons, tabs) and do not hold the
 * composer. Only asked when the whole-page search passed over a conversation
 * list and found nothing else; no multi-line composer, no short chat.
 */
function shortChat(doc: Document, conversations: Element): RowSet | null {
  const composer = findComposer(doc);
  // A one-line input is more often the list's own search box than a chat's composer.
  if (!composer || composer.localName === 'input' || composer.ownerDocument !== doc || conversations.contains(composer)) return null;
  let column: Element = composer;
  while (column.parentElement && column.parentElement !== doc.body && !column.parentElement.contains(conversations)) column = column.parentElement;
  if (column === composer) return null;
  return findRowsUnder(column, SHORT_CHAT_ROWS, false, (rows) => isConversationList(rows) || !rows.every((row) => isMessageLike(row, composer)));
}

/**
 * The first element in document order (the body itself excepted) whose rows (listAt, two or more) are a
 * conversation list — what a whole-page scan at two rows would find, without that scan: such a list has
 * exactly one row marked open, and its container is the marked row's parent or grandparent (rows grouped),
 * the row being the marked element or its parent (isConversationList reads a row's first child too).
 * So only those ancestors of the page's marked elements are judged. This runs on every read of a page
 * with a composer and no rows found (a chat not loaded yet, an order page's note box); the scan it
 * replaced walked the whole page a second time there.
 */
export function shortConversationList(body: Element): Element | null {
  const candidates = new Set<Element>();
  for (const marked of Array.from(body.querySelectorAll(MAYBE_OPEN))) {
    if (!markedOpen(marked)) continue;
    let el: Element | null = marked;
    for (let up = 1; up <= 3; up++) {
      el = el.parentElement;
      if (!el || el === body) break;
      candidates.add(el);
    }
  }
  const ordered = [...candidates].sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1));
  for (const el of ordered) {
    const list = listAt(el, SHORT_CHAT_ROWS - 1);
    if (list && isConversationList(list.rows)) return el;
  }
  return null;
}

function isMessageLike(row: Element, composer: Element): boolean {
  if (CONTROL_TAGS.has(row.localName) || row.contains(composer)) return false;
  const role = row.getAttribute('role');
  if (role !== null && CONTROL_ROLES.has(role)) return false;
  return (row.textContent ?? '').trim() !== '';
}

/** Sort the observer's records: inside the container, outside changes to judge, or too many to hold. */
function changed(f: FoundRows, records: MutationRecord[]): void {
  if (f.dirty) return;
  for (const r of records) {
    const target = r.target as Element;
    if (f.container.contains(target)) {
      f.rowsChanged = true;
      continue;
    }
    if (r.type === 'attributes') {
      // A signature is the tag and the first class: other classes coming and going change no tally.
      if (firstClass(r.oldValue) === firstClass(target.getAttribute('class'))) continue;
      if (target.parentElement) f.touched.add(target.parentElement);
    } else {
      f.touched.add(target);
      for (let i = 0; i < r.addedNodes.length; i++) {
        const n = r.addedNodes[i]!;
        if (n.nodeType === 1) f.added.add(n as Element);
      }
    }
    if (f.touched.size > MAX_TOUCHED || f.added.size > MAX_TOUCHED) {
      forget(f);
      releasing.delete(f);
      return;
    }
  }
}

/**
 * Whether an outside change could have given some element at least `count`
 * similar rows (a tie counts: a fresh scan takes the first in document order).
 * An element's rows are its children, or its grandchildren when grouped; a
 * changed element's own count and its parent's grouped count can change, and
 * anything inside an added subtree holds fewer rows than the subtree has elements.
 */
function outsideMayWin(f: FoundRows, count: number): boolean {
  const fits = (el: Element | null) => el !== null && el.isConnected && mostRows(el) >= count;
  for (const el of f.touched) if (fits(el) || fits(el.parentElement)) return true;
  for (const el of f.added) if (el.isConnected && el.getElementsByTagName('*').length >= count) return true;
  f.touched.clear();
  f.added.clear();
  return false;
}

/**
 * Whether a list of rows is the conversation list (a page's navigation), not a
 * conversation: exactly one of its rows is marked as the one open — aria-selected
 * / aria-current, or a class (or data-cy / -sender / -role) word active / selected / current (`active`,
 * `is-selected`, `chat-item--active`, CSS-module `selected___Aa1`: the demo's
 * Pinduoduo, Amazon and Qianniu lists). A buyer's first messages ("在吗？",
 * an order question) are fewer rows than a shop's conversation list, and the
 * most similar rows on the page would otherwise be read as the chat: evidence
 * of the wrong thing. A conversation's rows are not marked so; a list longer
 * than MAX_NAV_ROWS is not asked (no conversation list loads that many, and a
 * 2,000-message pane is not walked for it on every scan).
 */
export function isConversationList(rows: readonly Element[]): boolean {
  if (rows.length > MAX_NAV_ROWS) return false;
  let marked = 0;
  for (const row of rows) {
    if (markedOpen(row) || (row.firstElementChild !== null && markedOpen(row.firstElementChild))) {
      marked++;
      if (marked > 1) return false;
    }
  }
  return marked === 1;
}
const MAX_NAV_ROWS = 300;

function markedOpen(el: Element): boolean {
  if (el.getAttribute('aria-selected') === 'true') return true;
  const current = el.getAttribute('aria-current');
  if (current !== null && current !== 'false') return true;
  // The class words, read (and cached per attribute string) with the sender's (hintOf).
  return hintOf(el).open;
}

/** The most rows listAt could find at `el`: its children, or its grandchildren when few groups. */
function mostRows(el: Element): number {
  if (SKIP_TAGS.has(el.localName)) return 0;
  const n = el.childElementCount;
  if (n < 2 || n > 60) return n;
  let total = 0;
  for (let g = el.firstElementChild; g; g = g.nextElementSibling) total += g.childElementCount;
  return Math.max(n, total);
}

/** findRows below one element (a pane the seller picked), the element itself included; `passOver`: lists never taken. */
export function findRowsUnder(body: Element, minRows = 5, includeSelf = true, passOver?: (rows: readonly Element[], container: Element) => boolean): RowSet | null {
  const scan: Scan = { best: null, bestCount: minRows - 1, passOver };
  if (includeSelf) judge(body, scan);
  scanBelow(body, scan);
  return scan.best;
}

interface Scan {
  best: RowSet | null;
  bestCount: number;
  passOver?: ((rows: readonly Element[], container: Element) => boolean) | undefined;
}

function judge(el: Element, scan: Scan): void {
  const list = listAt(el, scan.bestCount);
  if (list && !scan.passOver?.(list.rows, el)) {
    scan.best = { container: el, rows: list.rows, dominant: list.dominant };
    scan.bestCount = list.count;
  }
}

/**
 * Every element below `el` in document order (the order that decides ties), each judged before its
 * descendants — but a subtree with no more elements than the best count so far is passed over: an
 * element's rows are its children or grandchildren, so nothing in it can hold more rows than its size,
 * and only more than the best wins. A conversation's 2,000 rows are passed over one native count each
 * instead of a wrapper and a judgement for each of their ~14,000 elements. (A page that renders its
 * pane afresh on a switch is scanned whole; measured there, medians: pinduoduo 4.5 → 3.5 ms, amazon
 * 4.1 → 3.7, shopee unchanged — the new pane's own tally is most of what remains.)
 */
function scanBelow(el: Element, scan: Scan): void {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (c.firstElementChild === null || c.getElementsByTagName('*').length <= scan.bestCount) continue;
    judge(c, scan);
    scanBelow(c, scan);
  }
}

/**
 * The rows of `el` when it holds more than `bestCount` similar rows: its
 * children, or its grandchildren when grouped (by day) one level down.
 * (Exported for the scan's unit test, which judges every element with it.)
 */
export function listAt(el: Element, bestCount: number): { rows: Element[]; count: number; dominant: string } | null {
  let best: { rows: Element[]; count: number; dominant: string } | null = null;
  const n = el.childElementCount;
  // Pruned before any tally: a container can only win with more rows than the
  // best so far, and most elements (a bubble's insides) have one or two children.
  if (n === 0 || SKIP_TAGS.has(el.localName)) return null;
  if (n > bestCount) {
    const children: Element[] = [];
    const tally = tallyRows(el, children);
    let top = 0;
    for (const v of tally.values()) if (v > top) top = v;
    if (top > bestCount && top * 2 >= n) {
      best = { rows: children, count: top, dominant: firstMost(tally) };
      bestCount = top;
    }
  }
  // Grouped rows: few children (day groups), each holding rows of one signature.
  if (n <= 60 && n >= 2) {
    let total = 0;
    for (let g = el.firstElementChild; g; g = g.nextElementSibling) total += g.childElementCount;
    // The rows counted below are at most the grandchildren, and must be more than twice the groups.
    if (total <= bestCount || total <= n * 2) return best;
    const inner = new Map<string, number>();
    const groupsWith = new Map<string, number>();
    const rows: Element[] = [];
    for (let g = el.firstElementChild; g; g = g.nextElementSibling) {
      // Groups in order, each group's signatures in first-seen order: the merged order is the rows' own.
      for (const [sig, v] of tallyRows(g, rows)) {
        inner.set(sig, (inner.get(sig) ?? 0) + v);
        groupsWith.set(sig, (groupsWith.get(sig) ?? 0) + 1);
      }
    }
    let count = 0;
    let sig = '';
    for (const [k, v] of inner) if (v > count) [sig, count] = [k, v];
    // Rows spread over several groups; rows all in one child are that child's rows.
    if (count > bestCount && count * 2 >= total && count > n * 2 && (groupsWith.get(sig) ?? 0) >= 2) {
      best = { rows, count, dominant: firstMost(inner) };
    }
  }
  return best;
}

/**
 * How many of `el`'s children have each signature, in the order signatures are
 * first seen, the children pushed to `out` on the way. Tallied by the class
 * attribute as the page gives it (rows of one list share that string; no
 * signature string is built per row), then merged by first class.
 */
function tallyRows(el: Element, out: Element[]): Map<string, number> {
  const first = el.firstElementChild;
  const tag = first?.localName ?? '';
  // Keyed by the class attribute for children of the first child's tag; others by tag and class.
  const byClass = new Map<string, number>();
  for (let c = first; c; c = c.nextElementSibling) {
    out.push(c);
    const cls = c.getAttribute('class') ?? '';
    // (A class value starting with NUL takes the long form too, so the two never read alike.)
    const key = c.localName === tag && cls.charCodeAt(0) !== 0 ? cls : `\u0000${c.localName}\u0000${cls}`;
    byClass.set(key, (byClass.get(key) ?? 0) + 1);
  }
  // Keys come in first-seen order, so each signature is met first at its own first row.
  const tally = new Map<string, number>();
  for (const [key, v] of byClass) {
    const odd = key.startsWith('\u0000') ? key.indexOf('\u0000', 1) : -1;
    const sig = odd > 0 ? `${key.slice(1, odd)}.${firstClass(key.slice(odd + 1))}` : `${tag}.${firstClass(key)}`;
    tally.set(sig, (tally.get(sig) ?? 0) + v);
  }
  return tally;
}

/** The key with the highest tally, ties to the first seen (as dominantSignature decides). */
function firstMost(tally: Map<string, number>): string {
  let most = '';
  let n = 0;
  for (const [k, v] of tally) if (v > n) [most, n] = [k, v];
  return most;
}
const SKIP_TAGS = new Set(['script', 'style', 'svg', 'select', 'head', 'noscript']);

function scrollerOf(el: Element, layout: boolean): HTMLElement {
  const win = el.ownerDocument.defaultView;
  for (let p: Element | null = el; p && p !== el.ownerDocument.body; p = p.parentElement) {
    const style = win?.getComputedStyle(p);
    const scrollable = style && (style.overflowY === 'auto' || style.overflowY === 'scroll');
    if (scrollable && (!layout || p.scrollHeight > p.clientHeight + 1)) return p as HTMLElement;
  }
  return el as HTMLElement;
}

const SYSTEM_HINTS = new Set(['system', 'sys', 'notice', 'tip', 'tips', 'divider', 'center', 'centre', 'announcement']);
const SELLER_HINTS = new Set(['seller', 'self', 'mine', 'me', 'send', 'sent', 'right', 'agent', 'cs', 'outgoing', 'shop', 'kefu', 'staff', 'own', 'merchant', 'out']);
const OPEN_WORDS = new Set(['active', 'selected', 'current']);
// What markedOpen reads (hintOf's attributes), as one native query for shortConversationList: a superset
// ("inactive" matches too), each match then judged by markedOpen.
const MAYBE_OPEN = ['[aria-selected="true"]', '[aria-current]', ...['class', 'data-cy', 'data-sender', 'data-role'].flatMap((a) => [...OPEN_WORDS].map((w) => `[${a}*="${w}" i]`))].join(',');
const BUYER_HINTS = new Set(['buyer', 'customer', 'receive', 'received', 'left', 'other', 'incoming', 'guest', 'client', 'in', 'them']);

/** What one element's class / data-cy / data-sender / data-role words say about the sender (and whether it is marked open). */
interface Hint {
  /** The first word that names a side (seller first when a word names both). */
  side: 'seller' | 'buyer' | null;
  /** Some word names a notice. */
  system: boolean;
  /** Some word marks the row open (active / selected / current): a conversation list's (isConversationList). */
  open: boolean;
}

// Per attribute string, not per element: a conversation's rows repeat a handful of class strings, and
// splitting them for every element of 2,000 rows was ~3 ms of a first read. Keyed by the attribute
// strings the page hands back (one string per distinct value, its hash computed once): the class
// alone for an element with none of the data attributes (nearly every element), else class, data-cy,
// data-sender and data-role one map level each — a key joined per element was a new string, hashed
// in full at every lookup (Shopee's data-cy rows: ~150 KB of a first read's allocation).
const hints = new Map<string, Hint>();
type HintTree = Map<string, Map<string, Map<string, Map<string, Hint>>>>;
const dataHints: HintTree = new Map();
/** Entries in both maps: pages that put ids or generated names into classes would grow them forever. */
let hintCount = 0;
const MAX_HINTS = 1000;

function hintOf(el: Element): Hint {
  const cls = el.getAttribute('class') ?? '';
  const cy = el.getAttribute('data-cy');
  const sender = el.getAttribute('data-sender');
  const role = el.getAttribute('data-role');
  if (cy === null && sender === null && role === null) {
    const hint = hints.get(cls);
    return hint ?? remember(hints, cls, readHint(cls));
  }
  let byCy = dataHints.get(cls);
  if (!byCy) dataHints.set(cls, (byCy = new Map()));
  let bySender = byCy.get(cy ?? '');
  if (!bySender) byCy.set(cy ?? '', (bySender = new Map()));
  let byRole = bySender.get(sender ?? '');
  if (!byRole) bySender.set(sender ?? '', (byRole = new Map()));
  return byRole.get(role ?? '') ?? remember(byRole, role ?? '', readHint(`${cls} ${cy ?? ''} ${sender ?? ''} ${role ?? ''}`));
}

function remember(map: Map<string, Hint>, key: string, hint: Hint): Hint {
  if (++hintCount > MAX_HINTS) {
    hints.clear();
    dataHints.clear();
    hintCount = 1;
    // The level `map` belongs to may have just been dropped: the hint is still right for this element.
  }
  map.set(key, hint);
  return hint;
}

/** What the words of an element's class and data attributes say (split on whitespace, '-' and '_'). */
function readHint(raw: string): Hint {
  const hint: Hint = { side: null, system: false, open: false };
  for (const t of raw.toLowerCase().split(/[\s_-]+/)) {
    if (hint.side === null && SELLER_HINTS.has(t)) hint.side = 'seller';
    else if (hint.side === null && BUYER_HINTS.has(t)) hint.side = 'buyer';
    if (SYSTEM_HINTS.has(t)) hint.system = true;
    if (OPEN_WORDS.has(t)) hint.open = true;
  }
  return hint;
}

/**
 * Whether a class name says which side wrote a row (`from-buyer`, `msg-right`, `bubble_mine`): the
 * reader tells senders apart by these words, so a selector that should find every row must not need one.
 */
export function namesSender(className: string): boolean {
  return readHint(className).side !== null;
}

// What scanHints found: the side named nearest the row (first in document order at that depth),
// and whether any element within three levels names a notice. Module state, not a result object:
// one scan at a time, and a first read scans 2,000 rows.
let hintSide: Hint['side'] = null;
let hintDepth = 4;
let hintSystem = false;

/**
 * The row and its descendants to three levels, depth first, pruned below the depth of a side
 * already found: the same answer as a breadth-first search (the nearest level first, document
 * order within it) without a queue of [element, depth] pairs — ~390 B per row of a first read.
 */
function scanHints(el: Element, depth: number): void {
  const hint = hintOf(el);
  if (hint.side && depth < hintDepth) {
    hintSide = hint.side;
    hintDepth = depth;
  }
  if (hint.system) hintSystem = true;
  if (depth < 3 && depth + 1 < hintDepth) for (let c = el.firstElementChild; c; c = c.nextElementSibling) scanHints(c, depth + 1);
}

/** Sender from hints on the row, then its descendants (3 levels, nearest first), then layout. */
function guessSender(row: Element, layout: boolean, dominant: string): ChatMessage['sender'] {
  // The row's own words first (asked once: a row that names its side is most rows on most pages).
  const own = hintOf(row);
  if (own.system) return 'system';
  if (own.side) return own.side;
  hintSide = null;
  hintDepth = 4;
  hintSystem = false;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) scanHints(c, 1);
  if (hintSide) return hintSide;
  if (hintSystem) return 'system';
  if (layout) {
    const r = row.getBoundingClientRect();
    const content = findContentBox(row);
    if (content && r.width > 0) {
      const c = content.getBoundingClientRect();
      const mid = r.left + r.width / 2;
      if (c.right < mid + r.width * 0.1 && c.left < mid) return 'buyer';
      if (c.left > mid - r.width * 0.1) return 'seller';
      if (c.width < r.width * 0.8) return 'system';
    }
  }
  // No hint, no layout: a row shaped unlike the conversation's bubbles is a notice.
  return signature(row) === dominant ? 'buyer' : 'system';
}

function findContentBox(row: Element): Element | null {
  let el: Element | null = row;
  while (el && el.childElementCount === 1) el = el.firstElementChild;
  if (!el) return null;
  // The widest-text child of the row is its bubble.
  let best: Element | null = null;
  let len = 0;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const l = (c.textContent ?? '').length;
    if (l > len) [best, len] = [c, l];
  }
  return best ?? el;
}

const TIME_ONLY = /^(?:(?:今天|昨天|前天|Today|Yesterday)\s*)?(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+|[A-Z][a-z]{2}\s+\d{1,2},?\s+\d{4},?\s+|\d{1,2}\/\d{1,2}\/\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?$/i;

const CLOCK = /\d:\d\d/;

/** The text of the leaf timeElementOf found last (its textContent, read once). */
let timeLeafText = '';

/** The first leaf below `el` (document order) whose text is only a time. */
function timeElementOf(el: Element): Element | null {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (c.childElementCount === 0) {
      // Every time TIME_ONLY takes has a colon: most leaves (a message's text) fail here, untrimmed and unmatched.
      const t = c.textContent ?? '';
      if (t.includes(':') && TIME_ONLY.test(t.trim())) {
        timeLeafText = t;
        return c;
      }
    } else {
      const found = timeElementOf(c);
      if (found) return found;
    }
  }
  return null;
}

/** A day divider: nothing but a date or 今天 / Yesterday (maybe a weekday). */
const DAY_ONLY = /^(?:今天|昨天|前天|today|yesterday|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{1,2}[-月]\d{1,2}日?)(?:\s*(?:星期.|周.|[A-Z][a-z]+day))?$/i;

/**
 * Every text DAY_ONLY takes after its whitespace is collapsed matches this
 * before: the characters its dates and day words are written with, whitespace
 * anywhere, and at the end "星期" or "周" with one more character.
 */
const MAYBE_DAY = /^[\s\dA-Za-z今天昨前年月日,./-]*(?:(?:星期|周)\S\s*)?$/;

const AVATAR = /avatar|portrait|head-?img|headpic|profile/i;

/**
 * The agent's zone, asked of Intl once a minute: a new DateTimeFormat costs
 * more than counting a conversation's rows (~15 ms in a first read of 2,000
 * messages when it landed there), and reads ask on every refresh. Only the
 * first read asks in line; after that a read takes the zone known and, when
 * that is a minute old, has it asked again when the page is idle — an agent
 * who moves the computer's clock to another zone sees it a moment later, and
 * no read (a capture the agent waits for) pays for the check.
 */
let zoneAsked: { at: number; zone: TimeZoneSpec } | null = null;
let zoneRefresh = false;

function askZone(): TimeZoneSpec {
  let timeZone = 'UTC';
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // keep UTC
  }
  return { timeZone };
}

function localZone(): TimeZoneSpec {
  const now = Date.now();
  if (!zoneAsked) zoneAsked = { at: now, zone: askZone() };
  else if ((now - zoneAsked.at >= 60_000 || now < zoneAsked.at) && !zoneRefresh) {
    zoneRefresh = true;
    const refresh = () => {
      zoneRefresh = false;
      zoneAsked = { at: Date.now(), zone: askZone() };
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(refresh, { timeout: 2000 });
    else setTimeout(refresh, 0);
  }
  return zoneAsked.zone;
}

const ID_ATTRIBUTES = ['data-message-id', 'data-msg-id', 'data-mid', 'data-id'];

function platformIdOf(row: Element): string | null {
  for (let i = 0; i < ID_ATTRIBUTES.length; i++) {
    const v = row.getAttribute(ID_ATTRIBUTES[i]!);
    if (v) return v;
  }
  return row.id || null;
}

export interface RowRead {
  divider: Day | null;
  message: ChatMessage | null;
}

/** A row's shown text with its time cut out, and the time; null for an empty row or a day divider. */
function rowText(row: Element, now: Date, zone: () => TimeZoneSpec): { text: string; timeText: string; divider: Day | null } | null {
  let text = messageText(row);
  if (!text && !row.querySelector('img')) return null;
  if (DAY_ONLY.test(text)) {
    const divider = parseShownDay(text, now, zone());
    if (divider) return { text, timeText: '', divider };
  }
  // A leaf that is only a time holds "d:dd", which collapsing whitespace leaves in the row's text: without
  // one there, no element needs looking at (chats that show a time over a group of messages, not on each).
  const timeEl = CLOCK.test(text) ? timeElementOf(row) : null;
  const timeText = timeEl ? collapse(timeLeafText) : '';
  if (timeText) {
    const at = text.lastIndexOf(timeText);
    // `text` is collapsed already (single spaces, trimmed): only the join can put two spaces together.
    if (at >= 0) text = joinWords(text.slice(0, at).trimEnd(), text.slice(at + timeText.length).trimStart());
  }
  return { text, timeText, divider: null };
}

function joinWords(before: string, after: string): string {
  return before && after ? `${before} ${after}` : before || after;
}

function readRow(row: Element, layout: boolean, dominant: string, now: Date, zone: TimeZoneSpec, day: Day | null): RowRead {
  const shown = rowText(row, now, () => zone);
  if (!shown) return { divider: null, message: null };
  if (shown.divider) return { divider: shown.divider, message: null };
  const { text, timeText } = shown;
  return {
    divider: null,
    message: {
      platformId: platformIdOf(row),
      // With layout the side a row sits on may decide; the memo key does not see geometry,
      // but a row element keeps its side for as long as it keeps its classes and text.
      sender: guessSender(row, layout, dominant),
      timeText,
      timeIso: timeText ? parseShownTime(timeText, now, zone, day) : null,
      text,
      images: imagesIn(row, (img) => AVATAR.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('alt') ?? ''}`)),
    },
  };
}

const memo = createRowMemo<RowRead>();

/**
 * What counting keeps of a row: whether it is a message, and its text length,
 * which the order-card search (newestCards) maps text offsets to rows with —
 * so a conversation just opened has each row's text read once, by whichever
 * of the two reaches it first.
 */
export interface RowTally {
  message: boolean;
  length: number;
}
const counted = createRowMemo<RowTally>();

export function genericMessages(doc: Document): ChatMessage[] {
  const set = findRows(doc);
  return set ? messagesOfRows(doc, set.rows, set.container, memo, set.dominant, true) : [];
}

export function genericMessageCount(doc: Document): number {
  const set = findRows(doc);
  return set ? countRows(set.rows, set.container, counted, true) : 0;
}

/** The rows' common parent when they have one: the element a row memo can watch. */
export function parentOfAll(rows: readonly Element[]): Element | null {
  const parent = rows[0]?.parentElement ?? null;
  for (const row of rows) if (row.parentElement !== parent) return null;
  return parent;
}

/**
 * Messages from given rows (a taught profile's rows, or the heuristics' own).
 * `scope` holds every row (the pane); rows are re-read only when the memo's
 * observer on it saw them change. `rowMemo`: the caller's own, so a taught
 * pane and the heuristics' pane on one page do not evict each other.
 */
export function messagesOfRows(doc: Document, rows: readonly Element[], scope: Element | null, rowMemo: RowMemo<RowRead> = memo, dominantKnown?: string, rowsInside = false): ChatMessage[] {
  if (!rows.length) return [];
  const layout = hasLayout(doc);
  // Unknown backends: assume they show the agent's local time.
  const zone = localZone();
  const now = new Date();
  let day: Day | null = null;
  const out: ChatMessage[] = [];
  const dominant = dominantKnown ?? dominantSignature(rows);
  const read = rowMemo.session(scope, rowsInside);
  const base = `${dominant}|${layout}|`;
  // The day divider above a row is part of its key: written once per divider, not per row.
  let key = base;
  const readOne = (row: Element) => readRow(row, layout, dominant, now, zone, day);
  for (const row of rows) {
    const r = read(row, key, readOne);
    if (r.divider) {
      day = r.divider;
      key = `${base}${day.y}-${day.m}-${day.d}`;
    } else if (r.message) out.push(r.message);
  }
  return out;
}

function dominantSignature(rows: readonly Element[]): string {
  const tally = new Map<string, number>();
  for (const row of rows) {
    const sig = signature(row);
    tally.set(sig, (tally.get(sig) ?? 0) + 1);
  }
  // Ties go to the signature seen first.
  let dominant = '';
  for (const [sig, n] of tally) if (n > (tally.get(dominant) ?? 0)) dominant = sig;
  return dominant;
}

/**
 * How many of the rows messagesOfRows() returns as messages, without parsing
 * them: a row counts unless it is empty (no text, no image) or a day divider.
 */
export function countRows(rows: readonly Element[], scope: Element | null, rowMemo: RowMemo<RowTally> = counted, rowsInside = false): number {
  if (!rows.length) return 0;
  const zone = localZone();
  const now = new Date();
  const read = rowMemo.session(scope, rowsInside);
  let n = 0;
  for (const row of rows) if (read(row, '', () => tallyRow(row, now, zone)).message) n++;
  return n;
}

function tallyRow(row: Element, now: Date, zone: TimeZoneSpec): RowTally {
  const raw = row.textContent ?? '';
  return { message: isMessageRow(row, raw, now, zone), length: raw.length };
}

function isMessageRow(row: Element, raw: string, now: Date, zone: TimeZoneSpec): boolean {
  if (!/\S/.test(raw)) return row.querySelector('img') !== null;
  // Most rows hold a character no day divider has, found within a few characters:
  // only the rest pay for collapsing their whitespace (textOf) and the full test.
  if (!MAYBE_DAY.test(raw)) return true;
  const text = textOf(row);
  return !(DAY_ONLY.test(text) && parseShownDay(text, now, zone));
}

// ---- context ----------------------------------------------------------------

/** What the language needs of a row: who wrote it and what (null: not a message). */
const recent = createRowMemo<{ sender: ChatMessage['sender']; text: string } | null>();

/**
 * The newest buyer messages' texts, read from the last row backwards: the
 * language needs a dozen, not a conversation just opened parsed whole. Sender
 * and text do not depend on the day dividers above a row, and its time,
 * images and platform id are not read at all.
 */
function lastBuyerTexts(doc: Document, set: RowSet, max: number): string[] {
  const layout = hasLayout(doc);
  const dominant = set.dominant ?? dominantSignature(set.rows);
  const now = new Date();
  const read = recent.session(set.container, true);
  const texts: string[] = [];
  for (let i = set.rows.length - 1; i >= 0 && texts.length < max; i--) {
    const row = set.rows[i]!;
    const m = read(row, `${dominant}|${layout}`, () => {
      const shown = rowText(row, now, localZone);
      return shown && !shown.divider ? { sender: guessSender(row, layout, dominant), text: shown.text } : null;
    });
    if (m?.sender === 'buyer') texts.push(m.text);
  }
  return texts.reverse();
}

/**
 * Labelled fields from the conversation's newest order cards: rows whose text
 * labels an order or tracking number (with their group when rows are grouped:
 * an order list's blocks), newest first, until both numbers are known; a
 * field comes from the newest such card that has it. Found from the
 * label's matches in the pane's text (newestRowWithText), so a conversation
 * just opened is not tokenised row by row — and a buyer's "Status: …" in an
 * ordinary message is not taken for the order's status.
 */
const FOUR_DIGITS = /\d{4}/;

function newestCards(set: RowSet): Labelled {
  const fields: Labelled = {};
  // The rows are the container's children, or its grandchildren when grouped (listAt): known by
  // where an element sits, without a set of two thousand rows.
  const { container } = set;
  const grouped = set.rows[0]?.parentElement !== container;
  const isRow = grouped
    ? (el: Element) => el.parentElement !== container && el.parentElement?.parentElement === container
    : (el: Element) => el.parentElement === container;
  const zone = localZone();
  const now = new Date();
  // Through the count's memo: what one reads of a fresh row, the other finds.
  const read = counted.session(container, true);
  const knownLength = (n: Node) => (n.nodeType === 1 && isRow(n as Element) ? read(n as Element, '', () => tallyRow(n as Element, now, zone)).length : undefined);
  // A label with no number after it ("Tracking has not moved", "订单号多少?") is passed over from the
  // pane's text alone, before any row is touched: a buyer's hundred such mentions no longer make a
  // conversation just opened read every row. (Not checked: a script, style or textarea between a
  // label and its number inside one message would hide the number — asking the pane whether it holds
  // one costs a walk of every element, more than what is saved.)
  newestRowWithText(container, IDENTIFIER_LABEL, isRow, (row) => {
    // Grouped rows (an order list's field lines in one block per order): the card is the group.
    const card = row.parentElement !== set.container && row.parentElement ? row.parentElement : row;
    // Both numbers' shapes need four digits in a row: a buyer's "Tracking has not moved" has none,
    // and is passed over without tokenising it (its text holds every token's).
    if (!FOUR_DIGITS.test(card.textContent ?? '')) return false;
    const f = readLabelled(textTokens(card), true);
    if (f.orderNumber === undefined && f.tracking === undefined) return false;
    for (const [k, v] of Object.entries(f) as [keyof Labelled, string][]) if (fields[k] === undefined) fields[k] = v;
    return fields.orderNumber !== undefined && fields.tracking !== undefined;
  }, { knownLength, worthMapping: numberMayFollow });
  return fields;
}

export function genericContext(doc: Document): PageContext {
  const ctx = emptyContext();
  const body = doc.body;
  if (!body) return ctx;
  const set = findRows(doc);
  const outside = readLabelled(textTokens(body, set?.container ?? null));
  const inside = set ? newestCards(set) : {};
  const f = { ...inside, ...outside };
  ctx.buyer = { name: outside.buyer ?? null, id: outside.buyerId ?? null };
  // "Buyer: 王女士 (wang_mei88)": the name, with the account id in brackets after it, read as a header's
  // name (id) is (header-buyer.ts) — every {buyer} reply greeted "王女士 (wang_mei88)".
  const split = outside.buyer && !outside.buyerId ? buyerOfHeaderText(outside.buyer) : null;
  if (split) ctx.buyer = { name: split.name, id: split.id };
  // No "买家:" label: a chat header's "name (id)" above the pane (header-buyer.ts).
  if (set && !outside.buyer && !outside.buyerId) ctx.buyer = headerBuyer(set.container, findComposer(doc)) ?? ctx.buyer;
  ctx.order = { number: f.orderNumber ?? null, product: f.product ?? null, amount: f.amount ?? null, status: f.status ?? null };
  ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
  if (set) ctx.buyerLang = langOfTexts(lastBuyerTexts(doc, set, 12));
  return ctx;
}

// ---- reviews ----------------------------------------------------------------

const RATING_TEXT = /(\d(?:\.\d)?)\s*(?:\/\s*5|out of\s*5)?\s*(?:stars?|星|分)|(?:评分|評分|rating)\s*[:：]?\s*(\d(?:\.\d)?)/i;
const STAR_GLYPHS = /^[★☆✩✭\s]+$/;

function ratingOf(el: Element): number | null {
  for (const attr of ['aria-label', 'title', 'data-rating', 'data-score']) {
    const v = el.getAttribute(attr);
    if (!v) continue;
    if (/^\d(\.\d)?$/.test(v.trim()) && attr.startsWith('data-')) return Number(v);
    const m = RATING_TEXT.exec(v);
    if (m) return Number(m[1] ?? m[2]);
  }
  const own = el.childElementCount === 0 ? (el.textContent ?? '').trim() : '';
  if (own && STAR_GLYPHS.test(own) && own.includes('★')) return own.split('★').length - 1;
  const width = (el as HTMLElement).style?.width;
  if (width?.endsWith('%')) {
    for (let p = el.parentElement, i = 0; p && i < 3; p = p.parentElement, i++) {
      if (/star|rate|rating|score/i.test(p.getAttribute('class') ?? '')) {
        const pct = Number.parseFloat(width);
        return Number.isFinite(pct) ? Math.round(pct / 20 * 10) / 10 : null;
      }
    }
  }
  return null;
}

/** The review's row: the ancestor that is one of several similar siblings. */
function rowOf(el: Element): Element | null {
  for (let p: Element | null = el; p && p.parentElement; p = p.parentElement) {
    const parent: Element = p.parentElement;
    const sig = signature(p);
    let similar = 0;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) if (signature(c) === sig) similar++;
    if (similar >= 3) return p;
  }
  return null;
}

const MASKED_NICK = /^\S{1,12}\*{2,}\S{0,12}$/;
const DATE_TEXT = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$|^[A-Z][a-z]{2}\s+\d{1,2},\s+\d{4}$/;
const REPLY_LABEL = /^(?:商家回复|卖家回复|掌柜回复|賣家回覆|Seller(?:'s)? (?:reply|response)|Your (?:reply|response)|Response from seller)\s*[:：]?\s*/i;

/**
 * A review's follow-up (lib/reviews/follow-up.ts: after the label, in its own text node or the next), added
 * to its text on its own line once the text's place is settled (sameTextPlace).
 */
const followUps = new WeakMap<PageReview, string>();

function reviewOf(row: Element, rating: number | null): ReviewOnPage {
  const tokens = textTokens(row);
  const labelled = readLabelled(tokens);
  let buyer = labelled.buyer ?? '';
  let date = '';
  let reply: string | null = null;
  let followUp = '';
  const used = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!buyer && MASKED_NICK.test(t)) buyer = t;
    if (!date && DATE_TEXT.test(t)) date = t;
    const label = FOLLOW_UP_LABEL.exec(t);
    if (label && !followUp && t.length <= 200) {
      // The follow-up is not the review's text (the longest token often is the follow-up), it goes after it.
      const rest = t.slice(label[0].length).trim();
      const next = rest ? '' : (tokens[i + 1] ?? '');
      const words = rest || (next && !DATE_TEXT.test(next) && !REPLY_LABEL.test(next) ? next : '');
      if (words) {
        const shown = label[0].trim();
        followUp = `${shown}${/[:：]$/.test(shown) ? '' : ' '}${words}`;
        used.add(t);
        if (next) used.add(next);
      }
    }
    if (REPLY_LABEL.test(t)) {
      const rest = t.replace(REPLY_LABEL, '').trim();
      reply = rest || (tokens[i + 1] ?? null);
      used.add(t);
      if (!rest && tokens[i + 1]) used.add(tokens[i + 1]!);
    }
  }
  // A reply block that is hidden (none yet) does not count.
  // Not the review's own 回复 / Reply link (class "op-reply", "reply-btn"…): read as the seller's reply "回复",
  // every unanswered review of such a list showed as answered.
  const replyBlock = Array.from(row.querySelectorAll('[class*="reply" i]')).find(
    (el) => !el.querySelector('textarea, input, button') && el.localName !== 'textarea' && el.localName !== 'button' && el.localName !== 'form' && !isControl(el) && !isReplyOpenerWord(textOf(el)),
  );
  if (replyBlock && !isShown(replyBlock)) reply = null;
  else if (!reply && replyBlock && textOf(replyBlock)) reply = textOf(replyBlock).replace(REPLY_LABEL, '').trim() || null;
  const product = labelled.product ?? '';
  for (const v of [buyer, date, product]) if (v) used.add(v);
  let text = '';
  for (const t of tokens) {
    if (used.has(t) || STAR_GLYPHS.test(t) || /[:：]$/.test(t) || t.length <= text.length) continue;
    if (reply && t === reply) continue;
    const el = row.querySelector('button');
    if (el && textOf(el) === t) continue;
    text = t;
  }
  const whole = text ? wholeReviewText(row, text, used) : null;
  if (whole) text = whole.text;
  const box = row.querySelector<HTMLElement>('textarea, [contenteditable=""], [contenteditable="true"]');
  const review: PageReview = {
    // Without the page's own id: a fingerprint of what the row shows (reviewKeys).
    key: row.getAttribute('data-review-id') || row.id || '',
    rating,
    text,
    buyer,
    product,
    date,
    sellerReply: reply,
  };
  if (whole) textElements.set(review, whole.element);
  if (followUp) followUps.set(review, followUp);
  return { review, replyBox: box, element: row as HTMLElement };
}

/** The element a review's text was read from, when it is not one text node's parent (wholeReviewText). */
const textElements = new WeakMap<PageReview, Element>();

const LINE_BLOCKS = new Set(['p', 'div', 'li', 'blockquote', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const NOT_REVIEW_TEXT = 'textarea, input, button, select, a, [contenteditable=""], [contenteditable="true"]';

/** An element's text as the buyer wrote it: a line per <br> or block, spaces collapsed within each line. */
export function linesOf(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue ?? '';
      else if (c.nodeType === 1) {
        const name = (c as Element).localName;
        if (name === 'br') out += '\n';
        else if (name === 'script' || name === 'style' || name === 'template' || name === 'textarea') continue;
        else if (LINE_BLOCKS.has(name)) {
          out += '\n';
          walk(c);
          out += '\n';
        } else walk(c);
      }
    }
  };
  walk(el);
  return out.split('\n').map(collapse).filter(Boolean).join('\n');
}

/**
 * The whole review when the longest text node is one line or paragraph of it: a long review written in lines
 * (<br>), paragraphs (<p>…</p><p>…</p>) or with a word in bold. The reader took the longest line for the
 * review, and the draft answered one complaint of three. Read from the token's element — or from the
 * element holding only its paragraphs — when it holds nothing else of the row (buyer, date, product, stars,
 * the seller's reply, links or buttons); null when the token is the whole of it.
 */
function wholeReviewText(row: Element, token: string, used: ReadonlySet<string>): { text: string; element: Element } | null {
  const walker = row.ownerDocument.createTreeWalker(row, 0x4 /* SHOW_TEXT */);
  let el: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (collapse(n.nodeValue ?? '') === token) {
      el = n.parentElement;
      break;
    }
  }
  if (!el || el === row) return null;
  const onlyReview = (e: Element) =>
    !e.querySelector(NOT_REVIEW_TEXT) &&
    textTokens(e).every((t) => !used.has(t) && !REPLY_LABEL.test(t) && !STAR_GLYPHS.test(t) && !DATE_TEXT.test(t) && !MASKED_NICK.test(t));
  if (!onlyReview(el)) return null;
  // One paragraph of several: the element that holds only paragraphs (and line breaks) is the review.
  const up = el.parentElement;
  if (el.localName === 'p' && up && up !== row && [...up.children].every((c) => c.localName === 'p' || c.localName === 'br') && onlyReview(up)) el = up;
  const text = linesOf(el);
  return text.length > token.length ? { text, element: el } : null;
}

export function genericReviews(doc: Document): ReviewOnPage[] {
  const body = doc.body;
  if (!body) return [];
  const seen = new Map<Element, number | null>();
  const all = body.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (!el.hasAttribute('aria-label') && !el.hasAttribute('title') && !el.hasAttribute('data-rating') && !el.hasAttribute('data-score') && el.childElementCount !== 0 && !(el as HTMLElement).style?.width) continue;
    const rating = ratingOf(el);
    if (rating === null || rating < 0 || rating > 5) continue;
    const row = rowOf(el);
    if (row && !seen.has(row)) seen.set(row, rating);
  }
  // Rows must agree on their shape: a stray star elsewhere is not a review list.
  const bySig = new Map<string, Element[]>();
  for (const row of seen.keys()) {
    const sig = `${row.parentElement ? signature(row.parentElement) : ''}>${signature(row)}`;
    bySig.set(sig, [...(bySig.get(sig) ?? []), row]);
  }
  let rows: Element[] = [];
  for (const list of bySig.values()) if (list.length > rows.length) rows = list;
  if (rows.length < 2) return [];
  const found = sameTextPlace(rows.map((row) => reviewOf(row, seen.get(row) ?? null)));
  for (const { review } of found) {
    const follow = followUps.get(review);
    if (follow) review.text = review.text ? `${review.text}\n${follow}` : follow;
  }
  return withKeys(found);
}

/** Where in its row an element sits: the signatures from the row down to it. */
function placeIn(row: Element, el: Element): string {
  const path: string[] = [];
  for (let p: Element | null = el; p && p !== row; p = p.parentElement) path.push(signature(p));
  return path.reverse().join('>');
}

/** The element of `row` whose text is `text` (the innermost one), or null. */
function elementWithText(row: Element, text: string): Element | null {
  const walker = row.ownerDocument.createTreeWalker(row, 0x4 /* SHOW_TEXT: the NodeFilter global is not in every realm the reader runs in (jsdom tests) */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el && textOf(el) === text) return el;
  }
  return null;
}

/**
 * The review text comes from the same place in every row. Each row's text is its longest free
 * token, so a review with stars only (no text) gave the longest other token — an unmasked buyer name
 * ("Anna Kowalska" on a backend that shows full names) became the review the draft answered and
 * quoted. Where most rows with text agree on its place, a row whose text comes from elsewhere takes
 * the text at that place, or none.
 */
function sameTextPlace(found: ReviewOnPage[]): ReviewOnPage[] {
  const places = found.map((f) => {
    const el = f.review.text ? (textElements.get(f.review) ?? elementWithText(f.element, f.review.text)) : null;
    return el ? placeIn(f.element, el) : null;
  });
  const count = new Map<string, number>();
  for (const p of places) if (p) count.set(p, (count.get(p) ?? 0) + 1);
  let usual: string | null = null;
  let most = 0;
  for (const [p, n] of count) if (n > most) [usual, most] = [p, n];
  // A place only counts when most rows with text agree on it (and at least two do).
  const withText = places.filter(Boolean).length;
  if (!usual || most < 2 || most * 2 <= withText) return found;
  found.forEach((f, i) => {
    if (places[i] === usual) return;
    let text = '';
    for (const el of f.element.querySelectorAll('*')) {
      if (placeIn(f.element, el) === usual) {
        // Line by line, as wholeReviewText reads it: textContent glued "Great product<br>Would buy again" into one word.
        text = linesOf(el);
        break;
      }
    }
    f.review.text = text;
  });
  return found;
}

/**
 * A review without the page's own id is known by what it shows (rating, buyer, date, product, text),
 * not by its place in the list: the sidebar keeps a card's draft by this key and inserts into the box
 * of the review that has it, so after the page re-renders its list (next page, a filter) a key must not
 * pass to another review — a place-based key gave the next page's first review the draft written for
 * this page's first. Reviews showing the same are told apart by their order among themselves.
 */
function withKeys(found: ReviewOnPage[]): ReviewOnPage[] {
  const seen = new Map<string, number>();
  for (const { review: r } of found) {
    if (r.key) continue;
    const base = `review-${fnv1a(`${r.rating ?? ''}\u0000${r.buyer}\u0000${r.date}\u0000${r.product}\u0000${r.text}`).toString(36)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    r.key = n === 1 ? base : `${base}-${n}`;
  }
  return found;
}

// ---- adapter ----------------------------------------------------------------

export function guessKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const where = `${url.pathname} ${url.hash}`.toLowerCase();
  if (/chat|message|conversation|inbox|\bim\b|webim/.test(where)) return 'chat';
  if (/review|rating|feedback|evaluat|comment|\brate\b/.test(where)) return 'reviews';
  if (/order|trade|sold|\/ord\b/.test(where)) return 'order';
  return 'other';
}

export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Generic (heuristics)',
  detect: guessKind,
  context: genericContext,
  messages: genericMessages,
  messageCount: genericMessageCount,
  reviews: genericReviews,
  composer: findComposer,
  messagePane(doc) {
    const set = findRows(doc);
    return set ? scrollerOf(set.container, hasLayout(doc)) : null;
  },
};

/** The generic adapter under a marketplace's own id (JD, eBay…): heuristics, named. */
export function namedGeneric(id: string, name: string): SiteAdapter {
  return { ...generic, id, name };
}
