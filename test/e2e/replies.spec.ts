/**
 * Canned replies through the real extension: Tab expansion and sidebar
 * insertion on one demo page per editor library, reading back the editor's own
 * model, the caret (typing after), undo, and what Send sends.
 */
import type { Frame, Locator, Page } from '@playwright/test';
import { COMPOSERS, HUMAN_PAUSE_MS } from '../insert/expectations';
import { VARIABLE_LABELS } from '../../lib/replies/template';
import { ask, deleteRow, expect, firstRunSeeded, launchWithExtension, type Extension, modelExact, modelText, openDashboard, openMarketplacePage, openSidebar, seedReplies, sentTexts, setUiLang, sidebarFrame, sidebarKeys, storeRows, test, textAfterCaret, toggleTitle, type TestReply } from './fixtures';

const REPLIES: TestReply[] = [
  { id: 'e2e-ship', title: 'E2E ships today', shortcut: ';zz', body: { 'zh-CN': '', 'zh-TW': '', en: 'Your order ships today.' } },
  { id: 'e2e-lines', title: 'E2E two lines', shortcut: ';ml', body: { 'zh-CN': '', 'zh-TW': '', en: 'Line1\nLine2' } },
  { id: 'e2e-cursor', title: 'E2E cursor', shortcut: ';cur', body: { 'zh-CN': '', 'zh-TW': '', en: 'AB{cursor}CD' } },
  // A seller's plain text as written: a blank line, a line starting with two spaces, a run of two
  // spaces, markdown-looking asterisks, and {cursor} before the comma.
  { id: 'e2e-dear', title: 'E2E dear', shortcut: ';dear', body: { 'zh-CN': '', 'zh-TW': '', en: 'Dear {cursor},\n\nThanks for waiting.\n  Two  spaces, **not bold**.' } },
  { id: 'e2e-ask-price', title: 'E2E ask price', shortcut: ';askp', body: { 'zh-CN': '亲，已为您改价为 {?新价格} 元', 'zh-TW': '', en: '' } },
];

test.beforeAll(async ({ ext }) => {
  await seedReplies(ext, REPLIES);
});

/** Click into the real editable of a composer page (open shadow roots included). */
async function focusComposer(page: Page) {
  const editable = page.locator('#composer').locator('textarea, input, [contenteditable="true"]').first();
  const target = (await editable.count()) ? editable : page.locator('#composer');
  await target.click();
  // The overlay's core wakes on this first focus and fetches the shortcuts; a person
  // takes longer than this to type a shortcut after clicking into the box.
  await page.waitForTimeout(250);
}

async function ready(page: Page, path: string) {
  await openMarketplacePage(page, path);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  // The overlay loads its shortcut table when the page is idle.
  await page.waitForTimeout(300);
}

for (const c of COMPOSERS) {
  test.describe(c.editor, () => {
    test(`Tab expands a shortcut into the ${c.editor} model and one Ctrl+Z takes it back`, async ({ page }) => {
      await ready(page, c.page);
      await focusComposer(page);
      await page.keyboard.type('hi ;zz', { delay: 15 });
      await page.keyboard.press('Tab');
      await expect.poll(() => modelText(page)).toBe('hi Your order ships today.');
      await page.waitForTimeout(HUMAN_PAUSE_MS);
      await page.keyboard.press('Control+z');
      // Ideal: the shortcut comes back; editors that merge the typing burst say why in expectations.ts.
      await expect.poll(() => modelText(page)).toBe(c.undoAfterReplace.replace('/ship', ';zz'));
    });

    test(`a shortcut and Tab typed before the overlay is ready (its shortcut table held back) expand into the ${c.editor} model once it is, the key typed after follows`, async ({ ext, page }) => {
      await ready(page, c.page);
      await holdAnswers(ext, 'shortcuts:get', true);
      try {
        await focusComposer(page);
        await page.keyboard.type('hi ;zz', { delay: 15 });
        await page.keyboard.press('Tab');
        await page.keyboard.type('!');
        await page.waitForTimeout(300);
        // Held: no indent, no focus move, the "!" not yet in.
        expect(await modelText(page)).toBe('hi ;zz');
      } finally {
        await holdAnswers(ext, 'shortcuts:get', false);
      }
      await expect.poll(() => modelText(page)).toBe('hi Your order ships today.!');
    });

    test(`multi-line and {cursor} replies by Tab in ${c.editor}: caret after, Send sends the model`, async ({ page }) => {
      await ready(page, c.page);
      await focusComposer(page);
      await page.keyboard.type(';ml', { delay: 15 });
      await page.keyboard.press('Tab');
      await expect.poll(() => modelText(page)).toBe('Line1\nLine2');
      await page.keyboard.type('!');
      await expect.poll(() => modelText(page)).toBe('Line1\nLine2!');
      await page.keyboard.press('Enter');
      await page.keyboard.type(';cur', { delay: 15 });
      await page.keyboard.press('Tab');
      await expect.poll(() => modelText(page)).toBe('Line1\nLine2!\nABCD');
      await page.waitForTimeout(150); // the caret moves to {cursor} once the editor has rendered
      await page.keyboard.type('x');
      await expect.poll(() => modelText(page)).toBe('Line1\nLine2!\nABxCD');
      await page.getByTestId('send').click();
      await expect.poll(async () => (await sentTexts(page)).at(-1)).toBe('Line1\nLine2!\nABxCD');
    });

    test(`blank lines, spaces and ** arrive in the ${c.editor} model as written; the caret lands on {cursor}`, async ({ page }) => {
      await ready(page, c.page);
      await focusComposer(page);
      await page.keyboard.type(';dear', { delay: 15 });
      await page.keyboard.press('Tab');
      // The model as stored (TipTap's document with its marks, CKEditor's model tree): was, in
      // TipTap 3, 'Dear ,\nThanks…' (the blank line dropped) with **not bold** turned bold.
      await expect.poll(() => modelExact(page)).toBe('Dear ,\n\nThanks for waiting.\n  Two  spaces, **not bold**.');
      // The insert is done when the caret has moved back to {cursor}: text follows it.
      await expect.poll(() => textAfterCaret(page)).toMatch(/^,/);
      await page.keyboard.type('Ann', { delay: 15 });
      await expect.poll(() => modelExact(page)).toBe('Dear Ann,\n\nThanks for waiting.\n  Two  spaces, **not bold**.');
      await page.getByTestId('send').click();
      await expect.poll(async () => (await sentTexts(page)).at(-1)).toBe('Dear Ann,\n\nThanks for waiting.\n  Two  spaces, **not bold**.');
    });

    test(`sidebar search + Enter inserts into ${c.editor} where the agent was typing`, async ({ page }) => {
      await ready(page, c.page);
      await focusComposer(page);
      await page.keyboard.type('Hello ', { delay: 15 });
      await page.waitForTimeout(HUMAN_PAUSE_MS);
      const sidebar = await openSidebar(page);
      const search = sidebar.getByTestId('reply-search');
      await expect(search).toBeFocused();
      await search.fill('E2E two lines');
      await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-lines');
      await search.press('Enter');
      await expect.poll(() => modelText(page)).toBe('Hello Line1\nLine2');
      await expect(sidebar.getByTestId('reply-status')).toBeVisible();
      // Focus went back to the composer with the caret after the text.
      await page.keyboard.type('!');
      await expect.poll(() => modelText(page)).toBe('Hello Line1\nLine2!');
      // The agent closes the sidebar (it covers the page's right edge) and sends.
      await page.getByTestId('xiaoer-toggle').click();
      await page.getByTestId('send').click();
      await expect.poll(async () => (await sentTexts(page)).at(-1)).toBe('Hello Line1\nLine2!');
    });
  });
}

