// @vitest-environment jsdom
/**
 * The row readers' shortcuts must answer as the plain DOM does:
 * hasClass / classHas read the class attribute instead of classList (no
 * DOMTokenList per element on a first read of thousands of rows) and must give
 * classList.contains's answer for every class attribute a page can carry;
 * textOf skips the whitespace collapse when there is nothing to collapse;
 * imagesIn walks the tree itself.
 */
import { describe, expect, it } from 'vitest';
import { classHas, hasClass, imagesIn, messageText, queryAllOutside, textOf } from '../../../lib/sites/dom';
import { mulberry32 } from '../../shared/prng';

const NAMES = ['onemsg', 'msg', 'message-time', 'time', 'message', 'buyer-item', 'item', 'a', 'A', '小二', 'msg-content-box'];
// Every separator DOMTokenList splits at, and characters it does not (which glue two names into one token).
const SPACES = [' ', '\t', '\n', '\f', '\r', '  ', ' \n\t'];
const GLUE = ['-', '_', '\u00a0', '\u3000', '\v', ''];

describe('hasClass: the same answer as classList.contains', () => {
  it('agrees on 20,000 seeded random class attributes, for every name', () => {
    const rnd = mulberry32(20261123);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const el = document.createElement('div');
    let checked = 0;
    // Disagreements collected and asserted once: a message built per comparison made the test slow.
    const wrong: { cls: string | null; name: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      let cls = rnd() < 0.3 ? pick(SPACES) : '';
      const parts = Math.floor(rnd() * 4);
      for (let p = 0; p < parts; p++) cls += pick(NAMES) + (rnd() < 0.25 ? pick(GLUE) + pick(NAMES) : '') + (p < parts - 1 || rnd() < 0.3 ? pick(SPACES) : '');
      if (rnd() < 0.05) el.removeAttribute('class');
      else el.setAttribute('class', cls);
      for (const name of NAMES) {
        if (hasClass(el, name) !== el.classList.contains(name) && wrong.length < 5) wrong.push({ cls: el.getAttribute('class'), name });
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(20_000 * NAMES.length);
  }, 30_000);

  it('reads the attribute string: null (no attribute) holds nothing', () => {
    expect(classHas(null, 'msg')).toBe(false);
    expect(classHas('msg', 'msg')).toBe(true);
    expect(classHas('xmsg msgx', 'msg')).toBe(false);
    expect(classHas('xmsg msg', 'msg')).toBe(true);
  });

  it('works on SVG elements (className is an SVGAnimatedString there)', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'icon msg-system');
    expect(hasClass(svg, 'msg-system')).toBe(true);
    expect(hasClass(svg, 'msg')).toBe(false);
  });
});

describe('textOf: textContent with whitespace collapsed', () => {
  it('equals replace(/\\s+/g, " ").trim() on 20,000 seeded random texts', () => {
    const rnd = mulberry32(7);
    const CHARS = ['a', 'Z', '你', '好', '1', ':', '-', ' ', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\ufeff', '\u200b', '😀'];
    const el = document.createElement('div');
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const n = Math.floor(rnd() * 12);
      for (let k = 0; k < n; k++) text += CHARS[Math.floor(rnd() * CHARS.length)];
      // Split over nodes now and then: textContent joins them.
      el.replaceChildren(text.slice(0, n >> 1), document.createElement('b'), text.slice(n >> 1));
      el.querySelector('b')!.textContent = rnd() < 0.3 ? ' x ' : '';
      const whole = el.textContent ?? '';
      if (textOf(el) !== whole.replace(/\s+/g, ' ').trim() && wrong.length < 5) wrong.push(whole);
    }
    expect(wrong).toEqual([]);
    expect(textOf(null)).toBe('');
  }, 30_000);
});

