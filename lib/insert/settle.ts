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
 * gave, measured with the matrix (Chromium 156) when every editor still got
 * the paste event: Slate syncs its model selection from `selectionchange`
 * through a 100 ms throttle (slate-react 0.146 Editable) and its paste handler
 * uses the model selection; CKEditor 5 (FocusObserver) ignores selection
 * changes for 50 ms after focus, then re-renders its own selection over ours.
 * 0 ms → no rich editor replaced the shortcut (selectionchange had not been
 * delivered yet); 20 ms → Draft.js, Lexical, TipTap, Quill, CKEditor fine for
 * the shortcut, but {cursor} lost in CKEditor after a focus restore; 60 ms →
 * only Slate still missed the shortcut; 110 ms → all. Slate no longer waits
 * (see selectionSyncMs); kept as the figure for Slate's throttle.
 */
export const SELECTION_SYNC_MS = 110;

/** CKEditor 5's FocusObserver re-renders the selection 50 ms after a focus. */
const CKEDITOR_AFTER_FOCUS_MS = 60;

/**
 * The wait an editor needs before our insert. Only CKEditor after a focus: it
 * re-renders its selection 50 ms after focusing (a {cursor} caret placed
 * before that was lost). Otherwise 0, and the selection move is announced
 * (announceSelectionChange) instead of waiting for the browser's event, which
 * Chromium delivers a task later, often after the next frame (a plain
 * contenteditable's Tab expansion took ~9 ms from keydown to text, most of it
 * this wait):
 * - Draft.js (React's onSelect), Lexical, ProseMirror/TipTap and CKEditor 5
 *   (SelectionObserver, on the Tab path where focus did not change) sync their
 *   model selection synchronously inside their `selectionchange` listener, and
 *   none checks isTrusted; Quill reads the DOM selection in its paste handler.
 * - Slate gets the before-input strategy first (chain.ts): slate-react's
 *   onDOMBeforeInput flushes its throttled selection sync and then selects the
 *   event's target range in its model before inserting, so its 100 ms throttle
 *   no longer matters (was a 110 ms wait before every insert).
 * A plain contenteditable cannot be told apart from an unknown framework; both
 * get the announcement.
 */
export function selectionSyncMs(el: Element, focused: boolean): number {
  if (focused && el.closest('.ck-editor__editable, .ck-content')) return CKEDITOR_AFTER_FOCUS_MS;
  return 0;
}

/**
 * After focusing an editor (restoring the agent's place after a click in the
 * sidebar) the unthrottled editors still get the browser's own selectionchange
 * (≤ this long): a focus change runs through editors' focus handlers, which
 * were measured with the real event only. Not the Tab-expansion path: focus
 * is already in the composer there.
 */
const AFTER_FOCUS_MS = 20;

let settleUntil = 0;
let settleTarget: Element | null = null;
/** We focused the target (not only moved its selection) since the last settle. */
let settleFocused = false;
let settleMarkedAt = 0;

/**
 * Record that we focused `target` (`how: 'focused'`) or moved its DOM selection
 * just now. Text fields apply selection synchronously: nothing to wait for.
 */
export function markSelectionMoved(target: EditableTarget, how: 'focused' | 'selection' = 'selection'): void {
  if (target.kind === 'field') return;
  const now = performance.now();
  // A mark nobody consumed (no insert followed) must not slow a later one down.
  if (settleTarget !== target.el || now - settleMarkedAt > 1000) settleFocused = false;
  settleTarget = target.el;
  settleMarkedAt = now;
  settleFocused ||= how === 'focused';
  settleUntil = now + selectionSyncMs(target.el, settleFocused);
}

/**
 * Make the page's editor adopt the DOM selection we set, before it handles our
 * insert. CKEditor after a focus gets its measured time. The others sync from
 * `selectionchange`: after a focus we wait for the browser's event (≤ 20 ms);
 * after a selection move in the focused composer (Tab expansion) we dispatch
 * the event ourselves and the insert follows at once, in the same task as the
 * agent's keydown.
 */
export async function selectionSettled(target: EditableTarget): Promise<void> {
  if (settleTarget !== target.el) return;
  const left = settleUntil - performance.now();
  const focused = settleFocused;
  const throttled = selectionSyncMs(target.el, focused) > 0;
  settleTarget = null;
  settleFocused = false;
  if (throttled) {
    if (left > 0) await sleep(left);
  } else if (focused) {
    await nextSelectionChange(AFTER_FOCUS_MS);
  } else {
    announceSelectionChange();
  }
}

/**
 * A synthetic `selectionchange` at the document: editors that listen for it read
 * the (already moved) DOM selection into their model right now. The browser's
 * own event still follows; reading the same selection twice is harmless.
 */
export function announceSelectionChange(): void {
  document.dispatchEvent(new Event('selectionchange'));
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
