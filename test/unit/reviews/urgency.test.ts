import { describe, expect, it } from 'vitest';
import { reviewTime, sortByUrgency } from '../../../lib/reviews/urgency.ts';
import type { PageReview } from '../../../lib/schema/index.ts';

const r = (key: string, rating: number | null, date: string, sellerReply: string | null = null): { review: PageReview } => ({
  review: { key, rating, text: key, buyer: 'b***1', product: 'p', date, sellerReply },
});

describe('sortByUrgency', () => {
  it('puts unanswered first, then lowest rating, then newest', () => {
    const sorted = sortByUrgency([
      r('5-new', 5, '2026-11-21 10:00'),
      r('1-old', 1, '2026-11-10 09:00'),
      r('1-answered', 1, '2026-11-21 11:00', '已处理'),
      r('1-new', 1, '2026-11-20 09:00'),
      r('3', 3, '2026-11-21 09:00'),
      r('none', null, '2026-11-21 09:00'),
    ]).map((x) => x.review.key);
    expect(sorted).toEqual(['1-new', '1-old', '3', 'none', '5-new', '1-answered']);
  });

  it('treats an empty seller reply as unanswered and keeps page order for unreadable dates', () => {
    const sorted = sortByUrgency([r('a', 2, 'yesterday'), r('b', 2, '?', '  '), r('c', 2, '2026-01-01')]).map((x) => x.review.key);
    expect(sorted).toEqual(['c', 'a', 'b']);
  });
});

describe('reviewTime', () => {
  it('reads the date formats review pages use', () => {
    expect(reviewTime('2026-11-21 08:35')).toBe(Date.UTC(2026, 10, 21, 8, 35));
    expect(reviewTime('2026年11月21日')).toBe(Date.UTC(2026, 10, 21));
    expect(reviewTime('Nov 21, 2026')).not.toBeNaN();
    expect(reviewTime('刚刚')).toBeNaN();
  });
});
