/**
 * Tab expansion: in any composer on an enabled page, typing a reply's shortcut
 * and pressing Tab replaces the shortcut with the filled reply. Tab with no
 * matching shortcut is left alone (the page gets it as always). The table is held
 * here so an expansion needs no round trip to the background.
 */
import type { ShortcutTable } from '../../lib/messaging';
import type { Lang } from '../../lib/schema';
import { insertIntoComposer, resolveEditable } from '../../lib/insert';
import { buildShortcutTable, findShortcut, type ShortcutTable as ShortcutLookup } from '../../lib/replies/shortcut';
import { renderTemplate } from '../../lib/replies/template';
import type { PageReader } from './page-reader';

/** How far back from the caret a shortcut may start. */
const LOOKBACK = 48;

export function createShortcutExpander(opts: { reader: PageReader; onUsed: (replyId: string) => void; onNeedsInput: (replyId: string, replaceBefore: number) => void }) {
  let table: ShortcutTable | null = null;
  let lookup: ShortcutLookup | null = null;
  let bodies = new Map<string, ShortcutTable['entries'][number]>();

  function keydown(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (!table || !lookup || table.entries.length === 0) return;
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement)) return;
    const editable = resolveEditable(target)?.el;
    if (!editable) return;
    const before = textBeforeCaret(editable);
    if (before === null) return;
    const match = findShortcut(lookup, before);
    const entry = match ? bodies.get(match.replyId) : undefined;
    if (!match || !entry) return;

    // From here the Tab is ours: the editor must not indent or move focus.
    event.preventDefault();
    event.stopImmediatePropagation();

    const context = opts.reader.context();
    const lang = pickLang(entry.body, context.buyerLang ?? table.settings.replyLang);
    const rendered = renderTemplate(entry.body[lang], { context, settings: table.settings, lang });
    if (!rendered.complete) {
      // A value only the agent knows ({?new price}) or one the page lacks: the
      // sidebar asks for it, prefilled with the best guess; nothing goes out as `{buyer}`.
      opts.onNeedsInput(entry.id, match.typed.length);
      return;
    }
    void insertIntoComposer(editable, rendered.text, {
      replaceBefore: match.typed.length,
      cursorOffset: rendered.cursor ?? undefined,
    }).then((res) => {
      if (res.ok) opts.onUsed(entry.id);
    });
  }

  return {
    keydown,
    setTable(next: ShortcutTable) {
      if (table && next.revision < table.revision) return;
      table = next;
      lookup = buildShortcutTable(next.entries);
      bodies = new Map(next.entries.map((e) => [e.id, e]));
    },
  };
}

/** The reply's language: the buyer's when the page says it, else the setting; never an empty body. */
export function pickLang(body: Record<Lang, string>, preferred: Lang): Lang {
  const order: Lang[] = [preferred, preferred === 'en' ? 'zh-CN' : preferred === 'zh-TW' ? 'zh-CN' : 'zh-TW', 'zh-CN', 'en', 'zh-TW'];
  return order.find((l) => body[l].trim() !== '') ?? preferred;
}

/** Up to LOOKBACK characters before a collapsed caret, or null (selection, no caret). */
function textBeforeCaret(el: HTMLElement): string | null {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const start = el.selectionStart;
    if (start === null || start !== el.selectionEnd) return null;
    return el.value.slice(Math.max(0, start - LOOKBACK), start);
  }
  const root = el.getRootNode() as Document | ShadowRoot;
  const selection = 'getSelection' in root && typeof root.getSelection === 'function' ? (root.getSelection() as Selection | null) : document.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const caret = selection.getRangeAt(0);
  if (!el.contains(caret.startContainer)) return null;
  // From the start of the caret's block, not of the whole editor: Range.toString()
  // joins paragraphs without a separator, and "Line2" + ";cur" would then read as
  // one word and miss the shortcut boundary.
  const range = document.createRange();
  range.setStart(blockOf(caret.startContainer, el), 0);
  range.setEnd(caret.startContainer, caret.startOffset);
  const text = range.toString();
  return text.slice(-LOOKBACK);
}

const BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE|TD|TH|DT|DD)$/;

function blockOf(node: Node, host: HTMLElement): Node {
  for (let n: Node | null = node; n && n !== host; n = n.parentNode) {
    if (n instanceof HTMLElement && BLOCK.test(n.tagName)) return n;
  }
  return host;
}
