import { describe, expect, it } from 'vitest';
import { LANGS, REVIEW_CAUSES } from '../../../lib/schema/index.ts';
import { LABELLED_REVIEWS } from './labelled-reviews.ts';

describe('labelled review set', () => {
  it('has at least 180 reviews, every cause at least 15 times', () => {
    expect(LABELLED_REVIEWS.length).toBeGreaterThanOrEqual(180);
    for (const cause of REVIEW_CAUSES) {
      expect(LABELLED_REVIEWS.filter((r) => r.cause === cause).length, cause).toBeGreaterThanOrEqual(15);
    }
  });

  it('holds out about a third, covering every cause', () => {
    const held = LABELLED_REVIEWS.filter((r) => r.held);
    const share = held.length / LABELLED_REVIEWS.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.4);
    for (const cause of REVIEW_CAUSES) expect(held.some((r) => r.cause === cause), cause).toBe(true);
  });

  it('covers zh-CN, zh-TW and en, and short, long, emoji and sarcastic reviews', () => {
    for (const lang of LANGS) expect(LABELLED_REVIEWS.filter((r) => r.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
    expect(LABELLED_REVIEWS.some((r) => r.text === '垃圾')).toBe(true);
    expect(LABELLED_REVIEWS.some((r) => r.text.length > 100)).toBe(true);
    expect(LABELLED_REVIEWS.some((r) => /\p{Extended_Pictographic}/u.test(r.text))).toBe(true);
    // 5★ reviews that are not praise: sarcasm and mixed reviews must be in the set.
    expect(LABELLED_REVIEWS.filter((r) => r.rating === 5 && r.cause !== 'praise').length).toBeGreaterThanOrEqual(2);
  });

  it('has no duplicate texts and only valid ratings', () => {
    const texts = LABELLED_REVIEWS.map((r) => r.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const r of LABELLED_REVIEWS) {
      expect(r.rating).toBeGreaterThanOrEqual(1);
      expect(r.rating).toBeLessThanOrEqual(5);
    }
  });
});
