/**
 * The sidebar's evidence tab: screenshots (with progress and cancel), capture
 * the chat, save the buyer's words, open a case prefilled from the page (it
 * offers what was just captured here for this buyer, so the case holds it), and
 * this buyer's recent evidence and cases (on a page with no buyer: its order's, or none). Everything goes through the
 * background (the sidebar frame may not open IndexedDB).
 *
 * The whole conversation: before "Capture chat" and the whole-chat screenshot the
 * overlay scrolls the pane up (or clicks its "load more") until the page loads no
 * earlier messages (load-history.ts), unless the seller unticked it; Esc or Cancel stops.
 *
 * Permissions: a click in this frame grants no activeTab, so the first capture
 * asks for the optional <all_urls> host permission inside the click (and
 * pageCapture for MHTML when the seller ticks it). Refused → a clear message.
 *
 * MHTML: the box is the seller's choice, sent with each Capture chat and remembered
 * (mhtml-pref.ts) for the next one and for the popup. The permission alone decides
 * nothing (the box unticked means no MHTML), and unticking gives it back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useOneAtATime, type Click } from '../one-at-a-time';
import { ShotActions, shotSavedText } from '../shot-actions';
import { browser } from 'wxt/browser';
import { CAPTURE_PROGRESS, DATA_CHANGED, captureFailure, captureFailureText, skippedText, type ScreenshotKind } from '../../lib/messaging';
import { CASE_TYPES, buyerKey, type Case, type Evidence } from '../../lib/schema';
import { EVIDENCE_KIND_KEY, formatDateTime, type MessageKey } from '../../lib/i18n';
import { askBackground, onBroadcast } from '../ext';
import { cancelEarlierMessages, chatSavedText, loadEarlierMessages, storeWholeHistory, wholeHistoryWanted } from '../load-earlier';
import { mhtmlWanted, storeMhtmlWanted } from '../mhtml-pref';
import { useI18n } from '../i18n';
import { CASE_TYPE_KEY, caseName } from '../../lib/evidence/case-name';
import type { SidebarTabProps } from './tabs';

const SHOTS: [ScreenshotKind, MessageKey][] = [
  ['visible', 'evShotVisible'],
  ['page', 'evShotPage'],
  ['element', 'evShotElement'],
  ['chat-history', 'evShotChat'],
];


export { CASE_TYPE_KEY };

/** datetime-local value → ISO with the local offset (what the schema wants). */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  return `${local}${off >= 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/** Asked inside the seller's click: the frame's own gesture is what permissions.request needs. */
async function ensureCapturePermission(): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}

export function EvidencePanel({ link }: SidebarTabProps) {
  const { t, lang } = useI18n();
  const tabId = link.tabId;
  const ctx = link.state?.context;
  const buyerId = link.state && ctx ? buyerKey(link.state.site, ctx.buyer.id, ctx.buyer.name) : null;
  // No buyer on the page (a review list, a chat whose buyer was not read): the order it shows, if any, is what
  // ties a case to it. Asked with no buyer, the case list was every buyer's: a capture from a review page could
  // be filed into another buyer's case picked from a list of all of them.
  const pageOrder = buyerId ? null : ctx?.order.number?.trim() || null;
  // Cases opened in this panel stay listed on such a page: the new case is chosen for the next capture, and a list
  // without it showed "—" while captures went into it.
  const [openedHere, setOpenedHere] = useState<ReadonlySet<string>>(new Set());
  // The note being written belongs to the buyer it is written about: after a switch to another conversation it went
  // with that buyer's capture, into a hashed record for good. Kept per buyer, like the buyer card's notes.
  const [notes, setNotes] = useState<Record<string, string>>({});
  const noteKey = buyerId ?? '';
  const note = notes[noteKey] ?? '';
  // Emptied for the buyer it was written for (a capture ends after a switch, its closure has that buyer).
  const setNote = (value: string) => setNotes((all) => ({ ...all, [noteKey]: value }));
  // The case chosen belongs to the buyer it was chosen for: after a switch to another conversation the list shows
  // that buyer's cases ("—" chosen), and a capture still went into the previous buyer's case.
  const [chosenCase, setChosenCase] = useState<{ buyerId: string | null; caseId: string }>({ buyerId: null, caseId: '' });
  const caseId = chosenCase.buyerId === buyerId ? chosenCase.caseId : '';
  const setCaseId = (id: string) => setChosenCase({ buyerId, caseId: id });
  // Off until read: the seller's last choice (remembered; the popup follows it too).
  const [mhtml, setMhtml] = useState(false);
  // On unless the seller unticked it (chrome.storage.local: the sidebar frame sits in the marketplace's page, where
  // its localStorage is refused as third-party storage — reading it threw and blanked the sidebar).
  const [wholeHistory, setWholeHistory] = useState(true);
  const [loadingHistory, setLoadingHistory] = useState(false);
  useEffect(() => {
    let live = true;
    void wholeHistoryWanted().then((on) => live && setWholeHistory(on));
    void mhtmlWanted().then((on) => live && setMhtml(on));
    return () => {
      live = false;
    };
  }, []);
  const [busy, setBusy] = useState<{ jobId: string; done: number; total: number; picking: boolean } | null>(null);
  // One capture at a time, from the click on: a second one started while the first loads earlier messages cancelled
  // that load and scrolled the same pane under the first one's screenshot (which was then not saved).
  const capture = useOneAtATime();
  const working = busy !== null || loadingHistory || capture.busy;
  // Esc while the earlier messages load: the seller's keyboard is here (the button was clicked here), and the
  // sidebar's own Esc closed the sidebar while the load went on. Stopped here, before the sidebar's Esc sees it.
  useEffect(() => {
    if (!loadingHistory || tabId === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      cancelEarlierMessages(tabId);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [loadingHistory, tabId]);
  // `shot`: the screenshot just stored, offered for Copy / Download beside what was said about it.
  const [message, setMessage] = useState<{ ok: boolean; text: string; shot?: { evidenceId: string; images: number } } | null>(null);
  const [recent, setRecent] = useState<Evidence[]>([]);
  const [cases, setCases] = useState<Case[]>([]);
  const [caseForm, setCaseForm] = useState(false);
  // Captured in this panel into no case: a seller often keeps the chat first and opens the case after.
  const [captured, setCaptured] = useState<JustCaptured[]>([]);
  const keep = (r: { evidenceId: string; seq: number }, kind: Evidence['kind']) => {
    if (!caseId) setCaptured((list) => [...list, { id: r.evidenceId, seq: r.seq, kind, buyerId }]);
  };

  // Only the latest reload's answers are shown: after a conversation switch a slow answer for the previous
  // buyer could come last and put their cases in this buyer's list (and into the case a capture files to).
  const reloads = useRef(0);
  const reload = useCallback(() => {
    const mine = ++reloads.current;
    const latest = <V,>(set: (v: V) => void) => (v: V) => mine === reloads.current && set(v);
    // Recent evidence by the same rule as the cases: asked with no buyer it was every buyer's newest records, under
    // a heading that read as this page's. The buyer's, else the page's order's, else none (the line says why).
    if (buyerId || pageOrder) {
      const whose = buyerId ? { buyerId } : { buyerId: null, orderId: pageOrder! };
      void askBackground('evidence:recent', { ...whose, limit: 20 }).then(latest(setRecent)).catch(() => null);
    } else latest(setRecent)([]);
    if (buyerId) void askBackground('case:list', { buyerId }).then(latest(setCases)).catch(() => null);
    else if (pageOrder || openedHere.size) {
      const ofPage = (c: Case) => (pageOrder !== null && c.orderId.trim() === pageOrder) || openedHere.has(c.id);
      void askBackground('case:list', { buyerId: null }).then((all) => latest(setCases)(all.filter(ofPage))).catch(() => null);
    } else latest(setCases)([]);
  }, [buyerId, pageOrder, openedHere]);
  useEffect(reload, [reload]);

  useEffect(() => {
    const offData = onBroadcast(DATA_CHANGED, () => reload());
    const offProgress = onBroadcast(CAPTURE_PROGRESS, (p) =>
      setBusy((b) => (b && b.jobId === p.jobId ? { ...b, done: p.done, total: p.total, picking: false } : b)),
    );
    return () => {
      offData();
      offProgress();
    };
  }, [reload]);

  // In the seller's language and what to do (one wording with the popup and notifications).
  // The seller's own Cancel (or Esc on the page) is said plainly, not in an error's red.
  const fail = (e: unknown) => setMessage({ ok: captureFailure(e) === 'cancelled', text: captureFailureText(e, t) });

  /** The conversation's earlier messages, loaded into the page before a capture of the whole chat; what to say about it. */
  const loadEarlier = async (): Promise<{ note: string | null; abort: string | null }> => {
    if (!wholeHistory || tabId === null) return { note: null, abort: null };
    setLoadingHistory(true);
    try {
      return await loadEarlierMessages(tabId, t, lang);
    } finally {
      setLoadingHistory(false);
    }
  };

  // The click is passed on: a double click's second click, arriving after a quick capture has ended, is no second one.
  const shoot = async (kind: ScreenshotKind, click: Click) => {
    if (tabId !== null) await capture.run(() => shootNow(kind, tabId), click);
  };
  const shootNow = async (kind: ScreenshotKind, tabId: number) => {
    if (!(await ensureCapturePermission())) return setMessage({ ok: false, text: t('evPermissionDenied') });
    const jobId = `sb-${crypto.randomUUID()}`;
    setMessage(null);
    const { note: history, abort } = kind === 'chat-history' ? await loadEarlier() : { note: null, abort: null };
    if (abort) return setMessage({ ok: false, text: abort });
    setBusy({ jobId, done: 0, total: 0, picking: kind === 'element' });
    try {
      const r = await askBackground('capture:screenshot', { tabId, kind, jobId, note, caseId: caseId || null });
      keep(r, 'screenshot');
      setMessage({
        ok: true,
        text: [shotSavedText(r, t), ...(history ? [history] : [])].join(' · '),
        shot: { evidenceId: r.evidenceId, images: r.images },
      });
      setNote('');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const captureChat = async (click: Click) => {
    if (tabId !== null) await capture.run(() => captureChatNow(tabId), click);
  };
  const captureChatNow = async (tabId: number) => {
    const granted = await ensureCapturePermission();
    // MHTML needs the optional pageCapture; asked in this same click, skipped cleanly when refused.
    if (mhtml) await browser.permissions.request({ permissions: ['pageCapture'] }).catch(() => false);
    if (!granted) return setMessage({ ok: false, text: t('evPermissionDenied') });
    setMessage(null);
    const { note: history, abort } = await loadEarlier();
    if (abort) return setMessage({ ok: false, text: abort });
    try {
      // The box as it is now: the background keeps an MHTML snapshot only when asked (and permitted).
      const r = await askBackground('evidence:capture-chat', { tabId, note, caseId: caseId || null, mhtml });
      keep(r, 'chat');
      // What was left out (MHTML asked but not permitted, tab not in front, earlier messages not all loaded) is said,
      // not hidden — in the seller's language.
      setMessage({ ok: true, text: [chatSavedText(r.seq, r.messageCount, t, lang), ...(history ? [history] : []), ...r.skipped.map((s) => skippedText(s, t))].join(' · ') });
      setNote('');
    } catch (e) {
      fail(e);
    }
  };

  // One save at a time: a double click on the button stored the same words twice (two numbered records of one
  // selection in the evidence list and the case).
  const words = useOneAtATime();
  const saveWords = async (click: Click) => {
    if (tabId === null) return;
    await words.run(async () => {
      setMessage(null);
      try {
        const r = await askBackground('evidence:save-words', { tabId, note, caseId: caseId || null });
        keep(r, 'words');
        setMessage({ ok: true, text: t('evWordsSaved', { seq: r.seq }) });
        setNote('');
      } catch (e) {
        fail(e);
      }
    }, click);
  };

  return (
    <section className="evidence-panel" data-testid="evidence-panel">
      <h3 className="small">{t('evScreenshots')}</h3>
      <div className="actions">
        {SHOTS.map(([kind, key]) => (
          <button key={kind} type="button" data-testid={`shot-${kind}`} disabled={tabId === null || working} onClick={(e) => void shoot(kind, e)}>
            {t(key)}
          </button>
        ))}
      </div>
      {busy ? (
        <div className="capture-progress" data-testid="capture-progress">
          {busy.picking ? <p className="small">{t('evPickHint')}</p> : null}
          <progress max={busy.total || 1} value={busy.done} />
          <span className="small">{t('evCapturing', { done: busy.done, total: busy.total || '…' })}</span>
          <button type="button" data-testid="capture-cancel" onClick={() => void askBackground('capture:cancel', { jobId: busy.jobId })}>
            {t('evCancel')}
          </button>
        </div>
      ) : null}
      <h3 className="small">{t('tabEvidence')}</h3>
      <label className="small">
        {t('evNote')}
        <textarea data-testid="evidence-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label className="small">
        {t('evFilterCase')}{' '}
        <select data-testid="evidence-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
          <option value="">—</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {caseName(c, t)}
            </option>
          ))}
        </select>
      </label>
      {link.state && !buyerId ? (
        <p className="muted small" data-testid="evidence-case-why">
          {pageOrder ? t('evCasesOfOrderOnly', { order: pageOrder }) : t('evCasesNoBuyer')}
        </p>
      ) : null}
      <label className="small">
        <input
          type="checkbox"
          data-testid="whole-history"
          checked={wholeHistory}
          onChange={(e) => {
            setWholeHistory(e.target.checked);
            void storeWholeHistory(e.target.checked);
          }}
        />{' '}
        {t('evWholeHistory')}
      </label>
      {loadingHistory ? (
        <div className="capture-progress" role="status" data-testid="history-loading">
          <span className="small">{t('evHistoryLoading')}</span>
          <button type="button" data-testid="history-cancel" onClick={() => tabId !== null && cancelEarlierMessages(tabId)}>
            {t('evCancel')}
          </button>
        </div>
      ) : null}
      <label className="small">
        <input
          type="checkbox"
          data-testid="evidence-mhtml"
          checked={mhtml}
          onChange={(e) => {
            setMhtml(e.target.checked);
            void storeMhtmlWanted(e.target.checked);
          }}
        />{' '}
        {t('evMhtmlAsk')}
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid="capture-chat" disabled={tabId === null || working} onClick={(e) => void captureChat(e)}>
          {t('evCaptureChat')}
        </button>
        <button type="button" data-testid="save-words" disabled={tabId === null || words.busy} onClick={(e) => void saveWords(e)}>
          {t('evSaveWords')}
        </button>
        <button type="button" data-testid="open-case" onClick={() => setCaseForm((v) => !v)}>
          {t('evOpenCase')}
        </button>
      </div>
      {message ? (
        <>
          <p className={message.ok ? 'ok small' : 'error small'} role="status" data-testid="evidence-message">
            {message.text}
          </p>
          {message.shot ? <ShotActions key={message.shot.evidenceId} {...message.shot} /> : null}
        </>
      ) : null}
      {caseForm && link.state ? (
        <CaseForm
          key={buyerId ?? ''}
          site={link.state.site}
          buyerId={buyerId}
          buyerName={ctx?.buyer.name ?? ctx?.buyer.id ?? ''}
          orderId={ctx?.order.number ?? ''}
          justCaptured={captured.filter((r) => r.buyerId === buyerId)}
          onCreated={(c) => {
            const inCase = new Set(c.timeline.map((e) => e.evidenceId));
            setCaptured((list) => list.filter((r) => !inCase.has(r.id)));
            setCaseForm(false);
            setOpenedHere((s) => new Set(s).add(c.id));
            setCaseId(c.id);
            setMessage({ ok: true, text: t('caseCreated') });
            reload();
          }}
          onError={fail}
        />
      ) : null}
      <h3 className="small">{t('evRecent')}</h3>
      {link.state && !buyerId ? (
        <p className="muted small" data-testid="evidence-recent-why">
          {pageOrder ? t('evRecentOfOrderOnly', { order: pageOrder }) : t('evRecentNoBuyer')}
        </p>
      ) : recent.length === 0 ? (
        <p className="muted small">{t('evNone')}</p>
      ) : null}
      <ul className="reply-list" data-testid="evidence-recent">
        {recent.map((e) => (
          <li key={e.id} className="small">
            #{e.seq} · {t(EVIDENCE_KIND_KEY[e.kind])} · {formatDateTime(lang, e.capturedAt)} {e.note ? `· ${e.note}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface JustCaptured {
  id: string;
  seq: number;
  kind: Evidence['kind'];
  /** The buyer on screen when it was captured: only that buyer's case offers it. */
  buyerId: string | null;
}

