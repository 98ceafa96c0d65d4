import { defineConfig } from '@playwright/test';

// E2E in Debian's Chromium with the e2e build loaded (see fixtures.ts). One worker per
// core; each worker keeps one browser with the extension for its tests.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // XIAOER_OUT_DIR (parallel local runs): each run keeps its own report and artifacts.
  reporter: [['list'], ['json', { outputFile: process.env.XIAOER_OUT_DIR ? `${process.env.XIAOER_OUT_DIR}/e2e.json` : '../../.reports/e2e.json' }]],
  ...(process.env.XIAOER_OUT_DIR ? { outputDir: `${process.env.XIAOER_OUT_DIR}/test-results` } : {}),
  use: { actionTimeout: 10_000 },
});
