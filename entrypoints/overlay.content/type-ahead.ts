/**
 * Keys typed between a Tab that asks for values and the sidebar's form taking the keyboard.
 * A fresh sidebar takes 0.7–1.2 s to load; meanwhile the agent goes on typing the value
 * ("Happy Shop") and the keys went to a frame still loading, then to the search box: the shop
 * was saved as "p". The page keeps the keyboard until the form is there: printable keys,
 * Backspace, Tab (next field) and Enter (insert) are held here, and the form takes them
 * (overlay:fill-ready). Text that arrives without keys (voice input, an emoji or symbol panel,
 * an input method that commits by inserting text) is held the same way. Nothing is held for longer
 * than HOLD_MS, nor after the agent clicks or presses Esc: what was held then goes back into the
 * chat box it was typed in, as typed. An IME composition cannot be held (its keys are "Process" and
 * its text cannot be cancelled): it is written in the chat box as usual, and the word the agent picks
 * goes into the form too; the reply, when inserted, replaces it in the chat box with the shortcut.
 */
import { insertIntoComposer } from '../../lib/insert';
import type { HeldKey } from './early-tab';

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

/** Part of a field as it came: keys held here, or an input method's words, which went into the chat box. */
interface Piece {
  text: string;
  inChatBox: boolean;
}

/** Longest wait for an input method's word to be finished before the form takes the keyboard anyway. */
const COMPOSITION_WAIT_MS = 20_000;

const fieldText = (pieces: Piece[]) => pieces.map((p) => p.text).join('');

