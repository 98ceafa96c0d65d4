/**
 * Import/export of a reply library — how a CS supervisor hands the team's
 * library to agents before a campaign. Two formats, both public and stable:
 *
 * JSON (version 1):
 *   {"format":"xiaoer.replies","version":1,
 *    "categories":[{"name":"…","symbol":"🚚","order":3}],      // optional
 *    "replies":[{"title":"…","shortcut":"…","category":"…","tags":["…"],
 *                "body":{"zh-CN":"…","zh-TW":"…","en":"…"}}]}
 *   `category` is the category NAME ("" = none). Only `title` and `body` are
 *   required; a body language may be absent or empty, but one must have text.
 *   Unknown fields are refused (a typo like "shortCut" must not silently
 *   drop data).
 *
 * CSV: a header row naming columns in any order, from
 *   title, shortcut, category, tags, zh-CN, zh-TW, en
 *   or their Chinese names (标题/標題, 快捷短语, 分类, 标签, 内容 = zh-CN, 內容 = zh-TW,
 *   英文…: CSV_COLUMN_ALIASES)
 *   (title and at least one language required; names case-insensitive; any
 *   other column is refused). RFC 4180: comma-separated, fields with commas,
 *   quotes or line breaks in double quotes, "" for a quote; CRLF or LF; a
 *   UTF-8 BOM is accepted (and written, so spreadsheet programs read Chinese
 *   right). Tags: separated by "|" — when a cell has no "|", by "," "，" or "、"
 *   (hand-made files); the exporter always writes "|" and appends one when a
 *   single tag contains a comma. Cells that a spreadsheet would run as a
 *   formula (= + - @ tab CR first) are written with a leading ' and read back
 *   without it.
 *
 * A file with any problem is refused whole, with a message naming the place:
 *   line 20, column 15 (replies[3].body.en): expected string
 *   CSV row 12, column "shortcut": longer than 40 characters
 * Rows are numbered as a spreadsheet shows them (the header is row 1).
 *
 * A column or JSON field that is absent (not merely empty) leaves the value
 * of a matched existing reply alone; see planImport.
 */
import * as z from 'zod/mini';
import type { Category, Lang, Reply, ReplyBody } from '../schema/index.ts';
import { LANGS } from '../schema/index.ts';
import { CATEGORY_NAME_MAX, SHORTCUT_MAX, categoryNameKey, shortcutKey, shortcutProblem, splitTags } from './rules.ts';
import { decodeUtf8, isZipArchive, issueReason, jsonPathPosition, parseJsonText, type IssueLike } from '../backup/json-file.ts';
import { placeText, refusal, why, type Refusal, type RefusalPlace, type RefusalReason } from '../backup/refusal.ts';

export const REPLIES_FORMAT = 'xiaoer.replies';
export const REPLIES_FORMAT_VERSION = 1;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
/** A team library has tens of categories; far more means the file is not a library. */
export const MAX_IMPORT_CATEGORIES = 1_000;
export const DEFAULT_CATEGORY_SYMBOL = '📁';
export const CSV_COLUMNS = ['title', 'shortcut', 'category', 'tags', 'zh-CN', 'zh-TW', 'en'] as const;

// Shortcut and category-name rules are the library's own (rules.ts): the editor and category form apply the same.
const LIMITS = { title: 200, category: CATEGORY_NAME_MAX, tag: 50, tags: 50, body: 20_000, symbol: 8 } as const;

export interface ImportEntry {
  title: string;
  /** undefined: the file does not carry this field (keep the existing value on a match). */
  shortcut?: string;
  category?: string;
  tags?: string[];
  body: Partial<ReplyBody>;
  /** Where the entry came from, for messages: "replies[3]" or "CSV row 4". */
  source: string;
}

export interface ImportCategory {
  name: string;
  symbol: string;
  order: number;
}

export interface ImportError {
  /** English, "<where>: <reason>" (logs, tests). */
  message: string;
  /** "replies[3].body.en", "CSV row 12, column \"shortcut\"", or null for the file as a whole. */
  where: string | null;
  /** The same as data (code, params, place), for showing it in the seller's language (lib/backup/refusal.ts refusalText). */
  refusal: Refusal;
}

