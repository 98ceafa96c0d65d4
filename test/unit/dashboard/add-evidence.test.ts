import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb, resetDbForTests } from '../../../lib/db';
import type { Case, Evidence } from '../../../lib/schema';
import { LIMIT, evidenceToAdd } from '../../../components/dashboard/add-evidence';

const N = 3000;

function record(seq: number, note = ''): Evidence {
  return {
    id: `ev-${seq}`, seq, kind: 'screenshot', capturedAt: '2026-11-20T10:00:00.000+08:00', url: 'https://mms.pinduoduo.com/chat', title: 'chat',
    site: 'pinduoduo', buyerId: `pinduoduo:u${seq % 40}`, buyerName: `买家${seq % 40}`, orderId: `24${String(seq).padStart(6, '0')}`, caseId: null,
    note, extensionVersion: '0.1.0', artifacts: [], messageCount: 0, prevHash: '', hash: '',
  };
}

const theCase: Case = {
  id: 'case-1', type: 'complaint', status: 'open', title: 'late parcel', site: 'pinduoduo', buyerId: 'pinduoduo:nobody', buyerName: '', orderId: '',
  timeline: [], replyDueAt: null, followUpAt: null, createdAt: '2026-11-20T10:00:00.000+08:00', updatedAt: '2026-11-20T10:00:00.000+08:00',
};

/**
 * Records read from the store, counted at IndexedDB itself: one per cursor step (a filtered walk)
 * and the length of each getAll answer (a page read by key range).
 */
let read = 0;
const cursorContinue = IDBCursor.prototype.continue;
const indexGetAll = IDBIndex.prototype.getAll;
const storeGetAll = IDBObjectStore.prototype.getAll;
function countGetAll<T extends IDBIndex | IDBObjectStore>(original: T['getAll']) {
  return function (this: T, ...args: Parameters<T['getAll']>) {
    const req = (original as (...a: unknown[]) => IDBRequest<unknown[]>).apply(this, args);
    req.addEventListener('success', () => {
      read += req.result.length;
    });
    return req;
  };
}
beforeEach(async () => {
  // The oldest record holds the only "refund slip": a match far beyond the first page of results.
  await getDb().evidence.bulkAdd(Array.from({ length: N }, (_, i) => record(i + 1, i === 0 ? 'buyer sent a refund slip' : `note ${i + 1}`)));
  read = 0;
  IDBCursor.prototype.continue = function (this: IDBCursor, key?: IDBValidKey) {
    read++;
    return cursorContinue.call(this, key);
  };
  IDBIndex.prototype.getAll = countGetAll<IDBIndex>(indexGetAll);
  IDBObjectStore.prototype.getAll = countGetAll<IDBObjectStore>(storeGetAll);
});

afterEach(async () => {
  IDBCursor.prototype.continue = cursorContinue;
  IDBIndex.prototype.getAll = indexGetAll;
  IDBObjectStore.prototype.getAll = storeGetAll;
  await getDb().delete();
  resetDbForTests();
});

describe('"Add evidence" search over a large store', () => {
  it('still finds a match beyond the first page (the oldest of 3,000 records)', async () => {
    const found = await evidenceToAdd(theCase, new Set(), 'REFUND slip');
    expect(found.others.map((e) => e.seq)).toEqual([1]);
    expect(found.more).toBe(false);
  });

  it('says no match for text nothing holds', async () => {
    const found = await evidenceToAdd(theCase, new Set(), 'no such words');
    expect(found).toEqual({ suggested: [], others: [], more: false });
  });

  it('a page of matches is found without reading the store beyond it', async () => {
    const found = await evidenceToAdd(theCase, new Set(), 'note');
    expect(found.others).toHaveLength(LIMIT);
    expect(found.more).toBe(true);
    expect(read).toBeLessThanOrEqual(4 * LIMIT);
  });

  it('a search replaced by the next keystroke stops reading: the abandoned scan reads at most one chunk more', async () => {
    const typing = new AbortController();
    const scan = evidenceToAdd(theCase, new Set(), 'no such words', typing.signal);
    // The seller typed again as soon as the first records came in.
    await new Promise<void>((resolve) => {
      const tick = () => (read > 0 ? resolve() : setTimeout(tick, 0));
      tick();
    });
    typing.abort();
    await expect(scan).rejects.toMatchObject({ name: 'AbortError' });
    expect(read).toBeLessThan(N / 2);
  });
});
