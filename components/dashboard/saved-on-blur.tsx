/**
 * A text field saved when the seller leaves it or presses Enter, that still follows the stored value when
 * it changes elsewhere (another dashboard tab, a UI language switch relabelling a built-in category, an
 * import over a taught profile). Uncontrolled so typing costs no store round trip; the stored value is
 * written into it only while the seller is not in it — keying the row by the value instead remounted
 * the row on each save and threw away what was being typed in the row's next field.
 */
import { useEffect, useRef, type InputHTMLAttributes, type KeyboardEvent } from 'react';

/** onSave may return its write: one that fails leaves the text unsaved, so Enter (or leaving) tries it again. */
type Props = { value: string; onSave: (next: string) => void | Promise<unknown> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onBlur'>;

export function SavedOnBlur({ value, onSave, onKeyDown, ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  // What was last handed to onSave: Enter then leaving the field saves once, not twice.
  const saved = useRef(value);
  const stored = useRef(value);
  useEffect(() => {
    saved.current = value;
    stored.current = value;
    const el = ref.current;
    if (el && el.ownerDocument.activeElement !== el) el.value = value;
  }, [value]);
  const save = (next: string) => {
    if (next === value || next === saved.current) return;
    saved.current = next;
    // A write that failed was still taken as saved: Enter on the same name did nothing, and the seller could not
    // try again without retyping it. (The caller says the failure; this only forgets the text was saved.)
    onSave(next)?.catch(() => {
      if (saved.current === next) saved.current = stored.current;
    });
  };
  return (
    <input
      ref={ref}
      defaultValue={value}
      onBlur={(e) => save(e.target.value)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        // Enter is how a seller confirms a rename; it did nothing, and a tab closed next (no blur) lost the name.
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) save(e.currentTarget.value);
        onKeyDown?.(e);
      }}
      {...rest}
    />
  );
}
