/**
 * The library's rules for shortcuts and category names — one place for each,
 * used by the import reader (transfer.ts), the library writes (library.ts, run
 * by the background for the editor and by the dashboard for its category form),
 * the protocol's schema for a reply's fields (lib/messaging.ts) and the
 * editors, which say them before a round trip. What the dashboard lets a
 * supervisor save is therefore exactly what the library's own export can bring
 * back in (a library handed to agents must not be refused on import).
 *
 * Pure and small (no zod, no Dexie): the content script's bundle never carries
 * it, the dashboard's first screen may.
 */
import { foldShortcut } from './shortcut.ts';

export const SHORTCUT_MAX = 40;
export const CATEGORY_NAME_MAX = 100;

/**
 * Why a shortcut (already trimmed) cannot be stored, or null. Spaces are refused
 * because expansion reads back from the caret to the last boundary: "a b" + Tab
 * could never be typed as one shortcut.
 */
export function shortcutProblem(shortcut: string): 'tooLong' | 'shortcutSpaces' | null {
  if (shortcut.length > SHORTCUT_MAX) return 'tooLong';
  if (/\s/.test(shortcut)) return 'shortcutSpaces';
  return null;
}

/**
 * What makes two shortcuts the same: the form Tab expansion matches (shortcut.ts
 * foldShortcut — case and full-width folded). "FH" and "ｆｈ" are "fh" to an
 * agent's Tab, so they are one shortcut for uniqueness too. '' = no shortcut.
 */
export function shortcutKey(shortcut: string): string {
  return foldShortcut(shortcut.trim());
}

/** The reply other than `exceptId` whose shortcut is the same as `shortcut` (shortcutKey), or null. */
export function shortcutHolder<R extends { id: string; shortcut: string }>(replies: Iterable<R>, shortcut: string, exceptId: string | null): R | null {
  const key = shortcutKey(shortcut);
  if (!key) return null;
  for (const r of replies) if (r.id !== exceptId && shortcutKey(r.shortcut) === key) return r;
  return null;
}

/**
 * What makes two category names the same: the name as trimmed, exactly. Import
 * matches a reply's category by that name, so two categories of one name could
 * not both come back from an export.
 */
export function categoryNameKey(name: string): string {
  return name.trim();
}

/** Why a category name (already trimmed) cannot be stored, or null; `others` are the library's other categories. */
export function categoryNameProblem(name: string, others: Iterable<{ id: string; name: string }>, exceptId: string | null): 'empty' | 'tooLong' | 'categoryNameTaken' | null {
  if (!name) return 'empty';
  if (name.length > CATEGORY_NAME_MAX) return 'tooLong';
  const key = categoryNameKey(name);
  for (const c of others) if (c.id !== exceptId && categoryNameKey(c.name) === key) return 'categoryNameTaken';
  return null;
}

/**
 * A reply's tags as a seller types them in one field or one import cell: "|" between them when it is
 * there (a tag may then hold a comma), else a comma of either width or the enumeration comma 、
 * ("物流、催单" — the sidebar's editor kept that as one tag while import made two).
 */
export function splitTags(text: string): string[] {
  const parts = text.includes('|') ? text.split('|') : text.split(/[,，、]/);
  return parts.map((t) => t.trim()).filter(Boolean);
}
