/**
 * Reading a file a seller picked — the layer under every import (backups, reply
 * libraries, site profiles). Three things the platform gets wrong for us:
 *
 *  - `Blob.text()` replaces bytes that are not UTF-8 with U+FFFD without a word,
 *    so a CSV saved by Excel on Chinese Windows (GBK) would import as garbage.
 *    `decodeUtf8` refuses instead and names the line of the first bad byte.
 *  - `JSON.parse` errors name no place in Chrome < 127 / Node 20 ("Unexpected end
 *    of JSON input"), and it silently keeps the LAST of two equal keys, so a
 *    hand-edited file with `"title"` twice loses one without a word.
 *    `parseJsonText` names line, column and field path for both.
 *  - zod/mini's issue messages are all "Invalid input"; `issueText` turns an
 *    issue into words a seller can act on.
 *
 * Lives in lib/backup because the backup reader is its first user; pure, no DOM.
 * Every problem carries its place and reason as data too (lib/backup/refusal.ts),
 * so the dashboard can word it in the seller's language.
 */
import { placeText, reasonText, why, type RefusalReason, type TextPosition } from './refusal';

export interface TextProblem {
  /** "line 3, column 12 (replies[2].title)", "line 4" (English; `place` is the same as data) */
  where: string;
  /** English words for `why`. */
  reason: string;
  place: TextPosition;
  why: RefusalReason;
}

function problem(place: TextPosition, reason: RefusalReason): TextProblem {
  return { where: placeText('en', { kind: 'text', ...place }), reason: reasonText('en', reason), place, why: reason };
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: TextProblem };

const fatal = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * A ZIP archive ("PK\x03\x04", or "PK\x05\x06" when empty): a backup or an exported case picked in a
 * JSON/CSV import by mistake. Said as such by the imports, not as "not UTF-8 … re-save as CSV UTF-8",
 * which sent the seller to re-save a file that was never text.
 */
export function isZipArchive(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** UTF-8 bytes → text (a leading BOM is dropped), or the line of the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, problem: problem({ line }, why('notUtf8', { byte: hex, offset: at })) };
  }
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: TextProblem };

class ScanError {
  constructor(readonly offset: number, readonly reason: RefusalReason, readonly path: string | null) {}
}

interface Frame {
  obj: boolean;
  keys: Set<string> | null;
  key: string;
  index: number;
}

function pathOf(stack: readonly Frame[], max = 120): string {
  let s = '';
  // An object frame without a key is reading its next field name: the path ends at the object.
  for (const f of stack) s += f.obj ? (f.key === '' ? '' : s ? `.${f.key}` : f.key) : `[${f.index}]`;
  // A depth bomb's path would be thousands of "[0]": the start says enough.
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * No Xiaoer file nests deeper than ~6 levels. A deeper one is not ours, and the engine
 * parses 200,000 levels fine but JSON.stringify / structured clone of it overflow the stack.
 */
export const MAX_DEPTH = 64;

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES = '"\\/bfnrt';
const ESCAPED = '"\\/\b\f\n\r\t';

/**
 * Validates JSON text the way JSON.parse does (RFC 8259), refusing duplicate keys.
 * Iterative (an explicit stack), so a file of a million "[" cannot overflow the call stack.
 */
function scan(text: string): ScanError | null {
  try {
    return scanOrThrow(text);
  } catch (e) {
    if (e instanceof ScanError) return e;
    throw e;
  }
}

/** Thrown by a value watcher to end a scan early. */
class ScanStop {}

/**
 * Where the value at `path` (a field path as the readers name it: "replies[3].body.en", "" for the
 * whole document) starts in valid JSON `text`; for a path the text does not hold (a field that is
 * missing), where its nearest parent starts. A field refused after parsing (empty title, unknown
 * field, wrong type) was named by its path alone: in a 3,000-line file the seller searched by hand.
 */
export function jsonPathPosition(text: string, path: string): { line: number; column: number } | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let best = -1;
  try {
    scanOrThrow(body, (stack, offset) => {
      const here = pathOf(stack, Infinity);
      if (here === path) {
        best = offset;
        throw new ScanStop();
      }
      if (here === '' || (path.startsWith(here) && (path[here.length] === '.' || path[here.length] === '['))) best = offset;
    });
  } catch (e) {
    if (!(e instanceof ScanStop) && !(e instanceof ScanError)) throw e;
  }
  return best < 0 ? null : lineColumn(body, best);
}

