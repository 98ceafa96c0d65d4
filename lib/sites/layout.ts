/**
 * Layout questions adapters ask when a page has no stable hook ("the lowest
 * visible textarea"). In a browser they use real geometry; in a document with
 * no layout (a jsdom test on a saved snapshot) every rect is empty, and the
 * answer falls back to document order, which is where such pages put the
 * composer: last.
 */
export function hasLayout(doc: Document): boolean {
  const body = doc.body;
  if (!body) return false;
  const r = body.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

export function isShown(el: Element): boolean {
  if ((el as HTMLElement).hidden) return false;
  const style = (el as HTMLElement).style;
  if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if ((p as HTMLElement).hidden || (p as HTMLElement).style?.display === 'none') return false;
  }
  return true;
}

export function isVisible(el: Element, withLayout: boolean): boolean {
  if (!isShown(el)) return false;
  if (!withLayout) return true;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/** The candidate lowest on screen (greatest bottom edge), else the last in document order. */
export function lowest<T extends Element>(candidates: readonly T[], withLayout: boolean): T | null {
  const shown = candidates.filter((c) => isVisible(c, withLayout));
  if (!shown.length) return null;
  if (!withLayout) return shown[shown.length - 1]!;
  let best = shown[0]!;
  let bottom = best.getBoundingClientRect().bottom;
  for (const c of shown) {
    const b = c.getBoundingClientRect().bottom;
    if (b >= bottom) {
      best = c;
      bottom = b;
    }
  }
  return best;
}
