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

export type ParsedProfiles = { ok: true; profiles: SiteProfile[] } | { ok: false; error: string };

export function serialiseProfiles(profiles: readonly SiteProfile[]): string {
  const sorted = [...profiles].sort((a, b) => a.host.localeCompare(b.host));
  return `${JSON.stringify({ format: PROFILES_FORMAT, version: PROFILES_VERSION, profiles: sorted }, null, 2)}\n`;
}

function place(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(file)';
}

/** Parse a profiles file; never throws. */
export function parseProfiles(text: string): ParsedProfiles {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== PROFILES_FORMAT) return { ok: false, error: `format: not a Xiaoer site-profiles file (expected "${PROFILES_FORMAT}")` };
  if (typeof head.version === 'number' && head.version > PROFILES_VERSION) return { ok: false, error: `version: ${head.version} is newer than this Xiaoer reads (${PROFILES_VERSION}); update Xiaoer` };
  const parsed = ProfilesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue ? `${place(issue.path)}: ${issue.message}` : 'invalid file' };
  }
  const seen = new Set<string>();
  for (let i = 0; i < parsed.data.profiles.length; i++) {
    const host = parsed.data.profiles[i]!.host;
    if (!HOST.test(host)) return { ok: false, error: `profiles[${i}].host: "${host.slice(0, 80)}" is not a host name` };
    if (seen.has(host)) return { ok: false, error: `profiles[${i}].host: "${host}" appears twice` };
    seen.add(host);
  }
  return { ok: true, profiles: parsed.data.profiles };
}