test('Tab with no matching shortcut is left to the page', async ({ page }) => {
  await ready(page, 'composers/textarea.html');
  await page.evaluate(() => {
    (window as unknown as { __tabPrevented: boolean[] }).__tabPrevented = [];
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') (window as unknown as { __tabPrevented: boolean[] }).__tabPrevented.push(e.defaultPrevented);
    });
  });
  await focusComposer(page);
  await page.keyboard.type('no shortcut here', { delay: 10 });
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (window as unknown as { __tabPrevented: boolean[] }).__tabPrevented)).toEqual([false]);
  expect(await modelText(page)).toBe('no shortcut here');
});

// Editors whose line break inside a paragraph is a <br> (Lexical's LineBreakNode, TipTap's HardBreak on Shift+Enter).
for (const c of COMPOSERS.filter((x) => x.editor === 'lexical' || x.editor === 'tiptap')) {
  test(`${c.editor}: a shortcut at the start of a line after a line break expands; one split by the break does not`, async ({ page }) => {
    await ready(page, c.page);
    await focusComposer(page);
    await page.keyboard.type('Order 123', { delay: 10 });
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(';zz', { delay: 15 });
    await page.keyboard.press('Tab');
    // Was: no expansion — the line before ran into the shortcut ("Order 123;zz").
    await expect.poll(() => modelText(page)).toBe('Order 123\nYour order ships today.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('size ;z', { delay: 10 });
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('z', { delay: 10 });
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    // Was: "size " + the reply — the ";z", the line break and the "z" taken as one shortcut.
    expect(await modelText(page)).toMatch(/^Order 123\nYour order ships today\.\nsize ;z\nz/);
  });
}

test("a sidebar reply goes into the chat box, not the conversation list's search box the agent used last", async ({ page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  // The search box real merchant chats put above the conversation list (the demo page has none).
  await page.evaluate(() => {
    const search = document.createElement('input');
    search.placeholder = '搜索买家昵称/订单号';
    search.id = 'test-conv-search';
    document.querySelector('.chat-item-box')!.parentElement!.prepend(search);
  });
  await page.locator('textarea#replyTextarea').click();
  await page.keyboard.type('您好', { delay: 10 });
  await page.locator('#test-conv-search').click();
  await page.keyboard.type('小鱼', { delay: 10 });
  await page.locator('.chat-item-box').nth(1).click();
  const sidebar = await openSidebar(page);
  const search = sidebar.getByTestId('reply-search');
  await search.fill('E2E ships today');
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-ship');
  await search.press('Enter');
  await expect.poll(() => modelText(page)).toContain('Your order ships today.');
  await expect(page.locator('#test-conv-search')).toHaveValue('小鱼');
});

test('a reply language picked for one buyer does not carry over to the next conversation', async ({ page }) => {
  await openMarketplacePage(page, 'chat/shopee.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  const cell = (n: number) => page.locator(`[data-cy^="webchat-conversation-cell-root"]:nth-child(${n})`);
  const sidebar = await openSidebar(page);
  const select = sidebar.getByTestId('reply-lang');
  const own = await select.inputValue();
  const other = own === 'zh-TW' ? 'en' : 'zh-TW';
  await select.selectOption(other);
  await expect(select).toHaveValue(other);
  // The next buyer, and back: each starts from the language their conversation reads as.
  await cell(2).click();
  await expect(sidebar.getByTestId('sidebar-site')).not.toHaveText('…');
  await cell(1).click();
  await expect(select).toHaveValue(own);
});

for (const lateMs of [0, 1500]) {
  test(`Esc closing the sidebar gives the keyboard back to the chat box the agent was typing in${lateMs ? ' — also before the frame knew its tab' : ''}`, async ({ ext, page }) => {
    // Late: the frame's tab answer comes 1.5 s after its search has the keyboard (CI, session 16: under
    // load an Esc that early closed nothing, and the remembered "beside" choice applied after a close
    // opened the sidebar again, with the keyboard).
    await ext.worker.evaluate((ms) => chrome.storage.session.set({ e2eSidebarTabLateMs: ms }), lateMs);
    try {
      await ready(page, 'composers/textarea.html');
      await focusComposer(page);
      await page.keyboard.type('Hello', { delay: 10 });
      const sidebar = await openSidebar(page);
      await expect(sidebar.getByTestId('reply-search')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
      // Past the late answer: the sidebar stays closed.
      await page.waitForTimeout(lateMs + 300);
      await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
      // Was: the keys went into the hidden frame.
      await page.keyboard.type(' world', { delay: 10 });
      await expect.poll(() => modelText(page)).toBe('Hello world');
    } finally {
      await ext.worker.evaluate(() => chrome.storage.session.remove('e2eSidebarTabLateMs'));
    }
  });
}

test.describe('replies filled from the page', () => {
  test.beforeAll(async ({ ext }) => {
    await seedReplies(ext, [
      { id: 'e2e-order', title: 'E2E order', shortcut: ';ord', body: { 'zh-CN': '{buyer?亲}，您的订单{order}已收到', 'zh-TW': '', en: '' } },
      { id: 'e2e-ask', title: 'E2E new price', shortcut: ';jg', body: { 'zh-CN': '已为您改价为{?新价格}元，付款后尽快发货', 'zh-TW': '', en: '' } },
      { id: 'e2e-car', title: 'E2E courier', shortcut: ';car', body: { 'zh-CN': '', 'zh-TW': '', en: 'Your parcel goes with {carrier}, tracking {tracking}.' } },
    ]);
  });

  test('Tab fills {order} from the Pinduoduo chat page', async ({ page }) => {
    await openMarketplacePage(page, 'chat/pinduoduo.html');
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-page').click();
    const order = (await sidebar.getByTestId('page-order').textContent())?.trim() ?? '';
    expect(order).toMatch(/\d{6,}/);
    await page.getByTestId('xiaoer-toggle').click();
    await page.click('textarea#replyTextarea');
    await page.keyboard.type(';ord', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toContain(`您的订单${order}已收到`);
    expect(await modelText(page)).not.toContain('{');
  });

  test('Tab on a reply that needs a value asks for it in the sidebar, then replaces the shortcut', async ({ page }) => {
    await ready(page, 'composers/textarea.html');
    await focusComposer(page);
    await page.keyboard.type('好的;jg', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    const input = sidebar.getByTestId('reply-fill-input').first();
    await expect(input).toBeVisible();
    // The agent just types: the keys go to the field (they went to the search box, which then showed another reply).
    await expect(input).toBeFocused();
    await page.keyboard.type('88', { delay: 15 });
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page)).toBe('好的已为您改价为88元，付款后尽快发货');
  });

  test('a second reply asking for a value does not show the first one\'s "Inserted" under its empty form', async ({ page }) => {
    await ready(page, 'composers/textarea.html');
    await focusComposer(page);
    await page.keyboard.type(';jg', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    await expect(sidebar.getByTestId('reply-fill-input').first()).toBeFocused();
    await page.keyboard.type('88', { delay: 15 });
    await page.keyboard.press('Enter');
    await expect.poll(() => modelText(page)).toBe('已为您改价为88元，付款后尽快发货');
    await expect(sidebar.getByTestId('reply-status')).toHaveText(/Inserted|已插入/);
    // The next request: the form waits for a price, nothing is inserted yet — "Inserted" under it said
    // otherwise, and the agent sent the bare shortcut.
    await focusComposer(page);
    await page.keyboard.press('End');
    await page.keyboard.type(' ;jg', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect(sidebar.getByTestId('reply-fill-input').first()).toBeFocused();
    await expect(sidebar.getByTestId('reply-fill-input').first()).toHaveValue('');
    await expect(sidebar.getByTestId('reply-status')).toHaveCount(0);
  });

  test('Enter in a fill-in with a value still missing says which and moves there; Enter on the last one inserts', async ({ page }) => {
    await ready(page, 'composers/textarea.html');
    await focusComposer(page);
    // wl asks for the latest status, and this page shows no tracking number or date to fill the rest.
    await page.keyboard.type('好的;wl', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    const inputs = sidebar.getByTestId('reply-fill-input');
    await expect(inputs.first()).toBeFocused();
    const n = await inputs.count();
    expect(n).toBeGreaterThanOrEqual(2);
    await page.keyboard.type('派送中', { delay: 15 });
    await page.keyboard.press('Enter');
    // Was: nothing at all (the Insert button disabled, so the form ignored Enter).
    await expect(sidebar.getByTestId('reply-status')).toHaveText(/Fill in|请先填写|請先填寫/);
    await expect(inputs.nth(1)).toBeFocused();
    const label = await inputs.nth(1).evaluate((el) => el.closest('label')!.firstChild!.textContent!);
    await expect(sidebar.getByTestId('reply-status')).toContainText(label);
    expect(await modelText(page)).toBe('好的;wl');
    for (let i = 1; i < n; i++) {
      await expect(inputs.nth(i)).toBeFocused();
      await page.keyboard.type(`V${i}`, { delay: 15 });
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => modelText(page)).toContain('派送中');
    const text = await modelText(page);
    for (let i = 1; i < n; i++) expect(text).toContain(`V${i}`);
    expect(text.startsWith('好的') && !text.includes(';wl')).toBe(true);
  });

  test('a fill-in finished after the agent went on typing keeps their words (only a shortcut still before the caret is replaced)', async ({ page }) => {
    await ready(page, 'composers/textarea.html');
    await focusComposer(page);
    await page.keyboard.type('好的;jg', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    await expect(sidebar.getByTestId('reply-fill-input').first()).toBeVisible();
    // The agent closes the sidebar, deletes the shortcut and types on; later picks the reply up again.
    await page.getByTestId('xiaoer-toggle').click();
    await focusComposer(page);
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('，稍等', { delay: 15 });
    await expect.poll(() => modelText(page)).toBe('好的，稍等');
    await page.getByTestId('xiaoer-toggle').click();
    const input = sidebar.getByTestId('reply-fill-input').first();
    await input.fill('88');
    await input.press('Enter');
    // Was '好的已为您改价为88元…': the three characters before the caret went, whatever they were.
    await expect.poll(() => modelText(page)).toBe('好的，稍等已为您改价为88元，付款后尽快发货');
  });

  test('a value the sidebar guessed (the courier from an SF tracking number) is inserted as shown when the agent just presses Enter', async ({ page, ext }) => {
    // A backend that shows no courier (the Shopee chat used here does since its bracketed courier is read).
    await openMarketplacePage(page, 'chat/unknown-backend.html');
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    // The agent corrected the tracking number for this conversation (Page tab); the page shows no courier.
    await ext.worker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === url)!;
      await chrome.tabs.sendMessage(tab.id!, { xiaoer: 1, type: 'overlay:correct', payload: { field: 'trackingNumber', value: 'SF1402384756102' } });
    }, page.url());
    await page.locator('#composer-input').click();
    await page.keyboard.type('ok ;car', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    const input = sidebar.locator('[data-testid="reply-fill-input"][data-name="carrier"]');
    await expect(input).toHaveValue('SF Express');
    await expect(sidebar.getByTestId('reply-preview-text')).toHaveText('Your parcel goes with SF Express, tracking SF1402384756102.');
    await expect(input).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#composer-input')).toHaveValue('ok Your parcel goes with SF Express, tracking SF1402384756102.');
  });
});

// Every demo seller chat: Tab expansion lands in the page framework's own state
// (Vue 2 data, React state, the kat-textarea's value) and the page's Send sends it.
const CHAT_PAGES = [
  { page: 'chat/pinduoduo.html', composer: 'textarea#replyTextarea', send: '.send-btn' },
  { page: 'chat/shopee.html', composer: 'textarea', send: 'button[aria-label="send"]' },
  { page: 'chat/amazon.html', composer: '.contact-buyer-text-area kat-textarea textarea', send: 'kat-button.ayb-contact-form-send-button' },
  { page: 'chat/aliexpress.html', composer: 'textarea', send: '.send-button' },
  { page: 'chat/qianniu.html', composer: 'textarea', send: '.reply-send' },
];

for (const chat of CHAT_PAGES) {
  test(`Tab expansion and Send on the ${chat.page} seller chat`, async ({ page }) => {
    await openMarketplacePage(page, chat.page);
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    await page.locator(chat.composer).last().click();
    await page.keyboard.type('ok ;ml', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe('ok Line1\nLine2');
    await page.locator(chat.send).last().click();
    await expect.poll(async () => (await sentTexts(page)).at(-1)).toBe('ok Line1\nLine2');
  });
}

/** A fresh install's chat page, loaded (the default library's greeting asks the shop and agent names). */
async function freshChatPage(ext: Extension, path: string): Promise<Page> {
  await firstRunSeeded(ext);
  const page = await ext.context.newPage();
  await openMarketplacePage(page, path);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  return page;
}

/** In the Qianniu demo's chat box: "hy" and Tab, the greeting that asks a fresh install for the shop and agent names. */
async function tabGreeting(page: Page): Promise<Locator> {
  const composer = page.locator('.message-reply textarea');
  await composer.click();
  await page.waitForTimeout(250);
  await page.keyboard.type('hy', { delay: 15 });
  await page.keyboard.press('Tab');
  return composer;
}

/**
 * "Happy Shop", typed right after a Tab that asked for the shop and agent names, is in the form's first
 * field (none of it in the search or the chat box); the keyboard stays in the form: Tab, "Xiao Li", Enter insert.
 */
async function expectHeldKeysInFormThenInsert(page: Page, sidebar: Frame, composer: Locator): Promise<void> {
  const shop = sidebar.locator('[data-testid="reply-fill-input"][data-name="shop"]');
  await expect(shop).toBeVisible();
  await expect.poll(() => shop.inputValue()).toBe('Happy Shop');
  await expect(shop).toBeFocused();
  expect(await sidebar.getByTestId('reply-search').inputValue()).not.toMatch(/Happy|Shop/);
  expect(await composer.inputValue()).toBe('hy');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Xiao Li', { delay: 15 });
  await expect(sidebar.locator('[data-testid="reply-fill-input"][data-name="agent"]')).toHaveValue('Xiao Li');
  await page.keyboard.press('Enter');
  await expect.poll(() => composer.inputValue()).toContain('Happy Shop');
  expect(await composer.inputValue()).toContain('Xiao Li');
  expect(await composer.inputValue()).not.toContain('hy');
}

// A browser of its own: the seeded library as installed, its settings untouched by the other tests.
test('the seeded greetings on Pinduoduo, whose buyer shows as "景**": no masked nickname in the reply, the greeting\'s own fallback instead', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/pinduoduo.html');
    await page.locator('#replyTextarea').click();
    await page.waitForTimeout(250);
    // "亲爱的{buyer?}，您好！欢迎光临{shop}…": a new install asks the shop and the agent, and the buyer's
    // field is left empty (optional) — neither "景**" nor the uid 6840347447 is offered as a name.
    await page.keyboard.type('hy', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    await page.bringToFront();
    await expect(sidebar.locator('[data-testid="reply-fill-input"][data-name="shop"]')).toBeFocused();
    await expect(sidebar.locator('[data-testid="reply-fill-input"][data-name="buyer"]')).toHaveValue('');
    await page.keyboard.type('暖暖小铺', { delay: 15 });
    await sidebar.locator('[data-testid="reply-fill-input"][data-name="agent"]').fill('阿青');
    await sidebar.locator('[data-testid="reply-fill-input"][data-name="agent"]').press('Enter');
    await expect.poll(() => modelText(page)).toBe('您好！欢迎光临暖暖小铺，我是客服阿青，很高兴为您服务～请问有什么可以帮您？');
    await page.getByTestId('xiaoer-toggle').click();
    await page.locator('.send-btn').last().click();
    // By Tab, nothing asked: the greeting without a name, and "{buyer?亲}" (welcome back) writes 亲.
    await page.locator('#replyTextarea').click();
    await page.keyboard.type('hy', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe('您好！欢迎光临暖暖小铺，我是客服阿青，很高兴为您服务～请问有什么可以帮您？');
    await page.locator('#replyTextarea').fill('');
    await page.keyboard.type('lk', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe('亲，欢迎回来！谢谢您又一次光顾暖暖小铺，老朋友有什么需要直接告诉我，我优先为您安排～');
  } finally {
    await ext.close();
  }
});

// A browser of its own: a fresh install, its settings untouched by the other tests.
test('first run: the shop and agent names typed for the first greeting are kept in Settings, so the next greeting by Tab asks nothing', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/aliexpress.html');
    await page.locator('textarea').last().click();
    await page.waitForTimeout(250);
    // The default library's first greeting names the shop and the agent, which a new install does not know yet.
    await page.keyboard.type('hy', { delay: 15 });
    await page.keyboard.press('Tab');
    const sidebar = await sidebarFrame(page);
    await page.bringToFront();
    const shop = sidebar.locator('[data-testid="reply-fill-input"][data-name="shop"]');
    await expect(shop).toBeFocused();
    // The preview shows what is still needed where it goes (was "welcome to ! I'm , happy to help").
    const labels = (name: 'shop' | 'agent') => new RegExp(`^(${Object.values(VARIABLE_LABELS).map((l) => l[name]).join('|')})$`);
    const gaps = sidebar.getByTestId('reply-preview-gap');
    await expect(gaps).toHaveText([labels('shop'), labels('agent')]);
    await expect(gaps.first()).toHaveAttribute('data-name', 'shop');
    await page.keyboard.type('Happy Shop', { delay: 15 });
    // Typed, the value stands in the preview instead of its label.
    await expect(gaps).toHaveText([labels('agent')]);
    await expect(sidebar.getByTestId('reply-preview-text')).toContainText('welcome to Happy Shop! I');
    await sidebar.locator('[data-testid="reply-fill-input"][data-name="agent"]').fill('Xiao Li');
    await expect(sidebar.getByTestId('reply-fill-remember')).toBeChecked();
    await sidebar.locator('[data-testid="reply-fill-input"][data-name="agent"]').press('Enter');
    await expect.poll(() => modelText(page)).toContain("welcome to Happy Shop! I'm Xiao Li, happy to help.");
    // The sidebar covers the page's right edge: the agent closes it and sends.
    await page.getByTestId('xiaoer-toggle').click();
    await page.locator('.send-button').last().click();
    // The next buyer's greeting: Tab fills it whole, nothing asked again.
    await page.locator('textarea').last().click();
    await page.keyboard.type('hy', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe("Hi Lucas Oliveira, welcome to Happy Shop! I'm Xiao Li, happy to help. What can I do for you today? ");
    // Where to change them later: the dashboard's Settings hold them.
    const dash = await openDashboard(ext);
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#settings`);
    await expect(dash.getByTestId('settings-shop')).toHaveValue('Happy Shop');
    await expect(dash.getByTestId('settings-agent')).toHaveValue('Xiao Li');
  } finally {
    await ext.close();
  }
});

// A browser of its own: the sidebar frame is created by this very Tab (a fresh install's first fill-in).
test('first fill-in: what the agent types right after Tab lands in the form\'s first field, none of it in the chat box or the search', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const composer = await tabGreeting(page);
    // The agent goes straight on, as a seller does: no waiting for the sidebar to appear
    // (it took 0.7–1.2 s; "Happy Shop" typed meanwhile was saved as "p").
    await page.keyboard.type('Happy Shop', { delay: 15 });
    const sidebar = await sidebarFrame(page);
    await page.bringToFront();
    await expectHeldKeysInFormThenInsert(page, sidebar, composer);
  } finally {
    await ext.close();
  }
});

// A browser of its own (a fresh install's greeting asks the shop and agent names).
test('text that arrives without keys right after Tab (voice input, a symbol panel) goes into the form\'s first field, not the chat box', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const composer = await tabGreeting(page);
    // CDP Input.insertText: an input event with no key, as voice typing or an emoji panel sends.
    await page.keyboard.insertText('快乐');
    await page.keyboard.type(' Shop', { delay: 15 });
    const sidebar = await sidebarFrame(page);
    const shop = sidebar.locator('[data-testid="reply-fill-input"][data-name="shop"]');
    await expect.poll(() => shop.inputValue()).toBe('快乐 Shop');
    expect(await composer.inputValue()).toBe('hy');
    expect(await sidebar.getByTestId('reply-search').inputValue()).not.toContain('快乐');
  } finally {
    await ext.close();
  }
});

/** The worker keeps its answers to `type` back (e2e hook), or lets them go. */
async function holdAnswers(ext: Extension, type: string, hold: boolean): Promise<void> {
  await ext.worker.evaluate(
    ([t, h]) => {
      const hooks = (globalThis as unknown as { __xiaoerHooks: { holdAnswers: (type: string) => void; releaseAnswers: (type: string) => void } }).__xiaoerHooks;
      if (h) hooks.holdAnswers(t);
      else hooks.releaseAnswers(t);
    },
    [type, hold] as const,
  );
}

// A browser of its own (a fresh install's greeting asks the shop and agent names). Seen in CI: on a fresh
// browser under load the overlay's core had not woken yet when `hy` + Tab came, 0.25 s after the first click;
// the Tab was the page's and no reply came. Here the shortcut table is held back in the worker (e2e hook).
test('a shortcut and Tab typed before the overlay is ready: the Tab waits for it, the keys typed after it too; a Tab after a space stays the page\'s', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    await holdAnswers(ext, 'shortcuts:get', true);
    const composer = await tabGreeting(page);
    await page.keyboard.type('Happy Shop', { delay: 15 });
    await page.waitForTimeout(400);
    // Nothing decided yet: the Tab did not move focus, the keys did not reach the chat box.
    await expect(composer).toBeFocused();
    expect(await composer.inputValue()).toBe('hy');
    expect(page.frames().some((f) => f.url().endsWith('/sidebar.html'))).toBe(false);
    await holdAnswers(ext, 'shortcuts:get', false);
    const sidebar = await sidebarFrame(page);
    await page.bringToFront();
    await expectHeldKeysInFormThenInsert(page, sidebar, composer);

    // A reply that needs no values, on a page whose overlay starts again: inserted, the keys after the Tab follow it.
    await page.reload();
    await holdAnswers(ext, 'shortcuts:get', true);
    // (The browser may bring back the chat box's text after a reload: emptied, which focuses it.)
    await composer.fill('');
    await page.waitForTimeout(250);
    await page.keyboard.type('sd', { delay: 15 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('ok', { delay: 15 });
    await page.waitForTimeout(400);
    expect(await composer.inputValue()).toBe('sd');
    await holdAnswers(ext, 'shortcuts:get', false);
    await expect.poll(() => composer.inputValue()).toBe('好的，请您稍等一下，我这就帮您查询，马上回复您～ok');

    // After a space the Tab is not held: the page moves focus on, as it always does.
    await page.reload();
    await holdAnswers(ext, 'shortcuts:get', true);
    // (The browser may bring back the chat box's text after a reload: emptied, which focuses it.)
    await composer.fill('');
    await page.waitForTimeout(250);
    await page.keyboard.type('sd ', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect(composer).not.toBeFocused();
    expect(await composer.inputValue()).toBe('sd ');
    await holdAnswers(ext, 'shortcuts:get', false);
  } finally {
    await ext.close();
  }
});

/**
 * An input method in the page (CDP, as a pinyin IME sends it): `word(pinyin, w)` grows the composition
 * letter by letter, then picks `w`. The session is opened before the Tab (opening one takes ~0.7 s here,
 * longer than a warm form), so the composition starts right after the Tab as a typing agent's does.
 */
async function inputMethod(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  return {
    async word(pinyin: string, word: string, beforePick?: () => Promise<void>): Promise<void> {
      for (let i = 1; i <= pinyin.length; i++) await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
      await cdp.send('Input.imeSetComposition', { text: word, selectionStart: word.length, selectionEnd: word.length });
      await beforePick?.();
      await cdp.send('Input.insertText', { text: word });
    },
  };
}

/** Tab to the agent's name, "Xiao Li", Enter: the reply with both names replaced the shortcut and the input method's word in the chat box. */
async function finishFormAndExpectReply(page: Page, composer: Locator, shopName: string): Promise<void> {
  await page.keyboard.press('Tab');
  await page.keyboard.type('Xiao Li', { delay: 15 });
  await page.keyboard.press('Enter');
  await expect.poll(() => composer.inputValue()).toContain(shopName);
  const sent = await composer.inputValue();
  expect(sent).toContain('Xiao Li');
  expect(sent).not.toContain('hy');
  expect(sent.split('快乐').length - 1).toBe(1);
}

// A browser of its own (a fresh install's greeting asks the shop and agent names).
test('a pinyin word typed right after Tab (the sidebar still loading) goes into the form too, and the reply replaces it in the chat box', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const ime = await inputMethod(page);
    const composer = await tabGreeting(page);
    await ime.word('kuaile', '快乐');
    await page.keyboard.type(' Shop', { delay: 15 });
    const sidebar = await sidebarFrame(page);
    const shop = sidebar.locator('[data-testid="reply-fill-input"][data-name="shop"]');
    await expect.poll(() => shop.inputValue()).toBe('快乐 Shop');
    await expect(shop).toBeFocused();
    await finishFormAndExpectReply(page, composer, '快乐 Shop');
  } finally {
    await ext.close();
  }
});

// A browser of its own (a fresh install's greeting asks the shop and agent names).
test('a pinyin word still being picked when the form is ready: the form waits for it, then has it and the keyboard', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const ime = await inputMethod(page);
    const composer = await tabGreeting(page);
    // Lazy (a frame locator): the composition starts at once, while the sidebar loads.
    const shop = page.frameLocator('[data-testid="xiaoer-sidebar-frame"]').locator('[data-testid="reply-fill-input"][data-name="shop"]');
    await ime.word('kuaile', '快乐', async () => {
      // The form is on screen while the word is open in the chat box: the keyboard stays there.
      await expect(shop).toBeVisible();
      await page.waitForTimeout(300);
      await expect(shop).not.toBeFocused();
      await expect(shop).toHaveValue('');
      expect(await composer.inputValue()).toBe('hy快乐');
    });
    await expect.poll(() => shop.inputValue()).toBe('快乐');
    await expect(shop).toBeFocused();
    await page.keyboard.type(' Shop', { delay: 15 });
    await expect(shop).toHaveValue('快乐 Shop');
    await finishFormAndExpectReply(page, composer, '快乐 Shop');
  } finally {
    await ext.close();
  }
});

