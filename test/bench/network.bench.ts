// "Nothing leaves the machine" figure (issue 8): network requests of the extension's own seen while
// every feature runs (replies, capture into a case, evidence export, reviews, popup, dashboard), target 0.
// Runs test/e2e/network.spec.ts (renderer + service-worker request recording, a canary proving the
// recorder) with the e2e build and prints what it wrote.
// Run: BENCH_SKIP_BUILD=1 node test/bench/run.mjs network   (XIAOER_OUT_DIR as for the e2e build)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NETWORK_SUMMARY } from '../e2e/network-summary.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
rmSync(NETWORK_SUMMARY, { force: true });
const run = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', 'network'], { cwd: root, env: process.env, encoding: 'utf8' });
const rows = existsSync(NETWORK_SUMMARY) ? readFileSync(NETWORK_SUMMARY, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { requestsSeen: number; requests: string[] }) : [];
const last = rows.at(-1);
console.log(`network: requests of the extension's own seen ${last ? last.requestsSeen : 'n/a (the spec did not reach its check)'} (target 0)${last?.requests.length ? `: ${last.requests.join(', ')}` : ''}`);
console.log(`playwright: ${`${run.stdout ?? ''}`.split('\n').filter((l) => /passed|failed/.test(l)).join(' ').trim()}`);
