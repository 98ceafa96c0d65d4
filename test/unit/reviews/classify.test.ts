import { describe, expect, it } from 'vitest';
import { classifyReview } from '../../../lib/reviews/classify.ts';
import { REVIEW_CAUSES, type ReviewCause } from '../../../lib/schema/index.ts';

// Behaviour examples written for this test (not rows of the labelled set).
const CLEAR: Array<[string, number, ReviewCause]> = [
  ['快递太慢了，等了两个星期才到', 2, 'logistics'],
  ['Shipping was extremely slow and the tracking never updated', 2, 'logistics'],
  ['物流一直卡住，查不到信息', 1, 'logistics'],
  ['用了两天就坏了，质量太差', 1, 'quality'],
  ['The zipper broke after one use, poor quality', 1, 'quality'],
  ['与描述不符，颜色和图片完全不一样', 2, 'expectation'],
  ['Much smaller than it looks in the photos, not as described', 2, 'expectation'],
  ['外包装破损严重，盒子都压扁了', 2, 'packaging'],
  ['The box arrived crushed, poorly packed', 2, 'packaging'],
  ['客服态度很差，问了半天没人回', 1, 'service'],
  ['The seller ignored my messages for a week, very rude', 1, 'service'],
  ['太贵了，买完第二天就降价', 2, 'price'],
  ['Way overpriced, I found it for half the price elsewhere', 2, 'price'],
  ['不退款就差评，你看着办', 1, 'malicious'],
  ['Refund me now or I will leave 1 star reviews everywhere', 1, 'malicious'],
  ['质量很好，发货也快，非常满意', 5, 'praise'],
  ['Excellent quality and fast shipping, love it', 5, 'praise'],
  ['还没用，过几天再来评价', 4, 'other'],
];