// A browser of its own (a fresh install's greeting asks the shop and agent names).
test('a Tab that asks for values while the sidebar shows Evidence: the Replies tab opens with the form and the keys typed go into it; the finished form does not come back', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(sidebar.getByTestId('tab-evidence')).toHaveAttribute('aria-selected', 'true');
    const composer = await tabGreeting(page);
    await page.keyboard.type('Happy Shop', { delay: 15 });
    await expect(sidebar.getByTestId('tab-replies')).toHaveAttribute('aria-selected', 'true');
    await expectHeldKeysInFormThenInsert(page, sidebar, composer);
    // Evidence and back: the Replies tab as the agent left it, not the finished form again.
    await sidebar.getByTestId('tab-evidence').click();
    await sidebar.getByTestId('tab-replies').click();
    await expect(sidebar.getByTestId('reply-search')).toBeVisible();
    await expect(sidebar.locator('[data-testid="reply-fill-input"]')).toHaveCount(0);
  } finally {
    await ext.close();
  }
});

// A browser of its own (a fresh install's greeting asks the shop and agent names).
test('a Tab that asks for values while an evidence note is being written: Replies opens with the form and takes the keys; the note is still on Evidence', async () => {
  const ext = await launchWithExtension();
  try {
    const page = await freshChatPage(ext, 'chat/qianniu.html');
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('tab-evidence').click();
    await sidebar.getByTestId('evidence-note').fill('买家说外包装破了，先不截图');
    const composer = await tabGreeting(page);
    await page.keyboard.type('Happy Shop', { delay: 15 });
    await expect(sidebar.getByTestId('tab-replies')).toHaveAttribute('aria-selected', 'true');
    await expectHeldKeysInFormThenInsert(page, sidebar, composer);
    await sidebar.getByTestId('tab-evidence').click();
    await expect(sidebar.getByTestId('evidence-note')).toHaveValue('买家说外包装破了，先不截图');
  } finally {
    await ext.close();
  }
});

