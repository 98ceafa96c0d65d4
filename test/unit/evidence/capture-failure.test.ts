import { describe, expect, it } from 'vitest';
import { captureFailure, captureFailureText } from '../../../lib/messaging';
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
});
