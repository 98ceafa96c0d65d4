/** Settings live in one Dexie record; until the seller saves, defaults follow the browser's language. */
import { getDb } from './db';
import { defaultSettings, Settings } from './schema';
import { browserLang } from './i18n/browser-lang';

export { browserLang };

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
