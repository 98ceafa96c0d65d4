/**
 * Nothing leaves the machine: the agent's everyday path runs through the
 * extension's pages, its iframe, the service worker and the overlay, and every
 * request any of those renderers makes is recorded (Playwright's request events,
 * service workers included). Anything not loopback (the demo marketplace) or
 * the extension's own files fails the test. Non-loopback traffic is routed to a
 * refusing local proxy so nothing really goes out; the browser process's own
 * traffic (updater, network time, sign-in) reaches that proxy too but is not
 * ours, which is why the assertion is on the renderers' requests. A canary fetch
 * from the worker and an extension page at the end proves the recorder sees them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, test as base } from '@playwright/test';
import { CHROMIUM_PATH, ask, chromiumArgs, expect, marketplaceUrl, modelText } from './fixtures';
import { NETWORK_SUMMARY } from './network-summary';

const test = base;
// Service-worker request events are opt-in in Playwright.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const OURS = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|chrome-extension:|data:|blob:)/;

/** `serves`: absolute URLs the proxy answers itself (a team library "on the internet"); everything else 502. */
function recordingProxy(serves: Map<string, () => string> = new Map()): Promise<{ port: number; seen: string[]; headers: Array<Record<string, unknown>>; server: Server }> {
  const seen: string[] = [];
  const headers: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    headers.push({ ...req.headers });
    const body = serves.get(req.url ?? '');
    if (body) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body());
      return;
    }
    res.writeHead(502);
    res.end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    headers.push({ ...req.headers });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ port: (server.address() as AddressInfo).port, seen, headers, server })));
}

