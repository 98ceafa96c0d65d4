// @vitest-environment jsdom
// The overlay's refusal of Capture chat on a review list or an order page asks only the page's kind
// (reader.kind()): not the whole page state, which reads the context, the composer and scans for reviews.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const page = vi.hoisted(() => {
  const calls: string[] = [];
  const state = { kind: 'chat' as string, generic: false, reviews: 0 };
  const adapter = {
    id: 'fake',
    name: 'Fake',
    detect: () => null,
    context: () => (calls.push('context'), { buyer: { name: 'b', id: null }, order: { number: null, product: null, amount: null, status: null }, tracking: { number: null, carrier: null, eta: null }, buyerLang: null }),
    messages: () => (calls.push('messages'), []),
    messageCount: () => (calls.push('messageCount'), 0),
    reviews: () => (calls.push('reviews'), Array.from({ length: state.reviews }, () => ({ review: {}, element: document.body }))),
    composer: () => (calls.push('composer'), null),
    messagePane: () => (calls.push('messagePane'), null),
  };
  return { calls, state, adapter };
});
vi.mock('../../../lib/sites/registry', () => ({
  pickAdapter: () => ({ adapter: page.adapter, kind: page.state.kind, generic: page.state.generic }),
}));

const { createPageReader } = await import('../../../entrypoints/overlay.content/page-reader');

beforeEach(() => {
  page.calls.length = 0;
  page.state.reviews = 0;
});

describe('reader.kind()', () => {
  it('names a chat or an order page from its adapter alone: no context read, no review scan', () => {
    for (const kind of ['chat', 'order', 'reviews']) {
      page.state.kind = kind;
      page.state.generic = false;
      expect(createPageReader().kind()).toBe(kind);
    }
    expect(page.calls).toEqual([]);
  });

  it('an unnamed page is a review list when reviews are found on it, as the page state says', () => {
    page.state.kind = 'other';
    page.state.generic = true;
    const reader = createPageReader();
    expect(reader.kind()).toBe('other');
    page.state.reviews = 2;
    expect(reader.kind()).toBe('reviews');
    expect(reader.state().kind).toBe('reviews');
    page.calls.length = 0;
    reader.kind();
    expect(page.calls).toEqual(['reviews']);
  });
});
