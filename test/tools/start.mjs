// `npm start`: build the e2e extension and the demo marketplace, serve the
// marketplace, and open Chromium with Xiaoer loaded on its index page.
//   npm start                      → a visible Chromium window (needs a display)
//   npm start -- --headless        → headless (or XIAOER_HEADLESS=1), for machines without a display
//   npm start -- --headless --check → open, verify the overlay is on the page, print, exit
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startMarketplace } from '../marketplace/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const headless = args.includes('--headless') || process.env.XIAOER_HEADLESS === '1' || (!process.env.DISPLAY && process.platform === 'linux');
const check = args.includes('--check');

for (const [cmd, cmdArgs] of [
  ['npx', ['wxt', 'build', '--mode', 'e2e']],
  ['node', ['test/marketplace/build.mjs']],
]) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const ext = resolve(root, process.env.XIAOER_OUT_DIR ?? '.output', 'chrome-mv3-e2e');
const { url, close } = await startMarketplace();
const profile = mkdtempSync(join(tmpdir(), 'xiaoer-start-'));
const context = await chromium.launchPersistentContext(profile, {
  headless,
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  viewport: headless ? { width: 1280, height: 800 } : null,
  args: [
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
console.log(`\nXiaoer is loaded (extension ${new URL(worker.url()).host}) in Chromium on the demo marketplace: ${url}`);

const cleanup = async () => {
  await context.close().catch(() => {});
  await close();
  rmSync(profile, { recursive: true, force: true });
};

if (check) {
  // Open a chat page and check the overlay's toggle tab is there.
  await page.click('a[href^="chat/"]');
  await page.getByTestId('xiaoer-toggle').waitFor({ timeout: 15_000 });
  console.log(`Overlay present on ${page.url()}`);
  await cleanup();
  process.exit(0);
}
console.log(headless ? 'Headless: press Ctrl+C to stop.' : 'Close the browser window or press Ctrl+C to stop.');
context.on('close', () => void close().then(() => process.exit(0)));
process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
