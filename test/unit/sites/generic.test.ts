/**
 * The generic adapter on every demo page, with the dedicated adapters switched
 * off: a table of what it found vs. what the page shows (genericTable), and
 * assertions on the parts heuristics must get right — the composer wherever
 * the page has one, order and tracking wherever they are labelled, reviews
 * with their ratings on the review page.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generic } from '../../../lib/sites/generic';
import { ADAPTERS } from '../../../lib/sites/registry';
import { DEMO_NOW, TRUTH } from './expectations';
import { loadFixture } from './load-fixture';
import { DEMO_PAGES } from './pages';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
});
afterAll(() => vi.useRealTimers());

const REVIEW_RATINGS = [5, 5, 4, 3, 1, 2, 1, 1, 5, 4, 3, 2, 5, 1, 4, 5, 3, 1, 2, 5];
const ORDER_PAGE = { number: '3391827746501238819', tracking: '434587261190328' };

interface Row {
  page: string;
  composer: string;
  pane: string;
  messages: string;
  senders: string;
  order: string;
  tracking: string;
  buyer: string;
  reviews: string;
}

const rows: Row[] = [];
const mark = (found: unknown, truth: unknown) => (found === truth ? '✓' : `✗ ${String(found)}`);

function genericTable(): Row[] {
  for (const page of DEMO_PAGES) {
    const doc = loadFixture(page.name).window.document;
    const truth = TRUTH[page.name];
    const ctx = generic.context(doc);
    const messages = generic.messages(doc);
    const split = { buyer: 0, seller: 0, system: 0 };
    for (const m of messages) split[m.sender]++;
    const composer = generic.composer(doc);
    const pane = generic.messagePane(doc);
    const reviews = generic.reviews(doc);
    rows.push({
      page: page.name,
      composer: composer ? `${composer.localName}${composer.getRootNode() !== doc ? ' (shadow)' : ''}` : '—',
      pane: pane ? `${pane.localName}${pane.id ? `#${pane.id}` : pane.classList[0] ? `.${pane.classList[0]}` : ''}` : '—',
      messages: truth ? `${messages.length}/${truth.messages}` : String(messages.length),
      senders: truth ? `${split.buyer}/${split.seller}/${split.system} vs ${truth.split.buyer}/${truth.split.seller}/${truth.split.system}` : `${split.buyer}/${split.seller}/${split.system}`,
      order: truth ? mark(ctx.order.number, truth.context.order.number) : String(ctx.order.number),
      tracking: truth ? mark(ctx.tracking.number, truth.context.tracking.number) : String(ctx.tracking.number),
      buyer: truth ? `${mark(ctx.buyer.name, truth.context.buyer.name)} / id ${mark(ctx.buyer.id, truth.context.buyer.id)}` : String(ctx.buyer.name),
      reviews: String(reviews.length),
    });
  }
  return rows;
}

describe('generic adapter on every demo page (dedicated adapters off)', () => {
  const table = genericTable();

  it('prints what it found vs. what is there', () => {
    console.log('\nGeneric adapter vs. page truth (messages found/shown; senders buyer/seller/system found vs shown)');
    console.table(table);
    expect(table).toHaveLength(DEMO_PAGES.length);
  });

  it.each(DEMO_PAGES.filter((p) => p.name !== 'orders'))('finds the composer on $name', (page) => {
    const doc = loadFixture(page.name).window.document;
    const composer = generic.composer(doc);
    expect(composer).not.toBeNull();
    if (TRUTH[page.name]) {
      // The same element the dedicated adapter names (Amazon: the shadow textarea).
      const dedicated = ADAPTERS.find((a) => a.id === page.adapter)!.composer(doc);
      expect(composer).toBe(dedicated);
    }
  });

  it('finds no composer on the order list (it has none)', () => {
    expect(generic.composer(loadFixture('orders').window.document)).toBeNull();
  });

  it.each(Object.keys(TRUTH))('reads the labelled order and tracking numbers on %s', (name) => {
    const ctx = generic.context(loadFixture(name).window.document);
    expect(ctx.order.number).toBe(TRUTH[name]!.context.order.number);
    expect(ctx.tracking.number).toBe(TRUTH[name]!.context.tracking.number);
    expect(ctx.tracking.carrier).toBe(TRUTH[name]!.context.tracking.carrier);
  });

  it('reads order and tracking on the order list (first labelled order or the last, both are on the page)', () => {
    const ctx = generic.context(loadFixture('orders').window.document);
    const doc = loadFixture('orders').window.document;
    const numbers = Array.from(doc.querySelectorAll('.od-no .od-value')).map((e) => e.textContent);
    const tracking = Array.from(doc.querySelectorAll('.od-tracking .od-value')).map((e) => e.textContent);
    expect(numbers).toContain(ctx.order.number);
    expect(tracking).toContain(ctx.tracking.number);
    expect(numbers).toContain(ORDER_PAGE.number);
  });

  it.each(Object.keys(TRUTH))('finds the message pane and every message row on %s', (name) => {
    const doc = loadFixture(name).window.document;
    expect(generic.messagePane(doc)?.textContent).toContain('END-OF-HISTORY-MARKER');
    const messages = generic.messages(doc);
    expect(messages).toHaveLength(TRUTH[name]!.messages);
    expect(messages[messages.length - 1]!.text).toContain('END-OF-HISTORY-MARKER');
  });

  it('reads the review list: rating from aria-label, title, ★ glyphs and bar width, buyer, date, existing replies, reply boxes', () => {
    const doc = loadFixture('reviews').window.document;
    const reviews = generic.reviews(doc);
    expect(reviews.map((r) => r.review.rating)).toEqual(REVIEW_RATINGS);
    expect(reviews.every((r) => /^\S+\*{3}\d$/.test(r.review.buyer))).toBe(true);
    expect(reviews.every((r) => /^2026-11-\d\d \d\d:\d\d$/.test(r.review.date))).toBe(true);
    expect(reviews.every((r) => r.replyBox?.localName === 'textarea' && r.element.contains(r.replyBox))).toBe(true);
    expect(reviews.filter((r) => r.review.sellerReply).map((r) => r.review.key)).toEqual(['rv-1000', 'rv-1005', 'rv-1008', 'rv-1014']);
    expect(reviews[6]!.review).toMatchObject({ text: '不退款就一直给差评，你们自己看着办', product: '北欧实木床头柜', sellerReply: null });
    expect(reviews[7]!.review.text).toBe('Refund me $50 or I will leave bad reviews on all your products.');
    expect(new Set(reviews.map((r) => r.review.key)).size).toBe(20);
  });

  it('finds no reviews on chat pages', () => {
    for (const name of Object.keys(TRUTH)) expect(generic.reviews(loadFixture(name).window.document)).toEqual([]);
  });
});

