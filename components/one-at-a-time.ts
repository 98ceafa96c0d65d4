/**
 * One piece of work at a time, from the click on: Save the buyer's words, Create case, Add note, export a bundle,
 * capture. A double click (or Enter pressed twice) stored the same record twice, opened two cases, put a note on the
 * timeline twice, downloaded a bundle twice. The guard is a ref, not state: the second click arrives before React
 * has re-rendered the disabled button. `busy` is the state for the button.
 *
 * A running guard alone is not enough: work that ends before the second click of a double click arrives (a short
 * reply into a plain box, a team library URL saved) ran twice. So a button passes its click, and the second click of
 * a double click (`detail > 1`) is no second run. Enter and Space give a click of detail 0, so the keyboard still works.
 */
import { useCallback, useRef, useState } from 'react';

/** What a button's click carries that tells a double click apart: React's and the DOM's click events both have it. */
export interface Click {
  detail: number;
}

/** The second (third…) click of one double click, which the seller means as one. */
export function isRepeatClick(click: Click | undefined): boolean {
  return click !== undefined && click.detail > 1;
}

export interface OneAtATime {
  /** True from the click until the work settles: disable the button with it. */
  busy: boolean;
  /**
   * Runs `work` unless one is already running or `click` is the second click of a double click (then resolves to
   * undefined without running it). Pass the button's click; a form's submit has none to pass.
   */
  run: <R>(work: () => Promise<R>, click?: Click) => Promise<R | undefined>;
}

export function useOneAtATime(): OneAtATime {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <R>(work: () => Promise<R>, click?: Click): Promise<R | undefined> => {
    if (running.current || isRepeatClick(click)) return undefined;
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
