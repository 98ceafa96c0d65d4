// Interleaved A/B of the site readers' first messages() after a conversation switch (issue 4).
//
// This machine's speed drifts up to ~1.6× within an hour, so two bench runs of two builds say
// little about a reader change. This bundles lib/sites from two source trees into ONE demo page
// and alternates them per switch cycle: both sides see the same phase. Per page it prints, for
// each side, the wall time and the main thread's CPU time (user-timing tts) of the first read of
// the 2,000-message conversation, p50 / p95. `CHECK=1` also compares the two sides' output JSON
// on every read (outside the timing).
//
//   git worktree add /tmp/ab-before <commit> && ln -s "$PWD/node_modules" /tmp/ab-before/
//   A=/tmp/ab-before B=. node test/bench/ab/first-read.mjs        (after node test/marketplace/build.mjs)
//   env: N (switch cycles per side, default 15), PAGE (substring), GENERIC=1 (dedicated adapters off), CHECK=1,
//   READ=state: the page reader's state() (what the overlay pushes after a switch, context.bench's figure)
//   instead of messages()
//
// Not part of `npm run bench` (it compares two trees; the bench prints one build's figures).
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { startMarketplace } from '../../marketplace/server.mjs';

const SIDES = { A: resolve(process.env.A ?? '.'), B: resolve(process.env.B ?? '.') };
const N = Number(process.env.N ?? 15);
// Conversations to switch between (one of each page's holds 2,000 messages with ?messages=2000);
// CLONE: the page has no list to switch, the pane is replaced by a fresh copy instead.
const CASES = {
  'chat/pinduoduo.html': ['.chat-item-box:nth-child(2)', '.chat-item-box:nth-child(3)', '.chat-item-box:nth-child(1)'],
  'chat/aliexpress.html': ['.session-item[data-session-id="s1002"]', '.session-item[data-session-id="s1003"]', '.session-item[data-session-id="s1001"]'],
  'chat/shopee.html': [2, 3, 1].map((n) => `[data-cy^="webchat-conversation-cell-root"]:nth-child(${n})`),
  'chat/qianniu.html': [2, 1].map((n) => `.message-list-left .results-list:nth-child(${n})`),
  'chat/amazon.html': ['CLONE', 'CLONE'],
};

const bundles = {};
for (const [side, dir] of Object.entries(SIDES)) {
  const out = await build({
    stdin: { contents: `import { pickAdapter } from './lib/sites/registry'; import { effectiveUrl } from './lib/sites/demo'; import { createPageReader } from './entrypoints/overlay.content/page-reader'; window.__ab${side} = { pickAdapter, effectiveUrl, reader: createPageReader() };`, resolveDir: dir, loader: 'ts' },
    bundle: true, format: 'iife', write: false, target: 'chrome120', logLevel: 'silent',
    define: { 'import.meta.env.MODE': '"production"' },
  });
  bundles[side] = out.outputFiles[0].text;
}

const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1);
const server = await startMarketplace(0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [page, items] of Object.entries(CASES).filter(([p]) => !process.env.PAGE || p.includes(process.env.PAGE))) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(`${server.url}${page}?messages=2000`);
    await tab.waitForFunction(() => window.__ready === true);
    if (process.env.GENERIC) await tab.evaluate(() => document.querySelector('meta[name="xiaoer-demo-url"]')?.remove());
    for (const b of Object.values(bundles)) await tab.addScriptTag({ content: b });
    const cdp = await tab.context().newCDPSession(tab);
    const tts = new Map();
    cdp.on('Tracing.dataCollected', (e) => { for (const ev of e.value) if (ev.name.startsWith('ab-')) tts.set(ev.name, ev.tts); });
    const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'blink.user_timing', transferMode: 'ReportEvents' });
    const reads = [];
    for (let i = 0; i < N * items.length * 2; i++) {
      // A whole cycle of the page's conversations per side: the 2,000-message one alternates A, B.
      const side = Math.floor(i / items.length) % 2 ? 'B' : 'A';
      const other = side === 'A' ? 'B' : 'A';
      const r = await tab.evaluate(`(async () => {
        const s = window.__ab${side};
        const item = ${JSON.stringify(items[i % items.length])};
        if (item === 'CLONE') { const pane = s.pickAdapter(s.effectiveUrl(location, document)).adapter.messagePane(document); pane.parentNode.replaceChild(pane.cloneNode(true), pane); }
        else document.querySelector(item).click();
        for (let f = 0; f < 3; f++) await new Promise((r) => requestAnimationFrame(() => r()));
        const { adapter } = s.pickAdapter(s.effectiveUrl(location, document));
        performance.mark('ab-s-${i}');
        const t = performance.now();
        const m = ${process.env.READ === 'state'} ? JSON.stringify(s.reader.state()) : adapter.messages(document);
        const ms = performance.now() - t;
        performance.mark('ab-e-${i}');
        const n = typeof m === 'string' ? adapter.messageCount(document) : m.length;
        let same = null;
        if (${Boolean(process.env.CHECK)}) { const o = window.__ab${other}; same = typeof m === 'string' ? m === JSON.stringify(o.reader.state()) : JSON.stringify(m) === JSON.stringify(o.pickAdapter(o.effectiveUrl(location, document)).adapter.messages(document)); }
        return { ms, n, same };
      })()`);
      if (r.n >= 2000) reads.push({ side, i, ...r });
    }
    await cdp.send('Tracing.end');
    await traced;
    const line = (side) => {
      const mine = reads.filter((r) => r.side === side);
      const wall = mine.map((r) => r.ms);
      const cpu = mine.map((r) => (tts.get(`ab-e-${r.i}`) - tts.get(`ab-s-${r.i}`)) / 1000);
      return `${side} n=${mine.length} wall p50 ${pct(wall, 0.5)} p95 ${pct(wall, 0.95)} | cpu p50 ${pct(cpu, 0.5)} p95 ${pct(cpu, 0.95)}`;
    };
    const checked = reads.filter((r) => r.same !== null);
    const outputs = checked.length ? (checked.every((r) => r.same) ? 'outputs identical' : 'OUTPUTS DIFFER') : '';
    console.log(page.padEnd(22), process.env.GENERIC ? 'generic  ' : 'dedicated', line('A'), ' || ', line('B'), outputs);
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
