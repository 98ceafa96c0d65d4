/**
 * The team library URL, driven as a seller does in the dashboard's Library, against a
 * supervisor's file served by a demo marketplace server of the test's own (so it can
 * change the file and take the server down):
 * - Save → the replies are in the Library, found in the sidebar's search and inserted
 *   into a chat box; the server saw one plain GET without cookies.
 * - the supervisor changes the file → Update now → the change arrives, counts shown.
 * - a malformed file → the error names the line / field, and the store is unchanged.
 * - the server down → the error says so, and the store is unchanged.
 * - Stop using → the URL is gone, the replies stay.
 * Its own browser: the URL is a browser-wide setting other specs must not see.
 */
import type { Page } from '@playwright/test';
import { startMarketplace } from '../marketplace/server.mjs';
import { expect, firstRunSeeded, launchWithExtension, modelText, storeRows, test } from './fixtures';

const PATH = '/team/kf-library.json';

function libraryFile(replies: Array<{ title: string; shortcut: string; category: string; body: Record<string, string> }>): string {
  return `${JSON.stringify({ format: 'xiaoer.replies', version: 1, categories: [{ name: '团队·大促', symbol: '🎯', order: 50 }], replies }, null, 2)}\n`;
}

const V1 = [
  { title: '团队大促发货说明', shortcut: 'tdfh', category: '团队·大促', body: { 'zh-CN': '亲，大促期间订单72小时内发出，请耐心等待～', en: 'Campaign orders ship within 72 hours.' } },
  { title: '团队改价话术', shortcut: 'tdgj', category: '团队·大促', body: { 'zh-CN': '稍等，马上为您改价', en: 'One moment, changing the price for you.' } },
];

/** The team's replies and categories as the store holds them (raw IndexedDB). */
async function teamRows(dash: Page) {
  const replies = (await storeRows(dash, 'replies')).filter((r) => String(r.shortcut).startsWith('td')).sort((a, b) => String(a.shortcut).localeCompare(String(b.shortcut)));
  const categories = await storeRows(dash, 'categories');
  return { replies, categories };
}

