/**
 * Times as seller chats show them → ISO-8601 with the marketplace's offset.
 *
 * Pages show wall-clock times without a zone: "2026-11-20 09:15:03",
 * "昨天 14:32", "Yesterday", "21:47" under a "20/11/2026" divider,
 * "Nov 20, 2026 9:15 AM". The adapter knows the zone the site displays in
 * (CN sites: UTC+8; Seller Central US: America/Los_Angeles, with DST), so the
 * ISO time is what the page meant, not what the agent's computer thinks.
 * Unparseable text gives null (the caller keeps timeText as shown).
 */
export interface Day {
  y: number;
  m: number;
  d: number;
}

export interface TimeZoneSpec {
  /** IANA zone ('Asia/Shanghai', 'America/Los_Angeles'); fixed offsets skip Intl entirely. */
  timeZone: string;
  /** Numeric day/month order for "20/11/2026" (true) vs "11/20/2026" (false). */
  dayFirst?: boolean;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// Zones without DST, by offset: Intl is slow (µs per call) and 2,000 messages must parse in milliseconds.
const FIXED: Record<string, number> = { 'Asia/Shanghai': 480, 'Asia/Hong_Kong': 480, 'Asia/Taipei': 480, 'Asia/Singapore': 480, 'Asia/Kuala_Lumpur': 480, 'Asia/Manila': 480, 'Asia/Bangkok': 420, 'Asia/Ho_Chi_Minh': 420, 'Asia/Jakarta': 420, 'Asia/Tokyo': 540, UTC: 0 };

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetAt(ms: number, timeZone: string): number {
  const fixed = FIXED[timeZone];
  if (fixed !== undefined) return fixed;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Offsets per zone and local day: a day whose midnight and end share an offset
// (every day but the two DST switches) needs one Intl call, not one per message.
const dayOffsets = new Map<string, number | null>();
// The last day asked, before the map: a conversation's messages come in order, and the map's key is a
// string joined per ask (~240 KB of a first read of 2,000 Seller Central messages).
let lastOffsetZone = '';
let lastOffsetDay = -1;
let lastOffset: number | null = null;

function offsetFor(day: Day, h: number, mi: number, timeZone: string): number {
  const fixed = FIXED[timeZone];
  if (fixed !== undefined) return fixed;
  const dayKey = day.y * 10_000 + day.m * 100 + day.d;
  let cached: number | null | undefined = timeZone === lastOffsetZone && dayKey === lastOffsetDay ? lastOffset : undefined;
  const key = cached === undefined ? `${timeZone}|${day.y}-${day.m}-${day.d}` : '';
  if (cached === undefined) cached = dayOffsets.get(key);
  if (cached === undefined) {
    const base = Date.UTC(day.y, day.m - 1, day.d);
    const a = offsetAt(base - offsetAt(base, timeZone) * 60_000, timeZone);
    const b = offsetAt(base + 86_399_000 - a * 60_000, timeZone);
    cached = a === b ? a : null;
    dayOffsets.set(key, cached);
  }
  lastOffsetZone = timeZone;
  lastOffsetDay = dayKey;
  lastOffset = cached;
  if (cached !== null) return cached;
  const guess = Date.UTC(day.y, day.m - 1, day.d, h, mi);
  const first = offsetAt(guess, timeZone);
  return offsetAt(guess - first * 60_000, timeZone);
}

// ISO times are built from a few cached pieces: a first read of 2,000 messages made ~560 KB of
// short-lived strings in this one function (a template of nine parts: a heap sample of Pinduoduo's
// first read). Now: the day's "2026-11-20T" (the last one kept: a conversation's messages come in
// order), "09:15" from a table of the day's 1,440 minutes, ":03" from one of 60, and the offset's
// "+08:00" per offset — three joins per message.
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad = (n: number) => PAD2[n] ?? String(n).padStart(2, '0');
const SECONDS = PAD2.slice(0, 60).map((ss) => `:${ss}`);
let minutes: string[] | null = null;
const offsets = new Map<number, string>();
let lastDay = -1;
let lastDayText = '';

export function zonedIso(day: Day, h: number, mi: number, s: number, timeZone: string): string {
  const off = offsetFor(day, h, mi, timeZone);
  let offText = offsets.get(off);
  if (offText === undefined) {
    const abs = Math.abs(off);
    offText = `${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    offsets.set(off, offText);
  }
  const key = day.y * 10_000 + day.m * 100 + day.d;
  if (key !== lastDay) {
    lastDay = key;
    lastDayText = `${day.y}-${pad(day.m)}-${pad(day.d)}T`;
  }
  minutes ??= Array.from({ length: 1440 }, (_, i) => `${PAD2[Math.floor(i / 60)]}:${PAD2[i % 60]}`);
  // Every caller checks h ≤ 23, mi ≤ 59, s ≤ 59; anything else is written out rather than misread.
  const clock = h <= 23 && mi <= 59 && s <= 59 ? minutes[h * 60 + mi]! + SECONDS[s]! : `${pad(h)}:${pad(mi)}:${pad(s)}`;
  return lastDayText + clock + offText;
}

/** The wall-clock day of an instant in a zone. */
export function dayIn(now: Date, timeZone: string): Day {
  const off = offsetAt(now.getTime(), timeZone);
  const d = new Date(now.getTime() + off * 60_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

// The day of `now`, kept for the read that passes one `now` for all its messages: a bare "09:15"
// needs it for every message of today, and each ask allocates a Date.
let todayAsked: { ms: number; timeZone: string; day: Day } | null = null;
function today(now: Date, timeZone: string): Day {
  const ms = now.getTime();
  if (todayAsked && todayAsked.ms === ms && todayAsked.timeZone === timeZone) return todayAsked.day;
  const day = dayIn(now, timeZone);
  todayAsked = { ms, timeZone, day };
  return day;
}

function shift(day: Day, days: number): Day {
  const d = new Date(Date.UTC(day.y, day.m - 1, day.d) + days * 86_400_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

function valid(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2100) return null;
  return { y, m, d };
}

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, today: 0, 昨天: -1, 昨日: -1, yesterday: -1, 前天: -2 };

const RE_YMD = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const RE_NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const RE_MONTH_NAME = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/i;
const RE_DAY_MONTH_NAME = /\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})/i;
const RE_MD = /(?:^|\s)(\d{1,2})[-月](\d{1,2})日?(?=\s|$)/;
const RE_REL = /(今天|今日|昨天|昨日|前天|today|yesterday)/i;
// Chinese writes the half of the day before the time (下午 3:05), English after it (3:05 PM).
const RE_TIME = /(上午|下午|凌晨|早上|中午|晚上)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?/i;

/**
 * The day a text names ("2026-11-20", "20/11/2026", "Nov 20, 2026", "昨天",
 * "Today", "11-20"), or null. `now` resolves relative days and missing years.
 */
export function parseShownDay(text: string, now: Date, zone: TimeZoneSpec): Day | null {
  let m = RE_YMD.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = RE_MONTH_NAME.exec(text);
  if (m) return valid(Number(m[3]), MONTHS[m[1]!.slice(0, 3).toLowerCase()] ?? 0, Number(m[2]));
  m = RE_DAY_MONTH_NAME.exec(text);
  if (m) return valid(Number(m[3]), MONTHS[m[2]!.slice(0, 3).toLowerCase()] ?? 0, Number(m[1]));
  m = RE_NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Unknown order: a first number above 12 can only be a day.
    const dayFirst = zone.dayFirst ?? (a > 12 && b <= 12);
    return dayFirst ? valid(Number(m[3]), b, a) : valid(Number(m[3]), a, b);
  }
  m = RE_REL.exec(text);
  if (m) return shift(today(now, zone.timeZone), RELATIVE[m[1]!.toLowerCase()] ?? 0);
  m = RE_MD.exec(text);
  if (m) {
    const now0 = today(now, zone.timeZone);
    const mo = Number(m[1]);
    const d = Number(m[2]);
    // "11-20" without a year: this year, unless that is still ahead (then last year's).
    const thisYear = mo < now0.m || (mo === now0.m && d <= now0.d);
    return valid(thisYear ? now0.y : now0.y - 1, mo, d);
  }
  return null;
}

// The shapes most chats print on every message ("2026-11-20 09:15[:03]", "09:15[:03]",
// "昨天 09:15[:03]", English backends' "Nov 20, 2026 9:15 AM") are read by a scanner: no regular
// expression, no match array, no substring (a heap sample of Pinduoduo's first read of 2,000 messages:
// ~600 KB of match arrays and field strings), and not the general path's time search and day search
// (up to seven regular expressions per message). Anything else — or a date the scanner finds invalid —
// takes the general path, so the result is the same (unit test: 32,000 generated texts, some mangled,
// against the general path). The shapes, as regular expressions:
//   ^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$
//   ^\s*(?:(今天|今日|昨天|昨日|前天)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$
//   ^\s*(Jan|…|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?\s*$   (any case)
// with "\s" narrowed to ASCII whitespace, NBSP and the ideographic space (a text with another
// space falls to the general path).

/** Where the scanner is in the text: one read at a time, so module state spares returning pairs. */
let at = 0;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
}

function skipSpaces(text: string): number {
  const from = at;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at - from;
}

/** A number of `min`–`max` ASCII digits at `at` (greedy), or -1. */
function digits(text: string, min: number, max: number): number {
  let n = 0;
  let k = 0;
  for (; k < max && at < text.length; k++, at++) {
    const c = text.charCodeAt(at) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return k >= min ? n : -1;
}

// 今天/今日 0, 昨天/昨日 -1, 前天 -2 (前日 is not one: the general path does not read it either).
function dayWord(text: string): number | null {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const days = a === 0x4eca ? 0 : a === 0x6628 ? -1 : a === 0x524d ? -2 : null;
  if (days === null || !(b === 0x5929 || (b === 0x65e5 && days !== -2))) return null;
  at += 2;
  return days;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Months by their first three letters, lower case, as one number (no string per ask). */
const MONTH_CODES = new Map(Object.entries(MONTHS).map(([name, m]) => [(name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2), m]));

/** A month word at `at` ("Nov", "november", "Sept."): its number, or 0; `at` after the word and its dot. */
function monthWord(text: string): number {
  const from = at;
  while (at < text.length && isLetter(text.charCodeAt(at))) at++;
  if (at - from < 3) return 0;
  const code = ((text.charCodeAt(from) | 32) << 16) | ((text.charCodeAt(from + 1) | 32) << 8) | (text.charCodeAt(from + 2) | 32);
  if (text.charCodeAt(at) === 46) at++;
  return MONTH_CODES.get(code) ?? 0;
}

/** "AM" / "PM" in any case at `at`: 1 / 2 (and `at` past it), or 0. */
function halfOfDay(text: string): number {
  const a = text.charCodeAt(at) | 32;
  if ((a !== 97 && a !== 112) || (text.charCodeAt(at + 1) | 32) !== 109) return 0;
  at += 2;
  return a === 97 ? 1 : 2;
}

function fastShownTime(text: string, now: Date, zone: TimeZoneSpec, dayHint: Day | null): string | null {
  at = 0;
  skipSpaces(text);
  let day: Day | null;
  let named = false;
  const first = text.charCodeAt(at);
  const start = at;
  const y = digits(text, 4, 4);
  const sep1 = text.charCodeAt(at);
  if (y >= 0 && (sep1 === 45 || sep1 === 47)) {
    at++;
    const m = digits(text, 1, 2);
    const sep2 = text.charCodeAt(at);
    if (m < 0 || !(sep2 === 45 || sep2 === 47)) return null;
    at++;
    const d = digits(text, 1, 2);
    if (d < 0 || skipSpaces(text) === 0) return null;
    day = valid(y, m, d);
    if (!day) return null;
  } else if (isLetter(first)) {
    at = start;
    const m = monthWord(text);
    if (!m || skipSpaces(text) === 0) return null;
    const d = digits(text, 1, 2);
    if (d < 0) return null;
    if (text.charCodeAt(at) === 44) at++;
    if (skipSpaces(text) === 0) return null;
    const yy = digits(text, 4, 4);
    if (yy < 0 || skipSpaces(text) === 0) return null;
    day = valid(yy, m, d);
    if (!day) return null;
    named = true;
  } else {
    at = start;
    const rel = first >= 48 && first <= 57 ? null : dayWord(text);
    if (rel !== null) skipSpaces(text);
    else if (!(first >= 48 && first <= 57)) return null;
    // A day word wins over the divider above, as on the general path.
    day = rel !== null ? shift(today(now, zone.timeZone), rel) : (dayHint ?? today(now, zone.timeZone));
  }
  let h = digits(text, 1, 2);
  if (h < 0 || text.charCodeAt(at) !== 58) return null;
  at++;
  const mi = digits(text, 2, 2);
  if (mi < 0) return null;
  let sec = 0;
  if (text.charCodeAt(at) === 58) {
    at++;
    sec = digits(text, 2, 2);
    if (sec < 0) return null;
  }
  skipSpaces(text);
  if (named) {
    // As the general path reads a meridiem: PM moves 1–12 into the afternoon, AM takes any hour modulo 12.
    const half = halfOfDay(text);
    if (half === 2 && h <= 12) h = (h % 12) + 12;
    else if (half === 1) h %= 12;
    skipSpaces(text);
  }
  if (at !== text.length || h > 23 || mi > 59 || sec > 59) return null;
  return zonedIso(day, h, mi, sec, zone.timeZone);
}

/**
 * ISO time for a shown time, or null. A bare "21:47" needs `dayHint` (the
 * divider above it); without one it means today in the site's zone.
 */
export function parseShownTime(text: string, now: Date, zone: TimeZoneSpec, dayHint: Day | null = null): string | null {
  const fast = fastShownTime(text, now, zone, dayHint);
  if (fast !== null) return fast;
  const t = RE_TIME.exec(text);
  if (!t) return null;
  let h = Number(t[2]);
  const mi = Number(t[3]);
  const s = t[4] ? Number(t[4]) : 0;
  const meridiem = (t[5] ?? t[1])?.toUpperCase();
  if (h <= 12 && (meridiem === 'PM' || meridiem === '下午' || meridiem === '晚上')) h = h % 12 + 12;
  else if (h <= 12 && meridiem === '中午') h = h < 11 ? h + 12 : h;
  else if (meridiem === 'AM' || meridiem === '上午' || meridiem === '凌晨' || meridiem === '早上') h = h % 12;
  if (h > 23 || mi > 59 || s > 59) return null;
  const day = parseShownDay(text, now, zone) ?? dayHint ?? today(now, zone.timeZone);
  return zonedIso(day, h, mi, s, zone.timeZone);
}
