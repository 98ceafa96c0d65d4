/**
 * Cases board: one column per status, cases with a reminder due soonest first
 * (a promised reply time outranks everything: domain §3), then newest. A case
 * opens its timeline (notes, status changes, linked evidence, reminders), its
 * reminders, "add evidence" (records captured before the case, linked on its
 * timeline; a link added by mistake is removed there) and "export case" (ZIP).
 * `#cases/<id>` (the notification link) opens that case.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useOneAtATime } from '../one-at-a-time';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { CASE_STATUSES, type Case } from '../../lib/schema';
import { formatDateTime, type MessageKey } from '../../lib/i18n';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { caseName } from '../../lib/evidence/case-name';
import { CASE_TYPE_KEY, localInputToIso } from '../sidebar/evidence-panel';
import { ExportProgress, loadCaseEvidence, VerifyBundle } from './evidence-view';
import { useBundleExport } from './export-bundle';
import { AddEvidence } from './add-evidence';
import { siteName } from '../site-names';
import { failureText } from '../failure-text';
import { BuyerFilterChip, hashForBuyer, useBuyerFromHash } from './buyer-link';

export const STATUS_KEY: Record<Case['status'], MessageKey> = {
  open: 'caseStatusOpen',
  'waiting-buyer': 'caseStatusWaitingBuyer',
  'waiting-platform': 'caseStatusWaitingPlatform',
  resolved: 'caseStatusResolved',
};

/**
 * A timeline's reminder line, stored as which one fired (background/cases.ts onCaseAlarm), in the UI language;
 * or which time had already passed at a restore (rescheduleAllCases): worded as what happened — none was sent.
 */
const REMINDER_KEY = {
  reply: 'caseReplyDueTitle',
  follow: 'caseFollowUpTitle',
  'reply-passed': 'caseReplyPassedAtRestore',
  'follow-passed': 'caseFollowPassedAtRestore',
} as const satisfies Record<string, MessageKey>;

/**
 * The next reminder of a case (ms), or Infinity. A resolved case has only its follow-up ahead: once that
 * time has passed (its reminder fired) there is nothing left to do — it stayed red "Overdue" on the
 * board for good. A case still being worked keeps a passed time: it is overdue.
 */
export function nextDue(c: Case, now = Date.now()): number {
  const follow = c.followUpAt && (c.status !== 'resolved' || Date.parse(c.followUpAt) > now) ? c.followUpAt : null;
  const times = [c.status === 'resolved' ? null : c.replyDueAt, follow].filter((x): x is string => !!x).map((x) => Date.parse(x));
  return times.length ? Math.min(...times) : Infinity;
}

export function sortCases(cases: readonly Case[], now = Date.now()): Case[] {
  return [...cases].sort((a, b) => nextDue(a, now) - nextDue(b, now) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/**
 * The promised reply time has passed on a case still being worked (not resolved). Each reminder fires
 * once for the time the seller set, and reopening a case does not fire a time that passed (session 9:
 * that was a second "Reply due" for one promise) — so a case reopened after its time, or one whose
 * reminder already fired, has no reminder ahead. The seller reopening it is looking at the case: the
 * detail says so and asks for a new time (a new time is a new reminder); the board shows it overdue.
 */
export function replyOverdue(c: Case, now: number): boolean {
  if (c.status === 'resolved' || !c.replyDueAt) return false;
  const at = Date.parse(c.replyDueAt);
  return Number.isFinite(at) && at <= now;
}

/** Re-renders when the case's promised reply time comes, so the overdue prompt appears without a reload. */
function useReplyClock(c: Case): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const at = c.replyDueAt ? Date.parse(c.replyDueAt) : NaN;
    const wait = at - Date.now();
    // setTimeout holds at most ~24.8 days; a promise further ahead is re-checked on the next render.
    if (!Number.isFinite(wait) || wait < 0 || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 50);
    return () => clearTimeout(timer);
  }, [c.replyDueAt]);
  return Math.max(now, Date.now());
}

