/**
 * Context refresh after a conversation switch in a single-page app (issue 4).
 *
 * 1. Work: the overlay's page reader (entrypoints/overlay.content/page-reader.ts,
 *    bundled into the demo page) computing the state it pushes to the sidebar in
 *    the frame after a change — reader.state() plus the JSON compare the core
 *    does — right after the page rendered the new conversation. Target ≤ 5 ms.
 *    Printed twice: wall time (performance.now() around the call) and the main
 *    thread's CPU time over the same call (the thread clock of two user-timing
 *    trace events). On this 2-core machine the renderer is often descheduled in
 *    the middle of a call — the browser process and the test driver run too — so
 *    wall time's tail is largely time the page was not running at all (measured:
 *    qianniu generic 2,000, slow calls of 6–9 ms wall were 3–4 ms of CPU). CPU
 *    time still counts everything the thread did, garbage collection included.
 *    Also printed: the first messages() of a freshly rendered 2,000-message
 *    conversation (the row memo has not seen its rows; what capturing the whole
 *    chat costs right after a switch — the issue's messages() target, cold),
 *    as wall time and as CPU time like state(): its wall p50 swung 4–13 ms
 *    between runs of one build (15 samples, a descheduled renderer counted).
 *    With it, what that read allocates (KB, the sampling heap profiler with the
 *    objects young-generation GC freed counted): it does not drift with the
 *    machine as times do. Beside it, the message count the core pushes when the page is next idle
 *    (reader.messageCount(), core.ts countWhenIdle): not part of the refresh, but
 *    main-thread work all the same, so it is printed.
 * 2. Delay: the real extension (e2e build), sidebar open on the Page tab: from
 *    the click on another conversation in the page's list to the sidebar
 *    showing that buyer (Date.now() in both frames; ms resolution).
 *
 * Pages: every demo chat with a conversation list — chat/pinduoduo.html (Vue 2),
 * chat/aliexpress.html (React, hash-routed), chat/shopee.html and
 * chat/qianniu.html (React) — at their default length and with ?messages=2000
 * on the first conversation; the work also with the dedicated adapters off
 * (the page's demo-URL meta removed, so the reader falls back to the generic
 * heuristics). Each switch opens a conversation the page renders afresh (new
 * row elements): the case whose p95 the issue's target is about.
 * p95 over 45 switches is the 43rd slowest; max is shown beside it.
 *
 * `BENCH_SKIP_BUILD=1 node test/bench/run.mjs context` (after `npx wxt build --mode e2e`
 * and `node test/marketplace/build.mjs`).
 */
import { build } from 'esbuild';
import { chromium, type Frame, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMarketplace } from '../marketplace/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// resolve, not join: XIAOER_OUT_DIR is absolute (parallel local builds, see wxt.config.ts).
const EXTENSION = resolve(root, process.env.XIAOER_OUT_DIR ?? '.output', 'chrome-mv3-e2e');
const SWITCHES = 45;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Case {
  page: string;
  /** Conversation list items and the buyer each one opens (null: the name the item shows in its title). */
  items: { selector: string; buyer: string | null }[];
}
const CASES: Case[] = [
  {
    page: 'chat/pinduoduo.html',
    items: [
      { selector: '.chat-item-box:nth-child(2)', buyer: '小鱼儿2021' },
      { selector: '.chat-item-box:nth-child(3)', buyer: 'pdd_53718' },
      { selector: '.chat-item-box:nth-child(1)', buyer: '景**' },
    ],
  },
  {
    page: 'chat/aliexpress.html',
    items: [
      { selector: '.session-item[data-session-id="s1002"]', buyer: '陈思远' },
      { selector: '.session-item[data-session-id="s1003"]', buyer: 'Emma Schulz' },
      { selector: '.session-item[data-session-id="s1001"]', buyer: 'Lucas Oliveira' },
    ],
  },
  {
    page: 'chat/shopee.html',
    items: [2, 3, 1].map((n) => ({ selector: `[data-cy^="webchat-conversation-cell-root"]:nth-child(${n})`, buyer: null })),
  },
  {
    page: 'chat/qianniu.html',
    items: [2, 1].map((n) => ({ selector: `.message-list-left .results-list:nth-child(${n})`, buyer: null })),
  },
];

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `p50 ${at(0.5).toFixed(2)} / p95 ${at(0.95).toFixed(2)} / max ${s[s.length - 1]!.toFixed(2)}`;
}

const bundle = await build({
  stdin: {
    contents: `import { createPageReader } from './entrypoints/overlay.content/page-reader'; window.__xiaoerReader = createPageReader();`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
});
const script = bundle.outputFiles[0]!.text;

async function ready(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, null, { timeout: 30_000 });
}

/**
 * Work: state() after each switch, once the page has rendered it (three frames later).
 * `generic`: the demo-URL meta is removed first, so the reader runs the generic heuristics.
 */