test('team library URL: saved in the Library, fetched and merged; Update now brings changes; a bad file or a server down changes nothing', async () => {
  test.setTimeout(120_000);
  const server = await startMarketplace(0);
  const ext = await launchWithExtension();
  try {
    const url = new URL(PATH, server.url).toString();
    server.serve(PATH, { body: libraryFile(V1) });
    // A cookie for the server's host: the fetch must not send it.
    await ext.context.addCookies([{ name: 'session', value: 'agent-7', url: server.url }]);
    await firstRunSeeded(ext);

    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const panel = dash.getByTestId('team-library');
    await expect(panel).toBeVisible();
    await panel.getByTestId('team-url').fill(url);
    // http: the panel says it travels unencrypted.
    await expect(panel.getByTestId('team-http-warning')).toBeVisible();
    await panel.getByTestId('team-save').click();
    await expect(panel.getByTestId('team-last-update')).toContainText('2 added, 0 updated, 0 unchanged');
    await expect(panel.getByTestId('team-current')).toContainText(url);
    await expect(panel.getByTestId('team-last-error')).toHaveCount(0);

    // What reached the server: one plain GET, no cookie, no credentials.
    const gets = server.requests.filter((r) => r.path === PATH);
    expect(gets).toHaveLength(1);
    expect(gets[0]!.method).toBe('GET');
    expect(gets[0]!.headers.cookie).toBeUndefined();
    expect(gets[0]!.headers.authorization).toBeUndefined();

    // In the Library (its live list) with the file's category.
    await dash.getByTestId('library-filter').fill('团队');
    await expect(dash.getByTestId('library-reply')).toHaveCount(2);
    await expect(dash.getByTestId('library-reply').first()).toContainText('🎯');

    // Found in a chat page's sidebar and inserted.
    const page = await ext.context.newPage();
    await page.goto(new URL('composers/textarea.html', server.url).toString());
    await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    await page.locator('#composer-input').click();
    await page.getByTestId('xiaoer-toggle').click();
    const frame = await (await page.waitForSelector('[data-testid="xiaoer-sidebar-frame"]')).contentFrame();
    await page.bringToFront();
    await frame!.getByTestId('reply-search').fill('tdfh');
    await expect(frame!.getByTestId('reply-item').first()).toContainText('团队大促发货说明');
    await frame!.getByTestId('reply-search').press('Enter');
    // The reply language follows the browser's (en here, zh-CN on a Chinese system).
    await expect.poll(() => modelText(page)).toMatch(/72小时内发出|ship within 72 hours/);

    // The supervisor changes the file: one reply reworded, one added.
    const v2 = [{ ...V1[0]!, body: { ...V1[0]!.body, 'zh-CN': '亲，大促订单48小时内发出～' } }, V1[1]!, { title: '团队催评话术', shortcut: 'tdcp', category: '团队·大促', body: { 'zh-CN': '收到宝贝还满意吗？' } }];
    server.serve(PATH, { body: libraryFile(v2) });
    await dash.bringToFront();
    await panel.getByTestId('team-update').click();
    await expect(panel.getByTestId('team-last-update')).toContainText('1 added, 1 updated, 1 unchanged');
    await expect.poll(async () => (await teamRows(dash)).replies.map((r) => r.body['zh-CN'])).toEqual(['收到宝贝还满意吗？', '亲，大促订单48小时内发出～', '稍等，马上为您改价']);
    const good = await teamRows(dash);

    // A malformed file: refused naming the field, nothing written.
    const bad = libraryFile(v2).replace('"zh-CN": "稍等，马上为您改价"', '"zh-CN": 42');
    server.serve(PATH, { body: bad });
    await panel.getByTestId('team-update').click();
    await expect(panel.getByTestId('team-last-error')).toContainText('replies[1].body.zh-CN');
    await expect(panel.getByTestId('team-last-error')).toContainText('library was not changed');
    // The last success stays shown.
    await expect(panel.getByTestId('team-last-update')).toContainText('1 added, 1 updated, 1 unchanged');
    expect(await teamRows(dash)).toEqual(good);

    // A syntax error: the line is named.
    server.serve(PATH, { body: libraryFile(v2).replace('"title": "团队改价话术",', '"title": "团队改价话术"') });
    await panel.getByTestId('team-update').click();
    await expect(panel.getByTestId('team-last-error')).toContainText(/line \d+, column \d+ \(replies\[1\]\.title\)/);
    expect(await teamRows(dash)).toEqual(good);

    // An HTTP error.
    server.serve(PATH, { status: 404, body: 'not found', type: 'text/plain' });
    await panel.getByTestId('team-update').click();
    await expect(panel.getByTestId('team-last-error')).toContainText('HTTP error 404');
    expect(await teamRows(dash)).toEqual(good);

    // The error is kept: the panel shows it when opened again.
    await dash.reload();
    await expect(dash.getByTestId('team-last-error')).toContainText('HTTP error 404');

    // The server down.
    await server.close();
    await dash.getByTestId('team-update').click();
    await expect(dash.getByTestId('team-last-error')).toContainText('could not be reached');
    expect(await teamRows(dash)).toEqual(good);

    // Stop using: the URL is forgotten, the replies stay.
    dash.once('dialog', (d) => void d.accept());
    await dash.getByTestId('team-stop').click();
    await expect(dash.getByTestId('team-note')).toContainText('replies stay');
    await expect(dash.getByTestId('team-in-use')).toHaveCount(0);
    expect((await storeRows(dash, 'settings')).find((s) => s.id === 'settings')?.teamLibraryUrl).toBeUndefined();
    expect(await ext.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a: { name: string }) => a.name))).not.toContain('team-library:update');
    expect((await teamRows(dash)).replies).toHaveLength(3);
  } finally {
    await ext.close();
    await server.close().catch(() => null);
  }
});

test('team library URL: a refused address is said in the UI and nothing is saved', async () => {
  const ext = await launchWithExtension();
  try {
    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const panel = dash.getByTestId('team-library');
    await panel.getByTestId('team-url').fill('ftp://kf.example.com/replies.json');
    await panel.getByTestId('team-save').click();
    await expect(panel.getByTestId('team-note')).toContainText('Only https:// and http://');
    await panel.getByTestId('team-url').fill('https://boss:pw@kf.example.com/replies.json');
    await panel.getByTestId('team-save').click();
    await expect(panel.getByTestId('team-note')).toContainText('user name and password');
    await expect(panel.getByTestId('team-in-use')).toHaveCount(0);
    expect((await storeRows(dash, 'settings')).find((s) => s.id === 'settings')?.teamLibraryUrl).toBeUndefined();
  } finally {
    await ext.close();
  }
});

