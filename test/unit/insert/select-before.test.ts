// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectBefore, textBeforeCaret } from '../../../lib/insert/caret';
import { markSelectionMoved, selectionSettled } from '../../../lib/insert/settle';
import type { EditableTarget } from '../../../lib/insert/target';

/** A composer whose caret sits at `offset` of text node `node` (built with DOM calls, no HTML parsing). */
function composer(build: (host: HTMLElement) => void): { target: EditableTarget; host: HTMLElement } {
  const host = document.createElement('div');
  host.setAttribute('contenteditable', 'true');
  build(host);
  document.body.append(host);
  return { target: { kind: 'rich', el: host }, host };
}
function caretAt(node: Node, offset: number) {
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  const r = document.createRange();
  r.setStart(node, offset);
  sel.addRange(r);
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('selectBefore (rich target, no Selection.modify)', () => {
  it('selects the typed shortcut in one text node, backward from the caret', () => {
    const { target, host } = composer((h) => h.append('亲 ;bb'));
    caretAt(host.firstChild!, 5);
    expect(textBeforeCaret(target)).toBe('亲 ;bb');
    expect(selectBefore(target, 3)).toBe(true);
    const sel = document.getSelection()!;
    expect(sel.toString()).toBe(';bb');
    expect(sel.anchorOffset).toBe(5);
    expect(sel.focusOffset).toBe(2);
  });

  it('crosses inline elements (an editor splitting the line into spans)', () => {
    const { target, host } = composer((h) => {
      const a = document.createElement('span');
      a.append('hi ;');
      const b = document.createElement('span');
      b.append('bb');
      h.append(a, b);
    });
    const b = host.lastChild!.firstChild!;
    caretAt(b, 2);
    expect(selectBefore(target, 3)).toBe(true);
    expect(document.getSelection()!.toString()).toBe(';bb');
  });

  it('stays inside the caret line: text of the previous paragraph is not counted', () => {
    const { target, host } = composer((h) => {
      const p1 = document.createElement('p');
      p1.append('line one');
      const p2 = document.createElement('p');
      p2.append('bb');
      h.append(p1, p2);
    });
    caretAt(host.lastChild!.firstChild!, 2);
    // Only 2 characters on the caret's line: the direct path declines and the
    // browser's step-wise extension (Selection.modify, absent in jsdom) decides.
    const sel = document.getSelection()! as unknown as { modify?: unknown };
    const modify = vi.fn();
    sel.modify = modify;
    try {
      selectBefore(target, 3);
      expect(modify).toHaveBeenCalledWith('extend', 'backward', 'character');
    } finally {
      delete sel.modify;
    }
  });
});

describe('selectionSettled', () => {
  it('announces a moved selection synchronously with a selectionchange (no wait) for an unthrottled editor', async () => {
    const { target } = composer((h) => h.append('x'));
    const seen = vi.fn();
    document.addEventListener('selectionchange', seen);
    markSelectionMoved(target);
    const t0 = performance.now();
    const done = selectionSettled(target);
    expect(seen).toHaveBeenCalledTimes(1); // before any await: in the keydown's task
    await done;
    expect(performance.now() - t0).toBeLessThan(15);
    document.removeEventListener('selectionchange', seen);
  });

  it('after a focus, waits for the browser event instead of announcing one', async () => {
    const { target } = composer((h) => h.append('x'));
    const seen = vi.fn();
    document.addEventListener('selectionchange', seen);
    markSelectionMoved(target, 'focused');
    markSelectionMoved(target); // the selection move that follows the focus keeps the focus wait
    let settled = false;
    const done = selectionSettled(target).then(() => (settled = true));
    await Promise.resolve();
    expect(seen).not.toHaveBeenCalled();
    expect(settled).toBe(false);
    document.dispatchEvent(new Event('selectionchange')); // stands in for the browser's event
    await done;
    expect(settled).toBe(true);
    document.removeEventListener('selectionchange', seen);
  });

  it('Slate gets no wait: the selection move is announced and the insert follows at once (before-input selects the target range)', async () => {
    const { target, host } = composer((h) => h.append('x'));
    host.setAttribute('data-slate-editor', 'true');
    const seen = vi.fn();
    document.addEventListener('selectionchange', seen);
    markSelectionMoved(target);
    const done = selectionSettled(target);
    expect(seen).toHaveBeenCalledTimes(1);
    await done;
    document.removeEventListener('selectionchange', seen);
  });

  it('CKEditor: no wait after a selection move in the focused editor (Tab path), its measured wait after a focus', async () => {
    const { target, host } = composer((h) => h.append('x'));
    host.classList.add('ck-editor__editable');
    const seen = vi.fn();
    document.addEventListener('selectionchange', seen);
    markSelectionMoved(target);
    await selectionSettled(target);
    expect(seen).toHaveBeenCalledTimes(1);
    vi.useFakeTimers();
    try {
      markSelectionMoved(target, 'focused');
      markSelectionMoved(target);
      let settled = false;
      const announced = seen.mock.calls.length;
      const done = selectionSettled(target).then(() => (settled = true));
      expect(seen.mock.calls.length).toBe(announced); // the wait replaces the announcement
      await vi.advanceTimersByTimeAsync(50);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(15);
      await done;
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
      document.removeEventListener('selectionchange', seen);
    }
  });
});
