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
  pinyinBody: 45,
  fuzzyTitle: 30,
  fuzzyBody: 25,
  all: 1,
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
  words: Map<string, number[]>;
  sortedWords: string[];
  /** Unigram key = code unit; bigram key = c1 * 65536 + c2. */
  cjk: Map<number, number[]>;
  syllables: Map<string, number[]>;
  sortedSyllables: string[];
  initials: Map<string, number[]>;
  /** One-deletion variants of words (4+ letters after deletion ≥ 3) → words. */
  deletes: Map<string, string[]>;
  shortcuts: ShortcutTable;
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
  const usedAt = r.lastUsedAt ? Date.parse(r.lastUsedAt) : Number.NEGATIVE_INFINITY;
  return {
    reply: r, sig: signature(r), title, shortcut, head, tags, body,
    headPy: h.py, tagsPy: t.py, bodyPy: b.py, headInitials: h.initials, tagsInitials: t.initials,
    usedAt: Number.isNaN(usedAt) ? Number.NEGATIVE_INFINITY : usedAt,
  };
}

function add(map: Map<string, number>, key: string, mask: number) {
  map.set(key, (map.get(key) ?? 0) | mask);
}

function scanText(s: string, mask: number, words: Map<string, number>, cjk: Map<number, number>) {
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
      cjk.set(c, (cjk.get(c) ?? 0) | mask);
      const n = s.charCodeAt(i + 1);
      if (i + 1 < s.length && isCjk(n)) {
        const k = c * 65536 + n;
        cjk.set(k, (cjk.get(k) ?? 0) | mask);
      }
    }
  }
}

function scanPinyin(py: string, mask: number, out: Map<string, number>) {
  for (const part of py.split(/[\u0001 ]+/)) if (part) add(out, part, mask);
}

function scanInitials(ini: string, mask: number, out: Map<string, number>) {
  for (const run of ini.split(' ')) for (let i = 0; i + 1 < run.length; i++) add(out, run.slice(i, i + 2), mask);
}

function push<K>(m: Map<K, number[]>, key: K, posting: number) {
  const l = m.get(key);
  if (l) l.push(posting);
  else m.set(key, [posting]);
}

function byString(a: [string, number], b: [string, number]) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

/**
 * Builds the index. Pass the previous index to reuse the per-reply analysis
 * (folding + pinyin, the costly part) of every reply whose text is unchanged:
 * after an edit or a usage bump only posting lists are rebuilt.
 */
