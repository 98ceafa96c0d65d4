import { describe, expect, it } from 'vitest';
import { matches, type EvidenceFilter } from '../../../components/dashboard/evidence-view';
import type { Evidence } from '../../../lib/schema';

const none: EvidenceFilter = { buyer: '', buyerId: '', order: '', site: '', from: '', to: '', caseId: '' };
const shopee = { id: 'e1', seq: 1, buyerName: 'aisyah.shop88', buyerId: 'shopee:aisyah.shop88', orderId: '2611207XKQ3HBN', site: 'shopee', capturedAt: '2026-11-24T19:32:00.000+08:00' } as Evidence;

describe('evidence filter: order number', () => {
  it('finds a Shopee order typed in small letters, or part of it, spaces trimmed', () => {
    expect(matches(shopee, { ...none, order: '2611207xkq3hbn' }, null)).toBe(true);
    expect(matches(shopee, { ...none, order: ' xkq3 ' }, null)).toBe(true);
    expect(matches(shopee, { ...none, order: '2611207XKQ3HBN' }, null)).toBe(true);
    expect(matches(shopee, { ...none, order: 'xkq4' }, null)).toBe(false);
  });
});
