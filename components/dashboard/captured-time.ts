/**
 * A record's capture time as the evidence detail shows it: the UI language's date and time with
 * seconds and the time zone ("Nov 24, 2026, 8:29:47 PM GMT+8"). The stored value is ISO with the
 * capturing computer's offset; the seller reading it, or a colleague on another zone's clock, must
 * not have to read "2026-11-24T12:29:47.132+00:00", nor guess which clock a bare time is on.
 */
import type { Lang } from '../../lib/schema';
import { HOUR_CYCLE } from '../../lib/i18n';

// One per language (and zone, for the tests): building a DateTimeFormat costs far more than a format (lib/i18n).
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatCapturedAt(lang: Lang, iso: string, timeZone?: string): string {
  const d = new Date(iso);
  // An old record's time that is no time ("yesterday") is shown as stored, never thrown on (as formatDateTime).
  if (Number.isNaN(d.getTime())) return iso;
  const key = `${lang} ${timeZone ?? ''}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'long', timeZone, ...HOUR_CYCLE[lang] })));
  return f.format(d);
}
