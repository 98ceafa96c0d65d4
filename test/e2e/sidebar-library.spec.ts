/**
 * The sidebar with a large library: the first screen (the most used replies) is
 * shipped before the whole library (library:head, components/sidebar/use-library.ts).
 * What it shows first must be exactly what it shows once everything is in, and
 * a search typed before the rest arrived must insert the right reply, never one
 * of the first screen's.
 */
import { ask, expect, helperPage, modelText, openMarketplacePage, openSidebar, seedReplies, test, type TestReply } from './fixtures';

const BIG = 3000;
const ids = Array.from({ length: BIG }, (_, i) => `big-r${i}`);

test.beforeAll(async ({ ext }) => {
  const replies: (TestReply & { usageCount: number })[] = ids.map((id, i) => ({
    id,
    title: `大库 ${i}`,
    shortcut: '',
    body: { 'zh-CN': `大库第 ${i} 条`, 'zh-TW': '', en: '' },
    usageCount: i % 40,
  }));
  // Never used, so never on the first screen: only the whole library has it.
  replies.push({ id: 'big-target', title: '大库 目标 zhaodaowo', shortcut: '', body: { 'zh-CN': '找到我了', 'zh-TW': '', en: '' }, usageCount: 0 });
  await seedReplies(ext, replies);
});

test.afterAll(async ({ ext }) => {
  // Later specs share this browser: nothing held back, the library as it was.
  await ext.worker.evaluate(() => (globalThis as unknown as { __xiaoerHooks: { releaseAnswers: (type: string) => void } }).__xiaoerHooks.releaseAnswers('library:get'));
  const dash = await helperPage(ext);
  await ask(dash, 'reply:delete', { ids: [...ids, 'big-target'] });
  await dash.close();
});

test('a large library: the first screen is the most used replies, as the whole list shows them; a search typed before the rest arrives inserts the right reply', async ({ ext, page }) => {
  // What the sidebar frame showed first.
  await page.addInitScript(() => {
    if (!location.pathname.endsWith('/sidebar.html')) return;
    const w = window as unknown as { __firstIds?: string[] };
    new MutationObserver(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="reply-item"]')];
      if (!w.__firstIds && rows.length) w.__firstIds = rows.map((r) => r.dataset.replyId ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
  await openMarketplacePage(page, 'composers/textarea.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.locator('#composer-input').click();
  // The whole library is held back in the worker (e2e hook) until the agent has typed.
  await ext.worker.evaluate(() => (globalThis as unknown as { __xiaoerHooks: { holdAnswers: (type: string) => void } }).__xiaoerHooks.holdAnswers('library:get'));
  const frame = await openSidebar(page);
  await expect(frame.getByTestId('reply-item')).toHaveCount(60);
  // The query matches only a reply outside the first screen: no hit from the first screen, Enter waits.
  await frame.getByTestId('reply-search').fill('zhaodaowo');
  await expect(frame.getByTestId('reply-results-loading')).toBeVisible();
  await expect(frame.getByTestId('reply-item')).toHaveCount(0);
  await frame.getByTestId('reply-search').press('Enter');
  await page.waitForTimeout(300);
  expect(await modelText(page)).toBe('');
  await ext.worker.evaluate(() => (globalThis as unknown as { __xiaoerHooks: { releaseAnswers: (type: string) => void } }).__xiaoerHooks.releaseAnswers('library:get'));
  await expect.poll(() => modelText(page), { timeout: 20_000 }).toBe('找到我了');

  const first = await frame.evaluate(() => (window as unknown as { __firstIds: string[] }).__firstIds);
  // The first screen: 60 of the 75 most used (usage 39), ties in library order.
  expect(first).toHaveLength(60);
  expect(first.every((id) => id.startsWith('big-r') && Number(id.slice(5)) % 40 === 39)).toBe(true);
  // Once the whole library is in, the list without a query is the same list in the same order.
  await frame.getByTestId('reply-search').fill('');
  await expect(frame.getByTestId('reply-item')).toHaveCount(60);
  const whole = await frame.getByTestId('reply-item').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.replyId ?? ''));
  expect(whole).toEqual(first);
});
