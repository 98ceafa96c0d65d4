/**
 * The element picker (like an ad blocker's): the seller points at one part of
 * any page — the composer, the message pane, one message row, the buyer name,
 * the order number — and Xiaoer keeps a robust CSS selector for it (generated
 * with @medv/finder; this file is part of the overlay CORE, never the base).
 *
 * Everything drawn here lives in our own open shadow root on <html> — the
 * hover box and a small instruction bar (text set with textContent) — so the
 * page's styles are never touched. While picking, the page does not see the
 * seller's clicks (captured and stopped); Esc or the bar's Cancel ends the pick.
 * The bar sits over the sidebar's column, top right: that strip is Xiaoer's
 * anyway, so it never hides a part of the page the seller must point at.
 */
import { finder } from '@medv/finder';
import type { PickField } from '../../lib/messaging';
import { textOf } from '../../lib/sites/dom';
import { pickedValue } from '../../lib/sites/picked';
import { GENERATED, STATE_CLASS, findsEveryRow, messageRowOf, messageRowParts } from '../../lib/sites/message-row';
import { scrollingAncestor } from './scroller';

export interface PickOptions {
  field: PickField;
  prompt: string;
  skip: string;
  cancel: string;
}

export interface PickOutcome {
  outcome: 'picked' | 'skipped' | 'cancelled';
  selector: string | null;
  preview: string;
}

const STYLE = `
:host { all: initial; }
.box { position: fixed; pointer-events: none; z-index: 2147483647; border: 2px solid #e4393c; background: rgba(228,57,60,.12);
  border-radius: 3px; box-sizing: border-box; display: none; }
.label { position: absolute; left: -2px; top: -20px; background: #e4393c; color: #fff; font: 600 11px/18px system-ui, sans-serif;
  padding: 0 6px; border-radius: 3px 3px 0 0; white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.bar { position: fixed; top: 8px; right: 8px; width: min(384px, 90vw); box-sizing: border-box; z-index: 2147483647;
  display: flex; gap: 8px; align-items: center; padding: 10px 12px; border-radius: 8px; background: #222; color: #fff;
  font: 13px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.35); }
.text { flex: 1; }
button { font: inherit; border: 0; border-radius: 6px; padding: 4px 10px; cursor: pointer; background: #555; color: #fff; }
button.skip { background: #e4393c; }
button:focus-visible { outline: 2px solid #ffd54f; }
`;

const EDITABLE = 'textarea, input:not([type]), input[type="text"], [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"]';

/** Out of any shadow root: document.querySelector must be able to find the element again. */
function lightDomOf(el: Element): Element {
  let cur = el;
  for (let root = cur.getRootNode(); root instanceof ShadowRoot; root = cur.getRootNode()) cur = root.host;
  return cur;
}

function signature(el: Element): string {
  return `${el.localName}.${el.classList[0] ?? ''}`;
}

function similarSiblings(el: Element): number {
  const parent = el.parentElement;
  if (!parent) return 0;
  const sig = signature(el);
  let n = 0;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) if (signature(c) === sig) n++;
  return n;
}

/** What the seller means by pointing at `el` for this field (the bubble text they hovered is part of a row, etc.). */
export function targetFor(field: PickField, hovered: Element): Element {
  const el = lightDomOf(hovered);
  if (field === 'composer') {
    if (el !== hovered) return el; // a web component with its editor in a shadow root: the insertion layer opens it
    let root: Element | null = el.closest(EDITABLE);
    // Nested contenteditable children belong to the editor's root.
    while (root?.parentElement?.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) root = root.parentElement.closest('[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]');
    return root ?? el.querySelector(EDITABLE) ?? el;
  }
  if (field === 'messageRow') return messageRowOf(el);
  if (field === 'messagePane') {
    const scroller = scrollingAncestor(el);
    if (scroller) return scroller;
    for (let p: Element | null = el; p && p !== document.body; p = p.parentElement) if (p.childElementCount >= 3 && similarSiblings(p.firstElementChild!) >= 3) return p;
    return el;
  }
  return el;
}

const ATTRS = new Set(['name', 'placeholder', 'aria-label', 'role', 'data-testid', 'data-test', 'data-cy', 'title', 'type']);

const FINDER_OPTIONS = {
  idName: (name: string) => !GENERATED.test(name),
  className: (name: string) => !GENERATED.test(name) && !STATE_CLASS.test(name),
  attr: (name: string, value: string) => ATTRS.has(name) && value.length <= 60 && !/\d{4,}/.test(value),
  timeoutMs: 400,
};

/** A selector that finds exactly this element now and is likely to survive a re-render. */
export function uniqueSelector(el: Element): string {
  try {
    return finder(el, { root: document.body, ...FINDER_OPTIONS });
  } catch {
    // finder gives up on very deep or very uniform pages: fall back to its plain path.
    return finder(el, { root: document.body, timeoutMs: 1_000 });
  }
}

/**
 * For a message row: a selector for ALL rows of the conversation, of both
 * senders — the row's parent (unique) and the row's tag with the kind classes
 * every row shares (lib/sites/message-row.ts). Keeping a class "most rows"
 * share kept `from-buyer` on chat/unknown-backend.html (four of eight rows)
 * and a capture lost every seller reply. The selector is checked against the
 * rows before it is saved; one that misses a row falls back to every child of
 * the row's tag.
 */
