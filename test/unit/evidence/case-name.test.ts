import { describe, expect, it } from 'vitest';
import { caseName } from '../../../lib/evidence/case-name';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('caseName: how a case is listed to the seller', () => {
  it('its title, else its order number', () => {
    expect(caseName({ title: '破损投诉', orderId: '2611207XKQ3HBN', type: 'complaint', buyerName: 'aisyah.shop88' }, tIn('zh-CN'))).toBe('破损投诉');
    expect(caseName({ title: '  ', orderId: '2611207XKQ3HBN', type: 'complaint', buyerName: 'aisyah.shop88' }, tIn('zh-CN'))).toBe('2611207XKQ3HBN');
  });
  it('with neither: its type and buyer in the UI language, never the internal id', () => {
    expect(caseName({ title: '', orderId: '', type: 'dispute', buyerName: '小鱼儿2021' }, tIn('zh-CN'))).toBe('纠纷 · 小鱼儿2021');
    expect(caseName({ title: '', orderId: '', type: 'after-sales', buyerName: 'Palmer' }, tIn('en'))).toBe('After-sales · Palmer');
    expect(caseName({ title: '', orderId: '', type: 'complaint', buyerName: '' }, tIn('en'))).toBe('Complaint');
  });
});
