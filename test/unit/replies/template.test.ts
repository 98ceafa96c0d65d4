import { describe, expect, it } from 'vitest';
import { defaultSettings, emptyContext, type PageContext, type Settings } from '../../../lib/schema/index.ts';
import {
  formatHours, guessCarrier, hasCursor, listVariables, parseTemplate, renderTemplate, templateSearchText,
} from '../../../lib/replies/template.ts';

// 2026-11-22T10:05:00Z = 18:05 in UTC+8.
const NOW = Date.UTC(2026, 10, 22, 10, 5);

function fullContext(): PageContext {
  return {
    buyer: { name: '小鱼', id: 'fish_88' },
    order: { number: '202611220001', product: '羊毛围巾', amount: '¥129.00', status: '已付款' },
    tracking: { number: 'SF1234567890123', carrier: '顺丰速运', eta: '11月25日' },
    buyerLang: 'zh-CN',
  };
}

function settings(over: Partial<Settings> = {}): Settings {
  return { ...defaultSettings('zh-CN'), shopName: '暖暖小铺', agentName: '阿青', signature: '— 暖暖小铺 阿青', promotion: '满199减30', ...over };
}

const render = (body: string, o: Partial<Parameters<typeof renderTemplate>[1]> = {}) =>
  renderTemplate(body, { lang: 'zh-CN', context: fullContext(), settings: settings(), now: NOW, ...o });

