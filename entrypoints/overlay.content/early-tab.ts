/**
 * A Tab typed before the overlay's core is ready. The core (adapters, template engine, the shortcut
 * table) wakes on the agent's first focus in a text box; on a fresh browser under load it took more
 * than the ~0.3 s an agent needs to type `hy` + Tab after that first click (seen in CI: the Tab was
 * the page's, the reply never came). Tab expansion must decide synchronously, so the base decides
 * for the core: a Tab that could end a shortcut (a word right before the caret) is held, and so are
 * the keys typed after it, until the core and its table are in; then the core expands the shortcut
 * and the keys go on to the fill-in form or back into the chat box (core.ts, takeEarlyTab).
 *
 * A Tab held for nothing (no shortcut matched) goes back to the page (give-tab-back.ts: its keydown, then
 * the focus move a synthetic Tab does not make by itself); it was lost. Still, only a Tab after a word is
 * held, and only in the core's first moments: the given-back Tab is the page's keydown and focus move, not
 * every default a real one has.
 */
import { textBeforeCaret } from '../../lib/insert/caret';
import { resolveEditable } from '../../lib/insert/target';

/** A key held for the core: what type-ahead needs of it (type-ahead.ts). */
export interface HeldKey {
  key: string;
  shift: boolean;
}

export interface EarlyTab {
  /** The chat box the Tab was typed in. */
  composer: HTMLElement;
  /** Keys typed after the Tab, in order. */
  keys: HeldKey[];
  /** Still the agent's wish: no click, no other key, not too late. False: only give the keys back. */
  expand: boolean;
}

/** Longest hold. A core that is not in by then (a stalled worker) gets the keys back, not the Tab. */
const HOLD_MS = 3000;
/** How far back the word before the caret is read (the expander reads as far). */
const LOOKBACK = 48;

export function createEarlyTabHolder(opts: {
  /** The core and its shortcut table, loaded; rejects when the core cannot load. */
  ready: () => Promise<{ takeEarlyTab(held: EarlyTab): void }>;
  /** The core failed to load: the held text goes back as plain typing. */
  fallback: (held: EarlyTab) => void;
}) {
  let held: (EarlyTab & { timer: ReturnType<typeof setTimeout> }) | null = null;

  const stopHolding = () => {
    if (!held) return;
    held.expand = false;
    clearTimeout(held.timer);
    document.removeEventListener('pointerdown', stopHolding, true);
  };

  const swallow = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /** Capture-phase keydown while the core is not ready. */
  return function keydown(event: KeyboardEvent): void {
    if (!event.isTrusted || event.isComposing) return;
    if (held) {
      // Keys after the held Tab, in the same chat box, for the form or the chat box once the core decides.
      if (!held.expand || !event.composedPath().includes(held.composer)) return;
      const k = event.key;
      if (!event.ctrlKey && !event.metaKey && !event.altKey && ([...k].length === 1 || k === 'Backspace' || k === 'Tab' || k === 'Enter')) {
        held.keys.push({ key: k, shift: event.shiftKey });
        swallow(event);
      } else stopHolding(); // Esc, an arrow, a shortcut key: the agent moved on; the key is the page's.
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement)) return;
    const editable = resolveEditable(target);
    const before = editable ? textBeforeCaret(editable, LOOKBACK) : null;
    // A word right before the caret; after a space or on an empty line the Tab is the page's (focus moves on).
    if (!editable || !before || /\s$/.test(before)) return;
    swallow(event);
    const mine = { composer: editable.el as HTMLElement, keys: [] as HeldKey[], expand: true, timer: setTimeout(stopHolding, HOLD_MS) };
    held = mine;
    document.addEventListener('pointerdown', stopHolding, true);
    // `expand` is read at hand-over: a click, another key or the time limit meanwhile turned it off.
    const handOver = (to: (h: EarlyTab) => void) => {
      const expand = mine.expand;
      stopHolding();
      held = null;
      to({ composer: mine.composer, keys: mine.keys, expand });
    };
    opts.ready().then(
      (core) => handOver((h) => core.takeEarlyTab(h)),
      () => handOver(opts.fallback),
    );
  };
}
