// "Nothing gets in" figures (issue 8): XSS payloads tried × contexts and how many ran (target 0),
// and protocol requests sent from the content script's world and how many were accepted (target 0).
// Runs the security e2e specs (xss*, protocol) in Chromium with the e2e build; each checked surface
// appends a row to the summary (test/e2e/payloads/guard.ts), printed here.
// Run: BENCH_SKIP_BUILD=1 node test/bench/run.mjs xss   (XIAOER_OUT_DIR as for the e2e build)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';
import { XSS_SUMMARY, type SummaryRow } from '../e2e/payloads/guard.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
rmSync(XSS_SUMMARY, { force: true });
const run = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', 'xss', 'protocol'], {
  cwd: root,
  env: { ...process.env, E2E_WORKERS: process.env.E2E_WORKERS ?? '1' },
  encoding: 'utf8',
});
const tail = `${run.stdout ?? ''}`.split('\n').filter((l) => /passed|failed|✘/.test(l));

const rows: SummaryRow[] = existsSync(XSS_SUMMARY)
  ? readFileSync(XSS_SUMMARY, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SummaryRow)
  : [];
const xss = rows.filter((r) => !r.surface.startsWith('protocol'));
const protocol = rows.filter((r) => r.surface.startsWith('protocol'));

console.log(`corpus: ${XSS_PAYLOADS.length} payloads (${new Set(XSS_PAYLOADS.map((p) => p.vector)).size} vectors)`);
console.log('\nsurface                                                                    payloads × contexts   executed');
let tried = 0;
let executed = 0;
for (const r of xss) {
  const n = r.payloads * r.contexts.length;
  tried += n;
  executed += r.executed;
  console.log(`${r.surface.slice(0, 74).padEnd(74)} ${String(r.payloads).padStart(4)} × ${String(r.contexts.length).padStart(2)} = ${String(n).padStart(4)}   ${r.executed}${r.ran.length ? ` (ids ${r.ran.join(',')})` : ''}`);
}
console.log(`\nXSS: payload placements checked ${tried}, executed ${executed} (target 0), surfaces ${xss.length}`);
let sent = 0;
let accepted = 0;
for (const r of protocol) {
  sent += r.payloads;
  accepted += r.executed;
  console.log(`${r.surface.padEnd(60)} sent ${String(r.payloads).padStart(4)}   accepted ${r.executed}`);
}
console.log(`protocol: hostile requests from the content script ${sent}, accepted ${accepted} (target 0)`);
console.log(`\nplaywright: ${tail.join(' | ') || '(no summary line)'}`);
if (run.status !== 0 || xss.length === 0) {
  console.log('(some security specs failed or did not run: the figures above are incomplete)');
  process.exit(1);
}
