/**
 * The e2e harness: Debian's Chromium (CHROMIUM_PATH overrides) with the e2e
 * build loaded from .output/chrome-mv3-e2e, one persistent context per worker,
 * and helpers to reach the sidebar, popup and dashboard from a marketplace page.
 */
import { test as base, chromium, expect, type BrowserContext, type Frame, type Locator, type Page, type Worker } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The build folder (`XIAOER_OUT_DIR`, as in wxt.config.ts). */
export const OUTPUT_DIR = resolve(here, '../..', process.env.XIAOER_OUT_DIR ?? '.output');
export const EXTENSION_PATH = join(OUTPUT_DIR, 'chrome-mv3-e2e');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extensionPath = EXTENSION_PATH): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    '--disable-quic',
  ];
}

export interface Extension {
  context: BrowserContext;
  id: string;
  worker: Worker;
}

export async function launchWithExtension(extensionPath = EXTENSION_PATH): Promise<Extension & { close: () => Promise<void> }> {
  if (!existsSync(join(extensionPath, 'manifest.json'))) throw new Error(`No e2e build at ${extensionPath}: run \`npx wxt build --mode e2e\` first.`);
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    headless: process.env.HEADED ? false : true,
    executablePath: CHROMIUM_PATH,
    args: chromiumArgs(extensionPath),
    viewport: { width: 1280, height: 800 },
  });
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  return {
    context,
    id,
    worker,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function marketplaceUrl(path = ''): string {
  const base = process.env.MARKETPLACE_URL;
  if (!base) throw new Error('MARKETPLACE_URL not set (global-setup starts the demo marketplace)');
  return new URL(path, base).toString();
}

/** The browser's tab id for a page (asked in the service worker). */
export async function tabIdOf(ext: Extension, page: Page): Promise<number> {
  const url = page.url();
  const id = await ext.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return (tabs as Array<{ url?: string; id?: number }>).find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab for ${url}`);
  return id;
}

export const test = base.extend<{ page: Page }, { ext: Extension }>({
  ext: [
    async ({}, use) => {
      const ext = await launchWithExtension();
      await use(ext);
      await ext.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ ext }, use) => {
    const page = await ext.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

/** Open a demo marketplace page and wait for the overlay's toggle tab. */
export async function openMarketplacePage(page: Page, path: string): Promise<void> {
  await page.goto(marketplaceUrl(path));
  await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
}

/** The sidebar frame (an extension page) of a marketplace page. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('sidebar frame has no content');
  await frame.waitForSelector('.sidebar');
  return frame;
}

export async function openSidebar(page: Page): Promise<Frame> {
  const wrapper = page.locator('[data-xiaoer="sidebar"]');
  if (!(await wrapper.isVisible().catch(() => false))) await page.getByTestId('xiaoer-toggle').click();
  await expect(wrapper).toBeVisible();
  return sidebarFrame(page);
}

export async function openPopup(ext: Extension, tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tab=${tabId}`);
  return popup;
}

export async function openDashboard(ext: Extension): Promise<Page> {
  const dash = await ext.context.newPage();
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html`);
  return dash;
}

/**
 * Choose a file in an `<input type=file>` as the seller does: written to disk
 * first and handed to the input by path (CDP DOM.setFileInputFiles). Handing
 * Playwright a buffer instead rebuilds the file inside the page byte by byte
 * (base64 → one callback per byte): an 8.6 MB backup of a worker's store took
 * 5.7 s idle and passed the 10 s action timeout in CI.
 */
let chosen = 0;
export async function chooseFile(input: Locator, name: string, bytes: Uint8Array | string): Promise<void> {
  const path = base.info().outputPath(`chosen-${++chosen}`, name); // the file keeps its own name
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  await input.setInputFiles(path);
}

/** A reply record as the store keeps it (test data). */
export interface TestReply {
  id: string;
  title: string;
  shortcut: string;
  body: { 'zh-CN': string; 'zh-TW': string; en: string };
  categoryId?: string;
  tags?: string[];
  usageCount?: number;
}

/** The extension's first-run seed has finished (the default library is in the store; seededAt is set). */
export async function firstRunSeeded(ext: Extension): Promise<void> {
  await expect
    .poll(() => ext.worker.evaluate(async () => (await chrome.storage.local.get('seededAt')).seededAt ?? null), { timeout: 15_000 })
    .not.toBeNull();
}

/**
 * Put replies into the extension's store from one of its own pages (raw
 * IndexedDB, as any extension page could), after the first-run seed finished,
 * then tell the background so open tabs get the new shortcuts.
 */
export async function seedReplies(ext: Extension, replies: TestReply[]): Promise<void> {
  await firstRunSeeded(ext);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/dashboard.html`);
  const now = new Date().toISOString();
  const records = replies.map((r) => ({
    categoryId: 'greeting',
    tags: [],
    usageCount: 0,
    lastUsedAt: null,
    createdAt: now,
    updatedAt: now,
    ...r,
  }));
  await page.evaluate(async (rows) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const req = indexedDB.open('xiaoer');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('replies', 'readwrite');
      for (const row of rows) tx.objectStore('replies').put(row);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
    const res = await chrome.runtime.sendMessage({ xiaoer: 1, type: 'library:changed', payload: {} });
    if (!res?.ok) throw new Error(JSON.stringify(res));
  }, records);
  await page.close();
}

