/**
 * The languages a page knows before the settings record can be read: the
 * browser's (also lib/settings' default) and the one this extension's pages
 * last showed, kept in localStorage. Pages paint their first frame in that one;
 * the settings decide once they arrive. Its own module without zod or React so
 * the popup's plain-DOM first frame (components/popup/popup-shell.ts) can use it.
 */
import type { Lang } from '../schema';

const LANG_CACHE = 'xiaoer.uiLang';
const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];

/** navigator.languages, first match wins; Traditional for Taiwan, Hong Kong, Macau and zh-Hant. */
export function browserLang(languages: readonly string[] = typeof navigator !== 'undefined' ? navigator.languages : []): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower === 'zh-tw' || lower === 'zh-hk' || lower === 'zh-mo' || lower.startsWith('zh-hant')) return 'zh-TW';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The UI language this extension's pages last showed (a hint for the first frame; settings decide). */
export function cachedUiLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_CACHE);
    return LANGS.find((l) => l === v) ?? null;
  } catch {
    return null;
  }
}

export function rememberUiLang(lang: Lang): void {
  try {
    if (localStorage.getItem(LANG_CACHE) !== lang) localStorage.setItem(LANG_CACHE, lang);
  } catch {
    // No localStorage (a sandboxed frame): the next page waits for the settings instead.
  }
}

/** The language of a page's first frame: the one last shown, else the browser's. */
export function firstFrameLang(): Lang {
  return cachedUiLang() ?? browserLang();
}
