/**
 * Reply search for an agent typing under time pressure: Chinese, pinyin,
 * pinyin initials, English, typos, shortcuts — over title, shortcut, tags and
 * the bodies in all three languages.
 *
 * Everything costly happens once per reply at index time (character folding,
 * traditional→simplified, pinyin); a query only folds its own few characters
 * and walks posting lists. Normalisation, applied to index and query alike:
 * NFKC (full-width → half-width), lowercase, and Traditional → Simplified per
 * character with OpenCC's tw→cn tables, so 退貨 finds 退货 and vice versa.
 *
 * A query is split into pieces: Latin words and CJK runs; every piece must
 * match the same reply (AND). Per piece:
 *  - CJK run: substring of title/shortcut, a tag or a body (char unigram and
 *    bigram posting lists, verified with indexOf for runs of 3+).
 *  - Latin word: prefix of a word in title/shortcut/tags/bodies ("ship" finds
 *    "shipping"; infixes are not searched);
 *    pinyin: a run of full syllables, the last one possibly unfinished, at
 *    syllable boundaries ("tuihuan", "tuihu", "fahuo"), and pinyin initials
 *    ("thh") — 2+ letters. Titles and tags get pinyin from pinyin-pro with word
 *    context; bodies per character (pinyin-pro's first reading: polyphones in
 *    bodies may be missed, the price of indexing 10,000 replies in under a second);
 *    initials cover titles and tags only (in long bodies two letters match everything);
 *    typo: one edit (insert/delete/substitute/swap of neighbours) on words of
 *    4+ letters, against whole words and against the beginning of longer words
 *    with the same first letter ("refudn" → "refunds").
 * Whole-query tiers: exact shortcut, prefix of title or shortcut.
 *
 * Ranking: the weakest piece decides a reply's tier; within a tier, most used
 * first (usageCount, then lastUsedAt), then library order.
 */
import { pinyin } from 'pinyin-pro';
import OpenCC from 'opencc-js/t2cn';
import type { Reply } from '../schema/index.ts';
import { LANGS } from '../schema/index.ts';
import { templateSearchText } from './template.ts';
import { buildShortcutTable, type ShortcutTable } from './shortcut.ts';
import { BROWSE_SCORE, usageOrder, usedAtOf } from './browse.ts';

export { browseReplies } from './browse.ts';

export { findShortcut, buildShortcutTable, foldShortcut } from './shortcut.ts';
export type { ShortcutTable, ShortcutMatch } from './shortcut.ts';

export type MatchKind = 'shortcut' | 'prefix' | 'title' | 'tag' | 'body' | 'pinyin' | 'fuzzy' | 'all';

/** Match quality, higher first. Exported so a UI can group or explain results. */
export const TIER = {
  shortcut: 100,
  prefix: 90,
  title: 70,
  tag: 65,
  body: 60,
  pinyinTitle: 50,
  // Below a title's pinyin: "fahuo" listed 不合并多账号订单 (tagged 合并发货) above 发货时间和快递, as the
  // letters tiers rank a title (70) above a tag (65).
  pinyinTag: 48,
  pinyinBody: 45,
  fuzzyTitle: 30,
  fuzzyBody: 25,
  all: BROWSE_SCORE,
} as const;

function tierKind(t: number): MatchKind {
  if (t >= TIER.shortcut) return 'shortcut';
  if (t >= TIER.prefix) return 'prefix';
  if (t >= TIER.title) return 'title';
  if (t >= TIER.tag) return 'tag';
  if (t >= TIER.body) return 'body';
  if (t >= TIER.pinyinBody) return 'pinyin';
  if (t >= TIER.fuzzyBody) return 'fuzzy';
  return 'all';
}

// Field bits inside a posting (doc << 3 | mask).
const F_TITLE = 1; // title and shortcut
const F_TAG = 2;
const F_BODY = 4;
const SEP = '\u0001';

// ---------------------------------------------------------------- folding

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let v = foldCache.get(ch);
  if (v === undefined) {
    v = t2s(ch.normalize('NFKC').toLowerCase());
    foldCache.set(ch, v);
  }
  return v;
}

