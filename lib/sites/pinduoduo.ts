/**
 * Pinduoduo merchant backend (mms.pinduoduo.com), chat-merchant workbench.
 *
 * Selectors and their sources (page variant: chat-merchant/index.html, Vue 2):
 * - rows `#msgListContainer li.onemsg`, composer `textarea#replyTextarea`:
 *   a Plasmo content script matching https://mms.pinduoduo.com/chat-merchant/*
 *   (real structure noted there: li.onemsg > .buyer-item > div[currentuid] >
 *   .msg-content > p.msg-content-box);
 * - row id `middlePanel_list_<msgId>`, `.buyer-item` / `.cs-item` (`.robot-text`
 *   = the shop's bot), system rows `.msg-system` / `[class^="system-msg"]`,
 *   cards `.good-card, .commonCard`, images `.msg-content img, .image-msg img`,
 *   `.message-time`, the buyer's uid on `#msgListContainer [currentuid]`, buyer
 *   name `.chatWindowHeader .base-info .name`: a PDD chat DOM reader written
 *   from page snapshots of 2026-09-25.
 * Assumed: the order card's inside is label/value text (read by labels), the
 * time text is "2026-11-20 09:15:03" / "昨天 09:15:03" / "09:15:03" in UTC+8.
 */
import { emptyContext, type ChatMessage, type PageContext, type PageKind } from '../schema';
import { byClass, classHas, createRowMemo, findDown, imagesIn, langOfTexts, rowsUnder, messageText, textOf } from './dom';
import { readLabelledIn } from './labels';
import { parseShownTime, type TimeZoneSpec } from './time';
import type { SiteAdapter } from './types';

const ZONE: TimeZoneSpec = { timeZone: 'Asia/Shanghai' };
const ROW_ID = 'middlePanel_list_';

function pane(doc: Document): HTMLElement | null {
  return doc.getElementById('msgListContainer');
}

const isRow = byClass('onemsg');

function rows(doc: Document): Element[] {
  return rowsUnder(pane(doc), isRow);
}

const isCard = (el: Element) => {
  const cls = el.getAttribute('class');
  return classHas(cls, 'commonCard') || classHas(cls, 'good-card');
};
const isSystemClass = (cls: string | null) => cls !== null && (classHas(cls, 'msg-system') || /(^|\s)system-msg/.test(cls));

interface RowParts {
  time: Element | null;
  buyer: Element | null;
  cs: Element | null;
  system: Element | null;
}

function parts(li: Element): RowParts {
  const p: RowParts = { time: null, buyer: null, cs: null, system: null };
  // The side containers are near the top of the row; a short walk finds them
  // without a selector query per row.
  const visit = (el: Element, depth: number) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const cls = c.getAttribute('class');
      if (!p.time && classHas(cls, 'message-time')) p.time = c;
      else if (!p.buyer && classHas(cls, 'buyer-item')) p.buyer = c;
      else if (!p.cs && classHas(cls, 'cs-item')) p.cs = c;
      else if (!p.system && isSystemClass(cls)) p.system = c;
      else if (depth < 2) visit(c, depth + 1);
    }
  };
  visit(li, 0);
  return p;
}

function readRow(li: Element, now: Date): ChatMessage {
  const p = parts(li);
  const side = p.buyer ?? p.cs;
  const sender = p.buyer ? 'buyer' : p.cs ? 'seller' : 'system';
  let text = '';
  let images: string[] = [];
  if (side) {
    const box = findDown(side, byClass('msg-content-box'));
    const card = box ? null : findDown(side, isCard);
    // An order card is laid out in rows: one a line (dom.ts BLOCKS).
    text = messageText(box ?? card, true);
    if (!card) images = imagesIn(side);
  } else {
    text = textOf(p.system ?? li);
    if (p.time) text = text.replace(textOf(p.time), '').trim();
  }
  const timeText = textOf(p.time);
  return {
    platformId: li.id.startsWith(ROW_ID) ? li.id.slice(ROW_ID.length) : li.id || null,
    sender,
    timeText,
    timeIso: timeText ? parseShownTime(timeText, now, ZONE) : null,
    text,
    images,
  };
}

const memo = createRowMemo<ChatMessage>();

export const pinduoduo: SiteAdapter = {
  id: 'pinduoduo',
  name: '拼多多 Pinduoduo',
  detect(url) {
    if (url.hostname !== 'mms.pinduoduo.com') return null;
    const path = url.pathname;
    if (path.startsWith('/chat-merchant')) return 'chat';
    if (/^\/(orders|order)\b/.test(path)) return 'order';
    if (/evaluation|comment|review/.test(path)) return 'reviews';
    return 'other' satisfies PageKind;
  },
  context(doc) {
    const ctx: PageContext = emptyContext();
    ctx.buyer.name = textOf(doc.querySelector('.chatWindowHeader .base-info .name')) || null;
    ctx.buyer.id = pane(doc)?.querySelector('[currentuid]')?.getAttribute('currentuid') || null;
    const list = pane(doc);
    // The rows' parent, from the first row: the rows are then walked from the newest, never all listed.
    const rowParent = list ? findDown(list, isRow, 8)?.parentElement ?? null : null;
    // The newest order card: one native query for the cards, not a walk of every row of a
    // conversation just opened; then that card's row read as before (its first card).
    let card: Element | null = null;
    const found = list?.querySelectorAll('li.onemsg .commonCard, li.onemsg .good-card');
    for (let i = (found?.length ?? 0) - 1; i >= 0 && !card; i--) {
      const row = found![i]!.closest('li.onemsg');
      if (row && rowParent && row.parentElement === rowParent) card = findDown(row, isCard);
    }
    if (card) {
      const f = readLabelledIn(card);
      ctx.order = { number: f.orderNumber ?? null, product: f.product ?? null, amount: f.amount ?? null, status: f.status ?? null };
      ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
    }
    // A domestic marketplace: Chinese, Traditional when the buyer writes it.
    const texts: string[] = [];
    for (let row = rowParent?.lastElementChild ?? null; row && texts.length < 12; row = row.previousElementSibling) {
      if (!isRow(row)) continue;
      const box = parts(row).buyer;
      if (box) texts.push(textOf(box));
    }
    ctx.buyerLang = langOfTexts(texts) === 'zh-TW' ? 'zh-TW' : 'zh-CN';
    return ctx;
  },
  messages(doc) {
    const list = pane(doc);
    const all = rowsUnder(list, isRow);
    const now = new Date();
    const read = memo.session(list, true);
    const readOne = (li: Element) => readRow(li, now);
    const out: ChatMessage[] = new Array(all.length);
    for (let i = 0; i < all.length; i++) {
      const li = all[i]!;
      out[i] = read(li, li.id, readOne);
    }
    return out;
  },
  messageCount(doc) {
    // Every li.onemsg is one message (system rows included), as messages() reads them.
    return rows(doc).length;
  },
  reviews() {
    // The chat workbench has no review list; PDD's review pages are not reproduced yet.
    return [];
  },
  composer(doc) {
    return doc.getElementById('replyTextarea');
  },
  messagePane(doc) {
    return pane(doc);
  },
};
