/**
 * Shortcuts held by more than one reply. Every write refuses a shortcut another
 * reply holds in any case or width (rules.ts shortcutKey), but a library stored
 * before that rule may still hold "fh" and "FH"; Tab then inserts one of them by
 * a fixed rule (shortcut.ts buildShortcutTable: most used, then older, then the
 * smaller id). The Library marks those replies and says which one Tab inserts,
 * so the seller can change a shortcut.
 *
 * Cheap: the shortcut index's keys and primary keys (no reply bodies), then only
 * the clashing replies are read — none in a library without clashes. Pure of zod:
 * the dashboard's first screen (library-view.tsx) loads this.
 */
import type { XiaoerDB } from '../db';
import type { Reply } from '../schema';
import { shortcutKey } from './rules';
import { buildShortcutTable } from './shortcut';

export type ClashingReply = Pick<Reply, 'id' | 'title' | 'shortcut'>;

export interface ShortcutClash {
  /** The shortcut as Tab matches it (folded). */
  key: string;
  /** The reply Tab inserts for it. */
  tabUses: ClashingReply;
  /** Every reply holding it, the one Tab inserts first. */
  replies: ClashingReply[];
}

/** Reply ids grouped by the shortcut Tab matches, only groups of two or more; pure. */
export function clashingGroups(pairs: Iterable<{ id: string; shortcut: string }>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { id, shortcut } of pairs) {
    const key = shortcutKey(shortcut);
    if (!key) continue;
    const ids = byKey.get(key);
    if (ids) ids.push(id);
    else byKey.set(key, [id]);
  }
  for (const [key, ids] of byKey) if (ids.length < 2) byKey.delete(key);
  return byKey;
}

/** The clashes of the library, by reply id (each clashing reply → its clash). Empty for a library stored under the rule. */
export async function shortcutClashes(db: XiaoerDB): Promise<Map<string, ShortcutClash>> {
  const out = new Map<string, ShortcutClash>();
  const groups = await db.transaction('r', db.replies, async () => {
    const withShortcut = db.replies.where('shortcut').notEqual('');
    const [shortcuts, ids] = await Promise.all([withShortcut.keys(), withShortcut.primaryKeys()]);
    return clashingGroups(shortcuts.map((s, i) => ({ id: String(ids[i]), shortcut: String(s) })));
  });
  if (!groups.size) return out;
  const records = new Map((await db.replies.bulkGet([...groups.values()].flat())).filter((r): r is Reply => r !== undefined).map((r) => [r.id, r]));
  for (const [key, ids] of groups) {
    const held = ids.map((id) => records.get(id)).filter((r): r is Reply => r !== undefined);
    if (held.length < 2) continue;
    // The same rule Tab applies, by the same function: what the Library says is what Tab does.
    const winnerId = buildShortcutTable(held).entries[0]![1];
    const slim = (r: Reply): ClashingReply => ({ id: r.id, title: r.title, shortcut: r.shortcut });
    const tabUses = slim(held.find((r) => r.id === winnerId)!);
    const clash: ShortcutClash = { key, tabUses, replies: [tabUses, ...held.filter((r) => r.id !== winnerId).map(slim)] };
    for (const r of held) out.set(r.id, clash);
  }
  return out;
}
