/**
 * Reliability of evidence capture (issue 8, "Nothing gets lost"), in Chromium with
 * the e2e build on the demo marketplace:
 *
 * - the service worker stopped through the DevTools protocol (ServiceWorker.stopWorker)
 *   in the middle of a full-page stitch and in the middle of the evidence write:
 *   no half record, the UI that started it says it failed, the page is put back,
 *   the next capture works and the chain verifies;
 * - storage full during the write: the UI says what to delete, in en / zh-CN / zh-TW,
 *   and everything stored before is byte-for-byte intact;
 * - two tabs capturing at once while the dashboard edits the library: nothing lost,
 *   the chain stays linear.
 *
 * Stored data is read with raw IndexedDB from the dashboard page (the extension's
 * origin owns the store) and the chain is checked with lib/evidence/hash.ts verifyChain.
 */
import type { CDPSession, Page } from '@playwright/test';
import { verifyChain } from '../../lib/evidence/hash';
import { evidence as strings } from '../../lib/i18n/evidence';
import type { Evidence } from '../../lib/schema';
import { ask, expect, firstRunSeeded, helperPage, marketplaceUrl, openDashboard, openMarketplacePage, openPopup, openSidebar, setUiLang, storeRows, tabIdOf, test, type Extension } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** The highest evidence seq stored when this spec began (see storeState's `incomplete`). */
let seqBeforeThisSpec = Number.POSITIVE_INFINITY;
test.beforeAll(async ({ ext }) => {
  const dash = await helperPage(ext);
  seqBeforeThisSpec = Math.max(0, ...(await storeRows(dash, 'evidence')).map((r: { seq: number }) => r.seq));
  await dash.close();
});

const LANGS = ['en', 'zh-CN', 'zh-TW'] as const;
/** A UI string in any of the three languages (the sidebar follows settings, which other specs may change). */
const anyLang = (key: 'evCaptureInterrupted' | 'evStorageFull') => new RegExp(LANGS.map((l) => strings[l][key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));


/**
 * The evidence store as a whole: counts, rows that belong to no record (a half
 * write), every artifact's bytes re-hashed against the hash its record holds, and
 * the chain checked in seq order.
 */
async function storeState(from: Page) {
  const records = ((await storeRows(from, 'evidence')) as Evidence[]).sort((a, b) => a.seq - b.seq);
  const messages = await storeRows(from, 'messages');
  const ids = new Set(records.map((r) => r.id));
  const artifacts = await from.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('xiaoer');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rows = await new Promise<any[]>((ok, fail) => {
      const r = db.transaction('artifacts').objectStore('artifacts').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    db.close();
    const hex = async (b: Blob) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', await b.arrayBuffer()))].map((x) => x.toString(16).padStart(2, '0')).join('');
    // Tombstones (screenshots deleted in Storage by earlier specs) keep the recorded hash and hold no bytes.
    return Promise.all(rows.filter((a) => a.deletedAt === undefined).map(async (a) => ({ id: a.id as string, evidenceId: a.evidenceId as string, sha256: a.sha256 as string, actual: await hex(a.data) })));
  });
  const refs = new Map(records.flatMap((r) => r.artifacts.map((a) => [a.id, a.sha256] as const)));
  return {
    records,
    counts: { evidence: records.length, artifacts: artifacts.length, messages: messages.length },
    orphanArtifacts: artifacts.filter((a) => !ids.has(a.evidenceId)).length,
    orphanMessages: messages.filter((m) => !ids.has(m.evidenceId)).length,
    /** Artifacts whose bytes no longer hash to what their chained record says (or that no record lists). */
    damaged: artifacts.filter((a) => a.actual !== a.sha256 || refs.get(a.id) !== a.actual).map((a) => a.id),
    /**
     * Records of this spec whose listed artifacts are not all stored. Records from earlier specs in
     * this browser may have had their old screenshots deleted on purpose (Storage view), which keeps
     * the record and its chain: that is not a half-written record.
     */
    incomplete: records.filter((r) => r.seq > seqBeforeThisSpec && r.artifacts.some((ref) => !artifacts.some((a) => a.id === ref.id))).map((r) => r.seq),
    chain: await verifyChain(records),
  };
}

function expectSound(s: Awaited<ReturnType<typeof storeState>>) {
  expect(s.orphanArtifacts).toBe(0);
  expect(s.orphanMessages).toBe(0);
  expect(s.damaged).toEqual([]);
  expect(s.incomplete).toEqual([]);
  expect(s.chain).toEqual({ ok: true });
}

/**
 * Stops and wakes the extension's service worker through the DevTools protocol:
 * ServiceWorker.enable reports the worker's version, ServiceWorker.stopWorker stops
 * it the way the browser's idle/kill does (pending messages lose their receiver).
 */
async function workerControl(ext: Extension, from: Page) {
  const cdp: CDPSession = await ext.context.newCDPSession(from);
  const script = `chrome-extension://${ext.id}/background.js`;
  let versionId: string | null = null;
  let status = '';
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL === script) ({ versionId, runningStatus: status } = v);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => versionId).not.toBeNull();
  return {
    async stop() {
      await cdp.send('ServiceWorker.stopWorker', { versionId: versionId! });
      await expect.poll(() => status).toBe('stopped');
    },
    /** Wake the worker with a message (as any UI would) and point the fixture at the new one. */
    async wake() {
      await ask(from, 'evidence:recent', { buyerId: null, limit: 1 });
      await expect.poll(() => status).toBe('running');
      await expect
        .poll(async () => {
          for (const w of [...ext.context.serviceWorkers()].reverse()) {
            const alive = await Promise.race([w.evaluate(() => true).catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), 1000))]);
            if (alive) {
              // Later specs in this Playwright worker share the fixture.
              ext.worker = w;
              return true;
            }
          }
          return false;
        })
        .toBe(true);
      await cdp.detach().catch(() => null);
    },
  };
}