describe('variables', () => {
  it('fills every page and settings variable', () => {
    const r = render('{buyer}|{order}|{product}|{amount}|{tracking}|{carrier}|{eta}|{shop}|{agent}|{signature}|{promotion}');
    expect(r.text).toBe('小鱼|202611220001|羊毛围巾|¥129.00|SF1234567890123|顺丰速运|11月25日|暖暖小铺|阿青|— 暖暖小铺 阿青|满199减30');
    expect(r.missing).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it('fills {shop} {agent} {hours} (and their Chinese names) the seller wrote in the signature and promotion, once', () => {
    const s = settings({ signature: '{shop} 客服 {agent} · 服务时间 {服务时间}', promotion: '{店铺}满199减30' });
    expect(render('{signature}', { settings: s }).text).toBe('暖暖小铺 客服 阿青 · 服务时间 9:00–18:00（北京时间，UTC+8）');
    expect(render('{promotion}', { settings: s }).text).toBe('暖暖小铺满199减30');
    // No recursion, and what is not a settings variable stays as written.
    expect(render('{signature}', { settings: settings({ signature: '{signature} {buyer} {?x}' }) }).text).toBe('{signature} {buyer} {?x}');
  });

  it('an English reply takes the English shop and agent names; a Chinese name is not put into it, the agent is asked instead', () => {
    const en = { lang: 'en' as const, context: fullContext(), now: NOW };
    // English names set: English replies use them, Chinese replies keep the Chinese ones.
    const both = settings({ shopNameEn: 'Warm Home', agentNameEn: 'Qing', signature: '{shop} · {agent}' });
    expect(renderTemplate('Welcome to {shop}! I\'m {agent}. {signature}', { ...en, settings: both }).text).toBe("Welcome to Warm Home! I'm Qing. Warm Home · Qing");
    expect(renderTemplate('欢迎光临{shop}，我是{agent}', { lang: 'zh-CN', context: fullContext(), settings: both, now: NOW }).text).toBe('欢迎光临暖暖小铺，我是阿青');
    // None set and the main names Chinese: was "Welcome to 暖暖小铺! I'm 阿青"; now both are asked for.
    const r = renderTemplate('Welcome to {shop}! I\'m {agent}.', { ...en, settings: settings() });
    expect(r.complete).toBe(false);
    expect(r.missing.map((m) => m.name)).toEqual(['shop', 'agent']);
    expect(r.text).not.toMatch(/暖暖小铺|阿青/);
    // Main names without Chinese serve English replies as they are.
    expect(renderTemplate('Welcome to {shop}!', { ...en, settings: settings({ shopName: 'Warm Home' }) }).text).toBe('Welcome to Warm Home!');
  });

  it('renders {hours} with an explicit zone per language', () => {
    const s = settings();
    expect(render('{hours}').text).toBe('9:00–18:00（北京时间，UTC+8）');
    expect(render('{hours}', { lang: 'en' }).text).toBe('9:00–18:00 (UTC+8)');
    expect(render('{hours}', { lang: 'zh-TW' }).text).toBe('9:00–18:00（UTC+8）');
    expect(formatHours({ ...s.hours, utcOffsetMinutes: 330 }, 'en')).toBe('9:00–18:00 (UTC+5:30)');
    expect(formatHours({ start: '22:00', end: '02:00', utcOffsetMinutes: -300 }, 'en')).toBe('22:00–2:00 (next day) (UTC-5)');
    expect(formatHours({ start: '22:00', end: '02:00', utcOffsetMinutes: 0 }, 'zh-CN')).toBe('22:00–次日2:00（UTC）');
    expect(formatHours({ start: '09:30', end: '18:00', utcOffsetMinutes: 540 }, 'zh-CN')).toBe('9:30–18:00（UTC+9）');
  });

  it('renders {date} and {time} in the shop time zone from the injected clock', () => {
    expect(render('{date} {time}').text).toBe('2026年11月22日 18:05（北京时间）');
    expect(render('{date} {time}', { lang: 'en' }).text).toBe('22 Nov 2026 18:05 (UTC+8)');
    // 23:30 UTC is already the next day in UTC+8.
    const late = Date.UTC(2026, 10, 22, 23, 30);
    expect(render('{date}', { now: late }).text).toBe('2026年11月23日');
    const ny = settings({ hours: { start: '09:00', end: '17:00', utcOffsetMinutes: -300 } });
    expect(render('{date} {time}', { now: late, settings: ny, lang: 'en' }).text).toBe('22 Nov 2026 18:30 (UTC-5)');
  });

  it('accepts names case-insensitively and Chinese aliases', () => {
    expect(render('{Buyer} {买家} {訂單號} {快递}').text).toBe('小鱼 小鱼 202611220001 顺丰速运');
  });

  it('answers win over page values and fill asks', () => {
    const r = render('{buyer}：新价格{?新价格}，{?新价格}', { answers: { buyer: '鱼鱼', '?新价格': '¥99' } });
    expect(r.text).toBe('鱼鱼：新价格¥99，¥99');
    expect(r.complete).toBe(true);
  });
});

describe('missing values', () => {
  it('reports required variables and asks with labels and guesses, once each', () => {
    const ctx = fullContext();
    ctx.buyer.name = null;
    ctx.tracking.carrier = null;
    const r = render('{buyer}您好，{carrier}{tracking}，{buyer}，{?退款日期}{?退款日期}', { context: ctx, uiLang: 'en' });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([
      { name: 'buyer', kind: 'var', label: 'Buyer name', optional: false, guess: 'fish_88' },
      { name: 'carrier', kind: 'var', label: 'Courier', optional: false, guess: '顺丰速运' },
      { name: '?退款日期', kind: 'ask', label: '退款日期', optional: false, guess: null },
    ]);
    expect(r.text).not.toMatch(/[{}]/);
  });

  it('says where each missing required value goes (gaps), in order, with the cursor and a dropped optional around them', () => {
    const ctx = fullContext();
    ctx.buyer.name = null;
    ctx.buyer.id = null;
    const r = renderTemplate('Hi {buyer?}, welcome to {shop}! I\'m {agent}. New price: {?新价格}{cursor}', { lang: 'en', context: ctx, settings: settings({ shopName: '', agentName: ' ' }) });
    expect(r.text).toBe("Hi, welcome to ! I'm . New price: ");
    expect(r.gaps).toEqual([{ at: 15, name: 'shop' }, { at: 21, name: 'agent' }, { at: 34, name: '?新价格' }]);
    expect(r.cursor).toBe(34);
    // Filled, the value stands where its gap was.
    const filled = renderTemplate('Hi {buyer?}, welcome to {shop}! I\'m {agent}. New price: {?新价格}{cursor}', { lang: 'en', context: ctx, settings: settings({ shopName: 'Warm', agentName: 'Qing' }), answers: { '?新价格': '¥99' } });
    expect(filled.text).toBe("Hi, welcome to Warm! I'm Qing. New price: ¥99");
    expect(filled.gaps).toEqual([]);
    // A required value missing on the line of a dropped optional: judged as the filled line will be
    // ("{order} {buyer?}：" keeps its colon after the order number, as it does once the number is there).
    const ctx2 = fullContext();
    ctx2.buyer.name = null;
    ctx2.buyer.id = null;
    ctx2.order.number = null;
    const gapped = render('订单{order}{buyer?}：已发货', { context: ctx2 });
    const full = render('订单{order}{buyer?}：已发货', { context: { ...ctx2, order: { ...ctx2.order, number: '42' } } });
    expect(full.text).toBe('订单42：已发货');
    expect(gapped.text.slice(0, gapped.gaps[0]!.at) + '42' + gapped.text.slice(gapped.gaps[0]!.at)).toBe(full.text);
  });

  it('treats blank values as missing and uses caller guesses', () => {
    const r = renderTemplate('{shop} {?新价格}', { lang: 'en', settings: settings({ shopName: '  ' }), guesses: { shop: 'Warm Shop', '?新价格': '¥99' } });
    expect(r.missing.map((m) => [m.name, m.guess])).toEqual([['shop', 'Warm Shop'], ['?新价格', '¥99']]);
  });

  it('without settings, settings variables are missing and the clock uses the local zone', () => {
    const r = renderTemplate('{shop}{hours}{date}', { lang: 'en', now: NOW });
    expect(r.missing.map((m) => m.name)).toEqual(['shop', 'hours']);
    expect(r.text).toMatch(/\d{1,2} Nov 2026/);
  });

  it('guesses couriers from tracking number shapes only', () => {
    expect(guessCarrier('SF1234567890123', 'en')).toBe('SF Express');
    expect(guessCarrier('LX123456789CN', 'zh-TW')).toBe('中國郵政');
    expect(guessCarrier('1Z999AA10123456784', 'en')).toBe('UPS');
    expect(guessCarrier('123', 'en')).toBeNull();
    expect(guessCarrier(null, 'en')).toBeNull();
  });
});

describe('optional variables', () => {
  const noBuyer = (): PageContext => ({ ...emptyContext() });
  const cases: Array<[string, string]> = [
    ['亲爱的{buyer?}，您好！', '您好！'],
    ['親愛的{buyer?}您好！', '您好！'],
    ['{buyer?}，您好', '您好'],
    ['您好{buyer?}，请问', '您好，请问'],
    ['Hi {buyer?}, thanks for waiting.', 'Hi, thanks for waiting.'],
    ['Welcome back, {buyer?}!', 'Welcome back!'],
    ['No worries, {buyer?}, I am on it.', 'No worries, I am on it.'],
    ['Hello {buyer?} and welcome', 'Hello and welcome'],
    ['Dear {buyer?},\n\nThank you', 'Thank you'],
    ['Line one\nDear {buyer?},\nThank you', 'Line one\nThank you'],
    ['感谢{buyer?您}的支持', '感谢您的支持'],
    ['{buyer?亲}，发货啦', '亲，发货啦'],
    ['Dear {buyer?customer},', 'Dear customer,'],
    ['Thanks! {signature?}', 'Thanks!'],
    ['Adieu {buyer?}', 'Adieu'],
  ];
  for (const [body, want] of cases) {
    it(`drops "${body.replace(/\n/g, '\\n')}" to "${want.replace(/\n/g, '\\n')}"`, () => {
      const r = renderTemplate(body, { lang: 'zh-CN', context: noBuyer(), settings: settings({ signature: '' }), now: NOW });
      expect(r.text).toBe(want);
      expect(r.complete).toBe(true);
      expect(r.missing.every((m) => m.optional)).toBe(true);
    });
  }

  it('keeps the value when present', () => {
    expect(render('亲爱的{buyer?}，您好').text).toBe('亲爱的小鱼，您好');
    expect(render('{buyer?亲}，发货啦').text).toBe('小鱼，发货啦');
  });

  it('a variable optional in one place and required in another is required', () => {
    const r = renderTemplate('Hi {buyer?}, {buyer}', { lang: 'en', now: NOW });
    expect(r.missing).toEqual([expect.objectContaining({ name: 'buyer', optional: false })]);
    expect(r.complete).toBe(false);
  });
});

describe('cursor', () => {
  it('reports the caret offset in the rendered text and removes the token', () => {
    const r = render('您好{buyer}，{cursor}祝好');
    expect(r.text).toBe('您好小鱼，祝好');
    expect(r.cursor).toBe(5);
    expect(r.text.slice(r.cursor!)).toBe('祝好');
  });

  it('counts offsets after long values and dropped optionals', () => {
    const r = renderTemplate('亲爱的{buyer?}，{cursor}您好 {order}', { lang: 'zh-CN', context: fullContext(), now: NOW, answers: { buyer: '' } });
    expect(r.text.slice(0, r.cursor!)).toBe('亲爱的小鱼，');
    const dropped = renderTemplate('亲爱的{buyer?}，{cursor}您好', { lang: 'zh-CN', context: emptyContext(), now: NOW });
    expect(dropped.text).toBe('您好');
    expect(dropped.cursor).toBe(0);
  });

  it('first cursor wins; none gives null', () => {
    const r = render('a{cursor}b{cursor}c');
    expect(r).toMatchObject({ text: 'abc', cursor: 1 });
    expect(render('abc').cursor).toBeNull();
    expect(hasCursor('x{cursor}')).toBe(true);
    expect(hasCursor('x{{cursor}}')).toBe(false);
  });

  it('a cursor on a dropped greeting line survives at the line start', () => {
    const r = renderTemplate('{cursor}Dear {buyer?},\nThank you', { lang: 'en', now: NOW });
    expect(r.text).toBe('Thank you');
    expect(r.cursor).toBe(0);
  });
});

describe('escapes and literal text', () => {
  it('writes literal braces for {{ and }}', () => {
    expect(render('{{buyer}} is {buyer}').text).toBe('{buyer} is 小鱼');
    expect(render('}} {{').text).toBe('} {');
  });

  it('keeps unknown words, empty braces and lone braces literal', () => {
    expect(render('颜色{colour}、{颜色}、{}、{ }、{?}、{ 、}').text).toBe('颜色{colour}、{颜色}、{}、{ }、{?}、{ 、}');
    const r = render('{foo?}{cursor?}');
    expect(r.text).toBe('{foo?}{cursor?}');
    expect(r.cursor).toBeNull();
  });

  it('does not re-read values as templates', () => {
    const ctx = fullContext();
    ctx.buyer.name = '{order}{cursor}';
    const r = render('Hi {buyer}', { context: ctx });
    expect(r.text).toBe('Hi {order}{cursor}');
    expect(r.cursor).toBeNull();
  });
});

describe('hostile input', () => {
  it('never evaluates code', () => {
    const g = globalThis as { __pwned?: boolean };
    const bodies = [
      "{{constructor.constructor('globalThis.__pwned=true')()}}",
      "${globalThis.__pwned=true}",
      "{constructor.constructor('globalThis.__pwned=true')()}",
      '{__proto__}{toString}{constructor}{valueOf}',
      "{?constructor}{buyer?${globalThis.__pwned=true}}",
    ];
    for (const b of bodies) render(b);
    expect(g.__pwned).toBeUndefined();
    expect(render(bodies[0]!).text).toBe("{constructor.constructor('globalThis.__pwned=true')()}");
    expect(render(bodies[1]!).text).toBe('${globalThis.__pwned=true}');
    expect(render(bodies[3]!).text).toBe('{__proto__}{toString}{constructor}{valueOf}');
  });

  it('asks for a label named like an object property without touching prototypes', () => {
    const r = render('{?__proto__}{?constructor}');
    expect(r.missing.map((m) => m.name)).toEqual(['?__proto__', '?constructor']);
  });

  it('survives pathological bodies (unclosed and nested braces)', () => {
    const big = '{'.repeat(100_000) + '}'.repeat(100_000) + '{buyer?'.repeat(20_000);
    const r = render(big);
    expect(r.text.length).toBeGreaterThan(100_000);
  });

  it('private-use characters in the input do not confuse the markers', () => {
    const pua = '\ue000\ue001';
    const r = renderTemplate(`${pua}Hi {buyer?}, {cursor}x${pua}`, { lang: 'en', now: NOW });
    expect(r.text).toBe(`${pua}Hi, x${pua}`);
    expect(r.cursor).toBe(r.text.indexOf('x'));
  });
});

describe('parse and list', () => {
  it('tokenises with source offsets', () => {
    const toks = parseTemplate('Hi {buyer?}, {?新价格} {cursor}');
    expect(toks.map((t) => t.kind)).toEqual(['text', 'var', 'text', 'ask', 'text', 'cursor']);
    expect(toks[1]).toMatchObject({ name: 'buyer', optional: true, fallback: '', start: 3, end: 11 });
    expect(toks[3]).toMatchObject({ label: '新价格' });
  });

  it('lists variables and asks once, in order', () => {
    expect(listVariables('{buyer?} {order} {?新价格} {buyer} {?新价格} {cursor} {{shop}}')).toEqual([
      { key: 'buyer', kind: 'var', name: 'buyer', optional: false },
      { key: 'order', kind: 'var', name: 'order', optional: false },
      { key: '?新价格', kind: 'ask', name: '新价格', optional: false },
    ]);
  });

  it('gives search the text without tokens, keeping fallbacks', () => {
    expect(templateSearchText('{buyer?亲}，订单{order}已发货{cursor}')).toBe('亲，订单 已发货 ');
  });
});

describe('suspectPlaceholders (reply editor warning)', () => {
  it('flags unknown words in braces with the variable most likely meant, and unclosed known names', async () => {
    const { suspectPlaceholders } = await import('../../../lib/replies/template.ts');
    const body = '单号 {odrer}，快递 {trackign}，{colour} 款';
    expect(suspectPlaceholders(body)).toEqual([
      { text: '{odrer}', start: body.indexOf('{odrer}'), suggestion: '{order}' },
      { text: '{trackign}', start: body.indexOf('{trackign}'), suggestion: '{tracking}' },
      { text: '{colour}', start: body.indexOf('{colour}'), suggestion: null },
    ]);
    const open = 'Hi {buyer, your order {order ships today';
    expect(suspectPlaceholders(open)).toEqual([
      { text: '{buyer', start: open.indexOf('{buyer'), suggestion: '{buyer}' },
      { text: '{order', start: open.indexOf('{order'), suggestion: '{order}' },
    ]);
    expect(suspectPlaceholders('{订单hao} {买加}').map((s) => s.suggestion)).toEqual([null, '{买家}']);
  });

  it('leaves variables, asks, cursor, literal braces and prose alone', async () => {
    const { suspectPlaceholders } = await import('../../../lib/replies/template.ts');
    expect(suspectPlaceholders('亲爱的{buyer?}，订单{订单号}已发出 {?新价格} {cursor} {{odrer}} {a b} { } {} 1{2 JSON {"x":1}')).toEqual([]);
  });
});

describe('settings texts in a reply of another script', () => {
  it('a Chinese signature or promotion stays out of an English reply: {signature?} drops it, a required one is asked for', () => {
    const en = renderTemplate('Thank you! {signature?}', { lang: 'en', context: fullContext(), settings: settings(), now: NOW });
    expect(en.text).toBe('Thank you!');
    expect(en.complete).toBe(true);
    const promo = renderTemplate('Good news: {promotion}.', { lang: 'en', context: fullContext(), settings: settings(), now: NOW });
    expect(promo.complete).toBe(false);
    expect(promo.missing.map((m) => [m.name, m.optional])).toEqual([['promotion', false]]);
    // Written in English, it goes in.
    expect(renderTemplate('Thank you! {signature?}', { lang: 'en', context: fullContext(), settings: settings({ signature: 'Ann, Warm Wool' }), now: NOW }).text).toBe('Thank you! Ann, Warm Wool');
  });
  it('a Latin signature or promotion stays in a Chinese reply (the agent sees it before sending)', () => {
    const zh = renderTemplate('感谢！{promotion} {signature?}', { lang: 'zh-CN', context: fullContext(), settings: settings({ signature: 'Ann, Warm Wool', promotion: '10% off over $50' }), now: NOW });
    expect(zh.text).toBe('感谢！10% off over $50 Ann, Warm Wool');
  });
});

describe('a signature or promotion that uses a blank shop or agent name', () => {
  const blankShop = settings({ shopName: '', signature: '—{shop} 客服{agent}' });
  it('asks for the name where it stands, as a {shop} in the body is asked for, instead of leaving it out', () => {
    for (const body of ['谢谢！{signature}', '谢谢！{signature?}']) {
      const r = render(body, { settings: blankShop });
      // Was "谢谢！— 客服阿青", complete: the shop name silently gone from every reply.
      expect(r.complete).toBe(false);
      expect(r.missing).toEqual([{ name: 'shop', kind: 'var', label: '店铺名', optional: false, guess: null }]);
      expect(r.text).toBe('谢谢！— 客服阿青');
      expect(r.gaps).toEqual([{ at: 4, name: 'shop' }]);
    }
  });
  it('takes the name typed in the form, and a name asked in the body and the signature once', () => {
    const r = render('欢迎光临{shop?}～{signature}', { settings: blankShop, answers: { shop: '暖暖小铺' } });
    expect(r.complete).toBe(true);
    expect(r.text).toBe('欢迎光临暖暖小铺～—暖暖小铺 客服阿青');
    const asked = render('欢迎光临{shop?}～{promotion}', { settings: settings({ shopName: '', promotion: '{shop}满199减30' }) });
    expect(asked.missing.map((m) => [m.name, m.optional])).toEqual([['shop', false]]);
  });
  it('a blank agent name in an English signature is asked for too; a signature without the names is as before', () => {
    const en = renderTemplate('Thanks! {signature}', { lang: 'en', context: fullContext(), settings: settings({ agentName: '', shopNameEn: 'Warm Home', signature: '{agent}, {shop}' }), now: NOW });
    expect(en.missing.map((m) => m.name)).toEqual(['agent']);
    expect(en.text).toBe('Thanks! , Warm Home');
    expect(render('谢谢！{signature}', { settings: settings({ shopName: '' }) }).text).toBe('谢谢！— 暖暖小铺 阿青');
  });
});
