import { chromium, type Frame, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMarketplace } from '../marketplace/server.mjs';
import { CHROMIUM_PATH, chromiumArgs, EXTENSION_PATH, expect, marketplaceUrl, openDashboard, openMarketplacePage, openPopup, openSidebar, setUiLang, sidebarKeys, storeRows, tabIdOf, test, toggleTitle } from './fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const CHAT_PAGES = readdirSync(resolve(here, '../marketplace/chat'))
  .filter((f) => f.endsWith('.html'))
  .map((f) => `chat/${f}`);

test('the extension loads with its service worker and manifest', async ({ ext }) => {
  const manifest = await ext.worker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.options_ui.page).toBe('dashboard.html');
  expect(manifest.commands['toggle-sidebar']).toBeTruthy();
  const built = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(built.content_scripts[0].matches).toContain('http://127.0.0.1/*');
});

test("every keyboard command is described in the browser's language (chrome://extensions/shortcuts showed the screenshot command in English to a Chinese seller)", () => {
  const built = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8')) as { commands: Record<string, { description: string }> };
  for (const locale of ['en', 'zh_CN', 'zh_TW']) {
    const messages = JSON.parse(readFileSync(join(EXTENSION_PATH, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    for (const [name, command] of Object.entries(built.commands)) {
      const key = /^__MSG_(\w+)__$/.exec(command.description)?.[1];
      expect(key, `${name}: ${command.description}`).toBeTruthy();
      expect(messages[key!]?.message, `${locale} ${key}`).toBeTruthy();
    }
  }
});

test('there is at least one chat page per documented marketplace structure', () => {
  expect(CHAT_PAGES.length).toBeGreaterThanOrEqual(5);
});

for (const path of CHAT_PAGES) {
  test(`toggle tab and sidebar on ${path}`, async ({ page }) => {
    await openMarketplacePage(page, path);
    const sidebar = await openSidebar(page);
    // The sidebar reads the page through the overlay: the site is detected.
    await expect(sidebar.locator('[data-testid="sidebar-site"]')).not.toHaveText('…');
    await expect(sidebar.locator('[data-testid="category"]').first()).toBeVisible();
    const toggle = page.getByTestId('xiaoer-toggle');
    // The tab slides with the sidebar's edge (0.15 s): a click sent while it still moves can land
    // beside it, as a person's would; click again once it stands (seen once in a loaded 2-worker run).
    const settled = () => expect.poll(() => toggle.evaluate((el) => el.getAnimations().length)).toBe(0);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await settled();
    await toggle.click();
    await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await settled();
    await toggle.click();
    await expect(page.locator('[data-xiaoer="sidebar"]')).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    // Esc in the sidebar closes it, as the close button does.
    await sidebar.locator('.sidebar').press('Escape');
    await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
  });
}

test('the keyboard command handler toggles the sidebar of the active tab', async ({ ext, page }) => {
  await openMarketplacePage(page, CHAT_PAGES[0]!);
  await page.bringToFront();
  // Browser commands are dispatched by the browser UI, not the page: call the handler's
  // path (tabs.sendMessage to the active tab) the way the command listener does.
  const tabId = await tabIdOf(ext, page);
  await ext.worker.evaluate(async (id) => {
    await chrome.tabs.sendMessage(id, { xiaoer: 1, type: 'overlay:sidebar', payload: { focusSearch: true } }, { frameId: 0 });
  }, tabId);
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeVisible();
});

test('the popup shows the tab status and data from the store', async ({ ext, page }) => {
  await openMarketplacePage(page, CHAT_PAGES[0]!);
  const tabId = await tabIdOf(ext, page);
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByTestId('popup-reply-count')).toHaveText(/\d{2,}/);
  await expect(popup.getByTestId('popup-status')).not.toContainText('…');
  await popup.getByTestId('popup-open-sidebar').click();
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeVisible();
  await popup.close();
});

test('the dashboard renders the library from the store', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await expect(dash.getByTestId('category-row').first()).toBeVisible();
  await expect(dash.getByTestId('library-reply').first()).toBeVisible();
  await expect(dash.getByTestId('library-count')).toHaveText(/\d{2,}/);
  await dash.close();
});

test('the content script does not run on a page outside its matches', async ({ page }) => {
  // 127.0.0.2 is loopback too, but not in the e2e build's host list.
  const other = await startMarketplace(0, '127.0.0.2');
  try {
    await page.goto(new URL('composers/textarea.html', other.url).toString());
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    await expect(page.getByTestId('xiaoer-toggle')).toHaveCount(0);
    // ... while the same page on 127.0.0.1 gets it.
    await page.goto(marketplaceUrl('composers/textarea.html'));
    await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
  } finally {
    await other.close();
  }
});

test('the sidebar frame and the toggle tab are named in the UI language (zh-CN, then zh-TW live), not "Xiaoer" whatever the language', async ({ ext, page }) => {
  const previous = await setUiLang(ext, 'zh-CN');
  try {
    await openMarketplacePage(page, 'chat/pinduoduo.html');
    // The toggle tab's tooltip too, before the sidebar was ever opened (was "Xiaoer (Alt+Shift+X)"), naming the
    // keys the browser has for the sidebar: it said Alt+Shift+X where the browser had left the command without keys.
    const keys = await sidebarKeys(ext);
    await expect(page.getByTestId('xiaoer-toggle')).toHaveAttribute('title', toggleTitle('打开或关闭小二侧边栏', keys));
    if (!keys) expect(await page.getByTestId('xiaoer-toggle').getAttribute('title')).not.toContain('Alt+Shift+X');
    const sidebar = await openSidebar(page);
    await expect(sidebar.getByTestId('tab-replies')).toHaveText('快捷回复');
    // The frame's title is its accessible name: what a screen reader announces entering it.
    const frame = page.getByTestId('xiaoer-sidebar-frame');
    await expect(frame).toHaveAttribute('title', '小二侧边栏');
    await setUiLang(ext, 'zh-TW');
    await expect(frame).toHaveAttribute('title', '小二側邊欄');
    await setUiLang(ext, 'en');
    await expect(frame).toHaveAttribute('title', 'Xiaoer sidebar');
  } finally {
    await setUiLang(ext, previous);
  }
});

test('the sidebar can sit beside the page: the page narrows, nothing at its right edge stays covered, remembered per site, full width again in screenshots', async ({ ext, page }) => {
  // A centred 960 px review page in a 1280 px window: each review's Submit button ends at x ≈ 1120, under the
  // 400 px sidebar. (Not a wider emulated viewport: the tab capture takes the window as it is, 1280 px.)
  await openMarketplacePage(page, 'reviews/index.html');
  // Painted red so the screenshot can find it.
  await page.addStyleTag({ content: '.fb-reply-submit { background: #ff0000 !important; color: #ff0000 !important; border: 0 !important; }' });
  const submit = page.locator('.fb-reply-submit').first();
  const hit = () =>
    submit.evaluate((b) => {
      const r = b.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b;
    });
  const fullWidthBox = (await submit.boundingBox())!;
  const sidebar = await openSidebar(page);
  const beside = sidebar.getByTestId('sidebar-beside');
  await expect(beside).toHaveAttribute('aria-pressed', 'false');
  // Over the page (the default): the button is under the sidebar.
  expect(await hit()).toBe(false);
  await beside.click();
  await expect(beside).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(hit).toBe(true);
  // Clicking the page's own button works with the sidebar open.
  await page.locator('.fb-reply-input').first().fill('谢谢亲的支持');
  await submit.click();
  await expect(page.locator('.fb-reply-text').first()).toHaveText('谢谢亲的支持');

  // A screenshot taken beside the page is of the page at its full width (the margin is taken off for the shot).
  const dash = await openDashboard(ext);
  const before = (await storeRows(dash, 'evidence')).length;
  await page.bringToFront();
  // The keyboard command's path (Alt+Shift+S): the sidebar stays open, hidden for the shot only.
  await ext.worker.evaluate(() => (globalThis as any).__xiaoerHooks.onCaptureCommand('capture-visible'));
  await expect.poll(async () => (await storeRows(dash, 'evidence')).length, { timeout: 20_000 }).toBe(before + 1);
  const newest = (await storeRows(dash, 'evidence')).sort((a, b) => b.seq - a.seq)[0];
  const center = [Math.round(fullWidthBox.x + fullWidthBox.width / 2), Math.round(fullWidthBox.y + fullWidthBox.height / 2)] as const;
  const shot = await dash.evaluate(
    async ([id, x, y]) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open('xiaoer');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const arts = await new Promise<any[]>((ok) => {
        const r = db.transaction('artifacts').objectStore('artifacts').index('evidenceId').getAll(id);
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      const art = arts.find((a) => a.data?.type === 'image/png');
      const bmp = await createImageBitmap(art.data);
      const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      return { width: bmp.width, rgb: [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)] };
    },
    [newest.id, center[0], center[1]] as const,
  );
  expect(shot.width).toBe(1280);
  expect(shot.rgb, 'the Submit button where the full-width page has it').toEqual([255, 0, 0]);
  // And the page has its room again after the shot.
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).not.toBe('0px');
  await expect.poll(hit).toBe(true);

  // Closed: the page takes its width back. Reopened after a reload: still beside (remembered for this site).
  await page.keyboard.press('Escape').catch(() => undefined);
  await sidebar.locator('.sidebar-head .close').click();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
  await page.reload();
  await expect(page.getByTestId('xiaoer-toggle')).toBeVisible();
  const again = await openSidebar(page);
  await expect(again.getByTestId('sidebar-beside')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(hit).toBe(true);
  // Off again: covered as before, and the choice is stored off.
  await again.getByTestId('sidebar-beside').click();
  await expect(again.getByTestId('sidebar-beside')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(hit).toBe(false);
  await dash.close();
});

/** The page's width beside the sidebar: <html>'s right margin (the room), in CSS px. */
const roomOf = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).marginRight);

