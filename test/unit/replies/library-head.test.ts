import { afterEach, describe, expect, it } from 'vitest';
import { getDb, resetDbForTests } from '../../../lib/db';
import { browseReplies } from '../../../lib/replies/browse';
import { readLibraryHead } from '../../../lib/replies/library';
import { defaultLibrary } from '../../../lib/replies/defaults';
import { DEFAULT_REPLY_KEYS } from '../../../lib/replies/library-order';
import { buildReplyIndex, searchReplies } from '../../../lib/replies/search';
import type { Reply } from '../../../lib/schema';
import { mulberry32 } from '../../shared/prng';

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

function reply(i: number, usageCount: number, lastUsedAt: string | null): Reply {
  const now = '2026-11-01T00:00:00.000Z';
  return { id: `r${String(i).padStart(5, '0')}`, title: `回复 ${i}`, shortcut: '', categoryId: 'greeting', tags: [], body: { 'zh-CN': `内容 ${i}`, 'zh-TW': '', en: '' }, usageCount, lastUsedAt, createdAt: now, updatedAt: now };
}

/** What the sidebar shows first once it has the whole library: the browse order over every reply. */
async function expected(limit: number): Promise<string[]> {
  return browseReplies(await getDb().replies.toArray(), { limit }).map((h) => h.reply.id);
}

describe('readLibraryHead: the first screen of the library without shipping all of it', () => {
  it('equals the browse order over the whole library, ties at the cut included (seeded libraries)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rnd = mulberry32(seed);
      const n = 50 + Math.floor(rnd() * 400);
      // Few distinct counts → many ties at the limit's boundary; some used recently, some never.
      const rows = Array.from({ length: n }, (_, i) => reply(Math.floor(rnd() * 100_000) * 10 + (i % 10), Math.floor(rnd() * 4), rnd() < 0.5 ? null : new Date(Date.UTC(2026, 10, 1 + Math.floor(rnd() * 20))).toISOString()));
      await getDb().replies.bulkPut(rows);
      for (const limit of [1, 7, 60, n, n + 5]) expect((await readLibraryHead(getDb(), limit)).map((r) => r.id), `seed ${seed} limit ${limit}`).toEqual(await expected(limit));
      await getDb().replies.clear();
    }
  });

  it('a library nobody has used yet: library order', async () => {
    await getDb().replies.bulkPut([reply(3, 0, null), reply(1, 0, null), reply(2, 0, null)]);
    expect((await readLibraryHead(getDb(), 2)).map((r) => r.id)).toEqual(['r00001', 'r00002']);
  });

  it('most used first; the cut inside a group of equally used replies follows browse order', async () => {
    await getDb().replies.bulkPut(Array.from({ length: 300 }, (_, i) => reply(i, i % 30, null)));
    const head = await readLibraryHead(getDb(), 20);
    expect(head.map((r) => r.usageCount)).toEqual([...Array(10).fill(29), ...Array(10).fill(28)]);
    expect(head.map((r) => r.id)).toEqual(await expected(20));
  });

  it('an empty library', async () => {
    expect(await readLibraryHead(getDb(), 60)).toEqual([]);
  });
});

describe('a fresh library reads in the order it was seeded', () => {
  // The store hands replies back by key (`xiaoer-default-<key>`): "All" opened on "Confirm address before
  // shipping" (address-check) instead of the greeting a new seller starts every chat with.
  const seeded = defaultLibrary({ uiLang: 'en' }).replies;
  const seedOrder = seeded.map((r) => r.id);

  it('browse, the first screen and the search without a query all start with the greeting, in seed (category) order', async () => {
    const byKey = [...seeded].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(browseReplies(byKey, { limit: 1000 }).map((h) => h.reply.id)).toEqual(seedOrder);
    expect(searchReplies(buildReplyIndex(byKey), '', { limit: 1000 }).map((h) => h.reply.id)).toEqual(seedOrder);
    await getDb().replies.bulkPut(seeded);
    expect((await readLibraryHead(getDb(), 60)).map((r) => r.id)).toEqual(seedOrder.slice(0, 60));
    expect((await readLibraryHead(getDb(), 60))[0]!.id).toBe('xiaoer-default-welcome');
  });

  it('use still comes first, and the seller\'s own replies keep their place before the built-in ones', () => {
    const mine = reply(7, 0, null);
    const used = { ...seeded.find((r) => r.id === 'xiaoer-default-address-check')!, usageCount: 3, lastUsedAt: '2026-11-02T00:00:00.000Z' };
    const lib = [...seeded.filter((r) => r.id !== used.id), used, mine].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const order = browseReplies(lib, { limit: 1000 }).map((h) => h.reply.id);
    expect(order.slice(0, 3)).toEqual([used.id, mine.id, 'xiaoer-default-welcome']);
    expect(order.slice(2)).toEqual(seedOrder.filter((id) => id !== used.id));
  });

  it('every built-in reply has its place in the seed order (a new default cannot be left out)', () => {
    expect(DEFAULT_REPLY_KEYS.map((k) => `xiaoer-default-${k}`)).toEqual(seedOrder);
  });
});
