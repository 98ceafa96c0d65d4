/**
 * The library's rules (QA bugs B2, B5, B7): a shortcut is one shortcut however
 * it is cased or typed (full-width through an IME) — on create, update,
 * duplicate and import, and when expansion picks between clashing replies
 * stored before the rule; what the editor and category form accept is what the
 * import reader accepts; a category is deleted with its replies moved, in one
 * transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getDb, resetDbForTests } from '../../../lib/db';
import * as library from '../../../lib/replies/library';
import { buildShortcutTable, findShortcut } from '../../../lib/replies/shortcut';
import { planImport, parseRepliesFile, exportRepliesJson } from '../../../lib/replies/transfer';
import { BackgroundRequests } from '../../../lib/messaging';
import type { Category, Reply } from '../../../lib/schema';

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

const T0 = '2026-11-01T00:00:00.000Z';
function reply(id: string, shortcut: string, over: Partial<Reply> = {}): Reply {
  return { id, title: `回复 ${id}`, shortcut, categoryId: 'c-a', tags: [], body: { 'zh-CN': `内容 ${id}`, 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: T0, updatedAt: T0, ...over };
}
const fields = (shortcut: string) => ({ title: '大写FH', shortcut, categoryId: 'c-a', tags: [], body: { 'zh-CN': '【大写FH】', 'zh-TW': '', en: '' } });

describe('a shortcut is unique by the form Tab matches (case and full-width folded)', () => {
  it('create refuses "FH", "ｆｈ" and " Fh " while "fh" exists, naming the reply that has it (typed code)', async () => {
    const db = getDb();
    await db.replies.put(reply('ship', 'fh', { title: '发货时间' }));
    for (const s of ['FH', 'ｆｈ', ' Fh ']) {
      await expect(library.createReply(db, fields(s))).rejects.toMatchObject({ code: 'shortcut-taken', detail: { shortcut: s.trim(), title: '发货时间' } });
    }
    expect(await db.replies.count()).toBe(1);
  });

  it('update refuses taking another reply\'s shortcut in another case; keeping its own in another case is fine', async () => {
    const db = getDb();
    await db.replies.bulkPut([reply('ship', 'fh'), reply('other', 'th')]);
    await expect(library.updateReply(db, 'other', fields('Ｆｈ'))).rejects.toMatchObject({ code: 'shortcut-taken' });
    expect((await db.replies.get('other'))!.shortcut).toBe('th');
    await expect(library.updateReply(db, 'ship', fields('FH'))).resolves.toMatchObject({ shortcut: 'FH' });
  });

  it('the protocol refuses a shortcut with a space for create and update (what import refuses)', () => {
    const f = { ...fields('a b') };
    expect(BackgroundRequests['reply:create'].req.safeParse({ fields: f }).success).toBe(false);
    expect(BackgroundRequests['reply:update'].req.safeParse({ id: 'x', fields: f }).success).toBe(false);
    expect(BackgroundRequests['reply:create'].req.safeParse({ fields: fields('/ship') }).success).toBe(true);
  });

  it('duplicate gives the copy no shortcut', async () => {
    const db = getDb();
    await db.replies.put(reply('ship', 'fh'));
    const copy = await library.duplicateReply(db, 'ship');
    expect(copy.shortcut).toBe('');
  });

  it('merge import never leaves two replies on one shortcut (an entry matched by title keeps its shortcut, another entry brings it in another case)', () => {
    const existing = { categories: [] as Category[], replies: [reply('ship', 'fh', { title: '发货时间' })] };
    const parsed = parseRepliesFile(JSON.stringify({
      format: 'xiaoer.replies', version: 1,
      replies: [{ title: '发货时间', body: { 'zh-CN': '改过的' } }, { title: '大写', shortcut: 'FH', body: { 'zh-CN': '【大写FH】' } }],
    }), 'json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const plan = planImport(existing, parsed, 'merge', T0, (k) => `${k}-new`);
    const keys = plan.replies.map((r) => r.shortcut.toLowerCase()).filter(Boolean);
    expect(keys).toEqual([...new Set(keys)]);
  });
});

describe('expansion between clashing replies stored before the rule', () => {
  it('picks the same reply whatever order the library is read in: most used, then the older, then the smaller id', () => {
    const old = reply('xiaoer-default-ship', 'fh', { createdAt: '2026-01-01T00:00:00.000Z' });
    const upper = reply('r-new', 'FH', { createdAt: '2026-11-20T00:00:00.000Z' });
    const wide = reply('r-wide', 'ｆｈ', { createdAt: '2026-11-21T00:00:00.000Z' });
    for (const order of [[old, upper, wide], [upper, wide, old], [wide, old, upper]]) {
      expect(findShortcut(buildShortcutTable(order), '好的fh')?.replyId).toBe('xiaoer-default-ship');
    }
    // The team's most used one keeps it.
    const used = { ...upper, usageCount: 3 };
    for (const order of [[old, used], [used, old]]) expect(findShortcut(buildShortcutTable(order), 'fh')?.replyId).toBe('r-new');
    // Same use, same time: by id, so still one answer.
    const twin = { ...upper, createdAt: old.createdAt, id: 'a-twin' };
    for (const order of [[old, twin], [twin, old]]) expect(findShortcut(buildShortcutTable(order), 'fh')?.replyId).toBe('a-twin');
  });
});

describe('categories: the form applies the import rules; delete moves the replies first', () => {
  it('a second category of one name (after trimming) is refused; the export of what is allowed reads back', async () => {
    const db = getDb();
    const a = await library.createCategory(db, { name: '活动专用', symbol: '🎁' });
    await expect(library.createCategory(db, { name: ' 活动专用 ', symbol: '📁' })).rejects.toMatchObject({ code: 'category-name-taken' });
    const b = await library.createCategory(db, { name: '售后', symbol: '📁' });
    await expect(library.renameCategory(db, b.id, '活动专用')).rejects.toMatchObject({ code: 'category-name-taken' });
    await library.renameCategory(db, a.id, '活动专用 ');
    const text = exportRepliesJson(await db.categories.toArray(), [reply('x', 'fh', { categoryId: a.id })]);
    expect(parseRepliesFile(text, 'json').ok).toBe(true);
  });

  it('an empty category is deleted; a category with replies is refused unless they are moved, all in one write', async () => {
    const db = getDb();
    await db.categories.bulkPut([{ id: 'c-a', name: 'A', symbol: '📁', order: 0 }, { id: 'c-b', name: 'B', symbol: '📁', order: 1 }, { id: 'c-e', name: 'E', symbol: '📁', order: 2 }]);
    await db.replies.bulkPut([reply('r1', 'a1'), reply('r2', 'a2'), reply('r3', 'b1', { categoryId: 'c-b' })]);
    await expect(library.deleteCategory(db, 'c-e', null)).resolves.toEqual({ moved: 0 });
    await expect(library.deleteCategory(db, 'c-a', null)).rejects.toMatchObject({ code: 'category-not-empty', detail: { count: '2' } });
    await expect(library.deleteCategory(db, 'c-a', 'c-a')).rejects.toMatchObject({ code: 'not-found' });
    await expect(library.deleteCategory(db, 'c-a', 'c-gone')).rejects.toMatchObject({ code: 'category-gone', detail: { which: 'target' } });
    await expect(library.deleteCategory(db, 'c-gone', 'c-b')).rejects.toMatchObject({ code: 'category-gone', detail: { which: 'category' } });
    await expect(library.renameCategory(db, 'c-gone', 'Z')).rejects.toMatchObject({ code: 'category-gone', detail: { which: 'category' } });
    expect((await db.categories.toArray()).map((c) => c.id)).toEqual(['c-a', 'c-b']);
    await expect(library.deleteCategory(db, 'c-a', 'c-b', '2026-11-22T00:00:00.000Z')).resolves.toEqual({ moved: 2 });
    expect((await db.categories.toArray()).map((c) => c.id)).toEqual(['c-b']);
    expect((await db.replies.toArray()).map((r) => [r.id, r.categoryId, r.updatedAt])).toEqual([
      ['r1', 'c-b', '2026-11-22T00:00:00.000Z'], ['r2', 'c-b', '2026-11-22T00:00:00.000Z'], ['r3', 'c-b', T0],
    ]);
  });
});

describe('a deleted reply takes its usage figures with it', () => {
  async function usedLibrary() {
    const db = getDb();
    await db.replies.bulkPut([reply('ship', 'fh', { title: '发货时间' }), reply('refund', 'tk', { title: '退款' }), reply('hello', 'nh', { title: '你好' })]);
    for (const id of ['ship', 'ship', 'refund', 'hello']) await library.recordUsage(db, id, 'shop.example');
    return db;
  }
  const usageOf = async () => (await getDb().usage.toArray()).map((u) => u.replyId).sort();

  it('bulk delete (dashboard, sidebar) removes the usage rows of the deleted replies, and only theirs', async () => {
    const db = await usedLibrary();
    await library.deleteReplies(db, ['ship', 'refund']);
    expect((await db.replies.toArray()).map((r) => r.id)).toEqual(['hello']);
    // The rows stayed: a backup carried the figures of replies that no longer exist.
    expect(await usageOf()).toEqual(['hello']);
  });

  it('Replace import removes the usage rows of the replies the file lacks; a kept reply keeps its figures', async () => {
    const db = await usedLibrary();
    const parsed = parseRepliesFile('title,zh-CN,shortcut\n发货时间,新的发货说明,fh\n', 'x.csv');
    if (!parsed.ok) throw new Error('file refused');
    await library.importReplies(db, parsed, 'replace');
    expect((await db.replies.toArray()).map((r) => r.id)).toEqual(['ship']);
    expect(await usageOf()).toEqual(['ship', 'ship']);
  });

  it('Merge import removes nothing, usage rows included', async () => {
    const db = await usedLibrary();
    const parsed = parseRepliesFile('title,zh-CN,shortcut\n发货时间,新的发货说明,fh\n', 'x.csv');
    if (!parsed.ok) throw new Error('file refused');
    await library.importReplies(db, parsed, 'merge');
    expect(await usageOf()).toEqual(['hello', 'refund', 'ship', 'ship']);
  });
});

describe('saving a reply', () => {
  it('saved unchanged (opened to read, Enter in its title) keeps its "edited" time — it jumped to the top of the Library as just edited; a change stamps it', async () => {
    const db = getDb();
    const stored = reply('ship', 'fh', { title: '发货时间', tags: ['物流', '时效'], body: { 'zh-CN': '48小时内发货', 'zh-TW': '48小時內出貨', en: 'Ships in 48 h' } });
    await db.replies.put(stored);
    const same = { title: stored.title, shortcut: stored.shortcut, categoryId: stored.categoryId, tags: [...stored.tags], body: { ...stored.body } };
    await library.updateReply(db, 'ship', same, '2026-11-24T09:00:00.000Z');
    expect(await db.replies.get('ship')).toEqual(stored);
    await library.updateReply(db, 'ship', { ...same, body: { ...same.body, en: 'Ships within 48 hours' } }, '2026-11-24T09:05:00.000Z');
    expect((await db.replies.get('ship'))?.updatedAt).toBe('2026-11-24T09:05:00.000Z');
    await library.updateReply(db, 'ship', { ...same, tags: ['物流'] }, '2026-11-24T09:10:00.000Z');
    expect((await db.replies.get('ship'))?.updatedAt).toBe('2026-11-24T09:10:00.000Z');
  });
});