function CaseForm(props: {
  site: string;
  buyerId: string | null;
  buyerName: string;
  orderId: string;
  justCaptured: JustCaptured[];
  onCreated: (c: Case) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useI18n();
  // Unticked ones: everything offered goes in unless the seller says otherwise (also a capture made while the form is open).
  const [leftOut, setLeftOut] = useState<Set<string>>(new Set());
  const [type, setType] = useState<Case['type']>('complaint');
  const [title, setTitle] = useState('');
  const [buyerName, setBuyerName] = useState(props.buyerName);
  const [orderId, setOrderId] = useState(props.orderId);
  const [replyDue, setReplyDue] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [caseNote, setCaseNote] = useState('');
  const creating = useOneAtATime();
  return (
    <form
      className="reply-editor"
      data-testid="case-form"
      onSubmit={(e) => {
        e.preventDefault();
        // One case per click: a double click on Create (or Enter pressed twice) opened the same case twice,
        // two cards on the board and the evidence linked to both.
        void creating.run(() =>
          askBackground('case:create', {
            type, title, site: props.site, buyerId: props.buyerId, buyerName, orderId,
            replyDueAt: localInputToIso(replyDue), followUpAt: localInputToIso(followUp), note: caseNote,
            linkEvidence: props.justCaptured.filter((r) => !leftOut.has(r.id)).map((r) => r.id),
          })
            .then(props.onCreated)
            .catch(props.onError),
        );
      }}
    >
      <label>
        {t('caseType')}
        <select data-testid="case-type" value={type} onChange={(e) => setType(e.target.value as Case['type'])}>
          {CASE_TYPES.map((ct) => (
            <option key={ct} value={ct}>
              {t(CASE_TYPE_KEY[ct])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('caseTitle')}
        <input data-testid="case-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('buyer')}
        <input data-testid="case-buyer" value={buyerName} onChange={(e) => setBuyerName(e.target.value)} />
      </label>
      <label>
        {t('order')}
        <input data-testid="case-order" value={orderId} onChange={(e) => setOrderId(e.target.value)} />
      </label>
      <label>
        {t('caseReplyDue')}
        <input type="datetime-local" data-testid="case-reply-due" value={replyDue} onChange={(e) => setReplyDue(e.target.value)} />
        <TimePassed local={replyDue} />
      </label>
      <label>
        {t('caseFollowUp')}
        <input type="datetime-local" data-testid="case-follow-up" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
        <TimePassed local={followUp} />
      </label>
      <label>
        {t('caseNoteField')}
        <textarea data-testid="case-note" rows={2} value={caseNote} onChange={(e) => setCaseNote(e.target.value)} />
      </label>
      {props.justCaptured.length ? (
        <fieldset data-testid="case-include-evidence">
          <legend className="small">{t('caseIncludeJustCaptured')}</legend>
          {props.justCaptured.map((r) => (
            <label key={r.id} className="small check" data-testid="case-include">
              <input
                type="checkbox"
                checked={!leftOut.has(r.id)}
                onChange={(e) =>
                  setLeftOut((s) => {
                    const n = new Set(s);
                    if (e.target.checked) n.delete(r.id);
                    else n.add(r.id);
                    return n;
                  })
                }
              />{' '}
              #{r.seq} · {t(EVIDENCE_KIND_KEY[r.kind])}
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="primary" data-testid="case-create" disabled={creating.busy}>
        {t('caseCreate')}
      </button>
    </form>
  );
}

/**
 * A reply or follow-up time already past (a typo in the date, or a deadline entered late): said under the
 * field before the case is made — it is overdue the moment it exists, and its reminder fires at once.
 * Not refused: recording a deadline the seller already missed is legitimate.
 */
function TimePassed({ local }: { local: string }) {
  const { t } = useI18n();
  const iso = localInputToIso(local);
  if (!iso || Date.parse(iso) > Date.now()) return null;
  return (
    <span className="warn small" role="status" data-testid="case-time-past">
      {t('caseTimePast')}
    </span>
  );
}