export function createTypeAhead() {
  let held: {
    composer: HTMLElement;
    fields: Piece[][];
    submit: boolean;
    timer: ReturnType<typeof setTimeout>;
    /** An input method's composition is open in the chat box. */
    composing: boolean;
    /** The words input methods committed into the chat box during the hold, in order. */
    inChatBox: string;
    /** No form came (or the agent clicked) while a composition was open: given back once it ends. */
    giveBackAfter: boolean;
    /** take() waiting for the composition to end. */
    waiting: (() => void) | null;
  } | null = null;

  /** Nothing held any more: the timer and the listeners go with it. */
  const release = () => {
    if (held) clearTimeout(held.timer);
    held?.waiting?.();
    held = null;
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('beforeinput', onBeforeInput, true);
    document.removeEventListener('compositionstart', onCompositionStart, true);
    document.removeEventListener('compositionend', onCompositionEnd, true);
  };
  /** No form came (or the agent turned back to the page): the keys go where they were typed. */
  const giveBack = () => {
    if (!held) return;
    // Not into an open composition (it would break the agent's word): once it ends.
    if (held.composing) {
      held.giveBackAfter = true;
      return;
    }
    const { composer, fields } = held;
    release();
    // The input method's words are in the chat box already; only the held keys go back.
    const text = fields.map((f) => f.filter((p) => !p.inChatBox).map((p) => p.text).join('')).join(' ');
    if (text) void insertIntoComposer(composer, text);
  };
  /** Add text to the field being typed (at most MAX_FIELD_CHARS). */
  const add = (text: string, inChatBox: boolean) => {
    if (!held || held.submit) return;
    const field = held.fields[held.fields.length - 1]!;
    const room = MAX_FIELD_CHARS - [...fieldText(field)].length;
    const kept = [...text].slice(0, Math.max(0, room)).join('');
    if (!kept) return;
    const last = field[field.length - 1];
    if (last && last.inChatBox === inChatBox) last.text += kept;
    else field.push({ text: kept, inChatBox });
  };
  const onPointer = () => giveBack();
  /** Text inserted without a key held above: held for the form like typed keys (our own giveBack runs after release). */
  const onBeforeInput = (event: InputEvent) => {
    if (!held || !event.isTrusted || event.inputType !== 'insertText' || event.isComposing || !event.data) return;
    add(event.data, false);
    swallow(event);
  };

  /**
   * An input method's composition (pinyin) cannot be held: its keys are "Process" and its text is written
   * into the chat box as the agent picks the word. The committed word is the form's too; the chat box's
   * copy is replaced with the shortcut when the reply goes in (core.ts, overlay:insert).
   */
  const onCompositionStart = (event: CompositionEvent) => {
    if (held && event.isTrusted && event.composedPath().includes(held.composer)) held.composing = true;
  };
  // Only the end of a composition that started (trusted) in the chat box: Chromium marks a committed
  // composition's compositionend untrusted (seen with CDP Input.insertText committing it, Chromium 156), so isTrusted is not asked here.
  const onCompositionEnd = (event: CompositionEvent) => {
    if (!held?.composing || !event.composedPath().includes(held.composer)) return;
    held.composing = false;
    if (event.data) {
      held.inChatBox += event.data;
      add(event.data, true);
    }
    held.waiting?.();
    held.waiting = null;
    if (held.giveBackAfter) giveBack();
  };

  /** One key for the form; false when it is not one the form takes (it stays the page's). */
  const hold = (key: string, shift: boolean): boolean => {
    if (!held) return false;
    const fields = held.fields;
    const last = fields.length - 1;
    const field = fields[last]!;
    if (key === 'Escape') {
      giveBack();
      return false;
    }
    if (key === 'Backspace') {
      // Nothing held to take back: the agent is editing the chat box itself.
      if (!field.length && last === 0) {
        giveBack();
        return false;
      }
      const piece = field[field.length - 1];
      if (piece) {
        piece.text = [...piece.text].slice(0, -1).join('');
        if (!piece.text) field.pop();
      } else fields.pop();
    } else if (key === 'Tab' && !shift) {
      if (fields.length < MAX_FIELDS) fields.push([]);
    } else if (key === 'Enter' && !shift) {
      held.submit = true;
    } else if ([...key].length === 1) {
      add(key, false);
    } else {
      return false;
    }
    return true;
  };

  return {
    /** A Tab expansion asked the sidebar for values: hold what is typed next in `composer`. */
    start(composer: HTMLElement) {
      release();
      held = { composer, fields: [[]], submit: false, timer: setTimeout(giveBack, HOLD_MS), composing: false, inChatBox: '', giveBackAfter: false, waiting: null };
      document.addEventListener('pointerdown', onPointer, true);
      document.addEventListener('beforeinput', onBeforeInput, true);
      document.addEventListener('compositionstart', onCompositionStart, true);
      document.addEventListener('compositionend', onCompositionEnd, true);
    },
    /** Capture-phase keydown on the page; true when the key was held for the form. */
    keydown(event: KeyboardEvent): boolean {
      if (!held || !event.isTrusted) return false;
      // An IME's composition cannot be held key by key (see onCompositionStart).
      if (event.isComposing || event.key === 'Process' || event.ctrlKey || event.metaKey || event.altKey) return false;
      return hold(event.key, event.shiftKey) && swallow(event);
    },
    /** Keys the overlay's base held after a Tab typed before the core was ready (early-tab.ts), in order. */
    replay(keys: HeldKey[]) {
      for (const k of keys) hold(k.key, k.shift);
    },
    /**
     * The form is there: it takes what was held, and the page holds nothing more. An input method's
     * word still being picked in the chat box is waited for (moving the keyboard would commit it as
     * it stands — pinyin letters); `inChatBox` is what input methods wrote into the chat box.
     */
    async take(): Promise<HeldKeys & { inChatBox: string }> {
      if (held?.composing) {
        const waitingFor = held;
        // The form is there: no giving back for want of one while the word is finished.
        clearTimeout(waitingFor.timer);
        await new Promise<void>((done) => {
          waitingFor.waiting = done;
          setTimeout(done, COMPOSITION_WAIT_MS);
        });
      }
      if (!held) return { fields: [], submit: false, inChatBox: '' };
      const { fields, submit, inChatBox } = held;
      release();
      return { fields: fields.map(fieldText), submit, inChatBox };
    },
    /** An input method's word is open in the chat box (the form waits before taking the keyboard). */
    composing: () => held?.composing ?? false,
    /** No form is coming: what was held goes back into the chat box. */
    giveBack,
    dispose: release,
  };
}

function swallow(event: Event): true {
  // Not the chat box's key: it must not type, send or move focus there.
  event.preventDefault();
  event.stopImmediatePropagation();
  return true;
}
