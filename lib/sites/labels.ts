/**
 * Labelled fields ("订单号：…", "Order ID" / "112-…", "运单号 …") read from a
 * piece of page. Seller backends label order and shipping facts the same few
 * ways in every language the product serves; a label is either followed by its
 * value in the same text node or by the next text node (definition lists,
 * label/value spans). Values are checked against the shape the field has.
 */
export type LabelledField = 'orderNumber' | 'product' | 'amount' | 'status' | 'tracking' | 'carrier' | 'eta' | 'buyer' | 'buyerId';
export type Labelled = Partial<Record<LabelledField, string>>;

// Identifiers are checked by shape, so "Order No. 8187…" may omit the colon;
// free-text fields need a colon or the value in the next node ("Buyer has paid"
// is a sentence, not a buyer called "has paid").
const LOOSE = String.raw`(?:\s*[:：#]\s*|\s+|$)`;
const STRICT = String.raw`(?:\s*[:：]\s*|$)`;
const LABELS: [LabelledField, RegExp][] = [
  // "#" is looked at, not taken, so LOOSE takes it: "Order #LZD-5512-0093" (a chat header) has the number
  // straight after it, where LOOSE wanted a colon or a space after a label ending in "#".
  // "订单 #TB-2024-551902" the same way; a bare "订单" (a tab, "订单已发货") is no label — only with its "#".
  ['orderNumber', new RegExp(String.raw`^(?:\[订单\]\s*)?(?:订单编号|订单号码|订单号|訂單編號|訂單號碼|訂單號|(?:订单|訂單)(?=\s*#)|Order\s*(?:ID|No\.?|Number|SN|(?=#)))${LOOSE}(.*)$`, 'i')],
  ['tracking', new RegExp(String.raw`^(?:运单号|快递单号|物流单号|運單號碼|運單號|追蹤編號|物流編號|Tracking\s*(?:Number|No\.?|ID|(?=#))?)${LOOSE}(.*)$`, 'i')],
  ['carrier', new RegExp(String.raw`^(?:物流公司|快递公司|快遞公司|承运商|承運商|配送公司|Carrier|Shipping\s+carrier|Courier|Logistics)${STRICT}(.*)$`, 'i')],
  ['eta', new RegExp(String.raw`^(?:预计送达|預計送達|预计到达|Estimated\s+delivery|Expected\s+delivery|ETA)${STRICT}(.*)$`, 'i')],
  ['amount', new RegExp(String.raw`^(?:实付款|实付|實付款|订单金额|訂單金額|金额|Order\s+total|Total|Amount)${STRICT}(.*)$`, 'i')],
  ['status', new RegExp(String.raw`^(?:订单状态|訂單狀態|Order\s+status|Status)${STRICT}(.*)$`, 'i')],
  ['product', new RegExp(String.raw`^(?:商品名称|商品|宝贝|寶貝|Product|Item)${STRICT}(.*)$`, 'i')],
  ['buyerId', new RegExp(String.raw`^(?:买家ID|買家ID|Buyer\s*ID|用户ID|UID)${LOOSE}(.*)$`, 'i')],
  ['buyer', new RegExp(String.raw`^(?:买家|買家|顾客|顧客|客户|Buyer|Customer)${STRICT}(.*)$`, 'i')],
];

/**
 * Where an order or tracking number may be labelled, in raw text (global,
 * unanchored): every way LABELS starts an orderNumber or tracking field, so a
 * piece of page whose text has no match cannot yield either field.
 */
export const IDENTIFIER_LABEL = /订单编号|订单号|訂單編號|訂單號|(?:订单|訂單)\s*#|Order\s*(?:ID|No|Number|SN|#)|运单号|快递单号|物流单号|運單號|追蹤編號|物流編號|Tracking/gi;

