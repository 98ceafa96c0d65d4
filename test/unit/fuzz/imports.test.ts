/**
 * Bad imports (issue 8): ≥ 1,000 mutated reply files (JSON, CSV), backups and
 * site-profile files, each imported through the product's own path. Property per
 * case (harness.ts): complete import, or a refusal naming the place with every
 * Dexie table byte-identical; never a crash, a partial write or prototype pollution.
 *
 * The seed is printed; FUZZ_SEED=<n> replays a run, FUZZ_CASES=<n> changes the count.
 */
import Dexie from 'dexie';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DB_NAME, resetDbForTests } from '../../../lib/db';
import { MIGRATIONS } from '../../../lib/db/migrations';
import { profilesHandlers } from '../../../entrypoints/background/profiles';
import { fuzzSeed, generateCases } from './generate';
import { runAll, type RunSummary } from './harness';

const seed = fuzzSeed();
const count = Number(process.env.FUZZ_CASES ?? 1_000);

let summary: RunSummary;

beforeAll(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  // fakeBrowser throws "not implemented" for tabs.sendMessage; Chrome resolves or rejects (the handler catches).
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
  // The real background handler: the same transaction the dashboard's Sites view reaches.
  const writeProfiles = async (text: string) => {
    await profilesHandlers['profile:import']({ text });
  };
  summary = await runAll(seed, generateCases(seed, { count, big: 3 }), writeProfiles);
  console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed}); ${count} cases; schema migrations with golden data: ${MIGRATIONS.length}`);
  const slow = [...summary.results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`  slowest: ${slow.map((r) => `#${r.id} ${r.kind} ${r.mutation} ${r.ms.toFixed(0)} ms`).join('; ')}`);
  for (const [kind, k] of Object.entries(summary.perKind)) console.log(`  ${kind.padEnd(13)} tried ${k.tried}, imported ${k.imported}, refused ${k.refused}, crashed ${k.crashed}, slowest ${k.maxMs.toFixed(0)} ms`);
}, 240_000);

function failures(filter: (p: string) => boolean): string[] {
  return summary.results.flatMap((r) => r.problems.filter(filter).map((p) => `seed ${seed} case ${r.id} ${r.kind} ${r.mutation}: ${p}${r.message ? ` [${r.message.slice(0, 160)}]` : ''}`)).slice(0, 20);
}

describe(`bad imports (fuzz, seed ${seed})`, () => {
  it('tries at least 1,000 files over all four kinds, with both outcomes in each', () => {
    expect(summary.results.length).toBeGreaterThanOrEqual(Math.min(count, 1_000));
    for (const k of Object.values(summary.perKind)) {
      expect(k.tried).toBeGreaterThan(count / 10);
      expect(k.imported).toBeGreaterThan(0);
      expect(k.refused).toBeGreaterThan(0);
    }
  });

  it('never crashes: every file is imported or refused', () => {
    expect(failures((p) => p.startsWith('crash'))).toEqual([]);
  });

  it('never writes part of a refused file: every table byte-identical after a refusal', () => {
    expect(failures((p) => p.startsWith('PARTIAL WRITE'))).toEqual([]);
  });

  it('every refusal names the place, in words a seller can read', () => {
    expect(failures((p) => p.startsWith('refusal without a place') || p.startsWith('message not readable'))).toEqual([]);
  });

  it('an accepted file lands completely: the store is before + exactly its records, per mode', () => {
    expect(failures((p) => !/^(crash|PARTIAL WRITE|refusal without|message not readable|POLLUTION)/.test(p))).toEqual([]);
  });

  it('nothing reaches Object.prototype (__proto__ / constructor keys)', () => {
    expect(failures((p) => p.startsWith('POLLUTION'))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
