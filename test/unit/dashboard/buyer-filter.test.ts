import { describe, expect, it } from 'vitest';
import { buyerMatches } from '../../../components/dashboard/buyers-view';
import { translate } from '../../../lib/i18n';
import type { Buyer } from '../../../lib/schema';

const buyer = (tags: string[]) =>
  ({ id: 'pinduoduo:u1', site: 'pinduoduo', platformId: 'u1', name: '小王', notes: '', tags, firstContactAt: '', lastContactAt: '' }) as Buyer;
const shown = (lang: 'en' | 'zh-CN' | 'zh-TW') => (x: string) => (x === 'vip' ? translate(lang, 'tagVip') : x === 'risky' ? translate(lang, 'tagRisky') : x);

describe('Buyers filter: the text typed finds tags too', () => {
  it('a custom tag as written (批发 found no buyer tagged 批发)', () => {
    expect(buyerMatches(buyer(['批发', '老客']), '批发', shown('zh-CN'))).toBe(true);
    expect(buyerMatches(buyer(['Wholesale']), 'wholesale', shown('en'))).toBe(true);
    expect(buyerMatches(buyer(['老客']), '批发', shown('zh-CN'))).toBe(false);
  });

  it('VIP and risky by the name shown in the UI language', () => {
    expect(buyerMatches(buyer(['risky']), '风险', shown('zh-CN'))).toBe(true);
    expect(buyerMatches(buyer(['risky']), '風險', shown('zh-TW'))).toBe(true);
    expect(buyerMatches(buyer(['risky']), 'risky', shown('en'))).toBe(true);
    expect(buyerMatches(buyer(['vip']), 'vip', shown('zh-CN'))).toBe(true);
    expect(buyerMatches(buyer(['vip']), '风险', shown('zh-CN'))).toBe(false);
  });

  it('name, platform id and notes as before; an empty filter finds everyone', () => {
    expect(buyerMatches({ ...buyer([]), notes: '要发票' }, '发票', shown('zh-CN'))).toBe(true);
    expect(buyerMatches(buyer([]), 'u1', shown('en'))).toBe(true);
    expect(buyerMatches(buyer([]), '', shown('en'))).toBe(true);
  });
});
