/**
 * AliExpress seller IM (gsp.aliexpress.com/m_apps/im-chat/im#/window; csp.aliexpress.com).
 *
 * Public material: the address (several seller tools open
 * `gsp.aliexpress.com/m_apps/im-chat/im#/window`) and the IM data model a public
 * reader documents (sessions with the buyer as target; fromType 11 = buyer,
 * 12 = seller, 13 = the shop's aggregated account; cards 1 text, 3 image,
 * 10004/10007 order). No public source shows the DOM: every selector below is
 * ASSUMED and matches the demo page that reproduces this model —
 * `.message-list .message-item[data-mid][data-from-type]`, `.left` / `.right`,
 * `.system-message`, `.message-time`, `.message-text`, `.message-image img`,
 * `.order-card`, `.chat-header .buyer-name`, `.im-editor textarea`.
 * Hash-routed: the open session is in location.hash (assumed `?sessionId=`).
 * Times "2026-11-20 09:15" / "09:15" (today) read in UTC+8 (assumed).
 */
import { emptyContext, type ChatMessage, type PageKind } from '../schema';
import { byClass, createRowMemo, hasClass, findDown, imagesIn, langOfTexts, rowsUnder, messageText, queryAllOutside, textOf } from './dom';
import { readLabelledIn } from './labels';
import { parseShownTime, type TimeZoneSpec } from './time';
import type { SiteAdapter } from './types';

const ZONE: TimeZoneSpec = { timeZone: 'Asia/Shanghai' };
const HOSTS = new Set(['gsp.aliexpress.com', 'csp.aliexpress.com']);

function list(doc: Document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('.message-list');
}

function senderOf(row: Element): ChatMessage['sender'] {
  if (hasClass(row, 'system-message')) return 'system';
  const from = row.getAttribute('data-from-type');
  if (from === '11') return 'buyer';
  if (from === '12' || from === '13') return 'seller';
  return hasClass(row, 'right') ? 'seller' : 'buyer';
}

function readRow(row: Element, now: Date): ChatMessage {
  const sender = senderOf(row);
  const timeText = textOf(findDown(row, byClass('message-time')));
  const body = sender === 'system'
    ? findDown(row, byClass('system-text'))
    : findDown(row, byClass('message-text')) ?? findDown(row, byClass('order-card'));
  const image = findDown(row, byClass('message-image'));
  return {
    platformId: row.getAttribute('data-mid'),
    sender,
    timeText,
    timeIso: timeText ? parseShownTime(timeText, now, ZONE) : null,
    text: messageText(body, true),
    images: image ? imagesIn(image) : [],
  };
}

const memo = createRowMemo<ChatMessage>();
const isRow = byClass('message-item');

export const aliexpress: SiteAdapter = {
  id: 'aliexpress',
  name: 'AliExpress 速卖通',
  detect(url) {
    if (!HOSTS.has(url.hostname)) return null;
    const path = url.pathname;
    if (path.startsWith('/m_apps/im-chat') || /\/im\b/.test(path)) return 'chat';
    if (/order/.test(path)) return 'order';
    if (/evaluation|review|feedback/.test(path)) return 'reviews';
    return 'other' satisfies PageKind;
  },
  context(doc) {
    const ctx = emptyContext();
    const header = doc.querySelector('.chat-header');
    ctx.buyer.name = textOf(header?.querySelector('.buyer-name')) || null;
    ctx.buyer.id = header ? readLabelledIn(header).buyerId ?? null : null;
    const pane = list(doc);
    // The rows' parent, from the first row: the rows are then walked from the newest, never all listed.
    const rowParent = pane ? findDown(pane, isRow, 8)?.parentElement ?? null : null;
    // The newest order card: one native query for the cards, not a walk of every row of a
    // conversation just opened; then that card's row read as before (its first card).
    let card: Element | null = null;
    const found = pane?.querySelectorAll('.message-item .order-card');
    for (let i = (found?.length ?? 0) - 1; i >= 0 && !card; i--) {
      const row = found![i]!.closest('.message-item');
      if (row && rowParent && row.parentElement === rowParent) card = findDown(row, byClass('order-card'));
    }
    if (card) {
      const f = readLabelledIn(card);
      ctx.order = { number: f.orderNumber ?? null, product: f.product ?? (textOf(findDown(card, byClass('order-card-product'))) || null), amount: f.amount ?? null, status: f.status ?? null };
      ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
    }
    const texts: string[] = [];
    for (let row = rowParent?.lastElementChild ?? null; row && texts.length < 12; row = row.previousElementSibling) {
      if (!isRow(row)) continue;
      if (senderOf(row) === 'buyer') texts.push(textOf(findDown(row, byClass('message-text'))));
    }
    // Cross-border: the buyer's own words decide; English is the platform's lingua franca.
    ctx.buyerLang = langOfTexts(texts) ?? 'en';
    return ctx;
  },
  messages(doc) {
    const pane = list(doc);
    const rows = rowsUnder(pane, isRow);
    const now = new Date();
    const read = memo.session(pane, true);
    const readOne = (row: Element) => readRow(row, now);
    const out: ChatMessage[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      out[i] = read(row, `${row.getAttribute('data-from-type')}|${row.getAttribute('data-mid')}`, readOne);
    }
    return out;
  },
  messageCount(doc) {
    // One message per .message-item (system notices included), as messages() reads them.
    return rowsUnder(list(doc), isRow).length;
  },
  reviews() {
    return [];
  },
  composer(doc) {
    // Looked for around the messages, not through them (queryAllOutside).
    return queryAllOutside<HTMLElement>(doc, list(doc), '.im-editor textarea, .im-editor [contenteditable="true"]')[0] ?? null;
  },
  messagePane(doc) {
    return list(doc);
  },
};