/** Beside on (or off) in the sidebar's header, whatever the worker's store remembered for the demo host. */
async function chooseBeside(sidebar: Frame, on: boolean) {
  const button = sidebar.getByTestId('sidebar-beside');
  await expect(button).toHaveAttribute('aria-pressed', /true|false/);
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}

test('beside the page at 1280 px: the page’s rightmost button is not under the toggle tab', async ({ page }) => {
  await openMarketplacePage(page, 'composers/textarea.html');
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  await chooseBeside(sidebar, true);
  await expect.poll(() => roomOf(page)).not.toBe('0px');
  // A full-width toolbar whose last button sits at the page's right edge, level with the toggle tab.
  const tab = (await page.getByTestId('xiaoer-toggle').boundingBox())!;
  await page.evaluate((y) => {
    document.body.style.margin = '0';
    const row = document.createElement('div');
    row.style.cssText = 'display: flex; justify-content: flex-end; position: relative;';
    const b = document.createElement('button');
    b.id = 'edge-button';
    b.textContent = '›';
    b.style.cssText = 'width: 20px; height: 20px; padding: 0; margin: 0; border: 0; background: #0a0;';
    b.addEventListener('click', () => (b.dataset.clicks = String(Number(b.dataset.clicks ?? '0') + 1)));
    row.append(b);
    document.body.prepend(row);
    row.style.top = `${y - row.getBoundingClientRect().top - 10}px`;
  }, tab.y + tab.height / 2);
  const edge = page.locator('#edge-button');
  const hit = () => edge.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return document.elementFromPoint(r.right - 2, r.top + r.height / 2) === b;
  });
  // Was: the open tab stuck 26 px out of the sidebar over the narrowed page, right on this button.
  expect(await hit()).toBe(true);
  await edge.click();
  await expect(edge).toHaveAttribute('data-clicks', '1');
  // The tab and the sidebar both sit right of the page.
  const htmlRight = await page.evaluate(() => document.documentElement.getBoundingClientRect().right);
  const tabNow = (await page.getByTestId('xiaoer-toggle').boundingBox())!;
  expect(tabNow.x).toBeGreaterThanOrEqual(htmlRight - 0.5);
  await chooseBeside(sidebar, false);
});

