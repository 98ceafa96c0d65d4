/**
 * Which review to answer first (issue 6, sidebar order).
 *
 * Unanswered reviews come before answered ones (an answered review needs no action, however low
 * its rating); within each group the lowest rating first (a 1★ review hurts the shop most and
 * future buyers read it first), then the newest (domain §5: reply promptly). A review without a
 * rating sits between 3★ and 4★; one whose date cannot be read keeps its page order.
 */
import type { PageReview } from '../schema/index.ts';

/** Milliseconds for the date texts review pages show ("2026-11-21 08:35", "2026年11月21日", "Nov 21, 2026"), or NaN. */
export function reviewTime(date: string): number {
  const zh = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(date);
  if (zh) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = zh;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  }
  const t = Date.parse(date);
  return Number.isFinite(t) ? t : NaN;
}

export function sortByUrgency<T extends { review: PageReview }>(items: readonly T[]): T[] {
  const keyed = items.map((item, index) => ({
    item,
    index,
    answered: item.review.sellerReply !== null && item.review.sellerReply.trim() !== '' ? 1 : 0,
    rating: item.review.rating ?? 3.5,
    time: reviewTime(item.review.date),
  }));
  keyed.sort((a, b) => {
    if (a.answered !== b.answered) return a.answered - b.answered;
    if (a.rating !== b.rating) return a.rating - b.rating;
    const at = Number.isNaN(a.time) ? -Infinity : a.time;
    const bt = Number.isNaN(b.time) ? -Infinity : b.time;
    if (at !== bt) return bt - at;
    return a.index - b.index;
  });
  return keyed.map((k) => k.item);
}
