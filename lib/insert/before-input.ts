// Used by: Slate and Lexical when a page's paste handler is missing or
// replaced; EditContext editors. Second in the rich chain.
// Measured (insertion.md): Slate ✓, Lexical ✓, CKEditor 5 ~ (undo in steps);
// no effect on Draft.js, TipTap, Quill and plain contenteditable (a synthetic
// beforeinput has no default action; only editors that implement input types
// themselves react).
import type { InsertStrategy } from './strategy';
import { eventTarget, plainTextData } from './paste-event';
import { watchChange, CHANGE_WINDOW_MS, PREVENTED_WAIT_MS } from './settle';

export const beforeInputStrategy: InsertStrategy = {
  id: 'before-input',
  async insert(target, text) {
    if (target.kind === 'field') return 'no-effect';
    const watch = watchChange(target);
    try {
      const event = new InputEvent('beforeinput', {
        bubbles: true,
        cancelable: true,
        composed: true,
        inputType: 'insertReplacementText',
        data: text,
        dataTransfer: plainTextData(text),
      });
      eventTarget(target.el).dispatchEvent(event);
      // Every editor measured that handles the event cancels it synchronously
      // (it must, to stop the browser's own handling of a real one). Not
      // cancelled → nobody took it: one frame for stragglers, then move on.
      if (!event.defaultPrevented) return (await watch.within(0)) ? 'inserted' : 'no-effect';
      if (await watch.within(CHANGE_WINDOW_MS)) return 'inserted';
      return (await watch.within(PREVENTED_WAIT_MS)) ? 'inserted' : 'taken';
    } finally {
      watch.stop();
    }
  },
};