/** The orders page made long (4× the list) with a fixed 30 px header, scrolled to 37 px: a stitch of several slices. */
async function longOrdersPage(page: Page) {
  await openMarketplacePage(page, 'orders/index.html');
  const geo = await page.evaluate(() => {
    const list = document.getElementById('orders')!;
    const blocks = [...list.children];
    for (let i = 0; i < 3; i++) for (const b of blocks) list.append(b.cloneNode(true));
    const bar = document.createElement('div');
    bar.id = 'test-fixed-bar';
    Object.assign(bar.style, { position: 'fixed', top: '0', left: '0', width: '100%', height: '30px', background: 'rgb(10, 20, 200)', zIndex: '10' });
    document.body.append(bar);
    window.scrollTo(0, 37);
    return { scrollHeight: document.scrollingElement!.scrollHeight, clientHeight: document.documentElement.clientHeight };
  });
  expect(geo.scrollHeight).toBeGreaterThan(geo.clientHeight * 3);
}

const pageLook = (page: Page) =>
  page.evaluate(() => ({
    scrollY: Math.round(scrollY),
    header: getComputedStyle(document.getElementById('test-fixed-bar')!).visibility,
    toggle: getComputedStyle(document.querySelector('xiaoer-toggle')!).visibility,
  }));

async function waitSeeded(ext: Extension) {
  await firstRunSeeded(ext);
}