// Every tab keeps what the agent started in it while they look at another one (the tab used to unmount).
test('switching sidebar tabs keeps an unsaved evidence note, an open case form, a correction being typed, the reply search and its pick', async ({ page }) => {
  await ready(page, 'chat/qianniu.html');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('订单');
  await expect(sidebar.getByTestId('reply-item').nth(1)).toBeVisible();
  await sidebar.getByTestId('reply-search').press('ArrowDown');
  const picked = await sidebar.locator('[data-testid="reply-item"][aria-selected="true"]').getAttribute('data-reply-id');
  expect(picked).not.toBeNull();
  await sidebar.getByTestId('tab-evidence').click();
  await sidebar.getByTestId('evidence-note').fill('买家说外包装破了');
  await sidebar.getByTestId('open-case').click();
  await sidebar.getByTestId('case-title').fill('外包装破损 待补发');
  await sidebar.getByTestId('tab-page').click();
  await sidebar.getByTestId('page-order-edit').click();
  await sidebar.getByTestId('page-order-input').fill('2611-0001');
  await sidebar.getByTestId('tab-replies').click();
  // Back on Replies: the search as left, the same reply picked, and the keyboard in the search.
  await expect(sidebar.getByTestId('reply-search')).toHaveValue('订单');
  await expect(sidebar.getByTestId('reply-search')).toBeFocused();
  await expect(sidebar.locator('[data-testid="reply-item"][aria-selected="true"]')).toHaveAttribute('data-reply-id', picked!);
  await sidebar.getByTestId('tab-evidence').click();
  await expect(sidebar.getByTestId('evidence-note')).toHaveValue('买家说外包装破了');
  await expect(sidebar.getByTestId('case-title')).toHaveValue('外包装破损 待补发');
  await sidebar.getByTestId('tab-page').click();
  await expect(sidebar.getByTestId('page-order-input')).toHaveValue('2611-0001');
  // One panel on screen at a time.
  await expect(sidebar.getByTestId('evidence-panel')).toBeHidden();
  await expect(sidebar.getByTestId('replies-panel')).toBeHidden();
});

