/**
 * Reply template engine: turns a reply body into the text an agent sends.
 *
 * Syntax (plain text; nothing in a reply is ever evaluated as code — the
 * parser is a hand-written scanner and values are spliced in as strings):
 *
 *   {buyer} {order} {product} {amount} {tracking} {carrier} {eta}
 *                         from the page (PageContext) or the agent's answers
 *   {shop} {agent} {signature} {promotion}
 *                         from Settings ({promotion} = Settings.promotion)
 *   {hours}               service hours with an explicit zone, e.g.
 *                         en "9:00–18:00 (UTC+8)", zh-CN "9:00–18:00（北京时间，UTC+8）"
 *   {date} {time}         "now" (injectable clock) in the SHOP's time zone, i.e.
 *                         Settings.hours.utcOffsetMinutes, so a reply never says
 *                         "today" in one zone and "hours" in another; the agent's
 *                         local zone is used only when no settings are given.
 *   {?label}              asks the agent for a value; the label is free text
 *                         ({?新价格}, {?refund date}); the same label asked twice
 *                         is asked once. Answers are keyed "?label".
 *   {cursor}              where the caret goes after insertion (first one wins).
 *   {{ and }}             literal braces.
 *   anything else in braces ({colour}, {a b}, a lone "{") stays literal text.
 *
 * Names are case-insensitive and have Chinese aliases ({买家}, {訂單號}, ...;
 * see VARIABLE_ALIASES).
 *
 * Required vs optional. `{name}` is REQUIRED: if it has no value it is reported
 * in `missing` (with a guess when one exists) and the caller must ask before
 * sending; `complete` says whether the text may go out. `{name?}` and
 * `{name?fallback}` are OPTIONAL and never block sending:
 *   - `{buyer?亲}` writes the fallback text ("亲") when there is no value.
 *   - `{buyer?}` (empty fallback) disappears together with what only made sense
 *     around it, by this fixed rule:
 *       1. an honorific written directly before it on the same line
 *          (亲爱的 / 親愛的 / 尊敬的 / Dear) goes with it;
 *       2. if nothing but blanks is left before it on its line, one separator
 *          right after it (， , 、 ： :) and the blanks after that go too;
 *          and if the whole line is then empty, the line goes (plus one blank
 *          line right after it, which only separated the greeting);
 *       3. otherwise, blanks before it go when it is followed by punctuation,
 *          a blank or the end of the line; and when it is followed by
 *          punctuation or the end of the line, a comma (， , 、 ： :) right
 *          before it goes as well ("Welcome back, {buyer?}!" → "Welcome back!").
 *     So "亲爱的{buyer?}，您好" → "您好", "Hi {buyer?}, thanks" → "Hi, thanks",
 *     "Dear {buyer?},\n\nThank you" → "Thank you". Write `{buyer?您}` where a
 *     word must stay ("感谢{buyer?您}的支持").
 * A masked buyer name ("景**", "t**8"; masked-name.ts) counts as no value here.
 * Optional variables without a value are still listed in `missing` with
 * optional: true, so a UI may offer to fill them.
 */
import type { Lang, PageContext, TemplateSettings, ServiceHours } from '../schema/index.ts';
import { isMaskedName } from './masked-name.ts';

export const CONTEXT_VARIABLES = ['buyer', 'order', 'product', 'amount', 'tracking', 'carrier', 'eta'] as const;
export const SETTINGS_VARIABLES = ['shop', 'agent', 'signature', 'promotion', 'hours'] as const;
export const CLOCK_VARIABLES = ['date', 'time'] as const;
export const VARIABLE_NAMES = [...CONTEXT_VARIABLES, ...SETTINGS_VARIABLES, ...CLOCK_VARIABLES] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

