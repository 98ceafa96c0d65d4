/**
 * The team library's address (lib/replies/team-library.ts): which addresses may be one, the
 * form it is stored and fetched in, and the host permission it needs. Kept apart and free of
 * imports: the settings schema (lib/schema) checks a stored or restored URL with teamUrlProblem,
 * so a backup carrying "javascript:…" is refused naming the field rather than stored.
 */
export const TEAM_URL_MAX = 2_000;

export type TeamUrlProblem = 'empty' | 'notUrl' | 'scheme' | 'credentials' | 'tooLong';

/** Why a typed URL cannot be a team library's address, or null. http is allowed (an intranet server, localhost). */
export function teamUrlProblem(raw: string): TeamUrlProblem | null {
  const s = raw.trim();
  if (!s) return 'empty';
  if (s.length > TEAM_URL_MAX) return 'tooLong';
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return 'notUrl';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'scheme';
  // A user name or password in the URL would be sent as credentials: the fetch sends none.
  if (u.username || u.password) return 'credentials';
  if (!u.hostname) return 'notUrl';
  return null;
}

/** The URL as stored and fetched (the fragment is never sent; dropping it keeps one URL one library). */
export function normalizeTeamUrl(raw: string): string {
  const u = new URL(raw.trim());
  u.hash = '';
  return u.href;
}

/** The host permission the URL needs: its scheme and host, any port (Chrome's match patterns carry no port). */
export function teamOriginPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function isUnencrypted(url: string): boolean {
  return /^http:/i.test(url.trim());
}

