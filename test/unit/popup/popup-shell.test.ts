// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mountPopupShell } from '../../../components/popup/popup-shell';
import type { TabStatus } from '../../../components/popup/tab-status';
import type { PageState } from '../../../lib/messaging';

const live = { siteName: 'Pinduoduo <b>x</b>', source: 'dedicated' } as PageState;

function setup(lang: 'en' | 'zh-CN' | 'zh-TW' = 'en') {
  let answer!: (s: TabStatus) => void;
  const status = new Promise<TabStatus>((ok) => (answer = ok));
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const shell = mountPopupShell(root, lang, status);
  return { root, shell, answer };
}

const enter = (input: HTMLInputElement, isComposing = false) => {
  const e = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true, bubbles: true, isComposing });
  input.dispatchEvent(e);
  return e;
};

describe('popup first frame (plain DOM)', () => {
  it('paints header, status and a disabled search box in the first-frame language', () => {
    const { root, shell } = setup('zh-CN');
    expect(root.querySelector('header strong')?.textContent).toBe('小二');
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('当前标签页：…');
    expect(shell.search.disabled).toBe(true);
    expect(shell.search.placeholder).toContain('搜索回复');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('enables and focuses the search box when the tab answers live, names the site as text', async () => {
    const { root, shell, answer } = setup();
    answer({ tabId: 7, host: 'mms.pinduoduo.com', state: live });
    await Promise.resolve();
    await Promise.resolve();
    expect(shell.search.disabled).toBe(false);
    expect(document.activeElement).toBe(shell.search);
    const status = root.querySelector('[data-testid="popup-status"]')!;
    expect(status.textContent).toBe('This tab: Pinduoduo <b>x</b> · dedicated adapter');
    expect(status.querySelector('b')).toBeNull();
  });

  it('stays disabled on a tab where Xiaoer does not run', async () => {
    const { root, shell, answer } = setup('zh-TW');
    answer({ tabId: 7, host: null, state: 'off' });
    await Promise.resolve();
    await Promise.resolve();
    expect(shell.search.disabled).toBe(true);
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('目前分頁：此網站未啟用小二');
  });

  it('queues an Enter typed before the app attached (not during an IME composition, not on an empty box)', () => {
    const { shell } = setup();
    shell.showState(live);
    expect(enter(shell.search).defaultPrevented).toBe(false); // empty query: nothing to insert
    expect(shell.takeQueuedEnter()).toBe(false);
    shell.search.value = 'fukuan';
    expect(enter(shell.search, true).defaultPrevented).toBe(false); // the IME's own Enter commits the composition
    expect(shell.takeQueuedEnter()).toBe(false);
    expect(enter(shell.search).defaultPrevented).toBe(true);
    expect(shell.takeQueuedEnter()).toBe(true);
    expect(shell.takeQueuedEnter()).toBe(false); // taken once
    shell.attach();
    enter(shell.search);
    expect(shell.takeQueuedEnter()).toBe(false); // the app handles Enter itself once attached
  });

  it('re-labels when the settings language differs from the guess', () => {
    const { root, shell } = setup('en');
    shell.showState(live);
    shell.setLang('zh-TW');
    expect(root.querySelector('header strong')?.textContent).toBe('小二');
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('目前分頁：Pinduoduo <b>x</b> · 專用適配');
    expect(shell.search.placeholder).toContain('搜尋回覆');
  });

  it('names the tab\'s marketplace in the UI language, not the reader\'s mixed name', () => {
    // The reader's name is one string for every UI: "AliExpress 速卖通" (Simplified) in a zh-TW popup.
    const ali = { site: 'aliexpress', siteName: 'AliExpress 速卖通', source: 'dedicated' } as PageState;
    const { root, shell } = setup('zh-TW');
    shell.showState(ali);
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('目前分頁：速賣通 · 專用適配');
    shell.setLang('en');
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('This tab: AliExpress · dedicated adapter');
    // A backend read by the generic heuristics is named by its host, as the reader names it.
    shell.showState({ site: 'generic', siteName: 'erp.example.cn', source: 'generic' } as PageState);
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toBe('This tab: erp.example.cn · generic heuristics');
  });
});