test('beside the page in a 700 px window: the page keeps its width and the sidebar says why; wider again, the page narrows', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 800 });
  await openMarketplacePage(page, 'composers/textarea.html');
  // The room follows resizes only once there is a sidebar: a page whose sidebar was never opened
  // carries no listener of ours (was: one on every marketplace page from load).
  // Listeners are listed per world: `window` as the content scripts' isolated world sees it.
  const resizeListeners = async () => {
    const cdp = await page.context().newCDPSession(page);
    const worlds: number[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { frameId?: string; isDefault?: boolean } | undefined;
      if (aux?.isDefault === false && context.origin.startsWith('chrome-extension://')) worlds.push(context.id);
    });
    await cdp.send('Runtime.enable');
    let count = 0;
    for (const contextId of worlds) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window', contextId });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      count += listeners.filter((l) => l.type === 'resize').length;
    }
    await cdp.detach();
    expect(worlds.length).toBeGreaterThan(0);
    return count;
  };
  const before = await resizeListeners();
  const sidebar = await openSidebar(page);
  await page.bringToFront();
  expect(await resizeListeners()).toBe(before + 1);
  await chooseBeside(sidebar, true);
  // Was: a 400 px room in a 700 px window left the page 300 px, a back office laid out for 1000+ px squeezed into a column.
  await expect.poll(() => roomOf(page)).toBe('0px');
  const note = sidebar.getByTestId('sidebar-beside-narrow');
  await expect(note).toBeVisible();
  await expect(note).toContainText(/\d{3}/);
  await expect(sidebar.getByTestId('sidebar-beside')).toHaveAttribute('data-room', 'narrow');
  // The seller widens the window: the page makes room at once, the note goes.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => roomOf(page)).not.toBe('0px');
  await expect(note).toBeHidden();
  await expect(sidebar.getByTestId('sidebar-beside')).toHaveAttribute('data-room', 'fits');
  const pageWidth = await page.evaluate(() => document.documentElement.getBoundingClientRect().width);
  expect(pageWidth).toBeGreaterThanOrEqual(480);
  // Narrow again: covered as before, the choice still on (remembered for wider windows).
  await page.setViewportSize({ width: 700, height: 800 });
  await expect.poll(() => roomOf(page)).toBe('0px');
  await expect(sidebar.getByTestId('sidebar-beside')).toHaveAttribute('aria-pressed', 'true');
  await expect(note).toBeVisible();
  await chooseBeside(sidebar, false);
  await expect(note).toBeHidden();
});

