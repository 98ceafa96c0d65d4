// Interleaved A/B of the dashboard's first list rows (Library and Evidence) between two e2e builds, each
// page loaded with no DevTools client attached (../unattached.ts), in a store of 10,000 replies, 10,000
// evidence records and 50,000 messages (../seed-dashboard.mjs). This machine's speed drifts within an
// hour, so two separate bench runs say little about a change worth 10–30 ms; here the loads alternate.
//
//   A=/tmp/xo-old/chrome-mv3-e2e B=/tmp/xo-lead/chrome-mv3-e2e npx tsx test/bench/ab/unattached-dashboard-ab.ts
//   env: N (loads per build and view, default 20), VIEWS (default "library,evidence")
//
// Not part of `npm run bench` (it compares two builds; the bench prints one build's figures).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchUnattached, unattachedLoad, type UnattachedBrowser } from '../unattached';
import { seedDashboardStore } from '../seed-dashboard.mjs';

const N = Number(process.env.N ?? 20);
const VIEWS = (process.env.VIEWS ?? 'library,evidence').split(',') as Array<'library' | 'evidence'>;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
/** Chromium's id for an unpacked extension: the path's SHA-256, first 32 hex digits written a–p. */
const extensionId = (path: string) => [...createHash('sha256').update(path).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
const MARKS = ['xiaoer:dashboard-early', 'xiaoer:dashboard-module', 'xiaoer:dashboard-early-rows'];

const sides: Array<{ name: string; b: UnattachedBrowser; id: string; dir: string; first: Record<string, number[]>; phases: Record<string, number[]> }> = [];
try {
  for (const name of ['A', 'B']) {
    const ext = resolve(process.env[name] ?? '');
    const dir = mkdtempSync(join(tmpdir(), `xiaoer-dash-ab-${name}-`));
    const b = await launchUnattached(CHROMIUM, dir, [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--window-size=1280,800']);
    const id = extensionId(ext);
    // The first-run seed (the starter library) lands before ours.
    for (let i = 0; i < 150; i++) {
      // (A worker still starting throws: asked again.)
      if (await b.evaluateInWorker<unknown>(id, `chrome.storage.local.get('seededAt').then((s) => s.seededAt ?? null)`).catch(() => null)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seed = await b.open(`chrome-extension://${id}/dashboard.html#settings`);
    await new Promise((r) => setTimeout(r, 1500));
    await b.evaluate(seed, `globalThis.__name = (f) => f; (${seedDashboardStore.toString()})({ replies: 10000, evidence: 10000, messages: 50000 })`);
    await b.closeTarget(seed);
    sides.push({ name, b, id, dir, first: {}, phases: {} });
  }
  for (const view of VIEWS) {
    for (let i = 0; i < N + 1; i++) {
      for (const s of i % 2 ? sides : [...sides].reverse()) {
        const mark = `xiaoer:dashboard-first-row-${view}`;
        const r = await unattachedLoad(s.b, `chrome-extension://${s.id}/dashboard.html#${view}`, [...MARKS, mark], 900);
        if (i === 0) continue; // warms the worker and the bundle's cache
        (s.first[view] ??= []).push(r.at[mark]!);
        for (const m of MARKS) (s.phases[`${view} ${m.replace('xiaoer:dashboard-', '')}`] ??= []).push(r.at[m]!);
      }
    }
  }
  for (const s of sides) {
    console.log(`${s.name} ${process.env[s.name]}:`);
    for (const view of VIEWS) {
      const phases = Object.entries(s.phases).filter(([k]) => k.startsWith(view)).map(([k, xs]) => `${k.slice(view.length + 1)} ${pct(xs.filter((x) => !Number.isNaN(x)), 50)?.toFixed(1) ?? '—'}`);
      console.log(`  #${view} first row p50 ${pct(s.first[view]!, 50).toFixed(1)} / p95 ${pct(s.first[view]!, 95).toFixed(1)} ms · ${phases.join(' · ')} (${s.first[view]!.length} loads)`);
    }
  }
} finally {
  for (const s of sides) {
    await s.b.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}
