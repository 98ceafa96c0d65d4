/**
 * Deterministic buyer conversations for the demo seller chats.
 *
 * Every demo chat page renders the same kind of material in its own site's
 * structure: a long conversation (hundreds of messages, or `?messages=N`),
 * shorter ones, buyer / seller / system rows, one image message, one order card
 * (order number, product, amount, tracking number + carrier) and, at the very
 * end of the long conversation, END-OF-HISTORY-MARKER for screenshot
 * stitching tests. A seeded generator keeps every load identical, so the
 * committed fixture snapshots stay reproducible.
 */

/** The demo clock: "now" for relative labels (今天/昨天). 2026-11-22 18:30 in UTC+8. */
export const DEMO_NOW = Date.UTC(2026, 10, 22, 10, 30, 0);
export const END_MARKER = 'END-OF-HISTORY-MARKER';

export type DemoSender = 'buyer' | 'seller' | 'system';
export type DemoLang = 'zh' | 'en';

export interface DemoOrder {
  number: string;
  product: string;
  amount: string;
  status: string;
  tracking: string;
  carrier: string;
  eta: string;
}

export interface DemoMessage {
  id: string;
  sender: DemoSender;
  kind: 'text' | 'image' | 'order';
  text: string;
  /** Epoch ms. */
  at: number;
  image?: string;
  order?: DemoOrder;
}

export interface DemoConversation {
  id: string;
  buyerName: string;
  buyerId: string;
  lang: DemoLang;
  order: DemoOrder;
  messages: DemoMessage[];
}

export { mulberry32 as seeded } from '../../../shared/prng';
import { mulberry32 as seeded } from '../../../shared/prng';

export function pick<T>(rng: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rng() * list.length)];
  if (v === undefined) throw new Error('pick from empty list');
  return v;
}

export function digits(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}

// Lines a buyer and an agent really exchange (domain brief §1: size, shipping,
// address change, "where is my parcel", after-sales, bargaining said softly).
const ZH_BUYER = [
  '在吗？', '这款还有货吗？', '请问什么时候发货？', '我拍的是XL码，能改成L码吗？', '地址写错了，能帮我改一下吗？',
  '快递到哪了？三天了还没动', '能便宜点吗？', '收到了，颜色和图片有点不一样', '这个可以开发票吗？', '包装破了，里面的杯子碎了一个',
  '退货运费谁出？', '好的谢谢', '已经付款了，麻烦尽快发', '质量怎么样？会不会起球', '能发顺丰吗？我加钱',
  '我要退款', '你们客服几点下班？', '尺码表在哪里看？', '我身高170体重65公斤穿什么码？', '嗯嗯，那我等等',
  '怎么还没到，我急用', '好评已给', '赠品没收到', '可以用优惠券吗？', '同一个地址两单能合并发吗？',
];
const ZH_SELLER = [
  '亲，在的，请问有什么可以帮您？', '有货的亲，今天下午四点前付款当天发出哦', '亲，已经帮您备注改成L码了', '好的亲，地址已修改，请核对一下',
  '亲，这边帮您查一下物流，请稍等', '亲，非常抱歉让您久等了，已经帮您催快递了', '亲，我们价格已经很实在了，现在下单送运费险哦',
  '亲，收到的商品有问题可以拍照给我们，一定给您处理好', '可以开的亲，请留一下抬头和税号', '亲，真的非常抱歉，破损的我们给您补发一个',
  '质量问题退货运费我们承担的亲', '不客气亲，有问题随时找我们', '亲，我们的服务时间是早上9点到晚上11点（北京时间）',
  '亲，尺码表在详情页第三张图哦', '170/65建议拍L码哦亲', '亲，物流显示已到您所在城市，今天应该能派送',
  '亲，赠品是随单发的，麻烦您看一下包裹夹层', '可以合并发货的亲，请在同一笔订单下单哦', '顺丰需要补差价8元哦亲',
];
const EN_BUYER = [
  'Hi, is this item still in stock?', 'When will my order ship?', 'I ordered size M, can I change it to L?', 'I entered the wrong address, can you update it?',
  'Where is my parcel? Tracking has not moved for five days.', 'Can you give me a discount?', 'Received it, but the colour is different from the photos.',
  'The box was damaged and one cup is broken.', 'Who pays for return shipping?', 'Thank you!', 'I have paid, please ship soon.',
  'Will it fit a 15 inch laptop?', 'Can you ship with DHL? I can pay extra.', 'I want a refund.', 'What are your working hours?',
  'Is there a size chart?', 'OK, I will wait.', 'It still has not arrived and I need it for a birthday.', 'I left a 5 star review.',
  'The free gift was missing.', 'Can I combine two orders?', 'Does it come with a warranty?', 'How long does delivery to Brazil take?',
];
const EN_SELLER = [
  'Hello, thanks for your message! How can I help?', 'Yes, it is in stock. Orders paid before 4 pm (UTC+8) ship the same day.',
  'No problem, I have noted size L on your order.', 'Done, the address is updated. Please check it.', 'Let me check the tracking for you, one moment please.',
  'Sorry for the wait. I have asked the carrier to look into it.', 'Our price is already our best, but shipping insurance is included.',
  'Please send us a photo of the item and we will sort it out for you.', 'I am very sorry about the broken cup. We will send a replacement.',
  'For quality problems we cover the return shipping.', 'You are welcome, contact us any time.',
  'Our service hours are 9:00 to 18:00 Beijing time (UTC+8), Monday to Saturday.', 'The size chart is the third picture on the product page.',
  'The parcel has reached your country and is with the local carrier now.', 'The gift ships inside the same parcel, please check the inner pocket.',
  'Delivery to Brazil usually takes 15 to 25 days by standard shipping.', 'Yes, it comes with a 12 month warranty.',
];
const ZH_SYSTEM = ['买家已付款', '系统消息：订单已发货', '买家已确认收货', '当前会话已转接给客服小美', '系统提示：请勿引导买家线下交易'];
const EN_SYSTEM = ['Buyer has paid', 'Order shipped', 'Buyer confirmed receipt', 'Conversation transferred to agent Mia', 'Reminder: keep all communication on the platform'];

