/**
 * The evidence list: every record (tens of thousands: the list is virtualized),
 * filters (buyer, order, site, date, case), selection → export ZIP with a
 * progress bar or → put into a case (a link on the case's timeline; the records
 * are not written), verify a bundle, and a screenshot gallery with a full-size
 * viewer and the redaction editor (which works on a copy: gallery.tsx). A screenshot
 * the seller deleted in Storage (a tombstone: no bytes) shows as "deleted on <date>"
 * in the gallery, viewer and detail, never as a broken image.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { getDb } from '../../lib/db';
import { EVIDENCE_KIND_KEY, SENDER_KEY, formatDateTime, type MessageKey } from '../../lib/i18n';
import type { BundleProgress } from '../../lib/evidence/bundle';
import type { BundleProblem, BundleProblemKind } from '../../lib/evidence/verify';
import type { Case, Evidence } from '../../lib/schema';
import { isTombstone } from '../../lib/schema/tombstone';
import { useI18n } from '../i18n';
import { caseName } from '../../lib/evidence/case-name';
import { formatCapturedAt } from './captured-time';
import { useBundleExport } from './export-bundle';
import { Gallery } from './gallery';
import { countKey } from '../plural';
import { siteName } from '../site-names';
import { EVIDENCE_PAGE as PAGE, newestEvidence, useFirstRead } from './first-reads';
import { useFirstRowsMark } from './first-rows-mark';
import { failureText } from '../failure-text';
import { BuyerFilterChip, useBuyerFromHash } from './buyer-link';
import { formatBytes } from '../download';
import { FileChoice } from './file-choice';

/** The evidence list's height (CSS px). */
const LIST_HEIGHT = 420;

export interface EvidenceFilter {
  buyer: string;
  /** One buyer exactly, from the URL (a Buyers view link: buyer-link.tsx); '' for all. */
  buyerId: string;
  order: string;
  site: string;
  from: string;
  to: string;
  caseId: string;
}

const EMPTY: EvidenceFilter = { buyer: '', buyerId: '', order: '', site: '', from: '', to: '', caseId: '' };

export function matches(e: Evidence, f: EvidenceFilter, inCase: Set<string> | null): boolean {
  // Trimmed like the order filter: a name pasted with a trailing space found nothing.
  const buyer = f.buyer.trim().toLowerCase();
  if (buyer && !`${e.buyerName ?? ''} ${e.buyerId ?? ''}`.toLowerCase().includes(buyer)) return false;
  if (f.buyerId && e.buyerId !== f.buyerId) return false;
  // In any case, like the buyer: Shopee's order numbers hold capitals ("2611207XKQ3HBN") and one typed in small letters found nothing.
  const order = f.order.trim().toLowerCase();
  if (order && !(e.orderId ?? '').toLowerCase().includes(order)) return false;
  if (f.site && e.site !== f.site) return false;
  const t = Date.parse(e.capturedAt);
  if (f.from && t < Date.parse(`${f.from}T00:00:00`)) return false;
  if (f.to && t >= Date.parse(`${f.to}T00:00:00`) + 86_400_000) return false;
  if (inCase && !inCase.has(e.id)) return false;
  return true;
}

/** Export progress bar + verify-a-bundle control, shared by the evidence and case views. */
export function ExportProgress({ progress }: { progress: BundleProgress | null }) {
  const { t } = useI18n();
  if (!progress) return null;
  return (
    <div className="export-progress" data-testid="export-progress">
      <progress max={progress.total || 1} value={progress.done} /> <span className="small">{t('evExporting', { done: progress.done, total: progress.total })}</span>
    </div>
  );
}