async function measureWork(page: Page, c: Case, generic: boolean): Promise<{ work: number[]; cpu: number[]; count: number[]; firstRead: number[]; firstReadCpu: number[]; allocated: number[]; messages: number[]; site: string }> {
  if (generic) await page.evaluate(() => document.querySelector('meta[name="xiaoer-demo-url"]')?.remove());
  // A named function around the read: the heap profile's allocations are counted below it.
  await page.addScriptTag({ content: `${script};window.__xiaoerFirstRead = function ${READ_FN}() { return window.__xiaoerReader.messages().length; };` });
  // Thread time: the user-timing marks around each call carry the main thread's clock (tts) in the trace.
  const cdp = await page.context().newCDPSession(page);
  const marks = new Map<string, number>();
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as { name: string; tts?: number }[]) if (ev.name.startsWith('xiaoer-state-') && ev.tts !== undefined) marks.set(ev.name, ev.tts);
  });
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'blink.user_timing', transferMode: 'ReportEvents' });
  const work: number[] = [];
  const count: number[] = [];
  const firstRead: number[] = [];
  const messages: number[] = [];
  /** The switches that opened the 2,000-message conversation: their first read's CPU time is taken from the trace. */
  const longSwitches: number[] = [];
  let site = '';
  for (let i = 0; i < SWITCHES; i++) {
    const item = c.items[i % c.items.length]!;
    const r = (await page.evaluate(`(async () => {
      const item = document.querySelector(${JSON.stringify(item.selector)});
      const shown = item.getAttribute('title') ?? item.querySelector('[title]')?.getAttribute('title') ?? null;
      item.click();
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r()));
      const reader = window.__xiaoerReader;
      performance.mark('xiaoer-state-${i}-start');
      const t = performance.now();
      const state = reader.state();
      JSON.stringify(state);
      const ms = performance.now() - t;
      performance.mark('xiaoer-state-${i}-end');
      // The count as the core takes it, at the next idle moment.
      await new Promise((r) => requestIdleCallback(() => r()));
      const t2 = performance.now();
      const counted = reader.messageCount();
      const countMs = performance.now() - t2;
      // Checked outside the timing: the count pushed is the number of messages the page shows.
      // The first messages() of the conversation the page just rendered (row memo cold; what a capture
      // of the whole chat costs right after a switch).
      performance.mark('xiaoer-state-${i}-read-start');
      const t3 = performance.now();
      const parsed = reader.messages().length;
      const firstReadMs = performance.now() - t3;
      performance.mark('xiaoer-state-${i}-read-end');
      return { ms, countMs, firstReadMs, shown, buyer: state.context.buyer.name, count: counted, parsed, site: state.site };
    })()`)) as { ms: number; countMs: number; firstReadMs: number; shown: string | null; buyer: string | null; count: number; parsed: number; site: string };
    const expected = item.buyer ?? r.shown;
    if (!generic && r.buyer !== expected) throw new Error(`${c.page}: read buyer ${r.buyer}, expected ${expected}`);
    if (r.count !== r.parsed || r.count === 0) throw new Error(`${c.page}: state counted ${r.count} messages, messages() read ${r.parsed}`);
    work.push(r.ms);
    count.push(r.countMs);
    if (r.count >= 2000) {
      firstRead.push(r.firstReadMs);
      longSwitches.push(i);
    }
    messages.push(r.count);
    site = r.site;
  }
  await cdp.send('Tracing.end');
  await traced;
  // What the first read allocates, garbage included: a figure that does not move with the machine's
  // speed (the times above do, ±30 % between runs here), so a change's effect shows in one run.
  const allocated: number[] = [];
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < ALLOCATION_SWITCHES; i++) {
    const item = c.items[i % c.items.length]!;
    await page.evaluate(`(async () => {
      document.querySelector(${JSON.stringify(item.selector)}).click();
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r()));
    })()`);
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as { samplingInterval: number });
    const read = (await page.evaluate('window.__xiaoerFirstRead()')) as number;
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: SampledNode } };
    if (read >= 2000) allocated.push(bytesBelow(profile.head, READ_FN) / 1024);
  }
  await cdp.detach();
  const cpu: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const start = marks.get(`xiaoer-state-${i}-start`);
    const end = marks.get(`xiaoer-state-${i}-end`);
    if (start !== undefined && end !== undefined) cpu.push((end - start) / 1000);
  }
  const firstReadCpu: number[] = [];
  for (const i of longSwitches) {
    const start = marks.get(`xiaoer-state-${i}-read-start`);
    const end = marks.get(`xiaoer-state-${i}-read-end`);
    if (start !== undefined && end !== undefined) firstReadCpu.push((end - start) / 1000);
  }
  return { work, cpu, count, firstRead, firstReadCpu, allocated, messages, site };
}