/** NFKC + lowercase + Traditional→Simplified, character by character (same on index and query). */
export function foldText(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) { ascii = false; break; }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      out += foldChar(s.slice(i, i + 2));
      i++;
    } else {
      out += foldChar(s[i]!);
    }
  }
  return out;
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Scripts written without spaces: indexed by characters, not words. */
function isCjk(c: number): boolean {
  return isHan(c) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0x3100 && c <= 0x312f);
}

const wordCharCache = new Map<number, boolean>();
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (isCjk(c) || (c >= 0xd800 && c <= 0xdfff)) return false;
  let v = wordCharCache.get(c);
  if (v === undefined) {
    v = /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
    wordCharCache.set(c, v);
  }
  return v;
}

// ---------------------------------------------------------------- pinyin (index time only)

const charPinyin = new Map<string, string>();
function pinyinOfChar(ch: string): string {
  let v = charPinyin.get(ch);
  if (v === undefined) {
    v = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? '';
    charPinyin.set(ch, v);
  }
  return v;
}

const runPinyin = new Map<string, string[]>();
function pinyinOfRun(run: string): string[] {
  let v = runPinyin.get(run);
  if (v === undefined) {
    v = pinyin(run, { toneType: 'none', type: 'array', v: true });
    if (v.length !== run.length) v = [...run].map(pinyinOfChar);
    if (runPinyin.size > 20_000) runPinyin.clear();
    runPinyin.set(run, v);
  }
  return v;
}

