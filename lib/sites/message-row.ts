/**
 * What the element picker keeps when the seller points at one message: the
 * row (not the words inside its bubble) and what every row of the
 * conversation has in common — whoever wrote it. A selector that needs the
 * sender's class finds one side's rows only, and a chat capture made with it
 * drops the other side's messages from the evidence (chat/unknown-backend.html:
 * `im-msg from-buyer` / `im-msg from-seller`, four of each).
 *
 * Plain DOM, no selector engine: the picker (overlay core) turns the parts
 * into a selector with @medv/finder and checks it against `rows`.
 */
import { namesSender } from './generic';

// Generated names (CSS modules, hashes, ids with row numbers) change with every deploy or row: not robust.
const GENERATED_RE = /\d{3,}|^_|__[a-z0-9]{4,}$|^(css|sc|jsx|emotion)-/i;
const HEX_RUN = /[0-9a-f]{6,}/i;
export const GENERATED = { test: (name: string) => GENERATED_RE.test(name) || (HEX_RUN.test(name) && /\d/.test(name)) };
export const STATE_CLASS = /^(active|hover|focus|focused|selected|open|opened|checked|disabled|current|show|hidden|is-|has-)/i;

/** A class a selector may rely on: neither generated nor a passing state. */
export function robustClass(name: string): boolean {
  return !GENERATED.test(name) && !STATE_CLASS.test(name);
}

/** The row's classes that say what it is, not who wrote it (`im-msg`, never `from-buyer` / `right`). */
function kindClasses(el: Element): string[] {
  return Array.from(el.classList).filter((c) => robustClass(c) && !namesSender(c));
}

/**
 * Two siblings of one list are rows of the same kind: same tag, and a kind
 * class in common — or neither has one (rows told apart by sender classes
 * alone: `li.left` / `li.right`). A day divider (`div.im-divider` beside
 * `div.im-msg`) and a bubble's text and time (`span.text` / `span.time`) are not.
 */
function alike(a: Element, b: Element, kindsOfA: readonly string[]): boolean {
  if (a.localName !== b.localName) return false;
  const kindsOfB = kindClasses(b);
  if (!kindsOfA.length && !kindsOfB.length) return true;
  return kindsOfA.some((c) => kindsOfB.includes(c));
}

function alikeSiblings(el: Element): Element[] {
  const parent = el.parentElement;
  if (!parent) return [el];
  const kinds = kindClasses(el);
  return Array.from(parent.children).filter((s) => s === el || alike(el, s, kinds));
}

/** Elements a bubble's lines of text are written in (a message of two paragraphs: `<p>…</p><p>…</p>`). */
const TEXT_LINE_TAGS = new Set(['p', 'span', 'em', 'strong', 'b', 'i', 'u', 'small', 'font', 'a', 'code', 'pre', 'blockquote', 'q', 'mark', 's']);
/** What a line of text may hold: words and inline formatting, not a row's parts (avatar box, time block). */
const INLINE_TAGS = new Set(['span', 'em', 'strong', 'b', 'i', 'u', 'small', 'font', 'a', 'code', 'br', 'img', 'sub', 'sup', 's', 'mark', 'q', 'wbr']);

/**
 * A line of one message's text rather than a message: a text element with no kind class and no
 * sender class (a sender class says it IS a row — `p.left` / `p.right`), holding inline content only.
 */
function textLine(el: Element): boolean {
  if (!TEXT_LINE_TAGS.has(el.localName) || kindClasses(el).length) return false;
  if (Array.from(el.classList).some((c) => namesSender(c))) return false;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (!INLINE_TAGS.has(c.localName)) return false;
  return true;
}

/**
 * The message row the seller means by pointing at `el`: the nearest ancestor
 * (or `el`) with a sibling of its kind. Pointing at the words in a bubble
 * (`div.im-msg > p.im-text`) walks up to the row, and the first row of a
 * buyer's only message still finds the seller's replies as its kind.
 *
 * Two classless `<p>` in one bubble (a message of two lines) are siblings of a
 * kind too, and the line was taken as the row: the saved selector found lines,
 * not messages. Lines of text are passed over while something above them
 * repeats; only when nothing does (classless `<p>` straight in the pane) are
 * they the rows.
 */
export function messageRowOf(el: Element): Element {
  const body = el.ownerDocument.body;
  let lines: Element | null = null;
  for (let p: Element | null = el; p && p !== body; p = p.parentElement) {
    const kin = alikeSiblings(p);
    if (kin.length < 2) continue;
    if (kin.every(textLine)) {
      lines ??= p;
      continue;
    }
    return p;
  }
  return lines ?? el;
}

export interface RowParts {
  /** The list holding the rows (null: the row is the body's child, or has no parent). */
  parent: Element | null;
  tag: string;
  /** Kind classes every row has: none when only sender classes tell them apart. */
  classes: string[];
  /** The rows of both senders the selector must find (the picked row included). */
  rows: Element[];
}

/**
 * The parts of a selector for ALL rows of the conversation: the row's tag and
 * the kind classes every row of its kind shares. Sender classes are left out
 * even when every row has one — a buyer's first questions are all
 * `from-buyer` until the seller replies.
 */
export function messageRowParts(row: Element): RowParts {
  const parent = row.parentElement;
  const rows = alikeSiblings(row);
  const classes = kindClasses(row).filter((c) => rows.every((r) => r.classList.contains(c)));
  return { parent: parent && parent !== row.ownerDocument.body ? parent : null, tag: row.localName, classes, rows };
}

/** Whether `selector` finds every row in `parts.rows` (what the picker checks before saving). */
export function findsEveryRow(doc: Document, selector: string, rows: readonly Element[]): boolean {
  let found: Set<Element>;
  try {
    found = new Set(doc.querySelectorAll(selector));
  } catch {
    return false;
  }
  return rows.every((r) => found.has(r));
}
