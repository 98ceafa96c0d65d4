/**
 * The UI language the browser asks for (navigator.languages, first match wins;
 * Traditional for Taiwan, Hong Kong, Macau and zh-Hant). Its own module without
 * zod so the pages' first frame (components/i18n.tsx) can use it as well as
 * lib/settings' defaults.
 */
import type { Lang } from '../schema';

export function browserLang(languages: readonly string[] = typeof navigator !== 'undefined' ? navigator.languages : []): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower === 'zh-tw' || lower === 'zh-hk' || lower === 'zh-mo' || lower.startsWith('zh-hant')) return 'zh-TW';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
