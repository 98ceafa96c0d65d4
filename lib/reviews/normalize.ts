/**
 * Text normalisation shared by the classifier and the tone check.
 *
 * Both work on a normalised copy of the text (traditional → simplified Chinese, full-width
 * ASCII → half-width, lower case) but must report spans/evidence in the ORIGINAL text, so the
 * normalised copy is built to keep exactly one UTF-16 unit per original unit: offsets carry over
 * unchanged. opencc's phrase conversion almost always keeps length (軟體→软件); when it does not,
 * we fall back to character-by-character conversion, which loses only rare phrase mappings.
 */
import { Converter } from 'opencc-js/t2cn';
import type { Lang } from '../schema/index.ts';

// Taiwan standard → mainland simplified, with Taiwan phrases (e.g. 回覆→回复) mapped as well.
const twToCn = Converter({ from: 'tw', to: 'cn' });

const charCache = new Map<string, string>();
function convertChar(c: string): string {
  let out = charCache.get(c);
  if (out === undefined) {
    out = twToCn(c);
    if (out.length !== c.length) out = c;
    charCache.set(c, out);
  }
  return out;
}

export interface NormalizedText {
  /** Same length as the original; index i corresponds to original index i. */
  norm: string;
  /** How many UTF-16 units changed in the traditional → simplified step. */
  traditionalChars: number;
  hasCjk: boolean;
}

// Ideographs plus CJK punctuation (a bare "。。。" review is still a Chinese review).
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff]/;

export function normalizeText(text: string): NormalizedText {
  const hasCjk = CJK.test(text);
  let simplified = text;
  let traditionalChars = 0;
  if (hasCjk) {
    const whole = twToCn(text);
    if (whole.length === text.length) simplified = whole;
    else simplified = Array.from(text, convertChar).join('');
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== simplified.charCodeAt(i)) traditionalChars++;
  }
  let norm = '';
  for (let i = 0; i < simplified.length; i++) {
    const code = simplified.charCodeAt(i);
    // Full-width ASCII forms (！，？Ａ１) → ASCII so one regex serves both; same length.
    let c = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : simplified[i]!;
    // Curly apostrophes in "don’t" → straight, so contractions match.
    if (c === '\u2019' || c === '\u2018') c = "'";
    const lower = c.toLowerCase();
    norm += lower.length === 1 ? lower : c;
  }
  return { norm, traditionalChars, hasCjk };
}

/**
 * zh-TW when opencc had to change something (a traditional character is present), zh-CN for
 * other Chinese, en otherwise. Text made only of characters shared by both scripts ("很好") is
 * ambiguous; the caller's hint decides then. So does text with no words at all (a star rating
 * with no text, "👍👍👍", "..."): it says nothing about the buyer's language, and answering it in
 * English on a Chinese marketplace (QA) reads as a bot.
 */
export function detectLang(n: NormalizedText, hint?: Lang): Lang {
  if (hint && !/[\p{L}\p{N}]/u.test(n.norm)) return hint;
  if (!n.hasCjk) return hint && hint !== 'en' && /[\u3000-\u303f]/.test(n.norm) ? hint : 'en';
  if (n.traditionalChars > 0) return 'zh-TW';
  return hint === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}

/**
 * The language most reviews with words on a page are written in, or undefined when none has words.
 * The hint for a page's wordless reviews (stars only, emoji): the seller's reply-language setting
 * follows the browser's locale, and QA's English-locale browser on a Chinese marketplace answered
 * "😡😡😡👎" in English while every other review on the page was Chinese.
 */
export function dominantLang(texts: readonly string[]): Lang | undefined {
  const count = new Map<Lang, number>();
  for (const t of texts) {
    const n = normalizeText(t ?? '');
    if (!/[\p{L}\p{N}]/u.test(n.norm)) continue;
    const lang = detectLang(n);
    count.set(lang, (count.get(lang) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
