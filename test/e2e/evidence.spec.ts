/**
 * Evidence and screenshots (issue 5) in Chromium on the demo marketplace:
 * screenshot kinds (dimensions, the end-of-history marker's pixels, fixed
 * header once, restore), chat capture record, the buyer's words by context
 * menu and sidebar, case reminders, export → verify, byte flip → named file.
 */
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { canonicalJson } from '../../lib/evidence/hash';
import { probeImage } from './probe-image';
import { EXTENSION_PATH, ask, chooseFile, deleteRow, expect, placeholderFits, helperPage, openDashboard, setUiLang, storeRows, openMarketplacePage, openPopup, openSidebar, tabIdOf, test, type Extension } from './fixtures';


/** Start a request without waiting for it (e.g. an element pick that waits for a click). */
async function start(from: Page, type: string, payload: unknown): Promise<void> {
  await from.evaluate(([t, p]) => {
    (window as any).__pending = chrome.runtime.sendMessage({ xiaoer: 1, type: t, payload: p });
  }, [type, payload] as const);
}
async function settle<T = any>(from: Page): Promise<T> {
  const res = await from.evaluate(() => (window as any).__pending);
  if (!res?.ok) throw new Error(JSON.stringify(res?.error));
  return res.value as T;
}


const near = (a: number[], b: number[], tol = 3) => a.length === 3 && a.every((v, i) => Math.abs(v - b[i]!) <= tol);


test.describe.configure({ mode: 'serial' });

test('the manifest declares the capture command, menus and permissions', async ({ ext }) => {
  const built = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(built.commands['capture-visible']).toBeTruthy();
  for (const p of ['activeTab', 'contextMenus', 'alarms', 'notifications', 'offscreen']) expect(built.permissions).toContain(p);
  expect(built.host_permissions).toContain('<all_urls>');
  // The keyboard command's handler (browser UI dispatches it; Playwright cannot press browser shortcuts).
  expect(await ext.worker.evaluate(() => typeof (globalThis as any).__xiaoerHooks?.onCaptureCommand)).toBe('function');
});

test('visible area: viewport-sized PNG without Xiaoer UI, through the keyboard command path', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const dash = await helperPage(ext);
  await page.bringToFront();
  const before = (await storeRows(dash, 'evidence')).length;
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.onCaptureCommand('capture-visible'));
  const rows = await storeRows(dash, 'evidence');
  expect(rows.length).toBe(before + 1);
  const rec = rows.sort((a, b) => b.seq - a.seq)[0];
  expect(rec.kind).toBe('screenshot');
  const vp = await page.evaluate(() => ({ w: innerWidth, h: innerHeight, dpr: devicePixelRatio }));
  // The toggle tab sits at the right edge, 42% down: its red must not be in the image.
  const probe = await probeImage(dash, rec.id, /screenshot-visible\.png$/, [[Math.round((vp.w - 6) * vp.dpr), Math.round(vp.h * 0.42 * vp.dpr + 30)]]);
  expect(probe).not.toBeNull();
  expect(probe!.mime).toBe('image/png');
  expect(probe!.width).toBe(Math.round(vp.w * vp.dpr));
  expect(probe!.height).toBe(Math.round(vp.h * vp.dpr));
  expect(near(probe!.samples[0]!, [0xe4, 0x39, 0x3c], 20)).toBe(false);
  // Redaction suggestions were found on the order list (tracking and order numbers).
  expect(probe!.names).toContain('screenshot-visible-redactions.json');
  await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
  await dash.close();
});

for (const stale of [false, true]) {
  test(`full page: scroll + stitch, dimensions = scrollHeight × dpr, a fixed header kept once, page restored${stale ? ' — a stale frame from the compositor is taken again' : ''}`, async ({ ext, page }) => {
    await openMarketplacePage(page, 'orders/index.html');
    // The second slice's capture comes back as the first slice, byte for byte (the frame before the
    // scroll and before the header was hidden), as a compositor behind the page hands it on a loaded machine.
    if (stale) await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.staleFrameOnce(1));
    // A fixed header as real backends have (the demo order page has none): 30 px of a known colour;
    // and a longer list (the window's real size is what captureVisibleTab sees, so the page grows, not the viewport shrinks).
    const geo = await page.evaluate(() => {
      const list = document.getElementById('orders')!;
      const blocks = [...list.children];
      for (let i = 0; i < 3; i++) for (const b of blocks) list.append(b.cloneNode(true));
      const bar = document.createElement('div');
      bar.id = 'test-fixed-bar';
      Object.assign(bar.style, { position: 'fixed', top: '0', left: '0', width: '100%', height: '30px', background: 'rgb(10, 20, 200)', zIndex: '10' });
      document.body.append(bar);
      window.scrollTo(0, 37);
      const se = document.scrollingElement!;
      return { scrollHeight: se.scrollHeight, clientWidth: document.documentElement.clientWidth, clientHeight: document.documentElement.clientHeight, dpr: devicePixelRatio };
    });
    expect(geo.scrollHeight).toBeGreaterThan(geo.clientHeight * 2);
    const dash = await helperPage(ext);
    const tabId = await tabIdOf(ext, page);
    await page.bringToFront();
    const res = await ask(dash, 'capture:screenshot', { tabId, kind: 'page', jobId: 'page-1', note: '', caseId: null });
    expect(res.slices).toBeGreaterThanOrEqual(3);
    expect(res.width).toBe(Math.round(geo.clientWidth * geo.dpr));
    expect(res.height).toBe(Math.round(geo.scrollHeight * geo.dpr));
    const probe = await probeImage(dash, res.evidenceId, /screenshot-page\.png$/, [], { x: 3, rgb: [10, 20, 200] });
    expect(probe!.width).toBe(res.width);
    expect(probe!.height).toBe(res.height);
    // The header appears in the first slice only: exactly its own 30 rows, not once per slice.
    expect(probe!.rows).toBe(Math.round(30 * geo.dpr));
    // Restored: scroll position and the header's visibility.
    expect(await page.evaluate(() => [scrollY, getComputedStyle(document.getElementById('test-fixed-bar')!).visibility])).toEqual([37, 'visible']);
    // Taken again: the forced stale frame, and any frame the compositor itself handed back stale (a loaded machine).
    if (stale) {
      const { retries, realStale } = await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.captureRetries());
      expect(retries).toBe(1 + realStale);
    }
    await dash.close();
  });
}

test('full page: rows under a bar fixed at the bottom of the screen are in the image (the bar is left out)', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const geo = await page.evaluate(() => {
    const list = document.getElementById('orders')!;
    const blocks = [...list.children];
    for (let i = 0; i < 3; i++) for (const b of blocks) list.append(b.cloneNode(true));
    const bar = document.createElement('div');
    Object.assign(bar.style, { position: 'fixed', bottom: '0', left: '0', width: '100%', height: '60px', background: 'rgb(200, 20, 20)', zIndex: '10' });
    document.body.append(bar);
    // Page content the bar covers while the page is at its top: a 20 px band 40 px above the screen's bottom.
    const band = document.createElement('div');
    Object.assign(band.style, { position: 'absolute', left: '0', top: `${innerHeight - 40}px`, width: '100%', height: '20px', background: 'rgb(20, 180, 90)', zIndex: '5' });
    document.body.append(band);
    window.scrollTo(0, 0);
    return { dpr: devicePixelRatio, scrollHeight: document.scrollingElement!.scrollHeight, vh: innerHeight };
  });
  expect(geo.scrollHeight).toBeGreaterThan(geo.vh * 2);
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  const res = await ask(dash, 'capture:screenshot', { tabId, kind: 'page', jobId: 'page-footer', note: '', caseId: null });
  expect(res.slices).toBeGreaterThanOrEqual(3);
  // Was 0: the band was under the bar in the first slice, and the second slice started below it.
  const band = await probeImage(dash, res.evidenceId, /screenshot-page\.png$/, [], { x: 3, rgb: [20, 180, 90] });
  expect(band!.rows).toBe(Math.round(20 * geo.dpr));
  const bar = await probeImage(dash, res.evidenceId, /screenshot-page\.png$/, [], { x: 3, rgb: [200, 20, 20] });
  expect(bar!.rows).toBe(0);
  await dash.close();
});

