/**
 * Shopee seller centre and webchat (seller.shopee.cn and the local seller hosts).
 *
 * Selectors and their sources (page variant: webchat / new-webchat conversations, React):
 * - `[data-cy="webchat-conversation-list"]`, cells `[data-cy="webchat-conversation-cell-container"]`
 *   with the buyer name in a `[title]`: cindung/auto_reply_shopee src/selectors.js,
 *   which also finds the composer as "the visible textarea";
 * - cell roots `[data-cy^="webchat-conversation-cell-root"]`, list
 *   `[data-cy="webchat-conversation-detail-message-container"]` / `#message-virtualized-list`,
 *   sent text `[data-cy="webchat-message-send"] pre > div`: a Shopee seller-chat
 *   connector (banhang.shopee.vn/new-webchat/conversations);
 * - `[data-cy="webchat-message-receive"]` / `-send"`, time in a div nested in
 *   the text ("Boa noite21:47"), scroller `#messageSection`, detail
 *   `[data-cy="webchat-conversation-detail"]`, product `[data-cy="webchat-station-root"]
 *   [title][style*="word-break"]`, composer `[data-cy="webchat-conversation-detail-input"]
 *   textarea` in one build: a Puppeteer Shopee bot.
 * Class names are hashed per release: never used. Without the input's data-cy
 * the composer is the lowest visible textarea of the conversation detail.
 * Assumed: date dividers and system notices are rows without data-cy, the
 * order card is labelled ("Order ID"), messages carry no id in the DOM (the
 * id lives in React props, which an isolated content script cannot read),
 * display times are UTC+8 on seller.shopee.cn and the region's zone elsewhere.
 */
import { emptyContext, type ChatMessage, type Lang, type PageKind } from '../schema';
import { effectiveUrl } from './demo';
import { collapse, collapseLines, createRowMemo, findDown, imagesIn, langOfTexts, newestRowWithText, messageText, queryAllOutside, textOf } from './dom';
import { readLabelledIn } from './labels';
import { hasLayout, lowest } from './layout';
import { parseShownDay, parseShownTime, type Day, type TimeZoneSpec } from './time';
import type { SiteAdapter } from './types';

const HOSTS: Record<string, { timeZone: string; lang: Lang | null }> = {
  'seller.shopee.cn': { timeZone: 'Asia/Shanghai', lang: null },
  'seller.shopee.com.my': { timeZone: 'Asia/Kuala_Lumpur', lang: 'en' },
  'seller.shopee.sg': { timeZone: 'Asia/Singapore', lang: 'en' },
  'seller.shopee.ph': { timeZone: 'Asia/Manila', lang: 'en' },
  'seller.shopee.co.th': { timeZone: 'Asia/Bangkok', lang: null },
  'banhang.shopee.vn': { timeZone: 'Asia/Ho_Chi_Minh', lang: null },
};
const RECEIVE = 'webchat-message-receive';
const SEND = 'webchat-message-send';

function hostOf(doc: Document): string {
  return doc.location ? effectiveUrl(doc.location, doc).hostname : '';
}

function zoneFor(doc: Document): TimeZoneSpec {
  return { timeZone: HOSTS[hostOf(doc)]?.timeZone ?? 'Asia/Shanghai', dayFirst: true };
}

function list(doc: Document): Element | null {
  return doc.querySelector('[data-cy="webchat-conversation-detail-message-container"]') ?? doc.getElementById('message-virtualized-list');
}

/** The element whose children are the message rows: the list, or a single wrapper below it (virtualised grids add one). */
function rowsParent(container: Element): Element {
  let parent = container;
  for (let guard = 0; guard < 4; guard++) {
    const only = parent.firstElementChild;
    // One wrapper holding the rows (virtualised grids add one): go down.
    if (!only || only.nextElementSibling || !only.firstElementChild?.nextElementSibling) break;
    if (only.getAttribute('data-cy')?.startsWith('webchat-message')) break;
    parent = only;
  }
  return parent;
}