describe('classifyReview', () => {
  it.each(CLEAR)('%s → %s', (text, rating, cause) => {
    const c = classifyReview({ text, rating });
    expect(c.cause).toBe(cause);
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
    if (cause !== 'other') expect(c.evidence.length).toBeGreaterThan(0);
    for (const e of c.evidence) expect(text).toContain(e);
  });

  it('returns a stable cause id from REVIEW_CAUSES', () => {
    for (const [text, rating] of CLEAR) expect(REVIEW_CAUSES).toContain(classifyReview({ text, rating }).cause);
  });

  it('reads traditional Chinese through the same rules and quotes evidence in traditional', () => {
    const c = classifyReview({ text: '包裝很隨便，外箱都壓壞了', rating: 2 });
    expect(c.cause).toBe('packaging');
    expect(c.lang).toBe('zh-TW');
    expect(c.evidence.join('')).toMatch(/包裝|外箱/);
    expect(classifyReview({ text: '客服態度很差，訊息都不回', rating: 1 }).cause).toBe('service');
    expect(classifyReview({ text: '品質很差，用沒幾天就壞了', rating: 1 }).cause).toBe('quality');
    expect(classifyReview({ text: '跟圖片差太多，顏色完全不一樣', rating: 2 }).cause).toBe('expectation');
  });

  it('detects the review language', () => {
    expect(classifyReview({ text: '质量很好' }).lang).toBe('zh-CN');
    expect(classifyReview({ text: '品質很好' }).lang).toBe('zh-TW');
    expect(classifyReview({ text: 'Great quality' }).lang).toBe('en');
    // Script-neutral Chinese follows the caller's hint.
    expect(classifyReview({ text: '很好', lang: 'zh-TW' }).lang).toBe('zh-TW');
  });

  it('does not take sarcastic 5★ reviews as praise', () => {
    const a = classifyReview({ text: '好评！快递只用了半个月，真快', rating: 5 });
    expect(a.cause).toBe('logistics');
    expect(a.sarcasm).toBe(true);
    const b = classifyReview({ text: 'Great, arrived broken. Five stars for creativity', rating: 5 });
    // Broken on arrival is transit damage (packaging), as "碎了" is in Chinese — was 'quality'.
    expect(b.cause).toBe('packaging');
    expect(b.sarcasm).toBe(true);
    expect(b.evidence.join(' ')).toMatch(/broken/);
  });

  it('handles negation: denied complaints count as praise', () => {
    const a = classifyReview({ text: '物流不慢，没有破损，没有色差', rating: 5 });
    expect(a.cause).toBe('praise');
    expect(a.hits.filter((h) => h.negated).length).toBeGreaterThanOrEqual(2);
    expect(classifyReview({ text: 'not bad at all, nothing broken', rating: 4 }).cause).toBe('praise');
    // Without the negation the same words are complaints.
    expect(classifyReview({ text: '物流很慢', rating: 3 }).cause).toBe('logistics');
  });

  // QA: a follow-up "用了半个月，盖子越来越紧…开始漏水了" read as a slow parcel — how long the buyer used it is no wait.
  it('"用了半个月" is how long it was used, not a wait; "用了十天才到" still is', () => {
    const used = classifyReview({ rating: null, text: '杯子挺好看的，就是盖子有点紧\n追加评价：用了半个月，盖子越来越紧，根本拧不开，而且开始漏水了' });
    expect(used.cause).toBe('quality');
    expect(used.hits.filter((h) => h.cause === 'logistics')).toEqual([]);
    expect(classifyReview({ rating: 2, text: '用了十天才到，太慢了' }).cause).toBe('logistics');
    expect(classifyReview({ rating: 2, text: '快递用了半个月，等得心累' }).cause).toBe('logistics');
  });

  it('tells "三天就到" (fast) from "三天才发" (slow)', () => {
    expect(classifyReview({ text: '发货快，三天就到了', rating: 5 }).cause).toBe('praise');
    expect(classifyReview({ text: '拍了三天才发货', rating: 2 }).cause).toBe('logistics');
  });

  it('a wait stated without complaint ("arrived in 9 days") does not overrule praise; a complained-of one does', () => {
    // The demo reviews page's rv-1001: an apology draft for it quoted "arrived in 9 days to Germany" as a long wait.
    expect(classifyReview({ text: 'Great quality, arrived in 9 days to Germany. Exactly as described.', rating: 5 }).cause).toBe('praise');
    expect(classifyReview({ text: 'Arrived in 3 weeks.', rating: 1 }).cause).toBe('logistics');
    expect(classifyReview({ text: 'Arrived in 3 weeks.', rating: 3 }).cause).toBe('logistics');
    expect(classifyReview({ text: 'Nice bag but it took 3 weeks to arrive.', rating: 4 }).cause).toBe('logistics');
    expect(classifyReview({ text: 'Great quality, but I waited 3 weeks for it.', rating: 5 }).cause).toBe('logistics');
  });

  it('ranks secondary causes for a mixed review', () => {
    const c = classifyReview({ text: '物流太慢了，而且外盒压坏了，客服也不回消息', rating: 1 });
    const names = c.causes.map((x) => x.cause);
    expect(names[0]).toBe(c.cause);
    for (const cause of ['logistics', 'packaging', 'service'] as const) expect(names).toContain(cause);
    const shares = c.causes.reduce((s, x) => s + x.share, 0);
    expect(shares).toBeGreaterThan(0.95);
    expect(shares).toBeLessThan(1.05);
  });

  it('classifies short one-word reviews', () => {
    expect(classifyReview({ text: '垃圾', rating: 1 }).cause).toBe('quality');
    expect(classifyReview({ text: 'ok', rating: 3 }).cause).toBe('other');
    expect(classifyReview({ text: '', rating: 5 }).cause).toBe('other');
  });

  it('treats extortion, review-for-money and competitor smears as malicious', () => {
    expect(classifyReview({ text: '给我返现30，不然就追加差评', rating: 1 }).cause).toBe('malicious');
    expect(classifyReview({ text: 'Send me a free replacement and I will update my review to 5 stars', rating: 1 }).cause).toBe('malicious');
    expect(classifyReview({ text: '别在这家买了，去隔壁店买，便宜又好', rating: 1 }).cause).toBe('malicious');
  });

  it('gives higher confidence to clear-cut reviews than to thin ones', () => {
    const strong = classifyReview({ text: '快递太慢，物流信息一直不更新，等了半个月才到', rating: 1 });
    const thin = classifyReview({ text: '还行', rating: 3 });
    expect(strong.confidence).toBeGreaterThan(thin.confidence);
  });
});

describe('a 3–4★ review that praises and names one solid complaint, without a contrast word', () => {
  it('is about the complaint (reserved: the reply thanks too), not praise', () => {
    for (const text of ['质量不错，有一点点异味，洗洗就好了', '挺好的 有点异味', '衣服很好看，有一点点异味']) {
      const c = classifyReview({ rating: 4, text });
      expect([text, c.cause, c.reservation]).toEqual([text, 'quality', true]);
    }
  });
  it('stays praise when the complaint is negated, when nothing is complained of, or on 5★', () => {
    expect(classifyReview({ rating: 4, text: '没有异味，质量很好' }).cause).toBe('praise');
    expect(classifyReview({ rating: 4, text: '质量不错，很满意' }).cause).toBe('praise');
    expect(classifyReview({ rating: 5, text: '质量不错，有一点点异味，洗洗就好了' }).cause).toBe('praise');
  });
});
