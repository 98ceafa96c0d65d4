/**
 * "Add evidence" in a case's detail: records captured before the case was
 * opened (or for another case) are put into it by a link on its timeline —
 * case data; the records and their hashes are never written.
 *
 * This buyer's and this order's records not yet in the case come first (read
 * by the buyerId and orderId indexes: a seller looks for those); the others
 * follow newest first. The store may hold tens of thousands of records, so
 * each list stops at LIMIT rows and a search narrows it: `#123` is one record
 * by its number (the seq index), anything else is matched against buyer,
 * order, note, page title and site while walking the seq index newest first,
 * stopping at LIMIT matches.
 *
 * What a text search costs: free text (a part of a note or title) has no
 * index, so it reads records newest first in chunks by seq range
 * (SCAN_CHUNKS: 100, then 400, then 1,000 at a time) and stops as soon as a
 * page of matches (LIMIT + 1) is in — a common word reads ~100 records. Text
 * that matches nothing reads every record once (10,000 records: ten 1,000-record
 * reads). It runs once the seller stops typing (SEARCH_DEBOUNCE_MS), and a new
 * keystroke aborts the scan under way between two chunks, so typing never
 * stacks up walks of the store.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { EVIDENCE_KIND_KEY, formatDateTime } from '../../lib/i18n';
import type { Case, Evidence } from '../../lib/schema';
import { useI18n } from '../i18n';
import { siteName } from '../site-names';
import { failureText } from '../failure-text';

export const LIMIT = 50;
/** Records read per step of a text search, growing: a common word is answered from the first. */
export const SCAN_CHUNKS = [100, 400, 1_000] as const;
export const SEARCH_DEBOUNCE_MS = 250;

/** Whether a record fits what the seller typed: `#12` is record 12; other text is a case-insensitive part of its facts. */
export function evidenceSearch(text: string): { seq: number | null; fits: (e: Evidence) => boolean } {
  const q = text.trim().toLowerCase();
  const bySeq = /^#\s*(\d+)$/.exec(q);
  if (bySeq) {
    const seq = Number(bySeq[1]);
    return { seq, fits: (e) => e.seq === seq };
  }
  if (!q) return { seq: null, fits: () => true };
  return { seq: null, fits: (e) => String(e.seq) === q || [e.buyerName, e.buyerId, e.orderId, e.note, e.title, e.site].some((v) => v?.toLowerCase().includes(q)) };
}

export interface EvidenceToAdd {
  /** This buyer's / this order's records not in the case, newest first. */
  suggested: Evidence[];
  /** Other records not in the case, newest first. */
  others: Evidence[];
  /** A list stopped at LIMIT: there may be more. */
  more: boolean;
}

/**
 * Records that pass `keep`, newest first, until `want` of them are found: read by seq ranges in
 * SCAN_CHUNKS steps, so `signal` (the seller typed on) stops the walk between two steps.
 */
async function newestMatching(keep: (e: Evidence) => boolean, want: number, signal?: AbortSignal): Promise<Evidence[]> {
  const db = getDb();
  const found: Evidence[] = [];
  let below = Infinity;
  for (let step = 0; ; step++) {
    signal?.throwIfAborted();
    const size = SCAN_CHUNKS[Math.min(step, SCAN_CHUNKS.length - 1)]!;
    const chunk = await db.evidence.where('seq').below(below).reverse().limit(size).toArray();
    signal?.throwIfAborted();
    for (const e of chunk) {
      if (keep(e)) found.push(e);
      if (found.length >= want) return found;
    }
    if (chunk.length < size) return found;
    below = chunk[chunk.length - 1]!.seq;
  }
}