/** Chinese names sellers type naturally; both scripts. */
export const VARIABLE_ALIASES: Readonly<Record<string, VariableName | 'cursor'>> = {
  买家: 'buyer', 買家: 'buyer', 昵称: 'buyer', 暱稱: 'buyer',
  订单号: 'order', 訂單號: 'order', 订单: 'order', 訂單: 'order',
  商品: 'product', 宝贝: 'product', 寶貝: 'product',
  金额: 'amount', 金額: 'amount',
  运单号: 'tracking', 運單號: 'tracking', 快递单号: 'tracking', 快遞單號: 'tracking',
  快递: 'carrier', 快遞: 'carrier', 物流公司: 'carrier',
  预计送达: 'eta', 預計送達: 'eta',
  店铺: 'shop', 店鋪: 'shop', 店名: 'shop',
  客服: 'agent',
  签名: 'signature', 簽名: 'signature',
  活动: 'promotion', 活動: 'promotion',
  服务时间: 'hours', 服務時間: 'hours', 营业时间: 'hours', 營業時間: 'hours',
  日期: 'date',
  时间: 'time', 時間: 'time',
  光标: 'cursor', 游標: 'cursor', 光標: 'cursor',
};

const KNOWN = new Map<string, VariableName | 'cursor'>([
  ...VARIABLE_NAMES.map((n) => [n, n] as const),
  ['cursor', 'cursor'] as const,
  ...Object.entries(VARIABLE_ALIASES),
]);

/** Longest label/fallback we accept inside braces; longer braces are ordinary text. */
const MAX_INNER = 80;

export type TemplateToken =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'var'; name: VariableName; optional: boolean; fallback: string; start: number; end: number }
  | { kind: 'ask'; label: string; start: number; end: number }
  | { kind: 'cursor'; start: number; end: number };

function resolveName(raw: string): VariableName | 'cursor' | undefined {
  const t = raw.trim();
  return KNOWN.get(t) ?? KNOWN.get(t.toLowerCase());
}

/** Reads one `{...}` starting at `open`; null when it is not a template token (then it is text). */
function readBrace(body: string, open: number): { token: Exclude<TemplateToken, { kind: 'text' }>; end: number } | null {
  const limit = Math.min(body.length, open + 2 + MAX_INNER);
  let close = -1;
  for (let j = open + 1; j < limit; j++) {
    const c = body[j];
    if (c === '}') {
      close = j;
      break;
    }
    if (c === '{' || c === '\n' || c === '\r') return null;
  }
  if (close < 0) return null;
  const inner = body.slice(open + 1, close);
  const end = close + 1;
  if (inner.startsWith('?')) {
    const label = inner.slice(1).trim();
    if (!label) return null;
    return { token: { kind: 'ask', label, start: open, end }, end };
  }
  const q = inner.indexOf('?');
  const rawName = q < 0 ? inner : inner.slice(0, q);
  const name = resolveName(rawName);
  if (!name) return null;
  if (name === 'cursor') return q < 0 ? { token: { kind: 'cursor', start: open, end }, end } : null;
  return {
    token: { kind: 'var', name, optional: q >= 0, fallback: q < 0 ? '' : inner.slice(q + 1), start: open, end },
    end,
  };
}