/** Han runs of a folded string. */
function hanRuns(s: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const han = i < s.length && isHan(s.charCodeAt(i));
    if (han && start < 0) start = i;
    else if (!han && start >= 0) {
      runs.push(s.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/** " tui huan huo " per run, runs separated by SEP, so a pattern " tui huan" matches at syllable starts only. */
function pinyinString(s: string, withContext: boolean): { py: string; initials: string } {
  let py = '';
  let initials = '';
  for (const run of hanRuns(s)) {
    const syl = withContext ? pinyinOfRun(run) : [...run].map(pinyinOfChar);
    py += `${SEP} ${syl.join(' ')} `;
    initials += ` ${syl.map((x) => x[0] ?? '').join('')}`;
  }
  return { py, initials };
}

// ---------------------------------------------------------------- index

/** What is kept per reply: folded strings; postings are rebuilt from them. */
export interface IndexedReply {
  reply: Reply;
  /** Content signature: a rebuild reuses the strings below when it is unchanged. */
  sig: string;
  title: string;
  shortcut: string;
  /** Title + SEP + shortcut: the title field for substring matching. */
  head: string;
  tags: string;
  body: string;
  headPy: string;
  tagsPy: string;
  bodyPy: string;
  headInitials: string;
  tagsInitials: string;
  usedAt: number;
}

export interface ReplyIndex {
  version: 1;
  docs: IndexedReply[];
  /** Doc numbers, most used first. */
  byUsage: Int32Array;
  shortcutExact: Map<string, number[]>;
  /** [folded shortcut or title, doc], sorted, for prefix lookups. */
  heads: Array<[string, number]>;
  words: Map<string, Int32Array>;
  sortedWords: string[];
  /** CJK code unit → dense id, so pair keys stay small integers (fast Map keys). */
  cjkIds: Map<number, number>;
  /** Posting lists per CJK character (keyed by code unit) and per adjacent pair (id1 * 65536 + id2). */
  cjkChars: Map<number, Int32Array>;
  cjkPairs: Map<number, Int32Array>;
  /** Syllables of titles/tags (word-context pinyin) and of bodies (per-character pinyin), kept apart
   * so a query tries the cheap title lists first and bodies only when titles gave too little. */
  headSyllables: Map<string, Int32Array>;
  bodySyllables: Map<string, Int32Array>;
  /** Adjacent syllable pairs of titles/tags ("tui huan"), sorted keys for unfinished last syllables. */
  headPairs: Map<string, Int32Array>;
  sortedHeadPairs: string[];
  sortedSyllables: string[];
  initials: Map<string, Int32Array>;
  /** One-deletion variants of words (4+ letters after deletion ≥ 3) → words. */
  deletes: Map<string, string[]>;
  shortcuts: ShortcutTable;
  /**
   * Per-doc byte arrays reused by every query. Allocating fresh ArrayBuffers
   * per query made V8 run full GCs for "external memory" every few hundred
   * queries (10+ ms spikes at p95); searchReplies is synchronous, so one set
   * per index is safe.
   */
  scratch: Uint8Array[];
}

function signature(r: Reply): string {
  return [r.title, r.shortcut, r.tags.join(SEP), r.body['zh-CN'], r.body['zh-TW'], r.body.en].join('\u0002');
}

function analyse(r: Reply): IndexedReply {
  const title = foldText(r.title.trim());
  const shortcut = foldText(r.shortcut.trim());
  const head = shortcut ? `${title}${SEP}${shortcut}` : title;
  const tags = r.tags.map((t) => foldText(t)).join(SEP);
  const bodies: string[] = [];
  for (const lang of LANGS) {
    const b = foldText(templateSearchText(r.body[lang]));
    if (b.trim() && !bodies.includes(b)) bodies.push(b);
  }
  const body = bodies.join(SEP);
  const h = pinyinString(title, true);
  const t = pinyinString(tags, true);
  const b = pinyinString(body, false);
  return {
    reply: r, sig: signature(r), title, shortcut, head, tags, body,
    headPy: h.py, tagsPy: t.py, bodyPy: b.py, headInitials: h.initials, tagsInitials: t.initials,
    usedAt: usedAtOf(r),
  };
}

function add(map: Map<string, number>, key: string, mask: number) {
  map.set(key, (map.get(key) ?? 0) | mask);
}

function scanText(s: string, mask: number, words: Map<string, number>, chars: Map<number, number>, pairs: Map<number, number>, ids: Map<number, number>) {
  const idOf = (code: number) => {
    let id = ids.get(code);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(code, id);
    }
    return id;
  };
  let w = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    if (i < s.length && isWordChar(c)) {
      if (w < 0) w = i;
      continue;
    }
    if (w >= 0) {
      add(words, s.slice(w, i), mask);
      w = -1;
    }
    if (i < s.length && isCjk(c)) {
      chars.set(c, (chars.get(c) ?? 0) | mask);
      const n = s.charCodeAt(i + 1);
      if (i + 1 < s.length && isCjk(n)) {
        const k = idOf(c) * 65536 + idOf(n);
        pairs.set(k, (pairs.get(k) ?? 0) | mask);
      }
    }
  }
}

function scanPinyin(py: string, mask: number, out: Map<string, number>, pairs?: Map<string, number>) {
  let start = -1;
  let prev = '';
  for (let i = 0; i <= py.length; i++) {
    const c = i < py.length ? py.charCodeAt(i) : 1;
    if (c === 32 || c === 1) {
      if (start >= 0) {
        const syl = py.slice(start, i);
        add(out, syl, mask);
        if (pairs && prev) add(pairs, `${prev} ${syl}`, mask);
        prev = syl;
      }
      if (c === 1) prev = '';
      start = -1;
    } else if (start < 0) start = i;
  }
}

function scanInitials(ini: string, mask: number, out: Map<string, number>) {
  for (const run of ini.split(' ')) for (let i = 0; i + 1 < run.length; i++) add(out, run.slice(i, i + 2), mask);
}

function push<K>(m: Map<K, number[]>, key: K, posting: number) {
  const l = m.get(key);
  if (l) l.push(posting);
  else m.set(key, [posting]);
}

function freeze<K>(m: Map<K, number[]>): Map<K, Int32Array> {
  const out = new Map<K, Int32Array>();
  for (const [k, l] of m) out.set(k, Int32Array.from(l));
  return out;
}

function byString(a: [string, number], b: [string, number]) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

/**
 * Builds the index. Pass the previous index to reuse the per-reply analysis
 * (folding + pinyin, the costly part) of every reply whose text is unchanged:
 * after an edit only posting lists are rebuilt, and when nothing but usage
 * changed (same replies, same order, same text) only the usage order is.
 */
export function buildReplyIndex(replies: readonly Reply[], previous?: ReplyIndex): ReplyIndex {
  const reuse = new Map<string, IndexedReply>();
  if (previous) for (const d of previous.docs) reuse.set(d.reply.id, d);

  let samePositions = !!previous && previous.docs.length === replies.length;
  const docs: IndexedReply[] = replies.map((r, i) => {
    const old = reuse.get(r.id);
    if (old && old.sig === signature(r)) {
      if (samePositions && previous!.docs[i] !== old) samePositions = false;
      return { ...old, reply: r, usedAt: usedAtOf(r) };
    }
    samePositions = false;
    return analyse(r);
  });
  const byUsage = usageOrder(docs);

  // Only usage changed (the common case: a reply was just inserted): every
  // posting list is still right, so keep them and only reorder.
  if (previous && samePositions) {
    return { ...previous, docs, byUsage, shortcuts: buildShortcutTable(replies) };
  }

  const shortcutExact = new Map<string, number[]>();
  const heads: Array<[string, number]> = [];
  const words = new Map<string, number[]>();
  const cjkIds = new Map<number, number>();
  const cjkChars = new Map<number, number[]>();
  const cjkPairs = new Map<number, number[]>();
  const headSyllables = new Map<string, number[]>();
  const bodySyllables = new Map<string, number[]>();
  const headPairs = new Map<string, number[]>();
  const initials = new Map<string, number[]>();

  const w = new Map<string, number>();
  const ch = new Map<number, number>();
  const pr = new Map<number, number>();
  const hs = new Map<string, number>();
  const bs = new Map<string, number>();
  const hp = new Map<string, number>();
  const ini = new Map<string, number>();
  docs.forEach((d, n) => {
    if (d.shortcut) {
      push(shortcutExact, d.shortcut, n);
      heads.push([d.shortcut, n]);
    }
    if (d.title) heads.push([d.title, n]);
    w.clear(); ch.clear(); pr.clear(); hs.clear(); bs.clear(); hp.clear(); ini.clear();
    scanText(d.head, F_TITLE, w, ch, pr, cjkIds);
    scanText(d.tags, F_TAG, w, ch, pr, cjkIds);
    scanText(d.body, F_BODY, w, ch, pr, cjkIds);
    scanPinyin(d.headPy, F_TITLE, hs, hp);
    scanPinyin(d.tagsPy, F_TAG, hs, hp);
    scanPinyin(d.bodyPy, F_BODY, bs);
    scanInitials(d.headInitials, F_TITLE, ini);
    scanInitials(d.tagsInitials, F_TAG, ini);
    const base = n << 3;
    for (const [k, m] of w) push(words, k, base | m);
    for (const [k, m] of ch) push(cjkChars, k, base | m);
    for (const [k, m] of pr) push(cjkPairs, k, base | m);
    for (const [k, m] of hs) push(headSyllables, k, base | m);
    for (const [k, m] of bs) push(bodySyllables, k, base | m);
    for (const [k, m] of hp) push(headPairs, k, base | m);
    for (const [k, m] of ini) push(initials, k, base | m);
  });
  heads.sort(byString);

  const sortedWords = [...words.keys()].sort();
  const deletes = new Map<string, string[]>();
  for (const word of sortedWords) {
    if (word.length < 3 || word.length > 30) continue;
    for (let i = 0; i < word.length; i++) {
      const v = word.slice(0, i) + word.slice(i + 1);
      const l = deletes.get(v);
      if (!l) deletes.set(v, [word]);
      else if (l[l.length - 1] !== word) l.push(word);
    }
  }


  return {
    version: 1,
    docs,
    byUsage,
    shortcutExact,
    heads,
    words: freeze(words),
    sortedWords,
    cjkIds,
    cjkChars: freeze(cjkChars),
    cjkPairs: freeze(cjkPairs),
    headSyllables: freeze(headSyllables),
    bodySyllables: freeze(bodySyllables),
    headPairs: freeze(headPairs),
    sortedHeadPairs: [...headPairs.keys()].sort(),
    sortedSyllables: [...new Set([...headSyllables.keys(), ...bodySyllables.keys()])].sort(),
    initials: freeze(initials),
    deletes,
    shortcuts: buildShortcutTable(replies),
    scratch: [],
  };
}

// ---------------------------------------------------------------- query

export interface SearchOptions {
  categoryId?: string | null;
  /** Default 50. */
  limit?: number;
}

export interface SearchHit {
  reply: Reply;
  score: number;
  matched: MatchKind;
}

function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundPairs(arr: ReadonlyArray<[string, number]>, key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]![0] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Piece = { kind: 'word' | 'cjk'; text: string };

function splitPieces(q: string): Piece[] {
  const pieces: Piece[] = [];
  let start = -1;
  let kind: Piece['kind'] | null = null;
  for (let i = 0; i <= q.length; i++) {
    const c = i < q.length ? q.charCodeAt(i) : 0;
    const k: Piece['kind'] | null = i >= q.length ? null : isCjk(c) ? 'cjk' : isWordChar(c) ? 'word' : null;
    if (k !== kind) {
      if (kind && start >= 0) pieces.push({ kind, text: q.slice(start, i) });
      kind = k;
      start = i;
    }
  }
  return pieces;
}

const fieldTier = (m: number, title: number, tag: number, body: number) => (m & F_TITLE ? title : m & F_TAG ? tag : m & F_BODY ? body : 0);

function raise(t: Uint8Array, postings: ArrayLike<number> | undefined, title: number, tag: number, body: number) {
  if (!postings) return;
  for (let i = 0; i < postings.length; i++) {
    const p = postings[i]!;
    const tier = fieldTier(p & 7, title, tag, body);
    const d = p >>> 3;
    if (tier > t[d]!) t[d] = tier;
  }
}

/** Hands out zeroed per-doc arrays from the index's pool; `release` returns them all. */
class Scratch {
  private used = 0;
  constructor(private readonly index: ReplyIndex) {}
  take(): Uint8Array {
    const pool = this.index.scratch;
    let a = pool[this.used];
    if (!a || a.length !== this.index.docs.length) {
      a = new Uint8Array(this.index.docs.length);
      pool[this.used] = a;
    } else a.fill(0);
    this.used++;
    return a;
  }
  release() {
    this.used = 0;
  }
}

/**
 * Docs present in every list; the field mask they share in all lists is left
 * in `mask[d]` (a scratch array) for the caller.
 */
function intersect(lists: Array<ArrayLike<number>>, sc: Scratch): { docs: number[]; mask: Uint8Array } {
  const mask = sc.take();
  if (lists.length === 0) return { docs: [], mask };
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let cand: number[] = [];
  const base = sorted[0]!;
  for (let i = 0; i < base.length; i++) {
    const p = base[i]!;
    const d = p >>> 3;
    if (!mask[d]) cand.push(d);
    mask[d]! |= p & 7;
  }
  if (sorted.length > 1) {
    const cur = sc.take();
    for (let li = 1; li < sorted.length && cand.length; li++) {
      if (li > 1) cur.fill(0);
      const l = sorted[li]!;
      for (let i = 0; i < l.length; i++) cur[l[i]! >>> 3]! |= l[i]! & 7;
      const next: number[] = [];
      for (const d of cand) {
        const m = mask[d]! & cur[d]!;
        mask[d] = m;
        if (m) next.push(d);
      }
      cand = next;
    }
  }
  return { docs: cand, mask };
}

function matchCjk(index: ReplyIndex, text: string, t: Uint8Array, sc: Scratch) {
  if (text.length === 1) {
    raise(t, index.cjkChars.get(text.charCodeAt(0)), TIER.title, TIER.tag, TIER.body);
    return;
  }
  const lists: Int32Array[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const a = index.cjkIds.get(text.charCodeAt(i));
    const b = index.cjkIds.get(text.charCodeAt(i + 1));
    const l = a && b ? index.cjkPairs.get(a * 65536 + b) : undefined;
    if (!l) return;
    lists.push(l);
  }
  if (lists.length === 1) {
    raise(t, lists[0], TIER.title, TIER.tag, TIER.body);
    return;
  }
  const { docs, mask } = intersect(lists, sc);
  for (const d of docs) {
    const m = mask[d]!;
    const doc = index.docs[d]!;
    const tier = m & F_TITLE && doc.head.includes(text) ? TIER.title
      : m & F_TAG && doc.tags.includes(text) ? TIER.tag
        : m & F_BODY && doc.body.includes(text) ? TIER.body : 0;
    if (tier > t[d]!) t[d] = tier;
  }
}

/** Splits Latin letters into pinyin syllables known to the index; the last may be unfinished. */
function segmentPinyin(w: string, index: ReplyIndex): { full: string[]; partial: string | null } | null {
  const failed = new Set<number>();
  const isPrefix = (p: string) => {
    const i = lowerBound(index.sortedSyllables, p);
    return i < index.sortedSyllables.length && index.sortedSyllables[i]!.startsWith(p);
  };
  const rec = (i: number): { full: string[]; partial: string | null } | null => {
    if (i === w.length) return { full: [], partial: null };
    if (failed.has(i)) return null;
    for (let l = Math.min(6, w.length - i); l >= 1; l--) {
      const syl = w.slice(i, i + l);
      if (!index.headSyllables.has(syl) && !index.bodySyllables.has(syl)) continue;
      const r = rec(i + l);
      if (r) return { full: [syl, ...r.full], partial: r.partial };
    }
    const rest = w.slice(i);
    if (rest.length <= 6 && isPrefix(rest)) return { full: [], partial: rest };
    failed.add(i);
    return null;
  };
  return rec(0);
}

/** Full pinyin in titles/tags (stage 'head') or in bodies (stage 'body'). */
function matchPinyin(index: ReplyIndex, w: string, t: Uint8Array, stage: 'head' | 'body', sc: Scratch) {
  const seg = segmentPinyin(w, index);
  if (!seg) return;
  const map = stage === 'head' ? index.headSyllables : index.bodySyllables;
  const parts = seg.partial ? [...seg.full, seg.partial] : seg.full;
  if (parts.length === 1) {
    // One syllable, finished or not: every syllable starting with it, no verification needed.
    const p = parts[0]!;
    for (let i = lowerBound(index.sortedSyllables, p); i < index.sortedSyllables.length; i++) {
      const syl = index.sortedSyllables[i]!;
      if (!syl.startsWith(p)) break;
      raise(t, map.get(syl), TIER.pinyinTitle, TIER.pinyinTag, TIER.pinyinBody);
    }
    return;
  }
  const lists: ArrayLike<number>[] = [];
  if (stage === 'head') {
    // Candidates from adjacent pairs; the last pair may end in an unfinished syllable.
    for (let i = 0; i + 1 < parts.length; i++) {
      const key = `${parts[i]} ${parts[i + 1]}`;
      if (i + 2 < parts.length || !seg.partial) {
        const l = index.headPairs.get(key);
        if (!l) return;
        lists.push(l);
      } else {
        const union: number[] = [];
        const keys = index.sortedHeadPairs;
        for (let k = lowerBound(keys, key); k < keys.length && keys[k]!.startsWith(key); k++) {
          const l = index.headPairs.get(keys[k]!)!;
          for (let j = 0; j < l.length; j++) union.push(l[j]!);
        }
        if (!union.length) return;
        lists.push(union);
      }
    }
  } else {
    for (const syl of seg.full) {
      const l = map.get(syl);
      if (!l) return;
      lists.push(l);
    }
  }
  const pattern = ` ${parts.join(' ')}`;
  const { docs, mask } = intersect(lists, sc);
  for (const d of docs) {
    const m = mask[d]!;
    const doc = index.docs[d]!;
    const tier = stage === 'head'
      ? m & F_TITLE && doc.headPy.includes(pattern) ? TIER.pinyinTitle : m & F_TAG && doc.tagsPy.includes(pattern) ? TIER.pinyinTag : 0
      : doc.bodyPy.includes(pattern) ? TIER.pinyinBody : 0;
    if (tier > t[d]!) t[d] = tier;
  }
}

function matchInitials(index: ReplyIndex, w: string, t: Uint8Array, sc: Scratch) {
  const lists: Int32Array[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    const l = index.initials.get(w.slice(i, i + 2));
    if (!l) return;
    lists.push(l);
  }
  const exact = w.length === 2;
  const { docs, mask } = intersect(lists, sc);
  for (const d of docs) {
    const m = mask[d]!;
    const doc = index.docs[d]!;
    const tier = (exact ? m & F_TITLE : m & F_TITLE && doc.headInitials.includes(w)) ? TIER.pinyinTitle
      : (exact ? m & F_TAG : m & F_TAG && doc.tagsInitials.includes(w)) ? TIER.pinyinTag : 0;
    if (tier > t[d]!) t[d] = tier;
  }
}

function sameRange(a: string, ai: number, b: string, bi: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

/**
 * Optimal string alignment distance ≤ 1 (one insert, delete, substitution or
 * swap of neighbours) between `a` and the first `bl` characters of `b`;
 * allocation-free because it runs over slices of the vocabulary per query.
 */
function withinOneEdit(a: string, b: string, bl: number = b.length): boolean {
  const al = a.length;
  if (bl > b.length || Math.abs(al - bl) > 1) return false;
  let i = 0;
  while (i < al && i < bl && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === al && i === bl) return true;
  if (al === bl) {
    if (sameRange(a, i + 1, b, i + 1, al - i - 1)) return true;
    return i + 1 < al && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i)
      && sameRange(a, i + 2, b, i + 2, al - i - 2);
  }
  return al > bl ? sameRange(a, i + 1, b, i, al - i - 1) : sameRange(a, i, b, i + 1, bl - i - 1);
}

function matchFuzzy(index: ReplyIndex, w: string, t: Uint8Array) {
  const seen = new Set<string>();
  const consider = (word: string) => {
    if (seen.has(word) || word.startsWith(w)) return;
    seen.add(word);
    if (withinOneEdit(w, word)) raise(t, index.words.get(word), TIER.fuzzyTitle, TIER.fuzzyTitle, TIER.fuzzyBody);
  };
  // Candidates: words equal to a deletion of w, words whose deletion equals w or a deletion of w.
  if (index.words.has(w)) consider(w);
  for (const word of index.deletes.get(w) ?? []) consider(word);
  for (let i = 0; i < w.length; i++) {
    const v = w.slice(0, i) + w.slice(i + 1);
    if (index.words.has(v)) consider(v);
    for (const word of index.deletes.get(v) ?? []) consider(word);
  }
  // An unfinished word with a typo ("refudn" for "refunds"): compare with the
  // beginnings of longer words. Only words sharing the first letter are tried,
  // which keeps this to a slice of the sorted vocabulary.
  const words = index.sortedWords;
  const first = w[0]!;
  for (let i = lowerBound(words, first); i < words.length; i++) {
    const word = words[i]!;
    if (word[0] !== first) break;
    if (word.length <= w.length || seen.has(word) || word.startsWith(w)) continue;
    if (withinOneEdit(w, word, w.length) || withinOneEdit(w, word, w.length + 1) || withinOneEdit(w, word, w.length - 1)) {
      seen.add(word);
      raise(t, index.words.get(word), TIER.fuzzyTitle, TIER.fuzzyTitle, TIER.fuzzyBody);
    }
  }
}

const isPinyinCandidate = (w: string) => w.length >= 2 && w.length <= 40 && /^[a-z]+$/.test(w);

/** Stage 'high': word prefixes, title/tag pinyin and initials (tiers ≥ 50). */
function matchWordHigh(index: ReplyIndex, w: string, t: Uint8Array, sc: Scratch) {
  const words = index.sortedWords;
  for (let i = lowerBound(words, w); i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith(w)) break;
    raise(t, index.words.get(word), TIER.title, TIER.tag, TIER.body);
  }
  if (isPinyinCandidate(w)) {
    matchPinyin(index, w, t, 'head', sc);
    matchInitials(index, w, t, sc);
  }
}

