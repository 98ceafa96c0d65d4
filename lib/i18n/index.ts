/**
 * UI strings in zh-CN, zh-TW and en, switchable in settings without
 * reinstalling (browser.i18n is fixed to the browser's language, so the UI uses
 * these tables; only the manifest's own strings come from public/_locales).
 */
import type { Lang } from '../schema';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export type { MessageKey };
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let text = MESSAGES[lang][key] ?? en[key];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

export function formatDateTime(lang: Lang, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