const READ_FN = 'xiaoerFirstRead';
const ALLOCATION_SWITCHES = 6;

interface SampledNode {
  callFrame: { functionName: string };
  selfSize: number;
  children: SampledNode[];
}

/** Bytes the sampled allocations of a heap profile put below calls of the function `name`. */
function bytesBelow(node: SampledNode, name: string, inside = false): number {
  const here = inside || node.callFrame.functionName === name;
  let sum = here ? node.selfSize : 0;
  for (const child of node.children) sum += bytesBelow(child, name, here);
  return sum;
}

async function sidebarOf(page: Page): Promise<Frame> {
  await page.locator('[data-testid="xiaoer-toggle"]').click();
  const handle = await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]', { state: 'attached' });
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('.sidebar');
  await frame.locator('[data-testid="tab-page"]').click();
  await frame.waitForSelector('[data-testid="page-buyer"]');
  return frame;
}

/** Delay: click in the page → the Page tab shows the new buyer. */
async function measureDelay(page: Page, sidebar: Frame, c: Case): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const item = c.items[i % c.items.length]!;
    const buyer = item.buyer ?? (await page.evaluate((sel) => {
      const el = document.querySelector(sel)!;
      return el.getAttribute('title') ?? el.querySelector('[title]')?.getAttribute('title') ?? '';
    }, item.selector));
    await sidebar.evaluate((name) => {
      const w = window as unknown as { __shownAt: number; __obs?: MutationObserver };
      w.__shownAt = 0;
      w.__obs?.disconnect();
      const el = document.querySelector('[data-testid="page-buyer"]')!;
      w.__obs = new MutationObserver(() => {
        if (!w.__shownAt && el.textContent === name) w.__shownAt = Date.now();
      });
      w.__obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    }, buyer);
    const clickAt = await page.evaluate((sel) => {
      const at = Date.now();
      (document.querySelector(sel) as HTMLElement).click();
      return at;
    }, item.selector);
    await sidebar.waitForFunction(() => (window as unknown as { __shownAt: number }).__shownAt > 0, null, { timeout: 10_000 });
    const shownAt = await sidebar.evaluate(() => (window as unknown as { __shownAt: number }).__shownAt);
    out.push(shownAt - clickAt);
  }
  return out;
}

const server = (await startMarketplace(0)) as { url: string; close(): Promise<void> };
const rows: Record<string, string | number>[] = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const dir = mkdtempSync(join(tmpdir(), 'xiaoer-bench-'));
const ext = await chromium.launchPersistentContext(dir, {
  headless: true,
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...ARGS],
  viewport: { width: 1280, height: 800 },
});
try {
  const plain = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const c of CASES) {
    for (const query of ['', '?messages=2000']) {
      const url = `${server.url}${c.page}${query}`;
      await ready(plain, url);
      const { work, cpu, count, firstRead, firstReadCpu, allocated, messages, site } = await measureWork(plain, c, false);
      await ready(plain, url);
      const heuristics = await measureWork(plain, c, true);
      const tab = await ext.newPage();
      await ready(tab, url);
      const sidebar = await sidebarOf(tab);
      const delay = await measureDelay(tab, sidebar, c);
      await tab.close();
      rows.push({
        page: `${c.page}${query}`,
        'messages per conversation': `${Math.min(...messages)}–${Math.max(...messages)}`,
        [`state() work ms (dedicated)`]: `${site}: ${stats(work)}`,
        'state() work ms (generic)': `${heuristics.messages.length ? `${Math.min(...heuristics.messages)}–${Math.max(...heuristics.messages)} msgs: ` : ''}${stats(heuristics.work)}`,
        'state() main-thread CPU ms (dedicated · generic)': `${cpu.length ? stats(cpu) : 'n/a'} · ${heuristics.cpu.length ? stats(heuristics.cpu) : 'n/a'}`,
        'idle count ms (dedicated / generic)': `${stats(count)} · ${stats(heuristics.count)}`,
        'first messages() of a 2,000-message conversation, wall ms (dedicated · generic; target ≤ 10)': firstRead.length ? `${stats(firstRead)} · ${stats(heuristics.firstRead)}` : '—',
        'its main-thread CPU ms (dedicated · generic)': firstReadCpu.length ? `${stats(firstReadCpu)} · ${stats(heuristics.firstReadCpu)}` : '—',
        'its allocation KB, median (dedicated · generic)': allocated.length ? `${median(allocated).toFixed(0)} · ${median(heuristics.allocated).toFixed(0)}` : '—',
        'click → sidebar ms': stats(delay),
      });
    }
  }
} finally {
  await ext.close();
  rmSync(dir, { recursive: true, force: true });
  await browser.close();
  await server.close();
}
console.log(`Context refresh after a conversation switch (${SWITCHES} switches per page; target: ≤ 5 ms of work; work printed as wall time and as the main thread's CPU time)`);
console.table(rows);
