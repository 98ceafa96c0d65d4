/**
 * Bad-import figures (issue 8): the fuzz generator of test/unit/fuzz at a larger
 * count, through the same harness (product import paths, store dumps before/after).
 * Prints cases tried per kind, imported, refused, partial writes (target 0), prototype
 * pollution (0), refusals without a place (0), migrations tested, time.
 *
 *   BENCH_SKIP_BUILD=1 node test/bench/run.mjs fuzz      (FUZZ_SEED=<n>, FUZZ_CASES=<n> optional)
 */
import 'fake-indexeddb/auto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The background's 'profile:import' handler notifies tabs through the extension API;
// outside a browser give it one that has no tabs (it writes, then tells nobody).
const noTabs = { runtime: { id: 'fuzz-bench', sendMessage: async () => undefined }, tabs: { query: async () => [], sendMessage: async () => undefined } };
(globalThis as Record<string, unknown>).chrome = noTabs;
(globalThis as Record<string, unknown>).browser = noTabs;

const { MIGRATIONS } = await import('../../lib/db/migrations');
const { profilesHandlers } = await import('../../entrypoints/background/profiles');
const { fuzzSeed, generateCases } = await import('../unit/fuzz/generate');
const { runAll } = await import('../unit/fuzz/harness');

const seed = fuzzSeed();
const count = Number(process.env.FUZZ_CASES ?? 5_000);
const goldenDir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'unit', 'db', 'golden');
const goldens = readdirSync(goldenDir).filter((f) => /^v\d+\.json$/.test(f));

const t0 = performance.now();
const s = await runAll(seed, generateCases(seed, { count, big: 8 }), async (text) => {
  await profilesHandlers['profile:import']({ text });
});
const seconds = (performance.now() - t0) / 1000;

const refused = s.results.filter((r) => r.outcome === 'refused');
const wholeFile = refused.filter((r) => r.where === '(file)').length;
console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);
console.log('kind           tried  imported  refused  crashed  slowest');
for (const [kind, k] of Object.entries(s.perKind)) {
  console.log(`${kind.padEnd(14)} ${String(k.tried).padStart(5)}  ${String(k.imported).padStart(8)}  ${String(k.refused).padStart(7)}  ${String(k.crashed).padStart(7)}  ${k.maxMs.toFixed(0).padStart(5)} ms`);
}
const mutations = new Set(s.results.map((r) => `${r.kind}:${r.mutation.split(/[:@]/)[0]}`));
console.log(`fuzz cases tried: ${s.results.length} (${mutations.size} kinds×mutation families)`);
console.log(`imported: ${s.results.filter((r) => r.outcome === 'imported').length}, refused: ${refused.length} (of which whole-file "(file)": ${wholeFile})`);
console.log(`partial writes: ${s.partialWrites} (target 0)`);
console.log(`prototype pollution: ${s.pollution} (target 0)`);
console.log(`refusals without a place: ${s.noPlace} (target 0); unreadable messages: ${s.unreadable} (target 0)`);
console.log(`crashes: ${s.results.filter((r) => r.outcome === 'crashed').length} (target 0); wrong imports: ${s.otherProblems} (target 0)`);
console.log(`migrations tested: ${MIGRATIONS.length} schema version(s), golden data files: ${goldens.length} (${goldens.join(', ')}) — test/unit/db/migrations.test.ts`);
console.log(`time: ${seconds.toFixed(1)} s (${((seconds * 1000) / s.results.length).toFixed(1)} ms per case)`);
const bad = s.results.filter((r) => r.problems.length).slice(0, 10);
for (const r of bad) console.log(`  PROBLEM #${r.id} ${r.kind} ${r.mutation}: ${r.problems[0]}`);
if (bad.length) process.exitCode = 1;
