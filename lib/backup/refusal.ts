/**
 * A refused import or restore as data: WHERE (a place in the file) and WHY (a
 * code with params), so the dashboard can say it in the seller's language
 * (lib/i18n/refusals.ts) while `.message` stays the English text logs and tests
 * read. `message` is rendered from the English table, so the two cannot drift.
 *
 * Places keep the file's own names untranslated (field paths like
 * replies[3].body.en, CSV column names, archive entries): those are what the
 * seller searches for in the file.
 *
 * Pure; no DOM. Imported by every reader (json-file, transfer, profile-transfer,
 * format), so it stays small: types, the code list and one renderer.
 */
import type { Lang } from '../schema';
import { refusals } from '../i18n/refusals';

type Table = typeof refusals.en;
type ReasonKey = Exclude<Extract<keyof Table, `refuse${string}`>, `refusePlace${string}` | `refuseType${string}` | 'refuseAt' | 'refuseOr' | 'refuseSep'>;
type CodeOf<K> = K extends `refuse${infer C}` ? Uncapitalize<C> : never;

/** Every reason a reader can give; its string is `refuse<Code>` in each language. */
export type RefusalCode = CodeOf<ReasonKey>;

const NOT_REASONS = /^refuse(Place|Type)|^refuse(At|Or|Sep)$/;
/** At run time, for the completeness test and for checking codes. */
export const REFUSAL_CODES = Object.keys(refusals.en)
  .filter((k) => k.startsWith('refuse') && !NOT_REASONS.test(k))
  .map((k) => `${k[6]!.toLowerCase()}${k.slice(7)}`) as RefusalCode[];

/** A param: a number, a text from the file, or a list joined per language ("a or b", "a, b"). */
export type RefusalParam = string | number | { readonly or: readonly string[] } | { readonly list: readonly string[] } | { readonly type: string };

export interface RefusalReason {
  readonly code: RefusalCode;
  readonly params?: Readonly<Record<string, RefusalParam>>;
  /** A reason inside this one ({inner} in the template): "not valid JSON: <why>". */
  readonly inner?: RefusalReason;
}

/** A position in a text file: line (1-based), column (1-based), and the JSON field being read there. */
export interface TextPosition {
  readonly line: number;
  readonly column?: number;
  readonly field?: string;
}

export type RefusalPlace =
  /** The file as a whole ("(file)"). */
  | { readonly kind: 'file' }
  /** A JSON field path: "replies[3].body.en", "version". */
  | { readonly kind: 'field'; readonly path: string }
  | ({ readonly kind: 'text' } & TextPosition)
  /** A CSV row as a spreadsheet numbers it (header = 1); column by header name or by position. */
  | { readonly kind: 'row'; readonly row: number; readonly column?: string; readonly columnNo?: number }
  /** An entry of a backup archive, optionally a field path ("[3].title", ".version") or a text position in it. */
  | { readonly kind: 'entry'; readonly entry: string; readonly path?: string; readonly text?: TextPosition };

export interface Refusal extends RefusalReason {
  /** null: the refusal concerns the whole file and names no place (today only "larger than 20 MB"). */
  readonly place: RefusalPlace | null;
  /** English, "<place>: <reason>" — what logs, tests and the fuzz suite read. */
  readonly message: string;
}

/** One pass: a value taken from the file that itself reads "{max}" is never filled in again. */
function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));
}

function typeName(lang: Lang, type: string): string {
  const key = `refuseType${type.charAt(0).toUpperCase()}${type.slice(1)}`;
  return (refusals[lang] as Record<string, string>)[key] ?? type;
}

/** The reason in `lang` (no place). */
export function reasonText(lang: Lang, reason: RefusalReason): string {
  const table = refusals[lang] as Record<string, string>;
  const key = `refuse${reason.code.charAt(0).toUpperCase()}${reason.code.slice(1)}`;
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(reason.params ?? {})) {
    vars[k] = typeof v === 'object'
      ? 'or' in v ? v.or.join(table.refuseOr) : 'list' in v ? v.list.join(table.refuseSep) : typeName(lang, v.type)
      : v;
  }
  if (reason.inner) vars.inner = reasonText(lang, reason.inner);
  return fill(table[key] ?? refusals.en[key as keyof Table] ?? reason.code, vars);
}

function positionText(lang: Lang, p: TextPosition): string {
  const t = refusals[lang];
  const at = p.column === undefined ? fill(t.refusePlaceLine, { line: p.line }) : fill(t.refusePlaceLineColumn, { line: p.line, column: p.column });
  return p.field ? fill(t.refusePlaceInField, { at, field: p.field }) : at;
}

/** The place in `lang`. */
export function placeText(lang: Lang, place: RefusalPlace): string {
  const t = refusals[lang];
  switch (place.kind) {
    case 'file':
      return t.refusePlaceFile;
    case 'field':
      return fill(t.refusePlaceField, { path: place.path });
    case 'text':
      return positionText(lang, place);
    case 'row':
      return place.column !== undefined ? fill(t.refusePlaceRowColumn, { row: place.row, column: place.column })
        : place.columnNo !== undefined ? fill(t.refusePlaceRowColumnNo, { row: place.row, n: place.columnNo })
          : fill(t.refusePlaceRow, { row: place.row });
    case 'entry':
      return place.text ? fill(t.refusePlaceEntryText, { entry: place.entry, at: positionText(lang, place.text) }) : fill(t.refusePlaceEntry, { entry: place.entry, path: place.path ?? '' });
  }
}

/** "<place>: <reason>" in `lang`; just the reason when the refusal names no place. */
export function refusalText(lang: Lang, r: { place: RefusalPlace | null } & RefusalReason): string {
  const reason = reasonText(lang, r);
  return r.place ? fill(refusals[lang].refuseAt, { place: placeText(lang, r.place), reason }) : reason;
}

/** A refusal with its English message. */
export function refusal(place: RefusalPlace | null, reason: RefusalReason): Refusal {
  const r = { ...reason, place };
  return { ...r, message: refusalText('en', r) };
}

/** Shorthand for a reason. */
export function why(code: RefusalCode, params?: Record<string, RefusalParam>, inner?: RefusalReason): RefusalReason {
  return inner ? { code, params, inner } : params ? { code, params } : { code };
}