// Keys are held back only while a form is on its way: with no fill-in (the reply filled whole), typing goes on in the chat box.
test('Tab that fills a reply whole leaves the keys typed right after it in the chat box', async ({ page }) => {
  await ready(page, 'composers/textarea.html');
  await focusComposer(page);
  await page.keyboard.type(';zz', { delay: 15 });
  await page.keyboard.press('Tab');
  await page.keyboard.type(' Thanks', { delay: 15 });
  await expect.poll(() => modelText(page)).toBe('Your order ships today. Thanks');
});

test('Enter on a reply where the page has no chat box says why in the UI language (zh-CN), not "No chat input found"', async ({ ext, page }) => {
  const previous = await setUiLang(ext, 'zh-CN');
  try {
    await openMarketplacePage(page, 'orders/index.html');
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('reply-search').fill(';zz');
    await expect(sidebar.getByTestId('reply-item').first()).toContainText('E2E ships today');
    await sidebar.getByTestId('reply-search').press('Enter');
    // Was: "插入失败: No chat input found on this page." (the overlay's English, a half-width colon).
    await expect(sidebar.getByTestId('reply-status')).toHaveText('插入失败：页面上找不到聊天框。请先点一下聊天框再试。');
  } finally {
    await setUiLang(ext, previous);
  }
});

