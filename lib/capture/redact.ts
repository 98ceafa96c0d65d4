/**
 * Find personal data in page text so a screenshot can be redacted before it
 * leaves the seller's machine: phone numbers, e-mail addresses, tracking
 * numbers, ID card numbers, order numbers, recipient and buyer names, chat accounts and addresses.
 *
 * Patterns are anchored on digit boundaries and, where a bare number would be
 * ambiguous (a 12-digit ZTO waybill looks like any other number), on a label
 * in front of it — so prices, dates, times and quantities in ordinary order
 * text are left alone. Mapping matches to page rectangles happens in the
 * content script (Range.getClientRects); rangesForMatches below does the
 * text-offset → DOM position step.
 */

export type SensitiveKind = 'phone' | 'email' | 'tracking' | 'id-card' | 'order-number' | 'address' | 'name';

export interface SensitiveMatch {
  kind: SensitiveKind;
  start: number;
  end: number;
  value: string;
}

interface Rule {
  kind: SensitiveKind;
  re: RegExp;
  /** Capture group holding the sensitive part (labels are not redacted); 0 = whole match. */
  group: number;
  accept?: (value: string) => boolean;
}

const SEP = '[\\s\\-‐–]?';
/** Colon, full-width colon, spaces, '#', 'No.' style glue between a label and its value. */
const GLUE = '\\s*(?:[:：#]|No\\.?|号)?\\s*';

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** GB 11643 check digit (ISO 7064 MOD 11-2) and a real birth date. */
function validIdCard(v: string): boolean {
  const s = v.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === s[17];
}

const TRACKING_LABEL = '(?:运单号|快递单号|物流单号|快递号|运单编号|物流编号|面单号|(?<!订)单号|Tracking\\s*(?:No\\.?|Number|ID|#)?|Waybill(?:\\s*No\\.?)?|AWB)';
const ORDER_LABEL = '(?:订单编号|订单号|订单|Order\\s*(?:ID|No\\.?|Number|#)?)';
const ADDRESS_LABEL = '(?:收货地址|收件地址|详细地址|联系地址|送货地址|地址|Shipping\\s+address|Delivery\\s+address|Ship\\s+to|Address)';
const NAME_LABEL = '(?:收货人|收件人|联系人|Recipient|Consignee|Ship\\s+to\\s+name)';
/**
 * The buyer as the backend labels them: a name or an account nickname, which holds digits and underscores
 * ("小王同学88", "lily_0927"). Only these labels and a colon: "买家已付款" (no colon) is a status line. The demo
 * orders page's buyers (买家：小王同学88, Buyer: Lucas Oliveira) were left readable in a redacted screenshot.
 */
const BUYER_LABEL = '(?:买家(?:昵称|姓名|账号|名称)?|買家(?:暱稱|姓名|帳號|名稱)?|姓名|昵称|暱稱|客户(?:名称|姓名)?|顧客(?:姓名)?|(?<![A-Za-z])(?:[Bb]uyer(?:\\s+(?:[Nn]ame|ID))?|[Cc]ustomer(?:\\s+[Nn]ame)?|[Ff]ull\\s+[Nn]ame))';
/** Chat accounts a buyer gives to move the talk off the platform: 微信号 / WeChat / QQ after a label. */
const ACCOUNT_LABEL = '(?:微信号?|(?<![A-Za-z])(?:[Ww]e[Cc]hat(?:\\s+ID)?|[Ww]ei[Xx]in|QQ号?|qq))';

/**
 * An address the buyer writes out without a label in front ("麻烦寄到浙江省杭州市西湖区文三路90号3号楼") was left
 * readable. Precision before recall: a place name is not an address ("上海风味小笼包", "广东省内包邮", "杭州市西湖区",
 * a parcel's status "已到达杭州市西湖区营业点"), so a Chinese address is a region (a province from the list, or a
 * city/district/county name ending in 市/区/县…) followed by a road (路/街/巷/村…) and a house number (…号/號), then any
 * building, unit and room. Taiwan's form too: 縣/市…區…路…段…巷…號…樓.
 */
