// Used by: native <textarea>/<input>, React 19 controlled textarea, Vue 3 +
// Element Plus el-input, <kat-textarea> (inner textarea), plain contenteditable;
// last resort for rich editors.
// Measured (insertion.md, Chromium 156): model right, caret after, one Ctrl+Z
// removes it for all of these. Chrome fires only trusted `input` (no
// `beforeinput`) for it, so Slate never sees it (DOM shows text, model stale:
// must not come before paste there), CKEditor 5 ignores it, and Draft.js/Lexical
// mangle multi-line text — hence last in the rich chain.
import type { InsertStrategy } from './strategy';
import { selectionFor, type EditableTarget } from './target';
import { watchChange, CHANGE_WINDOW_MS } from './settle';

/**
 * Chrome merges an insertText into the typing just before it when the caret has
 * not moved (measured: one Ctrl+Z then removed "Hello " with the reply, even
 * after a pause and a click elsewhere). Setting the selection through the
 * Selection API closes that typing run, so the reply is its own undo step.
 */
function closeTypingRun(target: EditableTarget): void {
  if (target.kind !== 'rich') return;
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return;
  const range = sel.getRangeAt(0).cloneRange();
  sel.removeAllRanges();
  sel.addRange(range);
}

export const execCommandStrategy: InsertStrategy = {
  id: 'exec-command',
  async insert(target, text) {
    if (target.kind === 'edit-context') return 'no-effect'; // no contenteditable focus target: returns false
    closeTypingRun(target);
    const watch = watchChange(target);
    try {
      // Deprecated but still the only way to make a trusted, undoable edit in Chromium.
      const accepted = document.execCommand('insertText', false, text);
      if (watch.changed()) return 'inserted';
      if (!accepted) return 'no-effect';
      return (await watch.within(CHANGE_WINDOW_MS)) ? 'inserted' : 'no-effect';
    } finally {
      watch.stop();
    }
  },
};
