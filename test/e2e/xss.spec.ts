/**
 * Page text and library text are never HTML. Script-bearing payloads go into a
 * buyer's name and messages on a seller chat and into reply titles and bodies;
 * then the sidebar (replies, page facts, buyer card), the popup and the
 * dashboard (library, buyers) show them. No script may run in any of those
 * contexts (each payload sets a global flag or opens a dialog if it runs), and the
 * payload text must show as text.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, openDashboard, openMarketplacePage, openPopup, openSidebar, seedReplies, tabIdOf, test } from './fixtures';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=1</script>',
  '<svg/onload=window.__xss=1>',
  '"><iframe src="javascript:window.top.__xss=1"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  "{{constructor.constructor('window.__xss=1')()}}",
  'javascript:window.__xss=1//',
  '<a href="javascript:window.__xss=1">click</a>',
];

async function ran(target: Page | Frame): Promise<boolean> {
  return target.evaluate(() => (window as unknown as { __xss?: number }).__xss === 1);
}

test('script payloads in page text and reply text are shown as text and never run', async ({ ext, page }) => {
  const dialogs: string[] = [];
  ext.context.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await seedReplies(
    ext,
    PAYLOADS.map((p, i) => ({ id: `xss-${i}`, title: `XSS ${i} ${p}`, shortcut: '', body: { 'zh-CN': `亲 ${p} {buyer?}`, 'zh-TW': p, en: p } })),
  );

  // A chat page whose buyer name and messages carry the payloads (as a hostile buyer's nick and words would).
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.evaluate((payloads) => {
    const name = document.querySelector('.chatWindowHeader .base-info .name');
    if (name) name.textContent = payloads[0]!;
    document.querySelectorAll('#msgListContainer li.onemsg .msg-content-box').forEach((el, i) => {
      el.textContent = payloads[i % payloads.length]!;
    });
  }, PAYLOADS);

  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('XSS');
  await expect(sidebar.getByTestId('reply-item')).toHaveCount(PAYLOADS.length);
  for (let i = 0; i < PAYLOADS.length; i++) {
    await sidebar.getByTestId('reply-item').nth(i).click();
    await expect(sidebar.getByTestId('reply-preview-text')).not.toBeEmpty();
  }
  await expect(sidebar.getByTestId('reply-results')).toContainText(PAYLOADS[1]!);
  await sidebar.getByTestId('tab-page').click();
  await expect(sidebar.getByTestId('page-buyer')).toHaveText(PAYLOADS[0]!);
  await expect(sidebar.getByTestId('buyer-card-name')).toContainText(PAYLOADS[0]!);

  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.waitForTimeout(300);
  const dash = await openDashboard(ext);
  await expect(dash.getByTestId('library-reply').first()).toBeVisible();
  await dash.getByTestId('dash-buyers').click();
  await expect(dash.getByTestId('buyers-view')).toContainText(PAYLOADS[0]!);
  for (const tab of await dash.locator('nav [role="tab"]').all()) {
    await tab.click();
    await dash.waitForTimeout(150);
  }

  for (const target of [page, sidebar, popup, dash]) expect(await ran(target), target.url()).toBe(false);
  expect(dialogs).toEqual([]);
  await popup.close();
  await dash.close();
});
