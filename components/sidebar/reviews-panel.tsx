/**
 * Reviews tab (issue 6): the page's reviews, most urgent first, each with its classified cause
 * and the words that decided it; one click drafts three variants in the review's language; the
 * agent edits in place with a live tone check; insertion goes through the overlay's insertion
 * chain into THAT review's reply box (a draft with findings asks first, showing them). Drafts
 * and inserted replies are stored through the background (this frame may not open IndexedDB).
 * A malicious review gets a neutral reply and "open a case" (review captured as evidence).
 *
 * Page text (reviews) is rendered only as React text nodes; highlights are <mark> elements
 * around slices of that text, never HTML built from it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatDateTime, type MessageKey } from '../../lib/i18n';
import { DATA_CHANGED } from '../../lib/messaging';
import { classifyReview, type Classification, type EvidenceHit } from '../../lib/reviews/classify';
import { wordlessReviewLang } from '../../lib/reviews/page-lang';
import { ratingForReply } from '../../lib/reviews/follow-up';
import { draftForReview, draftScope, reviewIdentity } from '../../lib/reviews/identity';
import { DRAFT_VARIANTS, draftAll, replyCauses, type DraftSettings, type DraftVariant } from '../../lib/reviews/draft';
import { checkTone, type ToneFinding } from '../../lib/reviews/tone';
import { sortByUrgency } from '../../lib/reviews/urgency';
import type { PageReview, ReviewDraft, Settings } from '../../lib/schema';
import { askBackground, askOverlay, onBroadcast } from '../ext';
import { onClipboardForPaste, whyInsertThrew, whyNotInserted } from '../insert-refusal';
import { useI18n } from '../i18n';
import { countKey } from '../plural';
import { adoptStored, againstStored, followSettings, keepCardDrafts, setCardDraft, useCardDraft, type CardDraft } from './review-drafts';
import type { SidebarTabProps } from './tabs';
import type { PageLink } from './use-page';
import { chooseOnArrow } from '../tab-keys';
import { failureText, knownFailure } from '../failure-text';
import { useOneAtATime, type Click } from '../one-at-a-time';
import { FoldedReview } from '../folded-review';

interface Classified {
  review: PageReview;
  c: Classification;
}

/**
 * Drafts and inserted replies of the reviews on screen — by review key or what the review shows, on
 * any URL of this host (a review on ?page=2 keeps the draft saved for it on page 1) — refetched when
 * the background says they changed.
 */
