/**
 * The buyer named in a chat header without a label: "买家甲（u102）", "buyer_8812 (id: 55102)",
 * "王女士 <small>(wang_mei88)</small>". Many web IMs head the open conversation with the buyer's
 * nickname and account id and no "买家:"/"Buyer:" label, and the generic reader only read labelled
 * values, so the Page tab showed no buyer (and notes/tags could not follow the buyer).
 *
 * Careful by design — a wrong buyer is worse than none (notes and tags would follow the wrong
 * person):
 *  - only text ABOVE the message pane inside the chat column (the nearest ancestor holding both
 *    the pane and the composer): the conversation list beside it, the top bar with the seller's
 *    own account and the messages themselves are never read;
 *  - only a name followed by a parenthesised id — the id must look like an account id (a digit in
 *    it, or an explicit "id:" label; a bare number at least 5 digits long, so unread counts "(12)"
 *    are not ids), and the name must not be a time, a date, a label ("…:") or an order;
 *  - names that say they are the shop's side (客服, 店铺, official, support…) are the seller's own.
 * The nearest such header to the pane wins.
 */
const NAME_ID = /^(.{1,40}?)\s*[（(]\s*(?:((?:buyer ?|user ?|member ?|customer ?)?id|uid|买家id|買家id|用户id|用戶id|会员id|會員id|账号|帳號)\s*[:：#]?\s*)?([A-Za-z0-9][A-Za-z0-9_.@-]{1,39})\s*[)）]$/i;
/** The shop's side: an agent, the store, the platform. */
const SELLER_SIDE = /客服|店铺|店舖|店家|旗舰店|旗艦店|专卖店|專賣店|官方|小二|掌柜|掌櫃|卖家|賣家|商家|我的|\b(?:seller|agent|support|service|shop|store|official|admin|staff|me|you)\b/i;
/** Times, dates and relative days: "10:30 (已读)", "2026-11-22 (Sun)", "昨天 (12:30)". */
const TIME_LIKE = /\d{1,2}:\d{2}|^\d{2,4}[-/.年]\d{1,2}|^\d{1,2}[-/.月]\d{1,2}|今天|昨天|前天|星期|周[一二三四五六日天]|週[一二三四五六日天]|\b(?:today|yesterday|ago|am|pm|mon|tue|wed|thu|fri|sat|sun)\b/i;
/** Other things headers put in brackets: orders, counts, statuses. */
const NOT_A_PERSON = /[:：#]|订单|訂單|运单|運單|\b(?:order|tracking|total|unread|online|offline)\b|在线|在線|离线|離線|未读|未讀|已读|已讀/i;

export interface HeaderBuyer {
  name: string;
  id: string;
}

/** The name-with-id text as a buyer, or null when it is not one (exported for tests). */
export function buyerOfHeaderText(text: string): HeaderBuyer | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length > 90) return null;
  const m = NAME_ID.exec(t);
  if (!m) return null;
  const name = m[1]!.trim();
  const labelled = !!m[2];
  const id = m[3]!;
  if (!/\p{L}/u.test(name) || name.length > 30) return null;
  if (SELLER_SIDE.test(name) || TIME_LIKE.test(name) || NOT_A_PERSON.test(name)) return null;
  if (!labelled) {
    if (!/\d/.test(id)) return null;
    if (/^\d+$/.test(id) && id.length < 5) return null;
  }
  return { name, id };
}

/** The nearest ancestor holding both; null when only the page itself does. */
function chatColumn(pane: Element, composer: Element | null): Element | null {
  const doc = pane.ownerDocument;
  let col: Element | null = pane.parentElement;
  if (composer) while (col && !col.contains(composer)) col = col.parentElement;
  if (!col || col === doc.body || col === doc.documentElement) return pane.parentElement === doc.body ? null : pane.parentElement;
  return col;
}

/** How many header texts nearest the pane are read (a header, not the page). */
const NEAR = 24;

/**
 * The buyer a chat header names above the message pane (`pane`: the element holding the message
 * rows), or null. Text nodes are read one by one and each with the next one, for headers that put
 * the id in its own element ("王女士" + "(wang_mei88)").
 */
export function headerBuyer(pane: Element, composer: Element | null): HeaderBuyer | null {
  const col = chatColumn(pane, composer);
  if (!col) return null;
  const texts: string[] = [];
  const walker = col.ownerDocument.createTreeWalker(col, 0x4 /* SHOW_TEXT (no NodeFilter global in every realm) */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Document order: stop at the pane; everything after it (composer, toolbars) is not a header.
    if (pane.contains(n) || pane.compareDocumentPosition(n) & 0x4 /* FOLLOWING */) break;
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, textarea, template, button, [contenteditable]')) continue;
    const t = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (t) texts.push(t);
  }
  const near = texts.slice(-NEAR);
  for (let i = near.length - 1; i >= 0; i--) {
    const joined = i + 1 < near.length && /^[（(]/.test(near[i + 1]!) ? buyerOfHeaderText(`${near[i]} ${near[i + 1]}`) : null;
    const found = joined ?? buyerOfHeaderText(near[i]!);
    if (found) return found;
  }
  return null;
}
