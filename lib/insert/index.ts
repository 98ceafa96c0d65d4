// Putting a reply into the page's chat composer so the editor's OWN model holds
// it (what Send sends), with line breaks, caret and undo as the editor does
// natively. Runs in the content script (isolated world); no framework code.
import { chainFor } from './chain';
import { moveCaretBack, selectBefore, textBeforeCaret } from './caret';
import { clipboardNeeded, type ClipboardNeeded } from './clipboard-fallback';
import { markSelectionMoved, nextFrame, nextSelectionChange, selectionSettled } from './settle';
import { hasFocus, isWritable, resolveEditable, restoreSelection, type EditableTarget } from './target';

export { textBeforeCaret } from './caret';
export { rememberComposer, restoreComposer, trackComposer, forgetComposer, resolveEditable, deepActiveElement } from './target';
export type { EditableTarget } from './target';
export { registerSiteInsertOverride, siteInsertOverrides, type SiteInsertOverride } from './site-overrides';
export type { InsertStrategy, StrategyOutcome } from './strategy';
export type { ClipboardNeeded } from './clipboard-fallback';
export { SELECTION_SYNC_MS } from './settle';

export interface InsertOptions {
  /** Put the caret at this offset inside `text` (the reply's {cursor} mark; UTF-16 units, line breaks as '\n'). */
  cursorOffset?: number;
  /** Delete this many characters before the caret first: the typed shortcut the reply replaces. */
  replaceBefore?: number;
  /**
   * The text `replaceBefore` is meant to delete (the shortcut as typed). When the caret no longer
   * follows it — the agent went on typing, or deleted it, while the sidebar asked for a value —
   * nothing is deleted: the count alone took the agent's own words instead.
   */
  expectBefore?: string;
}

export type InsertResult =
  | { ok: true; strategy: string }
  | { ok: false; reason: 'no-target' | 'not-editable' | 'unchanged'; message: string }
  | ClipboardNeeded;

/**
 * Insert `text` at the composer's caret (or the place remembered before the
 * agent clicked the sidebar), replacing the selection. Tries the chain for the
 * target kind (chain.ts) and stops at the first strategy that changed it.
 * Resolves `clipboard-needed` when nothing did: the caller copies `text` and
 * asks the agent to press Ctrl+V (the composer keeps focus and selection).
 */
/** Wait (≤ 8 frames) until the caret's line ends with the inserted text's last line. */
async function caretAfterInsert(target: EditableTarget, reply: string): Promise<void> {
  const tail = (reply.split('\n').pop() ?? '').slice(-16);
  for (let i = 0; i < 8; i++) {
    await nextFrame();
    const before = textBeforeCaret(target, 64);
    if (before !== null && before.endsWith(tail)) return;
  }
}

export async function insertIntoComposer(composer: HTMLElement | null, text: string, opts: InsertOptions = {}): Promise<InsertResult> {
  if (!composer?.isConnected) return { ok: false, reason: 'no-target', message: 'The chat box is not on the page any more.' };
  const target = resolveEditable(composer);
  if (!target || !isWritable(target)) return { ok: false, reason: 'not-editable', message: 'The chat box cannot be typed in.' };
  const reply = text.replace(/\r\n?/g, '\n');

  // Focus is in the sidebar after the agent's click: put the caret back where they left it.
  if (!hasFocus(target)) restoreSelection(target);
  const typedStillThere = opts.expectBefore === undefined || (textBeforeCaret(target, opts.expectBefore.length) ?? '').endsWith(opts.expectBefore);
  if (opts.replaceBefore && opts.replaceBefore > 0 && typedStillThere && selectBefore(target, opts.replaceBefore)) markSelectionMoved(target);
  // A rich editor may still be syncing its own selection after we focused it or
  // moved the DOM selection (here or in restoreComposer): see selectionSyncMs.
  // On the Tab path (focus unchanged) no editor waits: the move is announced.
  await selectionSettled(target);

  for (const strategy of chainFor(target)) {
    const outcome = await strategy.insert(target, reply);
    if (outcome === 'no-effect') continue;
    if (outcome === 'taken') {
      return { ok: false, reason: 'unchanged', message: 'The chat box took the reply but did not show it; not inserting again to avoid a duplicate.' };
    }
    const offset = opts.cursorOffset;
    if (offset !== undefined && offset >= 0 && offset < reply.length) {
      // Rich editors place their own caret on their next render; wait until the DOM
      // caret sits after the inserted text (a new paragraph may take a few frames).
      if (target.kind !== 'field') await caretAfterInsert(target, reply);
      if (moveCaretBack(target, reply.slice(offset)) && target.kind !== 'field') await nextSelectionChange();
    }
    return { ok: true, strategy: strategy.id };
  }
  return clipboardNeeded(reply);
}
