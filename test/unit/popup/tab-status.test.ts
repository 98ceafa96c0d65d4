/**
 * The popup's first answer comes from public/popup-early.js, asked before the
 * popup's modules load: it is raw until tab-status.ts parses it with the
 * protocol's schema — a malformed or hostile reply must come out as 'off'.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyContext } from '../../../lib/schema';

const live = {
  url: 'https://mms.pinduoduo.com/chat-merchant/index.html',
  title: '拼多多 商家后台',
  site: 'pinduoduo',
  siteName: 'Pinduoduo',
  source: 'dedicated',
  kind: 'chat',
  context: emptyContext(),
  messageCount: null,
  hasComposer: true,
  reviews: [],
};

async function statusFrom(early: unknown) {
  vi.resetModules();
  (globalThis as { __xiaoerEarlyTab?: Promise<unknown> }).__xiaoerEarlyTab = Promise.resolve(early);
  const { tabStatus } = await import('../../../components/popup/tab-status');
  return tabStatus();
}

afterEach(() => {
  delete (globalThis as { __xiaoerEarlyTab?: unknown }).__xiaoerEarlyTab;
});

describe('popup tab status from the early question', () => {
  it('takes the answer asked before the modules loaded, parsed with the protocol schema', async () => {
    const s = await statusFrom({ tabId: 7, url: live.url, reply: { ok: true, value: live } });
    expect(s).toEqual({ tabId: 7, host: 'mms.pinduoduo.com', state: live });
  });

  it('a reply that does not parse is a tab Xiaoer does not run in, not a state to show', async () => {
    for (const reply of [
      { ok: true, value: { ...live, source: 'injected' } },
      { ok: true, value: { ...live, siteName: 42 } },
      { ok: false, error: { code: 'failed', message: 'x' } },
      'hello',
      null,
    ]) {
      const s = await statusFrom({ tabId: 7, url: live.url, reply });
      expect(s.state, JSON.stringify(reply)).toBe('off');
      expect(s.tabId).toBe(7);
    }
  });

  it('no tab, or a tab id that is not one, gives no tab; a non-web URL no host', async () => {
    expect(await statusFrom({ tabId: null, url: null, reply: null })).toEqual({ tabId: null, host: null, state: 'off' });
    expect((await statusFrom({ tabId: 1.5, url: live.url, reply: { ok: true, value: live } })).tabId).toBeNull();
    expect((await statusFrom({ tabId: 3, url: 'chrome://extensions/', reply: null })).host).toBeNull();
  });
});
