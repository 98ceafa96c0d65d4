/** What the background does for each protocol request (router.ts decides who may ask). */
import { browser } from 'wxt/browser';
import { DATA_CHANGED, envelope, type BackgroundReq, type BackgroundRequestType, type BackgroundRes, type ShortcutTable } from '../../lib/messaging';
import { getDb } from '../../lib/db';
import { getSettings, saveSettings } from '../../lib/settings';
import { BACKUP_TABLE_NAMES } from '../../lib/backup/format';
import { templateSettings } from '../../lib/schema';
import { overlayWords } from './overlay-words';
import { keptNames } from '../../lib/replies/template';
import { createReply, deleteCategory, deleteReplies, duplicateReply, readLibraryHead, recordUsage, relabelDefaultLibrary, updateReply } from '../../lib/replies/library';
import { captureHandlers } from './capture';
import { evidenceHandlers } from './evidence';
import { caseHandlers, rescheduleAllCases } from './cases';
import { buyersHandlers } from './buyers';
import { followRestoredSites, sitesHandlers } from './sites';
import { reviewsHandlers } from './reviews';
import { profilesHandlers } from './profiles';
import { syncTeamAlarm, teamLibraryHandlers } from './team-library';

/** The browser's record of who sent a request (router.ts has already checked it). */
export interface HandlerContext {
  sender: { tab?: { id?: number; url?: string; windowId?: number }; url?: string; frameId?: number };
}

export type Handler<T extends BackgroundRequestType> = (payload: BackgroundReq<T>, ctx: HandlerContext) => Promise<BackgroundRes<T>>;

/** A feature's handlers; each feature file exports one and handlers.ts spreads them all. */
export type HandlerMap<K extends BackgroundRequestType> = { [T in K]: Handler<T> };

type Handlers = HandlerMap<BackgroundRequestType>;

let revision = 0;

export async function buildShortcutTable(): Promise<ShortcutTable> {
  const db = getDb();
  const [replies, settings] = await Promise.all([db.replies.filter((r) => r.shortcut.trim() !== '').toArray(), getSettings()]);
  revision = Math.max(revision + 1, Date.now());
  return {
    entries: replies.map((r) => ({ id: r.id, shortcut: r.shortcut.trim(), usageCount: r.usageCount, createdAt: r.createdAt, body: r.body })),
    // The table reaches every tab's content script: only the fields templates read, by name.
    settings: templateSettings(settings),
    words: await overlayWords(settings.uiLang),
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

/** Tell every extension page (sidebars, dashboard, popup) to refetch; push shortcuts to tabs. */
export async function libraryChanged(): Promise<number> {
  await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: ['replies', 'categories', 'settings'] })).catch(() => null);
  return pushShortcutTables();
}

const coreHandlers = {
  'shortcuts:get': async () => buildShortcutTable(),
  'reply:used': async ({ replyId, site }) => {
    await recordUsage(getDb(), replyId, site);
    return {};
  },
  'reply:use': async ({ replyId, site }) => {
    await recordUsage(getDb(), replyId, site);
    return {};
  },
  'library:get': async () => {
    const db = getDb();
    const [categories, replies, settings] = await Promise.all([db.categories.orderBy('order').toArray(), db.replies.toArray(), getSettings()]);
    return { categories, replies, settings };
  },
  'library:head': async ({ limit }) => {
    const db = getDb();
    const [categories, settings, total, head] = await Promise.all([db.categories.orderBy('order').toArray(), getSettings(), db.replies.count(), readLibraryHead(db, limit)]);
    return { categories, replies: head, settings, total };
  },
  'reply:create': async ({ fields }) => {
    // createReply / updateReply refuse a shortcut another reply holds (typed 'shortcut-taken', words in the UI language).
    const reply = await createReply(getDb(), fields);
    await libraryChanged();
    return reply;
  },
  'reply:update': async ({ id, fields }) => {
    const reply = await updateReply(getDb(), id, fields);
    await libraryChanged();
    return reply;
  },
  'reply:duplicate': async ({ id }) => {
    const reply = await duplicateReply(getDb(), id);
    await libraryChanged();
    return reply;
  },
  'reply:delete': async ({ ids }) => {
    await deleteReplies(getDb(), ids);
    await libraryChanged();
    return {};
  },
  'category:delete': async ({ id, moveTo }) => {
    const result = await deleteCategory(getDb(), id, moveTo);
    // Open sidebars refetch (their category list and the moved replies); tabs get fresh tables.
    await libraryChanged();
    return result;
  },
  'settings:remember': async ({ shopName, agentName, lang }) => {
    const settings = await getSettings();
    const next = { ...settings, ...keptNames(settings, { shopName, agentName }, lang) };
    const changed = (['shopName', 'agentName', 'shopNameEn', 'agentNameEn'] as const).some((k) => next[k] !== settings[k]);
    if (changed) {
      await saveSettings(next);
      // Open sidebars read the new names, and Tab in every tab fills them from now on.
      await libraryChanged();
    }
    return { shopName: next.shopName, agentName: next.agentName };
  },
  'library:changed': async () => ({ revision: await libraryChanged() }),
  'library:relabel': async ({ uiLang }) => {
    const relabelled = await relabelDefaultLibrary(getDb(), uiLang);
    return { revision: await libraryChanged(), relabelled };
  },
  'data:restored': async () => {
    // Every table was replaced: open sidebars refetch all of it (the buyer card, drafts, profiles, not only
    // the library), tabs get fresh shortcuts, and the restored cases their reminders.
    await rescheduleAllCases();
    // The restored settings may carry another team library URL, or none.
    await syncTeamAlarm(true);
    // …and other enabled backends: the overlay follows them (sites.ts).
    await followRestoredSites();
    await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: [...BACKUP_TABLE_NAMES] })).catch(() => null);
    return { revision: await pushShortcutTables() };
  },
  'sidebar:toggle': async ({ tabId, open }) => {
    const res = (await browser.tabs.sendMessage(tabId, envelope('overlay:sidebar', { open, focusSearch: true }), { frameId: 0 })) as
      | { ok: true; value: { open: boolean } }
      | { ok: false; error: { message: string } };
    if (!res?.ok) throw new Error(res ? res.error.message : 'Xiaoer is not running on this page.');
    return res.value;
  },
} satisfies Partial<Handlers>;

/** Every request's handler: the type fails to compile when a protocol entry has none. */
export const handlers: Handlers = {
  ...coreHandlers,
  ...captureHandlers,
  ...evidenceHandlers,
  ...caseHandlers,
  ...buyersHandlers,
  ...sitesHandlers,
  ...reviewsHandlers,
  ...profilesHandlers,
  ...teamLibraryHandlers,
};
