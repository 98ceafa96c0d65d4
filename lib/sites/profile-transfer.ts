/**
 * Site profiles as a JSON file, so a seller can move what they taught Xiaoer to
 * another browser or share it with their agents:
 * `{"format":"xiaoer.site-profiles","version":1,"profiles":[SiteProfile...]}`.
 * Reading is strict and all-or-nothing: a file with one bad profile is refused
 * whole, and the error names the place (profiles[3].composer: ...), so the
 * seller never ends up with half an import.
 */
import * as z from 'zod/mini';
import { SiteProfile } from '../schema';
import { decodeUtf8, fieldPath, isZipArchive, issueReason, parseJsonText } from '../backup/json-file';
import { placeText, refusal, why, type Refusal, type RefusalPlace, type RefusalReason } from '../backup/refusal';

export const PROFILES_FORMAT = 'xiaoer.site-profiles';
export const PROFILES_VERSION = 1;
/** More profiles than any seller has hosts: a larger file is not ours. */
export const MAX_PROFILES = 5_000;

const ProfilesFile = z.strictObject({
  format: z.literal(PROFILES_FORMAT),
  version: z.literal(PROFILES_VERSION),
  profiles: z.array(SiteProfile).check(z.maxLength(MAX_PROFILES)),
});

/** A host name as location.hostname gives it (lower case; IPv6 not served). */
export const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * `error` is "where: reason" in English (logs, the background's error); `where` names the field
 * ("profiles[3].composer") or line; `refusal` is the same as data, for the seller's language.
 */
export type ParsedProfiles = { ok: true; profiles: SiteProfile[] } | { ok: false; error: string; where: string; refusal: Refusal };

function refuse(place: RefusalPlace, reason: RefusalReason): ParsedProfiles {
  const r = refusal(place, reason);
  return { ok: false, error: r.message, where: placeText('en', place), refusal: r };
}

const field = (path: string): RefusalPlace => ({ kind: 'field', path });

/** The selector fields of a profile, in file order. */
export const SELECTOR_FIELDS = ['composer', 'messagePane', 'messageRow', 'buyerName', 'orderNumber', 'reviewRow'] as const;

/**
 * Whether `selector` parses as CSS, where a DOM exists: the dashboard, where the seller imports
 * a file (the Sites view runs this parser before it asks the background). The service worker
 * has no DOM and answers null (not checked): there a profile saved with a bad selector reads as
 * "not taught" on the page (lib/sites/picked.ts guards every query), never as an exception.
 */
function selectorParses(selector: string): boolean | null {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return null;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

export function serialiseProfiles(profiles: readonly SiteProfile[]): string {
  const sorted = [...profiles].sort((a, b) => a.host.localeCompare(b.host));
  return `${JSON.stringify({ format: PROFILES_FORMAT, version: PROFILES_VERSION, profiles: sorted }, null, 2)}\n`;
}

/** A picked file's bytes → parsed; refuses bytes that are not UTF-8 (Blob.text() would hide them as U+FFFD). */
export function parseProfilesBytes(bytes: Uint8Array): ParsedProfiles {
  if (isZipArchive(bytes)) return refuse({ kind: 'file' }, why('zipNotProfiles'));
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? parseProfiles(decoded.text) : refuse({ kind: 'text', ...decoded.problem.place }, decoded.problem.why);
}

/** Parse a profiles file; never throws. */
export function parseProfiles(text: string): ParsedProfiles {
  // Line/column for syntax errors; a key written twice is refused (JSON.parse would keep the last silently).
  const json = parseJsonText(text);
  if (!json.ok) return refuse({ kind: 'text', ...json.problem.place }, json.problem.why);
  const raw = json.value;
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== PROFILES_FORMAT) return refuse(field('format'), why('notProfilesFile', { expected: PROFILES_FORMAT }));
  if (typeof head.version === 'number' && head.version > PROFILES_VERSION) return refuse(field('version'), why('newerVersion', { version: head.version, max: PROFILES_VERSION }));
  const parsed = ProfilesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return refuse({ kind: 'file' }, why('invalidFile'));
    // An unknown field is its own place, also at the top level.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const where = fieldPath('', path);
    return refuse(where ? field(where) : { kind: 'file' }, issueReason(issue, raw));
  }
  const seen = new Set<string>();
  for (let i = 0; i < parsed.data.profiles.length; i++) {
    const host = parsed.data.profiles[i]!.host;
    if (!HOST.test(host)) return refuse(field(`profiles[${i}].host`), why('notHost', { host: host.slice(0, 80) }));
    if (seen.has(host)) return refuse(field(`profiles[${i}].host`), why('appearsTwice', { value: host }));
    seen.add(host);
    // "div[[[" was imported silently, and the part it names was then never found on the page.
    for (const name of SELECTOR_FIELDS) {
      const selector = parsed.data.profiles[i]![name];
      if (selector !== null && selectorParses(selector) === false) return refuse(field(`profiles[${i}].${name}`), why('notSelector', { selector: selector.slice(0, 80) }));
    }
  }
  return { ok: true, profiles: parsed.data.profiles };
}