export type ParseResult =
  | { ok: true; kind: 'json' | 'csv'; entries: ImportEntry[]; categories: ImportCategory[] }
  | { ok: false; error: ImportError };

/** Thrown inside the reader, caught once in parseRepliesFile. */
class Refused extends Error {
  readonly refusal: Refusal;
  constructor(place: RefusalPlace | null, reason: RefusalReason) {
    const r = refusal(place, reason);
    super(r.message);
    this.refusal = r;
  }
}

function importError(r: Refusal): ImportError {
  return { message: r.message, where: r.place ? placeText('en', r.place) : null, refusal: r };
}

const field = (path: string): RefusalPlace => ({ kind: 'field', path });
const csvRow = (row: number, column?: string): RefusalPlace => (column === undefined ? { kind: 'row', row } : { kind: 'row', row, column });

// ---------------------------------------------------------------- export

function categoryNames(categories: readonly Category[]): Map<string, string> {
  return new Map(categories.map((c) => [c.id, c.name]));
}

function sortedCategories(categories: readonly Category[]): Category[] {
  return [...categories].sort((a, b) => a.order - b.order);
}

export function exportRepliesJson(categories: readonly Category[], replies: readonly Reply[]): string {
  const names = categoryNames(categories);
  const doc = {
    format: REPLIES_FORMAT,
    version: REPLIES_FORMAT_VERSION,
    categories: sortedCategories(categories).map((c) => ({ name: c.name, symbol: c.symbol, order: c.order })),
    replies: replies.map((r) => ({
      title: r.title,
      shortcut: r.shortcut,
      category: names.get(r.categoryId) ?? '',
      tags: r.tags,
      body: { 'zh-CN': r.body['zh-CN'], 'zh-TW': r.body['zh-TW'], en: r.body.en },
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const FORMULA_START = /^'*[=+\-@\t\r]/;

function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A reply the CSV format cannot carry: one of its tags contains "|", which CSV uses between tags. */
export class CsvTagRefused extends Error {
  constructor(
    readonly title: string,
    readonly tag: string,
  ) {
    super(`Reply "${title}": tag "${tag}" contains "|", which CSV uses between tags; export as JSON instead.`);
    this.name = 'CsvTagRefused';
  }
}

/** Throws CsvTagRefused when a tag contains "|", which the CSV format uses between tags. */
export function exportRepliesCsv(categories: readonly Category[], replies: readonly Reply[]): string {
  const names = categoryNames(categories);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of replies) {
    const bad = r.tags.find((t) => t.includes('|'));
    if (bad !== undefined) throw new CsvTagRefused(r.title, bad);
    let tags = r.tags.join('|');
    if (r.tags.length === 1 && /[,，、]/.test(tags)) tags += '|';
    const cells = [r.title, r.shortcut, names.get(r.categoryId) ?? '', tags, r.body['zh-CN'], r.body['zh-TW'], r.body.en];
    lines.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- shared validation

type FieldWhere = (field: string) => RefusalPlace;

function checkText(value: string, max: number, where: RefusalPlace, tag?: string): void {
  if (value.length > max) throw new Refused(where, tag === undefined ? why('tooLong', { max }) : why('tagTooLong', { max, tag }));
}

function finishEntry(
  raw: { title: string; shortcut?: string; category?: string; tags?: string[]; body: Partial<ReplyBody> },
  at: FieldWhere,
  source: string,
): ImportEntry {
  const title = raw.title.trim();
  if (!title) throw new Refused(at('title'), why('empty'));
  checkText(title, LIMITS.title, at('title'));
  const entry: ImportEntry = { title, body: {}, source };
  if (raw.shortcut !== undefined) {
    const s = raw.shortcut.trim();
    const problem = shortcutProblem(s);
    if (problem === 'tooLong') throw new Refused(at('shortcut'), why('tooLong', { max: SHORTCUT_MAX }));
    if (problem) throw new Refused(at('shortcut'), why(problem));
    entry.shortcut = s;
  }
  if (raw.category !== undefined) {
    const c = raw.category.trim();
    checkText(c, LIMITS.category, at('category'));
    entry.category = c;
  }
  if (raw.tags !== undefined) {
    const tags = raw.tags.map((t) => t.trim()).filter(Boolean);
    if (tags.length > LIMITS.tags) throw new Refused(at('tags'), why('tooManyTags', { max: LIMITS.tags }));
    for (const t of tags) checkText(t, LIMITS.tag, at('tags'), t.slice(0, 20));
    entry.tags = tags;
  }
  let hasText = false;
  for (const lang of LANGS) {
    const b = raw.body[lang];
    if (b === undefined) continue;
    checkText(b, LIMITS.body, at(`body.${lang}`));
    entry.body[lang] = b;
    if (b.trim()) hasText = true;
  }
  if (!hasText) throw new Refused(at('body'), why('noBodyText'));
  return entry;
}

function checkDuplicateShortcuts(entries: readonly ImportEntry[], at: (i: number) => RefusalPlace, usedBy: (shortcut: string, i: number) => RefusalReason) {
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = e.shortcut ? shortcutKey(e.shortcut) : '';
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) throw new Refused(at(i), usedBy(e.shortcut!, first));
    seen.set(key, i);
  });
}

// ---------------------------------------------------------------- JSON

// zod/mini like lib/schema: classic zod cost ~90 KB gzip in every bundle that imports this file
// (dashboard, background). Mini's issues carry no English text, so issueText words them.
const JsonBody = z.strictObject({
  'zh-CN': z.optional(z.string()),
  'zh-TW': z.optional(z.string()),
  en: z.optional(z.string()),
});
const JsonReply = z.strictObject({
  title: z.string(),
  shortcut: z.optional(z.string()),
  category: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  body: JsonBody,
});
const JsonCategory = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.category)),
  symbol: z.optional(z.string().check(z.maxLength(LIMITS.symbol))),
  order: z.optional(z.int()),
});
const JsonFile = z.strictObject({
  format: z.literal(REPLIES_FORMAT),
  version: z.literal(REPLIES_FORMAT_VERSION),
  categories: z.optional(z.array(z.unknown())),
  replies: z.array(z.unknown()),
});

