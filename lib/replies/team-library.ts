/**
 * The team library URL: a CS supervisor (客服主管) keeps the team's reply library as
 * one file on a server — exactly what Library → Export writes (transfer.ts) — and
 * every agent's Xiaoer fetches it: when the seller saves the URL, on "Update now",
 * every 6 hours and at browser start-up.
 *
 * This is the ONE network request Xiaoer makes of its own (README, Privacy): a plain
 * GET of the URL the seller set — no cookies or other credentials, no headers of
 * ours, no cache, no redirect followed (a redirect would reach an address the seller
 * never set). The file goes through the Import button's reader (readRepliesFile) and
 * is merged the way Import merges (lib/replies/library.ts importReplies: one
 * transaction, all or nothing; nothing is ever removed). Anything wrong — a refused
 * file, an HTTP error, no answer within 20 s, a file over the import's size limit —
 * writes nothing and is kept as the status's error.
 *
 * Pure apart from the `fetch` it is given: the background passes the real one,
 * tests a fake.
 */
import type { Lang, TeamLibraryStatus } from '../schema';
import { LANGS } from '../schema';
import { translate } from '../i18n';
import { refusalText, type Refusal } from '../backup/refusal';
import { MAX_IMPORT_BYTES, readRepliesFile, type ParseResult } from './transfer';

// The address's own rules live in team-url.ts (light: the settings schema checks a stored URL with them).
export { TEAM_URL_MAX, isUnencrypted, normalizeTeamUrl, teamOriginPattern, teamUrlProblem, type TeamUrlProblem } from './team-url';

/** How long one fetch may take, answer and body together. */
export const TEAM_FETCH_TIMEOUT_MS = 20_000;
/** chrome.alarms name of the automatic update. */
export const TEAM_ALARM = 'team-library:update';
export const TEAM_UPDATE_MINUTES = 6 * 60;
/** chrome.storage.local key of the status (not in the backup: it describes this browser's last fetch). */
export const TEAM_STATUS_KEY = 'teamLibraryStatus';
/** The name a DATA_CHANGED broadcast gives the status (not a table: extension pages filter broadcasts by name). */
export const TEAM_TABLE = 'teamLibrary';

/** Why a fetch brought nothing into the library. */
export type TeamFailure =
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'http'; status: number }
  | { kind: 'network'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'tooLarge' }
  | { kind: 'redirect' }
  | { kind: 'noPermission' }
  /** The store refused the merge (disk full): rolled back whole. */
  | { kind: 'saveFailed'; detail: string };

export type TeamFetchResult = { ok: true; parsed: ParseResult & { ok: true } } | { ok: false; failure: TeamFailure };

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The body's bytes, refusing past `max` without reading the rest (a wrong URL may be a video or an endless stream). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * GET the team library and read it with the Import button's reader. The request is
 * exactly: GET, no credentials (no cookies, no HTTP auth), no cache, no referrer, no
 * redirect followed, and no header of ours.
 */
export async function fetchTeamLibrary(url: string, fetchFn: FetchLike, timeoutMs = TEAM_FETCH_TIMEOUT_MS): Promise<TeamFetchResult> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetchFn(url, { method: 'GET', credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer', signal: abort.signal });
    } catch (e) {
      if (timedOut) return { ok: false, failure: { kind: 'timeout' } };
      return { ok: false, failure: { kind: 'network', detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) } };
    }
    // redirect: 'manual' answers a redirect with an opaque response (status 0).
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return { ok: false, failure: { kind: 'redirect' } };
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, failure: { kind: 'http', status: res.status } };
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readCapped(res, MAX_IMPORT_BYTES);
    } catch (e) {
      if (timedOut) return { ok: false, failure: { kind: 'timeout' } };
      return { ok: false, failure: { kind: 'network', detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) } };
    }
    if (!bytes) return { ok: false, failure: { kind: 'tooLarge' } };
    // The URL's path names the format when it ends in .json / .csv; otherwise the content decides (transfer.ts).
    const parsed = readRepliesFile(bytes, new URL(url).pathname);
    if (!parsed.ok) return { ok: false, failure: { kind: 'refused', refusal: parsed.error.refusal } };
    return { ok: true, parsed };
  } finally {
    clearTimeout(timer);
  }
}

/** A failure in one language (the status keeps all three, so switching the UI language re-words it). */
export function teamFailureText(lang: Lang, f: TeamFailure): string {
  switch (f.kind) {
    case 'refused':
      return `${translate(lang, 'teamRefused')} ${refusalText(lang, f.refusal)}`;
    case 'http':
      return translate(lang, 'teamHttpError', { status: f.status });
    case 'network':
      return translate(lang, 'teamNetworkError', { detail: f.detail });
    case 'timeout':
      return translate(lang, 'teamTimeout', { seconds: TEAM_FETCH_TIMEOUT_MS / 1000 });
    case 'tooLarge':
      return translate(lang, 'teamTooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 });
    case 'redirect':
      return translate(lang, 'teamRedirect');
    case 'noPermission':
      return translate(lang, 'teamNoPermission');
    case 'saveFailed':
      return translate(lang, 'teamSaveFailed', { detail: f.detail });
  }
}

export function emptyStatus(url: string): TeamLibraryStatus {
  return { url, lastSuccessAt: null, lastCounts: null, lastError: null };
}

/** The status after one update of `url`: a success replaces the counts and clears the error; a failure keeps the last success. */
export function nextStatus(
  before: TeamLibraryStatus | null,
  url: string,
  outcome: { ok: true; counts: { added: number; updated: number; unchanged: number } } | { ok: false; failure: TeamFailure },
  at: string,
  automatic: boolean,
): TeamLibraryStatus {
  const base = before && before.url === url ? before : emptyStatus(url);
  if (outcome.ok) return { url, lastSuccessAt: at, lastCounts: { ...outcome.counts }, lastError: null };
  const text = Object.fromEntries(LANGS.map((l) => [l, teamFailureText(l, outcome.failure).slice(0, 4_000)])) as Record<Lang, string>;
  return { ...base, lastError: { at, automatic, text } };
}
