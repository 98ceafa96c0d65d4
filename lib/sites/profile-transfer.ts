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
import { decodeUtf8, fieldPath, issueText, parseJsonText } from '../backup/json-file';

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

/** `error` is "where: reason" as shown to the seller; `where` names the field ("profiles[3].composer") or line. */
export type ParsedProfiles = { ok: true; profiles: SiteProfile[] } | { ok: false; error: string; where: string };

function refuse(where: string, reason: string): ParsedProfiles {
  return { ok: false, error: `${where}: ${reason}`, where };
}

export function serialiseProfiles(profiles: readonly SiteProfile[]): string {
  const sorted = [...profiles].sort((a, b) => a.host.localeCompare(b.host));
  return `${JSON.stringify({ format: PROFILES_FORMAT, version: PROFILES_VERSION, profiles: sorted }, null, 2)}\n`;
}

/** A picked file's bytes → parsed; refuses bytes that are not UTF-8 (Blob.text() would hide them as U+FFFD). */
export function parseProfilesBytes(bytes: Uint8Array): ParsedProfiles {
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? parseProfiles(decoded.text) : refuse(decoded.problem.where, decoded.problem.reason);
}

/** Parse a profiles file; never throws. */
export function parseProfiles(text: string): ParsedProfiles {
  // Line/column for syntax errors; a key written twice is refused (JSON.parse would keep the last silently).
  const json = parseJsonText(text);
  if (!json.ok) return refuse(json.problem.where, json.problem.reason);
  const raw = json.value;
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== PROFILES_FORMAT) return refuse('format', `not a Xiaoer site-profiles file (expected "${PROFILES_FORMAT}")`);
  if (typeof head.version === 'number' && head.version > PROFILES_VERSION) return refuse('version', `${head.version} is newer than this Xiaoer reads (${PROFILES_VERSION}); update Xiaoer`);
  const parsed = ProfilesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return refuse('(file)', 'invalid file');
    // An unknown field is its own place, also at the top level.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return refuse(fieldPath('', path) || '(file)', issueText(issue, raw));
  }
  const seen = new Set<string>();
  for (let i = 0; i < parsed.data.profiles.length; i++) {
    const host = parsed.data.profiles[i]!.host;
    if (!HOST.test(host)) return refuse(`profiles[${i}].host`, `"${host.slice(0, 80)}" is not a host name`);
    if (seen.has(host)) return refuse(`profiles[${i}].host`, `"${host}" appears twice`);
    seen.add(host);
  }
  return { ok: true, profiles: parsed.data.profiles };
}
