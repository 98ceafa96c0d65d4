// Used by: <textarea>/<input> when execCommand did nothing (e.g. a page that
// blocks it); React 19 controlled textarea, Vue 3 + Element Plus, <kat-textarea>.
// Measured (insertion.md): model right, caret after, but NO undo entry.
// setRangeText is used rather than the `value` setter: React remembers the last
// value it wrote through `value`, and in the page world a plain `el.value = x` +
// input event is dropped as "no change" (Send then sends old text).
import type { InsertStrategy } from './strategy';

export const nativeSetterStrategy: InsertStrategy = {
  id: 'native-setter',
  async insert(target, text) {
    if (target.kind !== 'field') return 'no-effect';
    const el = target.el;
    const before = el.value;
    const start = el.selectionStart ?? before.length;
    const end = el.selectionEnd ?? start;
    el.setRangeText(text, start, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return el.value === before ? 'no-effect' : 'inserted';
  },
};
