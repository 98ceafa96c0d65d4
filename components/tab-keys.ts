/**
 * Arrow keys in a row of tabs (WAI-ARIA tabs pattern): ← / → go to the neighbouring tab, Home / End to
 * the first / last. The sidebar's tabs, its reply categories, a review's draft variants and the
 * dashboard's views are role="tablist"; with the keyboard they could only be reached one Tab press at a time.
 *
 * `choose`: the tab reached is chosen at once, as a click does (reply categories, draft variants: cheap,
 * and the keyboard stays in the row). Without it only the focus moves and Enter or Space chooses
 * (the sidebar's tabs and the dashboard's views: showing one loads it, and the Replies tab takes the
 * keyboard to its search when shown, which stopped the walk along the row there).
 */
import type { KeyboardEvent } from 'react';

export function tabRowKeys(choose: boolean): (e: KeyboardEvent<HTMLElement>) => void {
  return (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
    const at = tabs.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    const last = tabs.length - 1;
    const to = { ArrowRight: at === last ? 0 : at + 1, ArrowLeft: at === 0 ? last : at - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    tabs[to]!.focus();
    if (choose) tabs[to]!.click();
  };
}

/** The tab reached is chosen. */
export const chooseOnArrow = tabRowKeys(true);
/** Only the focus moves; Enter or Space chooses. */
export const focusOnArrow = tabRowKeys(false);