/** The editor's own model text on a demo page (window.__model()). */
export function modelText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __model: () => string }).__model());
}

/** The editor's model as stored (window.__modelExact: no U+00A0 mapping, marks shown); `modelText` where a page has no such hook. */
export function modelExact(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as unknown as { __modelExact?: () => string; __model: () => string };
    return (w.__modelExact ?? w.__model)();
  });
}

/**
 * The composer's text after the caret (Range.toString: no separators between blocks), read in the
 * page: the focused field (open shadow roots followed) or the document selection. null without a caret.
 */
export function textAfterCaret(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) return active.value.slice(active.selectionEnd ?? 0);
    const sel = document.getSelection();
    if (!active || !sel?.rangeCount || !sel.focusNode || !active.contains(sel.focusNode)) return null;
    const range = document.createRange();
    range.selectNodeContents(active);
    range.setStart(sel.focusNode, sel.focusOffset);
    return range.toString();
  });
}

export function sentTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __sent: string[] }).__sent]);
}

/** A protocol request from one of our extension pages (the router takes it as 'extension'); throws on a refusal. */
export async function ask<T = any>(from: Page, type: string, payload: unknown): Promise<T> {
  const res = (await from.evaluate(async ([t, p]) => chrome.runtime.sendMessage({ xiaoer: 1, type: t, payload: p }), [type, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error?: unknown }
    | undefined;
  if (!res?.ok) throw new Error(`${type}: ${JSON.stringify(res?.error)}`);
  return res.value;
}

/** Every row of one store, raw IndexedDB from an extension page (Blob `data` fields left out). */
export async function storeRows(from: Page, store: string): Promise<any[]> {
  return from.evaluate(async (s) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('xiaoer');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rows = await new Promise<any[]>((ok, fail) => {
      const r = db.transaction(s).objectStore(s).getAll();
      r.onsuccess = () => ok(r.result.map((x: any) => ({ ...x, data: undefined })));
      r.onerror = () => fail(r.error);
    });
    db.close();
    return rows;
  }, store);
}

/**
 * Delete one row by raw IndexedDB from an extension page: another tab's delete landing meanwhile, or a
 * test's own clean-up of what it made (no message does a bare delete of a case).
 */
export async function deleteRow(from: Page, store: string, key: string): Promise<void> {
  await from.evaluate(
    async ([s, k]) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open('xiaoer');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction(s, 'readwrite');
        tx.objectStore(s).delete(k);
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    [store, key] as const,
  );
}

/** The keys the browser has for the sidebar command ('' when it left the command without any: this Chromium does). */
export function sidebarKeys(ext: Extension): Promise<string> {
  return ext.worker.evaluate(async () => (await chrome.commands.getAll()).find((c: { name?: string }) => c.name === 'toggle-sidebar')?.shortcut ?? '');
}

/** The toggle tab's tooltip as it must read: the command's keys only when the browser has some. */
export function toggleTitle(words: string, keys: string): string {
  if (!keys) return words;
  return /[\u4e00-\u9fff]/.test(words) ? `${words}（${keys}）` : `${words} (${keys})`;
}

/** Switch the UI language the seller's way (dashboard Settings) and wait until it is stored; returns the one before. */
export async function setUiLang(ext: Extension, lang: string): Promise<string> {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#settings`);
  const select = dash.getByTestId('settings-ui-lang');
  const previous = await select.inputValue();
  await select.selectOption(lang);
  await expect.poll(async () => (await storeRows(dash, 'settings')).find((x) => x.id === 'settings')?.uiLang).toBe(lang);
  await dash.close();
  return previous;
}

/** A dashboard tab used as a helper (its origin holds the store), once the first-run seed is done. */
export async function helperPage(ext: Extension): Promise<Page> {
  await firstRunSeeded(ext);
  const dash = await openDashboard(ext);
  await expect(dash.locator('.dashboard')).toBeVisible();
  return dash;
}

/**
 * From now on every read of a chosen file's bytes in `page` is counted (Blob.arrayBuffer, as the import and
 * restore read files); `fileBytesRead` says how many: a file refused from its size or first bytes reads none.
 */
export async function countFileReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { bytesRead: number };
    w.bytesRead = 0;
    const real = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      w.bytesRead += this.size;
      return real.call(this);
    };
  });
}

export function fileBytesRead(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { bytesRead: number }).bytesRead);
}

/** Whether an input shows its whole placeholder (hint) at its current width: the hint's text measured in the input's font. */
export async function placeholderFits(input: Locator): Promise<boolean> {
  return input.evaluate((el: HTMLInputElement) => {
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(el).font;
    probe.style.whiteSpace = 'pre';
    probe.textContent = el.placeholder;
    document.body.append(probe);
    const style = getComputedStyle(el);
    const fits = probe.getBoundingClientRect().width <= el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    probe.remove();
    return fits;
  });
}