/**
 * Whether an order or tracking number can follow an IDENTIFIER_LABEL match
 * that ends at `end` in raw text (an element's textContent): readLabelled
 * takes the value from the rest of the label's own text node, or from the
 * next non-blank one, and both shapes (SHAPES) hold four digits in a row
 * after nothing but letters, digits, dashes and spaces. In raw text only
 * blank text nodes lie between a label and the next token — unless text of an
 * element textTokens skips (script, style, textarea...) does, which this
 * cannot see. The label's own tails come first ("订单号|码", "Order No|.",
 * "Tracking| Number").
 */
const NUMBER_AFTER_LABEL = /(?:码|碼)?(?:\.|\s*(?:Number|No\.?|ID|#))?\s*[:：#]?\s*[A-Za-z0-9\s-]*?\d{4}/iy;
export function numberMayFollow(text: string, end: number): boolean {
  NUMBER_AFTER_LABEL.lastIndex = end;
  return NUMBER_AFTER_LABEL.test(text);
}

const SHAPES: Record<LabelledField, (v: string) => string | null> = {
  orderNumber: (v) => /^[A-Z0-9][A-Z0-9-]{5,39}$/i.test(v.replace(/\s/g, '')) && /\d{4}/.test(v) ? v.replace(/\s/g, '') : null,
  tracking: (v) => {
    const first = v.split(/[\s(（]/)[0] ?? '';
    return /^[A-Z0-9]{8,40}$/i.test(first) && /\d{5}/.test(first) ? first : null;
  },
  carrier: (v) => (v.length <= 60 && !/^\d/.test(v) ? v : null),
  eta: (v) => (v.length <= 60 ? v : null),
  amount: (v) => (v.length <= 40 && /\d/.test(v) ? v : null),
  status: (v) => (v.length <= 60 ? v : null),
  product: (v) => (v.length <= 300 ? v : null),
  buyerId: (v) => (/^[\w.-]{3,80}$/.test(v) ? v : null),
  buyer: (v) => (v.length <= 60 ? v : null),
};

const SKIP = new Set(['script', 'style', 'noscript', 'textarea', 'template']);

/** Trimmed text of every text node under root, in order (skipping scripts and editors). */
export function textTokens(root: Node, exclude?: Node | null, limit = 20_000): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    for (let c = node.firstChild; c && out.length < limit; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = (c.nodeValue ?? '').replace(/\s+/g, ' ').trim();
        if (t) out.push(t);
      } else if (c.nodeType === 1) {
        if (c === exclude || SKIP.has((c as Element).localName)) continue;
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Fields found in a token stream. `last` keeps the last occurrence of each
 * field instead of the first (the newest order card in a conversation).
 */
export function readLabelled(tokens: readonly string[], last = false): Labelled {
  const found: Labelled = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length > 200) continue;
    for (const [field, re] of LABELS) {
      const m = re.exec(token);
      if (!m) continue;
      const rest = (m[1] ?? '').trim();
      const raw = rest || (tokens[i + 1] ?? '');
      const value = SHAPES[field](raw.trim());
      if (value !== null && (last || found[field] === undefined)) {
        found[field] = value;
        // "SPXMY0455… (SPX Express)": the carrier rides along in brackets — in the number's own text node, or
        // in the next few: React writes `Tracking Number: {number} ({carrier})` as five of them, and the live
        // Shopee chat showed the carrier as "—" while a page saved to HTML (one node) read it.
        if (field === 'tracking') {
          const next = rest ? i + 1 : i + 2;
          const after = [raw.trim().slice(value.length), ...tokens.slice(next, next + 3)].join(' ');
          const carrier = /^\s*[(（]\s*([^()（）]{2,40}?)\s*[)）]/.exec(after)?.[1];
          if (carrier && (last || found.carrier === undefined)) found.carrier = carrier;
        }
      }
      break;
    }
  }
  return found;
}

export function readLabelledIn(root: Node, exclude?: Node | null, last = false): Labelled {
  return readLabelled(textTokens(root, exclude), last);
}
