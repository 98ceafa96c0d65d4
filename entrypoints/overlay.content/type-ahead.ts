/**
 * Keys typed between a Tab that asks for values and the sidebar's form taking the keyboard.
 * A fresh sidebar takes 0.7–1.2 s to load; meanwhile the agent goes on typing the value
 * ("Happy Shop") and the keys went to a frame still loading, then to the search box: the shop
 * was saved as "p". The page keeps the keyboard until the form is there: printable keys,
 * Backspace, Tab (next field) and Enter (insert) are held here, and the form takes them
 * (overlay:fill-ready). Text that arrives without keys (voice input, an emoji or symbol panel,
 * an input method that commits by inserting text) is held the same way. Nothing is held for longer
 * than HOLD_MS, nor after the agent clicks or presses Esc: what was held then goes back into the
 * chat box it was typed in, as typed. Not held: an IME composition (its keys are "Process" and its
 * text cannot be cancelled) — it is written in the chat box.
 */
import { insertIntoComposer } from '../../lib/insert';

/** Longest wait for the form (a cold sidebar on a slow machine); then the keys are the page's again. */
const HOLD_MS = 5000;
/** No more fields than a form has, no longer values than a seller types (the message caps them too). */
const MAX_FIELDS = 20;
const MAX_FIELD_CHARS = 1000;

export interface HeldKeys {
  /** What was typed for each field in turn (Tab starts the next one). */
  fields: string[];
  /** Enter was pressed: insert once the values are in. */
  submit: boolean;
}

export function createTypeAhead() {
  let held: (HeldKeys & { composer: HTMLElement; timer: ReturnType<typeof setTimeout> }) | null = null;

  /** Nothing held any more: the timer and the click listener go with it. */
  const release = () => {
    if (held) clearTimeout(held.timer);
    held = null;
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('beforeinput', onBeforeInput, true);
  };
  /** No form came (or the agent turned back to the page): the keys go where they were typed. */
  const giveBack = () => {
    if (!held) return;
    const { composer, fields } = held;
    release();
    const text = fields.join(' ');
    if (text) void insertIntoComposer(composer, text);
  };
  const onPointer = () => giveBack();
  /** Text inserted without a key held above: held for the form like typed keys (our own giveBack runs after release). */
  const onBeforeInput = (event: InputEvent) => {
    if (!held || !event.isTrusted || event.inputType !== 'insertText' || event.isComposing || !event.data) return;
    const fields = held.fields;
    const last = fields.length - 1;
    if (!held.submit) fields[last] = [...(fields[last]! + event.data)].slice(0, MAX_FIELD_CHARS).join('');
    swallow(event);
  };

  return {
    /** A Tab expansion asked the sidebar for values: hold what is typed next in `composer`. */
    start(composer: HTMLElement) {
      release();
      held = { composer, fields: [''], submit: false, timer: setTimeout(giveBack, HOLD_MS) };
      document.addEventListener('pointerdown', onPointer, true);
      document.addEventListener('beforeinput', onBeforeInput, true);
    },
    /** Capture-phase keydown on the page; true when the key was held for the form. */
    keydown(event: KeyboardEvent): boolean {
      if (!held || !event.isTrusted) return false;
      // An IME's composition cannot be held key by key: the agent finishes it in the form.
      if (event.isComposing || event.key === 'Process' || event.ctrlKey || event.metaKey || event.altKey) return false;
      const fields = held.fields;
      const last = fields.length - 1;
      if (event.key === 'Escape') {
        giveBack();
        return false;
      }
      if (event.key === 'Backspace') {
        // Nothing held to take back: the agent is editing the chat box itself.
        if (!fields[last] && last === 0) {
          giveBack();
          return false;
        }
        if (fields[last]) fields[last] = [...fields[last]!].slice(0, -1).join('');
        else fields.pop();
      } else if (event.key === 'Tab' && !event.shiftKey) {
        if (fields.length < MAX_FIELDS) fields.push('');
      } else if (event.key === 'Enter' && !event.shiftKey) {
        held.submit = true;
      } else if ([...event.key].length === 1) {
        if (held.submit) return swallow(event);
        if (fields[last]!.length < MAX_FIELD_CHARS) fields[last] += event.key;
      } else {
        return false;
      }
      return swallow(event);
    },
    /** The form is there: it takes what was held, and the page holds nothing more. */
    take(): HeldKeys {
      if (!held) return { fields: [], submit: false };
      const { fields, submit } = held;
      release();
      return { fields, submit };
    },
    dispose: release,
  };
}

function swallow(event: Event): true {
  // Not the chat box's key: it must not type, send or move focus there.
  event.preventDefault();
  event.stopImmediatePropagation();
  return true;
}