test('element: pick an order card (hover highlight, click), image = the card', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  await start(dash, 'capture:screenshot', { tabId, kind: 'element', jobId: 'el-1', note: '', caseId: null });
  const card = page.locator('.od-block').nth(1);
  // The picker arms in the page after the request reaches it: keep moving over the card's own
  // padding (not one of its fields), as a person's mouse does, until the highlight follows.
  let nudge = 0;
  await expect(async () => {
    await card.hover({ position: { x: 6 + (nudge++ % 2), y: 5 } });
    await expect(page.locator('[data-xiaoer-pick]')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const rect = await card.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { w: r.width, h: r.height, dpr: devicePixelRatio };
  });
  await card.click({ position: { x: 6, y: 5 } });
  const res = await settle(dash);
  expect(Math.abs(res.width - rect.w * rect.dpr)).toBeLessThanOrEqual(1);
  expect(Math.abs(res.height - rect.h * rect.dpr)).toBeLessThanOrEqual(1);
  await expect(page.locator('[data-xiaoer-pick]')).toHaveCount(0);
  // Esc cancels a pick; nothing is stored.
  const count = (await storeRows(dash, 'evidence')).length;
  await start(dash, 'capture:screenshot', { tabId, kind: 'element', jobId: 'el-2', note: '', caseId: null });
  await expect(page.locator('[data-xiaoer-pick]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(settle(dash)).rejects.toThrow(/cancelled/);
  expect((await storeRows(dash, 'evidence')).length).toBe(count);
  await dash.close();
});

for (const where of ['page', 'panel'] as const) {
  test(`element taller than the screen (${where === 'page' ? 'the page scrolls it' : 'a scrolling panel holds it'}): scrolled and stitched whole, each band once, scroll restored`, async ({ ext, page }) => {
    await openMarketplacePage(page, 'orders/index.html');
    // A tall order panel 2.6 screens high: a 30 px band at its top and a 40 px band at its bottom in
    // known colours. Before, the capture stopped at the screen's edge (the bottom band missing).
    const geo = await page.evaluate((w) => {
      const card = document.createElement('div');
      card.id = 'test-tall-card';
      Object.assign(card.style, { padding: '12px', background: 'rgb(255, 255, 255)', height: `${Math.round(innerHeight * 2.6)}px`, boxSizing: 'border-box', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', width: '480px' });
      const band = (h: number, rgb: string) => Object.assign(document.createElement('div'), { style: `height:${h}px;background:${rgb}` });
      // The buyer's phone just above the bottom band: its redaction box must land there in the stitched image.
      const foot = document.createElement('div');
      const phone = Object.assign(document.createElement('div'), { textContent: '收货人电话 13812345678', style: 'margin-left:160px;height:24px' });
      foot.append(phone, band(40, 'rgb(200, 30, 160)'));
      card.append(band(30, 'rgb(30, 160, 60)'), foot);
      let panel: HTMLElement | null = null;
      if (w === 'panel') {
        panel = document.createElement('div');
        panel.id = 'test-panel';
        Object.assign(panel.style, { height: '70vh', overflowY: 'auto', border: '1px solid #ccc' });
        panel.append(Object.assign(document.createElement('div'), { style: 'height:150px', textContent: 'filler' }), card, Object.assign(document.createElement('div'), { style: 'height:90px' }));
        document.body.prepend(panel);
        panel.scrollTop = 23;
      } else {
        document.body.append(card);
      }
      window.scrollTo(0, 41);
      const c = card.getBoundingClientRect();
      return { h: c.height, w: c.width, dpr: devicePixelRatio, vh: innerHeight, sy: scrollY, phoneY: phone.getBoundingClientRect().top - c.top };
    }, where);
    expect(geo.h).toBeGreaterThan(geo.vh * 2);
    expect(geo.sy).toBeGreaterThan(0);
    const dash = await helperPage(ext);
    const tabId = await tabIdOf(ext, page);
    await page.bringToFront();
    await start(dash, 'capture:screenshot', { tabId, kind: 'element', jobId: `tall-${where}`, note: '', caseId: null });
    const card = page.locator('#test-tall-card');
    let nudge = 0;
    await expect(async () => {
      await card.hover({ position: { x: 5 + (nudge++ % 2), y: 5 } });
      await expect(page.locator('[data-xiaoer-pick]')).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await card.click({ position: { x: 5, y: 5 } });
    const res = await settle(dash);
    expect(res.slices).toBeGreaterThanOrEqual(3);
    expect(Math.abs(res.width - geo.w * geo.dpr)).toBeLessThanOrEqual(1);
    expect(Math.abs(res.height - geo.h * geo.dpr)).toBeLessThanOrEqual(1);
    const x = Math.round(40 * geo.dpr);
    const top = await probeImage(dash, res.evidenceId, /screenshot-element\.png$/, [], { x, rgb: [30, 160, 60] });
    const bottom = await probeImage(dash, res.evidenceId, /screenshot-element\.png$/, [], { x, rgb: [200, 30, 160] });
    expect(top!.rows).toBe(Math.round(30 * geo.dpr));
    expect(bottom!.rows).toBe(Math.round(40 * geo.dpr));
    const redactions = await dash.evaluate(async (id) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open('xiaoer');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const arts = await new Promise<any[]>((ok) => {
        const r = db.transaction('artifacts').objectStore('artifacts').index('evidenceId').getAll(id);
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      const art = arts.find((a) => /redactions\.json$/.test(a.name));
      return art ? JSON.parse(await art.data.text()).boxes : null;
    }, res.evidenceId);
    const phoneBox = (redactions ?? []).find((b: any) => b.kind === 'phone');
    expect(phoneBox, JSON.stringify(redactions)).toBeTruthy();
    expect(Math.abs(phoneBox.y - Math.round((geo.phoneY - 2) * geo.dpr))).toBeLessThanOrEqual(2);
    // The page (and the panel) scrolled back to where the seller was.
    expect(await page.evaluate(() => [scrollY, document.getElementById('test-panel')?.scrollTop ?? null])).toEqual([geo.sy, where === 'panel' ? 23 : null]);
    await dash.close();
  });
}

test('element pick: ↑ steps out to the list the rows fill, Enter takes it (stitched whole when taller than the screen)', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  await start(dash, 'capture:screenshot', { tabId, kind: 'element', jobId: 'el-up', note: '', caseId: null });
  const card = page.locator('.od-block').nth(1);
  let nudge = 0;
  await expect(async () => {
    await card.hover({ position: { x: 6 + (nudge++ % 2), y: 5 } });
    await expect(page.locator('[data-xiaoer-pick]')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const want = await card.evaluate((el) => {
    const r = el.parentElement!.getBoundingClientRect();
    return { w: r.width, h: r.height, dpr: devicePixelRatio };
  });
  await page.keyboard.press('ArrowUp');
  const box = page.locator('[data-xiaoer-pick]');
  await expect.poll(() => box.evaluate((el) => Math.round(el.getBoundingClientRect().height))).toBe(Math.round(Math.min(want.h, 100_000)));
  await page.keyboard.press('Enter');
  const res = await settle(dash);
  expect(Math.abs(res.height - want.h * want.dpr)).toBeLessThanOrEqual(1);
  await dash.close();
});

test('element pick started from the sidebar: Esc cancels the pick, the sidebar comes back and says so', async ({ page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('shot-element').click();
  await expect(page.locator('[data-xiaoer-pick]')).toHaveCount(1);
  // Was: the keyboard stayed in the hidden sidebar frame; Esc closed the sidebar and the pick went on.
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-xiaoer-pick]')).toHaveCount(0);
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeVisible();
  await expect(sidebar.getByTestId('shot-element')).toBeEnabled();
  // Said as the seller's own cancel — was, in red: "Not saved: Screenshot cancelled; nothing was stored." (English in every UI language).
  const message = sidebar.getByTestId('evidence-message');
  await expect(message).toHaveText('Cancelled — nothing was saved.');
  await expect(message).toHaveClass(/\bok\b/);
});

test('whole chat history: only the pane, height = pane scrollHeight × dpr, the end marker painted in the image', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  // Paint the last message (END-OF-HISTORY-MARKER) a known colour and note where it sits in the pane's content.
  const geo = await page.evaluate(() => {
    const pane = document.getElementById('msgListContainer')!;
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    let el: HTMLElement | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.includes('END-OF-HISTORY-MARKER')) el = n.parentElement;
    if (!el) throw new Error('marker not found');
    Object.assign(el.style, { background: 'rgb(0, 200, 83)', color: 'rgb(0, 200, 83)' });
    pane.scrollTop = 120;
    const p = pane.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return {
      scrollHeight: pane.scrollHeight, clientWidth: pane.clientWidth, dpr: devicePixelRatio,
      markerX: r.left + r.width / 2 - (p.left + pane.clientLeft), markerY: r.top + r.height / 2 - (p.top + pane.clientTop) + pane.scrollTop,
    };
  });
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  const res = await ask(dash, 'capture:screenshot', { tabId, kind: 'chat-history', jobId: 'chat-1', note: '', caseId: null });
  expect(res.slices).toBeGreaterThan(3);
  expect(res.width).toBe(Math.round(geo.clientWidth * geo.dpr));
  expect(res.height).toBe(Math.round(geo.scrollHeight * geo.dpr));
  // Taller than one canvas (16384 px): several images stacked top to bottom; their heights add up.
  const MAX = 16384;
  expect(res.images).toBe(Math.ceil(res.height / MAX));
  let sum = 0;
  for (let i = 1; i <= res.images; i++) {
    const name = res.images > 1 ? new RegExp(`screenshot-chat-history-${i}\\.png$`) : /screenshot-chat-history\.png$/;
    sum += (await probeImage(dash, res.evidenceId, name))!.height;
  }
  expect(sum).toBe(res.height);
  const y = Math.round(geo.markerY * geo.dpr);
  const part = Math.floor(y / MAX);
  const name = res.images > 1 ? new RegExp(`screenshot-chat-history-${part + 1}\\.png$`) : /screenshot-chat-history\.png$/;
  const probe = await probeImage(dash, res.evidenceId, name, [[Math.round(geo.markerX * geo.dpr), y - part * MAX]]);
  expect(near(probe!.samples[0]!, [0, 200, 83])).toBe(true);
  expect(await page.evaluate(() => document.getElementById('msgListContainer')!.scrollTop)).toBe(120);
  await dash.close();
});

test('cancel mid-capture: nothing stored, the page restored', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/shopee.html?messages=1500');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  const before = (await storeRows(dash, 'evidence')).length;
  await dash.evaluate(() => {
    (window as any).__progress = [];
    chrome.runtime.onMessage.addListener((m: any) => {
      if (m?.type === 'event:capture-progress') (window as any).__progress.push(m.payload);
    });
  });
  await page.bringToFront();
  await start(dash, 'capture:screenshot', { tabId, kind: 'chat-history', jobId: 'cancel-1', note: '', caseId: null });
  await expect.poll(() => dash.evaluate(() => (window as any).__progress.at(-1)?.done ?? 0)).toBeGreaterThanOrEqual(2);
  expect(await ask(dash, 'capture:cancel', { jobId: 'cancel-1' })).toEqual({ cancelled: true });
  await expect(settle(dash)).rejects.toThrow(/cancelled/);
  expect((await storeRows(dash, 'evidence')).length).toBe(before);
  const total = await dash.evaluate(() => (window as any).__progress.at(-1).total);
  expect(total).toBeGreaterThan(2);
  await dash.close();
});

test('Esc on the page cancels a stitched capture (the sidebar and its Cancel are hidden meanwhile); the toolbar badge shows the progress', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/shopee.html?messages=1500');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  const before = (await storeRows(dash, 'evidence')).length;
  const badge = () => ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  await page.bringToFront();
  await start(dash, 'capture:screenshot', { tabId, kind: 'chat-history', jobId: 'esc-1', note: '', caseId: null });
  await expect.poll(badge).toMatch(/^[1-9]\d*\/\d+$/);
  // Was: Esc did nothing to a full-page or chat-history capture, and every slice was stored.
  await page.keyboard.press('Escape');
  await expect(settle(dash)).rejects.toThrow(/cancelled/);
  expect((await storeRows(dash, 'evidence')).length).toBe(before);
  await expect.poll(badge).toBe('');
  await dash.close();
});

test('capture chat from the sidebar: one record with messages, sanitised pane HTML, MHTML (box ticked), screenshot, page facts', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/aliexpress.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  // The seller asks for the MHTML snapshot (remembered: put back to the default at the end).
  await sidebar.getByTestId('evidence-mhtml').check();
  const expected = await page.evaluate(() => ({ title: document.title, url: location.href }));
  await page.bringToFront();
  await sidebar.getByTestId('evidence-note').fill('buyer asks for refund before delivery');
  await sidebar.getByTestId('capture-chat').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  const dash = await helperPage(ext);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(rec.kind).toBe('chat');
  expect(rec.note).toBe('buyer asks for refund before delivery');
  expect(rec.url).toBe(expected.url);
  expect(rec.title).toBe(expected.title);
  expect(rec.site).toBe('aliexpress');
  expect(rec.buyerName).toBeTruthy();
  expect(rec.orderId).toMatch(/\d{6,}/);
  expect(rec.capturedAt).toMatch(/T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
  expect(rec.extensionVersion).toBe(await ext.worker.evaluate(() => chrome.runtime.getManifest().version));
  const names = rec.artifacts.map((a: any) => a.name);
  if (!names.includes('page.mhtml')) console.log('artifacts', names, await sidebar.getByTestId('evidence-message').textContent());
  expect(names).toEqual(expect.arrayContaining(['screenshot-visible.png', 'chat-pane.html', 'page.mhtml', 'messages.json']));
  // Per-message records, in order, ending with the last message of the conversation.
  const msgs = (await storeRows(dash, 'messages')).filter((m) => m.evidenceId === rec.id).sort((a, b) => a.seq - b.seq);
  expect(msgs.length).toBe(rec.messageCount);
  expect(msgs.length).toBeGreaterThan(50);
  expect(msgs.at(-1).text).toContain('END-OF-HISTORY-MARKER');
  expect(msgs.some((m) => m.sender === 'buyer') && msgs.some((m) => m.sender === 'seller')).toBe(true);
  // The HTML snapshot is sanitised: no script, no inline handler, CSP meta; the text is there.
  const html = await dash.evaluate(async (id) => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('xiaoer'); r.onsuccess = () => ok(r.result); });
    const arts: any[] = await new Promise((ok) => { const r = db.transaction('artifacts').objectStore('artifacts').index('evidenceId').getAll(id); r.onsuccess = () => ok(r.result); });
    db.close();
    return arts.find((a) => a.name === 'chat-pane.html').data.text();
  }, rec.id);
  expect(html).toContain('END-OF-HISTORY-MARKER');
  expect(html).toContain('Content-Security-Policy');
  expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  await sidebar.getByTestId('evidence-mhtml').uncheck();
  await dash.close();
});

/** The newest evidence record's artifact names, once a record newer than `after` is there. */
async function newestArtifacts(dash: Page, after: number): Promise<string[]> {
  await expect.poll(async () => Math.max(0, ...(await storeRows(dash, 'evidence')).map((r) => r.seq))).toBeGreaterThan(after);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  return rec.artifacts.map((a: { name: string }) => a.name);
}
const newestSeq = async (dash: Page) => Math.max(0, ...(await storeRows(dash, 'evidence')).map((r) => r.seq));

test('the MHTML box decides, not the held pageCapture: unticked → no page.mhtml and nothing said; ticked → kept; the box starts from the last choice; unticked gives pageCapture back', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/aliexpress.html');
  let sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  const box = () => sidebar.getByTestId('evidence-mhtml');
  const dash = await helperPage(ext);
  try {
    // Off by default (a new install): the e2e build holds pageCapture for good, as a seller's browser does once granted.
    await expect(box()).not.toBeChecked();
    await page.bringToFront();
    let seq = await newestSeq(dash);
    await sidebar.getByTestId('capture-chat').click();
    await expect(sidebar.getByTestId('evidence-message')).toContainText(`#${seq + 1}`, { timeout: 20_000 });
    // Was: page.mhtml stored whenever the permission was held, whatever the box said.
    let names = await newestArtifacts(dash, seq);
    expect(names).toEqual(expect.arrayContaining(['chat-pane.html', 'messages.json']));
    expect(names).not.toContain('page.mhtml');
    // Not asked for, so nothing to say about it ("permission not granted" only when asked and refused).
    await expect(sidebar.getByTestId('evidence-message')).not.toContainText(/MHTML|mhtml|permission/);

    await box().check();
    seq = await newestSeq(dash);
    await page.bringToFront();
    await sidebar.getByTestId('capture-chat').click();
    await expect(sidebar.getByTestId('evidence-message')).toContainText(`#${seq + 1}`, { timeout: 20_000 });
    expect(await newestArtifacts(dash, seq)).toContain('page.mhtml');

    // Remembered: a sidebar opened on the next page starts from the seller's last choice.
    await openMarketplacePage(page, 'chat/aliexpress.html');
    sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(box()).toBeChecked();
    // Unticked, pageCapture is given back (the e2e build holds it as required, so the browser's own
    // remove is watched here, and refuses): was kept for good once granted.
    await sidebar.evaluate(() => {
      const calls: unknown[] = [];
      (window as unknown as { __removed: unknown[] }).__removed = calls;
      const remove = chrome.permissions.remove.bind(chrome.permissions);
      chrome.permissions.remove = ((p: unknown) => {
        calls.push(p);
        return remove(p);
      }) as typeof chrome.permissions.remove;
    });
    await box().uncheck();
    await expect.poll(() => sidebar.evaluate(() => (window as unknown as { __removed: unknown[] }).__removed)).toEqual([{ permissions: ['pageCapture'] }]);
    await box().check();
    await box().uncheck();
    expect(await sidebar.evaluate(() => (window as unknown as { __removed: unknown[] }).__removed)).toHaveLength(2);
    await openMarketplacePage(page, 'chat/aliexpress.html');
    sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(box()).not.toBeChecked();
  } finally {
    await ext.worker.evaluate(() => chrome.storage.local.remove('sidebarKeepMhtml'));
    await dash.close();
  }
});

test('with the UI in 简体中文 what Capture chat left out is said in Chinese in the sidebar (was: "screenshot: the tab is not in front")', async ({ ext, page }) => {
  const previous = await setUiLang(ext, 'zh-CN');
  try {
    await openMarketplacePage(page, 'chat/aliexpress.html');
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    // Another tab in front: the chat's screenshot is left out, and the seller is told why.
    const other = await ext.context.newPage();
    await other.bringToFront();
    await sidebar.getByTestId('capture-chat').click();
    const status = sidebar.getByTestId('evidence-message');
    await expect(status).toContainText('聊天记录已存为证据', { timeout: 20_000 });
    await expect(status).toContainText('截图未保存：该标签页不在最前面');
    expect(await status.textContent()).not.toMatch(/screenshot|not in front/i);
    await other.close();
  } finally {
    await setUiLang(ext, previous);
  }
});

test("save the buyer's words: context menu item and sidebar button, with the surrounding messages", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  // Select the text of one buyer message (the selection the seller makes with the mouse).
  const picked = await page.evaluate(() => {
    const pane = document.getElementById('msgListContainer')!;
    const bubble = [...pane.querySelectorAll('.buyer-item .msg-content-box')].at(-3) as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(bubble);
    const sel = getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  });
  expect(picked.length).toBeGreaterThan(2);
  const dash = await helperPage(ext);
  const before = (await storeRows(dash, 'evidence')).length;
  // The browser's context menu click, through the same handler the contextMenus listener calls.
  await ext.worker.evaluate(([id, text]) => (globalThis as any).__xiaoerHooks.onMenuClick({ menuItemId: 'xiaoer-save-words', selectionText: text }, { id }), [tabId, picked] as const);
  const rows = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq);
  expect(rows.length).toBe(before + 1);
  const rec = rows[0];
  expect(rec.kind).toBe('words');
  const msgs = (await storeRows(dash, 'messages')).filter((m) => m.evidenceId === rec.id).sort((a, b) => a.seq - b.seq);
  expect(msgs.some((m) => m.text.includes(picked.trim()) && m.sender === 'buyer')).toBe(true);
  expect(msgs.length).toBeGreaterThanOrEqual(3);
  for (const m of msgs) expect(m.timeText).toBeTruthy();
  // The sidebar button does the same with the page's selection. The helper tab opened
  // above took the foreground: bring the chat back, as the seller's click would.
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('save-words').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/);
  const last = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(last.kind).toBe('words');
  expect(last.seq).toBe(rec.seq + 1);
  await dash.close();
});

