/**
 * Which review a saved reply draft answers, independent of the page URL it was saved on.
 *
 * Review backends put the page number in the URL (?page=2): drafts found by URL were lost as soon
 * as new reviews pushed a review to the next page. A draft is matched by the review's key (the
 * platform's review id, else the generic reader's content fingerprint — lib/sites/generic.ts
 * withKeys), else by what the review shows (this identity), so drafts saved under an older key
 * scheme — or before the page rendered its ids — are still found. Both only within one host:
 * the generic reader serves every unknown backend under one site id, and review ids are the
 * backend's own.
 */
import { fnv1a } from '../fnv1a.ts';
import type { PageReview } from '../schema/index.ts';

/**
 * What the review shows, hashed: rating, buyer, date and text (not the product line, which
 * backends truncate differently by layout). Null when it shows too little to tell reviews apart
 * (no text, and no buyer or no date).
 */
export function reviewIdentity(r: Pick<PageReview, 'rating' | 'buyer' | 'date' | 'text'>): string | null {
  const text = r.text.trim();
  if (!text && !(r.buyer.trim() && r.date.trim())) return null;
  return `ri-${fnv1a(`${r.rating ?? ''}\u0000${r.buyer.trim()}\u0000${r.date.trim()}\u0000${text}`).toString(36)}`;
}

/** The host drafts are shared within ('' for a URL without one: then only the same URL matches). */
export function draftScope(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The newest draft for this review among `drafts` (newest first): by key, else by what it shows. */
export function draftForReview<D extends { review: PageReview }>(drafts: readonly D[], review: PageReview): D | null {
  const byKey = drafts.find((d) => d.review.key === review.key);
  if (byKey) return byKey;
  const id = reviewIdentity(review);
  return id ? (drafts.find((d) => reviewIdentity(d.review) === id) ?? null) : null;
}
