import { describe, expect, it } from 'vitest';
import { defaultSettings, type PageContext } from '../../../lib/schema/index.ts';
import { isMaskedName } from '../../../lib/replies/masked-name.ts';
import { renderTemplate } from '../../../lib/replies/template.ts';

describe('isMaskedName: a nickname the marketplace hid behind asterisks', () => {
  it.each([
    ['景**'], // Pinduoduo
    ['t**8'], // Taobao
    ['张*'],
    ['*明'],
    ['王*明'],
    ['l*****y'], // Shopee / Lazada
    ['J***n'],
    ['a*b'],
    ['t*'],
    ['景＊＊'], // full-width
    ['张＊'],
    ['景**(6840347447)'],
  ])('%s is masked', (name) => {
    expect(isMaskedName(name)).toBe(true);
  });

  it.each([
    ['小鱼'],
    ['王女士 (wang_mei88)'],
    ['tb80317542'],
    ['Lucas Oliveira'],
    ['★Lily★'],
    ['Lily * shop'], // a lone decoration between blanks hides no letter
    ['*'],
    [''],
  ])('%s is a real name', (name) => {
    expect(isMaskedName(name)).toBe(false);
  });
});

describe('a masked buyer name is not inserted into a reply', () => {
  const ctx = (name: string | null): PageContext => ({
    buyer: { name, id: null },
    order: { number: null, product: null, amount: null, status: null },
    tracking: { number: null, carrier: null, eta: null },
    buyerLang: 'zh-CN',
  });
  const render = (body: string, name: string | null) =>
    renderTemplate(body, { lang: 'zh-CN', context: ctx(name), settings: { ...defaultSettings('zh-CN'), shopName: '暖暖小铺', agentName: '阿青' }, uiLang: 'en' });

  it('an optional {buyer?亲} falls back, {buyer?} disappears with its honorific', () => {
    expect(render('{buyer?亲}，欢迎回来', '景**').text).toBe('亲，欢迎回来');
    expect(render('亲爱的{buyer?}，您好！', '景**').text).toBe('您好！');
    expect(render('{buyer?亲}，欢迎回来', 't**8').complete).toBe(true);
  });

  it('a required {buyer} is asked for, as when the page shows no name', () => {
    const r = render('{buyer}您好', '张*');
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([{ name: 'buyer', kind: 'var', label: 'Buyer name', optional: false, guess: null }]);
    expect(render('{buyer}您好', '张*').text).not.toContain('*');
  });

  it('the agent may still type any name, and a real name is inserted as before', () => {
    expect(renderTemplate('{buyer}您好', { lang: 'zh-CN', context: ctx('景**'), answers: { buyer: '景先生' } }).text).toBe('景先生您好');
    expect(render('亲爱的{buyer?}，您好！', '小鱼').text).toBe('亲爱的小鱼，您好！');
  });

  it('a masked guess is not offered either', () => {
    const r = renderTemplate('{buyer}您好', { lang: 'zh-CN', context: { ...ctx('景**'), buyer: { name: '景**', id: null } }, guesses: { buyer: 'c**8' } });
    expect(r.missing[0]?.guess).toBe(null);
  });
});

describe('what the fill-in form offers for a buyer the page only shows masked', () => {
  const ctx = (id: string | null): PageContext => ({
    buyer: { name: '景**', id },
    order: { number: null, product: null, amount: null, status: null },
    tracking: { number: null, carrier: null, eta: null },
    buyerLang: 'zh-CN',
  });
  it('an account name is offered, a bare platform uid is not (it would read "亲爱的6840347447")', () => {
    expect(renderTemplate('{buyer}您好', { lang: 'zh-CN', context: ctx('tb80317542') }).missing[0]?.guess).toBe('tb80317542');
    expect(renderTemplate('{buyer}您好', { lang: 'zh-CN', context: ctx('6840347447') }).missing[0]?.guess).toBe(null);
  });
});