function pathString(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let s = prefix;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s;
}

/** The first issue as a refusal naming its place; `input` is what was parsed (to tell missing from wrong). */
function zodRefusal(prefix: string, error: z.core.$ZodError, input: unknown): Refused {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    // The place is the unknown field itself (also at the top level, where the path is empty).
    return new Refused(field(pathString(prefix, [...issue.path, issue.keys[0] ?? ''])), why('unknownField', { fields: { list: issue.keys.map((k) => `"${k}"`) } }));
  }
  const path = pathString(prefix, issue.path);
  return new Refused(path ? field(path) : { kind: 'file' }, issueReason(issue as IssueLike, input));
}

function parseJson(text: string): { entries: ImportEntry[]; categories: ImportCategory[] } {
  // Line/column for syntax errors and refused duplicate keys (JSON.parse would keep the last one silently).
  const json = parseJsonText(text);
  if (!json.ok) throw new Refused({ kind: 'text', ...json.problem.place }, json.problem.why);
  try {
    return checkJson(json.value);
  } catch (e) {
    // A field refused after parsing (schema, library rules) is named by its line as well as its path,
    // as a syntax error is: "replies[212].body.en" alone left the seller counting replies in the file.
    if (!(e instanceof Refused) || e.refusal.place?.kind !== 'field') throw e;
    const { path } = e.refusal.place;
    const at = jsonPathPosition(text, path);
    if (!at) throw e;
    const { code, params, inner } = e.refusal;
    throw new Refused({ kind: 'text', ...at, field: path }, { code, params, inner });
  }
}