/** Message rows: the children of rowsParent(). */
function rowsOf(container: Element): Element[] {
  const parent = rowsParent(container);
  const rows: Element[] = [];
  for (let el = parent.firstElementChild; el; el = el.nextElementSibling) rows.push(el);
  return rows;
}

const cyOf = (el: Element) => {
  const cy = el.getAttribute('data-cy');
  return cy === RECEIVE || cy === SEND;
};

const CLOCK_ONLY = /^\d{1,2}:\d{2}$/;
// Every clock has a colon: a leaf without one (most of a bubble's text) is passed over untrimmed.
const isClockLeaf = (el: Element) => {
  if (el.childElementCount !== 0) return false;
  const t = el.textContent ?? '';
  return t.includes(':') && CLOCK_ONLY.test(t.trim());
};
const isPre = (el: Element) => el.localName === 'pre';

/** The text of a bubble without the time div nested inside it. */
function bubbleText(bubble: Element): { text: string; time: string } {
  let time = '';
  const timeEl = findDown(bubble, isClockLeaf);
  if (timeEl) time = (timeEl.textContent ?? '').trim();
  const pre = findDown(bubble, isPre);
  if (pre) {
    const inner = pre.firstElementChild ?? pre;
    let own = '';
    for (let n = inner.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) own += n.nodeValue ?? '';
    // A <pre> keeps the line breaks the buyer typed.
    return { text: collapseLines(own), time };
  }
  let text = messageText(bubble);
  if (time && text.endsWith(time)) text = text.slice(0, -time.length).trim();
  return { text, time };
}

interface RowRead {
  divider: Day | null;
  message: ChatMessage | null;
}

/** A row without a bubble: nothing, a date divider ("20/11/2026", "Today") or a system notice. */
function kindOfPlainRow(text: string, now: Date, zone: TimeZoneSpec): 'empty' | Day | 'notice' {
  if (!text) return 'empty';
  return (text.length <= 20 ? parseShownDay(text, now, zone) : null) ?? 'notice';
}

function readRow(row: Element, now: Date, zone: TimeZoneSpec, day: Day | null): RowRead {
  const bubble = cyOf(row) ? row : findDown(row, cyOf, 3);
  if (!bubble) {
    const text = textOf(row);
    const kind = kindOfPlainRow(text, now, zone);
    if (kind === 'empty') return { divider: null, message: null };
    if (kind !== 'notice') return { divider: kind, message: null };
    return { divider: null, message: { platformId: null, sender: 'system', timeText: '', timeIso: null, text, images: [] } };
  }
  const { text, time } = bubbleText(bubble);
  return {
    divider: null,
    message: {
      platformId: null,
      sender: bubble.getAttribute('data-cy') === RECEIVE ? 'buyer' : 'seller',
      timeText: time,
      timeIso: time ? parseShownTime(time, now, zone, day) : null,
      text,
      images: imagesIn(bubble),
    },
  };
}

const memo = createRowMemo<RowRead>();
const looks = createRowMemo<Element | null>();
/** The order card's label (global: every match in the conversation's text is a candidate). */
const ORDER_LABEL = /Order\s*(ID|SN|No)/gi;
const IS_ORDER_CARD = /Order\s*(ID|SN|No)/i;