function caseFromHash(): string | null {
  // The buyer filter after '?' is not part of the case's id (buyer-link.tsx).
  const m = /^#cases\/([^?]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** ISO → datetime-local input value in local time. */
function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function CasesView() {
  const { t, lang } = useI18n();
  const cases = useLiveQuery(() => getDb().cases.toArray(), []);
  const [openId, setOpenId] = useState<string | null>(caseFromHash);
  useEffect(() => {
    const onHash = () => setOpenId(caseFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // One buyer's cases, from the URL (a Buyers view link): the board shows only theirs.
  const buyerId = useBuyerFromHash();
  const sorted = useMemo(() => sortCases((cases ?? []).filter((c) => !buyerId || c.buyerId === buyerId)), [cases, buyerId]);
  // The open case stays open when the board is filtered (the notification link names it alone).
  const open = (cases ?? []).find((c) => c.id === openId) ?? null;
  const now = Date.now();
  // Opened with Enter (or Space) on a card, the focus stayed on the card: a keyboard user tabbed through every
  // card after it to reach the detail. The detail takes the focus then (its heading); closing gives it back.
  const keyboardOpened = useRef<string | null>(null);
  useEffect(() => {
    // After the detail's own effect (a child's effects run first): the focus is taken once, on opening.
    if (keyboardOpened.current === open?.id) keyboardOpened.current = null;
  });
  const cards = useRef(new Map<string, HTMLButtonElement>());
  const close = (id: string) => {
    location.hash = hashForBuyer('cases', buyerId);
    cards.current.get(id)?.focus();
  };
  return (
    <section className="cases-view" data-testid="cases-view">
      <VerifyBundle />
      <BuyerFilterChip view="cases" buyerId={buyerId} />
      {cases && sorted.length === 0 ? <p className="muted">{t('caseNone')}</p> : null}
      {/* minmax(0, 1fr): four equal columns whatever a card holds (1fr grows to a card's longest word). */}
      <div className="cases-board" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}>
        {CASE_STATUSES.map((status) => (
          <div key={status} className="case-column" data-testid={`case-column-${status}`}>
            <h3 className="small">{t(STATUS_KEY[status])}</h3>
            {sorted
              .filter((c) => c.status === status)
              .map((c) => {
                const due = nextDue(c, now);
                return (
                  <button
                    key={c.id}
                    type="button"
                    className="case-card"
                    data-testid="case-card"
                    aria-pressed={c.id === openId}
                    ref={(el) => {
                      if (el) cards.current.set(c.id, el);
                      else cards.current.delete(c.id);
                    }}
                    onClick={(e) => {
                      // detail 0: a click made by the keyboard (Enter, Space), not by a mouse.
                      keyboardOpened.current = e.detail === 0 ? c.id : null;
                      // The buyer filter stays: opening one of the buyer's cases must not bring back everyone's.
                      location.hash = hashForBuyer(`cases/${encodeURIComponent(c.id)}`, buyerId);
                    }}
                    style={{ display: 'block', width: '100%', textAlign: 'left', marginBottom: 6 }}
                  >
                    <strong>{caseName(c, t)}</strong>
                    {/* The marketplace too: two buyers of one name on two marketplaces (小王 on 拼多多 and on 千牛) made
                        two cards that read the same; the seller opened each to learn which was which. */}
                    <div className="small muted">
                      {[t(CASE_TYPE_KEY[c.type]), c.buyerName, c.orderId, c.site && siteName(t, c.site)].filter(Boolean).join(' · ')}
                    </div>
                    {Number.isFinite(due) ? (
                      <div className={due < now ? 'small error' : 'small'} data-testid="case-due">
                        {due < now ? t('caseOverdue') : t('caseDueSoon')} {formatDateTime(lang, new Date(due))}
                      </div>
                    ) : null}
                  </button>
                );
              })}
          </div>
        ))}
      </div>
      {open ? <CaseDetail key={open.id} c={open} takeFocus={keyboardOpened.current === open.id} onClose={() => close(open.id)} /> : null}
    </section>
  );
}

/** Keys that step a closed select to the next option (Chromium on Windows and Linux: each step is a change). */
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A case's status. Stepped through with the keyboard (↓ ↓ ↓ from Open to Resolved), each step was a change:
 * "→ Waiting for buyer", "→ Waiting for platform", "→ Resolved" went on the timeline the platform is shown,
 * and passing Resolved cleared the reply reminder on the way. A stepped status is held until the seller
 * presses Enter or leaves the field (Esc puts back the stored one); a pick with the mouse, or from the open
 * list, is written at once.
 */
function StatusSelect({ status, onPick }: { status: Case['status']; onPick: (status: Case['status']) => void }) {
  const { t } = useI18n();
  const [stepped, setStepped] = useState<Case['status'] | null>(null);
  const byKey = useRef(false);
  const pick = (next: Case['status']) => {
    setStepped(null);
    if (next !== status) onPick(next);
  };
  return (
    <select
      data-testid="case-status"
      value={stepped ?? status}
      onMouseDown={() => (byKey.current = false)}
      onKeyDown={(e) => {
        byKey.current = STEP_KEYS.has(e.key) && !e.altKey && !e.metaKey;
        if (e.key === 'Enter' && stepped) pick(stepped);
        else if (e.key === 'Escape' && stepped) {
          e.stopPropagation();
          setStepped(null);
        }
      }}
      onChange={(e) => {
        const next = e.target.value as Case['status'];
        if (byKey.current) setStepped(next);
        else pick(next);
      }}
      onBlur={() => stepped && pick(stepped)}
    >
      {CASE_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(STATUS_KEY[s])}
        </option>
      ))}
    </select>
  );
}