export function rowSelector(row: Element): string {
  const { parent, tag, classes, rows } = messageRowParts(row);
  if (!parent) return uniqueSelector(row);
  const list = uniqueSelector(parent);
  const selector = `${list} > ${CSS.escape(tag)}${classes.map((c) => `.${CSS.escape(c)}`).join('')}`;
  return findsEveryRow(document, selector, rows) ? selector : `${list} > ${CSS.escape(tag)}`;
}

export function selectorFor(field: PickField, el: Element): string {
  return field === 'messageRow' ? rowSelector(el) : uniqueSelector(el);
}

function previewOf(field: PickField, el: Element, selector: string): string {
  if (field === 'buyerName' || field === 'orderNumber') return pickedValue(textOf(el), field) ?? '';
  if (field === 'messageRow') return String(document.querySelectorAll(selector).length);
  if (field === 'messagePane') return String(el.childElementCount);
  return el.localName;
}

export function createElementPicker() {
  let stop: ((outcome: PickOutcome) => void) | null = null;

  function pick(opts: PickOptions): Promise<PickOutcome> {
    // One pick at a time: a second request ends the first as cancelled.
    stop?.({ outcome: 'cancelled', selector: null, preview: '' });
    return new Promise<PickOutcome>((resolve) => {
      const host = document.createElement('xiaoer-picker');
      const root = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      const box = document.createElement('div');
      box.className = 'box';
      const label = document.createElement('div');
      label.className = 'label';
      box.append(label);
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.setAttribute('role', 'dialog');
      bar.setAttribute('data-testid', 'xiaoer-picker-bar');
      bar.setAttribute('data-field', opts.field);
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = opts.prompt;
      const skip = document.createElement('button');
      skip.type = 'button';
      skip.className = 'skip';
      skip.textContent = opts.skip;
      skip.setAttribute('data-testid', 'xiaoer-picker-skip');
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.textContent = opts.cancel;
      cancel.setAttribute('data-testid', 'xiaoer-picker-cancel');
      bar.append(text, skip, cancel);
      root.append(style, box, bar);
      document.documentElement.append(host);

      let current: Element | null = null;
      const ours = (e: Event) => e.composedPath().includes(host);
      const show = (el: Element | null) => {
        current = el;
        if (!el) {
          box.style.display = 'none';
          return;
        }
        const r = el.getBoundingClientRect();
        Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
        label.textContent = `${el.localName}${el.classList[0] ? `.${el.classList[0]}` : ''}`;
      };
      const onMove = (e: MouseEvent) => {
        if (ours(e)) return;
        const t = e.composedPath()[0];
        if (!(t instanceof Element) || t === document.documentElement || t === document.body) return show(null);
        show(targetFor(opts.field, t));
      };
      // The page must not act on picking clicks (an order number may be a link).
      const swallow = (e: Event) => {
        if (ours(e)) return;
        e.preventDefault();
        e.stopImmediatePropagation();
      };
      const onClick = (e: MouseEvent) => {
        if (ours(e)) return;
        swallow(e);
        const t = e.composedPath()[0];
        const el = t instanceof Element && t !== document.documentElement && t !== document.body ? targetFor(opts.field, t) : current;
        if (!el) return;
        const selector = selectorFor(opts.field, el);
        finish({ outcome: 'picked', selector, preview: previewOf(opts.field, el, selector).slice(0, 200) });
      };
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopImmediatePropagation();
        finish({ outcome: 'cancelled', selector: null, preview: '' });
      };
      const onScroll = () => show(current);
      const POINTER = ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'contextmenu'] as const;
      const finish = (outcome: PickOutcome) => {
        document.removeEventListener('mousemove', onMove, true);
        document.removeEventListener('mouseover', onMove, true);
        document.removeEventListener('click', onClick, true);
        for (const t of POINTER) document.removeEventListener(t, swallow, true);
        document.removeEventListener('keydown', onKey, true);
        window.removeEventListener('scroll', onScroll, true);
        host.remove();
        stop = null;
        resolve(outcome);
      };
      skip.addEventListener('click', () => finish({ outcome: 'skipped', selector: null, preview: '' }));
      cancel.addEventListener('click', () => finish({ outcome: 'cancelled', selector: null, preview: '' }));
      document.addEventListener('mousemove', onMove, true);
      document.addEventListener('mouseover', onMove, true);
      document.addEventListener('click', onClick, true);
      for (const t of POINTER) document.addEventListener(t, swallow, true);
      document.addEventListener('keydown', onKey, true);
      window.addEventListener('scroll', onScroll, true);
      stop = finish;
      // Keyboard focus comes out of the sidebar frame into the page, so Esc reaches us.
      skip.focus();
    });
  }

  return {
    pick,
    cancel: () => stop?.({ outcome: 'cancelled', selector: null, preview: '' }),
    dispose: () => stop?.({ outcome: 'cancelled', selector: null, preview: '' }),
  };
}
