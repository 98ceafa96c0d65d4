/**
 * A Tab the base held before the core was ready (early-tab.ts) that turned out to end no shortcut: it was
 * swallowed, and the agent's Tab did nothing (focus stayed, an editor that indents on Tab did not). It goes
 * back to the page as the page would have had it: a keydown the page's own handlers see (an editor indents,
 * a chat moves to its Send button, and says so with preventDefault); when none takes it, focus moves on to
 * the next control in tab order, as the browser's default would have (a synthetic Tab has no default).
 */

/** What sequential focus navigation can land on (disabled, hidden and inert controls are filtered below). */
const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]:not([contenteditable="false"])';

export function giveTabBack(composer: HTMLElement): void {
  const from = deepActive();
  // The keyboard left the chat box meanwhile (the page moved it): that Tab is not the page's any more.
  if (!from || !(from === composer || composer.contains(from) || from.shadowRoot?.contains(composer))) return;
  const tab = new KeyboardEvent('keydown', { key: 'Tab', code: 'Tab', keyCode: 9, which: 9, bubbles: true, cancelable: true, composed: true });
  if (!from.dispatchEvent(tab)) return;
  nextInTabOrder(from)?.focus();
}

function deepActive(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement && el !== document.body ? el : null;
}

/** The control a Tab moves to from `from`, in the document's tab order (positive tabindex first); null at the end. */
export function nextInTabOrder(from: HTMLElement): HTMLElement | null {
  // A chat box inside a shadow root (a web component's): the order goes on after its host.
  let anchor: Element = from;
  while (anchor.getRootNode() instanceof ShadowRoot) anchor = (anchor.getRootNode() as ShadowRoot).host;
  const tabbable = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      !el.closest('[inert]') &&
      !(el instanceof HTMLInputElement && el.type === 'hidden') &&
      // Not inside the chat box itself (a rich editor's own widgets), nor an editable inside another editable.
      !anchor.contains(el) &&
      !(el.isContentEditable && el.parentElement?.isContentEditable) &&
      el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden',
  );
  const order = [...tabbable.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex), ...tabbable.filter((el) => el.tabIndex === 0)];
  const own = (anchor as HTMLElement).tabIndex ?? 0;
  const after = (el: HTMLElement) => (anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (own > 0) {
    // After the controls of the same tabindex that follow it, then the higher ones, then the zeros.
    return order.find((el) => (el.tabIndex === own && after(el)) || el.tabIndex > own || el.tabIndex === 0) ?? null;
  }
  return order.find((el) => el.tabIndex === 0 && after(el)) ?? null;
}