export function VerifyBundle() {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<{ ok: boolean; text: string; notices: string[]; caseNotes?: string; detail?: string } | null>(null);
  return (
    <div className="verify-bundle">
      <FileChoice
        label={t('evVerify')}
        accept=".zip,application/zip"
        testId="verify-input"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setResult(null);
          // The ZIP reader and the zod schemas load on this click, not with the list.
          const { verifyBundle } = await import('../../lib/evidence/verify');
          const r = await verifyBundle(new Uint8Array(await file.arrayBuffer()));
          if (r.ok) {
            // Intact, and what a reviewer will notice: screenshots deleted before the export (no file, hash still chained).
            const notices = r.notices.map((n) => t('evDeletedNotice', { name: n.name, seq: n.seq, date: formatDateTime(lang, n.deletedAt) }));
            // Said so the seller does not present a case's timeline as if the chain vouched for it.
            const caseNotes = r.caseNotes > 0 ? t('evCaseNotesNotChained', { n: r.caseNotes }) : undefined;
            setResult({ ok: true, text: t('evIntact', { files: r.files.length, records: r.records.length }), notices, caseNotes });
          } else {
            // What was found, in the seller's language, at the file or record it concerns; the checker's own
            // technical sentence (offsets, hashes) stays in English in the tooltip, for whoever examines the file.
            setResult({ ok: false, text: problemText(r.problem, t), notices: [], detail: r.problem.message });
          }
        }}
      />
      {result ? (
        <p className={result.ok ? 'ok' : 'error'} role="status" data-testid="verify-result" title={result.detail}>
          {result.text}
        </p>
      ) : null}
      {result?.caseNotes ? (
        <p className="small muted" data-testid="verify-case-notes">
          {result.caseNotes}
        </p>
      ) : null}
      {result?.notices.length ? (
        <ul className="small" data-testid="verify-notices">
          {result.notices.map((n, i) => (
            <li key={i} data-testid="verify-notice">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * "Not intact: <file or record>: <what was found>", in the seller's language — its punctuation too (the file and
 * the finding were joined by an ASCII ": " inside Chinese: "不完好：manifest.json: 此文件…").
 */
export function problemText(problem: BundleProblem, t: (key: MessageKey, vars?: Record<string, string | number>) => string): string {
  const { kind, path, seq, line, found } = problem;
  // Not damage: the seller is told to update, not that the evidence was tampered with.
  if (problem.reason === 'newer-version') return t('evCannotVerifyNewer', { version: problem.version ?? '?', newest: problem.newest ?? '?' });
  // A file chosen by mistake or cut short on its way: said as what it is, not as an archive someone repacked or edited.
  if (problem.reason) return t(REASON_KEY[problem.reason]);
  // Both when both are known: a record edited inside manifest.json was named only as "manifest.json", and the seller
  // could not tell which of the case's records had been touched.
  const where = path !== undefined && seq !== undefined ? t('evProblemFileRecord', { path, seq }) : path ?? (seq !== undefined ? t('evProblemRecord', { seq }) : '');
  // A rendered file (transcript, report) that was edited: which line, as the file has it (text, never markup).
  const what =
    kind !== 'derived-file' ? t(PROBLEM_KEY[kind])
    : line !== undefined ? t('evProblemDerived', { line, found: (found ?? '').length > 80 ? `${(found ?? '').slice(0, 80)}…` : found ?? '' })
    : t('evProblemDerivedUnchecked');
  return t('evNotIntact', { problem: where ? t('evProblemAt', { where, what }) : what });
}

const REASON_KEY = {
  empty: 'evCannotVerifyEmpty',
  'not-zip': 'evCannotVerifyNotZip',
  truncated: 'evCannotVerifyTruncated',
  backup: 'evCannotVerifyBackup',
  'not-a-bundle': 'evCannotVerifyNotBundle',
} as const satisfies Record<Exclude<NonNullable<BundleProblem['reason']>, 'newer-version'>, string>;

const PROBLEM_KEY = {
  'file-hash': 'evProblemFileHash',
  'missing-file': 'evProblemMissingFile',
  'extra-file': 'evProblemExtraFile',
  'record-hash': 'evProblemRecordHash',
  chain: 'evProblemChain',
  manifest: 'evProblemManifest',
  'derived-file': 'evProblemDerived',
  zip: 'evProblemZip',
} as const satisfies Record<BundleProblemKind, string>;

function isFiltering(f: EvidenceFilter): boolean {
  return Object.values(f).some((v) => v !== '');
}

/**
 * The records a filter can match, narrowed by an index where the filter is exact
 * (site, case); the rest of the filter is applied in memory by the caller.
 */
async function filterCandidates(f: EvidenceFilter, cases: readonly Case[] | undefined): Promise<{ records: Evidence[]; inCase: Set<string> | null }> {
  const db = getDb();
  const c = f.caseId ? cases?.find((x) => x.id === f.caseId) : undefined;
  if (c) {
    const records = await loadCaseEvidence(c);
    return { records, inCase: new Set(records.map((r) => r.id)) };
  }
  const records = f.buyerId
    ? await db.evidence.where('buyerId').equals(f.buyerId).toArray()
    : f.site
      ? await db.evidence.where('site').equals(f.site).toArray()
      : await db.evidence.toArray();
  return { records, inCase: null };
}

/** A case's evidence (captured for it, or linked on its timeline), by index — never the whole table. */
export async function loadCaseEvidence(c: Case): Promise<Evidence[]> {
  const db = getDb();
  const linked = c.timeline.filter((e) => e.kind === 'evidence' && e.evidenceId).map((e) => e.evidenceId!);
  const [own, more] = await Promise.all([db.evidence.where('caseId').equals(c.id).toArray(), db.evidence.bulkGet(linked)]);
  const byId = new Map<string, Evidence>();
  for (const e of [...own, ...more]) if (e) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function EvidenceView() {
  const { t, lang } = useI18n();
  const db = getDb();
  const buyerId = useBuyerFromHash();
  const [typed, setFilter] = useState<EvidenceFilter>(EMPTY);
  const filter = useMemo(() => ({ ...typed, buyerId }), [typed, buyerId]);
  const filtering = isFiltering(filter);
  // The first paint waits for one small indexed read: the newest page, asked before anything else
  // (IndexedDB answers a page's requests in turn; a count of 10,000 records alone takes ~20 ms there).
  // On the dashboard's opening view that page was already asked while this chunk loaded (first-reads.ts).
  const liveHead = useLiveQuery(async () => (filtering ? null : newestEvidence()), [filtering]);
  const early = useFirstRead('evidence', liveHead !== undefined);
  const head = liveHead === undefined && !filtering ? early : liveHead;
  const headShown = head !== undefined;
  // The rest starts once the newest page is in. Index-only reads: the site list and the count never load the records.
  const cases = useLiveQuery(async () => (headShown ? db.cases.toArray() : undefined), [headShown]);
  const sites = useLiveQuery(async () => (headShown ? (db.evidence.orderBy('site').uniqueKeys() as Promise<string[]>) : undefined), [headShown]);
  const total = useLiveQuery(async () => (headShown ? db.evidence.count() : undefined), [headShown]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { progress, exporting, status, run: runExport } = useBundleExport(lang, t);
  const [open, setOpen] = useState<Evidence | null>(null);

  // With a filter: the matching records (a filter is the agent's own click; the set is usually small).
  const filtered = useLiveQuery(async () => {
    if (!filtering) return null;
    const { records, inCase } = await filterCandidates(filter, cases);
    return records.filter((e) => matches(e, filter, inCase)).sort((a, b) => b.seq - a.seq);
  }, [filtering, filter, cases]);
  // Until the count is in, the list is as long as the newest page (it grows when the count lands).
  const count = filtering ? (filtered?.length ?? 0) : Math.max(total ?? 0, head?.length ?? 0);

  const parentRef = useRef<HTMLDivElement>(null);
  // The list's height is fixed (LIST_HEIGHT): given as the first rect, the first render already holds the
  // rows that fill it (from a 0×0 rect it rendered the overscan only, then again once measured).
  const virtual = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => 34, overscan: 12, initialRect: { width: 0, height: LIST_HEIGHT } });
  const items = virtual.getVirtualItems();
  // Without a filter: only the pages of the list that are on screen, newest first, read by the seq index
  // (page 0 is `head`).
  const firstPage = Math.max(1, Math.floor((items[0]?.index ?? 0) / PAGE));
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);
  const pages = useLiveQuery(async () => {
    const out = new Map<number, Evidence[]>();
    if (filtering) return out;
    for (let p = firstPage; p <= lastPage; p++) out.set(p, await db.evidence.orderBy('seq').reverse().offset(p * PAGE).limit(PAGE).toArray());
    return out;
  }, [filtering, firstPage, lastPage]);
  const rowAt = (i: number): Evidence | undefined => (filtering ? filtered?.[i] : i < PAGE ? head?.[i] : pages?.get(Math.floor(i / PAGE))?.[i % PAGE]);
  useFirstRowsMark('evidence', items.length > 0 && rowAt(items[0]!.index) !== undefined);
  const newest = useMemo(() => (filtering ? (filtered ?? []) : (head ?? [])).slice(0, 40), [filtering, filtered, head]);
  // The value read now, not in the updater: React may run an updater again later, when the field holds more.
  const set = (k: keyof EvidenceFilter) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setFilter((f) => ({ ...f, [k]: value }));
  };
  const selectAll = async () => setSelected(new Set(filtering ? (filtered ?? []).map((r) => r.id) : ((await db.evidence.toCollection().primaryKeys()) as string[])));
  // What the selection counts, exports and puts into a case is only what the filter shows: a filter matching
  // nothing read "0 records · 7 selected" and exported those 7 unseen. Ticks the filter hides are kept, not
  // dropped, so narrowing the filter by a typo and widening it again loses no work; the count never
  // includes them, so no button acts on a record the seller cannot see.
  const chosen = useMemo(() => {
    if (!filtering) return [...selected];
    return (filtered ?? []).filter((r) => selected.has(r.id)).map((r) => r.id);
  }, [filtering, filtered, selected]);

  const exportSelected = () => runExport(chosen, []);

  // Put the selection into a case: the ones still open first, then the most recently touched.
  const [intoCase, setIntoCase] = useState('');
  const [linking, setLinking] = useState(false);
  const [linkStatus, setLinkStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const caseChoices = useMemo(
    () => [...(cases ?? [])].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.updatedAt.localeCompare(a.updatedAt)),
    [cases],
  );
  const linkSelected = async () => {
    const c = cases?.find((x) => x.id === intoCase);
    if (!c || !chosen.length) return;
    const inTimeline = (k: Case) => k.timeline.filter((e) => e.kind === 'evidence').length;
    const ids = chosen;
    setLinking(true);
    setLinkStatus(null);
    try {
      // The protocol (every message's schema) loads on this click, not with the list's first screen.
      const [{ askBackground }, { MAX_LINK_PER_REQUEST }] = await Promise.all([import('../ext'), import('../../lib/messaging')]);
      // "Select all" can hold tens of thousands: sent in pieces the protocol takes.
      let now = c;
      for (let i = 0; i < ids.length; i += MAX_LINK_PER_REQUEST) now = await askBackground('case:update', { id: c.id, linkEvidence: ids.slice(i, i + MAX_LINK_PER_REQUEST) });
      const added = inTimeline(now) - inTimeline(c);
      setLinkStatus({ ok: true, text: t('evAddedToCase', { title: caseName(c, t), n: added, already: ids.length - added }) });
    } catch (e) {
      setLinkStatus({ ok: false, text: failureText(e, t) });
    } finally {
      setLinking(false);
    }
  };

  return (
    <section className="evidence-view" data-testid="evidence-view">
      <div className="filters">
        <BuyerFilterChip view="evidence" buyerId={buyerId} />
        <input placeholder={t('evFilterBuyer')} aria-label={t('evFilterBuyer')} data-testid="filter-buyer" value={filter.buyer} onChange={set('buyer')} />
        <input placeholder={t('evFilterOrder')} aria-label={t('evFilterOrder')} data-testid="filter-order" value={filter.order} onChange={set('order')} />
        <select aria-label={t('evFilterSite')} data-testid="filter-site" value={filter.site} onChange={set('site')}>
          <option value="">{t('evFilterSite')}
            {t('colon')}
            {t('evAll')}</option>
          {(sites ?? []).map((s) => (
            <option key={s} value={s}>
              {siteName(t, s)}
            </option>
          ))}
        </select>
        <label className="small">
          {t('evFilterFrom')} <input type="date" data-testid="filter-from" value={filter.from} onChange={set('from')} />
        </label>
        <label className="small">
          {t('evFilterTo')} <input type="date" data-testid="filter-to" value={filter.to} onChange={set('to')} />
        </label>
        <select aria-label={t('evFilterCase')} data-testid="filter-case" value={filter.caseId} onChange={set('caseId')}>
          <option value="">{t('evFilterCase')}
            {t('colon')}
            {t('evAll')}</option>
          {/* In the order "put into a case" lists them (open first, then recently touched): it was the store's
              order, by random id, and a seller with a hundred cases hunted through it. */}
          {caseChoices.map((c) => (
            <option key={c.id} value={c.id}>
              {caseName(c, t)}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar">
        <span data-testid="evidence-count">{filtering || total !== undefined ? t(countKey(lang, count, 'evCountOne', 'evCount'), { n: count }) : '…'}</span>
        <span data-testid="evidence-selected">{t('evSelected', { n: chosen.length })}</span>
        <button type="button" onClick={() => void selectAll()}>
          ✓ {t('evAll')}
        </button>
        {/* A bare ✕ said nothing to a screen reader or a hovering pointer. */}
        <button type="button" data-testid="evidence-clear-selection" aria-label={t('evClearSelection')} title={t('evClearSelection')} onClick={() => setSelected(new Set())}>
          ✕
        </button>
        <button type="button" className="primary" data-testid="export-selection" disabled={!chosen.length || exporting} onClick={() => void exportSelected()}>
          {t('evExportSelection')}
        </button>
        <select aria-label={t('evFilterCase')} data-testid="selection-case" value={intoCase} onChange={(e) => setIntoCase(e.target.value)}>
          <option value="">{t('evChooseCase')}</option>
          {caseChoices.map((c) => (
            <option key={c.id} value={c.id}>
              {caseName(c, t)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="selection-add-to-case" disabled={!chosen.length || !intoCase || linking} onClick={() => void linkSelected()}>
          {t('caseLinkEvidence')}
        </button>
        <VerifyBundle />
      </div>
      {linkStatus ? (
        <p className={linkStatus.ok ? 'ok small' : 'error small'} role="status" data-testid="selection-case-status">
          {linkStatus.text}
        </p>
      ) : null}
      <ExportProgress progress={progress} />
      {status ? (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="export-status">
          {status.text}
        </p>
      ) : null}
      <div ref={parentRef} className="evidence-list" data-testid="evidence-list" style={{ height: LIST_HEIGHT, overflow: 'auto', border: '1px solid var(--line)' }}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const e = rowAt(v.index);
            if (!e) return <div key={`loading-${v.index}`} className="evidence-row muted" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}>…</div>;
            return (
              <div
                key={e.id}
                className="evidence-row"
                data-testid="evidence-row"
                data-seq={e.seq}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}
              >
                <input
                  type="checkbox"
                  aria-label={`#${e.seq}`}
                  checked={selected.has(e.id)}
                  onChange={(ev) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (ev.target.checked) n.add(e.id);
                      else n.delete(e.id);
                      return n;
                    })
                  }
                />
                <button type="button" className="link" onClick={() => setOpen(e)}>
                  #{e.seq}
                </button>
                <span className="chip" data-kind={e.kind}>
                  {t(EVIDENCE_KIND_KEY[e.kind])}
                </span>
                <span className="small">{formatDateTime(lang, e.capturedAt)}</span>
                <span className="small">{e.buyerName ?? e.buyerId ?? ''}</span>
                <span className="small">{e.orderId ?? ''}</span>
                <span className="small muted">{siteName(t, e.site, e.url)}</span>
                <span className="small muted ellipsis">{e.note}</span>
              </div>
            );
          })}
        </div>
      </div>
      {open ? <EvidenceDetail evidence={open} onClose={() => setOpen(null)} /> : null}
      <Gallery records={newest} />
    </section>
  );
}

function EvidenceDetail({ evidence, onClose }: { evidence: Evidence; onClose: () => void }) {
  const { t, lang } = useI18n();
  const messages = useLiveQuery(() => getDb().messages.where('evidenceId').equals(evidence.id).sortBy('seq'), [evidence.id]);
  // When each deleted artifact went (the record itself only has what was captured).
  const deletedAt = useLiveQuery(async () => {
    const out = new Map<string, string>();
    await getDb().artifacts.where('evidenceId').equals(evidence.id).each((a) => {
      if (isTombstone(a)) out.set(a.id, a.deletedAt);
    });
    return out;
  }, [evidence.id]);
  // Opened below the 420 px list, it started off screen at 1366×768: brought into view, each time a record is opened.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [evidence.id]);
  return (
    <div ref={box} className="evidence-detail" data-testid="evidence-detail">
      <div className="actions">
        <strong>
          #{evidence.seq} · {t(EVIDENCE_KIND_KEY[evidence.kind])}
        </strong>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('evCaptured')}</dt>
        <dd data-testid="detail-captured" title={evidence.capturedAt}>
          {formatCapturedAt(lang, evidence.capturedAt)}
        </dd>
        <dt>URL</dt>
        <dd>{evidence.url}</dd>
        <dt>{t('buyer')}</dt>
        <dd>{evidence.buyerName ?? evidence.buyerId ?? ''}</dd>
        <dt>{t('order')}</dt>
        <dd>{evidence.orderId ?? ''}</dd>
        <dt>SHA-256</dt>
        <dd className="small">{evidence.hash}</dd>
        {evidence.artifacts.map((a) => (
          <div key={a.id} style={{ display: 'contents' }}>
            <dt>{a.name}</dt>
            <dd className="small">
              {/* As sizes read everywhere else in the dashboard (Storage, Backup): "493682 B" had to be counted out. */}
              {formatBytes(a.size)} · {a.sha256.slice(0, 16)}…
              {deletedAt?.has(a.id) ? (
                <span className="muted" data-testid="detail-artifact-deleted">
                  {' '}
                  · {t('evDeletedOn', { date: formatDateTime(lang, deletedAt.get(a.id)!) })}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      <ol className="small" data-testid="detail-messages">
        {(messages ?? []).map((m) => (
          <li key={m.id}>
            [{t(SENDER_KEY[m.sender])}] {m.timeText} {m.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