test('worker stopped during a full-page stitch: nothing stored, sidebar says so, page restored, next capture works', async ({ ext, page }) => {
  await longOrdersPage(page);
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  const before = await storeState(dash);
  expectSound(before);
  const worker = await workerControl(ext, dash);
  await dash.evaluate(() => {
    (window as any).__progress = [];
    chrome.runtime.onMessage.addListener((m: any) => {
      if (m?.type === 'event:capture-progress') (window as any).__progress.push(m.payload);
    });
  });
  // The stitch waits before its third slice until the worker is stopped (a 4-slice stitch otherwise
  // ends within about a second, and once in CI it had ended before the page was looked at).
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.holdCaptureBefore(2));
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('shot-page').click();
  // Two slices captured and the page scrolled to the third with its header hidden: mid-stitch.
  await expect.poll(() => dash.evaluate(() => (window as any).__progress.at(-1)?.done ?? 0)).toBe(2);
  const total = await dash.evaluate(() => (window as any).__progress.at(-1).total);
  expect(total).toBeGreaterThan(3);
  expect(await pageLook(page)).toMatchObject({ header: 'hidden', toggle: 'hidden' });
  await worker.stop();
  // Back as it was — well before the overlay's 8 s watchdog: the lost worker's port closing restores it.
  await expect.poll(() => pageLook(page), { timeout: 4_000 }).toEqual({ scrollY: 37, header: 'visible', toggle: 'visible' });
  // The sidebar noticed: a failure text, no progress bar left spinning, the buttons usable again.
  await expect(sidebar.getByTestId('evidence-message')).toHaveText(anyLang('evCaptureInterrupted'));
  await expect(sidebar.getByTestId('capture-progress')).toHaveCount(0);
  await expect(sidebar.getByTestId('shot-page')).toBeEnabled();
  await worker.wake();
  const after = await storeState(dash);
  expect(after.counts).toEqual(before.counts);
  expectSound(after);
  // The next capture, from the same sidebar, goes through and extends the chain by one.
  await page.bringToFront();
  await sidebar.getByTestId('shot-page').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 30_000 });
  const next = await storeState(dash);
  expect(next.counts.evidence).toBe(before.counts.evidence + 1);
  expect(next.records.at(-1)!.kind).toBe('screenshot');
  expectSound(next);
  expect(await pageLook(page)).toEqual({ scrollY: 37, header: 'visible', toggle: 'visible' });
  await dash.close();
});

test('worker stopped inside the evidence write: the transaction leaves nothing, the popup says so, next capture works', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/aliexpress.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  const before = await storeState(dash);
  expectSound(before);
  const worker = await workerControl(ext, dash);
  const popup = await openPopup(ext, tabId);
  await page.bringToFront();
  // The next write holds its transaction open for 20 s (artifacts and messages added, record not yet).
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.holdEvidenceWrite(20_000));
  await popup.getByTestId('popup-capture-chat').click();
  await expect.poll(() => ext.worker.evaluate(() => (globalThis as any).__xiaoerWriting === true), { timeout: 20_000 }).toBe(true);
  await worker.stop();
  await expect(popup.getByTestId('popup-capture-status')).toHaveText(anyLang('evCaptureInterrupted'));
  await worker.wake();
  const after = await storeState(dash);
  expect(after.counts).toEqual(before.counts);
  expectSound(after);
  await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
  // The next capture from the same popup goes through: one record with its messages.
  await page.bringToFront();
  await popup.getByTestId('popup-capture-chat').click();
  await expect(popup.getByTestId('popup-capture-status')).toContainText(/#\d+/, { timeout: 30_000 });
  const next = await storeState(dash);
  expect(next.counts.evidence).toBe(before.counts.evidence + 1);
  const rec = next.records.at(-1)!;
  expect(rec.kind).toBe('chat');
  expect(rec.messageCount).toBeGreaterThan(10);
  expect(next.counts.messages).toBe(before.counts.messages + rec.messageCount);
  expectSound(next);
  await popup.close();
  await dash.close();
});

