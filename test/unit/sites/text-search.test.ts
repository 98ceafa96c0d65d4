// @vitest-environment jsdom
/**
 * newestRowWithText: the newest row whose text matches, found from the
 * matches' offsets in the container's text (context() on a conversation just
 * opened must not read every row), and the generic reader's order cards.
 */
import { describe, expect, it } from 'vitest';
import { newestRowWithText } from '../../../lib/sites/dom';
import { generic } from '../../../lib/sites/generic';

function list(rows: string[], grouped = false): HTMLElement {
  document.body.replaceChildren();
  const pane = document.createElement('div');
  pane.className = 'pane';
  let group: HTMLElement = pane;
  rows.forEach((text, i) => {
    if (grouped && i % 3 === 0) {
      group = document.createElement('section');
      const day = document.createElement('p');
      day.textContent = `day ${i / 3}`;
      group.append(day);
      pane.append(group);
    }
    const row = document.createElement('div');
    row.className = 'row';
    row.dataset.i = String(i);
    const bubble = document.createElement('span');
    bubble.textContent = text;
    row.append(document.createComment('v-if'), bubble, document.createTextNode(' '));
    group.append(row);
  });
  document.body.append(pane);
  return pane;
}

const isRow = (el: Element) => el.classList.contains('row');
const filler = (n: number) => Array.from({ length: n }, (_, i) => `message ${i} about the parcel`);

describe('newestRowWithText', () => {
  it.each([
    ['near the start', 3],
    ['in the middle', 150],
    ['near the end', 290],
  ])('finds the newest matching row %s (counted from the nearer end)', (_, at) => {
    const texts = filler(300);
    texts[1] = 'Order ID: 111111';
    texts[at] = 'Order ID: 222222';
    const pane = list(texts);
    expect(newestRowWithText(pane, /Order ID/g, isRow)?.getAttribute('data-i')).toBe(String(at));
  });

  it('goes on to older matches the caller refuses, and returns null without a match', () => {
    const texts = filler(100);
    texts[10] = 'Order ID: 111111 (card)';
    texts[80] = 'System: Order ID changed';
    const pane = list(texts);
    expect(newestRowWithText(pane, /Order ID/g, isRow, (row) => row.textContent!.includes('card'))?.getAttribute('data-i')).toBe('10');
    expect(newestRowWithText(pane, /Tracking/g, isRow)).toBeNull();
  });

  it('descends through groups (day dividers included) to the row', () => {
    const texts = filler(90);
    texts[40] = '订单号：3391827746501238819';
    const pane = list(texts, true);
    expect(newestRowWithText(pane, /订单号/g, isRow)?.getAttribute('data-i')).toBe('40');
    // A match in a day divider is no row.
    expect(newestRowWithText(pane, /day 7/g, isRow)).toBeNull();
  });
});

describe('generic order cards', () => {
  it('reads the newest labelled card, not a buyer\'s "Status:" in an ordinary message', () => {
    const texts = filler(60);
    texts[5] = 'Order ID: 8187652301948826';
    texts[20] = 'Order ID: 8187652301940000';
    texts[50] = 'Status: still waiting?';
    list(texts);
    const ctx = generic.context(document);
    expect(ctx.order.number).toBe('8187652301940000');
    expect(ctx.order.status).toBeNull();
  });
});
