/**
 * A status line worded when it is shown, not when it is set. A status stored as text stays in the language it was
 * set in: "Saved" stood in English on a Settings page the seller had just turned 简体, and "Restored." in English
 * after a restore brought back the backup's 繁體. The line is kept as a function of the translator and called with
 * the one the page shows now. `mark` carries what the view needs to know about the line (Settings: is it "Saved").
 */
import { useCallback, useState } from 'react';
import { useI18n } from './i18n';

export type Say = (tr: ReturnType<typeof useI18n>['t']) => string;

export interface WordedStatus<M> {
  /** The line in the page's language now, or null when there is none. */
  text: string | null;
  mark: M | undefined;
  set: (say: Say | null, mark?: M) => void;
}

export function useWordedStatus<M = never>(): WordedStatus<M> {
  const { t } = useI18n();
  const [line, setLine] = useState<{ say: Say; mark: M | undefined } | null>(null);
  const set = useCallback((say: Say | null, mark?: M) => setLine(say ? { say, mark } : null), []);
  return { text: line ? line.say(t) : null, mark: line?.mark, set };
}
