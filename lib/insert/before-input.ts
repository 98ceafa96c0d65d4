// Used by: Slate first (its chain in chain.ts), Lexical when a page's paste
// handler is missing or replaced, EditContext editors. Second in the rich chain.
// Measured (insertion.md): Slate ✓, Lexical ✓, CKEditor 5 ~ (undo in steps);
// no effect on Draft.js, TipTap, Quill and plain contenteditable (a synthetic
// beforeinput has no default action; only editors that implement input types
// themselves react).
//
// The event carries target ranges, like a real one: the DOM selection it
// replaces (for Tab expansion, the typed shortcut). slate-react 0.146
// (Editable onDOMBeforeInput) flushes its throttled selectionchange sync and
// then selects `getTargetRanges()[0]` in its model before inserting, so the
// insert needs no wait for Slate's 100 ms throttle; it checks no isTrusted.
// insertReplacementText, not insertText: for a one-letter insertText Slate
// leaves the insert to the browser's default action, which a synthetic event
// does not have. With a DataTransfer, Slate inserts through insertData (line
// breaks become its own paragraphs), one undo step like its paste.
import type { InsertStrategy } from './strategy';
import { eventTarget, plainTextData } from './paste-event';
import { dispatchAndWatch } from './settle';
import { selectionFor, type EditableTarget } from './target';

/** The selection's range as a StaticRange, when it lies inside the target (what a real beforeinput reports). */
export function selectionTargetRanges(target: EditableTarget): StaticRange[] {
  if (target.kind !== 'rich') return [];
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return [];
  const r = sel.getRangeAt(0);
  if (!target.el.contains(r.startContainer) || !target.el.contains(r.endContainer)) return [];
  return [new StaticRange({ startContainer: r.startContainer, startOffset: r.startOffset, endContainer: r.endContainer, endOffset: r.endOffset })];
}

export const beforeInputStrategy: InsertStrategy = {
  id: 'before-input',
  async insert(target, text) {
    if (target.kind === 'field') return 'no-effect';
    const event = new InputEvent('beforeinput', {
      bubbles: true,
      cancelable: true,
      composed: true,
      inputType: 'insertReplacementText',
      data: text,
      dataTransfer: plainTextData(text),
      targetRanges: selectionTargetRanges(target),
    });
    return dispatchAndWatch(target, eventTarget(target.el), event);
  },
};
