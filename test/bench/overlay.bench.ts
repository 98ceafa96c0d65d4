// The overlay's cost on every marketplace page, measured the way shared/peers.md
// measured Briskine (same page, with vs without the extension, alternating,
// medians), plus the bundle sizes and shortcut expansion key-to-model time.
//   node test/bench/run.mjs overlay        (builds first)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

type Marketplace = { url: string; close: () => Promise<void> };
const { startMarketplace } = (await import('../marketplace/server.mjs' as string)) as { startMarketplace: (port?: number) => Promise<Marketplace> };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXT = join(root, process.env.XIAOER_OUT_DIR ?? '.output', 'chrome-mv3-e2e');
const LOADS = Number(process.env.OVERLAY_BENCH_LOADS ?? 16);
const RUNS = Number(process.env.OVERLAY_BENCH_RUNS ?? 30);
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const range = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return `${s[0]?.toFixed(1)}–${s.at(-1)?.toFixed(1)}`;
};

// 1. Bundle sizes, and no React in the page script.
const base = readFileSync(join(EXT, 'content-scripts/overlay.js'));
const core = readFileSync(join(EXT, 'overlay-core.js'));
const reactMarks = /react-dom|__SECRET_INTERNALS|react\.element|ReactCurrentOwner/;
console.log('Content script bundles (e2e build):');
console.log(`  overlay.js (injected on every page)   ${(base.length / 1024).toFixed(1)} KB raw, ${(gzipSync(base, { level: 9 }).length / 1024).toFixed(1)} KB gzip  (target ≤ 25 KB gzip; Briskine 183 KB)`);
console.log(`  overlay-core.js (on first use)        ${(core.length / 1024).toFixed(1)} KB raw, ${(gzipSync(core, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
console.log(`  React in either: ${reactMarks.test(base.toString()) || reactMarks.test(core.toString()) ? 'YES (wrong)' : 'no'}`);

const args = (withExt: boolean) => [
  ...(withExt ? [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`] : []),
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];
async function launch(withExt: boolean): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-bench-'));
  const context = await chromium.launchPersistentContext(dir, { headless: true, executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: args(withExt) });
  if (withExt && !context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function metrics(page: Page): Promise<{ script: number; heap: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => m.find((x) => x.name === n)?.value ?? NaN;
  await cdp.detach();
  return { script: get('ScriptDuration') * 1000, heap: get('JSHeapUsedSize') };
}

const market = await startMarketplace(0);
try {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('run `npx wxt build --mode e2e` first');
  // 2. Page load cost, sidebar closed: fresh tab per load, alternating with/without.
  const pageUrl = new URL('chat/pinduoduo.html', market.url).toString();
  const withExt = await launch(true);
  const without = await launch(false);
  const samples = { with: [] as { script: number; heap: number }[], without: [] as { script: number; heap: number }[] };
  for (let i = 0; i < LOADS * 2; i++) {
    const useExt = i % 2 === 0;
    const ctx = useExt ? withExt.context : without.context;
    const page = await ctx.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });
    if (useExt) await page.waitForSelector('xiaoer-toggle', { state: 'attached' });
    await page.waitForTimeout(400); // idle callbacks and timers after load
    (useExt ? samples.with : samples.without).push(await metrics(page));
    await page.close();
  }
  const dScript = median(samples.with.map((s) => s.script)) - median(samples.without.map((s) => s.script));
  const dHeap = (median(samples.with.map((s) => s.heap)) - median(samples.without.map((s) => s.heap))) / 1024 / 1024;
  console.log(`\nPage load on chat/pinduoduo.html, sidebar closed, ${LOADS} loads each, medians:`);
  console.log(`  main-thread script time added: ${dScript.toFixed(2)} ms  (target ≤ 2 ms; Briskine +115 ms)`);
  console.log(`  JS heap added: ${dHeap.toFixed(2)} MB  (target ≤ 0.3 MB; Briskine +2.15 MB)  [with ${range(samples.with.map((s) => s.heap / 1048576))} MB, without ${range(samples.without.map((s) => s.heap / 1048576))} MB]`);
  await without.close();

  // 3. Shortcut expansion: first capture-phase keydown (window, page world) → input event with the new value.
  const sw = withExt.context.serviceWorkers()[0]!;
  await sw.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: any }).chrome;
    for (let i = 0; i < 100 && !(await c.storage.local.get('seededAt')).seededAt; i++) await new Promise((r) => setTimeout(r, 100));
  });
  const dash = await withExt.context.newPage();
  await dash.goto(`chrome-extension://${new URL(sw.url()).host}/dashboard.html`);
  await dash.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => { const r = indexedDB.open('xiaoer'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    await new Promise<void>((ok) => {
      const tx = db.transaction('replies', 'readwrite');
      const now = new Date().toISOString();
      tx.objectStore('replies').put({ id: 'bench', title: 'bench', shortcut: ';bb', categoryId: 'x', tags: [], body: { 'zh-CN': '亲，您的订单今天发出，请留意物流信息～', 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: now, updatedAt: now });
      tx.oncomplete = () => ok();
    });
    await (globalThis as unknown as { chrome: any }).chrome.runtime.sendMessage({ xiaoer: 1, type: 'library:changed', payload: {} });
  });
  await dash.close();

  const keyToModel = async (path: string, kind: 'textarea' | 'contenteditable', runs: number) => {
    const page = await withExt.context.newPage();
    await page.goto(new URL(path, market.url).toString());
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    const sel = kind === 'textarea' ? '#composer textarea' : '#composer [contenteditable="true"]';
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.click(sel);
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Delete');
      await page.keyboard.type(';bb');
      if (i === 0) await page.waitForTimeout(300);
      await page.evaluate(`(() => {
        const el = document.querySelector(${JSON.stringify(sel)});
        window.__t = new Promise((resolve) => {
          let t0 = 0;
          window.addEventListener('keydown', (e) => { if (e.key === 'Tab' && !t0) t0 = performance.now(); }, { capture: true, once: true });
          const done = () => resolve(performance.now() - t0);
          if (${JSON.stringify(kind)} === 'textarea') el.addEventListener('input', () => { if (el.value.includes('物流')) done(); });
          else new MutationObserver((_, o) => { if (el.textContent.includes('物流')) { o.disconnect(); done(); } }).observe(el, { childList: true, subtree: true, characterData: true });
          setTimeout(() => resolve(NaN), 2000);
        });
      })()`);
      await page.keyboard.press('Tab');
      out.push((await page.evaluate('window.__t')) as number);
    }
    await page.close();
    return out;
  };
  const first: number[] = [];
  for (let i = 0; i < 5; i++) first.push(...(await keyToModel('composers/textarea.html', 'textarea', 1)));
  const warmTa = await keyToModel('composers/textarea.html', 'textarea', RUNS);
  const warmCe = await keyToModel('composers/contenteditable.html', 'contenteditable', RUNS);
  console.log(`\nShortcut + Tab → text (keydown → input/mutation), ${RUNS} runs:`);
  console.log(`  textarea, warm:        median ${median(warmTa.slice(1)).toFixed(2)} ms (${range(warmTa.slice(1))})  (target ≤ 4 ms; Briskine 8.5 ms)`);
  console.log(`  textarea, first after page load: median ${median(first).toFixed(2)} ms over 5 loads (${range(first)})  (target ≤ 15 ms; Briskine 36.8 ms)`);
  console.log(`  contenteditable, warm: median ${median(warmCe.slice(1)).toFixed(2)} ms (${range(warmCe.slice(1))})  (target ≤ 5 ms; Briskine 9.3 ms)`);
  await withExt.close();
} finally {
  await market.close();
}