const HAN = '[\\u4e00-\\u9fff]';
const PROVINCE = '(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|臺灣|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?';
/** Words that lead up to an address ("寄到", "地址是"): not part of it, and the city name must not reach back over them. */
const ADDRESS_LEAD = '(?:寄到|发到|發到|送到|寄往|发往|寄至|送至|改到|改成|改为|改為|换成|換成|地址是|住在|我在|是|在|到)?';
/** A name part: Chinese characters, not the small words of a sentence ("杭州市西湖区的朋友都知道5号" is no address). */
const PLACE_CHAR = '(?:(?![的了是在与與我你他她吗嗎呢吧啊也就还還要])[\\u4e00-\\u9fff])';
/** A region's name holds no level word (市/区/县…): each way to cut "杭州市西湖区" is then one way, and a long run of
 * place names cannot make the matcher try every cut (it hung on a page repeating "浙江省杭州市西湖区"). */
const REGION_CHAR = '(?:(?![市区區县縣旗镇鎮乡鄉省])' + PLACE_CHAR + ')';
const CN_REGION = `(?:${PROVINCE}|${REGION_CHAR}{2,4}(?:市|州|盟|地区|縣|县))(?:${REGION_CHAR}{1,5}(?:市|州|盟|地区|區|区|縣|县|旗|镇|鎮|乡|鄉)){0,4}`;
const CN_ROAD = `(?:${PLACE_CHAR}|[0-9A-Za-z]){1,10}?(?:大街|大道|路|街|道|巷|弄|胡同|里|村)`;
const CN_NUMBER = '(?:[一二三四五六七八九十0-9]{1,3}段)?(?:[0-9０-９]{1,4}[巷弄])?(?:[0-9０-９]{1,4}[弄])?[0-9０-９]{1,5}(?:[-－之][0-9０-９]{1,4})?[号號]';
const CN_DETAIL = `(?:\\s?(?:[0-9０-９A-Za-z一二三四五六七八九十]{1,5}(?:号楼|號樓|号院|號院|栋|棟|幢|座|单元|單元|层|層|楼|樓|室|号|號|户|戶|F)(?:之[0-9]{1,3})?|(?:${PLACE_CHAR}|[A-Za-z0-9]){2,12}?(?:大厦|大廈|小区|小區|花园|花園|公寓|广场|廣場|园区|園區|中心|苑|园|園|城))){0,6}`;
const CN_ADDRESS = `${ADDRESS_LEAD}(${CN_REGION}${CN_ROAD}${CN_NUMBER}${CN_DETAIL})`;
/**
 * An English street address: a house number, one to four capitalised words and a street type ("221B Baker Street",
 * "12 Harbour Rd"), then after commas a flat or unit, places and a postcode ("Apt 5, Singapore 123456"). Only street
 * types a product name does not end in ("Place", "Court", "Square" and "Dr" are left out).
 */
const EN_STREET = '(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Parkway|Pkwy|Highway|Hwy|Terrace|Crescent|Way)';
const EN_UNIT = '(?:(?:Apt|Apartment|Unit|Suite|Ste|Flat|Floor|Fl|Room|Rm)\\.?\\s*#?[A-Za-z0-9-]{1,8}|#\\d{1,3}-\\d{1,5})';
const EN_TAIL = `(?:,\\s*(?:${EN_UNIT}|[A-Z][A-Za-z]+\\b(?:\\s+[A-Z][A-Za-z]+\\b){0,3}(?:\\s+(?:\\d{4,6}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}))?|\\d{4,6}(?:-\\d{4})?))`;
const EN_ADDRESS = `(?<![\\w.,-])((?:${EN_UNIT},?\\s+)?\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][a-z]+\\.?\\s+){1,4}${EN_STREET}\\b\\.?${EN_TAIL}{0,5})`;

