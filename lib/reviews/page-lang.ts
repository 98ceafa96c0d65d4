/**
 * The language a review page declares for its reviews: the hint for a review with no words (stars
 * only, "👍👍👍") when the page's other reviews do not say either — a page of wordless reviews, or
 * a first page of them. Before this the hint fell straight to the seller's reply-language setting,
 * which follows the browser's locale: an English-locale browser on a zh-TW review page answered
 * stars-only reviews in English though the page said `<html lang="zh-TW">`.
 *
 * The nearest `lang` around the review rows wins over `<html lang>` (a backend that embeds a
 * marketplace's review list in its own-language shell marks the list); Element.closest reaches
 * `<html>` too, so one lookup covers both.
 */
import type { Lang } from '../schema/index.ts';
import { dominantLang, normalizeText } from './normalize.ts';

/**
 * A BCP 47 tag as one of the reply languages, or null when it is none of them ("th", "ms", "")
 * and the next source must decide. Traditional for Taiwan, Hong Kong, Macau and zh-Hant.
 */
export function langOfTag(tag: string | null | undefined): Lang | null {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!t) return null;
  if (/^zh-(?:tw|hk|mo)\b|^zh-hant\b/.test(t)) return 'zh-TW';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The language most review rows' nearest `lang` names (the `<html lang>` when nothing nearer does), or null. */
export function declaredReviewLang(rows: readonly Element[]): Lang | null {
  const count = new Map<Lang, number>();
  for (const row of rows) {
    const lang = langOfTag(row.closest('[lang]')?.getAttribute('lang'));
    if (lang) count.set(lang, (count.get(lang) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * The language for a page's wordless reviews — and for Chinese written only in characters both
 * scripts share ("很好", "物流很快"), which this decides too (detectLang's hint): the one its other
 * reviews are written in, else the one the page declares, else the seller's reply-language setting.
 *
 * Text the scripts share counts as simplified in dominantLang (it cannot be told from simplified), so
 * on a Taiwan page of short reviews it outvoted the traditional ones and every such buyer was
 * answered in mainland wording ("亲，…"). Chinese that reads as simplified is taken as traditional
 * when the page declares zh-TW, or — declaring no Chinese — shows traditional reviews to a seller
 * who replies in zh-TW.
 */
export function wordlessReviewLang(texts: readonly string[], declared: Lang | null | undefined, setting: Lang): Lang {
  const dominant = dominantLang(texts);
  if (dominant === 'zh-CN') {
    if (declared === 'zh-TW') return 'zh-TW';
    if (declared !== 'zh-CN' && setting === 'zh-TW' && texts.some((t) => normalizeText(t ?? '').traditionalChars > 0)) return 'zh-TW';
  }
  return dominant ?? declared ?? setting;
}
