// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { editorTextBefore, mapOffset, pointAt } from '../../../lib/insert/kept-text';

describe('mapOffset', () => {
  const reply = 'Dear ,\n\nThanks for waiting.';

  it('text kept as given: the offset itself', () => {
    expect(mapOffset(reply, reply, 5)).toBe(5);
  });

  it('a blank line dropped after {cursor} (TipTap/CKEditor text/plain paste): the caret stays before the comma', () => {
    // Counting the original tail back from the end put it one early: 'DearAnn ,'.
    expect(mapOffset(reply, 'Dear ,\nThanks for waiting.', 5)).toBe(5);
  });

  it('a blank line dropped before {cursor}: the caret keeps its place in the later line', () => {
    const text = 'Hi\n\nDear ,';
    expect(mapOffset(text, 'Hi\nDear ,', text.indexOf(','))).toBe('Hi\nDear '.length);
  });

  it('markdown turned into marks (asterisks dropped) around the offset', () => {
    const text = 'a **b** c';
    // {cursor} between the b and the closing asterisks → after the b in 'a b c'.
    expect(mapOffset(text, 'a b c', 5)).toBe(3);
    expect(mapOffset(text, 'a b c', text.length)).toBe(5);
  });

  it('collapsed spaces on both sides of the offset', () => {
    expect(mapOffset('x  y  z', 'x y z', 4)).toBe(3);
  });

  it('characters the editor added before the offset move it on', () => {
    expect(mapOffset('ab|cd'.replace('|', ''), 'aXbcd', 2)).toBe(3);
  });

  it('offsets at the ends', () => {
    expect(mapOffset('abc', 'xbc', 0)).toBe(0);
    expect(mapOffset('abc', 'ab', 3)).toBe(2);
  });
});

afterEach(() => {
  document.body.replaceChildren();
});

/** Build DOM with calls (no HTML parsing): [tag, ...children] | text. */
type Spec = string | [string, ...Spec[]];
function build(spec: Spec): Node {
  if (typeof spec === 'string') return document.createTextNode(spec);
  const [tag, ...kids] = spec;
  const el = document.createElement(tag);
  for (const k of kids) el.append(build(k));
  return el;
}
function host(...kids: Spec[]): HTMLElement {
  const el = build(['div', ...kids]) as HTMLElement;
  document.body.append(el);
  return el;
}
function endOf(el: Node): Range {
  const r = document.createRange();
  r.selectNodeContents(el);
  r.collapse(false);
  return r;
}

describe('editorTextBefore', () => {
  it('ProseMirror paragraphs with a trailing-break empty line: one blank line, one character per caret place', () => {
    const h = host(['p', 'Dear ,'], ['p', ['br']], ['p', 'Thanks']);
    expect(editorTextBefore(h, endOf(h)).text).toBe('Dear ,\n\nThanks');
  });

  it("Slate's empty line: the U+FEFF placeholder is no character", () => {
    const h = host(['div', ['span', 'Dear ,']], ['div', ['span', '\ufeff', ['br']]], ['div', ['span', 'Thanks']]);
    expect(editorTextBefore(h, endOf(h)).text).toBe('Dear ,\n\nThanks');
  });

  it('a <br> with text after it is a line break; U+00A0 reads as a space; nested blocks give one break', () => {
    const h = host(['p', 'a\u00a0 b', ['br'], 'c'], ['blockquote', ['p', 'd']]);
    expect(editorTextBefore(h, endOf(h)).text).toBe('a  b\nc\nd');
  });

  it('plain contenteditable (Chromium): text, then <div>s', () => {
    const h = host('Dear ,', ['div', ['br']], ['div', 'Thanks']);
    expect(editorTextBefore(h, endOf(h)).text).toBe('Dear ,\n\nThanks');
  });

  it('stops at the caret, inside a text node or before an element', () => {
    const h = host(['p', 'Dear ,'], ['p', ['br']], ['p', 'Thanks']);
    const r = document.createRange();
    r.setStart(h.children[2]!.firstChild!, 3);
    expect(editorTextBefore(h, r).text).toBe('Dear ,\n\nTha');
    r.setStart(h.children[1]!, 0);
    expect(editorTextBefore(h, r).text).toBe('Dear ,\n');
  });
});

describe('pointAt', () => {
  it('an offset after text is the end of that text (not the start of the next line)', () => {
    const h = host(['p', 'Dear ,'], ['p', ['br']], ['p', 'Thanks']);
    const t = editorTextBefore(h, endOf(h));
    const first = h.children[0]!.firstChild!;
    expect(pointAt(t, 5)).toEqual({ node: first, offset: 5 });
    expect(pointAt(t, 6)).toEqual({ node: first, offset: 6 });
    // The blank line: inside its block.
    expect(pointAt(t, 7)).toEqual({ node: h.children[1], offset: 0 });
    // The start of 'Thanks'.
    expect(pointAt(t, 8)).toEqual({ node: h.children[2]!.firstChild, offset: 0 });
    expect(pointAt(t, 0)).toEqual({ node: first, offset: 0 });
  });
});
