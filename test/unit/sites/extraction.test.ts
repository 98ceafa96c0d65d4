import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatMessage, PageContext } from '../../../lib/schema';
import { effectiveUrl } from '../../../lib/sites/demo';
import { pickAdapter } from '../../../lib/sites/registry';
import { DEMO_NOW, TRUTH } from './expectations';
import { loadFixture } from './load-fixture';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
});
afterAll(() => vi.useRealTimers());

describe.each(Object.entries(TRUTH))('%s adapter on its demo page snapshot', (name, truth) => {
  const dom = loadFixture(name);
  const doc = dom.window.document;
  const url = effectiveUrl(dom.window.location as unknown as Location, doc);
  const picked = pickAdapter(url);

  it('is picked for the page it reproduces, as a chat page', () => {
    expect(picked.generic).toBe(false);
    expect(picked.adapter.id).toBe(name);
    expect(picked.kind).toBe('chat');
  });

  it('reads buyer, order and tracking', () => {
    const ctx = picked.adapter.context(doc);
    expect(PageContext.parse(ctx)).toEqual(truth.context);
  });

  it('reads every message with sender, time and text', () => {
    const messages = picked.adapter.messages(doc);
    for (const m of messages) ChatMessage.parse(m);
    expect(messages).toHaveLength(truth.messages);
    const split = { buyer: 0, seller: 0, system: 0 };
    for (const m of messages) split[m.sender]++;
    expect(split).toEqual(truth.split);
    const first = messages[0]!;
    const last = messages[messages.length - 1]!;
    expect({ text: first.text, sender: first.sender, timeText: first.timeText, timeIso: first.timeIso }).toEqual(truth.first);
    expect({ text: last.text, sender: last.sender, timeText: last.timeText, timeIso: last.timeIso }).toEqual(truth.last);
    // Every shown time parses, and they never go backwards.
    expect(messages.filter((m) => m.timeText && !m.timeIso)).toEqual([]);
    const stamps = messages.filter((m) => m.timeIso).map((m) => Date.parse(m.timeIso!));
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeGreaterThanOrEqual(stamps[i - 1]!);
    expect(messages.every((m) => m.sender === 'system' || m.text || m.images.length)).toBe(true);
    expect(messages.every((m) => (m.platformId !== null) === truth.platformIds)).toBe(true);
  });

  it('reads the buyer photo as an image URL and the order card as text', () => {
    const messages = picked.adapter.messages(doc);
    const withImages = messages.filter((m) => m.images.length);
    expect(withImages).toHaveLength(truth.images);
    expect(withImages[0]!.sender).toBe('buyer');
    expect(withImages[0]!.images[0]).toMatch(/^data:image\/svg\+xml/);
    expect(messages.some((m) => m.text.includes(truth.context.order.number!))).toBe(true);
  });

  it('finds the composer and the scrollable message pane', () => {
    const composer = picked.adapter.composer(doc);
    expect(composer !== null).toBe(truth.composer);
    expect(['textarea']).toContain(composer!.localName);
    const pane = picked.adapter.messagePane(doc)!;
    expect(pane).not.toBeNull();
    expect(pane.textContent).toContain('END-OF-HISTORY-MARKER');
    expect(pane.contains(composer)).toBe(false);
  });

  it('has no review list on a chat page', () => {
    expect(picked.adapter.reviews(doc)).toEqual([]);
  });
});

describe('page variants an adapter must also serve', () => {
  it('amazon: the kat-textarea host when its shadow root is not there (snapshot before upgrade)', async () => {
    const { JSDOM } = await import('jsdom');
    const { readFileSync } = await import('node:fs');
    const { fixturePath } = await import('./load-fixture');
    const dom = new JSDOM(readFileSync(fixturePath('amazon'), 'utf8'), { url: 'http://127.0.0.1:5178/chat/amazon.html' });
    const { amazon } = await import('../../../lib/sites/amazon');
    const composer = amazon.composer(dom.window.document)!;
    expect(composer.localName).toBe('kat-textarea');
    // Without ?orderID the panel still names the order.
    expect(amazon.context(dom.window.document).order.number).toBe('112-4839201-5561927');
  });

  it('amazon: the inner textarea is the one the page listens to (value reflects, input reaches the host)', () => {
    const dom = loadFixture('amazon');
    const doc = dom.window.document;
    const inner = pickAdapter(effectiveUrl(dom.window.location as unknown as Location, doc)).adapter.composer(doc) as HTMLTextAreaElement;
    const host = (inner.getRootNode() as ShadowRoot).host as HTMLElement & { value: string };
    const seen: string[] = [];
    host.addEventListener('input', () => seen.push(host.value));
    inner.value = 'Hello Palmer';
    inner.dispatchEvent(new dom.window.Event('input', { bubbles: true, composed: true }));
    expect(seen).toEqual(['Hello Palmer']);
    expect(host.getAttribute('value')).toBe('Hello Palmer');
  });

  it('shopee: the data-cy input wrapper when the build has one, before position', async () => {
    const dom = loadFixture('shopee');
    const doc = dom.window.document;
    const { shopee } = await import('../../../lib/sites/shopee');
    const positional = shopee.composer(doc)!;
    expect(positional.localName).toBe('textarea');
    const wrapper = doc.createElement('div');
    wrapper.setAttribute('data-cy', 'webchat-conversation-detail-input');
    const marked = doc.createElement('textarea');
    wrapper.append(marked);
    doc.querySelector('[data-cy="webchat-conversation-detail"]')!.prepend(wrapper);
    expect(shopee.composer(doc)).toBe(marked);
    // Without it, position decides: the lowest textarea of the detail (document order here, no layout).
    wrapper.removeAttribute('data-cy');
    expect(shopee.composer(doc)).toBe(positional);
  });

  it('qianniu: the buyer is the nick that is not an agent when no conversation is marked selected', async () => {
    const dom = loadFixture('qianniu');
    const doc = dom.window.document;
    for (const row of Array.from(doc.querySelectorAll('.results-list'))) row.className = 'results-list';
    const { qianniu } = await import('../../../lib/sites/qianniu');
    expect(qianniu.context(doc).buyer.name).toBe('tb80317542');
    const split = { buyer: 0, seller: 0, system: 0 };
    for (const m of qianniu.messages(doc)) split[m.sender]++;
    expect(split).toEqual(TRUTH.qianniu!.split);
  });
});

// An order card in the chat is rows of label and value: read run together, the transcript a platform
// reviewer reads said "订单编号：261119-086421357902468商品：…" (the order number glued to the next label).
describe.each([
  ['pinduoduo', '订单编号：', /^订单信息\n订单编号：[\d-]+\n商品：.+\n实付：/],
  ['amazon', 'Order ID: ', /^Order ID: [\d-]+\n[^\n]+\nOrder total: /],
  ['aliexpress', 'Order No. ', /^Order No\. \d+\n[^\n]+\n/],
])('%s: an order card sent in the chat', (name, marker, shape) => {
  it('reads one row a line', () => {
    const doc = loadFixture(name).window.document;
    const url = effectiveUrl(doc.defaultView!.location as unknown as Location, doc);
    const card = pickAdapter(url).adapter.messages(doc).find((m) => m.text.includes(marker));
    expect(card?.text).toMatch(shape);
  });
});
