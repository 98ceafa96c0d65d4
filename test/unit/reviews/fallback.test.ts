import { describe, expect, it } from 'vitest';
import { classifyReview } from '../../../lib/reviews/classify.ts';
import { REVIEW_CAUSES } from '../../../lib/schema/index.ts';
import { BLIND_REVIEWS } from './blind-reviews.ts';

// Behaviour examples written for this test, not rows of the labelled, probe or blind sets.
describe('low-rating topic fallback', () => {
  it.each([
    ['包裹到现在都没消息', 1, 'logistics', '包裹'],
    ['The parcel took a while', 2, 'logistics', 'parcel'],
    ['盒子有点问题', 2, 'packaging', '盒'],
    ['照片拍得真好看', 2, 'expectation', '照片'],
    ['not happy with the price I paid', 2, 'price', 'price'],
  ] as const)('%s (%i★) → %s via a topic word', (text, rating, cause, word) => {
    const c = classifyReview({ text, rating });
    expect(c.cause).toBe(cause);
    expect(c.fallback).toBe(true);
    expect(c.evidence).toContain(word);
    // A guess is never shown as confident.
    expect(c.confidence).toBeLessThanOrEqual(0.4);
    expect(c.hits.some((h) => h.topic && h.phrase === word)).toBe(true);
  });

  it('reads the clause after a contrast on a praised 4★ review', () => {
    const c = classifyReview({ text: '东西不错，就是物流有点拖沓', rating: 4 });
    expect(c.cause).toBe('logistics');
    expect(c.fallback).toBe(true);
  });

  it('leaves 5★ reviews, explained reviews and lukewarm "other" phrases alone', () => {
    expect(classifyReview({ text: '照片拍得真好看', rating: 5 }).cause).toBe('praise');
    expect(classifyReview({ text: '快递太慢了，等了两个星期才到', rating: 2 }).fallback).toBe(false);
    expect(classifyReview({ text: '一般般吧，包裹还没拆', rating: 3 }).cause).toBe('other');
  });

  it('does not read negated praise as praise', () => {
    expect(classifyReview({ text: '很不满意', rating: 1 }).cause).not.toBe('praise');
    expect(classifyReview({ text: 'Not great, not terrible', rating: 3 }).cause).not.toBe('praise');
    expect(classifyReview({ text: '非常满意', rating: 5 }).cause).toBe('praise');
  });
});

describe('blind review set', () => {
  it('has at least 60 reviews in all three languages and every cause', () => {
    expect(BLIND_REVIEWS.length).toBeGreaterThanOrEqual(60);
    for (const cause of REVIEW_CAUSES) expect(BLIND_REVIEWS.filter((r) => r.cause === cause).length, cause).toBeGreaterThanOrEqual(6);
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) expect(BLIND_REVIEWS.filter((r) => r.lang === lang).length, lang).toBeGreaterThanOrEqual(15);
    expect(new Set(BLIND_REVIEWS.map((r) => r.text)).size).toBe(BLIND_REVIEWS.length);
  });
});
