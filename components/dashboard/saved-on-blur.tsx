/**
 * A text field saved when the seller leaves it, that still follows the stored value when it changes
 * elsewhere (another dashboard tab, a UI language switch relabelling a built-in category, an import
 * over a taught profile). Uncontrolled so typing costs no store round trip; the stored value is
 * written into it only while the seller is not in it — keying the row by the value instead remounted
 * the row on each save and threw away what was being typed in the row's next field.
 */
import { useEffect, useRef, type InputHTMLAttributes } from 'react';

type Props = { value: string; onSave: (next: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onBlur'>;

export function SavedOnBlur({ value, onSave, ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && el.ownerDocument.activeElement !== el) el.value = value;
  }, [value]);
  return <input ref={ref} defaultValue={value} onBlur={(e) => e.target.value !== value && onSave(e.target.value)} {...rest} />;
}