export const shopee: SiteAdapter = {
  id: 'shopee',
  name: 'Shopee',
  detect(url) {
    if (!(url.hostname in HOSTS)) return null;
    const path = url.pathname;
    if (/^\/(new-)?webchat\b/.test(path)) return 'chat';
    if (/^\/portal\/sale\/order/.test(path)) return 'order';
    if (/^\/portal\/settings\/shop\/rating|^\/portal\/product\/rating/.test(path)) return 'reviews';
    return 'other' satisfies PageKind;
  },
  context(doc) {
    const ctx = emptyContext();
    const detail = doc.querySelector('[data-cy="webchat-conversation-detail"]');
    ctx.buyer.name = detail?.querySelector('[title]')?.getAttribute('title')?.trim() || null;
    const station = doc.querySelector('[data-cy="webchat-station-root"]');
    const product = station?.querySelector('[title][style*="word-break"]')?.getAttribute('title')?.trim();
    const container = list(doc);
    const parent = container ? rowsParent(container) : null;
    const buyerTexts: string[] = [];
    // The buyer's newest dozen bubbles, from the last row back (bounded: the language needs no more).
    const look = looks.session(container, true);
    for (let row = parent?.lastElementChild ?? null; row && buyerTexts.length < 12; row = row.previousElementSibling) {
      const r = row;
      const bubble = look(r, '', () => findDown(r, cyOf, 3));
      if (bubble?.getAttribute('data-cy') === RECEIVE) buyerTexts.push(bubbleText(bubble).text);
    }
    // The newest order card: a bubble labelled "Order ID", found from the matches in the
    // conversation's text, not by reading every row of a conversation just opened.
    const bubbleOf = (row: Element) => findDown(row, cyOf, 3);
    const cardRow = newestRowWithText(parent, ORDER_LABEL, (el) => el.parentElement === parent, (row) => IS_ORDER_CARD.test(bubbleOf(row)?.textContent ?? ''));
    const card = cardRow ? bubbleOf(cardRow) : null;
    if (card) {
      const f = readLabelledIn(card, null, true);
      ctx.order = { number: f.orderNumber ?? null, product: f.product ?? null, amount: f.amount ?? null, status: f.status ?? null };
      ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
      if (!ctx.order.product) {
        const titled = card.querySelector('[title]')?.getAttribute('title')?.trim();
        if (titled) ctx.order.product = titled;
      }
    }
    if (!ctx.order.product && product) ctx.order.product = product;
    ctx.buyerLang = langOfTexts(buyerTexts) ?? HOSTS[hostOf(doc)]?.lang ?? null;
    return ctx;
  },
  messages(doc) {
    const container = list(doc);
    if (!container) return [];
    const zone = zoneFor(doc);
    const now = new Date();
    let day: Day | null = null;
    // A bubble's time is read against the divider above it: that day is part of the memo key
    // (written once per divider, not per row).
    let dayKey = '';
    const out: ChatMessage[] = [];
    const read = memo.session(container, true);
    const readOne = (row: Element) => readRow(row, now, zone, day);
    for (const row of rowsOf(container)) {
      const r = read(row, dayKey, readOne);
      if (r.divider) {
        day = r.divider;
        dayKey = `${day.y}-${day.m}-${day.d}`;
      } else if (r.message) out.push(r.message);
    }
    return out;
  },
  messageCount(doc) {
    const container = list(doc);
    if (!container) return 0;
    const zone = zoneFor(doc);
    const now = new Date();
    let n = 0;
    // Classify, do not parse: a bubble row is a message; other rows are a message unless empty or a day divider.
    for (const row of rowsOf(container)) {
      if (cyOf(row) || findDown(row, cyOf, 3)) n++;
      else if (kindOfPlainRow(textOf(row), now, zone) === 'notice') n++;
    }
    return n;
  },
  reviews() {
    return [];
  },
  composer(doc) {
    const detail = doc.querySelector('[data-cy="webchat-conversation-detail"]') ?? doc.body;
    if (!detail) return null;
    // Looked for around the messages, not through them (queryAllOutside).
    const pane = list(doc);
    const marked = queryAllOutside<HTMLElement>(detail, pane, '[data-cy="webchat-conversation-detail-input"] textarea, [data-cy="webchat-conversation-detail-input"] [contenteditable="true"]')[0];
    if (marked) return marked;
    return lowest(queryAllOutside<HTMLElement>(detail, pane, 'textarea'), hasLayout(doc));
  },
  messagePane(doc) {
    const section = doc.getElementById('messageSection');
    if (section) return section;
    return list(doc) as HTMLElement | null;
  },
};
