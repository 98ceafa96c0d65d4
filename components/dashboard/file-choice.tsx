/**
 * A file field in the UI language: a button that opens the browser's file dialog, and the chosen file's name.
 * Chromium draws a bare <input type="file"> with its own "Choose File / No file chosen" in the BROWSER's
 * language — English words in a zh-CN dashboard, or Chinese in an English one — and the handlers here empty the
 * input after reading it (Chrome fires no change for the file already chosen), so it read "No file chosen" right
 * after a backup was chosen and its preview shown. The input stays in the page, hidden, with its test id: the
 * button clicks it, and tests set files on it.
 */
import { useId, useRef, useState, type ChangeEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n';

interface Props {
  /** What the file is for ("Backup file"), said before the button and part of its accessible name. */
  label: ReactNode;
  accept: string;
  /** The input's test id (tests choose files on the input); the name shown is `<id>-name`. */
  testId?: string;
  /** The view's own handler: it reads e.target.files and may empty the input. */
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  /** When the view decides what is chosen (a backup restored or cancelled is no longer chosen): null = none. */
  chosen?: string | null;
  inputRef?: RefObject<HTMLInputElement | null>;
}

export function FileChoice({ label, accept, testId, onChange, chosen, inputRef }: Props) {
  const { t } = useI18n();
  const own = useRef<HTMLInputElement>(null);
  const input = inputRef ?? own;
  const [picked, setPicked] = useState<string | null>(null);
  const labelId = useId();
  const buttonId = useId();
  const name = chosen === undefined ? picked : chosen;
  return (
    <span className="file-choice">
      {/* The label holds the hidden input (clicking its words opens the dialog too) and nothing else: its text is
          what the file is for, as it read before. */}
      <label id={labelId}>
        {label}{' '}
        <input
          ref={input}
          type="file"
          hidden
          tabIndex={-1}
          accept={accept}
          data-testid={testId}
          onChange={(e) => {
            // Read before the view's handler empties the input.
            const f = e.target.files?.[0];
            if (f) setPicked(f.name);
            onChange(e);
          }}
        />
      </label>{' '}
      <button type="button" id={buttonId} aria-labelledby={`${labelId} ${buttonId}`} onClick={() => input.current?.click()}>
        {t('fileChoose')}
      </button>{' '}
      <span className="muted small" data-testid={testId ? `${testId}-name` : undefined}>
        {name ?? t('fileNoneChosen')}
      </span>
    </span>
  );
}
