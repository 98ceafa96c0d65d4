/**
 * Site adapter speed on a 2,000-message conversation (`?messages=2000`):
 * messages(), messageCount() and context() per dedicated adapter, plus the
 * generic heuristics (messages(), messageCount(), composer()),
 * in Chromium on the live demo page (adapters bundled and injected) and in
 * jsdom on the same page's rendered DOM. Prints p50/p95 in milliseconds.
 * messages() is timed warm (the sidebar re-reads an unchanged conversation on
 * every batched DOM change) and cold (the first read: every row parsed, the
 * row memo empty). Targets: messages() ≤ 10 ms, context() ≤ 5 ms.
 * The counts are checked (messageCount() === messages().length), never the times.
 *
 * `BENCH_SKIP_BUILD=1 node test/bench/run.mjs sites` (after `node test/marketplace/build.mjs`).
 */
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { effectiveUrl } from '../../lib/sites/demo';
import { generic } from '../../lib/sites/generic';
import { pickAdapter } from '../../lib/sites/registry';
import { startMarketplace } from '../marketplace/server.mjs';
import { defineKatElements } from '../marketplace/chat/amazon/kat-elements';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = 2000;
const RUNS = 30;
const PAGES = ['chat/pinduoduo.html', 'chat/shopee.html', 'chat/amazon.html', 'chat/aliexpress.html', 'chat/qianniu.html'];

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `p50 ${at(0.5).toFixed(2)} / p95 ${at(0.95).toFixed(2)}`;
}

function time(fn: () => unknown, runs = RUNS): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const bundle = await build({
  stdin: {
    contents: `import { pickAdapter } from './lib/sites/registry'; import { effectiveUrl } from './lib/sites/demo'; import { generic } from './lib/sites/generic'; window.__xiaoerSites = { pickAdapter, effectiveUrl, generic };`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
});
const script = bundle.outputFiles[0]!.text;

// Run in the page as source text: tsx's keepNames helpers do not exist there.
const IN_PAGE = `(runs) => {
  const s = window.__xiaoerSites;
  const { adapter } = s.pickAdapter(s.effectiveUrl(location, document));
  const timeIt = (fn) => { fn(); const out = []; for (let i = 0; i < runs; i++) { const t = performance.now(); fn(); out.push(performance.now() - t); } return out; };
  // Cold: a clone of the pane's rows is a page the memo has never read (fresh elements).
  const cold = (a, n) => { const out = []; for (let i = 0; i < n; i++) { const pane = a.messagePane(document); const host = pane.parentNode; const fresh = pane.cloneNode(true); host.replaceChild(fresh, pane); const t = performance.now(); a.messages(document); out.push(performance.now() - t); host.replaceChild(pane, fresh); } return out; };
  return {
    id: adapter.id,
    count: adapter.messages(document).length,
    counted: adapter.messageCount(document),
    messages: timeIt(() => adapter.messages(document)),
    messagesCold: cold(adapter, 15),
    messageCount: timeIt(() => adapter.messageCount(document)),
    context: timeIt(() => adapter.context(document)),
    genericCount: s.generic.messages(document).length,
    genericCounted: s.generic.messageCount(document),
    genericMessages: timeIt(() => s.generic.messages(document)),
    genericMessageCount: timeIt(() => s.generic.messageCount(document)),
    genericComposer: timeIt(() => s.generic.composer(document)),
  };
}`;
interface InPage {
  id: string; count: number; counted: number; messages: number[]; messagesCold: number[]; messageCount: number[]; context: number[];
  genericCount: number; genericCounted: number; genericMessages: number[]; genericMessageCount: number[]; genericComposer: number[];
}

const server = (await startMarketplace(0)) as { url: string; close(): Promise<void> };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const rows: Record<string, string | number>[] = [];
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const path of PAGES) {
    await tab.goto(`${server.url}${path}?messages=${N}`);
    await tab.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, null, { timeout: 30_000 });
    await tab.addScriptTag({ content: script });
    const browserFigures = (await tab.evaluate(`(${IN_PAGE})(${RUNS})`)) as InPage;
    if (browserFigures.count !== N || browserFigures.counted !== browserFigures.count) throw new Error(`${path}: ${browserFigures.id} read ${browserFigures.count} messages, counted ${browserFigures.counted}`);
    if (browserFigures.genericCounted !== browserFigures.genericCount) throw new Error(`${path}: generic read ${browserFigures.genericCount} messages, counted ${browserFigures.genericCounted}`);
    const html = await tab.evaluate(() => '<!doctype html>\n' + document.documentElement.outerHTML);
    const href = await tab.evaluate(() => location.href);
    const dom = new JSDOM(html, { url: href });
    if (dom.window.document.querySelector('kat-textarea')) defineKatElements(dom.window as unknown as Window & typeof globalThis);
    const doc = dom.window.document;
    const { adapter } = pickAdapter(effectiveUrl(dom.window.location as unknown as Location, doc));
    rows.push({
      adapter: browserFigures.id,
      messages: browserFigures.count,
      'chromium messages() ms': stats(browserFigures.messages),
      'chromium messages() cold ms': stats(browserFigures.messagesCold),
      'chromium messageCount() ms': stats(browserFigures.messageCount),
      'chromium context() ms': stats(browserFigures.context),
      'jsdom messages() ms': stats(time(() => adapter.messages(doc), 10)),
      'jsdom context() ms': stats(time(() => adapter.context(doc), 10)),
      'generic rows': browserFigures.genericCount,
      'chromium generic messages() ms': stats(browserFigures.genericMessages),
      'chromium generic messageCount() ms': stats(browserFigures.genericMessageCount),
      'chromium generic composer() ms': stats(browserFigures.genericComposer),
      'jsdom generic messages() ms': stats(time(() => generic.messages(doc), 5)),
    });
    dom.window.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`Site adapters on a ${N}-message conversation (${RUNS} runs in Chromium, 10 in jsdom; targets: messages() ≤ 10 ms, context() ≤ 5 ms)`);
console.table(rows);