test('team library URL: an address pasted before the worker has answered stays in the box', async () => {
  const ext = await launchWithExtension();
  try {
    await firstRunSeeded(ext);
    // The worker is busy (asleep and waking, or importing) for 3 s while the seller opens the Library and pastes.
    await ext.worker.evaluate(() => {
      setTimeout(() => {
        const until = Date.now() + 3000;
        while (Date.now() < until);
      }, 20);
    });
    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const box = dash.getByTestId('team-library').getByTestId('team-url');
    await box.fill('https://kf.example.com/team.json');
    // The worker answers the panel's first question (no address stored yet) only now.
    await ext.worker.evaluate(() => 1);
    await dash.waitForTimeout(500);
    // Was: the stored address ('') replaced the pasted one when the answer came, and Save said "Paste the address".
    await expect(box).toHaveValue('https://kf.example.com/team.json');
  } finally {
    await ext.close();
  }
});

test('team library URL: the 6-hour alarm and the browser start-up update it; a failed automatic update changes nothing and the panel shows it when opened', async () => {
  test.setTimeout(90_000);
  const server = await startMarketplace(0);
  const ext = await launchWithExtension();
  type Hooks = { __xiaoerHooks: { onTeamAlarm: (name: string) => Promise<void>; onBrowserStartup: () => Promise<void> } };
  const alarm = () => ext.worker.evaluate(() => (globalThis as unknown as Hooks).__xiaoerHooks.onTeamAlarm('team-library:update'));
  const startup = () => ext.worker.evaluate(() => (globalThis as unknown as Hooks).__xiaoerHooks.onBrowserStartup());
  try {
    const url = new URL(PATH, server.url).toString();
    server.serve(PATH, { body: libraryFile(V1) });
    await firstRunSeeded(ext);
    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await dash.getByTestId('team-url').fill(url);
    await dash.getByTestId('team-save').click();
    await expect(dash.getByTestId('team-last-update')).toContainText('2 added');
    // Saving the URL set the automatic update: every 6 hours.
    const alarms = await ext.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a: { name: string; periodInMinutes?: number }) => ({ name: a.name, period: a.periodInMinutes })));
    expect(alarms).toContainEqual({ name: 'team-library:update', period: 360 });
    await dash.close();

    // The alarm fires while the supervisor's server is broken: nothing changes.
    const before = await teamRowsOf(ext);
    server.serve(PATH, { status: 500, body: 'oops', type: 'text/plain' });
    await alarm();
    expect(await teamRowsOf(ext)).toEqual(before);
    // The seller opens the panel later: the automatic update's error is there, the last success too.
    const again = await ext.context.newPage();
    await again.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(again.getByTestId('team-last-error')).toContainText('HTTP error 500');
    await expect(again.getByTestId('team-last-error')).toContainText('automatic');
    await expect(again.getByTestId('team-last-update')).toContainText('2 added, 0 updated, 0 unchanged');

    // The browser starts with a new file on the server: it arrives, and the open panel follows.
    server.serve(PATH, { body: libraryFile([...V1, { title: '团队催评话术', shortcut: 'tdcp', category: '团队·大促', body: { 'zh-CN': '收到宝贝还满意吗？' } }]) });
    await startup();
    await expect(again.getByTestId('team-last-update')).toContainText('1 added, 0 updated, 2 unchanged');
    await expect(again.getByTestId('team-last-error')).toHaveCount(0);
    expect((await teamRowsOf(ext)).replies.map((r) => r.shortcut)).toEqual(['tdcp', 'tdfh', 'tdgj']);
  } finally {
    await ext.close();
    await server.close().catch(() => null);
  }
});

async function teamRowsOf(ext: { context: { newPage: () => Promise<Page> }; id: string }) {
  const p = await ext.context.newPage();
  await p.goto(`chrome-extension://${ext.id}/dashboard.html#storage`);
  try {
    return await teamRows(p);
  } finally {
    await p.close();
  }
}

