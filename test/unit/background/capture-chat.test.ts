/**
 * Capture chat's MHTML snapshot follows the seller's choice, not the permission alone: pageCapture stays granted
 * once given (the e2e build holds it for good), and a page.mhtml was kept on every later capture whatever the
 * sidebar's box said. And what was left out comes back as codes for the UI to word, never as English sentences.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { captureChat } from '../../../entrypoints/background/evidence';
import { getDb, resetDbForTests } from '../../../lib/db';
import { CaptureResult } from '../../../lib/messaging';

const TAB = 7;

/** A tab in the background (no screenshot), showing one message and no pane HTML (no offscreen sanitising). */
function fakeChatTab({ permitted, mhtml }: { permitted: boolean; mhtml: 'ok' | 'fails' }) {
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: TAB, active: false } as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (_tab: number, m: unknown) => {
    expect((m as { type: string }).type).toBe('overlay:chat-snapshot');
    return {
      ok: true,
      value: {
        url: 'https://mms.pinduoduo.com/chat',
        title: 'chat',
        site: 'pinduoduo',
        context: { buyer: { name: '小王', id: 'u1' }, order: { number: '240101', product: null, amount: null, status: null }, tracking: { number: null, carrier: null, eta: null }, buyerLang: null },
        messages: [{ platformId: null, sender: 'buyer', timeText: '10:00', timeIso: null, text: '还没发货吗', images: [] }],
        paneHtml: null,
        htmlTruncated: false,
      },
    };
  });
  const contains = vi.fn(async () => permitted);
  (fakeBrowser as unknown as { permissions: { contains: typeof contains } }).permissions.contains = contains;
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '9.9.9' } as never);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined as never);
  const saveAsMHTML = vi.fn((_d: { tabId: number }, cb: (blob?: Blob) => void) => {
    if (mhtml === 'fails') {
      chromeApi.runtime.lastError = { message: 'Failed to save MHTML.' };
      cb(undefined);
      delete chromeApi.runtime.lastError;
    } else cb(new Blob(['MIME-Version: 1.0\r\n'], { type: 'multipart/related' }));
  });
  const chromeApi: { pageCapture: { saveAsMHTML: typeof saveAsMHTML }; runtime: { lastError?: { message: string } } } = { pageCapture: { saveAsMHTML }, runtime: {} };
  (globalThis as unknown as { chrome: unknown }).chrome = chromeApi;
  return { saveAsMHTML, contains };
}

afterEach(async () => {
  vi.restoreAllMocks();
  delete (globalThis as { chrome?: unknown }).chrome;
  await getDb().delete();
  resetDbForTests();
});

describe('Capture chat keeps an MHTML snapshot only when the seller asked for one', () => {
  it('not asked: no page.mhtml although pageCapture is held, and nothing said about it', async () => {
    const { saveAsMHTML } = fakeChatTab({ permitted: true, mhtml: 'ok' });
    const r = await captureChat(TAB, '', null);
    expect(r.artifacts).not.toContain('page.mhtml');
    expect(saveAsMHTML).not.toHaveBeenCalled();
    expect(r.skipped.map((s) => s.code)).not.toContain('mhtml-not-permitted');
  });

  it('asked and permitted: page.mhtml is stored with the record', async () => {
    const { saveAsMHTML } = fakeChatTab({ permitted: true, mhtml: 'ok' });
    const r = await captureChat(TAB, '', null, { mhtml: true });
    expect(r.artifacts).toContain('page.mhtml');
    expect(saveAsMHTML).toHaveBeenCalledWith({ tabId: TAB }, expect.any(Function));
    expect(r.skipped.some((s) => s.code.startsWith('mhtml'))).toBe(false);
  });

  it('asked but not permitted: no page.mhtml, and the note says the permission is missing', async () => {
    const { saveAsMHTML } = fakeChatTab({ permitted: false, mhtml: 'ok' });
    const r = await captureChat(TAB, '', null, { mhtml: true });
    expect(r.artifacts).not.toContain('page.mhtml');
    expect(saveAsMHTML).not.toHaveBeenCalled();
    expect(r.skipped).toContainEqual({ code: 'mhtml-not-permitted' });
  });

  it('what was left out is data the UI words: codes, with the browser\'s error text only as a detail', async () => {
    fakeChatTab({ permitted: true, mhtml: 'fails' });
    const r = await captureChat(TAB, '', null, { mhtml: true });
    expect(r.skipped).toEqual([
      { code: 'screenshot-not-in-front' },
      { code: 'no-message-pane' },
      { code: 'mhtml-failed', detail: 'Failed to save MHTML.' },
    ]);
    // The reply passes the protocol's own schema (what the sidebar and popup parse it with).
    expect(CaptureResult.safeParse(r).success).toBe(true);
  });
});