test('storage full during a capture: the message says what to delete (en, zh-CN, zh-TW), earlier evidence intact', async ({ ext, page }) => {
  await waitSeeded(ext);
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  // Something stored before the disk fills (this test's own record).
  await page.bringToFront();
  await ask(dash, 'evidence:capture-chat', { tabId, note: 'stored before storage filled', caseId: null });
  const before = await storeState(dash);
  expectSound(before);
  let lang: string | null = null;
  try {
    for (const l of LANGS) {
      const previous = await setUiLang(ext, l);
      lang ??= previous;
      const popup = await openPopup(ext, tabId);
      await expect(popup.getByTestId('popup-capture-actions')).toBeVisible();
      await page.bringToFront();
      await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.failNextEvidenceWrite());
      await popup.getByTestId('popup-capture-chat').click();
      await expect(popup.getByTestId('popup-capture-status')).toHaveText(strings[l].evStorageFull, { timeout: 20_000 });
      await popup.close();
    }
  } finally {
    if (lang) await setUiLang(ext, lang);
  }
  // From the sidebar too (its language follows the settings it was given).
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.failNextEvidenceWrite());
  await sidebar.getByTestId('capture-chat').click();
  await expect(sidebar.getByTestId('evidence-message')).toHaveText(anyLang('evStorageFull'), { timeout: 20_000 });
  // The request answered with the typed 'quota' error (what the UIs key on), not a generic failure.
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.failNextEvidenceWrite());
  await page.bringToFront();
  const refused = await dash.evaluate((id) => chrome.runtime.sendMessage({ xiaoer: 1, type: 'evidence:capture-chat', payload: { tabId: id, note: '', caseId: null } }), tabId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'quota', message: expect.stringMatching(/Dashboard → Storage/) } });
  const after = await storeState(dash);
  expect(after.counts).toEqual(before.counts);
  expect(after.records).toEqual(before.records);
  expectSound(after);
  // Once space is back, capturing works again.
  await page.bringToFront();
  const ok = await ask(dash, 'evidence:capture-chat', { tabId, note: '', caseId: null });
  expect(ok.seq).toBe(before.records.at(-1)!.seq + 1);
  expectSound(await storeState(dash));
  await dash.close();
});

test('a keyboard-command capture that fails for lack of space tells the seller by notification; a click opens Dashboard → Storage', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  const before = await storeState(dash);
  await page.bringToFront();
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.failNextEvidenceWrite());
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.onCaptureCommand('capture-visible'));
  const all = await ext.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  const shown = all.filter((id) => id.startsWith('xiaoer-capture-failed:quota:'));
  expect(all.join(' ')).toContain('xiaoer-capture-failed:quota:');
  expect(shown).toHaveLength(1);
  expect((await storeState(dash)).counts).toEqual(before.counts);
  const opened = ext.context.waitForEvent('page', (p) => p.url().endsWith('/dashboard.html#storage'));
  await ext.worker.evaluate((id) => (globalThis as any).__xiaoerHooks.onFailureNotificationClick(id), shown[0]!);
  const storage = await opened;
  await expect(storage.getByTestId('storage-view')).toBeVisible();
  expect(await ext.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).filter((id) => id.startsWith('xiaoer-capture-failed:')))).toHaveLength(0);
  await storage.close();
  await dash.close();
});

