/**
 * Taobao / Tmall Qianniu web workbench (myseller.taobao.com, *.qianniu.taobao.com,
 * and the chat-history app market.m.taobao.com/app/qn/im-history-search).
 *
 * Selectors and their sources (page variant: 聊天记录 chat history):
 * - tabs `.tbd-tabs-nav-list`; conversations `.message-container .message-list-left
 *   .results-list` with the buyer nick in `[title]`; messages in
 *   `.message-container .message-list-right > div` day groups (first div = the
 *   date), each message a div whose first div is the time and whose second div
 *   holds span[0] (the text, also in its title) and span[1] (the sender's nick),
 *   images as img: public userscript "千牛客服聊天记录导出器" v2.1 (@match myseller.taobao.com);
 * - wraps `[class*=chatWrap]`, times "HH:MM:SS", agents named "店铺:子账号",
 *   "服务助手" = the platform assistant answering for the shop: a public
 *   Playwright scraper of im-history-search.
 * Assumed: the selected conversation carries a class containing "selected" or
 * "active" (else the buyer is the nick that is not an agent's), system notices
 * come as sender "系统消息", order cards are labelled text ("订单号：…"), the
 * reply box is `.message-container textarea` (the history page itself has none).
 */
import { emptyContext, type ChatMessage, type PageKind } from '../schema';
import { createRowMemo, imagesIn, langOfTexts, newestRowWithText, messageText, queryAllOutside, textOf } from './dom';
import { readLabelledIn } from './labels';
import { parseShownDay, parseShownTime, type TimeZoneSpec } from './time';
import type { SiteAdapter } from './types';

const ZONE: TimeZoneSpec = { timeZone: 'Asia/Shanghai' };
const ASSISTANT = '服务助手';
/** An order card's text: "[订单] …" or labelled 订单号 (every match in the pane's text is a candidate). */
const ORDER_LABEL = /\[订单\]|订单号/g;
const IS_ORDER_CARD = /^\[订单\]|订单号/;
const SYSTEM = '系统消息';

function right(doc: Document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('.message-container .message-list-right');
}

function isAgent(nick: string): boolean {
  return /[:：]/.test(nick) || nick.includes(ASSISTANT);
}

interface Item {
  el: Element;
  time: string;
  content: Element;
  text: string;
  nick: string;
}

/** The content's first two spans (children and grandchildren, document order). */
let span1: Element | null = null;
let span2: Element | null = null;
function firstSpans(el: Element, depth: number): void {
  for (let c = el.firstElementChild; c && !span2; c = c.nextElementSibling) {
    if (c.localName === 'span') {
      if (!span1) span1 = c;
      else span2 = c;
    }
    if (depth > 1) firstSpans(c, depth - 1);
  }
}

function itemOf(el: Element): Item | null {
  const time = el.firstElementChild;
  const content = time?.nextElementSibling;
  if (!time || !content) return null;
  span1 = span2 = null;
  firstSpans(content, 2);
  const first = span1 as Element | null;
  return {
    el,
    time: textOf(time),
    content,
    text: first?.getAttribute('title')?.trim() ?? messageText(first),
    nick: textOf(span2),
  };
}

function selectedBuyer(doc: Document): string | null {
  const left = doc.querySelector('.message-container .message-list-left');
  if (!left) return null;
  for (const row of Array.from(left.getElementsByClassName('results-list'))) {
    if (/selected|active/i.test(row.className)) return row.getAttribute('title')?.trim() || null;
  }
  return null;
}

/** A row read once, reused while the observer sees no change in it (see createRowMemo). */
const items = createRowMemo<Item | null>();
/** A message, reused while its row, day and the buyer's nick are unchanged. */
const memo = createRowMemo<ChatMessage>();

/** Day groups → items with their group's date. */
function walk(doc: Document, each: (item: Item, date: string) => void): void {
  const pane = right(doc);
  if (!pane) return;
  const read = items.session(pane, true);
  for (let g = pane.firstElementChild; g; g = g.nextElementSibling) {
    const date = textOf(g.firstElementChild);
    for (let c = g.firstElementChild?.nextElementSibling ?? null; c; c = c.nextElementSibling) {
      const item = read(c, '', itemOf);
      if (item) each(item, date);
    }
  }
}

