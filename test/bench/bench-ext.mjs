// What the browser benches share about the extension under test (dashboard.bench, sidebar.bench, ab/*).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The extension's service worker and id, once the first-run seed has landed (so it does not land in a measurement). */
export async function seededWorker(context) {
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  for (let i = 0; i < 150; i++) {
    if (await worker.evaluate(async () => (await chrome.storage.local.get('seededAt')).seededAt ?? null)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { worker, id };
}

/**
 * The floor of the machine the bench runs on: an empty extension page whose one-line module makes one
 * runtime round trip, enables a box (what "interactive" means for the popup) and marks `xiaoer:floor`.
 * Written into the build output (a test artifact, never part of the extension's source).
 */
export function writeFloorPage(extDir) {
  writeFileSync(join(extDir, 'bench-floor.html'), '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-floor.js"></script></head><body><input data-testid="popup-search" disabled></body></html>');
  writeFileSync(join(extDir, 'bench-floor.js'), "chrome.runtime.sendMessage({ xiaoer: 1, type: 'bench:floor', payload: {} }).catch(() => null).finally(() => { document.querySelector('input').disabled = false; performance.mark('xiaoer:floor'); });");
}