const RULES: Rule[] = [
  // E-mail first: its digits must not be read as a phone number.
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g, group: 0 },
  // CN ID card, validated (checksum + date); also the masked form 110101********1234.
  { kind: 'id-card', re: /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g, group: 1, accept: validIdCard },
  { kind: 'id-card', re: /(?<![0-9A-Za-z*])(\d{3,6}\*{8,12}\d{3}[\dXx])(?![0-9A-Za-z*])/g, group: 1, accept: (v) => v.length === 18 },
  // Tracking numbers with a label: anything 10–22 chars of A-Z/0-9 with at least 8 digits.
  { kind: 'tracking', re: new RegExp(`${TRACKING_LABEL}${GLUE}((?:[A-Z]{0,4})[A-Z0-9]{8,22})(?![A-Za-z0-9])`, 'gi'), group: 1, accept: (v) => v.length >= 10 && v.length <= 22 && digits(v).length >= 8 },
  // Self-identifying waybills without a label: SF Express, YTO, JD, UPS, UPU S10 (EMS/China Post/intl).
  { kind: 'tracking', re: /(?<![A-Za-z0-9])(SF\d{12,15}|YT\d{13,15}|JD[A-Z]{0,3}\d{10,15}|JT\d{13}|1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}(?:CN|US|GB|DE|JP|HK|SG|AU|FR|KR|TW|MY|TH|VN|ID|PH))(?![A-Za-z0-9])/g, group: 1 },
  // Order numbers only with a label; the number is what ties the evidence to one buyer.
  { kind: 'order-number', re: new RegExp(`${ORDER_LABEL}${GLUE}([0-9][0-9A-Za-z-]{7,39})(?![A-Za-z0-9])`, 'gi'), group: 1, accept: (v) => digits(v).length >= 8 },
  // CN mobile, with +86 and separators (138 1234 5678, 138-1234-5678).
  { kind: 'phone', re: new RegExp(`(?<![\\d+])((?:\\+?86${SEP})?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4})(?!\\d)`, 'g'), group: 1 },
  // Masked CN mobile: 138****5678, 138 **** 5678.
  { kind: 'phone', re: /(?<!\d)(1[3-9]\d[\s-]?[*＊xX]{4}[\s-]?\d{4})(?!\d)/g, group: 1 },
  // CN landline with area code: 010-12345678, (0755) 1234 5678.
  { kind: 'phone', re: /(?<![\d-])(\(?0\d{2,3}\)?[\s-]\d{3,4}[\s-]?\d{4})(?![\d-])/g, group: 1 },
  // International: a leading + and 8–15 digits in groups.
  { kind: 'phone', re: /(?<![\w+])(\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5})(?!\d)/g, group: 1, accept: (v) => { const n = digits(v).length; return n >= 8 && n <= 15; } },
  // Labelled phone without + (e.g. "Phone: 415 555 0132", "电话：0755 8888 6666").
  { kind: 'phone', re: /(?:电话|手机|联系电话|手机号|Tel|Phone|Mobile)\s*[:：]?\s*(\(?\d[\d\s().-]{6,18}\d)(?!\d)/gi, group: 1, accept: (v) => { const n = digits(v).length; return n >= 7 && n <= 15; } },
  // Address: the rest of the line after a label.
  { kind: 'address', re: new RegExp(`${ADDRESS_LABEL}\\s*[:：]\\s*([^\\n\\r]{4,200})`, 'gi'), group: 1 },
  // Addresses without a label (see CN_ADDRESS, EN_ADDRESS).
  { kind: 'address', re: new RegExp(CN_ADDRESS, 'g'), group: 1 },
  { kind: 'address', re: new RegExp(EN_ADDRESS, 'g'), group: 1 },
  // Recipient name after a label, up to a separator.
  { kind: 'name', re: new RegExp(`${NAME_LABEL}\\s*[:：]\\s*([^\\s,，;；、|/\\d:：]{1,30}(?: [A-Z][a-z]+){0,3})`, 'g'), group: 1 },
  // The buyer's name or nickname after a label: digits and _ . - are part of an account name.
  { kind: 'name', re: new RegExp(`${BUYER_LABEL}\\s*[:：]\\s*([^\\s,，;；、|/:：()（）]{1,40}(?: [A-Z][a-z]+){0,3})`, 'g'), group: 1 },
  // A WeChat or QQ account after its label ("微信：lily_0927", "加我QQ 12345678"): after a colon, or holding a digit
  // ("WeChat Pay" is no account).
  { kind: 'name', re: new RegExp(`${ACCOUNT_LABEL}\\s*(?:[:：]\\s*|(?=[A-Za-z0-9_.-]*\\d))([A-Za-z0-9][A-Za-z0-9_.-]{4,39})(?![A-Za-z0-9_])`, 'g'), group: 1 },
];