/** A small parcel photo as an inline SVG (no network, no binary in git). */
export function parcelImage(label: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120"><rect width="160" height="120" fill="#f3ead8"/><rect x="30" y="30" width="100" height="70" fill="#c8a165" stroke="#7a5a2b" stroke-width="3"/><path d="M30 52h100M80 30v70" stroke="#7a5a2b" stroke-width="3"/><text x="80" y="20" font-size="12" text-anchor="middle" font-family="sans-serif">${label}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export interface ConversationSpec {
  id: string;
  buyerName: string;
  buyerId: string;
  lang: DemoLang;
  order: DemoOrder;
  count: number;
  /** Ends the conversation with END-OF-HISTORY-MARKER (the long one). */
  marker?: boolean;
}

/**
 * Builds one conversation: alternating buyer / seller turns, a system row now
 * and then, the order card as the 6th message, a buyer photo as the 12th.
 */
export function makeConversation(spec: ConversationSpec, seed: number): DemoConversation {
  const rng = seeded(seed);
  const zh = spec.lang === 'zh';
  const gaps: number[] = [];
  for (let i = 0; i < spec.count; i++) gaps.push(15_000 + Math.floor(rng() * 50 * 60_000));
  // Anchor the last message a few minutes before the demo clock so the tail
  // shows "today" and older messages "yesterday" / full dates.
  let at = DEMO_NOW - 7 * 60_000 - gaps.reduce((a, b) => a + b, 0);
  const messages: DemoMessage[] = [];
  let turn: DemoSender = 'buyer';
  for (let i = 0; i < spec.count; i++) {
    at += gaps[i] ?? 60_000;
    const id = `${spec.id.replace(/\D/g, '') || '1'}${String(i + 1).padStart(5, '0')}`;
    const last = i === spec.count - 1;
    if (last && spec.marker) {
      messages.push({ id, sender: 'seller', kind: 'text', text: END_MARKER, at });
      continue;
    }
    if (i === 5) {
      messages.push({ id, sender: 'seller', kind: 'order', text: zh ? '订单信息' : 'Order details', at, order: spec.order });
      continue;
    }
    if (i === 11) {
      messages.push({ id, sender: 'buyer', kind: 'image', text: '', at, image: parcelImage(zh ? '包裹照片' : 'parcel photo') });
      continue;
    }
    if (i % 17 === 9) {
      messages.push({ id, sender: 'system', kind: 'text', text: pick(rng, zh ? ZH_SYSTEM : EN_SYSTEM), at });
      continue;
    }
    const text = turn === 'buyer' ? pick(rng, zh ? ZH_BUYER : EN_BUYER) : pick(rng, zh ? ZH_SELLER : EN_SELLER);
    messages.push({ id, sender: turn, kind: 'text', text, at });
    // Buyers often send two lines in a row; agents answer once.
    turn = turn === 'buyer' ? (rng() < 0.3 ? 'buyer' : 'seller') : 'buyer';
  }
  return { id: spec.id, buyerName: spec.buyerName, buyerId: spec.buyerId, lang: spec.lang, order: spec.order, messages };
}

/** `?messages=N` on the page URL resizes the long conversation (benchmarks use 2000). */
export function longCount(fallback: number): number {
  const raw = new URLSearchParams(location.search).get('messages');
  const n = raw ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(n) && n > 12 ? Math.min(n, 20_000) : fallback;
}

// ---- display formats ------------------------------------------------------

/** Wall-clock parts of an instant in a fixed UTC offset (minutes east). */
export function wallClock(at: number, offsetMinutes: number) {
  const d = new Date(at + offsetMinutes * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}
export const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-20 09:15:03 */
export function fullCn(at: number, offset = 480): string {
  const w = wallClock(at, offset);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** Day difference against the demo clock, in the page's offset. */
export function daysAgo(at: number, offset = 480): number {
  const a = wallClock(at, offset);
  const n = wallClock(DEMO_NOW, offset);
  return Math.round((Date.UTC(n.y, n.mo - 1, n.d) - Date.UTC(a.y, a.mo - 1, a.d)) / 86_400_000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Nov 20, 2026 9:15 AM */
export function usDateTime(at: number, offset: number): string {
  const w = wallClock(at, offset);
  const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
  return `${MONTHS[w.mo - 1]} ${w.d}, ${w.y} ${h12}:${pad(w.mi)} ${w.h < 12 ? 'AM' : 'PM'}`;
}
/** Nov 20, 2026 */
export function usDate(at: number, offset: number): string {
  const w = wallClock(at, offset);
  return `${MONTHS[w.mo - 1]} ${w.d}, ${w.y}`;
}
