// Waiting for the page's editor to react. Editors apply an insert at different
// times: ProseMirror/CKEditor synchronously, React editors (Slate, Draft.js) and
// Lexical on their next render/commit, so a strategy watches the target for a
// short window instead of reading it right after dispatching.
import type { EditableTarget } from './target';

/** How long an editor may take to show an insert it accepted (React/Lexical commit). */
export const CHANGE_WINDOW_MS = 60;
/** After a handled (preventDefault) event with no visible change yet: how long to wait before giving up. */
export const PREVENTED_WAIT_MS = 300;

/**
 * How long a rich editor may take to adopt a DOM selection we set or a focus we
 * gave: Slate syncs its model selection from `selectionchange` through a 100 ms
 * throttle (slate-react 0.146 Editable) and its paste handler uses the model
 * selection; CKEditor 5 (FocusObserver) ignores selection changes for 50 ms
 * after focus, then re-renders its own selection over ours. Measured with the
 * matrix (Chromium 156): 0 ms → no rich editor replaced the shortcut
 * (selectionchange had not been delivered yet); 20 ms → Draft.js, Lexical,
 * TipTap, Quill, CKEditor fine for the shortcut, but {cursor} lost in CKEditor
 * after a focus restore; 60 ms → only Slate still missed the shortcut; 110 ms → all.
 */
export const SELECTION_SYNC_MS = 110;

/**
 * The wait each editor needs (same measurements): only Slate needs the full
 * 110 ms and CKEditor 60 ms; Draft.js, Lexical, ProseMirror/TipTap and Quill
 * adopt a selection within 20 ms. Unknown rich editors get 20 ms as insurance;
 * a plain contenteditable needs none but cannot be told apart from an unknown
 * framework, so it gets the same 20 ms. Waiting 110 ms everywhere made a
 * shortcut expansion in a plain contenteditable take ~120 ms instead of ~25.
 */
export function selectionSyncMs(el: Element): number {
  if (el.closest('[data-slate-editor]')) return SELECTION_SYNC_MS;
  if (el.closest('.ck-editor__editable, .ck-content')) return 60;
  return 20;
}

let settleUntil = 0;
let settleTarget: Element | null = null;
/** Resolves at the first selectionchange after our move (editors sync from that event). */
let settleSignal: Promise<void> | null = null;

/** Record that we focused `target` or moved its DOM selection just now. Text fields apply selection synchronously. */
export function markSelectionMoved(target: EditableTarget): void {
  if (target.kind === 'field') return;
  settleTarget = target.el;
  const ms = selectionSyncMs(target.el);
  settleUntil = performance.now() + ms;
  settleSignal = ms === SELECTION_SYNC_MS || ms === 60 ? null : nextSelectionChange(ms);
}

/**
 * Wait until the editor has adopted our selection. Throttled editors (Slate,
 * CKEditor after focus) get their measured time; the others sync from the
 * `selectionchange` event, so waiting for that event (≤ 20 ms) suffices and a
 * plain contenteditable does not pay the full insurance.
 */
export async function selectionSettled(target: EditableTarget): Promise<void> {
  if (settleTarget !== target.el) return;
  const signal = settleSignal;
  const left = settleUntil - performance.now();
  settleTarget = null;
  settleSignal = null;
  if (signal) await signal;
  else if (left > 0) await sleep(left);
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** One animation frame; a timer stands in when the tab is hidden and rAF is paused. */
export function nextFrame(): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      done();
    });
  });
}

/** A cheap fingerprint of what the target shows: text plus element count (an empty new paragraph changes no text). */
export function fingerprint(target: EditableTarget): string {
  if (target.kind === 'field') return target.el.value;
  const ec = target.kind === 'edit-context' ? (target.el as { editContext?: { text: string } | null }).editContext : null;
  if (ec) return ec.text;
  return `${target.el.getElementsByTagName('*').length}|${target.el.textContent ?? ''}`;
}

export interface ChangeWatch {
  changed(): boolean;
  /** Resolves true as soon as the target changed, false after `ms` (+ one frame) without change. */
  within(ms: number): Promise<boolean>;
  stop(): void;
}

/** Start watching before dispatching, so a synchronous change is not missed. */
export function watchChange(target: EditableTarget): ChangeWatch {
  const before = fingerprint(target);
  const changed = () => fingerprint(target) !== before;
  let wake: (() => void) | null = null;
  const observer = new MutationObserver(() => wake?.());
  observer.observe(target.el, { childList: true, characterData: true, subtree: true });
  return {
    changed,
    async within(ms) {
      if (changed()) return true;
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        await new Promise<void>((done) => {
          wake = done;
          setTimeout(done, Math.max(0, deadline - Date.now()));
        });
        wake = null;
        if (changed()) return true;
      }
      await nextFrame();
      return changed();
    },
    stop: () => observer.disconnect(),
  };
}

/** Resolves on the next `selectionchange` (editors sync their model selection from it), or after `ms`. */
export function nextSelectionChange(ms = 50): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      document.removeEventListener('selectionchange', finish);
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(finish, ms);
    document.addEventListener('selectionchange', finish);
  });
}

export type DispatchOutcome = 'inserted' | 'no-effect' | 'taken';

/**
 * Dispatch a synthetic editing event at the caret and judge what the editor did.
 * Every editor measured that handles such an event cancels it synchronously (it
 * must, to stop the browser's own handling of a real one), so a NOT cancelled
 * event means nobody took it: look once after a microtask and move on — waiting
 * a frame here made a plain contenteditable's Tab expansion ~35 ms slower.
 * A cancelled event gets CHANGE_WINDOW_MS to show, then PREVENTED_WAIT_MS, and
 * then the chain stops ('taken'): falling through could insert the reply twice.
 */
export async function dispatchAndWatch(target: EditableTarget, at: Element, event: Event): Promise<DispatchOutcome> {
  const watch = watchChange(target);
  try {
    at.dispatchEvent(event);
    if (!event.defaultPrevented) {
      await Promise.resolve();
      return watch.changed() ? 'inserted' : 'no-effect';
    }
    if (await watch.within(CHANGE_WINDOW_MS)) return 'inserted';
    return (await watch.within(PREVENTED_WAIT_MS)) ? 'inserted' : 'taken';
  } finally {
    watch.stop();
  }
}
