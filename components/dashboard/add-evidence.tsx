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
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { EVIDENCE_KIND_KEY } from '../../lib/i18n';
import type { Case, Evidence } from '../../lib/schema';
import { useI18n } from '../i18n';

export const LIMIT = 50;

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

export async function evidenceToAdd(c: Case, inCase: ReadonlySet<string>, text: string): Promise<EvidenceToAdd> {
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
      : await db.evidence.orderBy('seq').reverse().filter(rest).limit(LIMIT + 1).toArray();
  return { suggested: suggested.slice(0, LIMIT), others: others.slice(0, LIMIT), more: suggested.length > LIMIT || others.length > LIMIT };
}

export function AddEvidence({ c, inCase, onLink }: { c: Case; inCase: ReadonlySet<string>; onLink: (ids: string[]) => Promise<unknown> }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const inCaseKey = useMemo(() => [...inCase].sort().join(','), [inCase]);
  const found = useLiveQuery(() => evidenceToAdd(c, inCase, query), [c.id, c.buyerId, c.orderId, inCaseKey, query]);
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
        {e.capturedAt.slice(0, 16).replace('T', ' ')} · {[e.buyerName ?? e.buyerId, e.orderId, e.site, e.note].filter(Boolean).join(' · ')}
      </label>
    </li>
  );
  return (
    <div className="case-evidence-picker" data-testid="case-evidence-picker">
      <input
        type="search"
        data-testid="case-evidence-search"
        placeholder={t('caseEvidenceSearch')}
        aria-label={t('caseEvidenceSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {found && !found.suggested.length && !found.others.length ? <p className="muted small">{t('caseEvidenceNoneToAdd')}</p> : null}
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
