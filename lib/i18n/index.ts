/**
 * UI strings in zh-CN, zh-TW and en, switchable in settings without
 * reinstalling (browser.i18n is fixed to the browser's language, so the UI uses
 * these tables; only the manifest's own strings come from public/_locales).
 *
 * One file per feature; register it in FEATURES. Keys are typed from the
 * English table; test/unit/foundation/i18n.test.ts fails when any language
 * lacks a key or a placeholder.
 */
import type { Evidence, Lang, Sender } from '../schema';
import { common } from './common';
import { firstFrame } from './first-frame';
import { evidence } from './evidence';
import { reviews } from './reviews';
import { dashboard } from './dashboard';
import { sites } from './sites';
import { refusals } from './refusals';
import { teamLibrary } from './team-library';

const FEATURES = [firstFrame, common, evidence, reviews, dashboard, sites, refusals, teamLibrary] as const;

type Merge<T extends readonly { en: Record<string, string> }[]> = T extends readonly [infer H extends { en: Record<string, string> }, ...infer R extends readonly { en: Record<string, string> }[]]
  ? H['en'] & Merge<R>
  : unknown;

type English = Merge<typeof FEATURES>;
export type MessageKey = keyof English & string;

function merged(lang: Lang): Record<MessageKey, string> {
  return Object.assign({}, ...FEATURES.map((f) => f[lang])) as Record<MessageKey, string>;
}

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en: merged('en'), 'zh-CN': merged('zh-CN'), 'zh-TW': merged('zh-TW') };
/** Per-feature tables, for the completeness test. */
export const FEATURE_TABLES: readonly { en: Record<string, string>; 'zh-CN': Record<string, string>; 'zh-TW': Record<string, string> }[] = FEATURES;

/** An evidence record's kind as the UI names it (the record keeps the code). */
export const EVIDENCE_KIND_KEY: Record<Evidence['kind'], MessageKey> = {
  chat: 'evKindChat',
  words: 'evKindWords',
  screenshot: 'evKindScreenshot',
  snapshot: 'evKindSnapshot',
  review: 'evKindReview',
};

/** Who wrote a captured message, as the UI names them (the record keeps the code: "[buyer]" showed in Chinese). */
export const SENDER_KEY: Record<Sender, MessageKey> = {
  buyer: 'evSenderBuyer',
  seller: 'evSenderSeller',
  system: 'evSenderSystem',
};

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

/**
 * Sentences shown side by side: a space after an English full stop, none after Chinese full-width
 * punctuation — "此檔案不是小二備份。 未做任何變更。" read with a stray gap in the middle.
 */
export function sentences(lang: Lang, ...parts: string[]): string {
  return parts.filter(Boolean).join(lang === 'en' ? ' ' : '');
}

/**
 * The clock each UI language's times are written on. zh-TW on the 24-hour clock: CLDR's Traditional Chinese
 * writes a 12-hour time with the day's period in words ("2026年3月1日 清晨7:48", "晚上11:05"), which read oddly
 * to sellers in Taiwan, and a record's time in a dispute must be read at a glance (→ "2026/3/1 07:48", as seller
 * centres list order times). zh-CN is on it already; English keeps AM/PM.
 */
export const HOUR_CYCLE: Record<Lang, Pick<Intl.DateTimeFormatOptions, 'hourCycle'>> = { en: {}, 'zh-CN': {}, 'zh-TW': { hourCycle: 'h23' } };

// One formatter per language, made on first use: building a DateTimeFormat costs 0.1–0.4 ms here
// (the format itself ~10 µs), and lists call this per row — 25 rows of the dashboard's Evidence
// list took 2.7–10.5 ms to format with a new one each, 0.1–0.3 ms with one (Chromium 156).
const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * A date and time as the seller's UI language writes it (medium date, short time). A value that
 * is no time ("yesterday" in an old record) is shown as given: Intl's format threw "Invalid time
 * value" on it, and one such record blanked the whole dashboard view listing it.
 */
export function formatDateTime(lang: Lang, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : String(iso);
  let format = dateTimeFormats.get(lang);
  if (!format) dateTimeFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', ...HOUR_CYCLE[lang] })));
  return format.format(d);
}