test('an insert from a sidebar left open across an extension reload says so in the UI language (zh-CN), not "Extension context invalidated"', async () => {
  // Its own browser: the reload takes the extension away from every page of the shared one.
  const ext = await launchWithExtension();
  try {
    await setUiLang(ext, 'zh-CN');
    const page = await ext.context.newPage();
    await openMarketplacePage(page, 'composers/textarea.html');
    const sidebar = await openSidebar(page);
    await sidebar.getByTestId('reply-search').fill('sd');
    await expect(sidebar.getByTestId('reply-item').first()).toBeVisible();
    // The seller reloads Xiaoer (chrome://extensions) or it updates; the sidebar stays on the page.
    await ext.worker.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    await sidebar.getByTestId('reply-search').press('Enter');
    const status = sidebar.getByTestId('reply-status');
    // Was: "插入失败：Extension context invalidated."
    await expect(status).toHaveText('插入失败：小二已重新加载或更新，此侧边栏已连不上页面。请刷新页面后再试。');
  } finally {
    await ext.close();
  }
});

test('↓ and ↑ through the reply list keep the picked reply in sight above the preview (it went below the sidebar\'s edge)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.locator('textarea#replyTextarea').click();
  const sidebar = await openSidebar(page);
  const search = sidebar.getByTestId('reply-search');
  await expect(search).toBeFocused();
  await expect(sidebar.getByTestId('reply-item').nth(20)).toBeAttached();
  // Where the picked reply is, against the part of the sidebar the preview does not cover.
  const inSight = () =>
    sidebar.evaluate(() => {
      const item = document.querySelector('[data-testid="reply-item"][aria-selected="true"]')!.getBoundingClientRect();
      const body = document.querySelector('.sidebar-body')!.getBoundingClientRect();
      const preview = document.querySelector('[data-testid="reply-preview"]')!.getBoundingClientRect();
      return item.top >= body.top - 1 && item.bottom <= Math.min(body.bottom, preview.top) + 1;
    });
  for (let i = 0; i < 15; i++) {
    await search.press('ArrowDown');
    expect(await inSight(), `after ${i + 1} × ↓`).toBe(true);
  }
  for (let i = 0; i < 15; i++) {
    await search.press('ArrowUp');
    expect(await inSight(), `after ${i + 1} × ↑`).toBe(true);
  }
});

test('a reply created in the sidebar: its tags split at 、 as import splits them, and it is found, inserted and expanded by Tab at once', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.locator('textarea#replyTextarea').click();
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-new').click();
  await sidebar.getByTestId('editor-title').fill('侧栏新建 发货了');
  await sidebar.getByTestId('editor-shortcut').fill(';cbx');
  await sidebar.getByTestId('editor-tags').fill('物流、催单');
  await sidebar.getByTestId('editor-body-zh-CN').fill('亲，订单 {order} 已发出');
  await sidebar.getByTestId('editor-save').click();
  await expect(sidebar.getByTestId('reply-editor')).toHaveCount(0);
  const dash = await openDashboard(ext);
  try {
    await expect.poll(async () => (await storeRows(dash, 'replies')).some((r) => r.title === '侧栏新建 发货了')).toBe(true);
    const row = (await storeRows(dash, 'replies')).find((r) => r.title === '侧栏新建 发货了');
    // Was ['物流、催单']: one tag, while a CSV import of the same cell made two.
    expect(row.tags).toEqual(['物流', '催单']);
    await sidebar.getByTestId('reply-search').fill('cbx');
    await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', row.id);
    await sidebar.getByTestId('reply-search').press('Enter');
    await expect.poll(() => modelText(page)).toBe('亲，订单 261119-086421357902468 已发出');
    await page.locator('textarea#replyTextarea').fill('');
    await page.locator('textarea#replyTextarea').click();
    await page.keyboard.type(';cbx', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe('亲，订单 261119-086421357902468 已发出');
    await deleteRow(dash, 'replies', row.id);
  } finally {
    await dash.close();
  }
});

test('the list redrawn under a pointer resting in the sidebar (a reply deleted, then a new search) keeps the first hit picked, not the reply that came under the pointer', async ({ ext, page }) => {
  await seedReplies(ext, [{ id: 'e2e-delete-me', title: 'E2E delete me', shortcut: ';delme', body: { 'zh-CN': '', 'zh-TW': '', en: 'Delete me.' } }]);
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.locator('textarea#replyTextarea').click();
  const sidebar = await openSidebar(page);
  const search = sidebar.getByTestId('reply-search');
  await search.fill(';delme');
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-delete-me');
  page.once('dialog', (d) => void d.accept());
  await sidebar.getByTestId('reply-delete').click();
  // Gone (other replies seeded by earlier tests in this worker may still match ';delme' loosely).
  await expect(sidebar.locator('[data-testid="reply-item"][data-reply-id="e2e-delete-me"]')).toHaveCount(0);
  // The hand leaves the mouse where Delete was and types the next search: the list fills in under it.
  await search.fill('E2E');
  await expect(sidebar.getByTestId('reply-item').nth(3)).toBeAttached();
  await page.waitForTimeout(300);
  const first = await sidebar.getByTestId('reply-item').first().getAttribute('data-reply-id');
  await expect(sidebar.locator('[data-testid="reply-item"][aria-selected="true"]')).toHaveAttribute('data-reply-id', first!);
  // A pointer that does move picks the reply it moves onto.
  const third = sidebar.getByTestId('reply-item').nth(2);
  await third.hover();
  await expect(third).toHaveAttribute('aria-selected', 'true');
});

test('a value typed into a fill-in for one buyer is not left in the form for the next conversation', async ({ page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('E2E ask price');
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-ask-price');
  const field = sidebar.locator('[data-testid="reply-fill-input"][data-name="?新价格"]');
  await field.fill('88');
  // Another buyer's message comes in; the agent opens that conversation before inserting.
  await page.locator('.chat-item-box').nth(1).click();
  await expect(sidebar.getByTestId('buyer-card-name')).toHaveText('小鱼儿2021');
  // Was: "88" still there, and Enter sent the first buyer's price to this one.
  await expect(field).toHaveValue('');
  await expect(sidebar.getByTestId('reply-preview-text')).not.toContainText('88');
});

test('the reply preview covers the sidebar to its bottom edge: no line of the list shows under the Insert button', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  await expect(sidebar.getByTestId('reply-item').nth(20)).toBeAttached();
  const gap = await sidebar.evaluate(() => {
    const body = document.querySelector('.sidebar-body')!.getBoundingClientRect();
    const preview = document.querySelector('[data-testid="reply-preview"]')!.getBoundingClientRect();
    return Math.round(body.bottom - preview.bottom);
  });
  // Was 8: the body's bottom padding, where the list scrolled by in sight under the preview.
  expect(gap).toBe(0);
});

test('a double click on Insert in the sidebar puts the reply into the chat box once (it went in twice, and counted twice)', async ({ page }) => {
  await ready(page, 'composers/textarea.html');
  await focusComposer(page);
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('E2E ships today');
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-ship');
  await sidebar.getByTestId('reply-insert').dblclick();
  await expect(sidebar.getByTestId('reply-status')).toBeVisible();
  await expect.poll(() => modelText(page)).toBe('Your order ships today.');
  // The second click's insert, had it run, lands by the time the agent has typed after the reply.
  await page.getByTestId('xiaoer-toggle').click();
  await page.locator('#composer-input').press('End');
  await page.keyboard.type('!');
  await expect.poll(() => modelText(page)).toBe('Your order ships today.!');
});