export async function evidenceToAdd(c: Case, inCase: ReadonlySet<string>, text: string, signal?: AbortSignal): Promise<EvidenceToAdd> {
  const db = getDb();
  const { seq, fits } = evidenceSearch(text);
  const wanted = (e: Evidence) => !inCase.has(e.id) && fits(e);
  const [byBuyer, byOrder] = await Promise.all([
    c.buyerId ? db.evidence.where('buyerId').equals(c.buyerId).toArray() : [],
    c.orderId ? db.evidence.where('orderId').equals(c.orderId).toArray() : [],
  ]);
  const mine = new Map<string, Evidence>();
  for (const e of [...byBuyer, ...byOrder]) mine.set(e.id, e);
  const suggested = [...mine.values()].filter(wanted).sort((a, b) => b.seq - a.seq);
  const rest = (e: Evidence) => !mine.has(e.id) && wanted(e);
  const others =
    seq !== null
      ? (await db.evidence.where('seq').equals(seq).toArray()).filter(rest)
      : await newestMatching(rest, LIMIT + 1, signal);
  signal?.throwIfAborted();
  return { suggested: suggested.slice(0, LIMIT), others: others.slice(0, LIMIT), more: suggested.length > LIMIT || others.length > LIMIT };
}

export function AddEvidence({ c, inCase, onLink }: { c: Case; inCase: ReadonlySet<string>; onLink: (ids: string[]) => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const inCaseKey = useMemo(() => [...inCase].sort().join(','), [inCase]);
  const inCaseRef = useRef(inCase);
  inCaseRef.current = inCase;
  // The search runs once typing pauses (see the cost at the top of this file).
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  // A new capture (the newest seq, read from the index alone) refreshes the lists.
  const newest = useLiveQuery(() => getDb().evidence.orderBy('seq').lastKey(), []);
  const [found, setFound] = useState<(EvidenceToAdd & { query: string }) | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const typing = new AbortController();
    evidenceToAdd(c, inCaseRef.current, settled, typing.signal).then(
      (r) => {
        setFailed(null);
        setFound({ ...r, query: settled });
      },
      (e: unknown) => {
        if (!typing.signal.aborted) setFailed(failureText(e, t));
      },
    );
    // The next keystroke (or a closed picker) stops this scan between two chunks.
    return () => typing.abort();
  }, [c.id, c.buyerId, c.orderId, inCaseKey, settled, newest]);
  const searching = found === null || found.query !== query;
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const row = (e: Evidence, suggested: boolean) => (
    <li key={e.id} className="small" data-testid="case-candidate" data-seq={e.seq} data-suggested={suggested}>
      <label>
        <input type="checkbox" checked={chosen.has(e.id)} onChange={(ev) => toggle(e.id, ev.target.checked)} /> #{e.seq} · {t(EVIDENCE_KIND_KEY[e.kind])} ·{' '}
        {formatDateTime(lang, e.capturedAt)} · {[e.buyerName ?? e.buyerId, e.orderId, siteName(t, e.site, e.url), e.note].filter(Boolean).join(' · ')}
      </label>
    </li>
  );
  return (
    <div className="case-evidence-picker" data-testid="case-evidence-picker" aria-busy={searching}>
      <input
        type="search"
        data-testid="case-evidence-search"
        placeholder={t('caseEvidenceSearch')}
        aria-label={t('caseEvidenceSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {failed ? (
        <p className="error small" role="status">
          {failed}
        </p>
      ) : null}
      {found && !searching && !found.suggested.length && !found.others.length ? (
        <p className="muted small" data-testid="case-evidence-none">
          {found.query.trim() ? t('caseEvidenceNoMatch', { q: found.query.trim() }) : t('caseEvidenceNoneToAdd')}
        </p>
      ) : null}
      {found?.suggested.length ? (
        <>
          <h4 className="small">{t('caseEvidenceSuggested')}</h4>
          <ul className="reply-list">{found.suggested.map((e) => row(e, true))}</ul>
        </>
      ) : null}
      {found?.others.length ? (
        <>
          <h4 className="small">{t('caseEvidenceOthers')}</h4>
          <ul className="reply-list">{found.others.map((e) => row(e, false))}</ul>
        </>
      ) : null}
      {found?.more ? <p className="muted small">{t('caseEvidenceMore', { n: LIMIT })}</p> : null}
      <button
        type="button"
        className="primary"
        data-testid="case-link-selected"
        disabled={!chosen.size}
        onClick={() => void onLink([...chosen]).then(() => setChosen(new Set()))}
      >
        {t('caseLinkChosen', { n: chosen.size })}
      </button>
    </div>
  );
}
