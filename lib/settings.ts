/** Settings live in one Dexie record; until the seller saves, defaults follow the browser's language. */
import { getDb } from './db';
import { defaultSettings, Settings } from './schema';
import { browserLang } from './i18n/browser-lang';

export { browserLang };

/**
 * The defaults, with the service hours on this computer's clock: fixed to UTC+8, a seller in London or
 * Los Angeles who had not opened Settings promised buyers hours — and wrote {time} — in China time.
 * (0 - offset: never -0, which the time-zone select would not find among its choices.)
 */
function unsavedDefaults(): Settings {
  const d = defaultSettings(browserLang());
  const local = { ...d, hours: { ...d.hours, utcOffsetMinutes: 0 - new Date().getTimezoneOffset() } };
  return Settings.safeParse(local).success ? local : d;
}

export async function getSettings(): Promise<Settings> {
  const stored = await getDb().settings.get('settings');
  if (!stored) return unsavedDefaults();
  const parsed = Settings.safeParse(stored);
  // Never silently replace a seller's settings with defaults: fill only what is missing.
  if (parsed.success) return parsed.data;
  const merged = { ...unsavedDefaults(), ...stored };
  const again = Settings.safeParse(merged);
  if (again.success) return again.data;
  throw new Error(`Stored settings are damaged (${again.error.issues[0]?.path.join('.') ?? '?'}); open the dashboard to repair them.`);
}

export async function saveSettings(next: Settings): Promise<void> {
  const parsed = Settings.parse(next);
  await getDb().settings.put(parsed);
}
