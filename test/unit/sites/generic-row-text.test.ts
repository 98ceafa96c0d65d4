// @vitest-environment jsdom
/**
 * The generic reader's message text: the row's shown text, whitespace
 * collapsed, with its time cut out (the last occurrence of the time leaf's
 * text) and the words around the cut joined by one space. Checked on seeded
 * random rows — every whitespace a page writes (indentation, newlines, NBSP,
 * ideographic space), the time before, between or after the words, the same
 * time also quoted in the text, leaves with a colon that are not times —
 * against that definition stated directly.
 */
import { describe, expect, it } from 'vitest';
import { findRowsUnder, listAt, messagesOfRows, type RowRead } from '../../../lib/sites/generic';
import { createRowMemo, textOf } from '../../../lib/sites/dom';
import { mulberry32 } from '../../shared/prng';

const WORDS = ['你好', '亲', 'where is my order', 'Re:', '订单号: 3391827746501238819', '09:15', 'ok', '发货了吗？', 'size M', '😀'];
const SPACE = [' ', '  ', '\n      ', '\t', '\u00a0', '\u3000', ''];
const TIMES = ['09:15', '9:05:33', '2026-11-20 09:15:03', '昨天 21:47', '3:05 PM'];

describe('generic message text: the row text with its time cut out', () => {
  it('matches the definition on 3,000 seeded random rows', () => {
    const rnd = mulberry32(1123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const pane = document.createElement('div');
    document.body.replaceChildren(pane);
    const expected: { text: string; timeText: string }[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = document.createElement('div');
      row.className = 'msg-row';
      const leaves: HTMLElement[] = [];
      const n = Math.floor(rnd() * 4);
      for (let w = 0; w < n; w++) {
        const span = document.createElement('span');
        span.textContent = pick(SPACE) + pick(WORDS) + (rnd() < 0.3 ? pick(SPACE) + pick(WORDS) : '') + pick(SPACE);
        leaves.push(span);
      }
      const time = document.createElement('span');
      time.className = 'when';
      time.textContent = pick(SPACE) + pick(TIMES) + pick(SPACE);
      // Some rows carry no time of their own (chats that show one over a group of messages).
      const timed = rnd() < 0.8;
      if (timed) leaves.splice(Math.floor(rnd() * (leaves.length + 1)), 0, time);
      for (const leaf of leaves) row.append(pick(SPACE), leaf);
      if (rnd() < 0.5) row.append(pick(SPACE));
      pane.append(row);
      // The definition: the first leaf that is only a time is the time (the random words are never
      // only a time: "09:15" comes in a word list with a neighbour or is followed by text).
      const whole = textOf(row);
      const timeText = textOf(leaves.find((l) => l === time || /^\s*(\d{1,2}:\d{2})\s*$/.test(l.textContent ?? '')));
      const at = timeText ? whole.lastIndexOf(timeText) : -1;
      expected.push({ text: at >= 0 ? `${whole.slice(0, at)} ${whole.slice(at + timeText.length)}`.replace(/\s+/g, ' ').trim() : whole, timeText });
    }
    const rows = [...pane.children];
    const read = messagesOfRows(document, rows, pane);
    // Rows with neither words nor a time are empty: not messages.
    const kept = rows.filter((r) => textOf(r) !== '');
    expect(read.length).toBe(kept.length);
    expect(read.length).toBeGreaterThan(2000);
    // Disagreements collected and asserted once (a message built per row made the test slow).
    const wrong: unknown[] = [];
    read.forEach((m, i) => {
      const at = rows.indexOf(kept[i]!);
      const want = expected[at]!;
      if ((m.text !== want.text || m.timeText !== want.timeText) && wrong.length < 5) wrong.push({ row: at, shown: rows[at]!.textContent, got: { text: m.text, timeText: m.timeText }, want });
    });
    expect(wrong).toEqual([]);
  }, 30_000);
});

describe('generic sender: the side named nearest the row', () => {
  // Words the generic reader takes for a side or a notice (lib/sites/generic.ts), and words it ignores.
  const SIDE: Record<string, 'seller' | 'buyer' | 'system'> = { seller: 'seller', right: 'seller', buyer: 'buyer', left: 'buyer', system: 'system', notice: 'system' };
  const WORDS = [...Object.keys(SIDE), 'bubble', 'msg', 'content', 'x'];
  // In the order the reader reads them after the class words.
  const DATA = ['data-cy', 'data-sender', 'data-role'] as const;

  /**
   * 3,000 random rows; `dataRoles`: some elements also carry a data-role, data-cy or data-sender word
   * (read after the class words); `ids`: some classes carry an id-like word (thousands of distinct
   * attribute strings: the reader's hint cache fills and is cleared mid-read).
   */
  function check(seed: number, dataRoles: boolean, rowsInside: boolean, ids = false) {
    let nextId = 0;
    const rnd = mulberry32(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const pane = document.createElement('div');
    document.body.replaceChildren(pane);
    const grow = (el: Element, depth: number) => {
      const kids = depth === 0 ? 1 + Math.floor(rnd() * 3) : Math.floor(rnd() * 3);
      for (let k = 0; k < kids; k++) {
        const c = document.createElement(rnd() < 0.5 ? 'div' : 'span');
        if (rnd() < 0.25) c.className = `${pick(WORDS)}${rnd() < 0.3 ? ` ${pick(WORDS)}` : ''}${ids && rnd() < 0.5 ? ` id${nextId++}` : ''}`;
        if (dataRoles && rnd() < 0.15) c.setAttribute(pick(DATA), pick(WORDS));
        if (dataRoles && rnd() < 0.05) c.setAttribute(pick(DATA), `${pick(WORDS)}-${pick(WORDS)}`);
        if (depth < 5) grow(c, depth + 1);
        if (!c.firstElementChild) c.textContent = `m${k}`;
        el.append(c);
      }
    };
    const expected: (string | null)[] = [];
    // The definition: the row's own notice word first; then breadth first to three levels.
    const words = (el: Element) =>
      [el.getAttribute('class'), ...DATA.map((a) => el.getAttribute(a))].join(' ').split(/[ -]/).filter(Boolean).map((w) => SIDE[w]);
    for (let i = 0; i < 3000; i++) {
      const row = document.createElement('div');
      if (rnd() < 0.2) row.className = pick(WORDS);
      grow(row, 0);
      pane.append(row);
      let want: string | null = words(row).includes('system') ? 'system' : null;
      if (!want) {
        let level: Element[] = [row];
        let notice = false;
        for (let depth = 0; depth <= 3 && !want && level.length; depth++) {
          for (const el of level) {
            const side = words(el).find((w) => w === 'seller' || w === 'buyer');
            if (side) { want = side; break; }
            if (words(el).includes('system')) notice = true;
          }
          level = level.flatMap((el) => [...el.children]);
        }
        if (!want && notice) want = 'system';
      }
      expected.push(want);
    }
    const read = messagesOfRows(document, [...pane.children], pane, createRowMemo<RowRead>(), undefined, rowsInside);
    expect(read.length).toBe(3000);
    let decided = 0;
    const wrong: unknown[] = [];
    read.forEach((m, i) => {
      if (expected[i] === null) return; // no word decides: the reader falls back to layout and row shape
      decided++;
      if (m.sender !== expected[i] && wrong.length < 5) wrong.push({ row: i, html: pane.children[i]!.outerHTML, got: m.sender, want: expected[i] });
    });
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(1500);
  }

  it('matches a breadth-first search (nearest level first, document order within it) on 3,000 seeded random rows', () => check(4242, false, false), 30_000);
  it('the same with data-cy / data-sender / data-role words on some elements (read after the class words)', () => check(4244, true, true), 30_000);
  it('the same with thousands of distinct class strings (the hint cache cleared mid-read)', () => check(4246, true, false, true), 30_000);
});

describe('generic pane search: the list with the most similar rows, first in document order on a tie', () => {
  it('passes over small subtrees yet finds what judging every element finds, on 200 seeded random pages', () => {
    const rnd = mulberry32(777);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const TAGS = ['div', 'ul', 'li', 'section', 'span', 'p', 'svg', 'script', 'select', 'ol'];
    const CLASSES = ['', 'row', 'msg', 'item', 'group', 'x'];
    let compared = 0;
    for (let t = 0; t < 200; t++) {
      const body = document.createElement('body');
      let budget = 200 + Math.floor(rnd() * 500);
      const grow = (el: Element, depth: number) => {
        // Now and then a list: many children of one shape, sometimes grouped a level down.
        const listy = rnd() < 0.25;
        const kids = listy ? 3 + Math.floor(rnd() * 40) : Math.floor(rnd() * 4);
        const tag = pick(TAGS);
        const cls = pick(CLASSES);
        for (let k = 0; k < kids && budget > 0; k++, budget--) {
          const c = document.createElement(listy && rnd() < 0.85 ? tag : pick(TAGS));
          const name = listy && rnd() < 0.85 ? cls : pick(CLASSES);
          if (name) c.className = name;
          el.append(c);
          if (depth < 7 && rnd() < (listy ? 0.4 : 0.8)) grow(c, depth + 1);
        }
      };
      grow(body, 0);
      for (const minRows of [1, 5]) {
        // The definition: every element in document order, a list winning only with more rows than the best so far.
        let want: Element | null = null;
        let bestCount = minRows - 1;
        for (const el of Array.from(body.querySelectorAll('*'))) {
          const list = listAt(el, bestCount);
          if (list) {
            want = el;
            bestCount = list.count;
          }
        }
        const found = findRowsUnder(body, minRows, false);
        expect(found?.container ?? null, `page ${t}, minRows ${minRows}`).toBe(want);
        if (want) compared++;
      }
    }
    // Most pages have a list to find (the search is not only ever agreeing on "none").
    expect(compared).toBeGreaterThan(250);
  }, 60_000);
});
