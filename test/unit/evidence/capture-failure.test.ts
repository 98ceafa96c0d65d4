import { describe, expect, it } from 'vitest';
import { SKIPPED_CODES, captureFailure, captureFailureText, skippedText } from '../../../lib/messaging';
import { XiaoerError } from '../../../lib/wire';
import { translate } from '../../../lib/i18n';

describe('capture failures in the seller\'s words', () => {
  const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate('zh-CN', key, vars);

  it('tells a tab without Xiaoer from a stopped worker (was: both "the background stopped, try again")', () => {
    // commandOverlay wraps the tab's refusal to answer as not-found.
    expect(captureFailure(new XiaoerError('not-found', 'Could not establish connection. Receiving end does not exist.'))).toBe('no-overlay');
    expect(captureFailure(new Error('Could not establish connection. Receiving end does not exist.'))).toBe('interrupted');
    expect(captureFailure(new XiaoerError('failed', 'capture:chat: no reply'))).toBe('interrupted');
  });

  it('words each typed cause in the UI language, and anything else after "nothing was stored"', () => {
    for (const [code, key] of [['tab-gone', 'evTabGone'], ['not-active', 'evNotActive'], ['not-allowed', 'evNotAllowed'], ['quota', 'evStorageFull'], ['not-buyer', 'evNotBuyersWords']] as const) {
      expect(captureFailureText(new XiaoerError(code, 'No tab with id: 939602094.'), zh)).toBe(translate('zh-CN', key));
    }
    expect(captureFailureText(new Error('disk on fire'), zh)).toBe('未保存：disk on fire');
    expect(captureFailureText(new XiaoerError('not-found', 'x'), zh)).toMatch(/^未保存：小二没有在此页面运行/);
  });

  it('a sidebar left open across an extension reload says to reload the page, not "try again" (every try fails the same way)', () => {
    // commandOverlay wraps it as not-found; a background request throws it as it is.
    expect(captureFailureText(new XiaoerError('not-found', 'Extension context invalidated.'), zh)).toBe(translate('zh-CN', 'errReloaded'));
    expect(captureFailureText(new Error('Extension context invalidated.'), zh)).toBe(translate('zh-CN', 'errReloaded'));
    // One cause, read first: not the wrapper's not-found ("no Xiaoer on this page") nor a stopped worker.
    expect(captureFailure(new XiaoerError('not-found', 'Extension context invalidated.'))).toBe('reloaded');
    expect(captureFailure(new Error('Error: Extension context invalidated.'))).toBe('reloaded');
    expect(captureFailure(new Error('Could not establish connection. Receiving end does not exist.'))).toBe('interrupted');
  });
});

describe('what a chat capture left out, in the seller\'s words', () => {
  const t = (lang: 'zh-CN' | 'zh-TW' | 'en') => (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate(lang, key, vars);

  it('was: "聊天记录已存为证据 #5 · screenshot: the tab is not in front" — every note is worded in zh-CN and zh-TW too', () => {
    expect(skippedText({ code: 'screenshot-not-in-front' }, t('zh-CN'))).toBe('截图未保存：该标签页不在最前面');
    expect(skippedText({ code: 'screenshot-not-in-front' }, t('zh-TW'))).toBe('截圖未儲存：該分頁不在最前面');
    expect(skippedText({ code: 'screenshot-not-in-front' }, t('en'))).toBe('no screenshot: the tab is not in front');
    for (const code of SKIPPED_CODES) {
      for (const lang of ['zh-CN', 'zh-TW'] as const) {
        const text = skippedText({ code, detail: 'X' }, t(lang));
        // Latin letters only in the format names (HTML, MHTML) and the detail; no English sentence.
        expect(text.replace(/M?HTML|X/g, '')).not.toMatch(/[A-Za-z]/);
        expect(text).not.toContain('{');
      }
    }
  });

  it('an unexpected error keeps its own text after a translated lead', () => {
    expect(skippedText({ code: 'screenshot-failed', detail: 'Tabs cannot be edited right now' }, t('zh-CN'))).toBe('截图未保存：Tabs cannot be edited right now');
    expect(skippedText({ code: 'mhtml-failed', detail: 'Failed to save MHTML.' }, t('zh-TW'))).toBe('MHTML 快照未儲存：Failed to save MHTML.');
    // A note without a detail where one is expected never shows the placeholder itself.
    expect(skippedText({ code: 'mhtml-failed' }, t('en'))).not.toContain('{detail}');
  });
});
