// `npm run bench`: runs every test/bench/*.bench.ts (tsx) in turn; each prints its
// own figures. Browser benchmarks need the e2e build and the demo marketplace
// bundles, so those are built first. A filter argument runs matching files only.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const filter = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

if (!process.env.BENCH_SKIP_BUILD) {
  if (run('npx', ['wxt', 'build', '--mode', 'e2e']) !== 0) process.exit(1);
  if (run('node', ['test/marketplace/build.mjs']) !== 0) process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  if (run('npx', ['tsx', join('test', 'bench', f)]) !== 0) {
    failed++;
    console.log(`(${f} exited with an error)`);
  }
}
process.exit(failed ? 1 : 0);
