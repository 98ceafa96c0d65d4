// Finding the element that really takes text, and keeping the agent's place in
// it while they click in the sidebar (focus moves to our iframe; the page's
// selection must be put back exactly before inserting).
import { markSelectionMoved } from './settle';
import { isSearchField } from '../sites/dom';

/** Where text goes: a text field, a contenteditable editing host, or an EditContext element. */
export type EditableTarget =
  | { kind: 'field'; el: HTMLTextAreaElement | HTMLInputElement }
  | { kind: 'rich'; el: HTMLElement }
  | { kind: 'edit-context'; el: HTMLElement };

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', '']);

interface EditContextLike {
  text: string;
  selectionStart: number;
  selectionEnd: number;
  updateSelection(start: number, end: number): void;
}

export function editContextOf(el: Element): EditContextLike | null {
  const ec = (el as { editContext?: EditContextLike | null }).editContext;
  return ec ?? null;
}

function isTextField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type);
}

/** The outermost contenteditable ancestor: editors listen on it, not on inner nodes. */
function editingHost(el: HTMLElement): HTMLElement {
  let host = el;
  for (let up = el.parentElement; up?.isContentEditable; up = up.parentElement) host = up;
  return host;
}

function classify(el: Element): EditableTarget | null {
  if (isTextField(el)) return { kind: 'field', el };
  if (!(el instanceof HTMLElement)) return null;
  if (editContextOf(el)) return { kind: 'edit-context', el };
  if (el.isContentEditable) return { kind: 'rich', el: editingHost(el) };
  return null;
}