test("save the buyer's words: a phrase the buyer repeated keeps the context of the one selected, not its first appearance", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  // The newest buyer bubble whose words the buyer also sent earlier in the conversation (the demo chats repeat phrases).
  const picked = await page.evaluate(() => {
    const pane = document.getElementById('msgListContainer')!;
    const bubbles = [...pane.querySelectorAll<HTMLElement>('.buyer-item .msg-content-box')];
    const text = (el: HTMLElement) => (el.textContent ?? '').trim();
    const bubble = bubbles.reverse().find((b) => bubbles.filter((o) => text(o) === text(b)).length > 1)!;
    const range = document.createRange();
    range.selectNodeContents(bubble);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return { text: text(bubble), id: bubble.closest('li')!.id.replace('middlePanel_list_', ''), times: bubbles.filter((o) => text(o) === text(bubble)).length };
  });
  expect(picked.times).toBeGreaterThan(1);
  const dash = await helperPage(ext);
  await ext.worker.evaluate(([id, text]) => (globalThis as any).__xiaoerHooks.onMenuClick({ menuItemId: 'xiaoer-save-words', selectionText: text }, { id }), [tabId, picked.text] as const);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(rec.kind).toBe('words');
  const msgs = (await storeRows(dash, 'messages')).filter((m) => m.evidenceId === rec.id);
  // The selected message is in the record, with at most three before and after it.
  expect(msgs.map((m) => m.platformId)).toContain(picked.id);
  expect(msgs.length).toBeLessThanOrEqual(7);
  await dash.close();
});

/** Select the contents of the given message bubbles (first to last, as a mouse drag would) and return the selected text. */
async function selectBubbles(page: Page, selector: string, pick: 'last-seller' | 'buyer-then-seller' | 'last-buyer'): Promise<string> {
  return page.evaluate(([sel, which]) => {
    const rows = [...document.querySelectorAll<HTMLElement>(sel)];
    const side = (li: HTMLElement) => (li.querySelector('.buyer-item .msg-content-box') ? 'buyer' : li.querySelector('.cs-item .msg-content-box') ? 'seller' : null);
    const box = (li: HTMLElement) => li.querySelector<HTMLElement>('.msg-content-box')!;
    let from: HTMLElement, to: HTMLElement;
    if (which === 'buyer-then-seller') {
      const i = rows.findLastIndex((li, k) => side(li) === 'buyer' && rows[k + 1] && side(rows[k + 1]!) === 'seller');
      [from, to] = [box(rows[i]!), box(rows[i + 1]!)];
    } else {
      const li = rows.findLast((r) => side(r) === (which === 'last-seller' ? 'seller' : 'buyer'))!;
      from = to = box(li);
    }
    const range = document.createRange();
    range.setStart(from, 0);
    range.setEnd(to, to.childNodes.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return getSelection()!.toString();
  }, [selector, pick] as const);
}

test("save the buyer's words refuses the seller's own message (and a selection running into it); nothing is stored; a buyer's message is still saved", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  const rows = '#msgListContainer li.onemsg';
  const dash = await helperPage(ext);
  const count = async () => (await storeRows(dash, 'evidence')).length;
  const before = await count();
  const refusal = /not the buyer's|不是买家|不是買家/;
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  // The seller's own reply, selected and saved from the sidebar: refused in the UI language.
  expect((await selectBubbles(page, rows, 'last-seller')).trim().length).toBeGreaterThan(1);
  await sidebar.getByTestId('save-words').click();
  await expect(sidebar.getByTestId('evidence-message')).toHaveClass(/error/);
  await expect(sidebar.getByTestId('evidence-message')).toContainText(refusal);
  expect(await count()).toBe(before);
  // A drag from a buyer's message into the seller's answer holds the seller's words too.
  await selectBubbles(page, rows, 'buyer-then-seller');
  await sidebar.getByTestId('save-words').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(refusal);
  expect(await count()).toBe(before);
  // The context menu path (the same handler the contextMenus listener calls) stores nothing either.
  const sellerText = await selectBubbles(page, rows, 'last-seller');
  await ext.worker.evaluate(([id, text]) => (globalThis as any).__xiaoerHooks.onMenuClick({ menuItemId: 'xiaoer-save-words', selectionText: text }, { id }), [tabId, sellerText] as const);
  expect(await count()).toBe(before);
  // The buyer's own message is saved as before.
  const buyerText = await selectBubbles(page, rows, 'last-buyer');
  await sidebar.getByTestId('save-words').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(rec.kind).toBe('words');
  expect(await count()).toBe(before + 1);
  const msgs = (await storeRows(dash, 'messages')).filter((m) => m.evidenceId === rec.id);
  expect(msgs.some((m) => m.sender === 'buyer' && m.text.includes(buyerText.trim()))).toBe(true);
  await dash.close();
});

test("save the buyer's words: the second click of a double click arriving after the save stores nothing more", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await helperPage(ext);
  const count = async () => (await storeRows(dash, 'evidence')).length;
  const before = await count();
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await selectBubbles(page, '#msgListContainer li.onemsg', 'last-buyer');
  const button = sidebar.getByTestId('save-words');
  const box = (await button.boundingBox())!;
  // The words are saved quickly; a double click's second click (detail 2) can come after that save is done, when
  // the running guard no longer holds. It stored the same words twice.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/);
  await expect.poll(count).toBe(before + 1);
  // Only the second press of the double click (a full double click would be a first click too).
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  // A single click after it is a new save again (the guard drops only a double click's repeats).
  await page.waitForTimeout(500);
  expect(await count()).toBe(before + 1);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(count).toBe(before + 2);
  await dash.close();
});

test('full page: sticky headings further down the page are in the stitched image (only those of the first screen are hidden after it)', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  // A long order list whose per-order headings are position: sticky (a common list pattern), 20 px of a known colour.
  const geo = await page.evaluate(() => {
    const list = document.getElementById('orders')!;
    const blocks = [...list.children];
    for (let i = 0; i < 3; i++) for (const b of blocks) list.append(b.cloneNode(true));
    let n = 0;
    for (const b of list.children) {
      const h = document.createElement('div');
      h.textContent = `ORDER ${++n}`;
      Object.assign(h.style, { position: 'sticky', top: '0', height: '20px', background: 'rgb(200, 30, 160)', color: 'white', zIndex: '5' });
      b.prepend(h);
    }
    window.scrollTo(0, 0);
    const first = (list.children[0]!.firstChild as HTMLElement).getBoundingClientRect();
    return { n, x: Math.round(first.right - 10), dpr: devicePixelRatio, below: [...list.children].filter((b) => b.getBoundingClientRect().top >= innerHeight).length };
  });
  expect(geo.below).toBeGreaterThan(10);
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  const res = await ask(dash, 'capture:screenshot', { tabId, kind: 'page', jobId: 'sticky-1', note: '', caseId: null });
  const probe = await probeImage(dash, res.evidenceId, /screenshot-page\.png$/, [], { x: Math.round(geo.x * geo.dpr), rgb: [200, 30, 160] });
  // Every heading at least once (was: 6 of 24; the other 18 blank gaps).
  expect(probe!.rows).toBeGreaterThanOrEqual(Math.round(geo.n * 20 * geo.dpr));
  await dash.close();
});