test('a chat box that takes no script-made input (EditContext, trusted input only): Insert puts the reply on the clipboard and says so, and the agent\'s Ctrl+V brings it in (the copy failed silently in the sidebar frame); the reply counts as used (it never did)', async ({ ext, page }) => {
  const helper = await openDashboard(ext);
  const uses = async () => ((await storeRows(helper, 'replies')).find((r) => r.id === 'e2e-ship')?.usageCount as number) ?? 0;
  const before = await uses();
  await ready(page, 'composers/edit-context.html');
  // The agent works in the tab in front. With the helper page in front instead, this tab drew no frames, the
  // sidebar opened in it was not yet known to the browser's hit test, and the click on Insert went to the page
  // (target: the sidebar's iframe element) — about one run in three (CI, session 22).
  await page.bringToFront();
  await page.locator('#composer-input').click();
  await page.keyboard.type('亲 ');
  await expect.poll(() => modelText(page)).toBe('亲 ');
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('E2E ships today');
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', 'e2e-ship');
  await sidebar.getByTestId('reply-insert').click();
  await expect(sidebar.getByTestId('reply-status')).toContainText('Ctrl+V');
  await expect.poll(uses).toBe(before + 1);
  // Nothing went in by script; the agent pastes where they were typing.
  expect(await modelText(page)).toBe('亲 ');
  await page.bringToFront();
  await page.locator('#composer-input').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+V');
  await expect.poll(() => modelText(page)).toBe('亲 Your order ships today.');
  await helper.close();
});

test('Tab expansion into a chat box that takes no script-made input (EditContext): a notice by the chat box, in the UI language, says the reply is copied and to press Ctrl+V, without taking the keyboard; Ctrl+V puts the reply in place of the shortcut (nothing showed, the shortcut just stayed)', async ({ ext, page }) => {
  const before = await setUiLang(ext, 'zh-CN');
  try {
    await ready(page, 'composers/edit-context.html');
    const box = page.locator('#composer-input');
    await box.click();
    await page.waitForTimeout(250);
    await page.keyboard.type('亲 ;zz', { delay: 15 });
    await page.keyboard.press('Tab');
    const notice = page.getByTestId('xiaoer-paste-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveText('已复制回复：请按 Ctrl+V 粘贴到聊天框。');
    await expect(notice).toHaveAttribute('role', 'status');
    // By the chat box (just above it), and the keyboard stayed there.
    const [n, b] = [(await notice.boundingBox())!, (await box.boundingBox())!];
    expect(n.y + n.height).toBeLessThanOrEqual(b.y + 1);
    expect(b.y - (n.y + n.height)).toBeLessThan(40);
    expect(n.x).toBeGreaterThanOrEqual(b.x - 1);
    await expect(box).toBeFocused();
    expect(await modelText(page)).toBe('亲 ;zz');
    await page.keyboard.press('Control+V');
    await expect.poll(() => modelText(page)).toBe('亲 Your order ships today.');
    await expect(notice).toBeHidden();
    // The caret is after the reply: typing goes on there.
    await page.keyboard.type('!');
    await expect.poll(() => modelText(page)).toBe('亲 Your order ships today.!');
  } finally {
    await setUiLang(ext, before);
  }
});

test('the Tab notice of a box that takes no script-made input goes away on Esc, or as the agent types on: the shortcut is then kept as typed, with the typing after it', async ({ page }) => {
  await ready(page, 'composers/edit-context.html');
  const box = page.locator('#composer-input');
  await box.click();
  await page.waitForTimeout(250);
  await page.keyboard.type(';zz', { delay: 15 });
  await page.keyboard.press('Tab');
  const notice = page.getByTestId('xiaoer-paste-notice');
  await expect(notice).toContainText('Ctrl+V');
  await page.keyboard.press('Escape');
  await expect(notice).toBeHidden();
  // Its live region stays in the page, emptied: a screen reader reads the next notice's words as they come
  // (a region put in the page with its words already in was not read out).
  await expect(notice).toBeAttached();
  await expect(notice).toHaveText('');
  await expect(box).toBeFocused();
  await page.keyboard.type(' ok');
  await expect.poll(() => modelText(page)).toBe(';zz ok');
  // Typing on, without Esc: the notice goes, and the key does not replace the shortcut.
  await page.keyboard.type(' ;zz', { delay: 15 });
  await page.keyboard.press('Tab');
  await expect(notice).toBeVisible();
  await page.keyboard.type('x');
  await expect(notice).toBeHidden();
  await expect.poll(() => modelText(page)).toBe(';zz ok ;zzx');
});

test('a reply pasted from the Tab notice of a box that takes no script-made input counts as used, as one inserted does (its usage never grew, and the most used replies go first)', async ({ ext, page }) => {
  const helper = await openDashboard(ext);
  const uses = async () => ((await storeRows(helper, 'replies')).find((r) => r.id === 'e2e-ship')?.usageCount as number) ?? 0;
  const before = await uses();
  await ready(page, 'composers/edit-context.html');
  // The agent works in the tab in front. With the helper page in front instead, this tab drew no frames, the
  // sidebar opened in it was not yet known to the browser's hit test, and the click on Insert went to the page
  // (target: the sidebar's iframe element) — about one run in three (CI, session 22).
  await page.bringToFront();
  await page.locator('#composer-input').click();
  await page.waitForTimeout(250);
  await page.keyboard.type(';zz', { delay: 15 });
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('xiaoer-paste-notice')).toBeVisible();
  // Not before the paste: the reply is only on the clipboard.
  await page.waitForTimeout(300);
  expect(await uses()).toBe(before);
  await page.keyboard.press('Control+V');
  await expect.poll(() => modelText(page)).toBe('Your order ships today.');
  await expect.poll(uses).toBe(before + 1);
  await helper.close();
});

test('Tab expansion into a box that takes no script-made input, when the clipboard is refused too: the notice says the reply could not be copied and what to do (it must not say "press Ctrl+V")', async ({ page }) => {
  await ready(page, 'composers/edit-context.html');
  // The page's clipboard permission denied (a browser policy, a site setting): the copy fails.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'clipboard-write' }, setting: 'denied', origin: new URL(page.url()).origin });
  try {
    const box = page.locator('#composer-input');
    await box.click();
    await page.waitForTimeout(250);
    await page.keyboard.type('亲 ;zz', { delay: 15 });
    await page.keyboard.press('Tab');
    const notice = page.getByTestId('xiaoer-paste-notice');
    await expect(notice).toHaveText('This chat box does not take replies from Xiaoer, and the reply could not be copied: open the sidebar (the 小二 tab at the page\'s right edge) and insert it from there.');
    await expect(box).toBeFocused();
    expect(await modelText(page)).toBe('亲 ;zz');
  } finally {
    // The browser is shared by the spec's tests: the next ones copy again.
    await cdp.send('Browser.resetPermissions');
  }
});

test("the toggle tab's tooltip follows a UI-language switch in the dashboard on the open page, without a reload (it kept the old language until the next page load)", async ({ ext, page }) => {
  const before = await setUiLang(ext, 'en');
  try {
    await ready(page, 'composers/textarea.html');
    const tab = page.getByTestId('xiaoer-toggle');
    const keys = await sidebarKeys(ext);
    await expect(tab).toHaveAttribute('title', toggleTitle('Open or close the Xiaoer sidebar', keys));
    // Switched the seller's way, in the dashboard's Settings, kept open until the page follows.
    const dash = await openDashboard(ext);
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#settings`);
    await dash.getByTestId('settings-ui-lang').selectOption('zh-TW');
    await expect(tab).toHaveAttribute('title', toggleTitle('開啟或關閉小二側邊欄', keys));
    await dash.getByTestId('settings-ui-lang').selectOption('zh-CN');
    await expect(tab).toHaveAttribute('title', toggleTitle('打开或关闭小二侧边栏', keys));
    await dash.close();
  } finally {
    await setUiLang(ext, before);
  }
});