test('the extension makes no network request of its own', async () => {
  // A walk through every feature in one browser (each chat page, reviews, popup, dashboard views, a
  // chat capture, a stitched page, a ZIP export): ~55 s alone on this 2-core machine, so two minutes.
  test.setTimeout(120_000);
  mkdirSync(dirname(NETWORK_SUMMARY), { recursive: true });
  const proxy = await recordingProxy();
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-net-'));
  const context = await chromium.launchPersistentContext(dir, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    // Chromium's own autofill/optimization services are browser traffic, not ours: off.
    args: [...chromiumArgs(), `--proxy-server=http://127.0.0.1:${proxy.port}`, '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter', '--disable-client-side-phishing-detection', '--no-pings'],
  });
  const external: string[] = [];
  context.on('request', (r) => {
    if (!OURS.test(r.url())) external.push(r.url());
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    await expect.poll(() => worker.evaluate(async () => (await chrome.storage.local.get('seededAt')).seededAt ?? null)).not.toBeNull();

    // A chat page: overlay, sidebar, search, insert.
    const page = await context.newPage();
    await page.goto(marketplaceUrl('composers/textarea.html'));
    await page.getByTestId('xiaoer-toggle').click();
    const frame = await (await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]')).contentFrame();
    await frame!.getByTestId('reply-search').fill('发货');
    await frame!.getByTestId('reply-item').first().waitFor();
    await page.click('#composer textarea');
    await page.getByTestId('xiaoer-toggle').click();
    await page.getByTestId('xiaoer-toggle').click();
    await frame!.getByTestId('reply-search').press('Enter');
    // The reply may ask for values the page lacks (order number...): fill them in.
    if (await frame!.getByTestId('reply-fill').isVisible()) {
      for (const input of await frame!.getByTestId('reply-fill-input').all()) await input.fill('12345');
      await frame!.getByTestId('reply-fill-insert').click();
    }
    await expect.poll(() => modelText(page)).not.toBe('');
    // Every chat page's adapter, the popup and the dashboard.
    for (const p of ['chat/pinduoduo.html', 'chat/shopee.html', 'chat/amazon.html', 'chat/aliexpress.html', 'chat/qianniu.html']) {
      await page.goto(marketplaceUrl(p));
      await page.getByTestId('xiaoer-toggle').click();
      await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]');
      await page.waitForTimeout(300);
    }
    // Reviews: read, classified, drafted in the sidebar.
    await page.goto(marketplaceUrl('reviews/index.html'));
    await page.getByTestId('xiaoer-toggle').click();
    const reviews = await (await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]')).contentFrame();
    await reviews!.getByTestId('tab-reviews').click();
    await reviews!.getByTestId('review-draft').first().click();
    await expect(reviews!.getByTestId('review-reply-text').first()).not.toHaveValue('');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.waitForTimeout(300);
    const dash = await context.newPage();
    await dash.goto(`chrome-extension://${id}/dashboard.html`);
    // Evidence: a chat capture (screenshot, sanitised snapshot in the offscreen document, MHTML) and a
    // full-page stitch into a case, then the case exported as a ZIP from the dashboard.
    await page.goto(marketplaceUrl('chat/qianniu.html'));
    await page.getByTestId('xiaoer-toggle').waitFor();
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id ?? null, page.url());
    const c = await ask(dash, 'case:create', { type: 'complaint', title: 'network check', site: 'qianniu', buyerId: null, buyerName: 'x', orderId: '1', replyDueAt: null, followUpAt: null, note: '' });
    await page.bringToFront();
    await ask(dash, 'evidence:capture-chat', { tabId, note: '', caseId: c.id });
    await ask(dash, 'capture:screenshot', { tabId, kind: 'page', jobId: 'net-1', note: '', caseId: c.id });
    await dash.goto(`chrome-extension://${id}/dashboard.html#cases/${c.id}`);
    const download = dash.waitForEvent('download');
    await dash.getByTestId('case-export').click();
    await (await download).path();
    await dash.goto(`chrome-extension://${id}/dashboard.html`);
    for (const tab of await dash.locator('nav [role="tab"]').all()) {
      await tab.click();
      await dash.waitForTimeout(200);
    }
    // The figure for `npm run bench` (network.bench.ts): requests of ours seen, target 0.
    appendFileSync(NETWORK_SUMMARY, `${JSON.stringify({ requestsSeen: external.length, requests: external.slice(0, 20), at: new Date().toISOString() })}\n`);
    expect(external).toEqual([]);

    // The recorder works: a request from the worker and from an extension page is seen.
    await worker.evaluate(() => fetch('http://canary.invalid/worker').catch(() => null));
    await dash.evaluate(() => fetch('http://canary.invalid/page').catch(() => null));
    await expect.poll(() => external.slice().sort()).toEqual(['http://canary.invalid/page', 'http://canary.invalid/worker']);
  } finally {
    await context.close();
    proxy.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The one exception (README, Privacy): with a team library URL set, Xiaoer's only request of its own
 * is a plain GET of that URL — no cookie (one is set for its host), nothing else — and the same walk
 * as above (chat page, sidebar search and insert, popup, every dashboard view) adds nothing else.
 * The URL is not loopback, so the recorder counts it; the refusing proxy answers it with a library.
 */
test('with a team library URL set, the only request Xiaoer makes is a plain GET of that URL', async () => {
  test.setTimeout(120_000);
  const teamUrl = 'http://team-library.test/kf/replies.json';
  const file = () =>
    JSON.stringify({ format: 'xiaoer.replies', version: 1, replies: [{ title: '团队发货说明', shortcut: 'nettd', category: '团队', body: { 'zh-CN': '亲，72小时内发货', en: 'Ships within 72 hours.' } }] });
  const proxy = await recordingProxy(new Map([[teamUrl, file]]));
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-net-team-'));
  const context = await chromium.launchPersistentContext(dir, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...chromiumArgs(), `--proxy-server=http://127.0.0.1:${proxy.port}`, '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter', '--disable-client-side-phishing-detection', '--no-pings'],
  });
  const external: string[] = [];
  const methods: string[] = [];
  context.on('request', (r) => {
    if (OURS.test(r.url())) return;
    external.push(r.url());
    methods.push(r.method());
  });
  try {
    await context.addCookies([{ name: 'session', value: 'agent-7', url: 'http://team-library.test/' }]);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    await expect.poll(() => worker.evaluate(async () => (await chrome.storage.local.get('seededAt')).seededAt ?? null)).not.toBeNull();

    const dash = await context.newPage();
    await dash.goto(`chrome-extension://${id}/dashboard.html#library`);
    await dash.getByTestId('team-url').fill(teamUrl);
    await dash.getByTestId('team-save').click();
    await expect(dash.getByTestId('team-last-update')).toContainText('1 added');
    await dash.getByTestId('team-update').click();
    await expect(dash.getByTestId('team-last-update')).toContainText('0 added, 0 updated, 1 unchanged');

    // The everyday path with the URL set: chat page, sidebar search and insert, popup, every dashboard view.
    const page = await context.newPage();
    await page.goto(marketplaceUrl('composers/textarea.html'));
    await page.click('#composer textarea');
    await page.getByTestId('xiaoer-toggle').click();
    const frame = await (await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]')).contentFrame();
    await page.bringToFront();
    await frame!.getByTestId('reply-search').fill('nettd');
    await expect(frame!.getByTestId('reply-item').first()).toContainText('团队发货说明');
    await frame!.getByTestId('reply-search').press('Enter');
    await expect.poll(() => modelText(page)).toMatch(/72/);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.waitForTimeout(300);
    await dash.bringToFront();
    for (const tab of await dash.locator('nav [role="tab"]').all()) {
      await tab.click();
      await dash.waitForTimeout(200);
    }

    expect(external).toEqual([teamUrl, teamUrl]);
    expect(methods).toEqual(['GET', 'GET']);
    const sent = proxy.seen.map((line, i) => ({ line, headers: proxy.headers[i]! })).filter((r) => r.line === `GET ${teamUrl}`);
    expect(sent).toHaveLength(2);
    for (const { headers } of sent) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(headers.referer).toBeUndefined();
    }
  } finally {
    await context.close();
    proxy.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
