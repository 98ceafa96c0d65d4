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
import { childrenOf, createRowMemo, imagesIn, langOfTexts, newestRowWithText, textOf, whenReleased, type RowMemo } from './dom';
import { IDENTIFIER_LABEL, readLabelled, textTokens, type Labelled } from './labels';
import { hasLayout, isShown, isVisible } from './layout';
import { parseShownDay, parseShownTime, type Day, type TimeZoneSpec } from './time';
import type { ReviewOnPage, SiteAdapter } from './types';

// ---- composer -------------------------------------------------------------

const EDITABLE = 'textarea, input:not([type]), input[type="text"], [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"]';
const SEARCHY = /search|搜索|搜尋|查询|查詢|筛选|filter/i;

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

function describe(el: Element): string {
  return `${el.getAttribute('placeholder') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('name') ?? ''} ${el.id}`;
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
  if (focused && !SEARCHY.test(describe(focused))) return focused;
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
  const candidates = allEditables(doc, [], 0, pane?.isConnected ? pane : null).filter((el) => !SEARCHY.test(describe(el)));
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
  const first = el.classList.length ? el.classList[0] : '';
  return `${el.localName}.${first}`;
}

interface RowSet {
  container: Element;
  rows: Element[];
}

/**
 * The page's message rows as last found, per document: scanning every element
 * of a page holding a 2,000-message pane is what made generic reads slow. The
 * found container is reused while it is in the page, still holds a list of
 * similar rows, and nothing outside it gained or lost elements or classes (a
 * MutationObserver on the body, disconnected at the first such change, says
 * so — a bigger list appearing elsewhere, e.g. the conversation loading after
 * the conversation list, is found by the next scan). Changes inside it (new
 * messages) keep it.
 */
interface FoundRows {
  container: Element;
  minRows: number;
  observer: MutationObserver | null;
  dirty: boolean;
}
const found = new WeakMap<Document, FoundRows>();
const releasing = new Set<FoundRows>();
whenReleased(() => {
  for (const f of releasing) {
    f.observer?.disconnect();
    f.dirty = true;
  }
  releasing.clear();
});

/**
 * The container with the most same-signature rows, counting a container's
 * children, or its grandchildren when rows are grouped (by day) one level down.
 */
