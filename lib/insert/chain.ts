// THE order in which strategies are tried, per kind of target. Each strategy
// reports 'inserted' (stop), 'no-effect' (next) or 'taken' (stop: the page
// accepted the event, a second try could double the reply). Facts: insertion.md.
import type { InsertStrategy } from './strategy';
import type { EditableTarget } from './target';
import { execCommandStrategy } from './exec-command';
import { nativeSetterStrategy } from './native-setter';
import { pasteEventStrategy } from './paste-event';
import { beforeInputStrategy } from './before-input';
import { htmlPasteFlavor, htmlPasteStrategy } from './html-paste';
import { siteInsertOverrides } from './site-overrides';

/**
 * Text fields: execCommand first — the only way that leaves an undo entry and
 * goes through the browser's own input path, so React/Vue state follows. The
 * native setter (setRangeText + input) works where execCommand is blocked, but
 * without undo. Paste/beforeinput do nothing to a field (no default action).
 */
const FIELD_CHAIN: readonly InsertStrategy[] = [execCommandStrategy, nativeSetterStrategy];

/**
 * Contenteditable: paste first — every rich editor measured handles it into its
 * own model, multi-line included, and it has no effect on a plain
 * contenteditable, so falling through is safe. beforeinput next (Slate/Lexical
 * pages that drop paste). execCommand last: right for plain contenteditable,
 * but invisible to Slate's model and mangles multi-line in Draft.js/Lexical, so
 * it must never run before the editor's own handlers had their chance.
 */
const RICH_CHAIN: readonly InsertStrategy[] = [pasteEventStrategy, beforeInputStrategy, execCommandStrategy];

/**
 * Slate: beforeinput first. Its paste handler inserts at Slate's MODEL
 * selection, which follows the DOM through a 100 ms throttle, so a paste right
 * after we select a typed shortcut lands after the shortcut instead of
 * replacing it (it needed a 110 ms wait). Its beforeinput handler syncs the
 * selection itself and selects the event's target range (before-input.ts).
 * Paste stays as the fallback (a read-only or customised editor).
 */
const SLATE_CHAIN: readonly InsertStrategy[] = [beforeInputStrategy, pasteEventStrategy, execCommandStrategy];

/**
 * TipTap / ProseMirror and CKEditor 5: a paste with escaped text/html first.
 * Their own text/plain handling drops blank lines (both), turns '**x**' bold
 * (TipTap's paste rules) and collapses spaces after a line break (CKEditor);
 * the HTML they are given keeps the seller's text exactly — measured in
 * html-paste.ts. The plain paste stays next (an editor we mis-detected).
 */
const HTML_PASTE_CHAIN: readonly InsertStrategy[] = [htmlPasteStrategy, pasteEventStrategy, beforeInputStrategy, execCommandStrategy];

/** EditContext: no DOM editing, execCommand returns false; only events the editor handles itself work. */
const EDIT_CONTEXT_CHAIN: readonly InsertStrategy[] = [pasteEventStrategy, beforeInputStrategy];

/** Site overrides a page's adapter registered come first; then the generic chain for the target kind. */
export function chainFor(target: EditableTarget): InsertStrategy[] {
  const overrides = siteInsertOverrides.filter((o) => o.matches(target, location));
  const base =
    target.kind === 'field'
      ? FIELD_CHAIN
      : target.kind === 'edit-context'
        ? EDIT_CONTEXT_CHAIN
        : isSlate(target.el)
          ? SLATE_CHAIN
          : htmlPasteFlavor(target.el)
            ? HTML_PASTE_CHAIN
            : RICH_CHAIN;
  return [...overrides, ...base];
}

/** slate-react marks its editable root (Editable renders data-slate-editor="true"). */
function isSlate(el: HTMLElement): boolean {
  return el.closest('[data-slate-editor]') !== null;
}
