/** Settings live in one Dexie record; until the seller saves, defaults follow the browser's language. */
import { getDb } from './db';
import { defaultSettings, ServiceHours, Settings } from './schema';
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

/** A stored setting that could not be read and is at its default now: a field of Settings, or of its service hours. */
export type ResetSetting = Exclude<keyof Settings, 'id' | 'hours'> | `hours.${keyof Settings['hours']}`;

/**
 * The stored settings, each field kept when it is valid: a damaged field is at its default, and named in `reset`.
 * The whole record used to be refused for one bad field — every view that read the settings showed zod's English
 * ("Stored settings are damaged (hours.start)…"), and Save could not be reached to repair it. The record itself is
 * left as it is until the seller saves, so nothing is overwritten by reading it.
 */
export async function readSettings(): Promise<{ settings: Settings; reset: ResetSetting[] }> {
  const stored: unknown = await getDb().settings.get('settings');
  const defaults = unsavedDefaults();
  if (stored === undefined) return { settings: defaults, reset: [] };
  const parsed = Settings.safeParse(stored);
  if (parsed.success) return { settings: parsed.data, reset: [] };
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const reset: ResetSetting[] = [];
  const out: Record<string, unknown> = { ...defaults, id: 'settings' };
  for (const [key, schema] of Object.entries(Settings.shape)) {
    if (key === 'id') continue;
    if (key === 'hours') {
      // Field by field: a cleared start time does not take the end and the time zone with it.
      const hours = (typeof raw.hours === 'object' && raw.hours !== null ? raw.hours : {}) as Record<string, unknown>;
      const kept: Record<string, unknown> = { ...defaults.hours };
      for (const [sub, subSchema] of Object.entries(ServiceHours.shape)) {
        if (subSchema.safeParse(hours[sub]).success) kept[sub] = hours[sub];
        else reset.push(`hours.${sub}` as ResetSetting);
      }
      out.hours = kept;
      continue;
    }
    const value = raw[key];
    if (schema.safeParse(value).success) {
      if (value === undefined) delete out[key];
      else out[key] = value;
    } else if (value === undefined) {
      // Missing from a record written before the field existed: its default, nothing to tell.
    } else reset.push(key as ResetSetting);
  }
  const again = Settings.safeParse(out);
  // Every field is valid or its default here; the defaults alone if the schema still says no.
  return again.success ? { settings: again.data, reset } : { settings: defaults, reset };
}

export async function getSettings(): Promise<Settings> {
  return (await readSettings()).settings;
}

export async function saveSettings(next: Settings): Promise<void> {
  const parsed = Settings.parse(next);
  await getDb().settings.put(parsed);
}
