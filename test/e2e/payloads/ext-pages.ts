/**
 * Helpers for the security specs: protocol requests from one of our own
 * extension pages (the router classifies them as 'extension'), and a full
 * snapshot of everything Xiaoer keeps, to prove a refused request changed nothing.
 */
import type { Page } from '@playwright/test';
import type { Extension } from '../fixtures';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

// Shared with the other specs.
export { ask, helperPage } from '../fixtures';

/**
 * Every object store of the extension's database (Blobs as type+size), plus
 * chrome.storage.local, registered content scripts and alarms: JSON text, so two
 * snapshots compare byte for byte.
 */
export async function storeSnapshot(ext: Extension, from: Page): Promise<string> {
  const db = await from.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('xiaoer');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of [...db.objectStoreNames].sort()) {
      out[name] = await new Promise<unknown[]>((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    }
    db.close();
    return JSON.stringify(out, (_k, v) => (v instanceof Blob ? { blob: v.type, size: v.size } : v));
  });
  const browserState = await ext.worker.evaluate(async () =>
    JSON.stringify({
      local: await chrome.storage.local.get(null),
      scripts: await chrome.scripting.getRegisteredContentScripts(),
      alarms: (await chrome.alarms.getAll()).map((a: { name: string }) => a.name).sort(),
    }),
  );
  return `${db}\n${browserState}`;
}
