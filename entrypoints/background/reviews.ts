/**
 * Review-reply drafts and malicious-review cases (issue 6), for the sidebar.
 *
 * The sidebar is a third-party frame that may not open IndexedDB, so every draft it saves and
 * every case it opens goes through here. Drafts live in `reviewDrafts` ('draft' when saved,
 * 'sent' when inserted into the page's reply box — the page's own submit button is not observed,
 * so the UI calls it "inserted"; 'submitted' when the sidebar reads that very reply under the review
 * on the page). A case for a malicious review is written with the review
 * captured as evidence through `saveEvidence` (the only evidence writer): a hash-chained
 * review.json, whose caseId is fixed at capture, so the case id is chosen first.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { isoWithOffset, saveEvidence } from '../../lib/evidence/store';
import { DATA_CHANGED, envelope, XiaoerError } from '../../lib/messaging';
import { draftScope, reviewIdentity } from '../../lib/reviews/identity';
import { Case, ReviewDraft, type PageReview } from '../../lib/schema';
import type { HandlerMap } from './handlers';

async function reviewsChanged(tables: string[]): Promise<void> {
  await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables })).catch(() => null);
}

/**
 * The review as evidence: fixed key order, so the same review always hashes the same and a
 * platform reviewer reads the fields in a sensible order.
 */
export function reviewEvidenceJson(review: PageReview, url: string, capturedAt: string): string {
  return JSON.stringify(
    {
      key: review.key,
      rating: review.rating,
      buyer: review.buyer,
      product: review.product,
      date: review.date,
      text: review.text,
      sellerReply: review.sellerReply,
      url,
      capturedAt,
    },
    null,
    2,
  );
}

/**
 * The case already opened for this review on this host, found through the review it keeps as
 * evidence (review.json: by the review's key, else by what it shows — lib/reviews/identity.ts).
 * The card forgets its "case opened" on a reload, so a second click made a second case with a
 * second copy of the same evidence on the seller's board.
 */
async function caseOpenedFor(db: ReturnType<typeof getDb>, review: PageReview, url: string): Promise<{ caseId: string; evidenceId: string; evidenceHash: string } | null> {
  const scope = draftScope(url);
  const identity = reviewIdentity(review);
  const kept = await db.evidence.where('kind').equals('review').toArray();
  for (const e of kept.sort((a, b) => b.seq - a.seq)) {
    if (!e.caseId || (scope ? draftScope(e.url) !== scope : e.url !== url)) continue;
    // A case deleted, or the review taken off it: a new one may be opened.
    const held = await db.cases.get(e.caseId);
    if (!held?.timeline.some((x) => x.kind === 'evidence' && x.evidenceId === e.id)) continue;
    const file = await db.artifacts.where('evidenceId').equals(e.id).filter((a) => a.name === 'review.json').first();
    if (!file) continue;
    let shown: PageReview;
    try {
      shown = JSON.parse(await file.data.text()) as PageReview;
    } catch {
      continue; // bytes deleted (a tombstone) or not a review: nothing to match
    }
    if (shown.key === review.key || (identity !== null && typeof shown.text === 'string' && reviewIdentity(shown) === identity)) {
      return { caseId: e.caseId, evidenceId: e.id, evidenceHash: e.hash };
    }
  }
  return null;
}

