/**
 * What scrolls a part of the page: the screenshots (capture-page.ts, a picked element taller than what shows
 * of it) and the load of a chat's earlier messages (load-history.ts) both need the element that scrolls
 * a pane, and the page's own scroller when the document itself scrolls.
 */

/** Whether `el` scrolls vertically: content taller than its box and overflow that lets it scroll. */
export function scrollsVertically(el: Element): boolean {
  if (el.scrollHeight <= el.clientHeight + 1) return false;
  const overflow = getComputedStyle(el).overflowY;
  return overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay';
}

/**
 * The nearest element from `from` up that scrolls vertically, the document's own scroller left out.
 * `fitsScreen`: only one no taller than the viewport (all of its visible area can be on screen at once).
 */
export function scrollingAncestor(from: Element | null, opts: { fitsScreen?: boolean } = {}): HTMLElement | null {
  for (let el = from; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    if (!scrollsVertically(el)) continue;
    if (opts.fitsScreen && el.clientHeight > window.innerHeight) continue;
    return el as HTMLElement;
  }
  return null;
}

/** The document's scroller when the page itself scrolls vertically; null when it all fits the window. */
export function pageScroller(): HTMLElement | null {
  const page = (document.scrollingElement ?? document.documentElement) as HTMLElement;
  return page.scrollHeight > document.documentElement.clientHeight + 1 ? page : null;
}
