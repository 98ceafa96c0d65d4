/** Where network.spec.ts leaves its figure for test/bench/network.bench.ts: the run's own folder (XIAOER_OUT_DIR) or .reports, like the e2e JSON report. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const NETWORK_SUMMARY = resolve(process.env.XIAOER_OUT_DIR ?? resolve(here, '../../.reports'), 'network-summary.jsonl');
