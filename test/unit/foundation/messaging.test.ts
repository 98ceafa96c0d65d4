import { describe, expect, it } from 'vitest';
import { BackgroundRequests, OverlayCommands, classifySender, envelope, parseIncoming } from '../../../lib/messaging';
import { PageState } from '../../../lib/schema/page';
import { Case } from '../../../lib/schema';

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

describe('reminder times', () => {
  const kase = { type: 'complaint', title: 't', site: 'pinduoduo', buyerId: null, buyerName: 'x', orderId: '1', followUpAt: null, note: '' };
  it('a time that is not a real one is refused where received and in a stored case (a restore), naming the field', () => {
    const bad = parseIncoming(BackgroundRequests, envelope('case:create', { ...kase, replyDueAt: '2026-13-45T99:00:00+08:00' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('replyDueAt') } });
    expect(parseIncoming(BackgroundRequests, envelope('case:create', { ...kase, replyDueAt: '2026-11-24T18:00:00+08:00' })).ok).toBe(true);
    const stored = { id: 'c1', type: 'complaint', status: 'open', title: '', site: '', buyerId: null, buyerName: '', orderId: '', timeline: [], replyDueAt: null, followUpAt: '2026-11-31T25:00:00Z', createdAt: '', updatedAt: '' };
    const parsed = Case.safeParse(stored);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['followUpAt']);
    expect(Case.safeParse({ ...stored, followUpAt: '2026-11-30T23:00:00Z' }).success).toBe(true);
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
