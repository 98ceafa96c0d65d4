/**
 * Amazon Seller Central (one host per region), buyer-seller messaging.
 *
 * Selectors and their sources (page variant: /messaging/contact?orderID=…&marketplaceID=…):
 * - buyer name `.ayb-contact-buyer-header h2` ("Send message to Palmer"),
 *   composer `.contact-buyer-text-area kat-textarea` whose real `<textarea>` is
 *   in its open shadow root, send `kat-button.ayb-contact-form-send-button`:
 *   a public Seller Central messaging automation content script.
 * Assumed (no public source): the history markup `.ayb-message-history
 * .ayb-message[data-message-id]` with `--buyer/--seller/--system` modifiers,
 * `.ayb-message-date`, `.ayb-message-body`, `.ayb-message-attachment img`, the
 * order panel `.ayb-order-details` (labelled dt/dd), and times shown as
 * "Nov 20, 2026 9:15 AM" in the marketplace's local zone.
 *
 * composer() returns the INNER shadow textarea when the kat-textarea's shadow
 * root is open and rendered (the live page), else the kat-textarea host (e.g.
 * a saved snapshot before the element is defined); the insertion layer
 * resolves shadow roots either way.
 */
import { emptyContext, type ChatMessage, type Lang, type PageKind } from '../schema';
import { effectiveUrl } from './demo';
import { byClass, classHas, createRowMemo, findDown, imagesIn, langOfTexts, rowsUnder, messageText, textOf } from './dom';
import { readLabelledIn } from './labels';
import { parseShownTime, type TimeZoneSpec } from './time';
import type { SiteAdapter } from './types';

const HOSTS: Record<string, { timeZone: string; lang: Lang | null }> = {
  'sellercentral.amazon.com': { timeZone: 'America/Los_Angeles', lang: 'en' },
  'sellercentral.amazon.co.uk': { timeZone: 'Europe/London', lang: 'en' },
  'sellercentral.amazon.de': { timeZone: 'Europe/Berlin', lang: null },
  'sellercentral-europe.amazon.com': { timeZone: 'Europe/Berlin', lang: null },
  'sellercentral.amazon.co.jp': { timeZone: 'Asia/Tokyo', lang: null },
  'sellercentral-japan.amazon.com': { timeZone: 'Asia/Tokyo', lang: null },
};

function hostOf(doc: Document): string {
  return doc.location ? effectiveUrl(doc.location, doc).hostname : '';
}

function history(doc: Document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('.ayb-message-history');
}

function senderOf(row: Element): ChatMessage['sender'] {
  const cls = row.getAttribute('class');
  if (classHas(cls, 'ayb-message--buyer')) return 'buyer';
  if (classHas(cls, 'ayb-message--seller')) return 'seller';
  if (classHas(cls, 'ayb-message--system')) return 'system';
  return textOf(findDown(row, byClass('ayb-message-sender'))) === 'You' ? 'seller' : 'buyer';
}

// The parts of the row being read (module state: one read at a time, and no closure or result
// object per row of a 2,000-message first read).
let date: Element | null = null;
let body: Element | null = null;
let attachment: Element | null = null;

/** One pass over the row's few descendants (three levels) instead of a search per part. */
function findParts(el: Element, depth: number): void {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const cls = c.getAttribute('class');
    if (!date && classHas(cls, 'ayb-message-date')) date = c;
    else if (!body && (classHas(cls, 'ayb-message-body') || classHas(cls, 'ayb-order-card'))) body = c;
    else if (!attachment && classHas(cls, 'ayb-message-attachment')) attachment = c;
    if (depth > 1) findParts(c, depth - 1);
  }
}

function readRow(row: Element, now: Date, zone: TimeZoneSpec): ChatMessage {
  date = body = attachment = null;
  findParts(row, 3);
  const timeText = textOf(date);
  const message: ChatMessage = {
    platformId: row.getAttribute('data-message-id'),
    sender: senderOf(row),
    timeText,
    timeIso: timeText ? parseShownTime(timeText, now, zone) : null,
    text: messageText(body, true),
    images: attachment ? imagesIn(attachment) : [],
  };
  date = body = attachment = null;
  return message;
}

const memo = createRowMemo<ChatMessage>();
const isRow = byClass('ayb-message');

export const amazon: SiteAdapter = {
  id: 'amazon',
  name: 'Amazon Seller Central',
  detect(url) {
    if (!(url.hostname in HOSTS)) return null;
    const path = url.pathname;
    if (path.startsWith('/messaging/')) return 'chat';
    if (path.startsWith('/orders-v3') || path.startsWith('/order/')) return 'order';
    if (path.startsWith('/brand-customer-reviews') || path.startsWith('/feedback-manager') || path.startsWith('/voice-of-the-customer')) return 'reviews';
    return 'other' satisfies PageKind;
  },
  context(doc) {
    const ctx = emptyContext();
    const h2 = textOf(doc.querySelector('.ayb-contact-buyer-header h2'));
    ctx.buyer.name = /^Send (?:a )?message to\s+(.+)$/i.exec(h2)?.[1]?.trim() || null;
    const panel = doc.querySelector('.ayb-order-details');
    const f = panel ? readLabelledIn(panel) : {};
    const url = doc.location ? effectiveUrl(doc.location, doc) : null;
    ctx.order = {
      number: f.orderNumber ?? url?.searchParams.get('orderID') ?? null,
      product: f.product ?? null,
      amount: f.amount ?? null,
      status: f.status ?? null,
    };
    ctx.tracking = { number: f.tracking ?? null, carrier: f.carrier ?? null, eta: f.eta ?? null };
    const rows = rowsUnder(history(doc), isRow);
    const texts: string[] = [];
    for (let i = rows.length - 1; i >= 0 && texts.length < 12; i--) {
      const row = rows[i]!;
      if (senderOf(row) === 'buyer') texts.push(textOf(findDown(row, byClass('ayb-message-body'))));
    }
    ctx.buyerLang = langOfTexts(texts) ?? HOSTS[hostOf(doc)]?.lang ?? null;
    return ctx;
  },
  messages(doc) {
    const pane = history(doc);
    const rows = rowsUnder(pane, isRow);
    const zone: TimeZoneSpec = { timeZone: HOSTS[hostOf(doc)]?.timeZone ?? 'America/Los_Angeles' };
    const now = new Date();
    const read = memo.session(pane, true);
    const readOne = (row: Element) => readRow(row, now, zone);
    const out: ChatMessage[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      out[i] = read(row, zone.timeZone, readOne);
    }
    return out;
  },
  messageCount(doc) {
    // One message per .ayb-message row, as messages() reads them.
    return rowsUnder(history(doc), isRow).length;
  },
  reviews() {
    return [];
  },
  composer(doc) {
    const host = doc.querySelector<HTMLElement>('.contact-buyer-text-area kat-textarea');
    if (!host) return null;
    return host.shadowRoot?.querySelector<HTMLElement>('textarea') ?? host;
  },
  messagePane(doc) {
    return history(doc);
  },
};
