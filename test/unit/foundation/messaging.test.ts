import { describe, expect, it } from 'vitest';
import { BackgroundRequests, OverlayCommands, classifySender, envelope, parseIncoming } from '../../../lib/messaging';
import { PageState } from '../../../lib/schema/page';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT}/`;

describe('protocol parsing', () => {
  it('accepts a well-formed request', () => {
    const r = parseIncoming(BackgroundRequests, envelope('reply:used', { replyId: 'r1', site: 'pinduoduo' }));
    expect(r.ok).toBe(true);
  });
  it('refuses unknown types, non-envelopes, extra fields and oversized payloads with typed errors', () => {
    expect(parseIncoming(BackgroundRequests, envelope('db:drop', {}))).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect(parseIncoming(BackgroundRequests, { type: 'reply:used' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(parseIncoming(BackgroundRequests, envelope('reply:used', { replyId: 'r1', site: 'x', admin: true }))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(parseIncoming(BackgroundRequests, envelope('reply:used', { replyId: 'x'.repeat(101), site: 'x' }))).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('replyId') },
    });
    expect(parseIncoming(OverlayCommands, envelope('overlay:insert', { text: 'x'.repeat(9_000_000), cursorOffset: null, reviewKey: null }))).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    expect(parseIncoming(BackgroundRequests, envelope('__proto__', {}))).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });
});

describe('the popup\'s first frame asks a page\'s state outside the protocol file (components/popup/tab-status.ts)', () => {
  it('with the very schema the protocol names for that reply', () => {
    expect(OverlayCommands['overlay:state'].res).toBe(PageState);
  });
});

describe('sender classification', () => {
  it('trusts only our extension pages as extension', () => {
    expect(classifySender({ id: EXT, url: `${ORIGIN}sidebar.html`, tab: { id: 1 } }, EXT, ORIGIN)).toBe('extension');
    expect(classifySender({ id: EXT, url: `${ORIGIN}dashboard.html` }, EXT, ORIGIN)).toBe('extension');
  });
  it('classifies a content script by its page URL, whatever it claims', () => {
    expect(classifySender({ id: EXT, url: 'https://mms.pinduoduo.com/chat-merchant/', tab: { id: 3 } }, EXT, ORIGIN)).toBe('content');
    expect(classifySender({ id: EXT, url: `https://evil.example/${ORIGIN}`, tab: { id: 3 } }, EXT, ORIGIN)).toBe('content');
  });
  it('refuses other extensions', () => {
    expect(classifySender({ id: 'other', url: `chrome-extension://other/x.html` }, EXT, ORIGIN)).toBe('foreign');
  });
});
