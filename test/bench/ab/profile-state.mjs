// Where state() spends its time on a demo chat page: a CPU profile (50 µs sampling) of the page reader
// over 54 conversation switches, samples under state() only, then what one state() allocates (by call path).
//   npx tsx test/bench/ab/profile-state.mjs "chat/shopee.html?messages=2000" [generic]   (NOINLINE=1: no TurboFan inlining)
// READ=messages: profiles the first messages() after each switch instead (state() is read first, untimed, as
// context.bench.ts reads them: the core has pushed the state before anyone asks for the messages).
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMarketplace } from '../../marketplace/server.mjs';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const [pagePath, mode] = process.argv.slice(2);
const bundle = await build({ stdin: { contents: `import { createPageReader } from './entrypoints/overlay.content/page-reader'; window.__xiaoerReader = createPageReader();`, resolveDir: root, loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'chrome120', minify: false });
const server = await startMarketplace(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...(process.env.NOINLINE ? ['--js-flags=--no-turbo-inlining'] : [])] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(server.url + pagePath);
await page.waitForFunction(() => window.__ready === true);
if (mode === 'generic') await page.evaluate(() => document.querySelector('meta[name="xiaoer-demo-url"]')?.remove());
await page.addScriptTag({ content: `${bundle.outputFiles[0].text};window.__call = function xiaoerStateCall() { return ${process.env.READ === 'messages' ? 'window.__xiaoerReader.messages().length' : 'JSON.stringify(window.__xiaoerReader.state())'}; };` });
const items = await page.evaluate(() => [...document.querySelectorAll('.chat-item-box, .session-item, [data-cy^="webchat-conversation-cell-root"], .message-list-left .results-list')].length);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
const sel = '.chat-item-box, .session-item, [data-cy^="webchat-conversation-cell-root"], .message-list-left .results-list';
const times = [];
let started = false;
for (let i = 0; i < 60; i++) {
  const ms = await page.evaluate(async ({ sel, i, pre }) => {
    const list = document.querySelectorAll(sel);
    list[i % Math.min(3, list.length)].click();
    for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(() => r()));
    if (pre) window.__xiaoerReader.state();
    const t = performance.now();
    window.__call();
    return performance.now() - t;
  }, { sel, i, pre: process.env.READ === 'messages' });
  if (i === 5 && !started) { await cdp.send('Profiler.start'); started = true; }
  if (i > 5) times.push(ms);
}
const { profile } = await cdp.send('Profiler.stop');
// allocation per state() call, by function (sampling heap profiler, garbage included)
await cdp.send('HeapProfiler.enable');
const alloc = new Map(); let allocTotal = 0;
for (let i = 0; i < 12; i++) {
  await page.evaluate(async ({ sel, i }) => { const list = document.querySelectorAll(sel); list[i % Math.min(3, list.length)].click(); for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(() => r())); }, { sel, i });
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await page.evaluate(() => window.__call());
  const { profile: hp } = await cdp.send('HeapProfiler.stopSampling');
  const visit = (n, inside, stack) => { const name = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; const here = inside || n.callFrame.functionName === 'xiaoerStateCall'; if (here && n.selfSize) { allocTotal += n.selfSize; alloc.set(stack + ' > ' + name, (alloc.get(stack + ' > ' + name) ?? 0) + n.selfSize); } for (const c of n.children) visit(c, here, here ? (n.callFrame.functionName === 'xiaoerStateCall' ? '' : (stack ? stack.split(' > ').slice(-2).join(' > ') + ' > ' : '') + name) : ''); };
  visit(hp.head, false, '');
}
console.log(`allocation per state(): ${(allocTotal / 12 / 1024).toFixed(0)} KB`);
console.log([...alloc].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 12 / 1024).toFixed(1).padStart(7)} KB  ${k}`).join('\n'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
const under = (id) => { let cur = id; while (cur !== undefined) { if (byId.get(cur).callFrame.functionName === 'xiaoerStateCall') return true; cur = parent.get(cur); } return false; };
profile.samples.forEach((id, k) => { if (!under(id)) return; const n = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0)); });
// inclusive time per function
const incl = new Map();
profile.samples.forEach((id, k) => { if (!under(id)) return; const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + (dt[k] ?? 0)); } cur = parent.get(cur); } });
const top = (m) => [...m].filter(([k]) => !/^\(program|idle|root|garbage/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`).join('\n');
times.sort((a, b) => a - b);
console.log(`${pagePath} ${mode ?? 'dedicated'}: ${times.length} state() wall p50 ${times[times.length >> 1].toFixed(2)} p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms; items ${items}`);
console.log('--- self\n' + top(self)); console.log('--- inclusive\n' + top(incl));
await browser.close(); await server.close();
