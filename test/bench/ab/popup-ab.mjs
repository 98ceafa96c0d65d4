// Interleaved A/B of the popup's open-to-interactive (issue 7) between two e2e builds.
//
// Two runs of `npm run bench dashboard` minutes apart say little here: the machine's floor (an
// empty extension page) moved between 92 and 161 ms within one hour. This runs both builds at
// once, each in its own browser with a demo chat tab, and alternates popup opens between them
// (and the floor page of each), so both see the same phase. Prints p50 / p95 per build, the
// floor per build, and the popup's own phase marks (entrypoints/popup-first.ts).
//
//   A=/tmp/xo-old/chrome-mv3-e2e B=/tmp/xo-lead/chrome-mv3-e2e node test/bench/ab/popup-ab.mjs
//   env: N (opens per build, default 30)
//
// Not part of `npm run bench` (it compares two builds; the bench prints one build's figures).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMarketplace } from '../../marketplace/server.mjs';
import { seededWorker, writeFloorPage } from '../bench-ext.mjs';

const BUILDS = { A: resolve(process.env.A ?? ''), B: resolve(process.env.B ?? '') };
const N = Number(process.env.N ?? 30);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const market = await startMarketplace(0);
const sides = {};
try {
  for (const [name, ext] of Object.entries(BUILDS)) {
    writeFloorPage(ext);
    const dir = mkdtempSync(join(tmpdir(), `xiaoer-popup-ab-${name}-`));
    const context = await chromium.launchPersistentContext(dir, {
      headless: true,
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...ARGS],
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(() => {
      const check = () => {
        const search = document.querySelector('[data-testid="popup-search"]');
        if (window.__interactive === undefined && search && !search.disabled) {
          window.__interactive = performance.now();
          console.debug('xiaoer-bench __interactive');
        }
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    });
    const { worker, id } = await seededWorker(context);
    const chat = await context.newPage();
    await chat.goto(`${market.url}/chat/pinduoduo.html`);
    await chat.waitForSelector('[data-testid="xiaoer-toggle"]');
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, chat.url());
    sides[name] = { context, dir, id, tabId, popup: [], floor: [], script: [], tab: [] };
  }

  async function open(side, url) {
    const page = await side.context.newPage();
    await page.setViewportSize({ width: 340, height: 480 });
    const marked = page.waitForEvent('console', { predicate: (m) => m.text() === 'xiaoer-bench __interactive', timeout: 30_000 });
    await page.goto(url);
    await marked;
    const at = await page.evaluate(() => ({
      interactive: window.__interactive,
      script: performance.getEntriesByName('xiaoer:popup-script')[0]?.startTime ?? Number.NaN,
      tab: performance.getEntriesByName('xiaoer:popup-tab-status')[0]?.startTime ?? Number.NaN,
    }));
    await page.close();
    return at;
  }

  for (let i = 0; i < N + 1; i++) {
    // Alternate which build goes first, so neither always follows the other.
    const order = i % 2 ? ['B', 'A'] : ['A', 'B'];
    for (const name of order) {
      const s = sides[name];
      const p = await open(s, `chrome-extension://${s.id}/popup.html?tab=${s.tabId}`);
      const f = await open(s, `chrome-extension://${s.id}/bench-floor.html`);
      if (i === 0) continue; // warm-up
      s.popup.push(p.interactive);
      s.script.push(p.script);
      s.tab.push(p.tab);
      s.floor.push(f.interactive);
    }
  }
  for (const [name, s] of Object.entries(sides)) {
    console.log(`${name} ${BUILDS[name]}: popup interactive p50 ${pct(s.popup, 50).toFixed(1)} / p95 ${pct(s.popup, 95).toFixed(1)} ms · floor p50 ${pct(s.floor, 50).toFixed(1)} · first-frame script ${pct(s.script, 50).toFixed(1)} · tab answered ${pct(s.tab, 50).toFixed(1)} (${N} opens)`);
  }
} finally {
  for (const s of Object.values(sides)) {
    await s.context.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
  await market.close();
}
