// Used by: Slate and Lexical when a page's paste handler is missing or
// replaced; EditContext editors. Second in the rich chain.
// Measured (insertion.md): Slate ✓, Lexical ✓, CKEditor 5 ~ (undo in steps);
// no effect on Draft.js, TipTap, Quill and plain contenteditable (a synthetic
// beforeinput has no default action; only editors that implement input types
// themselves react).
import type { InsertStrategy } from './strategy';
import { eventTarget, plainTextData } from './paste-event';
import { dispatchAndWatch } from './settle';

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
    });
    return dispatchAndWatch(target, eventTarget(target.el), event);
  },
};