test('a library or settings change does not load the reply engine into a page where the agent has not typed (it loaded ~290 KB into every open marketplace tab); the tooltip still follows, and Tab expands once the agent types', async ({ ext, page }) => {
  const before = await setUiLang(ext, 'en');
  try {
    await ready(page, 'composers/textarea.html');
    // Every script the page's worlds have parsed, the content script's own included (the debugger lists them).
    const cdp = await page.context().newCDPSession(page);
    const parsed: string[] = [];
    cdp.on('Debugger.scriptParsed', (e) => parsed.push(e.url));
    await cdp.send('Debugger.enable');
    const coreLoaded = () => parsed.some((url) => url.endsWith('/overlay-core.js'));
    expect(parsed.some((url) => url.endsWith('/content-scripts/overlay.js'))).toBe(true);
    expect(coreLoaded()).toBe(false);
    const tab = page.getByTestId('xiaoer-toggle');
    const dash = await openDashboard(ext);
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#settings`);
    await dash.getByTestId('settings-ui-lang').selectOption('zh-TW');
    await expect(tab).toHaveAttribute('title', toggleTitle('開啟或關閉小二側邊欄', await sidebarKeys(ext)));
    expect(coreLoaded()).toBe(false);
    await dash.close();
    await page.bringToFront();
    await focusComposer(page);
    await page.keyboard.type('hi ;zz', { delay: 15 });
    await page.keyboard.press('Tab');
    await expect.poll(() => modelText(page)).toBe('hi Your order ships today.');
    expect(coreLoaded()).toBe(true);
  } finally {
    await setUiLang(ext, before);
  }
});

test('a Tab held before the overlay was ready, after a word that is no shortcut, is given back to the page once it decides: focus moves on as with any Tab (it was swallowed)', async ({ ext, page }) => {
  await ready(page, 'composers/textarea.html');
  await page.evaluate(() => {
    (window as unknown as { __tabs: number }).__tabs = 0;
    document.getElementById('composer-input')!.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') (window as unknown as { __tabs: number }).__tabs++;
    });
  });
  await holdAnswers(ext, 'shortcuts:get', true);
  try {
    await focusComposer(page);
    await page.keyboard.type('no shortcut', { delay: 10 });
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    // Held meanwhile, as a Tab that may end a shortcut is.
    await expect(page.locator('#composer-input')).toBeFocused();
  } finally {
    await holdAnswers(ext, 'shortcuts:get', false);
  }
  // The page saw its Tab, and focus went where a Tab takes it: the Send button after the chat box.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __tabs: number }).__tabs)).toBe(1);
  await expect(page.getByTestId('send')).toBeFocused();
  expect(await modelText(page)).toBe('no shortcut');
});

test('a Tab held before the overlay was ready, after a word that is no shortcut, in an editor that takes Tab itself (Quill: a tab character) is the editor\'s once the overlay decides, as with the overlay ready', async ({ ext, page }) => {
  await ready(page, 'composers/quill.html');
  await holdAnswers(ext, 'shortcuts:get', true);
  try {
    await focusComposer(page);
    await page.keyboard.type('no shortcut', { delay: 10 });
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(await modelText(page)).toBe('no shortcut');
  } finally {
    await holdAnswers(ext, 'shortcuts:get', false);
  }
  await expect.poll(() => modelText(page)).toBe('no shortcut\t');
  await expect(page.locator('#composer .ql-editor')).toBeFocused();
});

test('Duplicate in the sidebar opens the copy in the editor to rename it (nothing showed that a copy was made); a double click makes one copy', async ({ ext, page }) => {
  const tag = `dup${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-r`, title: `${tag} 包邮说明`, shortcut: `;${tag}`, body: { 'zh-CN': '亲，全店满99元包邮哦～', 'zh-TW': '', en: '' } }]);
  await ready(page, 'composers/textarea.html');
  await focusComposer(page);
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill(`;${tag}`);
  await expect(sidebar.getByTestId('reply-item').first()).toHaveAttribute('data-reply-id', `${tag}-r`);
  await sidebar.getByTestId('reply-duplicate').dblclick();
  const editor = sidebar.getByTestId('reply-editor');
  await expect(editor).toBeVisible();
  await expect(sidebar.getByTestId('editor-title')).toHaveValue(`${tag} 包邮说明 (2)`);
  await expect(sidebar.getByTestId('editor-shortcut')).toHaveValue('');
  await expect(sidebar.getByTestId('editor-body-zh-CN')).toHaveValue('亲，全店满99元包邮哦～');
  const helper = await openDashboard(ext);
  const copies = async () => (await storeRows(helper, 'replies')).filter((r) => String(r.title).startsWith(tag));
  await expect.poll(async () => (await copies()).length).toBe(2);
  // Renamed and saved: the copy is the one changed, the original stays.
  await sidebar.getByTestId('editor-title').fill(`${tag} 包邮说明（大促）`);
  await sidebar.getByTestId('editor-save').click();
  await expect(editor).toHaveCount(0);
  await expect.poll(async () => (await copies()).map((r) => r.title).sort()).toEqual([`${tag} 包邮说明`, `${tag} 包邮说明（大促）`]);
  for (const r of await copies()) await deleteRow(helper, 'replies', r.id);
  await helper.close();
});

test('the sidebar shows a category deleted in the dashboard meanwhile: the list goes back to All (it went empty with no category chosen)', async ({ ext, page }) => {
  const tag = `cat${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  await dash.getByTestId('category-new-name').fill(`${tag} 双11`);
  await dash.getByTestId('category-create').click();
  await expect.poll(async () => (await storeRows(dash, 'categories')).find((c) => c.name === `${tag} 双11`)?.id ?? null).not.toBeNull();
  const catId = (await storeRows(dash, 'categories')).find((c) => c.name === `${tag} 双11`)!.id as string;
  await seedReplies(ext, [{ id: `${tag}-r`, title: `${tag} 双11发货`, shortcut: '', categoryId: catId, body: { 'zh-CN': '双11订单按付款顺序发货', 'zh-TW': '', en: '' } }]);

  await ready(page, 'composers/textarea.html');
  await focusComposer(page);
  const sidebar = await openSidebar(page);
  // Chosen once the chip holds still: the category bar still re-flows while the library loads, and a click
  // at the chip's old place landed on its neighbour's gap (seen: "All" still chosen, 60 replies listed).
  const chip = sidebar.getByTestId('category').filter({ hasText: `${tag} 双11` });
  await expect(async () => {
    await chip.click();
    await expect(chip).toHaveAttribute('aria-selected', 'true', { timeout: 1_000 });
  }).toPass();
  await expect(sidebar.getByTestId('reply-item')).toHaveCount(1);
  await ask(dash, 'category:delete', { id: catId, moveTo: 'xiaoer-cat-shipping' });
  await expect(sidebar.getByTestId('category').filter({ hasText: `${tag} 双11` })).toHaveCount(0);
  await expect(sidebar.locator('.categories [role="tab"][aria-selected="true"]')).toHaveCount(1);
  await expect(sidebar.getByTestId('reply-item').first()).toBeVisible();
  await deleteRow(dash, 'replies', `${tag}-r`);
  await dash.close();
});

test('＋ in the sidebar with a category chosen starts the new reply in that category (it started in the first one, Greetings)', async ({ page }) => {
  await ready(page, 'composers/textarea.html');
  await focusComposer(page);
  const sidebar = await openSidebar(page);
  const chip = sidebar.getByTestId('category').nth(3);
  await chip.click();
  await expect(chip).toHaveAttribute('aria-selected', 'true');
  const chosen = (await chip.textContent())!.trim();
  await sidebar.getByTestId('reply-new').click();
  const category = sidebar.getByTestId('editor-category');
  await expect(category).toBeVisible();
  expect((await category.locator('option:checked').textContent())!.trim()).toBe(chosen);
  await sidebar.getByRole('button', { name: 'Cancel' }).click();
});
