// Putting a reply into the page's chat composer so the editor's OWN model holds
// it (what Send sends), with line breaks, caret and undo as the editor does
// natively. Runs in the content script (isolated world); no framework code.
import { chainFor } from './chain';
import { moveCaretBack, selectAll, selectBefore, textBeforeCaret } from './caret';
import { clipboardNeeded, type ClipboardNeeded } from './clipboard-fallback';
import { editorTextBefore, mapOffset, pointAt } from './kept-text';
import { markSelectionMoved, nextFrame, nextSelectionChange, selectionSettled } from './settle';
import { hasFocus, isWritable, resolveEditable, restoreSelection, selectionFor, type EditableTarget } from './target';

export { collapseToEnd, textBeforeCaret } from './caret';
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
  /**
   * Replace everything in the box (a review's reply box still holding the reply Xiaoer put there: the
   * corrected reply inserted again went in after it, and the buyer's review got both).
   */
  replaceAll?: boolean;
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

/** The collapsed start (or end) of the selection in a rich target, or null when the selection is elsewhere. */
function selectionEdge(target: EditableTarget, toStart: boolean): Range | null {
  if (target.kind !== 'rich') return null;
  const sel = selectionFor(target.el);
  if (!sel?.rangeCount) return null;
  const range = sel.getRangeAt(0).cloneRange();
  range.collapse(toStart);
  return target.el.contains(range.startContainer) ? range : null;
}

/**
 * Rich editors: put the caret on {cursor} as the editor kept the reply (kept-text.ts). `before` is
 * the composer's text before the insert point, read before inserting. False when the text before
 * the insert changed too (then the caller steps back over the reply's tail instead).
 */
function caretToCursor(target: EditableTarget, before: string, reply: string, offset: number): boolean {
  const caret = selectionEdge(target, false);
  if (!caret) return false;
  const now = editorTextBefore(target.el, caret);
  if (!now.text.startsWith(before)) return false;
  const kept = now.text.slice(before.length);
  const point = pointAt(now, before.length + mapOffset(reply, kept, offset));
  const sel = selectionFor(target.el);
  if (!point || !sel) return false;
  sel.setBaseAndExtent(point.node, point.offset, point.node, point.offset);
  return true;
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
  if (opts.replaceAll && selectAll(target)) markSelectionMoved(target);
  // A rich editor may still be syncing its own selection after we focused it or
  // moved the DOM selection (here or in restoreComposer): see selectionSyncMs.
  // On the Tab path (focus unchanged) no editor waits: the move is announced.
  await selectionSettled(target);
  const offset = opts.cursorOffset;
  const wantsCursor = offset !== undefined && offset >= 0 && offset < reply.length;
  const start = wantsCursor ? selectionEdge(target, true) : null;
  const textBefore = start ? editorTextBefore(target.el, start).text : null;

  for (const strategy of chainFor(target)) {
    const outcome = await strategy.insert(target, reply);
    if (outcome === 'no-effect') continue;
    if (outcome === 'taken') {
      return { ok: false, reason: 'unchanged', message: 'The chat box took the reply but did not show it; not inserting again to avoid a duplicate.' };
    }
    if (wantsCursor) {
      // Rich editors place their own caret on their next render; wait until the DOM
      // caret sits after the inserted text (a new paragraph may take a few frames).
      if (target.kind !== 'field') await caretAfterInsert(target, reply);
      // Fields and EditContext hold the reply as given: count back over its tail.
      const moved = (textBefore !== null && caretToCursor(target, textBefore, reply, offset)) || moveCaretBack(target, reply.slice(offset));
      if (moved && target.kind !== 'field') await nextSelectionChange();
    }
    return { ok: true, strategy: strategy.id };
  }
  return clipboardNeeded(reply);
}