test("a chat capture keeps the buyer's line breaks (<br> in a bubble) in the stored text", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  // The newest buyer bubble as a page writes a multi-line message.
  await page.evaluate(() => {
    const bubble = [...document.querySelectorAll<HTMLElement>('#msgListContainer .buyer-item .msg-content-box')].at(-1)!;
    bubble.replaceChildren('收到的杯子是坏的', document.createElement('br'), '盖子裂了', document.createElement('br'), '我要退货');
  });
  const dash = await helperPage(ext);
  await page.bringToFront();
  const rec = await ask(dash, 'evidence:capture-chat', { tabId, note: 'line-breaks', caseId: null });
  const msgs = (await storeRows(dash, 'messages')).filter((m) => m.evidenceId === rec.evidenceId);
  // Was '收到的杯子是坏的盖子裂了我要退货'.
  expect(msgs.map((m) => m.text)).toContain('收到的杯子是坏的\n盖子裂了\n我要退货');
  await dash.close();
});

test('dashboard evidence filters: buyer (spaces trimmed), order, site, case, dates — each narrows to the right records', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await helperPage(ext);
  const kase = await ask(dash, 'case:create', { type: 'complaint', title: 'filter test case', site: 'pinduoduo', buyerId: null, buyerName: 'x', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await page.bringToFront();
  const first = await ask(dash, 'evidence:capture-chat', { tabId, note: 'filter-a', caseId: kase.id });
  const header = page.locator('.chatWindowHeader .base-info .name');
  const before = await header.textContent();
  await page.locator('.chat-item-box').nth(1).click();
  await expect(header).not.toHaveText(before ?? '');
  const second = await ask(dash, 'evidence:capture-chat', { tabId, note: 'filter-b', caseId: null });
  const rows = await storeRows(dash, 'evidence');
  const a = rows.find((e) => e.id === first.evidenceId);
  const b = rows.find((e) => e.id === second.evidenceId);
  expect(a.buyerName).not.toBe(b.buyerName);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  const seqs = async () => (await dash.getByTestId('evidence-row').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq')))));
  // The buyer's name as pasted, with a space after it (found nothing before).
  await dash.getByTestId('filter-buyer').fill(`${a.buyerName} `);
  await expect.poll(seqs).toContain(a.seq);
  expect(await seqs()).not.toContain(b.seq);
  await dash.getByTestId('filter-buyer').fill('');
  await dash.getByTestId('filter-order').fill(b.orderId);
  await expect.poll(seqs).toContain(b.seq);
  expect(await seqs()).not.toContain(a.seq);
  await dash.getByTestId('filter-order').fill('');
  await dash.getByTestId('filter-case').selectOption(kase.id);
  await expect.poll(seqs).toEqual([a.seq]);
  await dash.getByTestId('filter-case').selectOption('');
  await dash.getByTestId('filter-site').selectOption('pinduoduo');
  await expect.poll(seqs).toEqual(expect.arrayContaining([a.seq, b.seq]));
  // Captured today: a "to" date of yesterday leaves none of them.
  const yesterday = await dash.evaluate(() => { const d = new Date(Date.now() - 86_400_000); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  await dash.getByTestId('filter-to').fill(yesterday);
  await expect.poll(seqs).toEqual([]);
  await dash.close();
});

test('captures started together on one tab take turns: every one succeeds, each chat record with its screenshot', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/qianniu.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await helperPage(ext);
  await page.bringToFront();
  const results = await Promise.allSettled([
    ask(dash, 'evidence:capture-chat', { tabId, note: 'together-1', caseId: null }),
    ask(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'together-v', note: 'together-2', caseId: null }),
    ask(dash, 'capture:screenshot', { tabId, kind: 'chat-history', jobId: 'together-c', note: 'together-3', caseId: null }),
    ask(dash, 'evidence:capture-chat', { tabId, note: 'together-4', caseId: null }),
  ]);
  // Was: both screenshots failed ("No screenshot in progress on this page") and a chat record had no image.
  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
  const mine = (await storeRows(dash, 'evidence')).filter((e) => /^together-/.test(e.note));
  expect(mine).toHaveLength(4);
  for (const e of mine) expect(e.artifacts.some((a: { name: string }) => /\.png$/.test(a.name)), e.note).toBe(true);
  await dash.close();
});

test('popup: screenshot of the visible area (the action gesture grants activeTab); Copy and Download of it right there', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const tabId = await tabIdOf(ext, page);
  const popup = await openPopup(ext, tabId);
  await page.bringToFront();
  await popup.getByTestId('popup-shot-visible').click();
  await expect(popup.getByTestId('popup-capture-status')).toContainText(/#\d+/, { timeout: 15_000 });
  const seq = Number(/#(\d+)/.exec((await popup.getByTestId('popup-capture-status').textContent())!)![1]);
  await popup.bringToFront();
  await popup.getByTestId('shot-copy').click();
  await expect(popup.getByTestId('shot-status')).toHaveClass(/ok/);
  const download = popup.waitForEvent('download');
  await popup.getByTestId('shot-download').click();
  // Capture time first (sorts), then the record's number (was "xiaoer-<seq>-screenshot-visible.png").
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^xiaoer-\\d{4}(-\\d{2}){5}-ev${seq}-(.+-)?screenshot-visible\\.png$`));
  const art = (await storeRows(popup, 'evidence')).find((e) => e.seq === seq).artifacts.find((a: any) => a.name === 'screenshot-visible.png');
  expect(createHash('sha256').update(readFileSync(await (await download).path())).digest('hex')).toBe(art.sha256);
  await popup.close();
});

test('cases: open from the sidebar prefilled, reminder alarm fires a notification that opens the case; its timeline line is worded in the UI language of the moment', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/shopee.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('open-case').click();
  const state = await sidebar.locator('[data-testid="case-form"]').isVisible();
  expect(state).toBe(true);
  // Prefilled from the page: the buyer and the order of the open conversation.
  await expect(sidebar.getByTestId('case-buyer')).not.toHaveValue('');
  await expect(sidebar.getByTestId('case-order')).toHaveValue(/\d{6,}/);
  await sidebar.getByTestId('case-type').selectOption('dispute');
  await sidebar.getByTestId('case-title').fill('Buyer says parcel arrived damaged');
  await sidebar.getByTestId('case-create').click();
  await expect(sidebar.getByTestId('evidence-message')).toBeVisible();
  const dash = await helperPage(ext);
  const c = (await storeRows(dash, 'cases')).find((x) => x.title === 'Buyer says parcel arrived damaged');
  expect(c.type).toBe('dispute');
  expect(c.status).toBe('open');
  // The promised reply time, 2 s ahead: a real chrome.alarms alarm (unpacked extensions may go below the 30 s minimum).
  const due = await dash.evaluate(() => {
    const d = new Date(Date.now() + 2000);
    const off = -d.getTimezoneOffset();
    const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
    const abs = Math.abs(off);
    return `${local}${off >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  });
  await ask(dash, 'case:update', { id: c.id, replyDueAt: due });
  const alarms = await ext.worker.evaluate(() => chrome.alarms.getAll());
  expect(alarms.map((a: any) => a.name)).toContain(`case:reply:${c.id}`);
  // Chrome fires alarms on its own timer (30 s granularity for packed extensions); in one full CI
  // run on a loaded machine the 2 s alarm had not shown its notification within 15 s: allow the
  // packed granularity (a seller's reminder 30 s late is still on time).
  await expect
    .poll(() => ext.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())), { timeout: 35_000 })
    .toContain(`case:reply:${c.id}`);
  const after = (await storeRows(dash, 'cases')).find((x) => x.id === c.id);
  expect(after.timeline.some((e: any) => e.kind === 'reminder')).toBe(true);
  // Later edits that leave the (now past) reply time as it is do not fire it again: a note, a status
  // change, the same time sent back (the date field's blur). Was: one more notification and one more
  // "reminder" line each time.
  const reminders = (x: any) => x.timeline.filter((e: any) => e.kind === 'reminder').length;
  const fired = reminders(after);
  await ask(dash, 'case:update', { id: c.id, note: 'called the courier' });
  await ask(dash, 'case:update', { id: c.id, status: 'waiting-buyer' });
  await ask(dash, 'case:update', { id: c.id, replyDueAt: due });
  expect((await ext.worker.evaluate(() => chrome.alarms.getAll())).map((a: any) => a.name)).not.toContain(`case:reply:${c.id}`);
  await dash.waitForTimeout(1500);
  expect(reminders((await storeRows(dash, 'cases')).find((x) => x.id === c.id))).toBe(fired);
  // Clicking the notification opens the dashboard on the case.
  const opened = ext.context.waitForEvent('page');
  await ext.worker.evaluate((id) => (globalThis as any).__xiaoerHooks.onNotificationClick(`case:reply:${id}`), c.id);
  const tab = await opened;
  await expect(tab).toHaveURL(new RegExp(`dashboard\\.html#cases/${c.id}`));
  await expect(tab.getByTestId('case-detail')).toContainText('Buyer says parcel arrived damaged');
  // The timeline keeps which reminder fired and words it in the UI language of the moment it is read
  // (was: the notification's title stored as text, English for good after a switch to 简体中文).
  expect(after.timeline.filter((e: any) => e.kind === 'reminder').map((e: any) => e.text)).toEqual(['reply']);
  const line = tab.getByTestId('case-timeline').locator('li[data-kind="reminder"]');
  await expect(line).toContainText('Reply due: you promised the buyer an answer');
  const previous = await setUiLang(ext, 'zh-CN');
  try {
    await expect(line).toContainText('答复时限到了：你答应过买家给答复');
  } finally {
    await setUiLang(ext, previous);
  }
  await tab.close();
  await dash.close();
});