test('team library URL: saving Settings in a tab opened before the URL was set keeps the URL', async () => {
  const server = await startMarketplace(0);
  const ext = await launchWithExtension();
  try {
    const url = new URL(PATH, server.url).toString();
    server.serve(PATH, { body: libraryFile(V1) });
    await firstRunSeeded(ext);
    // The seller has Settings open in one tab…
    const settings = await ext.context.newPage();
    await settings.goto(`chrome-extension://${ext.id}/dashboard.html`);
    await settings.getByTestId('dash-settings').click();
    await expect(settings.getByTestId('settings-shop')).toBeVisible();
    // …sets the team library in another…
    const library = await ext.context.newPage();
    await library.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await library.getByTestId('team-url').fill(url);
    await library.getByTestId('team-save').click();
    await expect(library.getByTestId('team-last-update')).toContainText('2 added');
    // …then saves the shop name in the first: the URL stays.
    await settings.bringToFront();
    await settings.getByTestId('settings-shop').fill('小二旗舰店');
    await settings.getByTestId('settings-save').click();
    await expect(settings.getByTestId('settings-status')).not.toHaveText('');
    const stored = (await storeRows(settings, 'settings')).find((s) => s.id === 'settings');
    expect(stored?.shopName).toBe('小二旗舰店');
    expect(stored?.teamLibraryUrl).toBe(url);
  } finally {
    await ext.close();
    await server.close().catch(() => null);
  }
});

test('team library URL: a double click on Save fetches the file once and says what it brought (was "0 added, 0 updated, 2 unchanged" from a second fetch)', async () => {
  const server = await startMarketplace(0);
  const ext = await launchWithExtension();
  try {
    const url = new URL(PATH, server.url).toString();
    server.serve(PATH, { body: libraryFile(V1) });
    await firstRunSeeded(ext);
    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const panel = dash.getByTestId('team-library');
    await panel.getByTestId('team-url').fill(url);
    await panel.getByTestId('team-save').dblclick();
    await expect(panel.getByTestId('team-current')).toContainText(url);
    await expect(panel.getByTestId('team-last-update')).toContainText('2 added, 0 updated, 0 unchanged');
    // Both clicks' requests have been answered once the panel is not busy any more.
    await expect(panel.getByTestId('team-save')).toBeEnabled();
    await expect(panel.getByTestId('team-last-update')).toContainText('2 added, 0 updated, 0 unchanged');
    expect(server.requests.filter((r) => r.path === PATH)).toHaveLength(1);
  } finally {
    await ext.close();
    await server.close();
  }
});

test('team library URL: a Stop using the background did not carry out is said as a failure — not "Stopped" with the address still in use (the box emptied too)', async () => {
  const server = await startMarketplace(0);
  const ext = await launchWithExtension();
  try {
    const url = new URL(PATH, server.url).toString();
    server.serve(PATH, { body: libraryFile(V1) });
    await firstRunSeeded(ext);
    const dash = await ext.context.newPage();
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const panel = dash.getByTestId('team-library');
    await panel.getByTestId('team-url').fill(url);
    await panel.getByTestId('team-save').click();
    await expect(panel.getByTestId('team-last-update')).toContainText('2 added, 0 updated, 0 unchanged');
    // The background does not answer this page's Stop (a worker restarting under it).
    await dash.evaluate(() => {
      const real = chrome.runtime.sendMessage.bind(chrome.runtime);
      (chrome.runtime as unknown as { sendMessage: (m: { type?: string }) => Promise<unknown> }).sendMessage = (m) =>
        m?.type === 'team-library:stop' ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')) : real(m);
    });
    dash.once('dialog', (d) => void d.accept());
    await panel.getByTestId('team-stop').click();
    const note = panel.getByTestId('team-note');
    await expect(note).toHaveClass(/error/);
    await expect(note).not.toContainText('Stopped');
    await expect(panel.getByTestId('team-current')).toContainText(url);
    await expect(panel.getByTestId('team-url')).toHaveValue(url);
    expect((await storeRows(dash, 'settings')).find((s) => s.id === 'settings')?.teamLibraryUrl).toBe(url);
  } finally {
    await ext.close();
    await server.close();
  }
});