function useReviewHistory(url: string | null, reviews: readonly PageReview[]): ReviewDraft[] {
  const [rows, setRows] = useState<ReviewDraft[]>([]);
  // One string, so a re-read of the same list (every DOM change) does not refetch.
  const wanted = useMemo(
    () => JSON.stringify({ keys: reviews.map((r) => r.key), identities: reviews.map((r) => reviewIdentity(r)).filter((x): x is string => x !== null) }),
    [reviews],
  );
  useEffect(() => {
    if (!url) return;
    let alive = true;
    const { keys, identities } = JSON.parse(wanted) as { keys: string[]; identities: string[] };
    const load = () =>
      askBackground('review:history', { url, keys, identities })
        .then((r) => alive && setRows(r))
        .catch(() => null);
    void load();
    const off = onBroadcast(DATA_CHANGED, ({ tables }) => {
      if (tables.includes('reviewDrafts')) void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [url, wanted]);
  return rows;
}

export function ReviewsPanel({ link, library }: SidebarTabProps) {
  const { t, lang: uiLang } = useI18n();
  const state = link.state;
  const reviews = state?.reviews ?? [];
  const replyLang = library.settings.replyLang;
  const declared = state?.reviewsLang ?? null;
  const pageLang = useMemo(() => wordlessReviewLang(reviews.map((r) => r.text), declared, replyLang), [reviews, declared, replyLang]);
  const items = useMemo<Classified[]>(
    // For reviews whose text names no language (no text, emoji only; Chinese both scripts share): the
    // page's other reviews, else the language the page declares (`lang`), else the seller's reply language.
    // A review with a follow-up (追加评价) is read from its words: the stars came before it (ratingForReply).
    () => sortByUrgency(reviews.map((review) => ({ review, c: classifyReview({ text: review.text, rating: ratingForReply(review), lang: pageLang }) }))),
    [reviews, pageLang],
  );
  const history = useReviewHistory(state?.url ?? null, reviews);
  const [open, setOpen] = useState<string | null>(null);
  // Replies typed here outlive this frame (a reload of the page): mirrored per tab and host, taken back here.
  const host = state?.url ? draftScope(state.url) : '';
  const tabId = link.tabId;
  useEffect(() => {
    if (host && tabId !== null) void keepCardDrafts(tabId, host);
  }, [tabId, host]);
  if (!state) return null;
  if (!items.length) {
    return (
      <p className="muted" data-testid="reviews-none">
        {t('rvNone')}
      </p>
    );
  }
  return (
    <section data-testid="reviews-panel">
      <p className="muted small" data-testid="reviews-count">
        {t(countKey(uiLang, items.length, 'rvCountOne', 'rvCount'), { n: items.length })}
      </p>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => (
          <ReviewCard
            key={item.review.key}
            item={item}
            link={link}
            settings={library.settings}
            last={draftForReview(history, item.review)}
            open={open === item.review.key}
            onOpen={() => setOpen(item.review.key)}
          />
        ))}
      </ol>
    </section>
  );
}

/** The review text with the deciding words of its cause wrapped in <mark> (text nodes only); a long one folded. */
function Highlighted({ text, hits }: { text: string; hits: EvidenceHit[] }) {
  const parts: Array<{ s: string; mark: boolean }> = [];
  let at = 0;
  for (const h of [...hits].sort((a, b) => a.start - b.start)) {
    if (h.start < at || h.end > text.length) continue; // overlapping spans: the first one wins
    if (h.start > at) parts.push({ s: text.slice(at, h.start), mark: false });
    parts.push({ s: text.slice(h.start, h.end), mark: true });
    at = h.end;
  }
  if (at < text.length) parts.push({ s: text.slice(at), mark: false });
  return (
    <FoldedReview text={text} testid="review-text" style={{ margin: '4px 0' }}>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.s}</mark> : <span key={i}>{p.s}</span>))}
    </FoldedReview>
  );
}

type Status = { kind: 'ok' | 'error'; text: string; testid: string } | null;

