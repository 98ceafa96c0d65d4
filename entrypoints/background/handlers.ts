/** What the background does for each protocol request (router.ts decides who may ask). */
import { browser } from 'wxt/browser';
import { envelope, type BackgroundReq, type BackgroundRequestType, type BackgroundRes, type ShortcutTable } from '../../lib/messaging';
import { getDb } from '../../lib/db';
import { getSettings } from '../../lib/settings';
import { isHostEnabled } from '../../lib/sites/hosts';

type Handlers = {
  [T in BackgroundRequestType]: (payload: BackgroundReq<T>, ctx: { sender: { tab?: unknown; url?: string } }) => Promise<BackgroundRes<T>>;
};

let revision = 0;

export async function buildShortcutTable(): Promise<ShortcutTable> {
  const db = getDb();
  const [replies, settings] = await Promise.all([db.replies.filter((r) => r.shortcut.trim() !== '').toArray(), getSettings()]);
  revision = Math.max(revision + 1, Date.now());
  return {
    entries: replies.map((r) => ({ id: r.id, shortcut: r.shortcut.trim(), usageCount: r.usageCount, body: r.body })),
    settings,
    revision,
  };
}

/** Push a fresh table to every tab's overlay (an import takes effect without reloading pages). */
export async function pushShortcutTables(): Promise<number> {
  const table = await buildShortcutTable();
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, envelope('overlay:shortcuts', table), { frameId: 0 }).catch(() => null),
    ),
  );
  return table.revision;
}

export const handlers: Handlers = {
  'shortcuts:get': async () => buildShortcutTable(),
  'reply:used': async ({ replyId, site }) => {
    const db = getDb();
    const now = new Date().toISOString();
    await db.transaction('rw', db.replies, db.usage, async () => {
      const reply = await db.replies.get(replyId);
      if (!reply) return;
      await db.replies.update(replyId, { usageCount: reply.usageCount + 1, lastUsedAt: now });
      await db.usage.add({ replyId, at: now, site });
    });
    return {};
  },
  'page:enabled': async ({ host }) => ({ enabled: isHostEnabled(host, await getSettings()) }),
  'library:changed': async () => ({ revision: await pushShortcutTables() }),
  'sidebar:toggle': async ({ tabId, open }) => {
    const res = (await browser.tabs.sendMessage(tabId, envelope('overlay:sidebar', { open, focusSearch: true }), { frameId: 0 })) as
      | { ok: true; value: { open: boolean } }
      | { ok: false; error: { message: string } };
    if (!res?.ok) throw new Error(res ? res.error.message : 'Xiaoer is not running on this page.');
    return res.value;
  },
};
