/**
 * Tab expansion: in any composer on an enabled page, typing a reply's shortcut
 * and pressing Tab replaces the shortcut with the filled reply. Tab with no
 * matching shortcut is left alone (the page gets it as always). The table is held
 * here so an expansion needs no round trip to the background.
 */
import type { ShortcutTable } from '../../lib/messaging';
import { replyLang } from '../../lib/replies/lang';
import { insertIntoComposer, resolveEditable, textBeforeCaret } from '../../lib/insert';
import { buildShortcutTable, findShortcut, type ShortcutTable as ShortcutLookup } from '../../lib/replies/shortcut';
import { renderTemplate } from '../../lib/replies/template';
import type { PageReader } from './page-reader';

/** How far back from the caret a shortcut may start. */
const LOOKBACK = 48;

export function createShortcutExpander(opts: {
  reader: PageReader;
  onUsed: (replyId: string) => void;
  onNeedsInput: (replyId: string, typed: string, composer: HTMLElement) => void;
  /**
   * The box took no script-made input (clipboard-fallback.ts): the reply is for the agent's Ctrl+V, the shortcut
   * selected for it to replace. `onPasted`: the agent pasted it (it counts as used then).
   */
  onClipboardNeeded: (composer: HTMLElement, text: string, onPasted: () => void) => Promise<void>;
}) {
  let table: ShortcutTable | null = null;
  let lookup: ShortcutLookup | null = null;
  let bodies = new Map<string, ShortcutTable['entries'][number]>();

  function keydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement) || !expand(target)) return;
    // The Tab was ours: the editor must not indent or move focus.
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /**
   * Expand the shortcut right before the caret in `target`: null when none matches (a Tab is then the
   * page's); `asked` when the sidebar asks the agent for values; else the insert, under way.
   */
  function expand(target: HTMLElement): { asked: true } | { asked: false; inserted: Promise<unknown> } | null {
    if (!table || !lookup || table.entries.length === 0) return null;
    const resolved = resolveEditable(target);
    if (!resolved) return null;
    const editable = resolved.el;
    const before = textBeforeCaret(resolved, LOOKBACK);
    if (before === null) return null;
    const match = findShortcut(lookup, before);
    const entry = match ? bodies.get(match.replyId) : undefined;
    if (!match || !entry) return null;

    const context = opts.reader.context();
    const lang = replyLang(entry.body, context.buyerLang ?? table.settings.replyLang);
    const rendered = renderTemplate(entry.body[lang], { context, settings: table.settings, lang });
    if (!rendered.complete) {
      // A value only the agent knows ({?new price}) or one the page lacks: the
      // sidebar asks for it, prefilled with the best guess; nothing goes out as `{buyer}`.
      opts.onNeedsInput(entry.id, match.typed, editable);
      return { asked: true };
    }
    const inserted = insertIntoComposer(editable, rendered.text, {
      replaceBefore: match.typed.length,
      cursorOffset: rendered.cursor ?? undefined,
    }).then((res) => {
      if (res.ok) opts.onUsed(entry.id);
      // Was dropped here: the Tab did nothing the agent could see, and the shortcut just stayed in the box.
      else if (res.reason === 'clipboard-needed') return opts.onClipboardNeeded(editable, res.text, () => opts.onUsed(entry.id));
    });
    return { asked: false, inserted };
  }

  return {
    keydown,
    expand,
    /** False when `next` is older than the table held (it is dropped). */
    setTable(next: ShortcutTable): boolean {
      if (table && next.revision < table.revision) return false;
      table = next;
      lookup = buildShortcutTable(next.entries);
      bodies = new Map(next.entries.map((e) => [e.id, e]));
      return true;
    },
  };
}