describe("messageText: the buyer's line breaks kept, the markup's whitespace collapsed", () => {
  const el = (html: string) => {
    const div = document.createElement('div');
    div.innerHTML = html; // test fixtures, written here
    document.body.replaceChildren(div);
    return div;
  };
  it('a <br> is a line break', () => {
    expect(messageText(el('收到的杯子是坏的<br>盖子裂了<br>我要退货'))).toBe('收到的杯子是坏的\n盖子裂了\n我要退货');
    expect(messageText(el('<span>line one</span><br/>  <span>line two</span> <br>'))).toBe('line one\nline two');
  });
  it('a newline in text laid out pre / pre-wrap / pre-line stays; in normal text it is a space', () => {
    expect(messageText(el('<p style="white-space: pre-wrap">价格  ¥59.00\n  不是¥39</p>'))).toBe('价格 ¥59.00\n不是¥39');
    expect(messageText(el('<p style="white-space: pre-line">a\nb</p>'))).toBe('a\nb');
    expect(messageText(el('<p>hello\n      world</p>'))).toBe('hello world');
    // Indentation between elements is markup: one space, as textOf reads it.
    expect(messageText(el('\n  <span>a</span>\n  <span>b</span>\n'))).toBe('a b');
  });
  it('with blocks: a card laid out in rows (an order card sent in the chat) reads one row a line, not run together', () => {
    const card = el(
      '<div class="card-title">订单信息</div>\n  <div class="card-row"><span class="card-label">订单编号：</span><span>261119-086421357902468</span></div>' +
        '<div class="card-row"><span class="card-label">商品：</span><span>加厚珊瑚绒四件套</span></div>',
    );
    expect(messageText(card, true)).toBe('订单信息\n订单编号：261119-086421357902468\n商品：加厚珊瑚绒四件套');
    expect(messageText(el('<div>Order ID: 112-4839201-5561927</div><div>Ceramic Dripper</div>tail <b>bold</b>'), true)).toBe('Order ID: 112-4839201-5561927\nCeramic Dripper\ntail bold');
    // A blank line the buyer typed (<br><br>) stays; block edges never add one.
    expect(messageText(el('<p>a<br><br>b</p><p>c</p>'), true)).toBe('a\n\nb\nc');
    // Without blocks (the generic reader passes a whole row: name, time and words in their own divs) as before.
    expect(messageText(el('<div>a</div><div>b</div>'))).toBe('ab');
  });
  it('answers as textOf for text without a line break the page shows (2,000 seeded random rows)', () => {
    const rnd = mulberry32(77);
    const parts = ['你好', ' ', '  ', '\t', '\n   ', '<b>x</b>', '<span>订单 123</span>', '\u00a0', '\u3000', '😀', ''];
    for (let i = 0; i < 2000; i++) {
      let html = '';
      for (let k = Math.floor(rnd() * 6); k > 0; k--) html += parts[Math.floor(rnd() * parts.length)]!;
      const e = el(html);
      expect(messageText(e), JSON.stringify(html)).toBe(textOf(e));
    }
  });
});

describe('imagesIn: image URLs below an element, eight levels down, in document order', () => {
  it('matches a selector query limited to eight levels on 500 seeded random trees', () => {
    const rnd = mulberry32(99);
    for (let t = 0; t < 500; t++) {
      const root = document.createElement('div');
      document.body.replaceChildren(root);
      let count = 0;
      const grow = (el: Element, depth: number) => {
        const kids = Math.floor(rnd() * 3);
        for (let k = 0; k < kids && count < 60; k++, count++) {
          const img = rnd() < 0.3;
          const c = document.createElement(img ? 'img' : rnd() < 0.5 ? 'span' : 'div');
          if (img && rnd() < 0.9) c.setAttribute('src', rnd() < 0.1 ? 'http://[bad' : `/i/${t}-${count}.png`);
          if (img && rnd() < 0.2) c.className = 'avatar';
          el.append(c);
          if (depth < 11 && !img) grow(c, depth + 1);
        }
      };
      grow(root, 1);
      const levels = (el: Element) => { let d = 0; for (let p: Element | null = el; p && p !== root; p = p.parentElement) d++; return d; };
      const skip = (img: Element) => img.classList.contains('avatar');
      const expected = [...root.querySelectorAll('img')]
        .filter((img) => levels(img) <= 8 && !skip(img) && img.getAttribute('src'))
        .map((img) => { const src = img.getAttribute('src')!; try { return new URL(src, document.baseURI).href; } catch { return src; } });
      expect(imagesIn(root, skip)).toEqual(expected);
    }
  }, 30_000);
});

describe('queryAllOutside: querySelectorAll in document order, the skipped subtree left out', () => {
  it('matches a filtered querySelectorAll on 500 seeded random trees, for a skip anywhere', () => {
    const rnd = mulberry32(7);
    const SELECTORS = ['textarea', '.box textarea', '.box textarea, .box [contenteditable="true"]', 'div > textarea', '.box'];
    for (let t = 0; t < 500; t++) {
      const root = document.createElement('section');
      document.body.replaceChildren(root);
      const all: Element[] = [];
      const grow = (el: Element, depth: number) => {
        const kids = Math.floor(rnd() * 4);
        for (let k = 0; k < kids && all.length < 70; k++) {
          const r = rnd();
          const c = document.createElement(r < 0.2 ? 'textarea' : r < 0.3 ? 'p' : 'div');
          if (rnd() < 0.25) c.className = 'box';
          if (c.tagName === 'P' && rnd() < 0.5) c.setAttribute('contenteditable', 'true');
          el.append(c);
          all.push(c);
          if (depth < 8 && c.tagName !== 'TEXTAREA') grow(c, depth + 1);
        }
      };
      grow(root, 1);
      const skip = all.length && rnd() < 0.9 ? all[Math.floor(rnd() * all.length)]! : null;
      const selector = SELECTORS[t % SELECTORS.length]!;
      const expected = [...root.querySelectorAll(selector)].filter((el) => !skip || !skip.contains(el));
      expect(queryAllOutside(root, skip, selector)).toEqual(expected);
      // From the document too (the adapters' root), and with a skip outside the root: the plain query.
      expect(queryAllOutside(document, skip, selector)).toEqual([...document.querySelectorAll(selector)].filter((el) => !skip || !skip.contains(el)));
      expect(queryAllOutside(root, document.createElement('div'), selector)).toEqual([...root.querySelectorAll(selector)]);
    }
  }, 30_000);
});
