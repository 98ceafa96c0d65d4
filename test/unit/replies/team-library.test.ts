import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../lib/replies/transfer.ts';
import {
  fetchTeamLibrary,
  isUnencrypted,
  nextStatus,
  normalizeTeamUrl,
  teamFailureText,
  teamOriginPattern,
  teamUrlProblem,
  type TeamFailure,
} from '../../../lib/replies/team-library.ts';
import { LANGS } from '../../../lib/schema/index.ts';
import { Settings, TeamLibraryStatus, defaultSettings } from '../../../lib/schema/index.ts';

const URL_ = 'https://kf.example.com/team/replies.json';
const file = (replies: unknown[]) => JSON.stringify({ format: 'xiaoer.replies', version: 1, replies }, null, 2);
const GOOD = file([{ title: '发货时间', shortcut: 'fh', category: '物流', body: { 'zh-CN': '48小时内发货' } }]);

type Call = { url: string; init: RequestInit };
function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer({ url, init });
  };
  return { fn, calls };
}

describe('team library address', () => {
  it('takes https and http (an intranet server, localhost), nothing else', () => {
    expect(teamUrlProblem(URL_)).toBeNull();
    expect(teamUrlProblem('http://192.168.1.5:8080/kf.json')).toBeNull();
    expect(teamUrlProblem('  http://localhost:5178/team.json ')).toBeNull();
    expect(teamUrlProblem('')).toBe('empty');
    expect(teamUrlProblem('kf.example.com/replies.json')).toBe('notUrl');
    expect(teamUrlProblem('ftp://kf.example.com/replies.json')).toBe('scheme');
    expect(teamUrlProblem('file:///C:/replies.json')).toBe('scheme');
    // Credentials in the address would be sent: the fetch sends none.
    expect(teamUrlProblem('https://boss:secret@kf.example.com/replies.json')).toBe('credentials');
    expect(teamUrlProblem(`https://kf.example.com/${'a'.repeat(2_001)}`)).toBe('tooLong');
  });

  it('the settings schema refuses a stored or restored URL that could not be saved from the panel', () => {
    const ok = (teamLibraryUrl?: string) => Settings.safeParse({ ...defaultSettings('zh-CN'), teamLibraryUrl }).success;
    expect(ok(undefined)).toBe(true);
    expect(ok(URL_)).toBe(true);
    expect(ok('http://127.0.0.1:5178/team/library.json')).toBe(true);
    expect(ok('javascript:alert(1)')).toBe(false);
    expect(ok('https://boss:pw@kf.example.com/a.json')).toBe(false);
    expect(ok('')).toBe(false);
  });

  it('asks for the origin with any port (match patterns carry none) and drops the fragment', () => {
    expect(teamOriginPattern('http://127.0.0.1:5178/team/library.json')).toBe('http://127.0.0.1/*');
    expect(teamOriginPattern(URL_)).toBe('https://kf.example.com/*');
    expect(normalizeTeamUrl(' https://kf.example.com/a.json?v=2#top ')).toBe('https://kf.example.com/a.json?v=2');
    expect(isUnencrypted('http://intranet/a.json')).toBe(true);
    expect(isUnencrypted(URL_)).toBe(false);
  });
});