/** Stage 'low': body pinyin and typos (tiers < 50), only run when the high stage found too little. */
function matchWordLow(index: ReplyIndex, w: string, t: Uint8Array, sc: Scratch) {
  if (isPinyinCandidate(w)) matchPinyin(index, w, t, 'body', sc);
  if (w.length >= 4) matchFuzzy(index, w, t);
}

/** Normalises a query the way the index was built (exported for highlighting and tests). */
export function foldQuery(query: string): string {
  return foldText(query).replace(/\s+/g, ' ').trim();
}

export function searchReplies(index: ReplyIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 50;
  const category = options.categoryId ?? null;
  const n = index.docs.length;
  const q = foldQuery(query);
  const sc = new Scratch(index);
  const final = sc.take();

  if (!q) {
    final.fill(TIER.all);
  } else {
    for (const d of index.shortcutExact.get(q) ?? []) final[d] = TIER.shortcut;
    const heads = index.heads;
    for (let i = lowerBoundPairs(heads, q); i < heads.length; i++) {
      const [h, d] = heads[i]!;
      if (!h.startsWith(q)) break;
      if (TIER.prefix > final[d]!) final[d] = TIER.prefix;
    }
    // Stage one: everything at tier ≥ 50. Body pinyin and typos can only rank
    // below all of it, so they are looked for only when stage one leaves room.
    const pieces = splitPieces(q);
    const perPiece = pieces.map((piece) => {
      const t = sc.take();
      if (piece.kind === 'cjk') matchCjk(index, piece.text, t, sc);
      else matchWordHigh(index, piece.text, t, sc);
      return t;
    });
    // The weakest piece decides; whole-query tiers (shortcut, prefix) override.
    const combinedBuf = sc.take();
    const combine = (): Uint8Array => {
      const out = combinedBuf;
      out.set(final);
      if (!perPiece.length) return out;
      const first = perPiece[0]!;
      const rest = perPiece.slice(1);
      for (let d = 0; d < n; d++) {
        let m = first[d]!;
        for (let k = 0; k < rest.length && m; k++) {
          const v = rest[k]![d]!;
          if (v < m) m = v;
        }
        if (m > out[d]!) out[d] = m;
      }
      return out;
    };
    let combined = combine();
    let found = 0;
    for (let d = 0; d < n && found < limit; d++) {
      if (combined[d] && (category === null || index.docs[d]!.reply.categoryId === category)) found++;
    }
    if (found < limit && pieces.some((p) => p.kind === 'word')) {
      pieces.forEach((piece, i) => {
        if (piece.kind === 'word') matchWordLow(index, piece.text, perPiece[i]!, sc);
      });
      combined = combine();
    }
    final.set(combined);
  }

  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const d = index.byUsage[i]!;
    const tier = final[d]!;
    if (!tier) continue;
    if (category !== null && index.docs[d]!.reply.categoryId !== category) continue;
    const b = buckets.get(tier);
    if (b) {
      if (b.length < limit) b.push(d);
    } else buckets.set(tier, [d]);
  }
  const hits: SearchHit[] = [];
  for (const tier of [...buckets.keys()].sort((a, b) => b - a)) {
    for (const d of buckets.get(tier)!) {
      if (hits.length >= limit) return hits;
      hits.push({ reply: index.docs[d]!.reply, score: tier, matched: tierKind(tier) });
    }
  }
  return hits;
}

