// `npm test`: typecheck, unit (Vitest), build the e2e extension and the demo
// marketplace, e2e (Playwright in Chromium). Prints one closing line
// `N passed, N failed` from both runners' JSON reports; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const problems = [];

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`◀ ${label}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

// 1. Typecheck counts as one test.
if (run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) passed++;
else {
  failed++;
  problems.push('typecheck');
}

// 2. Unit tests.
run('unit', 'npx', ['vitest', 'run', '-c', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`]);
const unitFile = join(reports, 'unit.json');
if (existsSync(unitFile)) {
  const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  // A suite that failed to load has no tests counted: count it as a failure.
  const brokenSuites = (unit.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  failed += brokenSuites;
  if (unit.numFailedTests || brokenSuites) problems.push('unit');
} else {
  failed++;
  problems.push('unit (no report)');
}

// 3. Builds the e2e suite stands on.
// The production build too: the permissions test compares both manifests with the README.
const built =
  run('build production extension', 'npx', ['wxt', 'build']) &&
  run('build e2e extension', 'npx', ['wxt', 'build', '--mode', 'e2e']) &&
  run('build demo marketplace', 'node', ['test/marketplace/build.mjs']);
if (!built) {
  failed++;
  problems.push('build');
} else {
  // 4. End-to-end in Chromium.
  run('e2e', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']);
  const e2eFile = join(reports, 'e2e.json');
  if (existsSync(e2eFile)) {
    const e2e = JSON.parse(readFileSync(e2eFile, 'utf8'));
    const s = e2e.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    // A test that did not run (worker crashed, interrupted) proves nothing: it counts as failed.
    failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
    if (s.unexpected || s.skipped) problems.push('e2e');
    if ((e2e.errors ?? []).length) {
      failed += e2e.errors.length;
      problems.push('e2e (errors outside tests)');
    }
  } else {
    failed++;
    problems.push('e2e (no report)');
  }
}

if (problems.length) console.log(`\nFailing: ${problems.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
