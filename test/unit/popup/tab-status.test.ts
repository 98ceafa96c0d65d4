/**
 * The popup's first frame (entrypoints/popup-first.ts) asks the tab for its
 * state before the app loads: the reply is raw until tab-status.ts parses it
 * with the protocol's schema — a malformed or hostile reply must come out as
 * 'off', never as a state to show.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { emptyContext } from '../../../lib/schema';
import { tabStatus } from '../../../components/popup/tab-status';

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

/** The popup opened for `?tab=<tab>`, the tab at `url` answering 'overlay:state' with `reply`. */
function statusFrom(tab: string, url: string | undefined, reply: unknown) {
  vi.stubGlobal('location', { search: `?tab=${tab}` });
  const asked: unknown[] = [];
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id: number) => ({ id, url }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) => {
    asked.push(args);
    if (reply instanceof Error) throw reply;
    return reply;
  });
  return { status: tabStatus(), asked };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('popup tab status, asked by the first frame', () => {
  it("asks the tab's top frame with the protocol's envelope and takes its answer, parsed", async () => {
    const { status, asked } = statusFrom('7', live.url, { ok: true, value: live });
    expect(await status).toEqual({ tabId: 7, host: 'mms.pinduoduo.com', state: live });
    expect(asked).toEqual([[7, { xiaoer: 1, type: 'overlay:state', payload: {} }, { frameId: 0 }]]);
  });

  it('a reply that does not parse is a tab Xiaoer does not run in, not a state to show', async () => {
    for (const reply of [
      { ok: true, value: { ...live, source: 'injected' } },
      { ok: true, value: { ...live, siteName: 42 } },
      { ok: true, value: { ...live, context: { ...live.context, buyer: '<img onerror>' } } },
      { ok: false, error: { code: 'failed', message: 'x' } },
      'hello',
      null,
      new Error('Could not establish connection. Receiving end does not exist.'),
    ]) {
      const { status } = statusFrom('7', live.url, reply);
      const s = await status;
      expect(s.state, String(reply instanceof Error ? reply.message : JSON.stringify(reply))).toBe('off');
      expect(s.tabId).toBe(7);
      vi.restoreAllMocks();
    }
  });

  it('a non-web URL gives no host; a tab that cannot be read is still asked', async () => {
    expect((await statusFrom('3', 'chrome://extensions/', null).status).host).toBeNull();
    expect(await statusFrom('3', undefined, { ok: true, value: live }).status).toEqual({ tabId: 3, host: null, state: live });
  });
});
