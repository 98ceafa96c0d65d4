/**
 * Shortcut expansion lookup (text before the caret + Tab → reply). Kept free of
 * pinyin/opencc imports so the content script can carry it: the table it needs
 * is a few bytes per shortcut and crosses the message boundary as JSON.
 *
 * Matching rules:
 *  - case-insensitive; full-width ASCII typed through a Chinese IME ("ｆｈ",
 *    "／ship") counts as its half-width form;
 *  - the shortcut must end exactly at the caret and start at a boundary: the
 *    start of the text, or after anything that is not a Latin letter or digit —
 *    whitespace, punctuation, or a CJK character (agents type "好的fh" with no
 *    space; "sfh" must not expand "fh", "abc/ship" must not expand "/ship");
 *  - the longest matching shortcut wins ("dfh" over "fh").
 */
import type { Reply } from '../schema/index.ts';

export interface ShortcutTable {
  version: 1;
  /** [shortcut as folded for matching, reply id], longest shortcut first. */
  entries: Array<[string, string]>;
}

export interface ShortcutMatch {
  replyId: string;
  /** The shortcut as found in the text. */
  typed: string;
  /** Offset in the text where the shortcut starts: delete from here to the caret. */
  start: number;
}

/** Lowercase + full-width ASCII → half-width, one code unit to one code unit (offsets stay valid). */
export function foldShortcut(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  return out;
}

/**
 * One entry per distinct shortcut (as folded). A library holds a shortcut once
 * (rules.ts, on every write), but one stored before that rule may hold "fh" and
 * "FH" both; then one reply gets it by a fixed rule, whatever order the replies
 * are read in: the most used (what the team actually sends), then the older
 * (the reply that had the shortcut first — usually the one agents learned),
 * then the smaller id. Reading order alone once let a new "FH" take "fh" + Tab
 * from the default reply.
 */
export function buildShortcutTable(replies: readonly Pick<Reply, 'id' | 'shortcut' | 'usageCount' | 'createdAt'>[]): ShortcutTable {
  const best = new Map<string, Pick<Reply, 'id' | 'usageCount' | 'createdAt'>>();
  for (const r of replies) {
    const key = foldShortcut(r.shortcut.trim());
    if (!key) continue;
    const prev = best.get(key);
    if (!prev || keepsShortcutOver(r, prev)) best.set(key, r);
  }
  const entries: Array<[string, string]> = [...best].map(([k, v]) => [k, v.id]);
  entries.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { version: 1, entries };
}

function keepsShortcutOver(a: Pick<Reply, 'id' | 'usageCount' | 'createdAt'>, b: Pick<Reply, 'id' | 'usageCount' | 'createdAt'>): boolean {
  if (a.usageCount !== b.usageCount) return a.usageCount > b.usageCount;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

function isLatinWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

const lookups = new WeakMap<ShortcutTable, { map: Map<string, string>; maxLen: number }>();

function lookupFor(table: ShortcutTable) {
  let l = lookups.get(table);
  if (!l) {
    const map = new Map<string, string>();
    let maxLen = 0;
    for (const [k, id] of table.entries) {
      if (!map.has(k)) map.set(k, id);
      maxLen = Math.max(maxLen, k.length);
    }
    l = { map, maxLen };
    lookups.set(table, l);
  }
  return l;
}

/**
 * The reply whose shortcut the text before the caret ends with, or null.
 * Accepts the table itself or anything carrying one (the search index does).
 */
export function findShortcut(source: ShortcutTable | { shortcuts: ShortcutTable }, typed: string): ShortcutMatch | null {
  const table = 'entries' in source ? source : source.shortcuts;
  const { map, maxLen } = lookupFor(table);
  if (!typed || maxLen === 0) return null;
  const tail = foldShortcut(typed.slice(-maxLen - 1));
  const offset = typed.length - tail.length;
  for (let len = Math.min(maxLen, tail.length); len >= 1; len--) {
    const at = tail.length - len;
    const id = map.get(tail.slice(at));
    if (id === undefined) continue;
    const before = at > 0 ? tail.charCodeAt(at - 1) : offset + at > 0 ? typed.charCodeAt(offset + at - 1) : -1;
    if (before >= 0 && isLatinWordChar(before)) continue;
    return { replyId: id, typed: typed.slice(offset + at), start: offset + at };
  }
  return null;
}