function checkJson(data: unknown): { entries: ImportEntry[]; categories: ImportCategory[] } {
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > REPLIES_FORMAT_VERSION) {
    throw new Refused(field('version'), why('newerVersion', { version, max: REPLIES_FORMAT_VERSION }));
  }
  const file = JsonFile.safeParse(data);
  if (!file.success) throw zodRefusal('', file.error, data);
  const { replies, categories: rawCategories = [] } = file.data;
  if (replies.length > MAX_IMPORT_ROWS) throw new Refused(field(`replies[${MAX_IMPORT_ROWS}]`), why('tooManyReplies', { count: replies.length, max: MAX_IMPORT_ROWS }));
  if (rawCategories.length > MAX_IMPORT_CATEGORIES) {
    throw new Refused(field(`categories[${MAX_IMPORT_CATEGORIES}]`), why('tooManyCategories', { count: rawCategories.length, max: MAX_IMPORT_CATEGORIES }));
  }

  const categories: ImportCategory[] = [];
  const catNames = new Set<string>();
  rawCategories.forEach((raw, i) => {
    const c = JsonCategory.safeParse(raw);
    if (!c.success) throw zodRefusal(`categories[${i}]`, c.error, raw);
    const key = categoryNameKey(c.data.name);
    if (catNames.has(key)) throw new Refused(field(`categories[${i}].name`), why('appearsTwice', { value: c.data.name }));
    catNames.add(key);
    categories.push({ name: c.data.name, symbol: c.data.symbol ?? DEFAULT_CATEGORY_SYMBOL, order: c.data.order ?? i });
  });

  const entries = replies.map((raw, i) => {
    const r = JsonReply.safeParse(raw);
    if (!r.success) throw zodRefusal(`replies[${i}]`, r.error, raw);
    return finishEntry(r.data, (f) => field(`replies[${i}].${f}`), `replies[${i}]`);
  });
  checkDuplicateShortcuts(entries, (i) => field(`replies[${i}].shortcut`), (shortcut, i) => why('shortcutUsedBy', { shortcut, other: `replies[${i}]` }));
  return { entries, categories };
}

// ---------------------------------------------------------------- CSV

/** RFC 4180 records; `rows[k]` is spreadsheet row k + 1. */
export function parseCsvRecords(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    if (rows.length > maxRows) throw new Refused(csvRow(rows.length), why('csvTooManyRows', { max: maxRows - 1 }));
    row = [];
    field = '';
    quoted = false;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      if (field !== '' || quoted) throw new Refused(csvRow(rows.length + 1), why('csvQuoteInField'));
      const start = i;
      i++;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Refused(csvRow(rows.length + 1), why('csvQuoteUnclosed', { offset: start }));
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = value;
      quoted = true;
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) {
        throw new Refused(csvRow(rows.length + 1), why('csvTextAfterQuote'));
      }
      continue;
    }
    if (c === 44 /* , */) {
      row.push(field);
      field = '';
      quoted = false;
      i++;
      continue;
    }
    if (c === 13 || c === 10) {
      endRow();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      continue;
    }
    if (quoted) throw new Refused(csvRow(rows.length + 1), why('csvTextAfterQuote'));
    // Unquoted run up to the next delimiter.
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13 || d === 34) break;
      j++;
    }
    if (text.charCodeAt(j) === 34) throw new Refused(csvRow(rows.length + 1), why('csvQuoteInField'));
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || quoted || row.length) endRow();
  return rows;
}

function unformula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Column names a seller's own spreadsheet has, in 简体 and 繁體: "标题,内容,分类,快捷短语,标签" was refused
 * as unknown columns, and the seller renamed every header to English by hand. A bare 内容 is the text in
 * the script it is written in (内容 简体, 內容 繁體). The exporter keeps writing the English names.
 */
const CSV_COLUMN_ALIASES: Readonly<Record<string, CsvColumn>> = {
  标题: 'title', 標題: 'title',
  快捷短语: 'shortcut', 快捷短語: 'shortcut', 快捷码: 'shortcut', 快捷碼: 'shortcut',
  分类: 'category', 分類: 'category',
  标签: 'tags', 標籤: 'tags', 標簽: 'tags',
  内容: 'zh-CN', 简体: 'zh-CN', 简体中文: 'zh-CN', 简体内容: 'zh-CN', 簡體中文: 'zh-CN', 簡體內容: 'zh-CN',
  內容: 'zh-TW', 繁體: 'zh-TW', 繁体: 'zh-TW', 繁體中文: 'zh-TW', 繁体中文: 'zh-TW', 繁體內容: 'zh-TW', 繁体内容: 'zh-TW',
  英文: 'en', 英文内容: 'en', 英文內容: 'en', english: 'en',
};

function csvColumnOf(header: string): CsvColumn | undefined {
  const name = header.trim().toLowerCase();
  return CSV_COLUMNS.find((c) => c.toLowerCase() === name) ?? (Object.prototype.hasOwnProperty.call(CSV_COLUMN_ALIASES, name) ? CSV_COLUMN_ALIASES[name] : undefined);
}

