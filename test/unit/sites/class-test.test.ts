// @vitest-environment jsdom
/**
 * hasClass / classHas read the class attribute instead of classList (no
 * DOMTokenList per element on a first read of thousands of rows): they must
 * give classList.contains's answer for every class attribute a page can carry.
 */
import { describe, expect, it } from 'vitest';
import { classHas, hasClass } from '../../../lib/sites/dom';
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
    for (let i = 0; i < 20_000; i++) {
      let cls = rnd() < 0.3 ? pick(SPACES) : '';
      const parts = Math.floor(rnd() * 4);
      for (let p = 0; p < parts; p++) cls += pick(NAMES) + (rnd() < 0.25 ? pick(GLUE) + pick(NAMES) : '') + (p < parts - 1 || rnd() < 0.3 ? pick(SPACES) : '');
      if (rnd() < 0.05) el.removeAttribute('class');
      else el.setAttribute('class', cls);
      for (const name of NAMES) {
        expect(hasClass(el, name), JSON.stringify({ cls: el.getAttribute('class'), name })).toBe(el.classList.contains(name));
        checked++;
      }
    }
    expect(checked).toBe(20_000 * NAMES.length);
  });

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
