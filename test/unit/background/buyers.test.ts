import { afterEach, describe, expect, it, vi } from 'vitest';
import { buyersHandlers, SIGHTING_GRANULARITY_MS } from '../../../entrypoints/background/buyers';
import { getDb, resetDbForTests } from '../../../lib/db';
import { buyerKey } from '../../../lib/schema';

const seen = buyersHandlers['buyer:seen'];

afterEach(async () => {
  vi.useRealTimers();
  await getDb().delete();
  resetDbForTests();
});

describe('buyer:seen', () => {
  it('records a new buyer, then leaves the row alone for repeated sightings within the granularity', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    const first = await seen({ site: 'pinduoduo', platformId: 'u1', name: '小王' });
    expect(first.buyer.firstContactAt).toBe('2026-11-22T10:00:00.000Z');

    const writes = vi.spyOn(getDb().buyers, 'put');
    vi.setSystemTime(new Date(Date.parse('2026-11-22T10:00:00Z') + SIGHTING_GRANULARITY_MS - 1000));
    const again = await seen({ site: 'pinduoduo', platformId: 'u1', name: '小王' });
    expect(writes).not.toHaveBeenCalled();
    expect(again.buyer.lastContactAt).toBe('2026-11-22T10:00:00.000Z');

    vi.setSystemTime(new Date('2026-11-22T10:06:00Z'));
    const later = await seen({ site: 'pinduoduo', platformId: 'u1', name: '小王' });
    expect(writes).toHaveBeenCalledTimes(1);
    expect(later.buyer.lastContactAt).toBe('2026-11-22T10:06:00.000Z');
    expect(later.buyer.firstContactAt).toBe('2026-11-22T10:00:00.000Z');
  });

  it('writes at once when the page shows a new name for the same buyer id', async () => {
    await seen({ site: 'shopee', platformId: 'b9', name: 'old nick' });
    const renamed = await seen({ site: 'shopee', platformId: 'b9', name: 'new nick' });
    expect(renamed.buyer.name).toBe('new nick');
    expect((await getDb().buyers.get('shopee:b9'))?.name).toBe('new nick');
  });
});

describe('buyerKey', () => {
  it('one key for the buyer card, evidence records and cases: the platform id, else the name, trimmed', () => {
    expect(buyerKey('pinduoduo', 'u1', '小王')).toBe('pinduoduo:u1');
    expect(buyerKey('pinduoduo', null, ' 小王 ')).toBe('pinduoduo:小王');
    // An empty id read from the page falls back to the name (evidence had no buyer at all, the card had the name).
    expect(buyerKey('shopee', '  ', 'lucas')).toBe('shopee:lucas');
    expect(buyerKey('shopee', null, null)).toBeNull();
    expect(buyerKey('shopee', '', ' ')).toBeNull();
  });
});