test('a case reopened after its promised reply time passed while it was resolved: shown overdue on the board and in the detail, which asks for a new time; the new time is armed', async ({ ext }) => {
  const dash = await helperPage(ext);
  const isoIn = (ms: number) => dash.evaluate((ms) => {
    const d = new Date(Date.now() + ms);
    const off = -d.getTimezoneOffset();
    const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
    const abs = Math.abs(off);
    return `${local}${off >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }, ms);
  const replyAlarm = (id: string) => ext.worker.evaluate(async (id) => (await chrome.alarms.get(`case:reply:${id}`))?.scheduledTime ?? null, id);
  // Promised a reply in 2 s, resolved at once (no reminder owed then), reopened after the time passed.
  const c = await ask(dash, 'case:create', { type: 'complaint', title: 'Reopened after the promise', site: 'qianniu', buyerId: null, buyerName: 'Lin', orderId: '778899', replyDueAt: await isoIn(2000), followUpAt: null, note: '' });
  await ask(dash, 'case:update', { id: c.id, status: 'resolved' });
  expect(await replyAlarm(c.id)).toBeNull();
  await dash.waitForTimeout(2500);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  const detail = dash.getByTestId('case-detail');
  await expect(detail).toContainText('Reopened after the promise');
  await expect(dash.getByTestId('case-reply-overdue')).toHaveCount(0);
  await dash.getByTestId('case-status').selectOption('open');
  const card = dash.getByTestId('case-column-open').getByTestId('case-card').filter({ hasText: 'Reopened after the promise' });
  await expect(card.getByTestId('case-due')).toContainText('overdue');
  const prompt = dash.getByTestId('case-reply-overdue');
  await expect(prompt).toContainText('has passed; no reminder is set for this case now');
  await expect(dash.getByTestId('case-detail-reply-due')).toHaveAttribute('aria-invalid', 'true');
  // The passed time is not fired on reopening (one notification per promise): no alarm until a new time.
  expect(await replyAlarm(c.id)).toBeNull();
  await dash.getByTestId('case-reply-new-time').click();
  await expect(dash.getByTestId('case-detail-reply-due')).toBeFocused();
  const local = await dash.evaluate(() => { const d = new Date(Date.now() + 3 * 3_600_000); return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16); });
  await dash.getByTestId('case-detail-reply-due').fill(local);
  await dash.getByTestId('case-note').click();
  await expect.poll(() => replyAlarm(c.id)).not.toBeNull();
  await expect(prompt).toHaveCount(0);
  await expect(card.getByTestId('case-due')).not.toContainText('overdue');
  await dash.close();
});

test('case detail: passing through the time fields writes nothing (the card keeps its place), a time set in another tab shows, and a long note is kept whole', async ({ ext }) => {
  const dash = await helperPage(ext);
  const older = await ask(dash, 'case:create', { type: 'after-sales', title: 'Tab-through older', site: 'qianniu', buyerId: null, buyerName: 'Lin', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await ask(dash, 'case:create', { type: 'after-sales', title: 'Tab-through newer', site: 'qianniu', buyerId: null, buyerName: 'Lin', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${older.id}`);
  await expect(dash.getByTestId('case-detail')).toContainText('Tab-through older');
  const column = dash.getByTestId('case-column-open').getByTestId('case-card').filter({ hasText: 'Tab-through' });
  await expect(column.first()).toContainText('Tab-through newer');
  // The seller clicks into the reply time to look and tabs on through the follow-up: nothing was changed.
  await dash.getByTestId('case-detail-reply-due').click();
  await dash.keyboard.press('Tab');
  await dash.getByTestId('case-detail-follow-up').focus();
  await dash.getByTestId('case-note').click();
  await dash.waitForTimeout(500);
  expect((await storeRows(dash, 'cases')).find((c) => c.id === older.id).updatedAt).toBe(older.updatedAt);
  await expect(column.first()).toContainText('Tab-through newer');

  // A time set meanwhile in another dashboard tab shows here, and leaving the field does not put the old one back.
  const other = await openDashboard(ext);
  const due = await other.evaluate(() => {
    const d = new Date(Date.now() + 5 * 3_600_000);
    d.setSeconds(0, 0);
    return { iso: d.toISOString(), local: new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16) };
  });
  await ask(other, 'case:update', { id: older.id, replyDueAt: due.iso });
  await other.close();
  await expect(dash.getByTestId('case-detail-reply-due')).toHaveValue(due.local);
  await dash.getByTestId('case-detail-reply-due').click();
  await dash.getByTestId('case-note').click();
  await dash.waitForTimeout(500);
  expect(Date.parse((await storeRows(dash, 'cases')).find((c) => c.id === older.id).replyDueAt)).toBe(Date.parse(due.iso));

  // A pasted note over the 20,000 characters a note may hold: cut at the limit and added, never refused and erased.
  const long = '买家发来的聊天记录：'.repeat(2_100);
  await dash.getByTestId('case-note').fill(long);
  await dash.getByTestId('case-add-note').click();
  await expect(dash.getByTestId('case-note')).toHaveValue('');
  const notes = (await storeRows(dash, 'cases')).find((c) => c.id === older.id).timeline.filter((e: { kind: string }) => e.kind === 'note');
  expect(notes.map((e: { text: string }) => e.text)).toEqual([long.slice(0, 20_000)]);
  await dash.close();
});

test('case detail: a double click on Add note puts the note on the timeline once', async ({ ext }) => {
  const dash = await helperPage(ext);
  const c = await ask(dash, 'case:create', { type: 'complaint', title: 'Double-click note', site: 'shopee', buyerId: null, buyerName: 'ong.k.m', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  await expect(dash.getByTestId('case-detail')).toContainText('Double-click note');
  await dash.getByTestId('case-note').fill('Buyer sent photos of the cracked cup');
  // Two clicks in one go, before the page re-renders (a quick double click).
  await dash.getByTestId('case-add-note').evaluate((b: HTMLButtonElement) => {
    b.click();
    b.click();
  });
  await expect(dash.getByTestId('case-note')).toHaveValue('');
  await expect(dash.getByTestId('case-timeline').locator('li[data-kind="note"]')).toHaveCount(1);
  const notes = (await storeRows(dash, 'cases')).find((x) => x.id === c.id).timeline.filter((e: { kind: string }) => e.kind === 'note');
  expect(notes.map((e: { text: string }) => e.text)).toEqual(['Buyer sent photos of the cracked cup']);
  await dash.close();
});

test('export a case as ZIP → verify intact; one flipped byte in a file → verify names the file', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/qianniu.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  const c = await ask(dash, 'case:create', { type: 'complaint', title: 'Late delivery complaint', site: 'qianniu', buyerId: null, buyerName: 'x', orderId: '123456789', replyDueAt: null, followUpAt: null, note: 'promised an answer by tonight' });
  await page.bringToFront();
  const chat = await ask(dash, 'evidence:capture-chat', { tabId, note: '', caseId: c.id });
  const shot = await ask(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'exp-1', note: '', caseId: null });
  await ask(dash, 'case:update', { id: c.id, linkEvidence: [shot.evidenceId], note: 'screenshot of the tracking status' });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  await expect(dash.getByTestId('case-detail')).toContainText('Late delivery complaint');
  await expect(dash.getByTestId('case-timeline')).toContainText(`#${shot.seq}`);
  await expect(dash.getByTestId('case-timeline')).toContainText(`#${chat.seq}`);
  // Each line's time is the seller's local time as their UI language writes it. Was the stored ISO text
  // cut at the minute: UTC, so 16:05 in Shanghai read "08:05".
  const cdp = await dash.context().newCDPSession(dash);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' });
  await dash.reload();
  const storedCase = (await storeRows(dash, 'cases')).find((x) => x.id === c.id);
  const stored = storedCase.timeline as Array<{ at: string }>;
  // The chat captured for the case is dated at its capture time too, in time order with the stored lines.
  const capturedFor = (await storeRows(dash, 'evidence')).find((x) => x.id === chat.evidenceId).capturedAt as string;
  // The first line says when the case was opened, dated like the others.
  const ats = [storedCase.createdAt as string, ...stored.map((e) => e.at), capturedFor].sort((a, b) => Date.parse(a) - Date.parse(b));
  const times = dash.getByTestId('case-timeline').locator('li > time');
  await expect(times).toHaveCount(ats.length);
  const expected = await dash.evaluate(
    (ats) => ats.map((at) => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(at))),
    ats,
  );
  await expect(times).toHaveText(expected);
  await cdp.detach();
  const download = dash.waitForEvent('download');
  await dash.getByTestId('case-export').click();
  const file = await download;
  const path = await file.path();
  const bytes = new Uint8Array(readFileSync(path));
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'report.html']));
  expect(Object.keys(files).some((f) => f.startsWith('transcripts/') && f.endsWith('.txt'))).toBe(true);
  expect(Object.keys(files).some((f) => f.startsWith('screenshots/'))).toBe(true);
  await chooseFile(dash.getByTestId('verify-input'), 'case.zip', bytes);
  await expect(dash.getByTestId('verify-result')).toContainText(/Intact|完好/);
  // The case's timeline is the seller's notes: said to be outside the hash chain.
  await expect(dash.getByTestId('verify-case-notes')).toContainText(/not part of the hash chain|不在哈希链内|不在雜湊鏈內/);
  // The buyer's words edited in the text transcript, its SHA-256 and size and the manifest digest recomputed
  // (every hash a forger can reach): refused, with the file and the first line that differs.
  const txtPath = Object.keys(files).find((f) => f.startsWith('transcripts/') && f.endsWith('.txt'))!;
  const txtLines = new TextDecoder().decode(files[txtPath]).split('\n');
  const said = txtLines.findIndex((l) => l.startsWith('  ') && l.trim().length > 0);
  txtLines[said] = '  OK, I will not leave a bad review';
  const editedTxt = new TextEncoder().encode(txtLines.join('\n'));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  const listed = manifest.files.find((f: { path: string }) => f.path === txtPath);
  listed.sha256 = createHash('sha256').update(editedTxt).digest('hex');
  listed.size = editedTxt.length;
  const { digest: _old, ...body } = manifest;
  manifest.digest = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const forgedZip = zipSync({ ...files, [txtPath]: editedTxt, 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) });
  await chooseFile(dash.getByTestId('verify-input'), 'edited-transcript.zip', forgedZip);
  await expect(dash.getByTestId('verify-result')).toContainText(/Not intact|不完好/);
  await expect(dash.getByTestId('verify-result')).toContainText(txtPath);
  await expect(dash.getByTestId('verify-result')).toContainText(new RegExp(`(line|第) ${said + 1}`));
  await expect(dash.getByTestId('verify-result')).toContainText('OK, I will not leave a bad review');
  // Flip one byte of one screenshot inside, re-zip (fflate), verify again.
  const target = Object.keys(files).find((f) => f.startsWith('screenshots/'))!;
  const flipped = { ...files, [target]: new Uint8Array(files[target]!) };
  const mid = Math.floor(flipped[target]!.length / 2);
  flipped[target]![mid] = flipped[target]![mid]! ^ 0x01;
  const tampered = zipSync(flipped);
  await chooseFile(dash.getByTestId('verify-input'), 'tampered.zip', tampered);
  await expect(dash.getByTestId('verify-result')).toContainText(/Not intact|不完好/);
  await expect(dash.getByTestId('verify-result')).toContainText(target);
  // Said in the UI language by what was found; the checker's technical sentence in the tooltip.
  await expect(dash.getByTestId('verify-result')).toContainText(/changed after the export|在导出后被改动|在匯出後被改動/);
  await expect(dash.getByTestId('verify-result')).toHaveAttribute('title', /SHA-256 [0-9a-f]{64}/);
  // Kinds are words in the UI and in the report (the records and manifest.json keep the codes).
  const report = new TextDecoder().decode(files['report.html']);
  expect(report).toMatch(new RegExp(`#${shot.seq} · (Screenshot|截图|截圖) ·`));
  expect(report).toMatch(new RegExp(`#${chat.seq} · (Chat|聊天记录|聊天記錄) ·`));
  // A reviewer reads the marketplace's name and the capture time on the seller's clock (since bundle v2).
  expect(report).toMatch(/<th>(Marketplace|平台)<\/th><td>千牛 Qianniu \(Taobao\/Tmall\)<\/td>/);
  expect(report).toMatch(/<th>(Captured at|采集时间|採集時間)<\/th><td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC([+-]\d{2}:\d{2})?\)<\/td>/);
  // Since bundle v4 the case's timeline opens with when the case was opened.
  expect(report).toMatch(/<li><time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC([+-]\d{2}:\d{2})?\)<\/time> — (Case created|工单已创建|案件已建立)<\/li>/);
  expect(JSON.parse(new TextDecoder().decode(files['manifest.json'])).version).toBe(4);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  const chip = (seq: number) => dash.locator(`[data-testid="evidence-row"][data-seq="${seq}"] .chip`);
  await expect(chip(shot.seq)).toHaveText(/^(Screenshot|截图|截圖)$/);
  await expect(chip(chat.seq)).toHaveText(/^(Chat|聊天记录|聊天記錄)$/);
  await dash.close();
});

/** Export the open case from its detail view; the manifest's records whose content is in the bundle (not withheld), by seq. */
async function exportedCaseSeqs(dash: Page): Promise<number[]> {
  const download = dash.waitForEvent('download');
  await dash.getByTestId('case-export').click();
  const files = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  return manifest.records.filter((r: any) => !r.withheld).map((r: any) => r.record.seq);
}