/** Leading/trailing spaces and punctuation are not part of a value. */
function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,，;；。.、]/.test(text[start]!)) start++;
  while (end > start && /[\s,，;；。、]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * Every sensitive span in `text`, sorted, non-overlapping. Where spans
 * overlap (an address line containing a phone number), the longer span wins,
 * since redacting it covers the shorter one.
 */
export function findSensitive(text: string): SensitiveMatch[] {
  const found: SensitiveMatch[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const value = m[rule.group];
      if (value === undefined || m.index === undefined) continue;
      const offset = rule.group === 0 ? 0 : m[0].indexOf(value);
      const [start, end] = trim(text, m.index + offset, m.index + offset + value.length);
      if (end <= start) continue;
      const v = text.slice(start, end);
      if (rule.accept && !rule.accept(v)) continue;
      found.push({ kind: rule.kind, start, end, value: v });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: SensitiveMatch[] = [];
  for (const f of found) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface DomPosition {
  node: Text;
  offset: number;
}

export interface DomSpan {
  match: SensitiveMatch;
  start: DomPosition;
  end: DomPosition;
}

/**
 * Map matches found in the concatenation of `textNodes`' data (in the given
 * order, no separators) back to DOM positions, for Range.setStart/setEnd.
 * A match spanning several nodes gets its start in one and its end in another.
 */
/**
 * The nodes' text as one string for findSensitive, and where each node starts in it. Nodes in the same
 * block run together ("订单号：" and its number may be two inline spans); between two blocks (`blockOf`
 * differs) goes a line break — joined bare, a message time "10:11:12" ran into the phone number of the
 * bubble below it (no match: a digit before it) and an e-mail's box reached back over ":12".
 */
export function joinTextNodes(nodes: readonly Text[], blockOf: (n: Text) => Element | null): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  let block: Element | null | undefined;
  for (const n of nodes) {
    const b = blockOf(n);
    if (block !== undefined && b !== block) text += '\n';
    block = b;
    starts.push(text.length);
    text += n.data;
  }
  return { text, starts };
}

/** `starts`: each node's offset in the searched text (joinTextNodes); the nodes' texts back to back when absent. */
export function rangesForMatches(textNodes: readonly Text[], matches: readonly SensitiveMatch[], given?: readonly number[]): DomSpan[] {
  const starts: number[] = [];
  let total = 0;
  for (const [i, n] of textNodes.entries()) {
    const at = given?.[i] ?? total;
    starts.push(at);
    total = at + n.data.length;
  }
  const locate = (offset: number, preferEnd: boolean): DomPosition | null => {
    // Binary search for the last node starting at or before offset (for an end, strictly before).
    let lo = 0, hi = textNodes.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid]!;
      if (preferEnd ? s < offset : s <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return null;
    const node = textNodes[found]!;
    const local = offset - starts[found]!;
    return local <= node.data.length ? { node, offset: local } : null;
  };
  const out: DomSpan[] = [];
  for (const match of matches) {
    if (match.start < 0 || match.end > total || match.end <= match.start) continue;
    const start = locate(match.start, false);
    const end = locate(match.end, true);
    if (start && end) out.push({ match, start, end });
  }
  return out;
}

/** Build DOM Ranges for the spans (content script: then range.getClientRects()). */
export function toRanges(doc: Document, spans: readonly DomSpan[]): Range[] {
  return spans.map((s) => {
    const r = doc.createRange();
    r.setStart(s.start.node, s.start.offset);
    r.setEnd(s.end.node, s.end.offset);
    return r;
  });
}
