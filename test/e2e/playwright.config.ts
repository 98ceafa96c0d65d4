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
  reporter: [['list'], ['json', { outputFile: '../../.reports/e2e.json' }]],
  use: { actionTimeout: 10_000 },
});