function scanOrThrow(text: string, onValue?: (stack: readonly Frame[], offset: number) => void): null {
  const n = text.length;
  let i = 0;
  const stack: Frame[] = [];
  const fail = (offset: number, reason: RefusalReason) => new ScanError(offset, reason, stack.length ? pathOf(stack) : null);
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** At an opening quote; returns the decoded string when `keep`, and moves past the closing quote. */
  const str = (keep: boolean): string => {
    const open = i;
    let j = i + 1;
    let out = '';
    let start = j;
    for (;;) {
      if (j >= n) throw fail(open, why('stringUnclosed'));
      const c = text.charCodeAt(j);
      if (c === 34) {
        if (keep) out += text.slice(start, j);
        i = j + 1;
        return out;
      }
      if (c < 0x20) throw fail(j, why('controlChar'));
      if (c === 92) {
        if (keep) out += text.slice(start, j);
        const e = text[j + 1];
        if (e === 'u') {
          const hex = text.slice(j + 2, j + 6);
          if (!HEX4.test(hex)) throw fail(j, why('badUnicodeEscape'));
          if (keep) out += String.fromCharCode(parseInt(hex, 16));
          j += 6;
        } else {
          const k = e === undefined ? -1 : ESCAPES.indexOf(e);
          if (k < 0) throw fail(j, why('badEscape', { escape: e ?? '' }));
          const v = ESCAPED[k]!;
          if (keep) out += v;
          j += 2;
        }
        start = j;
        continue;
      }
      j++;
    }
  };
  const readKey = (top: Frame) => {
    top.key = '';
    ws();
    if (text.charCodeAt(i) !== 34) throw fail(i, i >= n ? why('endsEarly') : why('expectedFieldName'));
    const at = i;
    const key = str(true);
    if (top.keys!.has(key)) {
      top.key = key;
      throw fail(at, why('fieldTwice', { field: key.slice(0, 40) }));
    }
    top.keys!.add(key);
    top.key = key;
    ws();
    if (text.charCodeAt(i) !== 58) throw fail(i, i >= n ? why('endsEarly') : why('expectedColon'));
    i++;
  };

  let wantValue = true;
  for (;;) {
    ws();
    if (wantValue) {
      if (i >= n) throw fail(i, stack.length || text.trim() !== '' ? why('endsEarly') : why('emptyFile'));
      onValue?.(stack, i);
      const c = text.charCodeAt(i);
      if (c === 123 /* { */) {
        i++;
        ws();
        if (text.charCodeAt(i) === 125) {
          i++;
          wantValue = false;
          continue;
        }
        if (stack.length >= MAX_DEPTH) throw fail(i, why('tooDeep', { max: MAX_DEPTH }));
        const frame: Frame = { obj: true, keys: new Set(), key: '', index: 0 };
        stack.push(frame);
        readKey(frame);
        continue;
      }
      if (c === 91 /* [ */) {
        i++;
        ws();
        if (text.charCodeAt(i) === 93) {
          i++;
          wantValue = false;
          continue;
        }
        if (stack.length >= MAX_DEPTH) throw fail(i, why('tooDeep', { max: MAX_DEPTH }));
        stack.push({ obj: false, keys: null, key: '', index: 0 });
        continue;
      }
      if (c === 34) {
        str(false);
        wantValue = false;
        continue;
      }
      NUMBER.lastIndex = i;
      const num = NUMBER.exec(text);
      if (num && num[0] !== '-' && num[0] !== '') {
        i += num[0].length;
        wantValue = false;
        continue;
      }
      const lit = text.startsWith('true', i) ? 4 : text.startsWith('false', i) ? 5 : text.startsWith('null', i) ? 4 : 0;
      if (lit) {
        i += lit;
        wantValue = false;
        continue;
      }
      const word = /^[A-Za-z]+/.exec(text.slice(i, i + 12))?.[0];
      throw fail(i, word ? why('notJsonValue', { word }) : why('unexpectedChar', { char: text[i] ?? '' }));
    }
    const top = stack[stack.length - 1];
    if (!top) {
      if (i < n) throw fail(i, why('trailingText'));
      return null;
    }
    if (i >= n) throw fail(i, why('endsEarly'));
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      if (top.obj) readKey(top);
      else top.index++;
      wantValue = true;
      continue;
    }
    if (c === (top.obj ? 125 : 93)) {
      i++;
      stack.pop();
      wantValue = false;
      continue;
    }
    throw fail(i, why(top.obj ? 'expectedCommaBrace' : 'expectedCommaBracket', { found: text[i] ?? '' }));
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON text → value, or a problem naming line, column and (inside the document) the field path. */
export function parseJsonText(text: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const err = scan(body);
  if (err) {
    const at = lineColumn(body, err.offset);
    return { ok: false, problem: problem(err.path ? { ...at, field: err.path } : at, err.reason) };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    // The scanner accepts exactly JSON; if the engine disagrees, still say something true.
    return { ok: false, problem: problem({ line: 1, column: 1 }, why('notJson', { detail: e instanceof Error ? e.message : String(e) })) };
  }
}

/** The subset of a zod 4 issue (classic or mini) that issueText reads. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  expected?: unknown;
  origin?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  keys?: readonly string[];
  values?: readonly unknown[];
  format?: unknown;
  message?: string;
}

/** `replies[3].body.en` from a zod path, with an optional prefix ("tables/replies.json"). */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let s = prefix;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** One zod issue as a reason; `root` (the parsed input) lets it tell "missing" from "wrong type". */
export function issueReason(issue: IssueLike, root?: unknown): RefusalReason {
  switch (issue.code) {
    case 'invalid_type': {
      const type = { type: String(issue.expected) };
      return why(root !== undefined && valueAt(root, issue.path) === undefined ? 'missing' : 'expectedType', { type });
    }
    case 'too_big':
      return why(issue.origin === 'string' ? 'tooLong' : issue.origin === 'array' ? 'tooManyItems' : 'tooLarge', { max: String(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? why('empty') : why('tooShort', { min: String(issue.minimum) });
      return why(issue.origin === 'array' ? 'tooFewItems' : 'tooSmall', { min: String(issue.minimum) });
    case 'unrecognized_keys':
      return why('unknownField', { fields: { list: (issue.keys ?? []).map((k) => `"${k.slice(0, 40)}"`) } });
    case 'invalid_value':
      // JSON.stringify(undefined) is undefined; an empty item is what the old words showed.
      return why('mustBe', { values: { or: (issue.values ?? []).map((v) => JSON.stringify(v) ?? '') } });
    case 'invalid_format':
      return why('badFormat');
    case 'invalid_union':
      return why('badUnion');
    case 'invalid_key':
      return why('badKey');
    default:
      return issue.message && issue.message !== 'Invalid input' ? why('customCheck', { detail: issue.message }) : why('invalidValue');
  }
}

/** English words for one zod issue (see issueReason). */
export function issueText(issue: IssueLike, root?: unknown): string {
  return reasonText('en', issueReason(issue, root));
}