function parseCsv(text: string): ImportEntry[] {
  const rows = parseCsvRecords(text, MAX_IMPORT_ROWS + 1);
  const header = rows[0];
  if (!header || header.every((h) => !h.trim())) throw new Refused(csvRow(1), why('csvEmpty'));
  const columns: CsvColumn[] = [];
  header.forEach((raw, i) => {
    const col = csvColumnOf(raw);
    if (!col) throw new Refused({ kind: 'row', row: 1, columnNo: i + 1 }, why('csvUnknownColumn', { name: raw.trim(), known: { list: CSV_COLUMNS } }));
    if (columns.includes(col)) throw new Refused({ kind: 'row', row: 1, columnNo: i + 1 }, why('csvColumnTwice', { name: col }));
    columns.push(col);
  });
  if (!columns.includes('title')) throw new Refused(csvRow(1), why('csvNoTitle'));
  if (!LANGS.some((l) => columns.includes(l))) throw new Refused(csvRow(1), why('csvNoText'));

  const entries: ImportEntry[] = [];
  const rowOf: number[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNo = r + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length !== columns.length) throw new Refused(csvRow(rowNo), why('csvFieldCount', { count: cells.length, expected: columns.length }));
    const get = (c: CsvColumn): string | undefined => {
      const k = columns.indexOf(c);
      return k < 0 ? undefined : unformula(cells[k]!);
    };
    const body: Partial<Record<Lang, string>> = {};
    for (const l of LANGS) {
      const v = get(l);
      if (v !== undefined) body[l] = v;
    }
    const tags = get('tags');
    const at: FieldWhere = (f) => {
      const col = f.startsWith('body.') ? f.slice(5) : f === 'body' ? null : f;
      return col ? csvRow(rowNo, col) : csvRow(rowNo);
    };
    entries.push(finishEntry(
      { title: get('title') ?? '', shortcut: get('shortcut'), category: get('category'), tags: tags === undefined ? undefined : splitTags(tags), body },
      at,
      `CSV row ${rowNo}`,
    ));
    rowOf.push(rowNo);
  }
  checkDuplicateShortcuts(entries, (i) => csvRow(rowOf[i]!, 'shortcut'), (shortcut, i) => why('shortcutUsedByRow', { shortcut, row: rowOf[i]! }));
  return entries;
}

// ---------------------------------------------------------------- entry point

