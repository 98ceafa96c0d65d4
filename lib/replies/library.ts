/**
 * Library writes on the store. Used by the background (for the sidebar, whose
 * third-party frame may not open IndexedDB — see components/sidebar/use-library.ts)
 * and by the dashboard directly.
 */
import type { XiaoerDB } from '../db';
import { LANGS, type Lang, type Reply } from '../schema';
import { XiaoerError } from '../xiaoer-error';
import { defaultReplyId, relabelDefaults } from './defaults';
import { browseReplies } from './browse';
import { planImport, type IdFactory, type ImportCategory, type ImportEntry, type ImportPlan } from './transfer';
import { shortcutHolder } from './rules';
import { deleteUsageOf } from './delete';

export { createCategory, deleteCategory, renameCategory } from './categories';
export { deleteReplies } from './delete';

export type ReplyFields = Pick<Reply, 'title' | 'shortcut' | 'categoryId' | 'tags' | 'body'>;

/**
 * Refuses a shortcut another reply holds in any case or width (rules.ts
 * shortcutKey). Run inside the write's transaction, so two tabs saving "fh" and
 * "FH" at once cannot both pass.
 */
async function assertShortcutFree(db: XiaoerDB, shortcut: string, exceptId: string | null): Promise<void> {
  const holder = await shortcutOwner(db, shortcut, exceptId);
  if (holder) {
    const s = shortcut.trim();
    throw new XiaoerError('shortcut-taken', `The shortcut "${s}" is already used by "${holder.title}".`, { shortcut: s, title: holder.title.slice(0, 300) });
  }
}

export async function createReply(db: XiaoerDB, fields: ReplyFields, now = new Date().toISOString()): Promise<Reply> {
  const reply: Reply = { ...fields, id: `r-${crypto.randomUUID()}`, usageCount: 0, lastUsedAt: null, createdAt: now, updatedAt: now };
  return db.transaction('rw', db.replies, async () => {
    await assertShortcutFree(db, fields.shortcut, null);
    await db.replies.add(reply);
    return reply;
  });
}

/** Update a reply's own fields; usage counts and creation time stay as stored. */
export async function updateReply(db: XiaoerDB, id: string, fields: ReplyFields, now = new Date().toISOString()): Promise<Reply> {
  return db.transaction('rw', db.replies, async () => {
    const stored = await db.replies.get(id);
    // Typed: the editor says it in the seller's language (was "Failed: This reply was deleted meanwhile." in a Chinese UI).
    if (!stored) throw new XiaoerError('not-found', 'This reply was deleted meanwhile.', { what: 'reply' });
    await assertShortcutFree(db, fields.shortcut, id);
    // Saved as it was (opened to read, Enter in its title): not an edit. It was stamped edited now, and jumped to
    // the top of the Library's "most recently edited" list, pushing the reply the seller had really changed down.
    if (sameFields(stored, fields)) return stored;
    const next: Reply = { ...stored, ...fields, updatedAt: now };
    await db.replies.put(next);
    return next;
  });
}

function sameFields(stored: Reply, fields: ReplyFields): boolean {
  return stored.title === fields.title && stored.shortcut === fields.shortcut && stored.categoryId === fields.categoryId
    && stored.tags.length === fields.tags.length && stored.tags.every((t, i) => t === fields.tags[i])
    && LANGS.every((l) => stored.body[l] === fields.body[l]);
}

export async function duplicateReply(db: XiaoerDB, id: string): Promise<Reply> {
  const stored = await db.replies.get(id);
  if (!stored) throw new XiaoerError('not-found', 'This reply was deleted meanwhile.', { what: 'reply' });
  // The copy gets no shortcut: two replies on one shortcut would make Tab ambiguous.
  return createReply(db, { title: `${stored.title} (2)`, shortcut: '', categoryId: stored.categoryId, tags: [...stored.tags], body: { ...stored.body } });
}

/** The UI language changed: built-in labels the seller never edited follow it (defaults.ts relabelDefaults). Returns how many records changed. */
export async function relabelDefaultLibrary(db: XiaoerDB, uiLang: Lang): Promise<number> {
  return db.transaction('rw', db.categories, db.replies, async () => {
    // All of them: a built-in name is not given where one of the seller's categories has it.
    const categories = await db.categories.toArray();
    const replies = await db.replies.where('id').startsWith(defaultReplyId('')).toArray();
    const changed = relabelDefaults(categories, replies, uiLang);
    // Not the seller's edit: updatedAt stays, so "defaults a seller never edited" still reads true.
    if (changed.categories.length) await db.categories.bulkPut(changed.categories);
    if (changed.replies.length) await db.replies.bulkPut(changed.replies);
    return changed.categories.length + changed.replies.length;
  });
}