describe('fetchTeamLibrary', () => {
  it('sends a plain GET: no credentials, no cache, no referrer, no redirect followed, no headers', async () => {
    const { fn, calls } = fakeFetch(() => new Response(GOOD, { status: 200 }));
    const r = await fetchTeamLibrary(URL_, fn);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.parsed.entries.map((e) => e.shortcut)).toEqual(['fh']);
    expect(calls).toHaveLength(1);
    const { init } = calls[0]!;
    expect(calls[0]!.url).toBe(URL_);
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('omit');
    expect(init.cache).toBe('no-store');
    expect(init.redirect).toBe('manual');
    expect(init.referrerPolicy).toBe('no-referrer');
    expect(init.headers).toBeUndefined();
    expect(init.body).toBeUndefined();
  });

  it('refuses a malformed file with the line or the field named, as Import does', async () => {
    const broken = GOOD.replace('"title": "发货时间",', '"title": "发货时间"');
    const syntax = await fetchTeamLibrary(URL_, fakeFetch(() => new Response(broken)).fn);
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) {
      expect(syntax.failure.kind).toBe('refused');
      expect(teamFailureText('en', syntax.failure)).toContain("line 7, column 7 (replies[0].title)");
    }
    const field = await fetchTeamLibrary(URL_, fakeFetch(() => new Response(file([{ title: 'x', body: { en: 5 } }]))).fn);
    expect(field.ok).toBe(false);
    if (!field.ok) expect(teamFailureText('en', field.failure)).toContain('replies[0].body.en');
  });

  it('says HTTP errors, network errors, redirects, size and time apart', async () => {
    const http = await fetchTeamLibrary(URL_, fakeFetch(() => new Response('gone', { status: 404 })).fn);
    expect(!http.ok && http.failure).toEqual({ kind: 'http', status: 404 });

    const network = await fetchTeamLibrary(URL_, fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fn);
    expect(!network.ok && network.failure).toEqual({ kind: 'network', detail: 'Failed to fetch' });

    const redirect = await fetchTeamLibrary(URL_, fakeFetch(() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } })).fn);
    expect(!redirect.ok && redirect.failure).toEqual({ kind: 'redirect' });

    // Declared too large: not read at all.
    const declared = await fetchTeamLibrary(URL_, fakeFetch(() => new Response('{}', { headers: { 'content-length': String(MAX_IMPORT_BYTES + 1) } })).fn);
    expect(!declared.ok && declared.failure).toEqual({ kind: 'tooLarge' });

    // No length given: reading stops past the limit.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 1024 * 1024;
        c.enqueue(new Uint8Array(1024 * 1024).fill(32));
      },
    });
    const streamed = await fetchTeamLibrary(URL_, fakeFetch(() => new Response(endless)).fn);
    expect(!streamed.ok && streamed.failure).toEqual({ kind: 'tooLarge' });
    expect(sent).toBeLessThan(MAX_IMPORT_BYTES + 3 * 1024 * 1024);

    const slow = await fetchTeamLibrary(
      URL_,
      (_u, init) => new Promise<Response>((_ok, fail) => init.signal!.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')))),
      50,
    );
    expect(!slow.ok && slow.failure).toEqual({ kind: 'timeout' });
  });
});

describe('status', () => {
  const at1 = '2026-11-23T08:00:00.000Z';
  const at2 = '2026-11-23T14:00:00.000Z';
  it('keeps the last success through a failure, clears the error on the next success, starts over for a new URL', () => {
    const ok1 = nextStatus(null, URL_, { ok: true, counts: { added: 3, updated: 12, unchanged: 0 } }, at1, false);
    expect(ok1).toEqual({ url: URL_, lastSuccessAt: at1, lastCounts: { added: 3, updated: 12, unchanged: 0 }, lastError: null });
    const failed = nextStatus(ok1, URL_, { ok: false, failure: { kind: 'http', status: 500 } }, at2, true);
    expect(failed.lastSuccessAt).toBe(at1);
    expect(failed.lastCounts).toEqual(ok1.lastCounts);
    expect(failed.lastError?.automatic).toBe(true);
    expect(failed.lastError?.text.en).toContain('500');
    expect(failed.lastError?.text['zh-CN']).toContain('500');
    expect(TeamLibraryStatus.safeParse(failed).success).toBe(true);
    const ok2 = nextStatus(failed, URL_, { ok: true, counts: { added: 0, updated: 1, unchanged: 14 } }, at2, true);
    expect(ok2.lastError).toBeNull();
    const other = nextStatus(ok1, 'https://other.example/x.json', { ok: false, failure: { kind: 'timeout' } }, at2, false);
    expect(other.lastSuccessAt).toBeNull();
  });

  it('words every failure in every UI language (no key shown raw)', () => {
    const failures: TeamFailure[] = [
      { kind: 'refused', refusal: { code: 'empty', place: { kind: 'field', path: 'replies[0].title' }, message: 'replies[0].title: empty' } },
      { kind: 'http', status: 403 },
      { kind: 'network', detail: 'net::ERR_CONNECTION_REFUSED' },
      { kind: 'timeout' },
      { kind: 'tooLarge' },
      { kind: 'redirect' },
      { kind: 'noPermission' },
      { kind: 'saveFailed', detail: 'QuotaExceededError' },
    ];
    for (const f of failures) {
      for (const lang of LANGS) {
        const text = teamFailureText(lang, f);
        expect(text).not.toMatch(/^team[A-Z]|\{\w+\}/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
    expect(teamFailureText('zh-CN', { kind: 'timeout' })).toContain('20');
  });
});
