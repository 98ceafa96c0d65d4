/**
 * One piece of work at a time, from the click on: Save the buyer's words, Create case, Add note, export a bundle,
 * capture. A double click (or Enter pressed twice) stored the same record twice, opened two cases, put a note on the
 * timeline twice, downloaded a bundle twice. The guard is a ref, not state: the second click arrives before React
 * has re-rendered the disabled button. `busy` is the state for the button.
 */
import { useCallback, useRef, useState } from 'react';

export interface OneAtATime {
  /** True from the click until the work settles: disable the button with it. */
  busy: boolean;
  /** Runs `work` unless one is already running (then resolves to undefined without running it). */
  run: <R>(work: () => Promise<R>) => Promise<R | undefined>;
}

export function useOneAtATime(): OneAtATime {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <R>(work: () => Promise<R>): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