const timelineSeqs = (dash: Page) => dash.locator('[data-testid="case-timeline"] li[data-kind="evidence"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq)));

test('evidence captured before the case: offered when opening the case in the sidebar; the case detail adds this buyer\'s record (listed first) and removes one added by mistake; the export holds the linked records', async ({ ext, page }) => {
  const dash = await helperPage(ext);
  // Another buyer's record (Shopee), and this buyer's earlier one (Pinduoduo), both in no case.
  const other = await ext.context.newPage();
  await openMarketplacePage(other, 'chat/shopee.html');
  const otherShot = await ask(dash, 'capture:screenshot', { tabId: await tabIdOf(ext, other), kind: 'visible', jobId: 'link-other', note: 'another buyer', caseId: null });
  await other.close();
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.bringToFront();
  const earlier = await ask(dash, 'evidence:capture-chat', { tabId: await tabIdOf(ext, page), note: 'earlier chat', caseId: null });
  const before = await storeRows(dash, 'evidence');
  // In the sidebar: capture the chat, then open a case — the record just captured is offered, ticked.
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await page.bringToFront();
  await sidebar.getByTestId('capture-chat').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  const justNow = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  await sidebar.getByTestId('open-case').click();
  await expect(sidebar.getByTestId('case-include')).toHaveCount(1);
  await expect(sidebar.getByTestId('case-include')).toContainText(`#${justNow.seq}`);
  await expect(sidebar.getByTestId('case-include').locator('input')).toBeChecked();
  await sidebar.getByTestId('case-title').fill('Threatens a bad review unless refunded');
  await sidebar.getByTestId('case-create').click();
  await expect(sidebar.getByTestId('evidence-message')).toBeVisible();
  await expect.poll(async () => (await storeRows(dash, 'cases')).some((x) => x.title === 'Threatens a bad review unless refunded')).toBe(true);
  const c = (await storeRows(dash, 'cases')).find((x) => x.title === 'Threatens a bad review unless refunded');
  // Dashboard: the case shows the record linked from the sidebar.
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  await expect.poll(() => timelineSeqs(dash)).toEqual([justNow.seq]);
  // "Add evidence": this buyer's record not yet in the case comes before other buyers' records.
  await dash.getByTestId('case-add-evidence').click();
  const picker = dash.getByTestId('case-evidence-picker');
  const candidate = (seq: number) => picker.locator(`[data-testid="case-candidate"][data-seq="${seq}"]`);
  await expect(candidate(earlier.seq)).toHaveAttribute('data-suggested', 'true');
  await expect(candidate(otherShot.seq)).toHaveAttribute('data-suggested', 'false');
  await expect(candidate(justNow.seq)).toHaveCount(0);
  const order = await picker.getByTestId('case-candidate').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq)));
  expect(order.indexOf(earlier.seq)).toBeLessThan(order.indexOf(otherShot.seq));
  // Searching by number finds that record only.
  await dash.getByTestId('case-evidence-search').fill('nothing holds these words');
  await expect(dash.getByTestId('case-evidence-none')).toHaveText('No evidence to add matches “nothing holds these words”.');
  await expect(picker.getByTestId('case-candidate')).toHaveCount(0);
  await dash.getByTestId('case-evidence-search').fill('ANOTHER buyer');
  await expect(picker.getByTestId('case-candidate')).toHaveCount(1);
  await expect(candidate(otherShot.seq)).toBeVisible();
  await expect(dash.getByTestId('case-evidence-none')).toHaveCount(0);
  await dash.getByTestId('case-evidence-search').fill(`#${otherShot.seq}`);
  await expect(picker.getByTestId('case-candidate')).toHaveCount(1);
  // Added by mistake, then removed again.
  await candidate(otherShot.seq).locator('input').check();
  await dash.getByTestId('case-link-selected').click();
  await expect.poll(() => timelineSeqs(dash)).toEqual([justNow.seq, otherShot.seq]);
  await dash.locator(`[data-testid="case-timeline"] li[data-seq="${otherShot.seq}"]`).getByTestId('case-unlink').click();
  await expect.poll(() => timelineSeqs(dash)).toEqual([justNow.seq]);
  // The case's history keeps a dated line saying the record was held and taken off (what the seller shows the platform).
  const unlinkedLine = dash.locator(`[data-testid="case-timeline"] li[data-kind="unlinked"][data-seq="${otherShot.seq}"]`);
  await expect(unlinkedLine).toContainText(`Evidence #${otherShot.seq} taken off the case`);
  // Dated in the seller's time zone as the UI language writes it (the stored time is in its datetime).
  const when = unlinkedLine.locator('time');
  await expect(when).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  const at = (await when.getAttribute('datetime'))!;
  await expect(when).toHaveText(await dash.evaluate((iso) => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)), at));
  await expect(unlinkedLine.getByTestId('case-unlink')).toHaveCount(0);
  await dash.getByTestId('case-evidence-search').fill('');
  await candidate(earlier.seq).locator('input').check();
  await dash.getByTestId('case-link-selected').click();
  await expect.poll(() => timelineSeqs(dash)).toEqual([justNow.seq, earlier.seq]);
  const exported = await exportedCaseSeqs(dash);
  expect(exported.sort((a, b) => a - b)).toEqual([earlier.seq, justNow.seq]);
  // Links are case data: the records (caseId, hash) are as captured.
  const after = await storeRows(dash, 'evidence');
  for (const r of before) expect(after.find((x) => x.id === r.id)).toEqual(r);
  expect(after.find((x) => x.id === justNow.id)).toEqual(justNow);
  await dash.close();
});

test('evidence view: selected records are put into a case, shown on its timeline and in the exported case', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/qianniu.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  const c = await ask(dash, 'case:create', { type: 'after-sales', title: 'Wrong size sent', site: 'qianniu', buyerId: null, buyerName: 'x', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await page.bringToFront();
  const chat = await ask(dash, 'evidence:capture-chat', { tabId, note: 'size complaint', caseId: null });
  const shot = await ask(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'link-view', note: 'size chart', caseId: null });
  const before = (await storeRows(dash, 'evidence')).filter((r) => r.id === chat.evidenceId || r.id === shot.evidenceId);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  for (const seq of [chat.seq, shot.seq]) await dash.locator(`[data-testid="evidence-row"][data-seq="${seq}"] input[type="checkbox"]`).check();
  await dash.getByTestId('selection-case').selectOption(c.id);
  await dash.getByTestId('selection-add-to-case').click();
  await expect(dash.getByTestId('selection-case-status')).toContainText('Wrong size sent');
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  await expect.poll(() => timelineSeqs(dash)).toEqual([chat.seq, shot.seq]);
  expect((await exportedCaseSeqs(dash)).sort((a, b) => a - b)).toEqual([chat.seq, shot.seq]);
  const after = (await storeRows(dash, 'evidence')).filter((r) => r.id === chat.evidenceId || r.id === shot.evidenceId);
  expect(after).toEqual(before);
  await dash.close();
});

test('redaction editor: auto boxes over personal data on a copy, click removes, drag adds, download is redacted, original untouched', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  const shot = await ask(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'red-1', note: 'redact-me', caseId: null });
  const original = await probeImage(dash, shot.evidenceId, /screenshot-visible\.png$/);
  expect(original!.names).toContain('screenshot-visible-redactions.json');
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  await dash.getByTestId('filter-order').fill('');
  const thumb = dash.locator(`[data-testid="gallery-thumb"][data-evidence="${shot.evidenceId}"][data-name="screenshot-visible.png"]`);
  await thumb.click();
  await dash.getByTestId('viewer-redact').click();
  const boxes = dash.getByTestId('redact-box');
  await expect(boxes.first()).toBeVisible();
  const n = await boxes.count();
  expect(n).toBeGreaterThanOrEqual(6); // tracking + order numbers of six orders at least
  await boxes.first().click();
  await expect(boxes).toHaveCount(n - 1);
  const surface = dash.getByTestId('redact-surface');
  const r = (await surface.boundingBox())!;
  await dash.mouse.move(r.x + 10, r.y + 10);
  await dash.mouse.down();
  await dash.mouse.move(r.x + 60, r.y + 40, { steps: 4 });
  await dash.mouse.up();
  await expect(boxes).toHaveCount(n);
  const download = dash.waitForEvent('download');
  await dash.getByTestId('redact-download').click();
  // Named by its capture time and record, so downloads of several records do not all arrive as "screenshot-visible-redacted (1).png";
  // no order or buyer in a redacted copy's name (what it hides would be read off it).
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^xiaoer-\\d{4}(-\\d{2}){5}-ev${shot.seq}-screenshot-visible-redacted\\.png$`));
  const png = readFileSync(await (await download).path());
  // The drawn box (top-left corner) is black in the copy.
  const scale = original!.width / r.width;
  const px = await dash.evaluate(async ([b64, x, y]) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
  }, [png.toString('base64'), Math.round(30 * scale), Math.round(25 * scale)] as const);
  expect(px).toEqual([0, 0, 0]);
  // The stored original is unchanged (same hash as recorded at capture).
  const stored = (await storeRows(dash, 'evidence')).find((e) => e.id === shot.evidenceId);
  const art = stored.artifacts.find((a: any) => a.name === 'screenshot-visible.png');
  const hash = await dash.evaluate(async (id) => {
    const db: IDBDatabase = await new Promise((ok) => { const q = indexedDB.open('xiaoer'); q.onsuccess = () => ok(q.result); });
    const a: any = await new Promise((ok) => { const q = db.transaction('artifacts').objectStore('artifacts').get(id); q.onsuccess = () => ok(q.result); });
    db.close();
    const d = await crypto.subtle.digest('SHA-256', await a.data.arrayBuffer());
    return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, art.id);
  expect(hash).toBe(art.sha256);
  // The viewer also downloads the original as captured: byte for byte what the record's hash names.
  await dash.keyboard.press('Escape');
  await expect(dash.getByTestId('redact-editor')).toBeHidden();
  const originalDownload = dash.waitForEvent('download');
  await dash.getByTestId('viewer-download').click();
  expect((await originalDownload).suggestedFilename()).toMatch(new RegExp(`^xiaoer-\\d{4}(-\\d{2}){5}-ev${shot.seq}-(.+-)?screenshot-visible\\.png$`));
  const got = createHash('sha256').update(readFileSync(await (await originalDownload).path())).digest('hex');
  expect(got).toBe(art.sha256);
  await dash.close();
});

test('redaction editor: Save as evidence seals the redacted copy as a record of its own on the chain (buyer, order and case of the original); the original stays as captured', async ({ ext, page }) => {
  await openMarketplacePage(page, 'orders/index.html');
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  const kase = await ask<{ id: string }>(dash, 'case:create', { type: 'dispute', title: 'redacted copy for the platform', site: 'demo', buyerId: null, buyerName: '', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  const shot = await ask<{ evidenceId: string; seq: number }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'red-save', note: 'to redact', caseId: kase.id });
  // Another case the screenshot was put into afterwards (Add evidence: a link on its timeline).
  const other = await ask<{ id: string }>(dash, 'case:create', { type: 'complaint', title: 'linked later', site: 'demo', buyerId: null, buyerName: '', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await ask(dash, 'case:update', { id: other.id, linkEvidence: [shot.evidenceId] });
  // The seller is on the dashboard's tab now (the marketplace tab was in front for the capture).
  await dash.bringToFront();
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  await dash.locator(`[data-testid="gallery-thumb"][data-evidence="${shot.evidenceId}"][data-name="screenshot-visible.png"]`).click();
  await dash.getByTestId('viewer-redact').click();
  await expect(dash.getByTestId('redact-box').first()).toBeVisible();
  // One box of the seller's own over the top-left corner, beside the suggested ones.
  const surface = dash.getByTestId('redact-surface');
  const r = (await surface.boundingBox())!;
  await dash.mouse.move(r.x + 10, r.y + 10);
  await dash.mouse.down();
  await dash.mouse.move(r.x + 60, r.y + 40, { steps: 4 });
  await dash.mouse.up();
  const original = await probeImage(dash, shot.evidenceId, /screenshot-visible\.png$/);
  const scale = original!.width / r.width;
  const corner: [number, number] = [Math.round(30 * scale), Math.round(25 * scale)];
  await dash.getByTestId('redact-save').click();
  await expect(dash.getByTestId('redact-status')).toContainText(`#${shot.seq + 1}`);
  await expect(dash.getByTestId('redact-status')).toContainText(`#${shot.seq}`);
  const records = (await storeRows(dash, 'evidence')).sort((a, b) => a.seq - b.seq);
  const source = records.find((e) => e.id === shot.evidenceId);
  const copy = records[records.length - 1];
  expect(copy.seq).toBe(shot.seq + 1);
  expect(copy.kind).toBe('screenshot');
  // On the chain: sealed onto the record before it.
  expect(copy.prevHash).toBe(records[records.length - 2].hash);
  expect({ url: copy.url, buyerId: copy.buyerId, orderId: copy.orderId, caseId: copy.caseId }).toEqual({ url: source.url, buyerId: source.buyerId, orderId: source.orderId, caseId: kase.id });
  expect(copy.note).toContain(`#${shot.seq}`);
  expect(copy.artifacts.map((a: any) => a.name)).toEqual(['screenshot-visible-redacted.png']);
  // The case that took the original by a link takes the copy the same way.
  const linked = (await storeRows(dash, 'cases')).find((c) => c.id === other.id);
  expect(linked.timeline.filter((e: any) => e.kind === 'evidence').map((e: any) => e.evidenceId)).toEqual([shot.evidenceId, copy.id]);
  // The copy is black under the seller's box; the original is not, and its bytes still have their recorded hash.
  const redacted = await probeImage(dash, copy.id, /-redacted\.png$/, [corner]);
  expect(redacted!.samples[0]).toEqual([0, 0, 0]);
  expect({ width: redacted!.width, height: redacted!.height }).toEqual({ width: original!.width, height: original!.height });
  const again = await probeImage(dash, shot.evidenceId, /screenshot-visible\.png$/, [corner]);
  expect(again!.samples[0]).not.toEqual([0, 0, 0]);
  const hashes = await dash.evaluate(async (ids) => {
    const db: IDBDatabase = await new Promise((ok) => { const q = indexedDB.open('xiaoer'); q.onsuccess = () => ok(q.result); });
    const out: string[] = [];
    for (const id of ids) {
      const a: any = await new Promise((ok) => { const q = db.transaction('artifacts').objectStore('artifacts').get(id); q.onsuccess = () => ok(q.result); });
      const d = await crypto.subtle.digest('SHA-256', await a.data.arrayBuffer());
      out.push([...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    }
    db.close();
    return out;
  }, [source.artifacts.find((a: any) => a.name === 'screenshot-visible.png').id, copy.artifacts[0].id]);
  expect(hashes).toEqual([source.artifacts.find((a: any) => a.name === 'screenshot-visible.png').sha256, copy.artifacts[0].sha256]);
  // The seller finds the copy in the gallery with the rest.
  await dash.keyboard.press('Escape');
  await expect(dash.locator(`[data-testid="gallery-thumb"][data-evidence="${copy.id}"]`)).toHaveCount(1);
  await dash.close();
});

