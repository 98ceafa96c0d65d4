/**
 * Buyers: the sidebar's buyer card reads and writes through here (its frame may
 * not open IndexedDB). A buyer is recorded the first time the agent has their
 * conversation on screen, and each later sighting moves lastContactAt.
 */
import { browser } from 'wxt/browser';
import { DATA_CHANGED, envelope, XiaoerError } from '../../lib/messaging';
import { getDb } from '../../lib/db';
import { buyerKey, type Buyer } from '../../lib/schema';
import type { HandlerMap } from './handlers';


async function buyersChanged(): Promise<void> {
  await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: ['buyers'] })).catch(() => null);
}

/** lastContactAt is shown to the minute-ish; moving it more often is wasted IndexedDB writes. */
export const SIGHTING_GRANULARITY_MS = 5 * 60_000;

async function cardOf(buyer: Buyer): Promise<{ buyer: Buyer; caseCount: number; evidenceCount: number }> {
  const db = getDb();
  const [caseCount, evidenceCount] = await Promise.all([db.cases.where('buyerId').equals(buyer.id).count(), db.evidence.where('buyerId').equals(buyer.id).count()]);
  return { buyer, caseCount, evidenceCount };
}

export const buyersHandlers = {
  'buyer:seen': async ({ site, platformId, name }) => {
    const id = buyerKey(site, platformId, name);
    if (!id) throw new XiaoerError('not-found', 'The page shows no buyer name or id.', { what: 'page-buyer' });
    const db = getDb();
    const now = new Date().toISOString();
    const buyer = await db.transaction('rw', db.buyers, async () => {
      const old = await db.buyers.get(id);
      // The card asks again on every buyer switch and DATA_CHANGED refetch: a sighting
      // within a few minutes of the last one with the same name changes nothing worth a write.
      const sameName = !(name ?? '').trim() || (name ?? '').trim() === old?.name;
      if (old && sameName && Date.parse(now) - Date.parse(old.lastContactAt) < SIGHTING_GRANULARITY_MS) return old;
      const next: Buyer = old
        ? { ...old, name: (name ?? '').trim() || old.name, lastContactAt: now }
        : { id, site, platformId: (platformId ?? '').trim(), name: (name ?? '').trim(), notes: '', tags: [], firstContactAt: now, lastContactAt: now };
      await db.buyers.put(next);
      return next;
    });
    return cardOf(buyer);
  },
  'buyer:get': async ({ site, platformId, name }) => {
    const id = buyerKey(site, platformId, name);
    const buyer = id ? await getDb().buyers.get(id) : undefined;
    return buyer ? cardOf(buyer) : null;
  },
  'buyer:update': async ({ id, notes, tags }) => {
    const db = getDb();
    const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    const next = await db.transaction('rw', db.buyers, async () => {
      const old = await db.buyers.get(id);
      if (!old) throw new XiaoerError('not-found', 'This buyer is no longer stored.', { what: 'buyer' });
      const updated: Buyer = { ...old, notes, tags: clean };
      await db.buyers.put(updated);
      return updated;
    });
    await buyersChanged();
    return next;
  },
} satisfies HandlerMap<'buyer:seen' | 'buyer:get' | 'buyer:update'>;
