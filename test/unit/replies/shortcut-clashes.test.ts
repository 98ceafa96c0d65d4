import { afterEach, describe, expect, it } from 'vitest';
import { getDb, resetDbForTests } from '../../../lib/db';
import { clashingGroups, shortcutClashes } from '../../../lib/replies/shortcut-clashes';
import { buildShortcutTable, findShortcut } from '../../../lib/replies/shortcut';
import type { Reply } from '../../../lib/schema';

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

const T0 = '2026-11-01T00:00:00.000Z';
function reply(id: string, shortcut: string, over: Partial<Reply> = {}): Reply {
  return { id, title: `回复 ${id}`, shortcut, categoryId: 'c-a', tags: [], body: { 'zh-CN': `内容 ${id}`, 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: T0, updatedAt: T0, ...over };
}

describe('shortcuts on more than one reply (stored before shortcuts had to be unique)', () => {
  it('groups replies by the shortcut Tab matches: "fh", "FH", " ｆｈ " are one; unique and empty shortcuts are not clashes', () => {
    const groups = clashingGroups([{ id: 'a', shortcut: 'fh' }, { id: 'b', shortcut: 'FH' }, { id: 'c', shortcut: ' ｆｈ ' }, { id: 'd', shortcut: 'th' }, { id: 'e', shortcut: '' }, { id: 'f', shortcut: '' }]);
    expect([...groups]).toEqual([['fh', ['a', 'b', 'c']]]);
  });

  it('names, for each clashing reply, the one Tab inserts — the same reply expansion picks', async () => {
    const db = getDb();
    const replies = [
      reply('old', 'fh', { title: '发货时间', createdAt: '2026-01-01T00:00:00.000Z' }),
      reply('used', 'FH', { title: '大写FH', usageCount: 4, createdAt: '2026-11-20T00:00:00.000Z' }),
      reply('wide', 'ｆｈ', { title: '全角', createdAt: '2026-11-21T00:00:00.000Z' }),
      reply('alone', 'th', { title: '退货' }),
      reply('none', '', { title: '无快捷码' }),
    ];
    await db.replies.bulkPut(replies);
    const clashes = await shortcutClashes(db);
    expect([...clashes.keys()].sort()).toEqual(['old', 'used', 'wide']);
    const clash = clashes.get('wide')!;
    expect(clash.key).toBe('fh');
    expect(clash.tabUses).toEqual({ id: 'used', title: '大写FH', shortcut: 'FH' });
    expect(clash.replies.map((r) => r.id)).toEqual(['used', 'old', 'wide']);
    expect(findShortcut(buildShortcutTable(replies), '好的fh')?.replyId).toBe(clash.tabUses.id);
  });

  it('a library without clashes reads no reply', async () => {
    const db = getDb();
    await db.replies.bulkPut([reply('a', 'fh'), reply('b', 'th'), reply('c', '')]);
    let readWhole = 0;
    const count = (r: Reply) => {
      readWhole++;
      return r;
    };
    db.replies.hook('reading', count);
    try {
      expect((await shortcutClashes(db)).size).toBe(0);
    } finally {
      db.replies.hook('reading').unsubscribe(count);
    }
    expect(readWhole).toBe(0);
  });
});