/** One use of a reply: frequency decides what is on top (domain §1). */
export async function recordUsage(db: XiaoerDB, replyId: string, site: string, at = new Date().toISOString()): Promise<void> {
  await db.transaction('rw', db.replies, db.usage, async () => {
    const reply = await db.replies.get(replyId);
    if (!reply) return;
    await db.replies.update(replyId, { usageCount: reply.usageCount + 1, lastUsedAt: at });
    await db.usage.add({ replyId, at, site });
  });
}

/**
 * The reply other than `exceptId` holding the same shortcut as Tab matches it
 * (rules.ts shortcutKey: "FH" and "ｆｈ" are "fh"), or null. The shortcut index
 * holds the raw text, so it cannot answer this by lookup: its keys are read (index
 * only, in one order with their primary keys — not every reply with its bodies),
 * and only a clash is read whole. Once per save.
 */
export async function shortcutOwner(db: XiaoerDB, shortcut: string, exceptId: string | null): Promise<Reply | null> {
  if (!shortcut.trim()) return null;
  const withShortcut = db.replies.where('shortcut').notEqual('');
  const [shortcuts, ids] = await Promise.all([withShortcut.keys(), withShortcut.primaryKeys()]);
  const hit = shortcutHolder(
    shortcuts.map((s, i) => ({ id: ids[i]!, shortcut: String(s) })),
    shortcut,
    exceptId,
  );
  return hit ? ((await db.replies.get(hit.id)) ?? null) : null;
}

/**
 * Apply a parsed import file (lib/replies/transfer.ts) to the library: the plan is
 * made from the library as it is INSIDE the write transaction (not from a list the
 * page read earlier, which another tab may have changed), and the whole library is
 * rewritten in that one transaction — every reply and category of the plan, or,
 * if anything fails (quota, a record IndexedDB refuses), nothing.
 */
export async function importReplies(
  db: XiaoerDB,
  parsed: { entries: readonly ImportEntry[]; categories?: readonly ImportCategory[] },
  mode: 'merge' | 'replace',
  now = new Date().toISOString(),
  idFactory: IdFactory = (kind) => `${kind === 'reply' ? 'r' : 'c'}-${crypto.randomUUID()}`,
): Promise<ImportPlan> {
  return db.transaction('rw', db.replies, db.categories, db.usage, async () => {
    const [categories, replies] = await Promise.all([db.categories.toArray(), db.replies.toArray()]);
    const plan = planImport({ categories, replies }, parsed, mode, now, idFactory);
    await db.replies.clear();
    await db.categories.clear();
    await db.categories.bulkPut(plan.categories);
    await db.replies.bulkPut(plan.replies);
    // Replace removes replies: their usage rows go in the same write (as a bulk delete's do), not left
    // as figures of replies that no longer exist.
    const kept = new Set(plan.replies.map((r) => r.id));
    const gone = replies.filter((r) => !kept.has(r.id)).map((r) => r.id);
    await deleteUsageOf(db, gone);
    return plan;
  });
}

/**
 * The first `limit` replies of the browse order (lib/replies/browse.ts), read by
 * the usageCount index: at least `limit` replies are used as often as the
 * limit-th most used one, so the exact head is among those (ties are then
 * ordered the way browse orders them). A library nobody has used yet is read
 * whole — still one message of `limit` replies to the sidebar, not thousands.
 */
export async function readLibraryHead(db: XiaoerDB, limit: number): Promise<Reply[]> {
  const top = await db.replies.orderBy('usageCount').reverse().limit(limit).toArray();
  const floor = top.length < limit ? null : top[top.length - 1]!.usageCount;
  const candidates = floor === null ? top : await db.replies.where('usageCount').aboveOrEqual(floor).toArray();
  // Browse ties fall back to library order: the store's key order (as toArray gives it), built-in replies as seeded (library-order.ts).
  candidates.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return browseReplies(candidates, { limit }).map((h) => h.reply);
}

