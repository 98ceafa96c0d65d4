/**
 * `xiaoer:dashboard-first-row-<view>`: a performance mark the first time a list view has rows in the
 * DOM on this page load (committed, before the browser paints them). test/bench/dashboard.bench.ts
 * reads it from pages opened with no DevTools client attached while they load — an automation client
 * on the page (Playwright's network and runtime instrumentation) slowed each extension page load by
 * ~45 ms, so the seller's figure is measured without one and read after.
 */
import { useLayoutEffect } from 'react';

const marked = new Set<string>();

export function useFirstRowsMark(view: 'evidence' | 'library', hasRows: boolean): void {
  useLayoutEffect(() => {
    if (!hasRows || marked.has(view)) return;
    marked.add(view);
    performance.mark(`xiaoer:dashboard-first-row-${view}`);
  }, [view, hasRows]);
}