export function findRows(doc: Document, minRows = 5): RowSet | null {
  const body = doc.body;
  if (!body) return null;
  const last = found.get(doc);
  if (last && last.minRows === minRows) {
    if (last.observer) outsideChanged(last, last.observer.takeRecords());
    if (!last.dirty && last.container.isConnected) {
      const again = listAt(last.container, minRows - 1);
      if (again) return { container: last.container, rows: again.rows };
    }
    last.observer?.disconnect();
    releasing.delete(last);
  }
  const set = findRowsUnder(body, minRows, false);
  if (!set) {
    found.delete(doc);
    return null;
  }
  const next: FoundRows = { container: set.container, minRows, observer: null, dirty: false };
  const Observer = doc.defaultView?.MutationObserver;
  if (Observer) {
    next.observer = new Observer((records) => outsideChanged(next, records));
    next.observer.observe(body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    releasing.add(next);
  } else {
    // No observer to vouch for the rest of the page: scan every time.
    next.dirty = true;
  }
  found.set(doc, next);
  return set;
}

function outsideChanged(f: FoundRows, records: MutationRecord[]): void {
  if (f.dirty) return;
  for (const r of records) {
    if (f.container.contains(r.target)) continue;
    f.dirty = true;
    f.observer?.disconnect();
    f.observer = null;
    releasing.delete(f);
    return;
  }
}

/** findRows below one element (a pane the seller picked), the element itself included. */
export function findRowsUnder(body: Element, minRows = 5, includeSelf = true): RowSet | null {
  let best: RowSet | null = null;
  let bestCount = minRows - 1;
  // A static list: indexing a live collection re-walks the tree in jsdom.
  const all = body.querySelectorAll('*');
  for (let i = includeSelf ? -1 : 0; i < all.length; i++) {
    const el = i < 0 ? body : all[i]!;
    const list = listAt(el, bestCount);
    if (list) {
      best = { container: el, rows: list.rows };
      bestCount = list.count;
    }
  }
  return best;
}

/**
 * The rows of `el` when it holds more than `bestCount` similar rows: its
 * children, or its grandchildren when grouped (by day) one level down.
 */
function listAt(el: Element, bestCount: number): { rows: Element[]; count: number } | null {
  let best: { rows: Element[]; count: number } | null = null;
  const n = el.childElementCount;
  // Pruned before any tally: a container can only win with more rows than the
  // best so far, and most elements (a bubble's insides) have one or two children.
  if (n === 0 || SKIP_TAGS.has(el.localName)) return null;
  if (n > bestCount) {
    const tally = new Map<string, number>();
    let top = 0;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const sig = signature(c);
      const v = (tally.get(sig) ?? 0) + 1;
      tally.set(sig, v);
      if (v > top) top = v;
    }
    if (top > bestCount && top * 2 >= n) {
      best = { rows: childrenOf(el), count: top };
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
    for (let g = el.firstElementChild; g; g = g.nextElementSibling) {
      const seenHere = new Set<string>();
      for (let c = g.firstElementChild; c; c = c.nextElementSibling) {
        const sig = signature(c);
        inner.set(sig, (inner.get(sig) ?? 0) + 1);
        seenHere.add(sig);
      }
      for (const sig of seenHere) groupsWith.set(sig, (groupsWith.get(sig) ?? 0) + 1);
    }
    let count = 0;
    let sig = '';
    for (const [k, v] of inner) if (v > count) [sig, count] = [k, v];
    // Rows spread over several groups; rows all in one child are that child's rows.
    if (count > bestCount && count * 2 >= total && count > n * 2 && (groupsWith.get(sig) ?? 0) >= 2) {
      const rows: Element[] = [];
      for (let g = el.firstElementChild; g; g = g.nextElementSibling) for (let c = g.firstElementChild; c; c = c.nextElementSibling) rows.push(c);
      best = { rows, count };
    }
  }
  return best;
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
const BUYER_HINTS = new Set(['buyer', 'customer', 'receive', 'received', 'left', 'other', 'incoming', 'guest', 'client', 'in', 'them']);

function hintTokens(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('data-cy') ?? ''} ${el.getAttribute('data-sender') ?? ''} ${el.getAttribute('data-role') ?? ''}`;
  return raw.toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

/** Sender from hints on the row, then its descendants (3 levels), then layout. */
function guessSender(row: Element, layout: boolean, dominant: string): ChatMessage['sender'] {
  for (const t of hintTokens(row)) if (SYSTEM_HINTS.has(t)) return 'system';
  const queue: [Element, number][] = [[row, 0]];
  let systemHint = false;
  while (queue.length) {
    const [el, depth] = queue.shift()!;
    for (const t of hintTokens(el)) {
      if (SELLER_HINTS.has(t)) return 'seller';
      if (BUYER_HINTS.has(t)) return 'buyer';
      if (SYSTEM_HINTS.has(t)) systemHint = true;
    }
    if (depth < 3) for (let c = el.firstElementChild; c; c = c.nextElementSibling) queue.push([c, depth + 1]);
  }
  if (systemHint) return 'system';
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

function timeElementOf(row: Element): Element | null {
  const stack: Element[] = [row];
  while (stack.length) {
    const el = stack.pop()!;
    if (el !== row && el.childElementCount === 0 && TIME_ONLY.test((el.textContent ?? '').trim())) return el;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return null;
}

/** A day divider: nothing but a date or 今天 / Yesterday (maybe a weekday). */
const DAY_ONLY = /^(?:今天|昨天|前天|today|yesterday|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{1,2}[-月]\d{1,2}日?)(?:\s*(?:星期.|周.|[A-Z][a-z]+day))?$/i;

const AVATAR = /avatar|portrait|head-?img|headpic|profile/i;

function localZone(): TimeZoneSpec {
  let timeZone = 'UTC';
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // keep UTC
  }
  return { timeZone };
}

function platformIdOf(row: Element): string | null {
  for (const name of ['data-message-id', 'data-msg-id', 'data-mid', 'data-id']) {
    const v = row.getAttribute(name);
    if (v) return v;
  }
  return row.id || null;
}

export interface RowRead {
  divider: Day | null;
  message: ChatMessage | null;
}

function readRow(row: Element, layout: boolean, dominant: string, now: Date, zone: TimeZoneSpec, day: Day | null): RowRead {
  let text = textOf(row);
  if (!text && !row.querySelector('img')) return { divider: null, message: null };
  if (DAY_ONLY.test(text)) {
    const divider = parseShownDay(text, now, zone);
    if (divider) return { divider, message: null };
  }
  const timeEl = timeElementOf(row);
  const timeText = textOf(timeEl);
  if (timeText) {
    const at = text.lastIndexOf(timeText);
    if (at >= 0) text = `${text.slice(0, at)} ${text.slice(at + timeText.length)}`.replace(/\s+/g, ' ').trim();
  }
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
const counted = createRowMemo<boolean>();

export function genericMessages(doc: Document): ChatMessage[] {
  const set = findRows(doc);
  return set ? messagesOfRows(doc, set.rows, set.container) : [];
}

export function genericMessageCount(doc: Document): number {
  const set = findRows(doc);
  return set ? countRows(set.rows, set.container) : 0;
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
export function messagesOfRows(doc: Document, rows: readonly Element[], scope: Element | null, rowMemo: RowMemo<RowRead> = memo): ChatMessage[] {
  if (!rows.length) return [];
  const layout = hasLayout(doc);
  // Unknown backends: assume they show the agent's local time.
  const zone = localZone();
  const now = new Date();
  let day: Day | null = null;
  const out: ChatMessage[] = [];
  const dominant = dominantSignature(rows);
  const read = rowMemo.session(scope);
  const base = `${dominant}|${layout}|`;
  for (const row of rows) {
    const dayNow: Day | null = day;
    const r = read(row, dayNow ? `${base}${dayNow.y}-${dayNow.m}-${dayNow.d}` : base, () => readRow(row, layout, dominant, now, zone, dayNow));
    if (r.divider) day = r.divider;
    else if (r.message) out.push(r.message);
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
export function countRows(rows: readonly Element[], scope: Element | null, rowMemo: RowMemo<boolean> = counted): number {
  if (!rows.length) return 0;
  const zone = localZone();
  const now = new Date();
  const read = rowMemo.session(scope);
  let n = 0;
  for (const row of rows) if (read(row, '', () => isMessageRow(row, now, zone))) n++;
  return n;
}

function isMessageRow(row: Element, now: Date, zone: TimeZoneSpec): boolean {
  const text = textOf(row);
  if (!text) return row.querySelector('img') !== null;
  return !(DAY_ONLY.test(text) && parseShownDay(text, now, zone));
}

// ---- context ----------------------------------------------------------------

const recent = createRowMemo<RowRead>();

/**
 * The newest buyer messages' texts, read from the last row backwards: the
 * language needs a dozen, not a conversation just opened parsed whole. Sender
 * and text do not depend on the day dividers above a row; its time is not used.
 */
function lastBuyerTexts(doc: Document, set: RowSet, max: number): string[] {
  const layout = hasLayout(doc);
  const dominant = dominantSignature(set.rows);
  const zone = localZone();
  const now = new Date();
  const read = recent.session(set.container);
  const texts: string[] = [];
  for (let i = set.rows.length - 1; i >= 0 && texts.length < max; i--) {
    const row = set.rows[i]!;
    const m = read(row, `${dominant}|${layout}`, () => readRow(row, layout, dominant, now, zone, null)).message;
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
function newestCards(set: RowSet): Labelled {
  const fields: Labelled = {};
  const rows = new Set(set.rows);
  newestRowWithText(set.container, IDENTIFIER_LABEL, (el) => rows.has(el), (row) => {
    // Grouped rows (an order list's field lines in one block per order): the card is the group.
    const card = row.parentElement !== set.container && row.parentElement ? row.parentElement : row;
    const f = readLabelled(textTokens(card), true);
    if (f.orderNumber === undefined && f.tracking === undefined) return false;
    for (const [k, v] of Object.entries(f) as [keyof Labelled, string][]) if (fields[k] === undefined) fields[k] = v;
    return fields.orderNumber !== undefined && fields.tracking !== undefined;
  });
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

function reviewOf(row: Element, rating: number | null, index: number): ReviewOnPage {
  const tokens = textTokens(row);
  const labelled = readLabelled(tokens);
  let buyer = labelled.buyer ?? '';
  let date = '';
  let reply: string | null = null;
  const used = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!buyer && MASKED_NICK.test(t)) buyer = t;
    if (!date && DATE_TEXT.test(t)) date = t;
    if (REPLY_LABEL.test(t)) {
      const rest = t.replace(REPLY_LABEL, '').trim();
      reply = rest || (tokens[i + 1] ?? null);
      used.add(t);
      if (!rest && tokens[i + 1]) used.add(tokens[i + 1]!);
    }
  }
  // A reply block that is hidden (none yet) does not count.
  const replyBlock = Array.from(row.querySelectorAll('[class*="reply" i]')).find((el) => !el.querySelector('textarea, input, button') && el.localName !== 'textarea' && el.localName !== 'button' && el.localName !== 'form');
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
  const box = row.querySelector<HTMLElement>('textarea, [contenteditable=""], [contenteditable="true"]');
  const key = row.getAttribute('data-review-id') ?? row.id ?? '';
  const review: PageReview = {
    key: key || `review-${index}-${buyer}-${date}`,
    rating,
    text,
    buyer,
    product,
    date,
    sellerReply: reply,
  };
  return { review, replyBox: box, element: row as HTMLElement };
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
  return rows.map((row, i) => reviewOf(row, seen.get(row) ?? null, i));
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