/** Splits a body into text and tokens. Linear time, no regular expressions over the body. */
export function parseTemplate(body: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let text = '';
  let textStart = 0;
  const flush = (at: number) => {
    if (text) tokens.push({ kind: 'text', text, start: textStart, end: at });
    text = '';
    textStart = at;
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      text += c;
      i += 2;
      continue;
    }
    if (c === '{') {
      const hit = readBrace(body, i);
      if (hit) {
        flush(i);
        tokens.push(hit.token);
        i = hit.end;
        textStart = i;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush(body.length);
  return tokens;
}

export interface TemplateNeed {
  /** The key to use in RenderOptions.answers: the variable name, or "?label" for an ask. */
  key: string;
  kind: 'var' | 'ask';
  /** Variable name (kind 'var') or the label (kind 'ask'). */
  name: string;
  /** True when every occurrence is optional (asks are always required). */
  optional: boolean;
}

/** The variables and asks a body uses, each once, in order of first appearance. */
export function listVariables(body: string): TemplateNeed[] {
  const seen = new Map<string, TemplateNeed>();
  for (const t of parseTemplate(body)) {
    if (t.kind === 'var') {
      const prev = seen.get(t.name);
      if (prev) prev.optional = prev.optional && t.optional;
      else seen.set(t.name, { key: t.name, kind: 'var', name: t.name, optional: t.optional });
    } else if (t.kind === 'ask') {
      const key = `?${t.label}`;
      if (!seen.has(key)) seen.set(key, { key, kind: 'ask', name: t.label, optional: false });
    }
  }
  return [...seen.values()];
}

/** Something in a body that looks meant as a variable but is none: sent to the buyer as written. */
export interface SuspectPlaceholder {
  /** As written: "{odrer}", or "{order" when the brace was never closed. */
  text: string;
  start: number;
  /** The variable it most likely meant ("{order}"), or null. */
  suggestion: string | null;
}

const WORD = /^[A-Za-z\u3400-\u9fff]+/;

/** Edit distance with swapped neighbours as one slip ("odrer" → "order": 1), names are short. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function nearestName(word: string): string | null {
  const w = word.toLowerCase();
  if (KNOWN.has(w) || KNOWN.has(word)) return word;
  // One slip in a short name, two in a longer one; Chinese aliases only when exactly one character is off.
  const max = /^[a-z]+$/.test(w) ? (w.length >= 6 ? 2 : w.length >= 3 ? 1 : 0) : 1;
  let best: string | null = null;
  let bestD = max + 1;
  for (const name of KNOWN.keys()) {
    const d = distance(w, name, max);
    if (d < bestD) [best, bestD] = [name, d];
  }
  return best;
}

/**
 * Braces a seller most likely meant as a variable but that Xiaoer will send as written: an
 * unknown single word in braces ({odrer}, {colour}) and a known name whose brace was never closed
 * ("{order "). Literal braces written as {{ }} and everything parseTemplate reads as a token are
 * left alone. For the reply editor's warning — the text is still saved as the seller wants it.
 */
export function suspectPlaceholders(body: string): SuspectPlaceholder[] {
  const out: SuspectPlaceholder[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      i += 2;
      continue;
    }
    if (c !== '{') {
      i++;
      continue;
    }
    const hit = readBrace(body, i);
    if (hit) {
      i = hit.end;
      continue;
    }
    const word = WORD.exec(body.slice(i + 1, i + 1 + MAX_INNER))?.[0];
    if (word && body[i + 1 + word.length] === '}') {
      const near = nearestName(word);
      out.push({ text: `{${word}}`, start: i, suggestion: near ? `{${near}}` : null });
      i += word.length + 2;
      continue;
    }
    if (word && resolveName(word)) {
      out.push({ text: `{${word}`, start: i, suggestion: `{${word}}` });
      i += word.length + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** True when the body places the caret. */
export function hasCursor(body: string): boolean {
  return parseTemplate(body).some((t) => t.kind === 'cursor');
}

/** Plain text of a body with every token removed (optional fallbacks kept): what search indexes. */
export function templateSearchText(body: string): string {
  let out = '';
  for (const t of parseTemplate(body)) {
    if (t.kind === 'text') out += t.text;
    else if (t.kind === 'var' && t.fallback) out += t.fallback;
    else out += ' ';
  }
  return out;
}

// ---------------------------------------------------------------- formatting

function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

function shortClock(hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  return `${Number(h)}:${m}`;
}

/** Service hours in their own stated zone; never "24/7" (domain §1). */
export function formatHours(hours: ServiceHours, lang: Lang): string {
  const start = shortClock(hours.start);
  const end = shortClock(hours.end);
  const overnight = hours.end <= hours.start;
  const zone = zoneName(hours.utcOffsetMinutes);
  if (lang === 'en') return `${start}–${end}${overnight ? ' (next day)' : ''} (${zone})`;
  const span = `${start}–${overnight ? '次日' : ''}${end}`;
  if (lang === 'zh-CN' && hours.utcOffsetMinutes === 480) return `${span}（北京时间，UTC+8）`;
  return `${span}（${zone}）`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock fields of `now` in a fixed offset, or in the local zone when offset is null. */
function wallClock(now: number, offset: number | null) {
  const d = offset === null ? new Date(now) : new Date(now + offset * 60_000);
  const utc = offset !== null;
  return {
    y: utc ? d.getUTCFullYear() : d.getFullYear(),
    mo: utc ? d.getUTCMonth() : d.getMonth(),
    d: utc ? d.getUTCDate() : d.getDate(),
    h: utc ? d.getUTCHours() : d.getHours(),
    mi: utc ? d.getUTCMinutes() : d.getMinutes(),
    offset: offset ?? -new Date(now).getTimezoneOffset(),
  };
}

export function formatDate(now: number, offset: number | null, lang: Lang): string {
  const w = wallClock(now, offset);
  if (lang === 'en') return `${w.d} ${MONTHS_EN[w.mo]} ${w.y}`;
  return `${w.y}年${w.mo + 1}月${w.d}日`;
}

export function formatTime(now: number, offset: number | null, lang: Lang): string {
  const w = wallClock(now, offset);
  const clock = `${w.h}:${String(w.mi).padStart(2, '0')}`;
  if (lang === 'en') return `${clock} (${zoneName(w.offset)})`;
  if (lang === 'zh-CN' && w.offset === 480) return `${clock}（北京时间）`;
  return `${clock}（${zoneName(w.offset)}）`;
}

/** Couriers recognisable from a tracking number's shape: a guess for {carrier}, never a value. */
const CARRIER_PATTERNS: Array<{ re: RegExp; name: Record<Lang, string> }> = [
  { re: /^SF\d{12,15}$/i, name: { 'zh-CN': '顺丰速运', 'zh-TW': '順豐速運', en: 'SF Express' } },
  { re: /^JD[A-Z0-9]{10,16}$/i, name: { 'zh-CN': '京东物流', 'zh-TW': '京東物流', en: 'JD Logistics' } },
  { re: /^YT\d{11,15}$/i, name: { 'zh-CN': '圆通速递', 'zh-TW': '圓通速遞', en: 'YTO Express' } },
  { re: /^JT\d{11,15}$/i, name: { 'zh-CN': '极兔速递', 'zh-TW': '極兔速遞', en: 'J&T Express' } },
  { re: /^1Z[0-9A-Z]{16}$/i, name: { 'zh-CN': 'UPS', 'zh-TW': 'UPS', en: 'UPS' } },
  { re: /^[A-Z]{2}\d{9}CN$/i, name: { 'zh-CN': '中国邮政', 'zh-TW': '中國郵政', en: 'China Post' } },
];

export function guessCarrier(tracking: string | null | undefined, lang: Lang): string | null {
  const t = tracking?.trim();
  if (!t) return null;
  for (const p of CARRIER_PATTERNS) if (p.re.test(t)) return p.name[lang];
  return null;
}

export const VARIABLE_LABELS: Record<Lang, Record<VariableName, string>> = {
  'zh-CN': {
    buyer: '买家称呼', order: '订单号', product: '商品', amount: '金额', tracking: '运单号', carrier: '快递公司',
    eta: '预计送达', shop: '店铺名', agent: '客服名', signature: '签名', promotion: '当前活动', hours: '服务时间',
    date: '日期', time: '时间',
  },
  'zh-TW': {
    buyer: '買家稱呼', order: '訂單編號', product: '商品', amount: '金額', tracking: '運單號碼', carrier: '物流公司',
    eta: '預計送達', shop: '店鋪名稱', agent: '客服名稱', signature: '簽名', promotion: '目前活動', hours: '服務時間',
    date: '日期', time: '時間',
  },
  en: {
    buyer: 'Buyer name', order: 'Order number', product: 'Product', amount: 'Amount', tracking: 'Tracking number',
    carrier: 'Courier', eta: 'Expected delivery', shop: 'Shop name', agent: 'Agent name', signature: 'Signature',
    promotion: 'Current promotion', hours: 'Service hours', date: 'Date', time: 'Time',
  },
};

// ---------------------------------------------------------------- rendering

export interface RenderOptions {
  /** Reply language: picks how {hours}, {date}, {time} and carrier guesses are written. */
  lang: Lang;
  context?: PageContext | null;
  /** The full Settings record fits too; only these fields are read. */
  settings?: TemplateSettings | null;
  /** Values the agent typed: variable name → value, "?label" → value. They win over the page. */
  answers?: Readonly<Record<string, string>>;
  /** Prefills the caller already knows (e.g. the last answer to "?新价格"), keyed like answers. */
  guesses?: Readonly<Record<string, string>>;
  /** Clock; defaults to Date.now(). */
  now?: Date | number;
  /** Language of the labels in `missing` (the agent's UI); defaults to `lang`. */
  uiLang?: Lang;
}

export interface MissingValue {
  /** Key to answer under (variable name or "?label"). */
  name: string;
  kind: 'var' | 'ask';
  /** What to show the agent. */
  label: string;
  optional: boolean;
  guess: string | null;
}

export interface RenderResult {
  text: string;
  /** Caret offset in `text` (UTF-16 code units), or null when the body has no {cursor}. */
  cursor: number | null;
  missing: MissingValue[];
  /** False while any required value is missing: the text must not be sent then. */
  complete: boolean;
  /**
   * Where each required value still missing would go in `text` (offset, and its `missing` name), in order: a
   * preview shows the label there ("welcome to [Shop name]!"), not the gap ("welcome to !").
   */
  gaps: { at: number; name: string }[];
}

function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t ? t : null;
}

/** Chinese characters in the text (CJK unified ideographs and extension A): whose script a settings text or a quote is in. */
export const hasHan = (text: string): boolean => /[\u3400-\u9fff]/.test(text);

/**
 * The shop and agent names that sign a reply in `lang`. English: the English names from Settings, else
 * the main names when written without Chinese characters ("Sunny Store"), else none — the sign-off then
 * says "our team" / "Customer Service" rather than a name the buyer cannot read. Chinese replies: the
 * main names, as before.
 */
export function replyNames(s: { shopName: string; agentName: string; shopNameEn?: string; agentNameEn?: string }, lang: Lang): { shopName: string; agentName: string } {
  if (lang !== 'en') return { shopName: s.shopName.trim(), agentName: s.agentName.trim() };
  const pick = (en: string | undefined, main: string) => en?.trim() || (hasHan(main) ? '' : main.trim());
  return { shopName: pick(s.shopNameEn, s.shopName), agentName: pick(s.agentNameEn, s.agentName) };
}

/**
 * Where names the agent typed into a reply's form are kept ("Keep for every reply"): typed for an English reply
 * while the name kept is Chinese ("小二家居"), it is the English name, and the Chinese one stays for Chinese replies;
 * otherwise (a new install, a Latin name) it is the name.
 */
export function keptNames(
  s: { shopName: string; agentName: string },
  typed: { shopName?: string; agentName?: string },
  lang: Lang | undefined,
): { shopName?: string; agentName?: string; shopNameEn?: string; agentNameEn?: string } {
  const out: { shopName?: string; agentName?: string; shopNameEn?: string; agentNameEn?: string } = {};
  for (const [main, en] of [['shopName', 'shopNameEn'], ['agentName', 'agentNameEn']] as const) {
    const value = typed[main]?.trim();
    if (value) out[lang === 'en' && hasHan(s[main]) ? en : main] = value;
  }
  return out;
}

/**
 * Whether a settings text goes into a reply in `lang`. Settings hold one signature and one promotion,
 * in whatever language the seller wrote them: a Chinese one ends an English reply with lines the buyer
 * cannot read, so it stays out of English replies. A Latin signature stays under a Chinese reply (brand
 * names, "Service hours 9:00–18:00" read fine there); a promotion only in Latin letters does not (it is
 * sentences to read, not a name). Review drafts follow it; canned replies only leave Chinese out of
 * English (variableValue). Dashboard → Settings says so under each field.
 */
export function settingsTextFits(kind: 'signature' | 'promotion', text: string, lang: Lang): boolean {
  if (lang === 'en') return !hasHan(text);
  return kind === 'signature' || hasHan(text) || !/[A-Za-z]/.test(text);
}

/**
 * The seller's own settings texts (signature, promotion) may name {shop} {agent} {hours} {date} {time}
 * (or their Chinese names, 店铺 / 客服 / 服务时间 …): filled here, once — a signature written as
 * "{shop} 客服 {agent}" was inserted with its braces. Any other {…} stays as written (a {signature}
 * inside the signature does not recurse); {hours} without service hours known stays too.
 */
export function fillSettingsText(text: string, settings: { shopName: string; agentName: string; shopNameEn?: string; agentNameEn?: string; hours?: ServiceHours } | null, lang: Lang, now = Date.now()): string {
  // The names as this reply's language signs them (a signature "{shop} 客服 {agent}" under an English reply).
  const s = settings ? { ...settings, ...replyNames(settings, lang) } : null;
  return text
    .replace(/\{([^{}]{1,20})\}/g, (whole, raw: string) => {
      const name = VARIABLE_ALIASES[raw.trim()] ?? raw.trim();
      switch (name) {
        case 'shop': return s?.shopName.trim() ?? whole;
        case 'agent': return s?.agentName.trim() ?? whole;
        case 'hours': return s?.hours ? formatHours(s.hours, lang) : whole;
        case 'date': return formatDate(now, s?.hours?.utcOffsetMinutes ?? null, lang);
        case 'time': return formatTime(now, s?.hours?.utcOffsetMinutes ?? null, lang);
        default: return whole;
      }
    })
    .trim();
}

/**
 * The signature or promotion as it goes into this reply, split where a name it uses ({shop}, {agent}) is blank:
 * there the name is asked for like a {shop} in the body (a name typed in the form fills it). Filled with nothing, a
 * signature "—{shop} 客服{agent}" went out as "— 客服小美" in every reply, and nothing said the shop name was blank.
 * null: no such text for this reply.
 */
function settingsTextPieces(kind: 'signature' | 'promotion', o: RenderOptions, now: number): ({ text: string } | { gap: 'shop' | 'agent' })[] | null {
  const s = o.settings;
  if (!s) return null;
  const raw = kind === 'signature' ? s.signature : s.promotion;
  // Stand-ins for a blank name, from the top of the private use area: none of them in the seller's text.
  const free: string[] = [];
  for (let cp = 0xf8ff; free.length < 2; cp--) if (!raw.includes(String.fromCharCode(cp))) free.push(String.fromCharCode(cp));
  const [shopMark, agentMark] = free as [string, string];
  const names = replyNames(s, o.lang);
  const shop = clean(o.answers?.shop) ?? clean(names.shopName) ?? shopMark;
  const agent = clean(o.answers?.agent) ?? clean(names.agentName) ?? agentMark;
  // Given as both the main and the English name: replyNames in fillSettingsText picks this reply's one.
  const text = clean(fillSettingsText(raw, { ...s, shopName: shop, shopNameEn: shop, agentName: agent, agentNameEn: agent }, o.lang, now));
  // A Chinese signature or promotion in an English reply: as if none were set ({signature?} drops it,
  // a required one is asked for). Only that way round here: the agent sees a canned reply in the chat
  // box before sending it, and a Latin promotion ("10% off over $50") reads in a Chinese chat.
  if (!text || (o.lang === 'en' && hasHan(text))) return null;
  const pieces: ({ text: string } | { gap: 'shop' | 'agent' })[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const gap = text[i] === shopMark ? 'shop' : text[i] === agentMark ? 'agent' : null;
    if (!gap) continue;
    if (i > from) pieces.push({ text: text.slice(from, i) });
    pieces.push({ gap });
    from = i + 1;
  }
  if (from < text.length) pieces.push({ text: text.slice(from) });
  return pieces;
}

/** The names a signature or promotion uses ({shop}, {agent} or their Chinese names), each once, in order. */
export function settingsTextNames(text: string): ('shop' | 'agent')[] {
  const found = new Set<'shop' | 'agent'>();
  for (const m of text.matchAll(/\{([^{}]{1,20})\}/g)) {
    const name = VARIABLE_ALIASES[m[1]!.trim()] ?? m[1]!.trim();
    if (name === 'shop' || name === 'agent') found.add(name);
  }
  return [...found];
}

function variableValue(name: VariableName, o: RenderOptions, now: number): string | null {
  const c = o.context;
  const s = o.settings;
  switch (name) {
    // "景**" is the marketplace hiding the name, not a name to greet the buyer with: as if none were shown.
    case 'buyer': return isMaskedName(c?.buyer.name) ? null : clean(c?.buyer.name);
    case 'order': return clean(c?.order.number);
    case 'product': return clean(c?.order.product);
    case 'amount': return clean(c?.order.amount);
    case 'tracking': return clean(c?.tracking.number);
    case 'carrier': return clean(c?.tracking.carrier);
    case 'eta': return clean(c?.tracking.eta);
    // An English reply takes the English names (or the main ones when they have no Chinese): "Welcome to 小二家居"
    // went to buyers who cannot read it. None fitting, the value is missing and the agent is asked for it.
    case 'shop': return clean(s ? replyNames(s, o.lang).shopName : null);
    case 'agent': return clean(s ? replyNames(s, o.lang).agentName : null);
    case 'signature':
    case 'promotion': {
      const pieces = settingsTextPieces(name, o, now);
      return pieces && pieces.every((p) => 'text' in p) ? pieces.map((p) => ('text' in p ? p.text : '')).join('') : null;
    }
    case 'hours': return s ? formatHours(s.hours, o.lang) : null;
    case 'date': return formatDate(now, s ? s.hours.utcOffsetMinutes : null, o.lang);
    case 'time': return formatTime(now, s ? s.hours.utcOffsetMinutes : null, o.lang);
  }
}

function variableGuess(name: VariableName, o: RenderOptions): string | null {
  const given = clean(o.guesses?.[name]);
  if (given && !(name === 'buyer' && isMaskedName(given))) return given;
  if (name === 'buyer') {
    // An account name ("tb80317542") may stand in for a nickname; a bare number (Pinduoduo's uid
    // 6840347447, shown when the nickname is masked) is no way to greet anybody.
    const id = clean(o.context?.buyer.id);
    return id && !isMaskedName(id) && !/^\d+$/.test(id) ? id : null;
  }
  if (name === 'carrier') return guessCarrier(o.context?.tracking.number, o.lang);
  return null;
}

const BLANKS = new Set([' ', '\t', '\u3000', '\u00a0']);
const SEPARATORS = new Set(['，', ',', '、', '：', ':']);
const FOLLOWING_PUNCT = new Set([...',.!?;:，。！？；：、)）】」』~～…'.split('')]);
const HONORIFICS = ['亲爱的', '親愛的', '尊敬的', 'dear'];

/** Two private-use characters that appear nowhere in the input, used as in-band markers. */
function pickMarkers(all: string): [string, string, string] {
  const found: string[] = [];
  for (let cp = 0xe000; cp <= 0xf8ff && found.length < 3; cp++) {
    const ch = String.fromCharCode(cp);
    if (!all.includes(ch)) found.push(ch);
  }
  return [found[0]!, found[1]!, found[2]!];
}

function isLatinLetter(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z]/.test(c);
}

/** Applies the optional-drop rule (see header) to the marker at `p`. */
function dropAt(s: string, p: number, cursorMark: string): string {
  const isBlankish = (c: string | undefined) => c !== undefined && (BLANKS.has(c) || c === cursorMark);
  const lineStart = s.lastIndexOf('\n', p - 1) + 1;
  let cutStart = p;
  let cutEnd = p + 1;

  let k = p;
  while (k > lineStart && BLANKS.has(s[k - 1]!)) k--;
  for (const h of HONORIFICS) {
    const from = k - h.length;
    if (from < lineStart) continue;
    if (s.slice(from, k).toLowerCase() !== h) continue;
    if (isLatinLetter(h[0]) && isLatinLetter(s[from - 1])) continue;
    cutStart = from;
    break;
  }

  let atLineStart = true;
  for (let j = lineStart; j < cutStart; j++) if (!isBlankish(s[j])) { atLineStart = false; break; }

  if (atLineStart) {
    if (SEPARATORS.has(s[cutEnd] ?? '')) cutEnd++;
    while (cutEnd < s.length && BLANKS.has(s[cutEnd]!)) cutEnd++;
    let lineEnd = s.indexOf('\n', cutEnd);
    if (lineEnd < 0) lineEnd = s.length;
    let restBlank = true;
    for (let j = cutEnd; j < lineEnd; j++) if (!isBlankish(s[j])) { restBlank = false; break; }
    if (restBlank) {
      // The line held nothing but the dropped greeting: remove it, and the blank line that followed it.
      cutStart = lineStart;
      cutEnd = lineEnd < s.length ? lineEnd + 1 : lineEnd;
      if (lineEnd < s.length) {
        let next = cutEnd;
        while (next < s.length && isBlankish(s[next])) next++;
        if (s[next] === '\n') cutEnd = next + 1;
      }
    }
  } else {
    const next = s[cutEnd];
    const endsClause = next === undefined || next === '\n' || next === '\r' || FOLLOWING_PUNCT.has(next);
    if (endsClause || BLANKS.has(next)) {
      while (cutStart > lineStart && BLANKS.has(s[cutStart - 1]!)) cutStart--;
      // "Welcome back, {buyer?}!" → "Welcome back!": a comma that only introduced the name goes too.
      if (endsClause && cutStart > lineStart && SEPARATORS.has(s[cutStart - 1]!)) cutStart--;
    }
  }
  const removed = s.slice(cutStart, cutEnd);
  const keep = removed.includes(cursorMark) ? cursorMark : '';
  return s.slice(0, cutStart) + keep + s.slice(cutEnd);
}

/**
 * Renders a body. Never throws on any input; values are inserted verbatim and
 * not re-parsed (a buyer called "{order}" stays "{order}").
 */
export function renderTemplate(body: string, options: RenderOptions): RenderResult {
  const tokens = parseTemplate(body);
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const uiLang = options.uiLang ?? options.lang;
  const answers = options.answers ?? {};

  const missing = new Map<string, MissingValue>();
  type Piece = { text: string } | { drop: true } | { cursor: true } | { gap: string };
  const pieces: Piece[] = [];
  let cursorSeen = false;

  for (const t of tokens) {
    if (t.kind === 'text') {
      pieces.push({ text: t.text });
    } else if (t.kind === 'cursor') {
      if (!cursorSeen) pieces.push({ cursor: true });
      cursorSeen = true;
    } else if (t.kind === 'ask') {
      const key = `?${t.label}`;
      const v = clean(answers[key]);
      if (v !== null) pieces.push({ text: v });
      else {
        if (!missing.has(key)) missing.set(key, { name: key, kind: 'ask', label: t.label, optional: false, guess: clean(options.guesses?.[key]) });
        pieces.push({ gap: key });
      }
    } else {
      // A signature or promotion that uses a blank shop or agent name: in it goes, with that name asked for (required:
      // the text is there, only the name is not) where it stands.
      const own = clean(answers[t.name]);
      const settingsText = own === null && (t.name === 'signature' || t.name === 'promotion') ? settingsTextPieces(t.name, options, now) : null;
      if (settingsText) {
        for (const p of settingsText) {
          if ('text' in p) {
            pieces.push(p);
            continue;
          }
          const prev = missing.get(p.gap);
          if (prev) prev.optional = false;
          else missing.set(p.gap, { name: p.gap, kind: 'var', label: VARIABLE_LABELS[uiLang][p.gap], optional: false, guess: variableGuess(p.gap, options) });
          pieces.push({ gap: p.gap });
        }
        continue;
      }
      const v = own ?? variableValue(t.name, options, now);
      if (v !== null) {
        pieces.push({ text: v });
        continue;
      }
      const prev = missing.get(t.name);
      if (prev) prev.optional = prev.optional && t.optional;
      else {
        missing.set(t.name, {
          name: t.name, kind: 'var', label: VARIABLE_LABELS[uiLang][t.name], optional: t.optional, guess: variableGuess(t.name, options),
        });
      }
      pieces.push(t.optional ? (t.fallback ? { text: t.fallback } : { drop: true }) : { gap: t.name });
    }
  }

  const plain = pieces.map((p) => ('text' in p ? p.text : '')).join('');
  const [dropMark, cursorMark, gapMark] = pickMarkers(plain);
  const gapNames = pieces.flatMap((p) => ('gap' in p ? [p.gap] : []));
  let s = pieces.map((p) => ('text' in p ? p.text : 'drop' in p ? dropMark : 'gap' in p ? gapMark : cursorMark)).join('');
  // A gap stands where its value will be: an optional dropped beside it is judged as it will be once filled.
  for (let p = s.indexOf(dropMark); p >= 0; p = s.indexOf(dropMark)) s = dropAt(s, p, cursorMark);

  let text = '';
  let cursor: number | null = null;
  const gaps: RenderResult['gaps'] = [];
  for (const ch of s) {
    if (ch === cursorMark) cursor = text.length;
    else if (ch === gapMark) gaps.push({ at: text.length, name: gapNames[gaps.length]! });
    else text += ch;
  }
  const list = [...missing.values()];
  return { text, cursor, missing: list, complete: list.every((m) => m.optional), gaps };
}
