// Interleaved A/B of the popup's open-to-interactive between two e2e builds, each page loaded with no
// DevTools client attached (../unattached.ts): the figure a seller sees, without Playwright's
// per-page instrumentation, which added more to the popup than the difference being looked for.
//
//   A=/tmp/xo-old/chrome-mv3-e2e B=/tmp/xo-lead/chrome-mv3-e2e npx tsx test/bench/ab/unattached-popup-ab.ts
//   env: N (opens per build, default 30)
//
// Not part of `npm run bench` (it compares two builds; the bench prints one build's figures).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchUnattached, unattachedLoad, type UnattachedBrowser } from '../unattached';
import { writeFloorPage } from '../bench-ext.mjs';

type Marketplace = { url: string; close: () => Promise<void> };
const { startMarketplace } = (await import('../../marketplace/server.mjs' as string)) as { startMarketplace: (port?: number) => Promise<Marketplace> };

const N = Number(process.env.N ?? 30);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
/** Chromium's id for an unpacked extension: the path's SHA-256, first 32 hex digits written a–p. */
const extensionId = (path: string) => [...createHash('sha256').update(path).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');

const market = await startMarketplace(0);
const sides: Array<{ name: string; b: UnattachedBrowser; id: string; tab: number; dir: string; popup: number[]; floor: number[]; script: number[] }> = [];
try {
  for (const name of ['A', 'B']) {
    const ext = resolve(process.env[name] ?? '');
    writeFloorPage(ext);
    const dir = mkdtempSync(join(tmpdir(), `xiaoer-unattached-ab-${name}-`));
    const b = await launchUnattached(CHROMIUM, dir, [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--window-size=1280,800']);
    const id = extensionId(ext);
    const chatUrl = `${market.url}/chat/pinduoduo.html?side=${name}`;
    await b.open(chatUrl);
    await new Promise((r) => setTimeout(r, 3000));
    const tab = await b.evaluateInWorker<number | null>(id, `chrome.tabs.query({}).then((ts) => ts.find((t) => t.url === ${JSON.stringify(chatUrl)})?.id ?? null)`);
    if (tab === null) throw new Error(`${name}: the demo chat tab is not listed`);
    sides.push({ name, b, id, tab, dir, popup: [], floor: [], script: [] });
  }
  for (let i = 0; i < N + 1; i++) {
    for (const s of i % 2 ? sides : [...sides].reverse()) {
      const p = await unattachedLoad(s.b, `chrome-extension://${s.id}/popup.html?tab=${s.tab}`, ['xiaoer:popup-script', 'xiaoer:popup-tab-status'], 1000);
      const f = await unattachedLoad(s.b, `chrome-extension://${s.id}/bench-floor.html`, ['xiaoer:floor'], 700);
      if (i === 0) continue;
      s.popup.push(p.at['xiaoer:popup-tab-status']!);
      s.script.push(p.at['xiaoer:popup-script']!);
      s.floor.push(f.at['xiaoer:floor']!);
    }
  }
  for (const s of sides) console.log(`${s.name} ${process.env[s.name]}: popup interactive p50 ${pct(s.popup, 50).toFixed(1)} / p95 ${pct(s.popup, 95).toFixed(1)} ms · first-frame script ${pct(s.script, 50).toFixed(1)} · floor p50 ${pct(s.floor, 50).toFixed(1)} (${s.popup.length} opens)`);
} finally {
  for (const s of sides) {
    await s.b.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
  await market.close();
}