/** Depth-first search for an editable, entering open shadow roots (e.g. Seller Central's <kat-textarea>). */
function findInside(root: Element | ShadowRoot): EditableTarget | null {
  const focused = root instanceof ShadowRoot ? root.activeElement : null;
  if (focused) {
    const hit = resolveEditable(focused);
    if (hit) return hit;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    const hit = classify(el);
    if (hit) return hit;
    if (el.shadowRoot) {
      const inner = findInside(el.shadowRoot);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * The real editable for a composer element an adapter found: the element itself,
 * its editing host, or the first editable inside it (or inside its open shadow root).
 */
export function resolveEditable(el: Element | null): EditableTarget | null {
  if (!el?.isConnected) return null;
  const direct = classify(el);
  if (direct) return direct;
  if (el.shadowRoot) {
    const inShadow = findInside(el.shadowRoot);
    if (inShadow) return inShadow;
  }
  return findInside(el);
}

export function isWritable(target: EditableTarget): boolean {
  if (target.kind === 'field') return !target.el.disabled && !target.el.readOnly;
  return target.el.isConnected;
}

/** document.activeElement, followed into open shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The Selection that covers `el`: Chromium gives shadow roots their own. */
export function selectionFor(el: Node): Selection | null {
  const root = el.getRootNode() as (ShadowRoot & { getSelection?: () => Selection | null }) | Document;
  if (root instanceof ShadowRoot && typeof root.getSelection === 'function') return root.getSelection();
  return document.getSelection();
}

export function hasFocus(target: EditableTarget): boolean {
  const active = deepActiveElement();
  return !!active && (active === target.el || target.el.contains(active));
}

/** Where the caret was, kept as text offsets too: React editors re-create text nodes, which breaks a live Range. */
interface Place {
  target: EditableTarget;
  start: number;
  end: number;
  range: Range | null;
}

let remembered: Place | null = null;

/** Character offset of a DOM point inside `host`, counted like Range.toString(). */
function offsetIn(host: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(host, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function pointAt(host: HTMLElement, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.data.length) return { node, offset: left };
    left -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: host, offset: host.childNodes.length };
}

function snapshot(target: EditableTarget): Place | null {
  if (target.kind === 'field') {
    const { selectionStart, selectionEnd } = target.el;
    if (selectionStart === null || selectionEnd === null) return null;
    return { target, start: selectionStart, end: selectionEnd, range: null };
  }
  if (target.kind === 'edit-context') {
    const ec = editContextOf(target.el);
    return ec ? { target, start: ec.selectionStart, end: ec.selectionEnd, range: null } : null;
  }
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return null;
  const range = sel.getRangeAt(0);
  if (!target.el.contains(range.startContainer) || !target.el.contains(range.endContainer)) return null;
  return {
    target,
    start: offsetIn(target.el, range.startContainer, range.startOffset),
    end: offsetIn(target.el, range.endContainer, range.endOffset),
    range: range.cloneRange(),
  };
}

/**
 * Call on focusin, focusout and selectionchange (content script, see
 * trackComposer): remembers the composer and the exact selection in it. Events
 * outside any editable are ignored, so a click in our sidebar keeps the place.
 */
export function rememberComposer(el: Element | null): void {
  // Only the element itself (or its editing host): never search the page from
  // here, selectionchange reports <body> when nothing is focused.
  const target = el?.isConnected ? classify(el) : null;
  // The conversation list's search box is not where replies go: an agent who searched for a buyer
  // and clicked the conversation had the sidebar's reply inserted into the search box.
  if (!target || isSearchField(target.el)) return;
  const place = snapshot(target);
  if (place) remembered = place;
}

/**
 * Keep the composer's place up to date: focusin, every selection change, and
 * focusout — the moment the agent clicks into the sidebar, with the selection
 * still as they left it. Returns a function that removes the listeners.
 */
export function trackComposer(doc: Document = document): () => void {
  const fromEvent = (event: Event) => {
    const el = event.composedPath()[0];
    rememberComposer(el instanceof Element ? el : null);
  };
  const fromSelection = () => rememberComposer(deepActiveElement());
  doc.addEventListener('focusin', fromEvent, true);
  doc.addEventListener('focusout', fromEvent, true);
  doc.addEventListener('selectionchange', fromSelection);
  return () => {
    doc.removeEventListener('focusin', fromEvent, true);
    doc.removeEventListener('focusout', fromEvent, true);
    doc.removeEventListener('selectionchange', fromSelection);
  };
}

/** The remembered composer if it is still on the page. */
export function rememberedComposer(): EditableTarget | null {
  return remembered?.target.el.isConnected ? remembered.target : null;
}

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

/**
 * Focus `target` and put the selection back where the agent left it (or at the
 * end when nothing was remembered for it). Returns true when the DOM selection
 * was moved, so callers know an editor may still be syncing its own selection.
 */
export function restoreSelection(target: EditableTarget): boolean {
  const place = remembered && remembered.target.el === target.el ? remembered : null;
  if (target.kind === 'field') {
    const el = target.el;
    if (!hasFocus(target)) el.focus({ preventScroll: true });
    const len = el.value.length;
    const start = Math.min(place?.start ?? len, len);
    const end = Math.min(place?.end ?? len, len);
    if (el.selectionStart === start && el.selectionEnd === end) return false;
    el.setSelectionRange(start, end);
    return true;
  }
  if (target.kind === 'edit-context') {
    if (!hasFocus(target)) {
      target.el.focus({ preventScroll: true });
      markSelectionMoved(target, 'focused');
    }
    const ec = editContextOf(target.el);
    if (ec && place && (ec.selectionStart !== place.start || ec.selectionEnd !== place.end)) {
      ec.updateSelection(place.start, place.end);
      markSelectionMoved(target);
      return true;
    }
    return false;
  }
  const host = target.el;
  if (!hasFocus(target)) {
    host.focus({ preventScroll: true });
    markSelectionMoved(target, 'focused');
  }
  const sel = selectionFor(host);
  if (!sel) return false;
  let wanted: Range;
  const live = place?.range;
  if (live && host.contains(live.startContainer) && host.contains(live.endContainer) && live.toString().length === place.end - place.start) {
    wanted = live.cloneRange();
  } else {
    wanted = document.createRange();
    if (place) {
      const a = pointAt(host, place.start);
      const b = pointAt(host, place.end);
      wanted.setStart(a.node, a.offset);
      wanted.setEnd(b.node, b.offset);
    } else {
      // Nothing remembered: a reply goes after what is already typed.
      wanted.selectNodeContents(host);
      wanted.collapse(false);
    }
  }
  const current = sel.rangeCount ? sel.getRangeAt(0) : null;
  if (current && host.contains(current.startContainer) && (!place || sameRange(current, wanted))) return false;
  sel.removeAllRanges();
  sel.addRange(wanted);
  markSelectionMoved(target);
  return true;
}

/**
 * Re-focus the remembered composer and restore its selection (after the agent
 * clicked in the sidebar iframe). Returns the composer element, or null.
 */
export function restoreComposer(): HTMLElement | null {
  const target = rememberedComposer();
  if (!target) return null;
  restoreSelection(target);
  return target.el;
}

/** Forget the remembered place (tests, page navigation). */
export function forgetComposer(): void {
  remembered = null;
}