function utf8Length(text: string): number {
  // Exact without encoding: 1 byte < U+0080, 2 < U+0800, 3 otherwise, 4 per surrogate pair (2 units × 2).
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

/**
 * Parses an import file. `kindOrName` is 'json', 'csv' or a file name; with
 * another extension the content decides ('{' first → JSON).
 */
export function parseRepliesFile(text: string, kindOrName: string): ParseResult {
  try {
    if (text.length > MAX_IMPORT_BYTES || utf8Length(text) > MAX_IMPORT_BYTES) {
      throw new Refused(null, why('fileTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const lower = kindOrName.toLowerCase();
    const kind: 'json' | 'csv' = lower === 'json' || lower.endsWith('.json') ? 'json'
      : lower === 'csv' || lower.endsWith('.csv') ? 'csv'
        : body.trimStart().startsWith('{') ? 'json' : 'csv';
    if (kind === 'json') {
      const { entries, categories } = parseJson(body);
      return { ok: true, kind, entries, categories };
    }
    return { ok: true, kind, entries: parseCsv(body), categories: [] };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: importError(e.refusal) };
    throw e;
  }
}

/**
 * A file over the import limit, refused from its size before its bytes are read: a video or a backup chosen
 * by mistake was read whole into the page (hundreds of MB, the tab stalled) only to be refused then.
 */
export function tooLargeToRead(size: number): (ParseResult & { ok: false }) | null {
  return size > MAX_IMPORT_BYTES ? { ok: false, error: importError(refusal(null, why('fileTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }))) } : null;
}

/**
 * The file's bytes as picked (File/Blob → Uint8Array) → parsed. Use this, not
 * `file.text()`: that turns non-UTF-8 bytes (a GBK CSV from Excel) into U+FFFD
 * silently; this refuses with the line of the first bad byte.
 */
export function readRepliesFile(bytes: Uint8Array, kindOrName: string): ParseResult {
  const tooLarge = tooLargeToRead(bytes.length);
  if (tooLarge) return tooLarge;
  if (isZipArchive(bytes)) {
    return { ok: false, error: importError(refusal({ kind: 'file' }, why('zipNotReplies'))) };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, error: importError(refusal({ kind: 'text', ...decoded.problem.place }, decoded.problem.why)) };
  // TextDecoder already dropped one BOM; parseRepliesFile drops another (a file saved twice with BOM is still the same).
  return parseRepliesFile(decoded.text, kindOrName);
}

// ---------------------------------------------------------------- planning

export interface ImportPlan {
  categories: Category[];
  replies: Reply[];
  counts: { added: number; updated: number; unchanged: number; removed: number; categoriesAdded: number; categoriesRemoved: number };
  /**
   * WHICH replies change, for the preview: the counts alone ("54 removed") left the seller applying a
   * Replace without knowing which replies it deletes. Titles; removed in library order, the rest in
   * file order. `newShortcut`: replies whose shortcut the file changes (matched by title). `added`: the
   * replies the file brings that match none — "12 new" alone left the seller unable to tell a new reply
   * from one whose title they had edited (a copy next to the old one).
   */
  changes: { added: string[]; removed: string[]; updated: string[]; newShortcut: { title: string; was: string; shortcut: string }[] };
}

export type IdFactory = (kind: 'reply' | 'category') => string;

function sameReplyContent(a: Reply, b: Reply): boolean {
  return a.title === b.title && a.shortcut === b.shortcut && a.categoryId === b.categoryId
    && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i])
    && LANGS.every((l) => a.body[l] === b.body[l]);
}

/**
 * The library after an import, computed without touching storage.
 *
 * Both modes match each entry to an existing reply — by shortcut when the
 * entry has one (the same shortcut to Tab: rules.ts shortcutKey, case and
 * full-width folded, so "/tH" updates the "/th" reply rather than adding a
 * second "/th"); an entry without a shortcut, or whose shortcut no reply has
 * (changed in the file), by exact title, and that reply takes the file's
 * shortcut; a reply another entry claims by its shortcut is never taken by
 * title — and a matched reply keeps its id,
 * usage count, last use and creation time, so a refreshed team library does
 * not reset "most used first".
 *  - merge: matched replies are updated, the rest are added; nothing is removed.
 *  - replace: the library becomes exactly the file (in file order); existing
 *    replies that match nothing are removed, and so are categories that
 *    neither the file lists nor any imported reply uses.
 * Fields absent from the file keep a matched reply's value (new replies get
 * '' / []). Categories are matched by name; missing ones are created with the
 * file's symbol/order when it has them, else DEFAULT_CATEGORY_SYMBOL at the end.
 */
export function planImport(
  existing: { categories: readonly Category[]; replies: readonly Reply[] },
  parsed: { entries: readonly ImportEntry[]; categories?: readonly ImportCategory[] },
  mode: 'merge' | 'replace',
  now: string,
  idFactory: IdFactory,
): ImportPlan {
  const fileCats = parsed.categories ?? [];
  const byName = new Map(existing.categories.map((c) => [c.name, c]));
  const kept = new Map<string, Category>();
  if (mode === 'merge') for (const c of existing.categories) kept.set(c.name, c);
  // A loop, not Math.max(...): spreading a large list overflows the argument stack.
  let nextOrder = 0;
  for (const c of existing.categories) nextOrder = Math.max(nextOrder, c.order + 1);
  for (const c of fileCats) nextOrder = Math.max(nextOrder, c.order + 1);
  let categoriesAdded = 0;
  const meta = new Map(fileCats.map((c) => [c.name, c]));

  const ensureCategory = (name: string): string => {
    if (!name) return '';
    const have = kept.get(name);
    if (have) return have.id;
    const old = byName.get(name);
    const m = meta.get(name);
    let cat: Category;
    if (old) cat = mode === 'replace' && m ? { ...old, symbol: m.symbol, order: m.order } : old;
    else {
      cat = { id: idFactory('category'), name, symbol: m?.symbol ?? DEFAULT_CATEGORY_SYMBOL, order: m ? m.order : nextOrder++ };
      categoriesAdded++;
    }
    kept.set(name, cat);
    return cat.id;
  };
  for (const c of fileCats) ensureCategory(c.name);

  const byShortcut = new Map<string, Reply>();
  const byTitle = new Map<string, Reply[]>();
  for (const r of existing.replies) {
    const s = shortcutKey(r.shortcut);
    if (s && !byShortcut.has(s)) byShortcut.set(s, r);
    const list = byTitle.get(r.title.trim());
    if (list) list.push(r);
    else byTitle.set(r.title.trim(), [r]);
  }
  // Entries with a shortcut are matched first: an entry matched by title keeps its reply's shortcut
  // when the file has none for it, so had that reply been taken by title before the entry carrying its
  // shortcut ("FH") was matched, that entry became a new reply and the library held the shortcut twice.
  const used = new Set<string>();
  const matched = new Map<ImportEntry, Reply>();
  for (const e of parsed.entries) {
    if (!e.shortcut) continue;
    const r = byShortcut.get(shortcutKey(e.shortcut));
    if (r && !used.has(r.id)) {
      used.add(r.id);
      matched.set(e, r);
    }
  }
  // An entry whose shortcut no reply has (the supervisor changed it in the file) is still that reply:
  // matched by its title like an entry without a shortcut, and its shortcut changes. It was added as a
  // second copy of the reply, under the new shortcut. Replies taken by their shortcut above are not free.
  const matchFor = (e: ImportEntry): Reply | undefined => matched.get(e) ?? byTitle.get(e.title)?.find((r) => !used.has(r.id));

  let added = 0;
  let updated = 0;
  let unchanged = 0;
  const updatedTitles: string[] = [];
  const addedTitles: string[] = [];
  const newShortcut: ImportPlan['changes']['newShortcut'] = [];
  const updates = new Map<string, Reply>();
  const fresh: Reply[] = [];
  const inFileOrder: Reply[] = [];
  for (const e of parsed.entries) {
    const old = matchFor(e);
    const categoryId = e.category === undefined ? (old?.categoryId ?? '') : ensureCategory(e.category);
    if (old && e.category === undefined && old.categoryId) {
      const oldCat = existing.categories.find((c) => c.id === old.categoryId);
      if (oldCat) ensureCategory(oldCat.name);
    }
    const body = {} as ReplyBody;
    for (const l of LANGS) body[l] = e.body[l] ?? old?.body[l] ?? '';
    if (old) {
      used.add(old.id);
      const next: Reply = {
        ...old,
        title: e.title,
        shortcut: e.shortcut ?? old.shortcut,
        categoryId,
        tags: e.tags ?? old.tags,
        body,
      };
      if (sameReplyContent(old, next)) unchanged++;
      else {
        next.updatedAt = now;
        updated++;
        updatedTitles.push(next.title);
      }
      if (shortcutKey(next.shortcut) !== shortcutKey(old.shortcut)) newShortcut.push({ title: next.title, was: old.shortcut, shortcut: next.shortcut });
      updates.set(old.id, next);
      inFileOrder.push(next);
    } else {
      const r: Reply = {
        id: idFactory('reply'),
        title: e.title,
        shortcut: e.shortcut ?? '',
        categoryId,
        tags: e.tags ?? [],
        body,
        usageCount: 0,
        lastUsedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      added++;
      addedTitles.push(r.title);
      fresh.push(r);
      inFileOrder.push(r);
    }
  }

  let replies: Reply[];
  let removed = 0;
  const removedTitles: string[] = [];
  if (mode === 'merge') {
    replies = [...existing.replies.map((r) => updates.get(r.id) ?? r), ...fresh];
  } else {
    replies = inFileOrder;
    removed = existing.replies.length - updates.size;
    for (const r of existing.replies) if (!updates.has(r.id)) removedTitles.push(r.title);
  }
  const categories = [...kept.values()].sort((a, b) => a.order - b.order);
  const categoriesRemoved = existing.categories.filter((c) => !categories.some((k) => k.id === c.id)).length;
  return {
    categories,
    replies,
    counts: { added, updated, unchanged, removed, categoriesAdded, categoriesRemoved },
    changes: { added: addedTitles, removed: removedTitles, updated: updatedTitles, newShortcut },
  };
}
