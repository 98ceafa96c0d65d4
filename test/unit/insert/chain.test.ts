// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { chainFor } from '../../../lib/insert/chain';
import { selectionTargetRanges } from '../../../lib/insert/before-input';
import type { EditableTarget } from '../../../lib/insert/target';

function rich(build: (host: HTMLElement) => void = () => {}): { target: EditableTarget; host: HTMLElement } {
  const host = document.createElement('div');
  host.setAttribute('contenteditable', 'true');
  build(host);
  document.body.append(host);
  return { target: { kind: 'rich', el: host }, host };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('chainFor', () => {
  it('rich editors: paste, then beforeinput, then execCommand', () => {
    expect(chainFor(rich().target).map((s) => s.id)).toEqual(['paste-event', 'before-input', 'exec-command']);
  });

  it('Slate (data-slate-editor): beforeinput first, its handler selects the target range itself', () => {
    const { target } = rich((h) => h.setAttribute('data-slate-editor', 'true'));
    expect(chainFor(target).map((s) => s.id)).toEqual(['before-input', 'paste-event', 'exec-command']);
  });

  it('ProseMirror / TipTap and CKEditor 5 (their own root classes): the escaped-HTML paste first', () => {
    for (const cls of ['ProseMirror', 'tiptap', 'ck-editor__editable', 'ck-content']) {
      const { target } = rich((h) => h.classList.add(cls));
      expect(chainFor(target).map((s) => s.id)).toEqual(['html-paste', 'paste-event', 'before-input', 'exec-command']);
    }
  });

  it('text fields: execCommand, then the native setter', () => {
    const el = document.createElement('textarea');
    document.body.append(el);
    expect(chainFor({ kind: 'field', el }).map((s) => s.id)).toEqual(['exec-command', 'native-setter']);
  });
});

describe('selectionTargetRanges', () => {
  it('reports the selected shortcut as a forward StaticRange, whatever the selection direction', () => {
    const { target, host } = rich((h) => h.append('hi ;tx'));
    const text = host.firstChild!;
    // Backward, as selectBefore leaves it: anchor at the caret, focus at the shortcut's start.
    document.getSelection()!.setBaseAndExtent(text, 6, text, 3);
    const [range, ...rest] = selectionTargetRanges(target);
    expect(rest).toEqual([]);
    expect(range).toBeInstanceOf(StaticRange);
    expect([range!.startContainer, range!.startOffset, range!.endContainer, range!.endOffset]).toEqual([text, 3, text, 6]);
  });

  it('nothing when the selection is outside the composer (the page must not get a range elsewhere)', () => {
    const { target } = rich((h) => h.append('x'));
    const other = document.createElement('p');
    other.append('elsewhere');
    document.body.append(other);
    document.getSelection()!.setBaseAndExtent(other.firstChild!, 0, other.firstChild!, 4);
    expect(selectionTargetRanges(target)).toEqual([]);
  });
});
