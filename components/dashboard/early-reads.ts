/**
 * The dashboard's opening list read straight from IndexedDB, before the page's
 * modules (React, Dexie) have loaded: entrypoints/dashboard-early.ts runs this
 * as one small classic script the moment the page's head is parsed, and
 * first-reads.ts adopts the rows when it runs. The same queries as the views'
 * first pages (first-reads.ts), on the same indexes and in the same order.
 *
 * Raw IndexedDB is read only where that is safe: a database that exists, at
 * the version this build's schema declares (Dexie stores version × 10). No
 * database, another version (an upgrade Dexie has to run), or any error: no
 * early rows, and the page reads through Dexie as before. The connection is
 * closed as soon as the rows are read (and at once if an upgrade asks).
 * No imports beyond the schema's version list: this file's size is part of
 * the first paint.
 */
import type { Category, Evidence, Reply } from '../../lib/schema';
import { DB_NAME, LATEST_VERSION } from '../../lib/db/migrations';

/** Evidence list page size (the newest page is the first paint). */
export const EVIDENCE_PAGE = 100;
/** The library's first screen: the most recently edited replies, in the list's default order. */
export const LIBRARY_FIRST_PAGE = 40;

export interface EarlyRows {
  evidence: Evidence[];
  library: { replies: Reply[]; categories: Category[] };
}
export type EarlyView = keyof EarlyRows;

interface Offered {
  view: EarlyView;
  rows: Promise<EarlyRows[EarlyView] | null>;
}
const slot = globalThis as { __xiaoerEarlyRows?: Offered };

/**
 * The view id a dashboard URL's hash names ('#evidence/ev-1', '#evidence?buyer=…' → 'evidence'; '' when none).
 * dashboard-app.tsx reads it the same way.
 */
export function viewIdOf(hash: string): string {
  return hash.replace(/^#/, '').split(/[/?]/)[0] ?? '';
}

/** The view the dashboard opens on, when it is one with an early read ('' is the first view, the Library: views.ts). */
export function earlyViewOf(hash: string): EarlyView | null {
  const id = viewIdOf(hash);
  return id === 'evidence' ? 'evidence' : id === '' || id === 'library' ? 'library' : null;
}

/** The existing database at this build's version, or null (nothing is created: an upgrade-needed open is aborted). */
function openAsIs(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const req = indexedDB.open(DB_NAME);
    // No database yet: abort, so none is created here (Dexie creates it with its stores).
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (e) => {
      e.preventDefault();
      resolve(null);
    };
    req.onsuccess = () => {
      const db = req.result;
      if (db.version !== Math.round(LATEST_VERSION * 10)) {
        db.close();
        resolve(null);
        return;
      }
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

/**
 * IndexedDB 3 (Chrome 141+): getAll takes a direction, so the newest page is one round trip (Dexie reads
 * it the same way when it can). Without it: no early rows — a cursor makes one round trip per row, each
 * a task queued behind the page's module evaluation (measured: 100 rows arrived ~120 ms after Dexie's).
 */
const IDB3 = typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype;
type GetAllOptions = { query: IDBKeyRange | null; count: number; direction: IDBCursorDirection };

/** Up to `count` values from the end of an index: Dexie's orderBy(index).reverse().limit(count). */
function lastByIndex<T>(tx: IDBTransaction, store: string, index: string, count: number): Promise<T[]> {
  const source = tx.objectStore(store).index(index) as unknown as { getAll(options: GetAllOptions): IDBRequest<T[]> };
  return request(source.getAll({ query: null, count, direction: 'prev' }));
}

async function read(view: EarlyView): Promise<EarlyRows[EarlyView] | null> {
  if (!IDB3) return null;
  const db = await openAsIs();
  if (!db) return null;
  try {
    if (view === 'evidence') return await lastByIndex<Evidence>(db.transaction('evidence', 'readonly'), 'evidence', 'seq', EVIDENCE_PAGE);
    const tx = db.transaction(['replies', 'categories'], 'readonly');
    const [replies, categories] = await Promise.all([lastByIndex<Reply>(tx, 'replies', 'updatedAt', LIBRARY_FIRST_PAGE), request(tx.objectStore('categories').index('order').getAll() as IDBRequest<Category[]>)]);
    return { replies, categories };
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** dashboard-early.js: start the opening view's read, if it has one. Never throws; a failure is no early rows. */
export function offerEarlyRows(hash: string): void {
  // The marks let test/bench/dashboard.bench.ts print where the first paint's time goes.
  performance.mark('xiaoer:dashboard-early');
  const view = earlyViewOf(hash);
  if (!view) return;
  let rows: Promise<EarlyRows[EarlyView] | null>;
  try {
    rows = read(view).catch(() => null);
  } catch {
    rows = Promise.resolve(null);
  }
  void rows.then(() => performance.mark('xiaoer:dashboard-early-rows'));
  slot.__xiaoerEarlyRows = { view, rows };
}

/** first-reads.ts: the rows dashboard-early.js started reading for `view` (taken once), or null. */
export function takeEarlyRows<V extends EarlyView>(view: V): Promise<EarlyRows[V] | null> | null {
  const offered = slot.__xiaoerEarlyRows;
  if (!offered || offered.view !== view) return null;
  delete slot.__xiaoerEarlyRows;
  return offered.rows as Promise<EarlyRows[V] | null>;
}
