/**
 * The popup's quick actions on demo pages: the tab's status, and search →
 * Enter inserting into the composer the agent last focused on the page (the
 * editor's own model is read back).
 */
import { expect, modelText, openMarketplacePage, openPopup, seedReplies, tabIdOf, test } from './fixtures';

test.beforeAll(async ({ ext }) => {
  await seedReplies(ext, [
    { id: 'pop-thanks', title: '弹窗 付款感谢', shortcut: ';ptx', body: { 'zh-CN': '收到您的付款啦，今天就安排发货～', 'zh-TW': '', en: '' } },
    { id: 'pop-buyer', title: '弹窗 称呼买家', shortcut: ';pbuy', body: { 'zh-CN': '{buyer}您好，有什么可以帮您？', 'zh-TW': '', en: '' } },
  ]);
});

test('popup shows the tab status and search → Enter inserts into the last focused composer', async ({ ext, page }) => {
  await openMarketplacePage(page, 'composers/textarea.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.locator('#composer-input').click();
  await page.keyboard.type('亲，');
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('popup-status')).not.toHaveText(/…/);
  await expect(popup.getByTestId('popup-search')).toBeEnabled();
  await popup.getByTestId('popup-search').fill('fukuan');
  await expect(popup.getByTestId('popup-hit').first()).toContainText('弹窗 付款感谢');
  await popup.getByTestId('popup-search').press('Enter');
  await expect(popup.getByTestId('popup-insert-status')).toHaveText(/Inserted|已插入/);
  await expect.poll(() => modelText(page)).toBe('亲，收到您的付款啦，今天就安排发货～');
  await popup.close();
});

test('popup names the dedicated adapter on a marketplace chat and fills {buyer} from the page', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.locator('#replyTextarea').click();
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('popup-status')).toContainText(/Pinduoduo|拼多多/);
  await expect(popup.getByTestId('popup-status')).toContainText(/dedicated|专用|專用/);
  await popup.getByTestId('popup-search').fill(';pbuy');
  await expect(popup.getByTestId('popup-hit').first()).toContainText('弹窗 称呼买家');
  await popup.getByTestId('popup-search').press('Enter');
  await expect.poll(() => page.locator('#replyTextarea').inputValue()).toBe('景**您好，有什么可以帮您？');
  await popup.close();
});
