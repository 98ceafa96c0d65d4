/**
 * First run: fill the library with the default replies written for marketplace
 * sellers, once. A flag in storage.local records it, so a seller who deletes
 * every reply does not get them back on the next update.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { defaultLibrary } from '../../lib/replies/defaults';
import { getSettings } from '../../lib/settings';

export async function ensureSeeded(): Promise<void> {
  const { seededAt } = (await browser.storage.local.get('seededAt')) as { seededAt?: string };
  if (seededAt) return;
  const db = getDb();
  const now = new Date().toISOString();
  // Titles and category names in the seller's UI language (settings default to the browser's).
  const { uiLang } = await getSettings();
  await db.transaction('rw', db.categories, db.replies, async () => {
    if ((await db.replies.count()) > 0 || (await db.categories.count()) > 0) return;
    const lib = defaultLibrary({ uiLang, now });
    await db.categories.bulkAdd(lib.categories);
    await db.replies.bulkAdd(lib.replies);
  });
  await browser.storage.local.set({ seededAt: now });
}
