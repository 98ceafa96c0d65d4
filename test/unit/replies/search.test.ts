import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../lib/schema/index.ts';
import { buildReplyIndex, buildShortcutTable, findShortcut, foldText, searchReplies, TIER } from '../../../lib/replies/search.ts';
import { defaultLibrary } from '../../../lib/replies/defaults.ts';

let n = 0;
function reply(p: Partial<Omit<Reply, 'body'>> & { title: string; body?: Partial<Reply['body']> }): Reply {
  n++;
  return {
    id: p.id ?? `r${n}`,
    title: p.title,
    shortcut: p.shortcut ?? '',
    categoryId: p.categoryId ?? 'c1',
    tags: p.tags ?? [],
    body: { 'zh-CN': '', 'zh-TW': '', en: '', ...p.body },
    usageCount: p.usageCount ?? 0,
    lastUsedAt: p.lastUsedAt ?? null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const LIB: Reply[] = [
  reply({ id: 'returns', title: '退换货规则', shortcut: 'th', tags: ['售后'], body: { 'zh-CN': '签收后7天内可以无理由退换货，运费说明见下。', en: 'You can return or exchange within 7 days.' } }),
  reply({ id: 'ship', title: '发货时间', shortcut: 'fh', tags: ['物流'], body: { 'zh-CN': '付款后48小时内发货。', en: 'Orders ship within 48 hours of payment.' } }),
  reply({ id: 'delay', title: 'Shipping delay', shortcut: '/delay', tags: ['weather'], body: { en: 'Because of the snow, the courier is running late.', 'zh-TW': '受天候影響，物流延誤。' } }),
  reply({ id: 'refund', title: '退款到账', shortcut: 'tk', body: { 'zh-CN': '退款会原路退回，银行卡1–3个工作日到账。', en: 'Refunds go back the way you paid.' } }),
  reply({ id: 'tw-only', title: '退貨運費', body: { 'zh-TW': '個人因素退貨，運費由買家負擔。' } }),
  reply({ id: 'greeting', title: 'Greeting', shortcut: 'hy', body: { en: 'Hi {buyer?}, welcome to {shop}! How can I help?' } }),
];

const ids = (q: string, opts = {}) => searchReplies(buildReplyIndex(LIB), q, opts).map((h) => h.reply.id);

describe('matching', () => {
  it('finds Chinese substrings in titles and bodies', () => {
    expect(ids('退换货')).toEqual(['returns']);
    expect(ids('工作日')).toEqual(['refund']);
    expect(ids('48小时')).toEqual(['ship']);
  });

  it('matches pinyin initials and full pinyin of Chinese titles', () => {
    expect(ids('thh')).toContain('returns');
    expect(ids('tuihuan')).toContain('returns');
    expect(ids('tuihuanhuo')).toEqual(['returns']);
    expect(ids('tuihu')[0]).toBe('returns'); // unfinished last syllable
    expect(ids('fhsj')).toEqual(['ship']);
    expect(ids('fahuoshijian')).toEqual(['ship']);
    const hit = searchReplies(buildReplyIndex(LIB), 'thh')[0]!;
    expect(hit).toMatchObject({ matched: 'pinyin', score: TIER.pinyinTitle });
  });

  it('matches full pinyin inside bodies, at syllable starts only', () => {
    expect(ids('gongzuori')).toEqual(['refund']);
    expect(ids('yuanlu')).toEqual(['refund']);
    // "uihuan" is inside "tuihuan" but not at a syllable start.
    expect(ids('uihuan')).toEqual([]);
  });

  it('pinyin of traditional text works through simplification', () => {
    expect(ids('yunfei')).toContain('tw-only'); // 運費 → 运费 → yun fei
    expect(ids('thyf')).toContain('tw-only');
  });

  it('treats simplified and traditional forms as the same', () => {
    expect(ids('退貨')).toContain('tw-only');
    expect(ids('退货')).toContain('tw-only');
    expect(ids('退貨規則')).toEqual([]);
    expect(ids('退換貨規則')).toEqual(['returns']);
    expect(ids('物流延误')).toEqual(['delay']); // body is zh-TW 物流延誤
    expect(foldText('退貨ＡＢＣ')).toBe('退货abc');
  });

  it('matches English word prefixes in any field, case-insensitively', () => {
    expect(ids('SHIP')).toEqual(expect.arrayContaining(['ship', 'delay']));
    expect(ids('courier')).toEqual(['delay']);
    expect(ids('snow')).toEqual(['delay']);
    expect(ids('weath')).toEqual(['delay']);
  });

  it('tolerates one typo on words of 4+ letters (insert, delete, substitute, swap)', () => {
    expect(ids('coureir')).toEqual(['delay']);
    expect(ids('curier')).toEqual(['delay']);
    expect(ids('couriers')).toEqual(['delay']);
    expect(ids('courrier')).toEqual(['delay']);
    expect(ids('refudn')).toEqual(['refund']); // unfinished "refunds" with a swap
    expect(searchReplies(buildReplyIndex(LIB), 'coureir')[0]!.matched).toBe('fuzzy');
    expect(ids('cuorier')).toEqual(['delay']);
    expect(ids('cuoreir')).toEqual([]); // two edits
    expect(ids('sbow')).toEqual(['delay']);
    expect(ids('sbo')).toEqual([]); // too short for typo tolerance
  });

  it('does not match template tokens', () => {
    expect(ids('buyer')).toEqual([]);
    expect(ids('shop')).not.toContain('greeting'); // (fuzzy finds "ship" elsewhere)
    expect(ids('welcome')).toEqual(['greeting']);
  });

  it('requires every word of a multi-word query', () => {
    expect(ids('return 7 days')).toEqual(['returns']);
    expect(ids('退款 snow')).toEqual([]);
    expect(ids('退款 paid')).toEqual(['refund']);
  });

  it('empty query lists everything, most used first; category filter applies', () => {
    const lib = LIB.map((r) => (r.id === 'refund' ? { ...r, usageCount: 9, categoryId: 'c2' } : r));
    const idx = buildReplyIndex(lib);
    expect(searchReplies(idx, '  ').map((h) => h.reply.id)[0]).toBe('refund');
    expect(searchReplies(idx, '', { categoryId: 'c2' }).map((h) => h.reply.id)).toEqual(['refund']);
    expect(searchReplies(idx, '退', { categoryId: 'c1' }).map((h) => h.reply.id)).not.toContain('refund');
    expect(searchReplies(idx, '', { limit: 2 })).toHaveLength(2);
  });
});

describe('ranking', () => {
  it('exact shortcut > prefix > substring > pinyin > fuzzy, whatever the usage', () => {
    const lib = [
      reply({ id: 'fuzzy', title: 'zzz', body: { en: 'we send a pracel' } }),
      reply({ id: 'body', title: 'zzz', body: { en: 'tracking for parcels' } }),
      reply({ id: 'title', title: 'Lost parcel', body: {} }),
      reply({ id: 'prefix', title: 'Parcel status', body: {} }),
      reply({ id: 'shortcut', title: 'zzz', shortcut: 'parcel', body: { en: 'x' } }),
    ].map((r, i) => ({ ...r, usageCount: 100 - i * 10 }));
    const hits = searchReplies(buildReplyIndex(lib), 'parcel');
    expect(hits.map((h) => [h.reply.id, h.matched])).toEqual([
      ['shortcut', 'shortcut'], ['prefix', 'prefix'], ['title', 'title'], ['body', 'body'], ['fuzzy', 'fuzzy'],
    ]);
    const mixed = [
      reply({ id: 'fuzzy', title: 'zzz', body: { en: 'yunfie' }, usageCount: 50 }),
      reply({ id: 'pinyin', title: '运费说明', usageCount: 40 }),
      reply({ id: 'substring', title: 'zzz', body: { en: 'yunfei' }, usageCount: 0 }),
    ];
    expect(searchReplies(buildReplyIndex(mixed), 'yunfei').map((h) => [h.reply.id, h.matched])).toEqual([
      ['substring', 'body'], ['pinyin', 'pinyin'], ['fuzzy', 'fuzzy'],
    ]);
  });

  it('within equal quality, most used first, then most recently used, then library order', () => {
    const lib = [
      reply({ id: 'a', title: '物流查询 A', usageCount: 1 }),
      reply({ id: 'b', title: '物流查询 B', usageCount: 5, lastUsedAt: '2026-03-01T10:00:00+08:00' }),
      reply({ id: 'c', title: '物流查询 C', usageCount: 5, lastUsedAt: '2026-03-01T03:00:00Z' }),
      reply({ id: 'd', title: '物流查询 D', usageCount: 0 }),
      reply({ id: 'e', title: '物流查询 E', usageCount: 0 }),
    ];
    // b used at 02:00Z, c at 03:00Z: c is more recent despite the later-looking local time.
    expect(searchReplies(buildReplyIndex(lib), '查询').map((h) => h.reply.id)).toEqual(['c', 'b', 'a', 'd', 'e']);
  });

  it('a usage bump reorders after an incremental rebuild that reuses the analysis', () => {
    const first = buildReplyIndex(LIB);
    const bumped = LIB.map((r) => (r.id === 'tw-only' ? { ...r, usageCount: 3 } : r));
    const second = buildReplyIndex(bumped, first);
    expect(second.words).toBe(first.words); // usage-only change: posting lists kept
    expect(second.byUsage).not.toEqual(first.byUsage);
    expect(second.docs.find((d) => d.reply.id === 'returns')).toMatchObject({ bodyPy: first.docs[0]!.bodyPy });
    expect(searchReplies(first, '退').map((h) => h.reply.id)).toEqual(['returns', 'refund', 'tw-only']);
    expect(searchReplies(second, '退').map((h) => h.reply.id)).toEqual(['tw-only', 'returns', 'refund']);
    expect(searchReplies(second, 'yunfei').map((h) => h.reply.id)[0]).toBe('tw-only');
    const edited = bumped.map((r) => (r.id === 'ship' ? { ...r, title: '发货须知' } : r));
    const third = buildReplyIndex(edited, second);
    expect(third.words).not.toBe(second.words);
    expect(searchReplies(third, 'fhxz').map((h) => h.reply.id)).toEqual(['ship']);
    expect(searchReplies(third, 'fhsj')).toEqual([]);
    const removed = buildReplyIndex(edited.filter((r) => r.id !== 'refund'), third);
    expect(searchReplies(removed, '工作日')).toEqual([]);
  });
});

describe('default library search', () => {
  const { replies } = defaultLibrary({ uiLang: 'zh-CN' });
  const idx = buildReplyIndex(replies);
  const top = (q: string) => searchReplies(idx, q, { limit: 5 }).map((h) => h.reply.id);
  it('finds the obvious reply for common agent queries', () => {
    expect(top('thh')).toContain('xiaoer-default-return-rules');
    expect(top('退貨')[0]).toBeDefined();
    expect(top('退換貨規則')).toEqual(['xiaoer-default-return-rules']);
    expect(top('fh')[0]).toBe('xiaoer-default-shipping-time');
    expect(top('破损')).toContain('xiaoer-default-arrived-damaged');
    expect(top('damaged')).toContain('xiaoer-default-arrived-damaged');
    expect(top('refnud')).toContain('xiaoer-default-refund-timing');
    expect(top('kuajing')).toContain('xiaoer-default-cross-border-times');
  });

  it('pinyin: a reply whose title says it comes before one that only has it in a tag ("fahuo" listed 不合并多账号订单, tagged 合并发货, above 发货时间和快递)', () => {
    for (const q of ['fahuo', 'fah', 'hebing']) {
      const hits = searchReplies(idx, q, { limit: 20 });
      const inTitle = (id: string) => {
        const r = replies.find((x) => x.id === id)!;
        return q.startsWith('fa') ? r.title.includes('发货') : r.title.includes('合并');
      };
      const order = hits.map((h) => inTitle(h.reply.id));
      // Every title hit before every tag-only hit.
      expect(order.indexOf(false) === -1 || order.lastIndexOf(true) < order.indexOf(false), `${q}: ${hits.map((h) => h.reply.title).join(' | ')}`).toBe(true);
      expect(order[0], q).toBe(true);
    }
  });
});

describe('shortcut lookup', () => {
  const T = '2026-11-01T00:00:00.000Z';
  const table = buildShortcutTable([
    { id: 'fh', shortcut: 'fh', usageCount: 0, createdAt: T },
    { id: 'dfh', shortcut: 'dfh', usageCount: 0, createdAt: T },
    { id: 'ship', shortcut: '/ship', usageCount: 0, createdAt: T },
    { id: 'thx', shortcut: ';thx', usageCount: 0, createdAt: T },
    { id: 'dup-low', shortcut: 'hy', usageCount: 1, createdAt: T },
    { id: 'dup-high', shortcut: 'HY', usageCount: 7, createdAt: T },
    { id: 'none', shortcut: '', usageCount: 0, createdAt: T },
  ]);
  const at = (typed: string) => findShortcut(table, typed);

  it('matches at the start of text or after whitespace/punctuation', () => {
    expect(at('fh')).toEqual({ replyId: 'fh', typed: 'fh', start: 0 });
    expect(at('ok fh')).toMatchObject({ replyId: 'fh', start: 3 });
    expect(at('好的，fh')).toMatchObject({ replyId: 'fh', start: 3 });
    expect(at('(fh')).toMatchObject({ replyId: 'fh' });
    expect(at('line\n/ship')).toMatchObject({ replyId: 'ship', start: 5 });
  });

  it('treats a CJK character before the shortcut as a boundary', () => {
    expect(at('好的fh')).toEqual({ replyId: 'fh', typed: 'fh', start: 2 });
    expect(at('您好/ship')).toMatchObject({ replyId: 'ship', start: 2 });
    expect(at('ありがとう;thx')).toMatchObject({ replyId: 'thx' });
  });

  it('refuses a shortcut glued to a Latin word or digit', () => {
    expect(at('sfh')).toBeNull();
    expect(at('2fh')).toBeNull();
    expect(at('abc/ship')).toBeNull();
    expect(at('fh ')).toBeNull();
    expect(at('f')).toBeNull();
    expect(at('')).toBeNull();
  });

  it('longest shortcut wins, and falls back when its boundary fails', () => {
    expect(at('dfh')).toMatchObject({ replyId: 'dfh', start: 0 });
    expect(at('好dfh')).toMatchObject({ replyId: 'dfh' });
    expect(at('adfh')).toBeNull();
  });

  it('is case-insensitive, folds full-width input, and the most used duplicate wins', () => {
    expect(at('FH')).toMatchObject({ replyId: 'fh', typed: 'FH' });
    expect(at('好的ｆｈ')).toMatchObject({ replyId: 'fh', typed: 'ｆｈ', start: 2 });
    expect(at('／ship')).toMatchObject({ replyId: 'ship' });
    expect(at('hy')).toMatchObject({ replyId: 'dup-high' });
  });

  it('is small and serialisable, and works from the index too', () => {
    const json = JSON.stringify(table);
    expect(JSON.parse(json)).toEqual(table);
    expect(table.entries.map((e) => e[0])).toEqual(['/ship', ';thx', 'dfh', 'fh', 'hy']);
    const idx = buildReplyIndex(LIB);
    expect(findShortcut(idx, '好的fh')).toMatchObject({ replyId: 'ship' });
    expect(findShortcut(idx, 'x /delay')).toMatchObject({ replyId: 'delay', start: 2 });
    const { replies } = defaultLibrary();
    expect(JSON.stringify(buildShortcutTable(replies)).length).toBeLessThan(4_000);
  });
});

describe('browseReplies (the list shown while the index is built)', () => {
  it('gives the same hits as the empty query on an index, per category', async () => {
    const { browseReplies } = await import('../../../lib/replies/search.ts');
    const lib = defaultLibrary().replies.map((r, i) => ({
      ...r,
      usageCount: (i * 7) % 5,
      lastUsedAt: i % 3 ? `2026-0${1 + (i % 9)}-01T00:00:00.000Z` : null,
    }));
    const index = buildReplyIndex(lib);
    for (const categoryId of [null, ...new Set(lib.map((r) => r.categoryId))]) {
      const viaIndex = searchReplies(index, '', { categoryId, limit: 30 }).map((h) => [h.reply.id, h.matched]);
      expect(browseReplies(lib, { categoryId, limit: 30 }).map((h) => [h.reply.id, h.matched])).toEqual(viaIndex);
      expect(viaIndex.length).toBeGreaterThan(0);
    }
  });
});