test('Evidence tab on a page with no buyer: the case list holds none of other buyers\' cases — none on a review list, only this order\'s on an order page — and says why (it listed every buyer\'s cases to file a capture into)', async ({ ext, page }) => {
  const dash = await helperPage(ext);
  const open = (title: string, buyer: string, orderId: string) =>
    ask<{ id: string }>(dash, 'case:create', { type: 'complaint', title, site: 'pinduoduo', buyerId: `pinduoduo:${buyer}`, buyerName: buyer, orderId, replyDueAt: null, followUpAt: null, note: '' });
  // The order page's order (test/marketplace/orders), and two cases of other orders and buyers.
  const made = [await open('无买家页-本订单', 'nb-wang', '8190034456217790'), await open('无买家页-别的订单', 'nb-li', '5550001'), await open('无买家页-无订单', 'nb-zhao', '')];
  try {
    await openMarketplacePage(page, 'reviews/index.html');
    await page.bringToFront();
    let sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    const why = () => sidebar.getByTestId('evidence-case-why');
    const listed = () => sidebar.getByTestId('evidence-case').locator('option').allTextContents();
    await expect(why()).toHaveText('No buyer on this page, so no cases are listed: open the chat with the buyer to file into their case.');
    expect(await listed()).toEqual(['—']);
    // A case opened here is listed, and chosen: the list does not show "—" while captures go into it.
    await sidebar.getByTestId('open-case').click();
    await sidebar.getByTestId('case-title').fill('无买家页-这里开的');
    await sidebar.getByTestId('case-create').click();
    await expect.poll(listed).toEqual(['—', '无买家页-这里开的']);
    await expect(sidebar.getByTestId('evidence-case').locator('option:checked')).toHaveText('无买家页-这里开的');

    await openMarketplacePage(page, 'orders/index.html');
    await page.bringToFront();
    sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(why()).toHaveText('No buyer on this page: only cases for order 8190034456217790 are listed.');
    await expect.poll(listed).toEqual(['—', '无买家页-本订单']);

    // A chat with its buyer read lists that buyer's cases, with no such line.
    await openMarketplacePage(page, 'chat/pinduoduo.html');
    await page.bringToFront();
    sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', /^pinduoduo:/);
    await expect(why()).toHaveCount(0);
    expect((await listed()).filter((x) => x.startsWith('无买家页'))).toEqual([]);
  } finally {
    const openedHere = (await storeRows(dash, 'cases')).filter((c) => c.title === '无买家页-这里开的');
    for (const c of [...made, ...openedHere]) await deleteRow(dash, 'cases', c.id);
    await dash.close();
  }
});

test('Capture chat and the whole-chat screenshot on a review list or an order page are refused in the seller’s words and store nothing (its rows are not messages)', async ({ ext, page }) => {
  // Was: "Chat saved as evidence #2: 20 messages" on the review page — buyers' reviews stored as the seller's words.
  await openMarketplacePage(page, 'reviews/index.html');
  const dash = await helperPage(ext);
  const before = (await storeRows(dash, 'evidence')).length;
  // The seller is on the review page's tab (the dashboard opened for reading the store is behind it).
  await page.bringToFront();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('capture-chat').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText('not a chat', { timeout: 20_000 });
  // The whole chat as a screenshot neither (it stitched the review list, or failed in the stitcher's own English).
  if (await sidebar.getByTestId('whole-history').isChecked()) await sidebar.getByTestId('whole-history').uncheck();
  await sidebar.getByTestId('shot-chat-history').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText('not a chat', { timeout: 20_000 });
  // Ticked again: the choice is kept (chrome.storage.local) for the worker's later tests, which expect the default.
  await sidebar.getByTestId('whole-history').check();
  expect((await storeRows(dash, 'evidence')).length).toBe(before);
  // A screenshot of the same page is still taken.
  await sidebar.getByTestId('shot-visible').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  expect((await storeRows(dash, 'evidence')).length).toBe(before + 1);
  // The order page, through the background as the popup asks (with the earlier messages wanted).
  await openMarketplacePage(page, 'orders/index.html');
  const tabId = await tabIdOf(ext, page);
  await page.bringToFront();
  await expect(ask(dash, 'evidence:capture-chat', { tabId, note: '', caseId: null, loadEarlier: true })).rejects.toThrow(/not a chat/);
  expect((await storeRows(dash, 'evidence')).length).toBe(before + 1);
  await dash.close();
});

test('the sidebar Evidence tab on a 1366×768 laptop: note, case and the two options each on their own lines, the note box full width', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openMarketplacePage(page, 'chat/qianniu.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  await sidebar.getByTestId('tab-evidence').click();
  const panel = sidebar.getByTestId('evidence-panel');
  await expect(sidebar.getByTestId('evidence-note')).toBeVisible();
  // Laid out inline, the labels ran into each other: "Note (stored with the evidence)" with its box floating
  // at the right, "Case" after the box, the case list under it, then both checkboxes in one paragraph.
  const rows = await panel.evaluate((el) =>
    [...el.querySelectorAll(':scope > label')].map((l) => {
      const r = l.getBoundingClientRect();
      return { text: (l.textContent ?? '').trim().slice(0, 24), top: Math.round(r.top), bottom: Math.round(r.bottom) };
    }),
  );
  expect(rows.length).toBe(4);
  const shared = rows.flatMap((r, i) => (i > 0 && r.top < rows[i - 1]!.bottom ? [`"${r.text}" starts on the line of "${rows[i - 1]!.text}"`] : []));
  expect(shared).toEqual([]);
  const note = await sidebar.getByTestId('evidence-note').boundingBox();
  const box = await panel.boundingBox();
  expect(note!.width).toBeGreaterThan(box!.width * 0.9);
});

test("the sidebar's buyer card counts a capture and a new case at once; the case form says when a time has passed and keeps each evidence checkbox on its label's line", async ({ page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  const counts = sidebar.getByTestId('buyer-card-counts');
  await expect(counts).toBeVisible();
  const count = async (what: 'cases' | 'evidence') => Number(await counts.getAttribute(`data-${what}`));
  const evidence = await count('evidence');
  const cases = await count('cases');
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('shot-visible').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  // Was: "0 cases · 0 evidence" until the page was reloaded.
  await expect.poll(() => count('evidence')).toBe(evidence + 1);

  await sidebar.getByTestId('open-case').click();
  // A promised reply time already past is said before the case is made (it would be overdue at once).
  const due = sidebar.getByTestId('case-reply-due');
  await due.fill('2020-01-02T10:00');
  await expect(sidebar.getByTestId('case-time-past')).toBeVisible();
  await due.fill('2099-01-02T10:00');
  await expect(sidebar.getByTestId('case-time-past')).toHaveCount(0);
  // The screenshot just taken is offered, its checkbox beside its words (was: a full-width line of its own above them).
  const beside = await sidebar.getByTestId('case-include').first().evaluate((label) => {
    const box = label.querySelector('input')!.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(label);
    range.setStartAfter(label.querySelector('input')!);
    const words = range.getClientRects()[0]!;
    return { right: words.left >= box.right, sameLine: words.top < box.bottom && words.bottom > box.top, boxWidth: box.width };
  });
  expect(beside).toEqual({ right: true, sameLine: true, boxWidth: expect.any(Number) });
  expect(beside.boxWidth).toBeLessThan(40);
  await sidebar.getByTestId('case-title').fill('Counts on the buyer card');
  await sidebar.getByTestId('case-create').click();
  await expect.poll(() => count('cases')).toBe(cases + 1);
});

test('a case chosen in the sidebar stays with its buyer: after switching to another conversation a capture goes into no case (was: into the first buyer\'s case, the list showing "—")', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('open-case').click();
  await sidebar.getByTestId('case-title').fill('Broken parcel — first buyer');
  await sidebar.getByTestId('case-create').click();
  const chosen = sidebar.getByTestId('evidence-case');
  await expect(chosen).not.toHaveValue('');
  const firstCase = await chosen.inputValue();

  await page.locator('.chat-item-box').nth(1).click();
  await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', 'pinduoduo:7315500921');
  await expect(chosen).toHaveValue('');
  await sidebar.getByTestId('shot-visible').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  const dash = await helperPage(ext);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(rec.buyerId).toBe('pinduoduo:7315500921');
  expect(rec.caseId ?? null).toBeNull();

  // Back to the first buyer: their case is chosen again, and a capture goes into it.
  await page.bringToFront();
  await page.locator('.chat-item-box').nth(0).click();
  await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', 'pinduoduo:6840347447');
  await expect(chosen).toHaveValue(firstCase);
  await dash.close();
});

test("save the buyer's words: a double click on the button stores the words once", async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await helperPage(ext);
  const before = (await storeRows(dash, 'evidence')).length;
  await page.bringToFront();
  await page.evaluate(() => {
    const bubble = [...document.querySelectorAll('#msgListContainer .buyer-item .msg-content-box')].at(-2) as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(bubble);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  // Two clicks in one go, before the page re-renders (a quick double click).
  await sidebar.getByTestId('save-words').evaluate((b: HTMLButtonElement) => {
    b.click();
    b.click();
  });
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/);
  await expect(sidebar.getByTestId('save-words')).toBeEnabled();
  expect((await storeRows(dash, 'evidence')).length).toBe(before + 1);
  await dash.close();
});

