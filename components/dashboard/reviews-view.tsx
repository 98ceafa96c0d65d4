/**
 * Reviews (issue 6): the history of review-reply drafts and replies inserted into review pages,
 * newest first, filterable by status and cause. "Inserted", not "sent": Xiaoer fills the page's
 * reply box; the page's submit button is not observed — a reply becomes "Submitted" when the sidebar
 * later reads that very text under the review on the page.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../lib/db';
import { formatDateTime, type MessageKey } from '../../lib/i18n';
import { REVIEW_CAUSES, type Lang, type ReviewCause, type ReviewDraft } from '../../lib/schema';
import { askBackground } from '../ext';
import { failureText } from '../failure-text';
import { FoldedReview } from '../folded-review';
import { useI18n } from '../i18n';
import { useOneAtATime } from '../one-at-a-time';
import { countKey } from '../plural';

/** A cross-border seller's history mixes English and Chinese replies: each row names its language. */
const LANG_KEY: Record<Lang, MessageKey> = { 'zh-CN': 'langZhCN', 'zh-TW': 'langZhTW', en: 'langEn' };

type StatusFilter = 'all' | ReviewDraft['status'];

export function ReviewsView() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [cause, setCause] = useState<'all' | ReviewCause>('all');
  const rows = useLiveQuery(() => getDb().reviewDrafts.orderBy('updatedAt').reverse().toArray(), []);
  const shown = (rows ?? []).filter((r) => (status === 'all' || r.status === status) && (cause === 'all' || r.cause === cause));
  const [failed, setFailed] = useState<string | null>(null);
  // A history only grew: a draft abandoned, or written for the wrong review, stayed in it for good.
  const deleting = useOneAtATime();
  const remove = (r: ReviewDraft) =>
    deleting.run(async () => {
      if (!confirm(t(r.status === 'draft' ? 'rvConfirmDeleteDraft' : 'rvConfirmDeleteSent'))) return;
      setFailed(null);
      await askBackground('review:draft-delete', { id: r.id }).catch((e: unknown) => setFailed(failureText(e, t)));
    });
  // Edit: a draft corrected here, at the desk, without the review page open. Saved as the sidebar saves it
  // (review:draft-save: an inserted reply edited becomes a draft again). A sidebar card holding this draft
  // takes the new text unless the seller typed there since its last save (reviews-panel.tsx).
  // `base` is the stored record the editor opened (or last took the text of): a save from the sidebar after it
  // was silently overwritten by Save here, and a reply inserted on the page meanwhile went back to a draft.
  // Now a newer record is said (in the row, as the sidebar says a history edit), the seller's typing stays, the
  // newer text is one click away, and Save replaces only a record the seller has been shown.
  const [editing, setEditing] = useState<{ id: string; text: string; base: Pick<ReviewDraft, 'updatedAt' | 'status'>; newer?: ReviewDraft } | null>(null);
  const saving = useOneAtATime();
  const openEditor = (r: ReviewDraft) => setEditing({ id: r.id, text: r.text, base: { updatedAt: r.updatedAt, status: r.status } });
  /** The stored record saved after the one the editor opened, as far as this view knows (the live row, or what Save read). */
  const newerThanEditor = (r: ReviewDraft): ReviewDraft | null => {
    if (!editing || editing.id !== r.id) return null;
    if (r.updatedAt !== editing.base.updatedAt) return r;
    return editing.newer && editing.newer.updatedAt !== editing.base.updatedAt ? editing.newer : null;
  };
  const saveEdit = (r: ReviewDraft, text: string, shown: ReviewDraft | null) =>
    saving.run(async () => {
      setFailed(null);
      try {
        // The live row can trail a save the sidebar made a moment ago: the stored record decides. One the seller
        // has not been shown is not overwritten — it is shown, and the next Save (seen) replaces it.
        const stored = await getDb().reviewDrafts.get(r.id);
        if (stored && editing && stored.updatedAt !== editing.base.updatedAt && stored.updatedAt !== shown?.updatedAt) {
          setEditing((e) => (e && e.id === r.id ? { ...e, newer: stored } : e));
          return;
        }
        await askBackground('review:draft-save', { id: r.id, site: r.site, url: r.url, review: r.review, cause: r.cause, variant: r.variant, lang: r.lang, text });
        setEditing(null);
      } catch (e) {
        setFailed(failureText(e, t));
      }
    });
  return (
    <section data-testid="reviews-view">
      <div className="actions" style={{ alignItems: 'center', marginBottom: 8 }}>
        <span className="muted" data-testid="reviews-history-count">
          {t(countKey(lang, shown.length, 'rvHistoryCountOne', 'rvHistoryCount'), { n: shown.length })}
        </span>
        <label>
          {t('rvFilterStatus')}{' '}
          <select data-testid="reviews-filter-status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">{t('rvAll')}</option>
            <option value="draft">{t('rvStatus_draft')}</option>
            <option value="sent">{t('rvStatus_sent')}</option>
            <option value="submitted">{t('rvStatus_submitted')}</option>
          </select>
        </label>
        <label>
          {t('rvFilterCause')}{' '}
          <select data-testid="reviews-filter-cause" value={cause} onChange={(e) => setCause(e.target.value as 'all' | ReviewCause)}>
            <option value="all">{t('rvAll')}</option>
            {REVIEW_CAUSES.map((c) => (
              <option key={c} value={c}>
                {t(`rvCause_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {failed ? (
        <p className="error" role="status" data-testid="reviews-history-error">
          {failed}
        </p>
      ) : null}
      {/* "No review replies yet" only when there are none: under filters that match nothing it told a seller with a history that they had none. */}
      {rows && !shown.length ? (
        <p className="muted" data-testid="reviews-history-empty">
          {t(rows.length ? 'rvHistoryNoMatch' : 'rvHistoryEmpty')}
        </p>
      ) : null}
      {shown.length ? (
        <table className="replies-table reviews-history" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}>{t('rvColTime')}</th>
              <th style={{ textAlign: 'left' }}>{t('rvFilterStatus')}</th>
              <th style={{ textAlign: 'left' }}>{t('rvFilterCause')}</th>
              <th style={{ textAlign: 'left' }}>{t('rvColReview')}</th>
              <th style={{ textAlign: 'left' }}>{t('rvColReply')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-testid="reviews-history-row" data-status={r.status} data-cause={r.cause} data-review-key={r.review.key} style={{ verticalAlign: 'top', borderTop: '1px solid var(--line)' }}>
                <td className="muted" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(lang, r.updatedAt)}
                </td>
                {/* Kept whole: at 1366×768 the reply column squeezed these to one character per line ("已填/入", "品/質"). */}
                <td style={{ whiteSpace: 'nowrap' }}>
                  <span className="chip" data-testid="reviews-history-status">{t(`rvStatus_${r.status}` as const)}</span>
                </td>
                <td style={{ whiteSpace: 'nowrap' }} data-testid="reviews-history-cause">{t(`rvCause_${r.cause}` as MessageKey)}</td>
                <td style={{ maxWidth: 320 }}>
                  <div className="muted small" data-testid="reviews-history-meta">
                    {/* Only what the review showed: a backend without buyer or product names left "1★ ·  ·  · date". */}
                    {[r.review.rating === null ? t('rvNoRating') : t('rvStars', { n: r.review.rating }), r.review.buyer, r.review.product, r.review.date]
                      .filter((part) => part.trim())
                      .join(' · ')}
                  </div>
                  <FoldedReview text={r.review.text} testid="reviews-history-review">
                    {r.review.text}
                  </FoldedReview>
                  <div className="muted small" style={{ wordBreak: 'break-all' }}>
                    {r.url}
                  </div>
                </td>
                <td style={{ maxWidth: 420 }}>
                  <div className="muted small" data-testid="reviews-history-lang">
                    {t(LANG_KEY[r.lang])}
                  </div>
                  {editing?.id === r.id ? (
                    <div>
                      {newerThanEditor(r) ? (
                        <p className="muted small" role="status" data-testid="reviews-history-edit-newer">
                          {t(newerThanEditor(r)!.status === 'draft' ? 'rvHistorySavedSince' : 'rvHistoryInsertedSince')}{' '}
                          <button
                            type="button"
                            data-testid="reviews-history-edit-load-newer"
                            onClick={() => {
                              const newer = newerThanEditor(r)!;
                              setEditing({ id: r.id, text: newer.text, base: { updatedAt: newer.updatedAt, status: newer.status } });
                            }}
                          >
                            {t('rvHistoryLoadNewer')}
                          </button>
                        </p>
                      ) : null}
                      <textarea
                        data-testid="reviews-history-edit-text"
                        aria-label={t('rvColReply')}
                        rows={6}
                        style={{ width: '100%' }}
                        value={editing.text}
                        maxLength={20_000}
                        onChange={(e) => {
                          const value = e.target.value;
                          setEditing((prev) => (prev ? { ...prev, text: value } : prev));
                        }}
                      />
                      <div className="actions">
                        <button type="button" className="primary" data-testid="reviews-history-edit-save" disabled={saving.busy || !editing.text.trim()} onClick={() => void saveEdit(r, editing.text, newerThanEditor(r))}>
                          {t('save')}
                        </button>
                        <button type="button" data-testid="reviews-history-edit-cancel" onClick={() => setEditing(null)}>
                          {t('cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <div style={{ whiteSpace: 'pre-wrap' }} data-testid="reviews-history-reply">
                      {r.text}
                    </div>
                  )}
                </td>
                <td>
                  {editing?.id === r.id ? null : (
                    <button type="button" data-testid="reviews-history-edit" onClick={() => openEditor(r)}>
                      {t('edit')}
                    </button>
                  )}{' '}
                  <button type="button" data-testid="reviews-history-delete" disabled={deleting.busy} onClick={() => void remove(r)}>
                    {t('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