test('beside the page on a page that scrolls: the window’s scrollbar is not under the sidebar, and a click on it scrolls the page', async () => {
  // A guard, not a fix: the sidebar and the tab are position: fixed, and a fixed box's right: 0 is the viewport's
  // edge left of a classic scrollbar, so the scrollbar stays clear; the room (html margin) is inside the same client
  // area. A change to how the sidebar is placed (100vw arithmetic, a wrapper on the window) would cover it.
  // Its own browser with real scrollbars: Playwright hides them in headless runs, and a seller's window has them.
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-scrollbar-'));
  const context = await chromium.launchPersistentContext(dir, { headless: true, executablePath: CHROMIUM_PATH, args: chromiumArgs(), ignoreDefaultArgs: ['--hide-scrollbars'], viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await openMarketplacePage(page, 'composers/textarea.html');
    await page.evaluate(() => {
      const tall = document.createElement('div');
      tall.style.height = '4000px';
      document.body.append(tall);
    });
    const bar = await page.evaluate(() => innerWidth - document.documentElement.clientWidth);
    expect(bar, 'a classic scrollbar in this browser').toBeGreaterThan(0);
    const sidebar = await openSidebar(page);
    await page.bringToFront();
    await chooseBeside(sidebar, true);
    await expect.poll(() => roomOf(page)).not.toBe('0px');
    // The sidebar ends where the scrollbar starts.
    const clientWidth = await page.evaluate(() => document.documentElement.clientWidth);
    await expect.poll(async () => (await page.locator('[data-xiaoer="sidebar"]').boundingBox())!.x + (await page.locator('[data-xiaoer="sidebar"]').boundingBox())!.width).toBeLessThanOrEqual(clientWidth + 0.5);
    // And the page's right edge is still clear of the tab and the sidebar.
    const htmlRight = await page.evaluate(() => document.documentElement.getBoundingClientRect().right);
    expect((await page.getByTestId('xiaoer-toggle').boundingBox())!.x).toBeGreaterThanOrEqual(htmlRight - 0.5);
    // A click low on the scrollbar's track pages down, as without the sidebar.
    await page.mouse.click(1280 - bar / 2, 700);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('beside the page, a page that sets its own margin on <html> keeps the room for the sidebar, and gets its own margin back, not an old one', async ({ page }) => {
  await openMarketplacePage(page, 'reviews/index.html');
  // The page's own script sets a right margin on <html> (a docked help panel, a chat widget), before and while the sidebar is beside it.
  await page.evaluate(() => (document.documentElement.style.marginRight = '50px'));
  const submit = page.locator('.fb-reply-submit').first();
  const hit = () =>
    submit.evaluate((b) => {
      const r = b.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b;
    });
  const sidebar = await openSidebar(page);
  const beside = sidebar.getByTestId('sidebar-beside');
  if ((await beside.getAttribute('aria-pressed')) !== 'true') await beside.click();
  await expect(beside).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(hit).toBe(true);
  await page.evaluate(() => (document.documentElement.style.marginRight = '70px'));
  // Still room for the sidebar: the Submit button is not under it.
  await expect.poll(hit).toBe(true);
  await sidebar.locator('.sidebar-head .close').click();
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
  // The page's margin is what the page last set.
  expect(await page.evaluate(() => document.documentElement.style.marginRight)).toBe('70px');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('70px');
  const again = await openSidebar(page);
  await again.getByTestId('sidebar-beside').click();
  await expect(again.getByTestId('sidebar-beside')).toHaveAttribute('aria-pressed', 'false');
});
