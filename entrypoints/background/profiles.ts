/**
 * Site profiles (issue 4): what the seller taught Xiaoer about a backend with
 * the element picker, one record per host in the siteProfiles table. Only the
 * background writes them. After every change the host's tabs get the new
 * profile pushed ('overlay:profile'), so the page reads the taught parts at
 * once, and extension pages refetch (DATA_CHANGED, table 'siteProfiles').
 *
 * The content script may READ a host's profile ('profile:get'): selectors
 * only, nothing about buyers or the library.
 */
import { browser } from 'wxt/browser';
import { DATA_CHANGED, XiaoerError, envelope } from '../../lib/messaging';
import { getDb } from '../../lib/db';
import type { SiteProfile } from '../../lib/schema';
import { HOST, parseProfiles, serialiseProfiles } from '../../lib/sites/profile-transfer';
import type { HandlerMap } from './handlers';

function checkHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (!HOST.test(h)) throw new Error(`"${host.slice(0, 80)}" is not a host name.`);
  return h;
}

/** Tell every tab's overlay (it keeps the profile only when it reads that host) and every extension page. */
async function profilesChanged(changes: { host: string; profile: SiteProfile | null }[]): Promise<void> {
  await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: ['siteProfiles'] })).catch(() => null);
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.flatMap((tab) =>
      tab.id === undefined ? [] : changes.map((c) => browser.tabs.sendMessage(tab.id!, envelope('overlay:profile', c), { frameId: 0 }).catch(() => null)),
    ),
  );
}

export const profilesHandlers = {
  'profile:get': async ({ host }) => (HOST.test(host) ? (await getDb().siteProfiles.get(host)) ?? null : null),
  'profile:save': async ({ host: raw, name, fields }) => {
    const host = checkHost(raw);
    const db = getDb();
    const now = new Date().toISOString();
    const profile = await db.transaction('rw', db.siteProfiles, async () => {
      const old = await db.siteProfiles.get(host);
      const next: SiteProfile = {
        host,
        name: name ?? old?.name ?? '',
        composer: old?.composer ?? null,
        messagePane: old?.messagePane ?? null,
        messageRow: old?.messageRow ?? null,
        buyerName: old?.buyerName ?? null,
        orderNumber: old?.orderNumber ?? null,
        reviewRow: old?.reviewRow ?? null,
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
      };
      for (const [field, selector] of Object.entries(fields) as [keyof typeof fields, string | null | undefined][]) {
        if (selector !== undefined) next[field] = selector;
      }
      await db.siteProfiles.put(next);
      return next;
    });
    await profilesChanged([{ host, profile }]);
    return profile;
  },
  // The dashboard wrote a rename straight into the store (the one write to profiles outside the background): its
  // failure went unhandled and unsaid, and open tabs kept the old profile.
  'profile:rename': async ({ host, name }) => {
    const db = getDb();
    const profile = await db.transaction('rw', db.siteProfiles, async () => {
      const old = await db.siteProfiles.get(host);
      // Deleted meanwhile (another dashboard tab, an import): not made again as an empty profile.
      if (!old) throw new XiaoerError('not-found', 'No such site profile.', { what: 'profile' });
      const next: SiteProfile = { ...old, name, updatedAt: new Date().toISOString() };
      await db.siteProfiles.put(next);
      return next;
    });
    await profilesChanged([{ host, profile }]);
    return profile;
  },
  'profile:list': async () => getDb().siteProfiles.orderBy('host').toArray(),
  'profile:delete': async ({ host }) => {
    const db = getDb();
    const had = (await db.siteProfiles.get(host)) !== undefined;
    await db.siteProfiles.delete(host);
    if (had) await profilesChanged([{ host, profile: null }]);
    return { deleted: had };
  },
  'profile:import': async ({ text }) => {
    const parsed = parseProfiles(text);
    if (!parsed.ok) throw new Error(`This file was not imported: ${parsed.error}`);
    const db = getDb();
    // One transaction: all profiles or none.
    await db.transaction('rw', db.siteProfiles, () => db.siteProfiles.bulkPut(parsed.profiles));
    await profilesChanged(parsed.profiles.map((profile) => ({ host: profile.host, profile })));
    return { imported: parsed.profiles.length, hosts: parsed.profiles.map((p) => p.host) };
  },
  'profile:export': async ({ hosts }) => {
    const db = getDb();
    const profiles = hosts ? (await db.siteProfiles.bulkGet(hosts)).filter((p): p is SiteProfile => p !== undefined) : await db.siteProfiles.toArray();
    return { text: serialiseProfiles(profiles), count: profiles.length };
  },
} satisfies HandlerMap<'profile:get' | 'profile:save' | 'profile:rename' | 'profile:list' | 'profile:delete' | 'profile:import' | 'profile:export'>;