function CaseDetail({ c, takeFocus, onClose }: { c: Case; takeFocus: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  // The case's own records by index (a store may hold tens of thousands).
  const evidence = useLiveQuery(() => loadCaseEvidence(c), [c]);
  const [note, setNote] = useState('');
  const [adding, setAdding] = useState(false);
  const noting = useOneAtATime();
  const replyInput = useRef<HTMLInputElement>(null);
  const overdue = replyOverdue(c, useReplyClock(c));
  const { progress, exporting, status, setStatus, run: runExport } = useBundleExport(lang, t);
  const ids = useMemo(() => new Set((evidence ?? []).map((e) => e.id)), [evidence]);
  const ownIds = useMemo(() => new Set((evidence ?? []).filter((e) => e.caseId === c.id).map((e) => e.id)), [evidence, c.id]);
  const seqOf = (id: string | null) => evidence?.find((e) => e.id === id)?.seq ?? '?';
  // One list in time order. The records captured for the case (not on the stored timeline: their caseId is in
  // their hash) came after every line, undated — a chat kept on Monday read as after Friday's "→ Resolved".
  const lines = useMemo(() => {
    const onTimeline = new Set(c.timeline.map((ev) => ev.evidenceId));
    // The first line: when the case was opened. Without it the timeline began at the first note or status,
    // and how long the buyer had been waiting was nowhere to read (the report a platform sees says it too).
    const all: Array<
      { kind: 'opened'; at: string } | { kind: 'event'; at: string; i: number; ev: Case['timeline'][number] } | { kind: 'captured'; at: string; record: { id: string; seq: number } }
    > = [
      { kind: 'opened' as const, at: c.createdAt },
      ...c.timeline.map((ev, i) => ({ kind: 'event' as const, at: ev.at, i, ev })),
      ...(evidence ?? []).filter((e) => !onTimeline.has(e.id)).map((e) => ({ kind: 'captured' as const, at: e.capturedAt, record: e })),
    ];
    const time = (at: string) => Date.parse(at) || 0;
    return all.sort((a, b) => time(a.at) - time(b.at));
  }, [c.timeline, c.createdAt, evidence]);
  const update = (u: Omit<Parameters<typeof askBackground<'case:update'>>[1], 'id'>) =>
    askBackground('case:update', { id: c.id, ...u }).catch((e: unknown) => setStatus({ ok: false, text: failureText(e, t) }));

  const exportCase = () => runExport([...ids], [c]);
  // Kept off for a case with no evidence, and said why: the ZIP is what a platform is shown as proof — sealed
  // records and their hash chain (a bundle is a chain segment: lib/evidence/bundle.ts). Notes alone prove nothing
  // the seller could not type into the platform's form. The button was greyed out with no word why.
  const nothingToExport = evidence !== undefined && ids.size === 0;
  const exportWhyId = useId();
  // Opened below the board, it started off screen at 1366×768 once a column held a dozen cases: the click
  // seemed to do nothing. Brought into view when a case is opened (a card, or the notification's link).
  const box = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    if (takeFocus) heading.current?.focus();
    // Only on opening: a later render (a status changed from the keyboard) must not pull the focus back up.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c.id]);

  return (
    <section
      ref={box}
      className="case-detail"
      data-testid="case-detail"
      onKeyDown={(e) => {
        // Esc closes, as the Close button does — but not in a field, where Esc puts back the stored value or
        // ends a pinyin word being picked.
        const field = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
        if (e.key === 'Escape' && !e.nativeEvent.isComposing && !field) onClose();
      }}
    >
      {/* Close by the heading, as the evidence detail has it: pushed to the row's far end it sat ~1,000 px from
          the case's name at 1366 px, out of the eye's way when the seller looked for how to leave the case. */}
      <div className="actions" style={{ alignItems: 'baseline' }}>
        <h2 ref={heading} tabIndex={-1} data-testid="case-detail-heading">
          {caseName(c, t)}
        </h2>
        <button type="button" data-testid="case-detail-close" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p className="muted">
        {/* Only what the case has: no "· ·" for a case without an order number. The marketplace as the seller
            knows it (拼多多), not the adapter's id ("pinduoduo" showed in every UI language). */}
        {[t(CASE_TYPE_KEY[c.type]), c.buyerName, c.orderId, c.site && siteName(t, c.site)].filter(Boolean).join(' · ')}
      </p>
      <div className="settings-form">
        <label>
          {t('caseStatus')}
          <StatusSelect status={c.status} onPick={(status) => void update({ status })} />
        </label>
        <label>
          {t('caseReplyDue')}
          {/* Keyed by the stored time: a time set in another dashboard tab shows here instead of the one read on opening. */}
          <input
            key={c.replyDueAt ?? ''}
            ref={replyInput}
            type="datetime-local"
            data-testid="case-detail-reply-due"
            aria-invalid={overdue}
            defaultValue={isoToLocalInput(c.replyDueAt)}
            onBlur={(e) => {
              // Only a changed time is saved: a focus passing through wrote the field back each time, which moved
              // the case to the top of its column (updatedAt) and put back a time another tab had just changed.
              if (e.target.value !== isoToLocalInput(c.replyDueAt)) void update({ replyDueAt: localInputToIso(e.target.value) });
            }}
          />
        </label>
        {overdue && c.replyDueAt ? (
          <p className="error small" role="status" data-testid="case-reply-overdue">
            {t('caseReplyOverdue', { time: formatDateTime(lang, c.replyDueAt) })}{' '}
            <button type="button" className="link small" data-testid="case-reply-new-time" onClick={() => replyInput.current?.focus()}>
              {t('caseReplySetNewTime')}
            </button>
          </p>
        ) : null}
        <label>
          {t('caseFollowUp')}
          <input
            key={c.followUpAt ?? ''}
            type="datetime-local"
            data-testid="case-detail-follow-up"
            defaultValue={isoToLocalInput(c.followUpAt)}
            onBlur={(e) => {
              if (e.target.value !== isoToLocalInput(c.followUpAt)) void update({ followUpAt: localInputToIso(e.target.value) });
            }}
          />
        </label>
        <label>
          {t('caseAddNote')}
          {/* The limit the background checks (messaging.ts CaseUpdate): a longer paste was refused whole and then erased. */}
          <textarea data-testid="case-note" rows={2} value={note} maxLength={20_000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="actions">
          <button
            type="button"
            data-testid="case-add-note"
            disabled={!note.trim() || noting.busy}
            onClick={() => {
              // One note per click: a double click put the same note on the timeline twice (the box is emptied only
              // once the note is saved).
              // Emptied only once the note is on the timeline: a refused note stays to be fixed (was erased either way).
              void noting.run(() => update({ note }).then((saved) => saved && setNote('')));
            }}
          >
            {t('caseAddNote')}
          </button>
          <button type="button" data-testid="case-add-evidence" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
            {t('caseAddEvidence')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="case-export"
            disabled={!ids.size || exporting}
            aria-describedby={nothingToExport ? exportWhyId : undefined}
            onClick={() => void exportCase()}
          >
            {t('caseExport')}
          </button>
        </div>
        {nothingToExport ? (
          <p className="muted small" id={exportWhyId} data-testid="case-export-why">
            {t('caseExportNoEvidence')}
          </p>
        ) : null}
      </div>
      {adding && evidence ? <AddEvidence c={c} inCase={ids} onLink={(linkEvidence) => update({ linkEvidence })} /> : null}
      <ExportProgress progress={progress} />
      {status ? (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="case-status-message">
          {status.text}
        </p>
      ) : null}
      <h3>{t('caseTimeline')}</h3>
      <ol className="timeline" data-testid="case-timeline">
        {lines.map((line) =>
          line.kind === 'opened' ? (
            <li key="opened" data-kind="opened">
              <time className="small muted" dateTime={line.at}>
                {formatDateTime(lang, line.at)}
              </time>{' '}
              {t('caseCreated')}
            </li>
          ) : line.kind === 'captured' ? (
            // Captured for this case: its caseId is in the record's hash, so it is in the case for good (no remove).
            <li key={line.record.id} data-kind="evidence" data-seq={line.record.seq}>
              <time className="small muted" dateTime={line.at}>
                {formatDateTime(lang, line.at)}
              </time>{' '}
              {t('caseEvidenceEvent', { seq: line.record.seq })} <span className="small muted">{t('caseCapturedFor')}</span>
            </li>
          ) : (
            <li key={line.i} data-kind={line.ev.kind} data-seq={line.ev.kind === 'evidence' ? seqOf(line.ev.evidenceId) : line.ev.kind === 'unlinked' ? line.ev.text : undefined}>
              <time className="small muted" dateTime={line.ev.at}>
                {formatDateTime(lang, line.ev.at)}
              </time>{' '}
              {line.ev.kind === 'evidence'
                ? t('caseEvidenceEvent', { seq: seqOf(line.ev.evidenceId) })
                : line.ev.kind === 'unlinked'
                  ? t('caseUnlinkedEvent', { seq: line.ev.text })
                  : line.ev.kind === 'status'
                    ? `→ ${t(STATUS_KEY[line.ev.text as Case['status']] ?? 'caseStatus')}`
                    : line.ev.kind === 'reminder' && Object.hasOwn(REMINDER_KEY, line.ev.text)
                      ? t(REMINDER_KEY[line.ev.text as keyof typeof REMINDER_KEY])
                      : line.ev.text}
              {line.ev.kind === 'evidence' && line.ev.evidenceId && !ownIds.has(line.ev.evidenceId) ? (
                <>
                  {' '}
                  <button type="button" className="link small" data-testid="case-unlink" title={t('caseUnlinkHint')} onClick={() => void update({ unlinkEvidence: [line.ev.evidenceId!] })}>
                    {t('caseUnlink')}
                  </button>
                </>
              ) : null}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