test('the sidebar case form: a double click on Create opens one case', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/qianniu.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('open-case').click();
  await sidebar.getByTestId('case-title').fill('Wrong size sent — one case');
  // Two clicks in one go, before the sidebar re-renders (a quick double click; Playwright's dblclick sometimes lets the
  // first case come back and close the form in between).
  await sidebar.getByTestId('case-create').evaluate((b: HTMLButtonElement) => {
    b.click();
    b.click();
  });
  await expect(sidebar.getByTestId('evidence-message')).toBeVisible();
  await page.waitForTimeout(500);
  const dash = await helperPage(ext);
  expect((await storeRows(dash, 'cases')).filter((c) => c.title === 'Wrong size sent — one case')).toHaveLength(1);
  await dash.close();
});

test('a note being written in the sidebar stays with its buyer: after switching conversation a capture does not carry it, and it is there again on switching back', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  await sidebar.getByTestId('tab-evidence').click();
  const note = sidebar.getByTestId('evidence-note');
  await note.fill('第一位买家：说杯子碎了');
  await page.locator('.chat-item-box').nth(1).click();
  await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', 'pinduoduo:7315500921');
  await expect(note).toHaveValue('');
  await sidebar.getByTestId('shot-visible').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  const dash = await helperPage(ext);
  const rec = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  expect(rec.buyerId).toBe('pinduoduo:7315500921');
  expect(rec.note).toBe('');
  await dash.close();
  await page.bringToFront();
  await page.locator('.chat-item-box').nth(0).click();
  await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', 'pinduoduo:6840347447');
  await expect(note).toHaveValue('第一位买家：说杯子碎了');
  await note.fill('');
});

test('case detail on a 1366×768 laptop: the Add evidence search box shows its whole hint, in each UI language', async ({ ext }) => {
  const dash0 = await helperPage(ext);
  const c = await ask(dash0, 'case:create', { type: 'complaint', title: 'Search hint', site: 'shopee', buyerId: null, buyerName: 'x', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await dash0.close();
  const before = await setUiLang(ext, 'en');
  try {
    for (const lang of ['en', 'zh-CN', 'zh-TW']) {
      await setUiLang(ext, lang);
      const dash = await helperPage(ext);
      await dash.setViewportSize({ width: 1366, height: 768 });
      await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
      await dash.getByTestId('case-add-evidence').click();
      // Was "Search: #number, buyer, or" in English: the box cut its own placeholder.
      const search = dash.getByTestId('case-evidence-search');
      expect(await placeholderFits(search), lang).toBe(true);
      expect(await dash.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), lang).toBe(true);
      await dash.close();
    }
  } finally {
    await setUiLang(ext, before);
  }
});

test('the sidebar\'s recent evidence on a 1366×768 laptop: a note holding a pasted link wraps inside the sidebar', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openMarketplacePage(page, 'chat/amazon.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  await sidebar.getByTestId('tab-evidence').click();
  const link = 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111202555842761234&tRef=fullpage&tLc=2&text28777=';
  await sidebar.getByTestId('evidence-note').fill(link);
  await sidebar.getByTestId('shot-visible').click();
  await expect(sidebar.getByTestId('evidence-message')).toContainText(/#\d+/, { timeout: 20_000 });
  const line = sidebar.getByTestId('evidence-recent').locator('li').filter({ hasText: 'tools.usps.com' }).first();
  await expect(line).toBeVisible();
  // Was cut at the sidebar's right edge: the line as wide as the link.
  expect(await line.evaluate((li) => li.scrollWidth <= li.clientWidth)).toBe(true);
  expect(await sidebar.locator('.sidebar-body').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
});

test('a case opened with no title and no order number is named by its type and buyer on the board and in its detail, not by its internal id', async ({ ext }) => {
  const dash = await helperPage(ext);
  const c = await ask(dash, 'case:create', { type: 'after-sales', title: '', site: 'amazon', buyerId: 'amazon:untitled-buyer', buyerName: 'Untitled Palmer', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  const card = dash.getByTestId('case-card').filter({ hasText: 'Untitled Palmer' });
  await expect(card.locator('strong')).toHaveText('After-sales · Untitled Palmer');
  await expect(dash.getByTestId('case-detail').locator('h2')).toHaveText('After-sales · Untitled Palmer');
  await expect(dash.getByTestId('cases-view')).not.toContainText(c.id);
  await deleteRow(dash, 'cases', c.id);
  await dash.close();
});

test("save the buyer's words with nothing selected: said in the UI language (was the page script's English in a Chinese sidebar); nothing stored", async ({ ext, page }) => {
  const before = await setUiLang(ext, 'zh-CN');
  try {
    await openMarketplacePage(page, 'chat/qianniu.html');
    const dash = await helperPage(ext);
    const count = (await storeRows(dash, 'evidence')).length;
    await dash.close();
    await page.bringToFront();
    await page.evaluate(() => getSelection()!.removeAllRanges());
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await sidebar.getByTestId('save-words').click();
    const message = sidebar.getByTestId('evidence-message');
    await expect(message).toHaveText('未保存：页面上没有选中任何文字。请先在聊天中选中买家的原话，再保存一次。');
    await expect(message).toHaveClass(/error/);
    const after = await helperPage(ext);
    expect((await storeRows(after, 'evidence')).length).toBe(count);
    await after.close();
  } finally {
    await setUiLang(ext, before);
  }
});

test('the sidebar case form: the Esc that ends a pinyin word being picked in the case note leaves the sidebar open (it closed the whole sidebar mid-sentence)', async ({ page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('open-case').click();
  const note = sidebar.getByTestId('case-form').getByTestId('case-note');
  await note.fill('买家说 shouhou');
  // What the browser sends for Esc pressed while the input method still has the word open.
  await note.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, isComposing: true })));
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeVisible();
  await expect(note).toBeVisible();
  await expect(note).toHaveValue('买家说 shouhou');
  // A plain Esc still closes the sidebar, as everywhere in it.
  await note.press('Escape');
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
});

test("Evidence tab on a page with no buyer: Recent evidence lists none of other buyers' records — none on a review list, only this order's on an order page — and says which it shows (it listed every buyer's newest records)", async ({ ext, page }) => {
  const dash = await helperPage(ext);
  const order = '8190034456217790'; // the order page's order (test/marketplace/orders)
  const shoot = async (path: string, note: string) => {
    await openMarketplacePage(page, path);
    const tabId = await tabIdOf(ext, page);
    await page.bringToFront();
    return ask<{ evidenceId: string; seq: number }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: `recent-${note}`, note, caseId: null });
  };
  // A buyer's record from their chat, and one of the order page.
  const ofBuyer = await shoot('chat/pinduoduo.html', 'recent-no-buyer: chat');
  const ofOrder = await shoot('orders/index.html', 'recent-no-buyer: order page');
  const stored = new Map((await storeRows(dash, 'evidence')).map((e) => [e.seq as number, e]));
  expect(stored.get(ofOrder.seq).orderId).toBe(order);
  expect(stored.get(ofBuyer.seq).buyerId).toMatch(/^pinduoduo:/);
  expect(stored.get(ofBuyer.seq).orderId).not.toBe(order);
  const listedSeqs = (sidebar: Awaited<ReturnType<typeof openSidebar>>) =>
    sidebar.getByTestId('evidence-recent').locator('li').evaluateAll((lis) => lis.map((li) => Number(/^#(\d+)/.exec(li.textContent ?? '')?.[1])));

  await openMarketplacePage(page, 'reviews/index.html');
  await page.bringToFront();
  let sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await expect(sidebar.getByTestId('evidence-recent-why')).toHaveText(
    'No buyer on this page, so no evidence is listed: open the chat with the buyer to see theirs. All evidence is in Dashboard → Evidence.',
  );
  // Given time to come: an answer listing every buyer's records would fill the list after the line.
  await page.waitForTimeout(500);
  expect(await listedSeqs(sidebar)).toEqual([]);

  await openMarketplacePage(page, 'orders/index.html');
  await page.bringToFront();
  sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await expect(sidebar.getByTestId('evidence-recent-why')).toHaveText(`No buyer on this page: only evidence for order ${order} is listed.`);
  await expect.poll(() => listedSeqs(sidebar)).toContain(ofOrder.seq);
  // Every record listed is the order's, read back from the store; the buyer's chat record is not among them.
  const onOrderPage = await listedSeqs(sidebar);
  const now = new Map((await storeRows(dash, 'evidence')).map((e) => [e.seq as number, e]));
  expect(onOrderPage.map((seq) => now.get(seq)?.orderId)).toEqual(onOrderPage.map(() => order));
  expect(onOrderPage).not.toContain(ofBuyer.seq);

  // A chat with its buyer read lists that buyer's records, with no such line.
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.bringToFront();
  sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await expect(sidebar.getByTestId('buyer-card')).toHaveAttribute('data-buyer-id', /^pinduoduo:/);
  await expect.poll(() => listedSeqs(sidebar)).toContain(ofBuyer.seq);
  await expect(sidebar.getByTestId('evidence-recent-why')).toHaveCount(0);
  expect(await listedSeqs(sidebar)).not.toContain(ofOrder.seq);
  // The records are evidence on the hash chain (kept, like every capture in this file): nothing else was seeded.
  await dash.close();
});

test("case timeline: each line's date is no larger than what the line says (the date at 12 px read larger than the line's 10.5 px)", async ({ ext }) => {
  const dash = await helperPage(ext);
  const c = await ask<{ id: string }>(dash, 'case:create', { type: 'complaint', title: 'Timeline sizes', site: 'shopee', buyerId: null, buyerName: 'ong.k.m', orderId: '', replyDueAt: null, followUpAt: null, note: 'Buyer says the cup arrived cracked' });
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
    const lines = dash.getByTestId('case-timeline').locator('li');
    await expect(lines).toHaveCount(2);
    const sizes = await lines.evaluateAll((lis) =>
      lis.map((li) => ({ line: parseFloat(getComputedStyle(li).fontSize), date: parseFloat(getComputedStyle(li.querySelector('time')!).fontSize) })),
    );
    for (const s of sizes) {
      expect(s.date).toBeLessThanOrEqual(s.line);
      // Read at the size of the dashboard's other lists (evidence rows), not the page's shrunken default.
      expect(s.line).toBeGreaterThanOrEqual(12);
    }
  } finally {
    await deleteRow(dash, 'cases', c.id);
    await dash.close();
  }
});

test('case detail: a case with no evidence says why it cannot be exported, the greyed-out button described by that line; once evidence is in the case it exports (it was greyed out with no word why)', async ({ ext, page }) => {
  const dash = await helperPage(ext);
  const c = await ask<{ id: string }>(dash, 'case:create', { type: 'dispute', title: 'Nothing to export yet', site: 'qianniu', buyerId: null, buyerName: 'Lin', orderId: '', replyDueAt: null, followUpAt: null, note: 'Buyer phoned about the refund' });
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
    await expect(dash.getByTestId('case-detail')).toContainText('Nothing to export yet');
    const button = dash.getByTestId('case-export');
    const why = dash.getByTestId('case-export-why');
    await expect(button).toBeDisabled();
    await expect(why).toBeVisible();
    await expect(why).toHaveText(/this one has none\. Use “Add evidence”|此工单还没有证据|此案件還沒有證據/);
    await expect(button).toHaveAccessibleDescription(((await why.textContent()) ?? '').trim());

    // A screenshot put into the case: the line goes, the button exports it.
    await openMarketplacePage(page, 'chat/qianniu.html');
    const tabId = await tabIdOf(ext, page);
    await page.bringToFront();
    const shot = await ask<{ evidenceId: string; seq: number }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'export-why', note: '', caseId: null });
    await ask(dash, 'case:update', { id: c.id, linkEvidence: [shot.evidenceId] });
    await dash.bringToFront();
    await expect(why).toHaveCount(0);
    await expect(button).toBeEnabled();
    await expect(button).toHaveAccessibleDescription('');
    expect(await exportedCaseSeqs(dash)).toEqual([shot.seq]);
  } finally {
    await deleteRow(dash, 'cases', c.id);
    await dash.close();
  }
});