export function buildReplyIndex(replies: readonly Reply[], previous?: ReplyIndex): ReplyIndex {
  const reuse = new Map<string, IndexedReply>();
  if (previous) for (const d of previous.docs) reuse.set(d.reply.id, d);

  const docs: IndexedReply[] = replies.map((r) => {
    const old = reuse.get(r.id);
    if (old && old.sig === signature(r)) {
      const usedAt = r.lastUsedAt ? Date.parse(r.lastUsedAt) : Number.NEGATIVE_INFINITY;
      return { ...old, reply: r, usedAt: Number.isNaN(usedAt) ? Number.NEGATIVE_INFINITY : usedAt };
    }
    return analyse(r);
  });

  const shortcutExact = new Map<string, number[]>();
  const heads: Array<[string, number]> = [];
  const words = new Map<string, number[]>();
  const cjk = new Map<number, number[]>();
  const syllables = new Map<string, number[]>();
  const initials = new Map<string, number[]>();

  const w = new Map<string, number>();
  const c = new Map<number, number>();
  const s = new Map<string, number>();
  const ini = new Map<string, number>();
  docs.forEach((d, n) => {
    if (d.shortcut) {
      push(shortcutExact, d.shortcut, n);
      heads.push([d.shortcut, n]);
    }
    if (d.title) heads.push([d.title, n]);
    w.clear(); c.clear(); s.clear(); ini.clear();
    scanText(d.head, F_TITLE, w, c);
    scanText(d.tags, F_TAG, w, c);
    scanText(d.body, F_BODY, w, c);
    scanPinyin(d.headPy, F_TITLE, s);
    scanPinyin(d.tagsPy, F_TAG, s);
    scanPinyin(d.bodyPy, F_BODY, s);
    scanInitials(d.headInitials, F_TITLE, ini);
    scanInitials(d.tagsInitials, F_TAG, ini);
    const base = n << 3;
    for (const [k, m] of w) push(words, k, base | m);
    for (const [k, m] of c) push(cjk, k, base | m);
    for (const [k, m] of s) push(syllables, k, base | m);
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

  const order = docs.map((_, n) => n);
  order.sort((a, b) => {
    const da = docs[a]!;
    const db = docs[b]!;
    return db.reply.usageCount - da.reply.usageCount || (db.usedAt > da.usedAt ? 1 : db.usedAt < da.usedAt ? -1 : 0) || a - b;
  });

  return {
    version: 1,
    docs,
    byUsage: Int32Array.from(order),
    shortcutExact,
    heads,
    words,
    sortedWords,
    cjk,
    syllables,
    sortedSyllables: [...syllables.keys()].sort(),
    initials,
    deletes,
    shortcuts: buildShortcutTable(replies),
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

function raise(t: Uint8Array, postings: readonly number[] | undefined, title: number, tag: number, body: number) {
  if (!postings) return;
  for (let i = 0; i < postings.length; i++) {
    const p = postings[i]!;
    const tier = fieldTier(p & 7, title, tag, body);
    const d = p >>> 3;
    if (tier > t[d]!) t[d] = tier;
  }
}

/** Docs (with the field mask they share) present in every list. */
function intersect(lists: Array<readonly number[]>, n: number): Array<[number, number]> {
  if (lists.length === 0) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const mask = new Uint8Array(n);
  let cand: number[] = [];
  for (const p of sorted[0]!) {
    const d = p >>> 3;
    if (!mask[d]) cand.push(d);
    mask[d]! |= p & 7;
  }
  const cur = new Uint8Array(n);
  for (let li = 1; li < sorted.length && cand.length; li++) {
    cur.fill(0);
    for (const p of sorted[li]!) cur[p >>> 3]! |= p & 7;
    const next: number[] = [];
    for (const d of cand) {
      const m = mask[d]! & cur[d]!;
      mask[d] = m;
      if (m) next.push(d);
    }
    cand = next;
  }
  return cand.map((d) => [d, mask[d]!]);
}

function matchCjk(index: ReplyIndex, text: string, t: Uint8Array) {
  const n = index.docs.length;
  if (text.length <= 2) {
    const key = text.length === 1 ? text.charCodeAt(0) : text.charCodeAt(0) * 65536 + text.charCodeAt(1);
    raise(t, index.cjk.get(key), TIER.title, TIER.tag, TIER.body);
    return;
  }
  const lists: number[][] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const l = index.cjk.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
    if (!l) return;
    lists.push(l);
  }
  for (const [d, m] of intersect(lists, n)) {
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
      if (!index.syllables.has(syl)) continue;
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

function matchPinyin(index: ReplyIndex, w: string, t: Uint8Array) {
  const seg = segmentPinyin(w, index);
  if (!seg) return;
  const parts = seg.partial ? [...seg.full, seg.partial] : seg.full;
  if (parts.length === 1) {
    // One syllable, finished or not: every syllable starting with it, no verification needed.
    const p = parts[0]!;
    for (let i = lowerBound(index.sortedSyllables, p); i < index.sortedSyllables.length; i++) {
      const syl = index.sortedSyllables[i]!;
      if (!syl.startsWith(p)) break;
      raise(t, index.syllables.get(syl), TIER.pinyinTitle, TIER.pinyinTitle, TIER.pinyinBody);
    }
    return;
  }
  const lists = seg.full.map((s) => index.syllables.get(s)!);
  const pattern = ` ${parts.join(' ')}`;
  for (const [d, m] of intersect(lists, index.docs.length)) {
    const doc = index.docs[d]!;
    const tier = (m & F_TITLE && doc.headPy.includes(pattern)) || (m & F_TAG && doc.tagsPy.includes(pattern)) ? TIER.pinyinTitle
      : m & F_BODY && doc.bodyPy.includes(pattern) ? TIER.pinyinBody : 0;
    if (tier > t[d]!) t[d] = tier;
  }
}

function matchInitials(index: ReplyIndex, w: string, t: Uint8Array) {
  const lists: number[][] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    const l = index.initials.get(w.slice(i, i + 2));
    if (!l) return;
    lists.push(l);
  }
  const exact = w.length === 2;
  for (const [d, m] of intersect(lists, index.docs.length)) {
    const doc = index.docs[d]!;
    const ok = exact || (m & F_TITLE && doc.headInitials.includes(w)) || (m & F_TAG && doc.tagsInitials.includes(w));
    if (ok && TIER.pinyinTitle > t[d]!) t[d] = TIER.pinyinTitle;
  }
}

/** Optimal string alignment distance ≤ 1 (one insert, delete, substitution or swap of neighbours). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
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
    if (
      withinOneEdit(w, word.slice(0, w.length)) || withinOneEdit(w, word.slice(0, w.length + 1))
      || withinOneEdit(w, word.slice(0, w.length - 1))
    ) {
      seen.add(word);
      raise(t, index.words.get(word), TIER.fuzzyTitle, TIER.fuzzyTitle, TIER.fuzzyBody);
    }
  }
}

function matchWord(index: ReplyIndex, w: string, t: Uint8Array) {
  const words = index.sortedWords;
  for (let i = lowerBound(words, w); i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith(w)) break;
    raise(t, index.words.get(word), TIER.title, TIER.tag, TIER.body);
  }
  if (w.length >= 2 && w.length <= 40 && /^[a-z]+$/.test(w)) {
    matchPinyin(index, w, t);
    matchInitials(index, w, t);
  }
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
  const final = new Uint8Array(n);

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
    let acc: Uint8Array | null = null;
    for (const piece of splitPieces(q)) {
      const t = new Uint8Array(n);
      if (piece.kind === 'cjk') matchCjk(index, piece.text, t);
      else matchWord(index, piece.text, t);
      if (!acc) acc = t;
      else for (let d = 0; d < n; d++) acc[d] = Math.min(acc[d]!, t[d]!);
    }
    if (acc) for (let d = 0; d < n; d++) if (acc[d]! > final[d]!) final[d] = acc[d]!;
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