function buyerNick(doc: Document): string | null {
  const picked = selectedBuyer(doc);
  if (picked) return picked;
  const counts = new Map<string, number>();
  walk(doc, (item) => {
    if (item.nick && !isAgent(item.nick) && item.nick !== SYSTEM) counts.set(item.nick, (counts.get(item.nick) ?? 0) + 1);
  });
  let best: string | null = null;
  for (const [nick, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = nick;
  return best;
}

export const qianniu: SiteAdapter = {
  id: 'qianniu',
  name: '千牛 Qianniu (Taobao/Tmall)',
  detect(url) {
    const host = url.hostname;
    const qn = host === 'myseller.taobao.com' || host.endsWith('.qianniu.taobao.com') || (host === 'market.m.taobao.com' && url.pathname.startsWith('/app/qn/'));
    if (!qn) return null;
    const where = `${url.pathname}${url.hash}`;
    if (/im-history|chat|message|wangwang|im\b/i.test(where)) return 'chat';
    if (/trade|order|sold/i.test(where)) return 'order';
    if (/rate|comment|evaluat|review/i.test(where)) return 'reviews';
    return 'other' satisfies PageKind;
  },
  context(doc) {
    const ctx = emptyContext();
    const nick = buyerNick(doc);
    // Taobao nicks are the buyer's account name: it is both name and id.
    ctx.buyer = { name: nick, id: nick };
    // The newest order card, found from the label's matches in the conversation's text
    // (not by reading every row of a conversation just opened), read as itemOf() reads it.
    const pane = right(doc);
    const read = items.session(pane, true);
    const cardRow = newestRowWithText(pane, ORDER_LABEL, (el) => el.parentElement?.parentElement === pane && el !== el.parentElement.firstElementChild, (row) => {
      const item = read(row, '', itemOf);
      return item !== null && IS_ORDER_CARD.test(item.text);
    });
    const card = cardRow ? read(cardRow, '', itemOf)?.content ?? null : null;
    // The buyer's newest dozen messages, from the last day group back.
    const texts: string[] = [];
    for (let g = pane?.lastElementChild ?? null; g && texts.length < 12; g = g.previousElementSibling) {
      for (let c = g.lastElementChild; c && c !== g.firstElementChild && texts.length < 12; c = c.previousElementSibling) {
        const item = read(c, '', itemOf);
        if (item && nick && item.nick === nick) texts.push(item.text);
      }
    }
    texts.reverse();
    if (card) {
      const f = readLabelledIn(card, null, true);
      ctx.order = { number: f.orderNumber ?? null, product: f.product ?? null, amount: f.amount ?? null, status: f.status ?? null };
      ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
    }
    ctx.buyerLang = langOfTexts(texts) === 'zh-TW' ? 'zh-TW' : 'zh-CN';
    return ctx;
  },
  messages(doc) {
    const nick = buyerNick(doc);
    const now = new Date();
    const out: ChatMessage[] = [];
    let lastDate = '';
    let day = null as ReturnType<typeof parseShownDay>;
    // The memo key (buyer's nick and the group's date): written once per day group, not per message.
    let key = `${nick ?? ''}\u0001`;
    const read = memo.session(right(doc), true);
    // The item being read: one reader for the whole walk, not a closure per message.
    let item: Item | null = null;
    const readOne = (): ChatMessage => {
      const it = item!;
      const sender: ChatMessage['sender'] = it.nick === SYSTEM || !it.nick ? 'system' : nick && it.nick === nick ? 'buyer' : isAgent(it.nick) || nick ? 'seller' : 'buyer';
      return {
        platformId: null,
        sender,
        timeText: lastDate ? `${lastDate} ${it.time}` : it.time,
        timeIso: it.time ? parseShownTime(it.time, now, ZONE, day) : null,
        text: it.text,
        images: imagesIn(it.content),
      };
    };
    walk(doc, (found, date) => {
      if (date !== lastDate) {
        lastDate = date;
        day = parseShownDay(date, now, ZONE);
        key = `${nick ?? ''}\u0001${date}`;
      }
      item = found;
      out.push(read(found.el, key, readOne));
    });
    return out;
  },
  messageCount(doc) {
    // A message is a day group's child (after the date) with a time and a content div, as itemOf() reads it.
    const pane = right(doc);
    if (!pane) return 0;
    let n = 0;
    for (let g = pane.firstElementChild; g; g = g.nextElementSibling) {
      for (let c = g.firstElementChild?.nextElementSibling ?? null; c; c = c.nextElementSibling) if (c.childElementCount >= 2) n++;
    }
    return n;
  },
  reviews() {
    return [];
  },
  composer(doc) {
    // Looked for around the messages, not through them (queryAllOutside).
    return queryAllOutside<HTMLElement>(doc, right(doc), '.message-container textarea')[0] ?? null;
  },
  messagePane(doc) {
    return right(doc);
  },
};
