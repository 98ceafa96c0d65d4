/**
 * Saves the rendered DOM of every demo page the adapters are tested on:
 * `npx tsx test/unit/sites/snapshot-pages.ts` (after `node test/marketplace/build.mjs`).
 *
 * Loads each page in Chromium, waits for `window.__ready`, and writes
 * `document.documentElement.outerHTML` to fixtures/<name>.html. The snapshots
 * are committed: adapter tests load them in jsdom, so nobody needs a browser
 * or the live sites to rerun them. Shadow roots are not in outerHTML; tests
 * re-create them by defining the page's custom elements on the jsdom window.
 */
import { chromium } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMarketplace } from '../../marketplace/server.mjs';
import { DEMO_PAGES } from './pages';

const here = dirname(fileURLToPath(import.meta.url));
const server = (await startMarketplace(0)) as { url: string; close(): Promise<void> };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  for (const page of DEMO_PAGES) {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    // Resource errors are reported by URL below (the browser's own favicon probe is not the page's).
    tab.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    tab.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
    await tab.goto(server.url + page.path);
    await tab.waitForFunction(() => (window as { __ready?: boolean }).__ready === true, null, { timeout: 15_000 });
    const html = await tab.evaluate(() => '<!doctype html>\n' + document.documentElement.outerHTML);
    await writeFile(join(here, 'fixtures', `${page.name}.html`), html);
    console.log(`${page.name}: ${(html.length / 1024).toFixed(0)} KiB${errors.length ? `, ERRORS: ${errors.join(' | ')}` : ''}`);
    if (errors.length) failed = true;
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
