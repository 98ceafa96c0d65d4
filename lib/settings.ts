/** Settings live in one Dexie record; until the seller saves, defaults follow the browser's language. */
import { getDb } from './db';
import { defaultSettings, Settings, type Lang } from './schema';

export function browserLang(languages: readonly string[] = typeof navigator !== 'undefined' ? navigator.languages : []): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower === 'zh-tw' || lower === 'zh-hk' || lower === 'zh-mo' || lower.startsWith('zh-hant')) return 'zh-TW';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export async function getSettings(): Promise<Settings> {
  const stored = await getDb().settings.get('settings');
  if (!stored) return defaultSettings(browserLang());
  const parsed = Settings.safeParse(stored);
  // Never silently replace a seller's settings with defaults: fill only what is missing.
  if (parsed.success) return parsed.data;
  const merged = { ...defaultSettings(browserLang()), ...stored };
  const again = Settings.safeParse(merged);
  if (again.success) return again.data;
  throw new Error(`Stored settings are damaged (${again.error.issues[0]?.path.join('.') ?? '?'}); open the dashboard to repair them.`);
}

export async function saveSettings(next: Settings): Promise<void> {
  const parsed = Settings.parse(next);
  await getDb().settings.put(parsed);
}