export const reviewsHandlers = {
  'review:draft-save': async (p) => {
    const db = getDb();
    const now = new Date().toISOString();
    const existing = p.id ? await db.reviewDrafts.get(p.id) : undefined;
    // A draft whose stored record went meanwhile (deleted in the dashboard, or a restore of a backup
    // made before it) is stored again under its id: the seller pressed Save on the text in front of
    // them. Was refused — in English — and the text could not be kept at all.
    const record = ReviewDraft.parse({
      id: existing?.id ?? (p.id?.startsWith('rd-') ? p.id : `rd-${crypto.randomUUID()}`),
      site: p.site,
      url: p.url,
      review: p.review,
      cause: p.cause,
      variant: p.variant,
      lang: p.lang,
      text: p.text,
      // Editing an inserted reply again makes it a draft again until it is inserted anew.
      status: 'draft',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.reviewDrafts.put(record);
    await reviewsChanged(['reviewDrafts']);
    return record;
  },
  'review:mark-sent': async ({ id }) => {
    const db = getDb();
    const existing = await db.reviewDrafts.get(id);
    if (!existing) throw new XiaoerError('not-found', 'This draft no longer exists.', { what: 'draft' });
    const record: ReviewDraft = { ...existing, status: 'sent', updatedAt: new Date().toISOString() };
    await db.reviewDrafts.put(record);
    await reviewsChanged(['reviewDrafts']);
    return record;
  },
  'review:mark-submitted': async ({ id }) => {
    const db = getDb();
    const existing = await db.reviewDrafts.get(id);
    if (!existing) throw new XiaoerError('not-found', 'This draft no longer exists.', { what: 'draft' });
    // A draft edited (saved) since it was inserted is not what the page shows: it stays a draft.
    if (existing.status !== 'sent') return existing;
    const record: ReviewDraft = { ...existing, status: 'submitted', updatedAt: new Date().toISOString() };
    await db.reviewDrafts.put(record);
    await reviewsChanged(['reviewDrafts']);
    return record;
  },
  'review:draft-delete': async ({ id }) => {
    const db = getDb();
    // Through here, not the dashboard's own Dexie: an open sidebar hears DATA_CHANGED and stops
    // offering the deleted draft as its review's last reply.
    const held = await db.reviewDrafts.get(id);
    if (!held) return { deleted: false };
    await db.reviewDrafts.delete(id);
    await reviewsChanged(['reviewDrafts']);
    return { deleted: true };
  },
  'review:history': async ({ url, keys, identities }) => {
    // By the review, not the URL (lib/reviews/identity.ts): a backend that pages with ?page=2 showed
    // a review's saved draft only on the page it was saved on. Drafts saved on this very URL still
    // come back whatever their key (older drafts), and nothing crosses to another host.
    const scope = draftScope(url);
    const wantKeys = new Set(keys ?? []);
    const wantIds = new Set(identities ?? []);
    const mine = (d: ReviewDraft) => {
      if (d.url === url) return true;
      if (!scope || draftScope(d.url) !== scope) return false;
      if (wantKeys.has(d.review.key)) return true;
      const id = wantIds.size ? reviewIdentity(d.review) : null;
      return id !== null && wantIds.has(id);
    };
    // No url index in schema v1 (kept to v1 on purpose): drafts are few, a filtered scan is fine.
    const rows = await getDb().reviewDrafts.filter(mine).toArray();
    return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 500);
  },
  'review:open-case': async ({ site, url, pageTitle, review, title, note }) => {
    const db = getDb();
    const opened = await caseOpenedFor(db, review, url);
    if (opened) return { ...opened, existing: true };
    const caseId = `case-${crypto.randomUUID()}`;
    const buyerId = review.buyer ? `${site}:${review.buyer}` : null;
    const capturedAt = isoWithOffset();
    const json = reviewEvidenceJson(review, url, capturedAt);
    const evidence = await saveEvidence(
      db,
      {
        kind: 'review',
        capturedAt,
        url,
        title: pageTitle,
        site,
        buyerId,
        buyerName: review.buyer || null,
        orderId: null,
        caseId,
        note,
        extensionVersion: browser.runtime.getManifest().version,
      },
      [{ name: 'review.json', mime: 'application/json', data: new Blob([json], { type: 'application/json' }) }],
    );
    const now = isoWithOffset();
    const record = Case.parse({
      id: caseId,
      type: 'malicious-review',
      status: 'open',
      title,
      site,
      buyerId,
      buyerName: review.buyer,
      orderId: '',
      timeline: [
        { at: now, kind: 'note', text: note, evidenceId: null },
        { at: now, kind: 'evidence', text: 'review.json', evidenceId: evidence.id },
      ],
      replyDueAt: null,
      followUpAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // The evidence is already sealed; if this write failed, the evidence record still names the
    // case id and the error reaches the sidebar, which says the case was not opened.
    await db.cases.add(record);
    await reviewsChanged(['cases', 'evidence']);
    return { caseId, evidenceId: evidence.id, evidenceHash: evidence.hash, existing: false };
  },
} satisfies HandlerMap<'review:draft-save' | 'review:mark-sent' | 'review:mark-submitted' | 'review:draft-delete' | 'review:history' | 'review:open-case'>;
