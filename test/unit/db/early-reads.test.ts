/**
 * The dashboard's early read (components/dashboard/early-reads.ts) reads the
 * opening list with raw IndexedDB before Dexie has loaded: it must give exactly
 * the rows the views' Dexie queries give, and must never create, upgrade or hold
 * a database Dexie is about to open.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { LATEST_VERSION } from '../../../lib/db/migrations';
import { earlyViewOf, offerEarlyRows, takeEarlyRows } from '../../../components/dashboard/early-reads';
import { newestEvidence, orderedCategories, recentlyEditedReplies } from '../../../components/dashboard/first-reads';
import type { Evidence, Reply } from '../../../lib/schema';

afterEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
});

function evidence(i: number): Evidence {
  return {
    id: `ev-${i}`, seq: i * 3 + (i % 2), kind: 'chat', capturedAt: '2026-03-01T18:00:00.000+08:00', url: 'https://mms.pinduoduo.com/chat', title: '聊天记录', site: 'pinduoduo',
    buyerId: `pinduoduo:b${i % 7}`, buyerName: `买家${i % 7}`, orderId: `2403${i}`, caseId: null, note: '', extensionVersion: '0.1.0', artifacts: [], messageCount: 5, prevHash: '', hash: 'a'.repeat(64),
  } as Evidence;
}

function reply(i: number): Reply {
  // Equal updatedAt values on purpose: the order of ties must be Dexie's too.
  const at = `2026-03-${String(1 + (i % 9)).padStart(2, '0')}T10:00:00.000Z`;
  return { id: `r-${String(i).padStart(3, '0')}`, title: `回复 ${i}`, shortcut: '', categoryId: ['greeting', 'shipping'][i % 2]!, tags: [], body: { 'zh-CN': `第 ${i} 条`, 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: at, updatedAt: at } as Reply;
}

async function seed() {
  const db = getDb();
  await db.evidence.bulkAdd(Array.from({ length: 150 }, (_, i) => evidence(i)));
  await db.replies.bulkAdd(Array.from({ length: 70 }, (_, i) => reply(i)));
  await db.categories.bulkAdd([
    { id: 'shipping', name: '发货', symbol: '🚚', order: 2 },
    { id: 'greeting', name: '问候', symbol: '👋', order: 1 },
    { id: 'aftersales', name: '售后', symbol: '🔧', order: 3 },
  ]);
}

async function early(view: 'evidence' | 'library') {
  offerEarlyRows(`#${view}`);
  return takeEarlyRows(view)!;
}

describe('dashboard early read', () => {
  it("gives the rows of the views' own Dexie queries, in their order (ties included)", async () => {
    await seed();
    const [ev, lib] = [await early('evidence'), await early('library')];
    expect(ev).toHaveLength(100);
    expect(ev).toEqual(await newestEvidence());
    expect(lib).toEqual({ replies: await recentlyEditedReplies(), categories: await orderedCategories() });
    expect((lib as { replies: Reply[] }).replies).toHaveLength(40);
  });

  it('creates no database where there is none (Dexie creates it, with its stores)', async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
    expect(await early('evidence')).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    // Dexie then opens it as usual.
    await getDb().open();
    expect(getDb().verno).toBe(LATEST_VERSION);
  });

  it('reads nothing from a database at another version (an upgrade is due) and leaves it as it is', async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
    const old = await new Promise<IDBDatabase>((ok) => {
      const req = indexedDB.open(DB_NAME, 5);
      req.onupgradeneeded = () => req.result.createObjectStore('evidence', { keyPath: 'id' }).createIndex('seq', 'seq', { unique: true });
      req.onsuccess = () => ok(req.result);
    });
    old.close();
    expect(await early('evidence')).toBeNull();
    const after = await new Promise<IDBDatabase>((ok) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => ok(req.result);
    });
    expect(after.version).toBe(5);
    after.close();
  });

  it('leaves no connection in the way of an upgrade Dexie runs right after', async () => {
    await seed();
    await early('library');
    resetDbForTests();
    class Next extends Dexie {
      constructor() {
        super(DB_NAME);
        this.version(LATEST_VERSION + 1).stores({ extra: 'id' });
      }
    }
    const next = new Next();
    // A connection left open would block this upgrade (and the test would time out).
    await next.open();
    expect(next.verno).toBe(LATEST_VERSION + 1);
    next.close();
  });

  it('is taken once, by the view it was read for; other views read through Dexie', async () => {
    await seed();
    offerEarlyRows('#evidence');
    expect(takeEarlyRows('library')).toBeNull();
    expect(takeEarlyRows('evidence')).not.toBeNull();
    expect(takeEarlyRows('evidence')).toBeNull();
    expect(['', '#', '#library', '#evidence', '#evidence/ev-1', '#cases', '#backup'].map(earlyViewOf)).toEqual(['library', 'library', 'library', 'evidence', 'evidence', null, null]);
  });
});
