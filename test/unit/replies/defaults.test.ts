import { describe, expect, it } from 'vitest';
import { Category, LANGS, Reply, defaultSettings, type PageContext, type Settings } from '../../../lib/schema/index.ts';
import { defaultLibrary, DEFAULT_LIBRARY_EPOCH, relabelDefaults } from '../../../lib/replies/defaults.ts';
import { listVariables, parseTemplate, renderTemplate, VARIABLE_NAMES } from '../../../lib/replies/template.ts';

const en = defaultLibrary({ uiLang: 'en' });
const zh = defaultLibrary({ uiLang: 'zh-CN' });
const tw = defaultLibrary({ uiLang: 'zh-TW' });

const context: PageContext = {
  buyer: { name: 'Lily', id: 'lily_01' },
  order: { number: '3050112233', product: 'wool scarf', amount: '$29.00', status: 'paid' },
  tracking: { number: 'SF1234567890123', carrier: 'SF Express', eta: '25 Nov' },
  buyerLang: 'en',
};
const settings: Settings = { ...defaultSettings('en'), shopName: 'Warm Wool', agentName: 'Ann', signature: 'Ann, Warm Wool', promotion: '10% off orders over $50' };

describe('default library', () => {
  it('has at least 45 replies in 9 ordered categories with symbols, all valid records', () => {
    expect(en.replies.length).toBeGreaterThanOrEqual(45);
    expect(en.categories).toHaveLength(9);
    expect(en.categories.map((c) => c.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const c of en.categories) {
      expect(Category.parse(c)).toEqual(c);
      expect(c.symbol).not.toBe('');
    }
    for (const r of en.replies) expect(Reply.parse(r)).toEqual(r);
    const catIds = new Set(en.categories.map((c) => c.id));
    for (const r of en.replies) expect(catIds.has(r.categoryId)).toBe(true);
    for (const c of en.categories) expect(en.replies.some((r) => r.categoryId === c.id)).toBe(true);
  });

  it('has stable ids and the given or fixed timestamps', () => {
    expect(zh.replies.map((r) => r.id)).toEqual(en.replies.map((r) => r.id));
    expect(new Set(en.replies.map((r) => r.id)).size).toBe(en.replies.length);
    expect(en.replies.every((r) => r.createdAt === DEFAULT_LIBRARY_EPOCH && r.usageCount === 0 && r.lastUsedAt === null)).toBe(true);
    const at = '2026-11-22T10:00:00.000Z';
    expect(defaultLibrary(at).replies.every((r) => r.createdAt === at && r.updatedAt === at)).toBe(true);
    expect(defaultLibrary({ now: at }).replies[0]!.updatedAt).toBe(at);
    expect(defaultLibrary()).toEqual(defaultLibrary());
  });

  it('titles, tags and category names follow the UI language', () => {
    const ret = (lib: typeof en) => lib.replies.find((r) => r.id === 'xiaoer-default-return-rules')!;
    expect(ret(zh).title).toBe('退换货规则和运费');
    expect(ret(tw).title).toBe('退換貨規則與運費');
    expect(ret(en).title).toMatch(/^Return and exchange rules/);
    expect(zh.categories[0]!.name).toBe('问候欢迎');
    expect(ret(tw).tags).toContain('退換貨');
  });

  it('every reply has non-empty bodies in all three languages, and distinct zh-TW wording', () => {
    for (const lib of [zh, tw, en]) {
      for (const r of lib.replies) for (const l of LANGS) expect(r.body[l].trim(), `${r.id} ${l}`).not.toBe('');
    }
    for (const r of en.replies) expect(r.body['zh-TW'], r.id).not.toBe(r.body['zh-CN']);
    // Taiwan wording, not just converted characters.
    const all = en.replies.map((r) => r.body['zh-TW']).join('\n');
    expect(all).toMatch(/出貨/);
    expect(all).toMatch(/訊息/);
    expect(all).not.toMatch(/发货|运费|订单|质量|信息|快递/);
  });

  it('shortcuts are unique, non-empty and free of spaces', () => {
    const s = en.replies.map((r) => r.shortcut.toLowerCase());
    expect(new Set(s).size).toBe(s.length);
    for (const x of s) expect(x).toMatch(/^[a-z/;]{1,10}$/);
  });

  it('uses only known variables', () => {
    const known = new Set<string>(VARIABLE_NAMES);
    for (const r of en.replies) {
      for (const l of LANGS) {
        for (const t of parseTemplate(r.body[l])) {
          if (t.kind === 'var') expect(known.has(t.name), `${r.id} ${l}`).toBe(true);
        }
        // Nothing that looks like a variable but is not one (a typo would show to a buyer).
        const literal = parseTemplate(r.body[l]).filter((t) => t.kind === 'text').map((t) => (t as { text: string }).text).join('');
        expect(literal, `${r.id} ${l}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('uses variables where an agent would', () => {
    const used = new Set(en.replies.flatMap((r) => LANGS.flatMap((l) => listVariables(r.body[l]).map((v) => v.key))));
    for (const v of ['buyer', 'order', 'tracking', 'carrier', 'eta', 'product', 'shop', 'agent', 'hours', 'promotion']) expect(used.has(v), v).toBe(true);
    expect([...used].some((k) => k.startsWith('?'))).toBe(true);
    const hours = en.replies.find((r) => r.id === 'xiaoer-default-service-hours')!;
    expect(listVariables(hours.body.en).map((v) => v.key)).toContain('hours');
    // The same variables in every language of a reply (an agent switching language gets the same fill-ins).
    for (const r of en.replies) {
      const vars = (l: (typeof LANGS)[number]) => listVariables(r.body[l]).filter((v) => v.kind === 'var').map((v) => v.key).sort();
      expect(vars('zh-TW'), r.id).toEqual(vars('zh-CN'));
      expect(vars('en'), r.id).toEqual(vars('zh-CN'));
    }
  });

  it('renders without leftover braces given a full context and answers', () => {
    for (const r of en.replies) {
      for (const l of LANGS) {
        const asks = Object.fromEntries(listVariables(r.body[l]).filter((v) => v.kind === 'ask').map((v) => [v.key, 'X']));
        const out = renderTemplate(r.body[l], { lang: l, context, settings, answers: asks, now: Date.UTC(2026, 10, 22, 3) });
        expect(out.complete, `${r.id} ${l}`).toBe(true);
        expect(out.text, `${r.id} ${l}`).not.toMatch(/[{}]/);
        expect(out.text).not.toMatch(/undefined|null/);
      }
    }
  });

  it('greetings read well without a buyer name', () => {
    const noName: PageContext = { ...context, buyer: { name: null, id: null } };
    const first = en.replies.find((r) => r.id === 'xiaoer-default-welcome')!;
    const out = (l: (typeof LANGS)[number]) => renderTemplate(first.body[l], { lang: l, context: noName, settings, now: 0 }).text;
    expect(out('zh-CN').startsWith('您好！欢迎光临Warm Wool')).toBe(true);
    expect(out('zh-TW').startsWith('您好！歡迎光臨Warm Wool')).toBe(true);
    expect(out('en').startsWith('Hi, welcome to Warm Wool!')).toBe(true);
    const back = en.replies.find((r) => r.id === 'xiaoer-default-welcome-back')!;
    expect(renderTemplate(back.body.en, { lang: 'en', context: noName, settings }).text.startsWith('Welcome back! Thank you')).toBe(true);
  });

  it('covers every topic agents need (by English tag or title)', () => {
    const topics: Array<[string, RegExp]> = [
      ['greeting', /greeting|welcome/],
      ['current promotion', /promotion/],
      ['product size/spec', /size|specification/],
      ['shipping time and courier', /shipping time/],
      ['tracking update', /tracking update/i],
      ['logistics delay weather', /weather/],
      ['logistics delay remote area', /remote area/],
      ['stock-out after a sale', /stock-out/],
      ['late shipping apology after campaign', /late shipping/],
      ['order change before warehouse', /before warehouse/],
      ['order change after shipped', /after shipping/],
      ['address change', /address/],
      ['price change done', /price updated/i],
      ['payment received', /payment received/],
      ['return/exchange rules', /returns/],
      ['who pays return postage', /return postage/],
      ['refund timing', /refund timing/i],
      ['item arrived damaged', /damaged/],
      ['service hours', /service hours/],
      ['one-per-buyer', /one per buyer/],
      ['refuse merging accounts', /combined shipping/],
      ['follow-up after complaint', /follow-up/],
      ['confirm demand in writing', /confirm in writing/],
      ['buyer upset', /upset buyer/],
      ['where is my parcel', /where is my parcel/],
      ['no bargaining', /bargaining/],
      ['negative review while online', /negative review/],
      ['cross-border delivery time', /cross-border/],
    ];
    for (const [topic, re] of topics) {
      expect(en.replies.some((r) => re.test(r.title) || r.tags.some((t) => re.test(t))), topic).toBe(true);
    }
    // Order changes exist as separate replies for before-warehouse and after-shipped.
    const changes = en.replies.filter((r) => r.tags.includes('order change'));
    expect(changes.filter((r) => r.tags.includes('before warehouse')).length).toBeGreaterThanOrEqual(2);
    expect(changes.filter((r) => r.tags.includes('after shipping')).length).toBeGreaterThanOrEqual(2);
  });

  it('never promises round-the-clock service', () => {
    const all = en.replies.flatMap((r) => LANGS.map((l) => r.body[l])).join('\n');
    expect(all).not.toMatch(/24\/7|24小时在线|24小時在線|any time of day|around the clock|全天候/i);
  });
});

describe('relabelDefaults (UI language switch)', () => {
  const apply = <T extends { id: string }>(rows: readonly T[], changed: readonly T[]) => rows.map((r) => changed.find((c) => c.id === r.id) ?? r);
  const switchTo = (lib: { categories: Category[]; replies: Reply[] }, lang: 'zh-CN' | 'zh-TW' | 'en') => {
    const changed = relabelDefaults(lib.categories, lib.replies, lang);
    return { changed, categories: apply(lib.categories, changed.categories), replies: apply(lib.replies, changed.replies) };
  };

  it('an untouched library installed in one language reads exactly as installed in another, bodies and dates untouched', () => {
    for (const [from, to, want] of [[zh, 'en', en], [en, 'zh-TW', tw], [tw, 'zh-CN', zh]] as const) {
      const out = switchTo(from, to);
      expect(out.categories).toEqual(want.categories);
      expect(out.replies).toEqual(want.replies);
      expect(out.changed.categories.length).toBe(9);
    }
  });

  it('changes nothing when the language is the one already shown', () => {
    expect(relabelDefaults(en.categories, en.replies, 'en')).toEqual({ categories: [], replies: [] });
  });

  it("keeps what the seller renamed or retagged, and the seller's own records", () => {
    const cats = zh.categories.map((c, i) => (i === 0 ? { ...c, name: '开场白' } : c));
    const mine: Category = { id: 'cat-mine', name: '售后退换', symbol: '★', order: 20 };
    const replies = zh.replies.map((r, i) => (i === 0 ? { ...r, title: '我的问候' } : i === 1 ? { ...r, tags: [...r.tags, '自定义'] } : r));
    const own: Reply = { ...zh.replies[2]!, id: 'reply-mine' };
    const out = relabelDefaults([...cats, mine], [...replies, own], 'en');
    const ids = out.categories.map((c) => c.id);
    expect(ids).not.toContain(cats[0]!.id);
    expect(ids).not.toContain('cat-mine');
    expect(out.categories).toHaveLength(8);
    const first = out.replies.find((r) => r.id === replies[0]!.id)!;
    expect(first.title).toBe('我的问候'); // renamed: kept
    expect(first.tags).toEqual(en.replies[0]!.tags); // tags untouched by the seller: follow
    const second = out.replies.find((r) => r.id === replies[1]!.id)!;
    expect(second.title).toBe(en.replies[1]!.title);
    expect(second.tags).toEqual(replies[1]!.tags); // retagged: kept
    expect(out.replies.find((r) => r.id === 'reply-mine')).toBeUndefined();
  });

  it("does not give a built-in category a name one of the seller's own categories has", () => {
    const mine: Category = { id: 'cat-mine', name: 'Shipping', symbol: '★', order: 20 };
    const out = relabelDefaults([...zh.categories, mine], zh.replies, 'en');
    expect(out.categories.map((c) => c.name)).not.toContain('Shipping');
    expect(out.categories).toHaveLength(8);
  });
});