function ReviewCard({ item, link, settings, last, open, onOpen }: { item: Classified; link: PageLink; settings: Settings; last: ReviewDraft | null; open: boolean; onOpen: () => void }) {
  const { t, lang: uiLang } = useI18n();
  const { review, c } = item;
  // The reply lives in a store keyed by the review, not in this card: the card unmounts when the
  // page swaps its list and the panel when the agent switches tabs (see review-drafts.ts).
  const stored = useCardDraft(review.key);
  const [confirming, setConfirming] = useState(false);
  const [regenConfirming, setRegenConfirming] = useState(false);
  const [caseBusy, setBusy] = useState(false);
  // Save and Insert, one at a time from the click: a double click on Save stored the draft twice (the
  // second click still had no draft id), and history showed two drafts of one reply.
  const work = useOneAtATime();
  const busy = caseBusy || work.busy;
  const [status, setStatus] = useState<Status>(null);
  const [caseStatus, setCaseStatus] = useState<Status>(null);
  // "Open a case" is disabled while it works and once the case is open: the focus fell to the sidebar's <body>,
  // and a seller on the keyboard lost their place. It goes to what the card says about the case instead.
  const caseStatusRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const at = document.activeElement;
    if (caseStatus && (at === null || at === document.body)) caseStatusRef.current?.focus();
  }, [caseStatus]);

  // Every complaint the draft answers (up to MAX_COMPLAINTS, the most serious first): the card named one cause while
  // the reply answered two, and the seller could not see why the draft spoke of the size too.
  const causes = useMemo(() => replyCauses(c), [c]);
  const decisive = c.hits.filter((h) => causes.includes(h.cause));
  const answered = review.sellerReply !== null && review.sellerReply.trim() !== '';
  // The seller submitted on the page and the page now shows a reply under this review: "Inserted… submit it on
  // the page" stayed on the card (moved to the answered group) as if it were still to do. By the reply the page
  // shows, not by `answered` alone: a reply inserted again under an answered review still waits for its submit.
  const shownReply = answered ? review.sellerReply : null;
  const replySeen = useRef(shownReply);
  useEffect(() => {
    if (shownReply === replySeen.current) return;
    replySeen.current = shownReply;
    if (shownReply !== null) setStatus((s) => (s?.testid === 'review-inserted' ? { kind: 'ok', text: t('rvSubmittedOnPage'), testid: 'review-submitted' } : s));
  }, [shownReply, t]);
  // …and the review history learns it: the card said "Submitted" while the dashboard's row stayed "inserted"
  // for good. Only for Xiaoer's own inserted text (the page's reply compared without its line breaks and
  // spacing, which pages collapse); a reply the seller wrote on the page, or a draft edited since, is not ours.
  const submittedAsked = useRef<string | null>(null);
  useEffect(() => {
    if (shownReply === null || last?.status !== 'sent' || submittedAsked.current === last.id) return;
    const flat = (s: string) => s.replace(/\s+/g, '');
    if (flat(shownReply) !== flat(last.text)) return;
    submittedAsked.current = last.id;
    // Not worth an error on the card: the reply is on the page either way; the next change of the page or of the history asks again.
    askBackground('review:mark-submitted', { id: last.id }).catch(() => {
      submittedAsked.current = null;
    });
  }, [shownReply, last]);
  const malicious = c.cause === 'malicious';

  // The fresh templates, to start from and to tell an edit from an untouched template.
  const templates = useMemo<Record<DraftVariant, string>>(() => {
    const draftSettings: DraftSettings = { shopName: settings.shopName, agentName: settings.agentName, shopNameEn: settings.shopNameEn, agentNameEn: settings.agentNameEn, signature: settings.signature, promotion: settings.promotion, hours: settings.hours };
    const all = draftAll({ review: { text: review.text, rating: ratingForReply(review), buyer: review.buyer, product: review.product }, classification: c, lang: c.lang, settings: draftSettings });
    return { warm: all.warm.text, brief: all.brief.text, formal: all.formal.text };
  }, [settings.shopName, settings.agentName, settings.shopNameEn, settings.agentNameEn, settings.signature, settings.promotion, settings.hours, review.text, review.rating, review.buyer, review.product, c]);
  const local = useMemo(() => (stored ? followSettings(stored, templates) : null), [stored, templates]);
  const texts = local?.texts ?? null;
  const variant = local?.variant ?? 'warm';
  const draftId = local?.draftId ?? null;
  const text = texts?.[variant] ?? '';
  // Live tone check as the agent edits (tens of µs per reply: cheap enough per keystroke).
  // The reasons are read by the agent: in the UI's language, whatever the review's (an English review under a zh-TW UI).
  const findings = useMemo<ToneFinding[]>(() => (text ? checkTone(text, uiLang, { buyerName: review.buyer || null }) : []), [text, uiLang, review.buyer]);
  /** Every change starts from the draft as it reads now (followSettings), so an untouched variant is written with today's settings. */
  const update = (next: (prev: CardDraft | null) => CardDraft) => setCardDraft(review.key, (prev) => next(prev ? followSettings(prev, templates) : null));
  // The draft edited in the dashboard's history since this card saved or opened it.
  const stale = local ? againstStored(local, last) : null;
  useEffect(() => {
    if (stale === 'newer' && last) setCardDraft(review.key, (prev) => (prev ? adoptStored(prev, last) : prev!));
  }, [stale, last, review.key]);
  const pristine = (d: CardDraft) => DRAFT_VARIANTS.every((v) => d.texts[v] === templates[v]);
  const edited = local !== null && !pristine(local);

  const setVariant = (v: DraftVariant) => update((prev) => ({ ...prev, texts: prev?.texts ?? templates, base: prev?.base ?? templates, draftId: prev?.draftId ?? null, variant: v }));

  /**
   * "Draft" opens the card and never replaces what is there: the agent's text from this sidebar
   * if any, else the reply stored for this review (saved or inserted earlier, e.g. before a
   * reload), else fresh templates. An untouched, never-saved template yields to a stored reply
   * (Draft clicked before the page's history arrived).
   */
  const draft = () => {
    if (!local || (local.draftId === null && last && pristine(local))) {
      setCardDraft(review.key, last ? { texts: { ...templates, [last.variant]: last.text }, base: templates, variant: last.variant, draftId: last.id, saved: { variant: last.variant, text: last.text, at: last.updatedAt } } : { texts: templates, base: templates, variant: 'warm', draftId: null });
    }
    setStatus(null);
    setConfirming(false);
    setRegenConfirming(false);
    onOpen();
  };

  /** Fresh templates over what is in the box: the one action that discards text, so it asks when there is an edit. */
  const regenerate = (force: boolean) => {
    if (edited && !force) {
      setRegenConfirming(true);
      return;
    }
    setRegenConfirming(false);
    // The stored draft id is kept: saving the new text updates that draft rather than adding one.
    update((prev) => ({ ...prev, texts: templates, base: templates, variant: prev?.variant ?? 'warm', draftId: prev?.draftId ?? null }));
    setStatus(null);
  };

  const fields = () => ({ id: draftId, site: link.state?.site ?? '', url: link.state?.url ?? '', review, cause: c.cause, variant, lang: c.lang, text });

  const save = async (): Promise<ReviewDraft> => {
    const saved = await askBackground('review:draft-save', fields());
    update((prev) => ({ ...prev, texts: prev?.texts ?? templates, base: prev?.base ?? templates, variant: prev?.variant ?? variant, draftId: saved.id, saved: { variant: saved.variant, text: saved.text, at: saved.updatedAt } }));
    return saved;
  };

  const insert = (force: boolean, click?: Click) => work.run(() => insertNow(force), click);
  const insertNow = async (force: boolean) => {
    if (link.tabId === null || !text.trim()) return;
    if (findings.length && !force) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    try {
      const res = await askOverlay(link.tabId, 'overlay:insert', { text, cursorOffset: null, reviewKey: review.key, replaceBefore: null });
      if (!res.ok && res.reason === 'clipboard-needed') {
        // The page's box refused every strategy: the reply is on the clipboard for a Ctrl+V, or it could not be put there.
        const copied = await onClipboardForPaste(res, text);
        setStatus({ kind: 'error', text: t(copied ? 'rvCopyInstead' : 'copyFailed'), testid: copied ? 'review-insert-copied' : 'review-insert-error' });
        return;
      }
      if (!res.ok) {
        setStatus({ kind: 'error', text: t('rvInsertFailed', { message: whyNotInserted(t, 'review', res) }), testid: 'review-insert-error' });
        return;
      }
      const saved = await save();
      await askBackground('review:mark-sent', { id: saved.id });
      // The box or its submit button under this sidebar (a 1366 px window): where to reach it, not only "submit it on the page".
      const said = res.covered === 'beside' ? t('rvInsertedCovered', { beside: t('sidebarBeside') }) : res.covered === 'close' ? t('rvInsertedCoveredNarrow') : t('rvInserted');
      setStatus({ kind: 'ok', text: said, testid: 'review-inserted' });
    } catch (e) {
      setStatus({ kind: 'error', text: t('rvInsertFailed', { message: whyInsertThrew(t, e) }), testid: 'review-insert-error' });
    }
  };

  const openCase = async () => {
    setBusy(true);
    try {
      const vars = { buyer: review.buyer || '—', product: review.product || '—', date: review.date || '—', rating: review.rating ?? '—', text: review.text.slice(0, 2000) };
      const opened = await askBackground('review:open-case', {
        site: link.state?.site ?? '',
        url: link.state?.url ?? '',
        pageTitle: link.state?.title ?? '',
        review,
        title: t('rvCaseTitle', vars).slice(0, 500),
        note: t('rvCaseNote', vars),
      });
      setCaseStatus(opened.existing ? { kind: 'ok', text: t('rvCaseExisting'), testid: 'review-case-existing' } : { kind: 'ok', text: t('rvCaseOpened'), testid: 'review-case-opened' });
    } catch (e) {
      setCaseStatus({ kind: 'error', text: t('rvCaseFailed', { message: knownFailure(e, t) ?? (e instanceof Error ? e.message : String(e)) }), testid: 'review-case-error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="review-card" data-testid="review-card" data-review-key={review.key} data-cause={c.cause} data-causes={causes.join(' ')} data-rating={review.rating ?? ''} data-answered={answered} style={{ borderBottom: '1px solid var(--line)', padding: '8px 0' }}>
      <div className="reply-line small">
        <strong>{review.rating === null ? t('rvNoRating') : t('rvStars', { n: review.rating })}</strong>
        {causes.map((k) => (
          <span key={k} className="chip" data-testid="review-cause" data-cause={k} title={k === c.cause ? `${Math.round(c.confidence * 100)}%` : undefined}>
            {t(`rvCause_${k}` as MessageKey)}
          </span>
        ))}
        <span className={answered ? 'muted' : 'error'}>{answered ? t('rvAnswered') : t('rvUnanswered')}</span>
        <span className="muted">{review.buyer}</span>
        <span className="muted">{review.date}</span>
      </div>
      {review.product ? <div className="muted small">{review.product}</div> : null}
      <Highlighted text={review.text} hits={decisive} />
      {c.evidence.length ? (
        <div className="muted small" data-testid="review-evidence">
          {/* The colon and brackets belong to the language (full-width in Chinese): in the strings, not here. */}
          {t(c.fallback ? 'rvDecidingWordsGuessed' : 'rvDecidingWords', { words: c.evidence.join(' · ') })}
        </div>
      ) : null}
      {last ? (
        <div className="muted small" data-testid="review-last">
          {t(last.status === 'submitted' ? 'rvLastSubmitted' : last.status === 'sent' ? 'rvLastSent' : 'rvLastDraft', { time: formatDateTime(uiLang, last.updatedAt) })}
        </div>
      ) : null}
      {malicious ? (
        <div className="small" style={{ color: 'var(--warn)' }}>
          {t('rvMalicious')}{' '}
          <button type="button" data-testid="review-open-case" disabled={busy || caseStatus?.kind === 'ok'} onClick={() => void openCase()}>
            {t('rvOpenCase')}
          </button>
          {caseStatus ? (
            <span className={caseStatus.kind} role="status" tabIndex={-1} ref={caseStatusRef} data-testid={caseStatus.testid}>
              {' '}
              {caseStatus.text}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="actions" style={{ marginTop: 4 }}>
        <button type="button" data-testid="review-draft" onClick={draft}>
          {local || last ? t('rvOpenDraft') : t('rvDraft')}
        </button>
      </div>
      {open && texts ? (
        <div
          className="reply-editor"
          style={{ marginTop: 6 }}
          onKeyDown={(e) => {
            // Esc answers an open question ("Insert anyway?", "Replace your edit?") with Cancel; it closed the
            // whole sidebar instead, question and all. With no question open it still closes the sidebar.
            if (e.key !== 'Escape' || !(confirming || regenConfirming)) return;
            e.preventDefault();
            e.nativeEvent.preventDefault();
            setConfirming(false);
            setRegenConfirming(false);
          }}
        >
          <div className="categories" role="tablist" onKeyDown={chooseOnArrow}>
            {DRAFT_VARIANTS.map((v) => (
              <button key={v} type="button" role="tab" aria-selected={variant === v} data-testid={`review-variant-${v}`} onClick={() => setVariant(v)}>
                {t(`rvVariant_${v}` as MessageKey)}
              </button>
            ))}
          </div>
          <label>
            {t('rvReplyText')}
            <textarea
              data-testid="review-reply-text"
              rows={8}
              value={text}
              onChange={(e) => {
                const value = e.target.value;
                update((prev) => ({ ...prev, texts: { ...(prev?.texts ?? templates), [variant]: value }, base: prev?.base ?? templates, variant, draftId: prev?.draftId ?? null }));
                setStatus(null);
              }}
            />
          </label>
          {stale === 'conflict' ? (
            <p className="muted small" role="status" data-testid="review-edited-elsewhere">
              {t('rvEditedElsewhere')}
            </p>
          ) : null}
          <ToneFindings findings={findings} testid="review-tone" />
          {confirming ? (
            <div role="alertdialog" data-testid="review-confirm" style={{ border: '1px solid var(--danger)', borderRadius: 6, padding: 6 }}>
              <strong className="error">{t('rvConfirmTitle')}</strong>
              <ToneFindings findings={findings} testid="review-confirm-findings" />
              <div className="actions">
                <button type="button" className="primary" data-testid="review-insert-anyway" onClick={(e) => void insert(true, e)}>
                  {t('rvInsertAnyway')}
                </button>
                <button type="button" autoFocus data-testid="review-confirm-cancel" onClick={() => setConfirming(false)}>
                  {t('rvCancel')}
                </button>
              </div>
            </div>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" data-testid="review-insert" disabled={busy || !text.trim()} onClick={(e) => void insert(false, e)}>
              {t('rvInsert')}
            </button>
            <button
              type="button"
              data-testid="review-save"
              disabled={busy || !text.trim()}
              onClick={(click) =>
                void work.run(
                  () =>
                    save()
                      .then(() => setStatus({ kind: 'ok', text: t('rvSaved'), testid: 'review-saved' }))
                      .catch((e: unknown) => setStatus({ kind: 'error', text: failureText(e, t), testid: 'review-save-error' })),
                  click,
                )
              }
            >
              {t('rvSave')}
            </button>
            <button type="button" data-testid="review-regenerate" disabled={busy} onClick={() => regenerate(false)}>
              {t('rvRegenerate')}
            </button>
          </div>
          {regenConfirming ? (
            <div role="alertdialog" data-testid="review-regenerate-confirm" style={{ border: '1px solid var(--danger)', borderRadius: 6, padding: 6 }}>
              <strong className="error">{t('rvRegenerateTitle')}</strong>
              <div className="actions">
                <button type="button" className="primary" data-testid="review-regenerate-anyway" onClick={() => regenerate(true)}>
                  {t('rvRegenerateAnyway')}
                </button>
                <button type="button" autoFocus data-testid="review-regenerate-cancel" onClick={() => setRegenConfirming(false)}>
                  {t('rvCancel')}
                </button>
              </div>
            </div>
          ) : null}
          {status ? (
            <p className={`${status.kind} small`} role="status" data-testid={status.testid}>
              {status.text}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function ToneFindings({ findings, testid }: { findings: ToneFinding[]; testid: string }) {
  const { t, lang } = useI18n();
  if (!findings.length) {
    return (
      <p className="ok small" data-testid={`${testid}-ok`}>
        {t('rvToneOk')}
      </p>
    );
  }
  return (
    <div className="small" data-testid={testid}>
      <span className="error">{t(countKey(lang, findings.length, 'rvToneFindingsOne', 'rvToneFindings'), { n: findings.length })}</span>
      <ul style={{ margin: '2px 0', paddingLeft: 18 }}>
        {findings.map((f, i) => (
          <li key={i} data-testid={`${testid}-finding`} data-kind={f.kind}>
            <mark>{f.excerpt}</mark> — {t('rvFinding', { kind: t(`rvKind_${f.kind}` as MessageKey), reason: f.reason })}
          </li>
        ))}
      </ul>
    </div>
  );
}