test('two tabs capturing at once while the dashboard edits the library: both records, every edit, chain linear', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  // The second conversation in its own window, so each tab is the active tab of its window (both get screenshots).
  const opened = ext.context.waitForEvent('page');
  await dash.evaluate((url) => chrome.windows.create({ url, focused: false }), marketplaceUrl('chat/shopee.html'));
  const other = await opened;
  await expect(other.getByTestId('xiaoer-toggle')).toBeVisible();
  const tabA = await tabIdOf(ext, page);
  const tabB = await tabIdOf(ext, other);
  const before = await storeState(dash);
  expectSound(before);
  // The dashboard edits the library in a loop for as long as the captures run: create a reply
  // (its editor's request), rename it, count a use, and move it to another category straight in
  // IndexedDB as the dashboard's bulk move does.
  const cats = (await storeRows(dash, 'categories')).map((c) => c.id as string);
  expect(cats.length).toBeGreaterThanOrEqual(2);
  const [from, to] = [cats[0]!, cats[1]!];
  await dash.evaluate(([from, to]) => {
    const w = window as any;
    w.__stop = false;
    w.__edits = (async () => {
      const send = async (type: string, payload: unknown) => {
        const res = await chrome.runtime.sendMessage({ xiaoer: 1, type, payload });
        if (!res?.ok) throw new Error(`${type}: ${JSON.stringify(res?.error)}`);
        return res.value;
      };
      const move = (id: string) =>
        new Promise<void>((ok, fail) => {
          const r = indexedDB.open('xiaoer');
          r.onerror = () => fail(r.error);
          r.onsuccess = () => {
            const db = r.result;
            const tx = db.transaction('replies', 'readwrite');
            const store = tx.objectStore('replies');
            const get = store.get(id);
            get.onsuccess = () => store.put({ ...get.result, categoryId: to, updatedAt: new Date().toISOString() });
            tx.oncomplete = () => (db.close(), ok());
            tx.onerror = () => (db.close(), fail(tx.error));
          };
        });
      const made: string[] = [];
      for (let i = 0; !w.__stop || i < 5; i++) {
        const body = { 'zh-CN': `并发测试 ${i}`, 'zh-TW': `並發測試 ${i}`, en: `concurrency ${i}` };
        const r = await send('reply:create', { fields: { title: `conc-${i}`, shortcut: '', categoryId: from, tags: [], body } });
        await send('reply:update', { id: r.id, fields: { title: `conc-${i} edited`, shortcut: '', categoryId: from, tags: ['edited'], body } });
        await send('reply:use', { replyId: r.id, site: 'pinduoduo' });
        await move(r.id);
        made.push(r.id);
      }
      return made;
    })();
  }, [from, to] as const);
  await page.bringToFront();
  const [a, b] = await dash.evaluate(
    ([x, y]) =>
      Promise.all([x, y].map((tabId) => chrome.runtime.sendMessage({ xiaoer: 1, type: 'evidence:capture-chat', payload: { tabId, note: `concurrent ${tabId}`, caseId: null } }))),
    [tabA, tabB] as const,
  );
  const made: string[] = await dash.evaluate(() => {
    (window as any).__stop = true;
    return (window as any).__edits;
  });
  expect(a).toMatchObject({ ok: true });
  expect(b).toMatchObject({ ok: true });
  const after = await storeState(dash);
  expectSound(after);
  expect(after.counts.evidence).toBe(before.counts.evidence + 2);
  const fresh = after.records.slice(before.records.length);
  // Linear: the two new records are the next two seqs, each pointing back to the one before.
  const last = before.records.at(-1)?.seq ?? 0;
  expect(fresh.map((r) => r.seq)).toEqual([last + 1, last + 2]);
  expect(fresh[0]!.prevHash).toBe(before.records.at(-1)?.hash ?? '');
  expect(fresh[1]!.prevHash).toBe(fresh[0]!.hash);
  expect(new Set(fresh.map((r) => r.id))).toEqual(new Set([a.value.evidenceId, b.value.evidenceId]));
  for (const r of fresh) {
    expect(r.note).toMatch(/^concurrent \d+$/);
    expect(r.artifacts.map((x) => x.name)).toEqual(expect.arrayContaining(['screenshot-visible.png', 'chat-pane.html', 'messages.json']));
  }
  expect(after.counts.messages).toBe(before.counts.messages + fresh[0]!.messageCount + fresh[1]!.messageCount);
  // Every library edit is there: created, renamed, used once, moved.
  expect(made.length).toBeGreaterThanOrEqual(5);
  const replies = new Map((await storeRows(dash, 'replies')).map((r) => [r.id, r]));
  for (const [i, id] of made.entries()) {
    expect(replies.get(id)).toMatchObject({ title: `conc-${i} edited`, tags: ['edited'], usageCount: 1, categoryId: to });
  }
  await other.close();
  await dash.close();
});
