/**
 * Recall of the `wrong-item` cause on phrasings buyers actually write (the shop sent the wrong
 * item, size, colour or model).
 *
 * HELD_OUT was written first, before any rule change, and is never used to write rules: it only
 * measures. Rules were written from DEV (the phrasings named in the task plus variants written for
 * it). Held-out recall went from 5/24 (20.8%) to 9/24 (37.5%); the floor below is the figure
 * measured after, so a later change cannot quietly lose what was gained. That list was then read
 * while its misses were discussed, so a second one (HELD_OUT_2) was written before the next rules
 * (DEV2): both are measured; HELD_OUT_2 is the honest figure for DEV2 (4/24 → 14/24).
 */
import { describe, expect, it } from 'vitest';
import { classifyReview } from '../../../lib/reviews/classify.ts';

type Row = readonly [text: string, rating: number];

/** Measurement only. Do not tune rules on these. */
export const HELD_OUT: readonly Row[] = [
  ['收到的颜色不对，我拍的是灰色', 2],
  ['下单的是42码，寄来的是40码', 1],
  ['我买的是A款，收到的是B款', 1],
  ['型号不对，不是我要的那个', 2],
  ['收到的东西跟订单上的不一样', 1],
  ['买的是大号给我发了个小号', 2],
  ['明明选的白色，到手是米色', 2],
  ['少发了一个，还发错了颜色', 1],
  ['要的是无线款，寄过来是有线的', 1],
  ['收到的尺寸不對，我訂的是L', 2],
  ['訂單寫的是黑色，寄來卻是藍色', 1],
  ['商品寄錯了，跟我下單的完全不同', 1],
  ['顏色不是我選的那個', 2],
  ['I ordered the large and got a small.', 2],
  ['Received the wrong color, I picked navy.', 2],
  ["This isn't the model I purchased.", 1],
  ['They shipped me the 2-pack instead of the 4-pack.', 2],
  ['Got a completely different item than what I paid for.', 1],
  ["Package contained someone else's order.", 1],
  ['The size on the label is XL but I ordered M.', 2],
  ["Item received doesn't match my order.", 1],
  ['Sent the black version, I asked for silver.', 2],
  ['Not the color I selected.', 2],
  ['I received a phone case for a different phone model than the one I ordered.', 1],
];

/**
 * A second measurement list, written on 2026-11-23 before the DEV2 rules below (the first list had
 * been read while writing rules once, so it no longer measures shapes honestly). Measurement only.
 */
export const HELD_OUT_2: readonly Row[] = [
  ['订单里是蓝色的，收到一看是绿色', 2],
  ['我下的单是38码，鞋子却是39码', 1],
  ['发过来的型号跟页面上选的对不上', 2],
  ['包裹里是别人的东西，不是我买的', 1],
  ['规格发错，要的是500ml的，来了个250ml', 2],
  ['说好的礼盒装，结果寄来的是简装', 2],
  ['货不对板，寄的根本不是我下单那个', 1],
  ['选的是16G版本，到手是8G的', 1],
  ['我買的是粉色，結果寄來白色的', 2],
  ['收到的型號跟訂單不符', 1],
  ['訂了兩件M，卻收到兩件S', 2],
  ['包裹裡面是別的商品', 1],
  ['Ordered a size 9, the box had a size 7.', 2],
  ['The charger that arrived is for a different model.', 2],
  ['I was sent the wrong product entirely.', 1],
  ['Color is wrong — ordered beige, got grey.', 2],
  ['The item in the box is not the one on my order confirmation.', 1],
  ['Came in red, but I ordered blue.', 2],
  ['Wrong size sent, asked for medium.', 2],
  ['They mixed up my order, this is a completely different product.', 1],
  ['I bought the 64GB one and they delivered the 128GB one.', 2],
  ["Got the men's version though I ordered the women's.", 2],
  ['Package had a totally different item in it.', 1],
  ['My order said black but this one is white.', 2],
];

/** What the rules were written from. */
export const DEV: readonly Row[] = [
  ['This is not what I ordered.', 1],
  ['Received a blue one instead of black.', 2],
  ['Sent me size M not L.', 2],
  ['发错货了', 1],
  ['颜色发错了', 2],
  ['给我发成了别的型号', 1],
  ['發錯顏色', 1],
  ["This isn't what I ordered at all.", 1],
  ['I got a red one instead of the green one I chose.', 2],
  ['You sent me an XL instead of an L.', 2],
  ['The item I received is not the one I ordered.', 1],
  ['收到的是别的颜色', 2],
  ['尺码不对，我买的是M，来的是XL', 2],
  ['不是我买的那款', 1],
  ['寄来的不是我订的型号', 1],
  ['订的白色到手变成了黑色', 2],
  ['给我寄成了其他款式', 1],
  ['收到的不是我拍的颜色', 2],
  ['尺寸寄錯了，我訂的是M', 2],
  ['收到的跟我訂的不是同一個', 1],
];

/**
 * Written after HELD_OUT_2 (2026-11-23) from the general shapes of the complaint — "ordered X,
 * received Y" with the two values of one kind (colour, size, capacity), "doesn't match the order",
 * "the parcel held someone else's / a different thing", "fits a different model" — in words of
 * their own; the DEV2 rules were written from these.
 */
export const DEV2: readonly Row[] = [
  ['我拍的是卡其色，来的是黑色', 2],
  ['订的是XL，收到却是M', 2],
  ['买的256G，收到128G', 1],
  ['要的37码发来36码', 2],
  ['商品和订单不一致', 1],
  ['收到的货与订单对不上', 1],
  ['箱子里装的是别人的货', 1],
  ['快递里是别的东西，根本不是我的', 1],
  ['訂的是灰色，收到卻是咖啡色', 2],
  ['商品與訂單不符', 1],
  ['箱子裡是別人的東西', 1],
  ['我選42號，寄來40號', 2],
  ['I picked green and received yellow.', 2],
  ['Ordered size 10 but they sent an 8.', 2],
  ['What arrived does not match my order.', 1],
  ['The box contained a different product.', 1],
  ['The case they sent fits a different phone.', 2],
  ['Asked for the 1TB drive, received the 500GB one.', 2],
  ["Got someone else's package.", 1],
  ['Arrived in pink even though I chose purple.', 2],
];

/** Must stay off wrong-item (other causes, or the buyer's own mistake). */
const NOT_WRONG_ITEM: ReadonlyArray<readonly [string, number, string]> = [
  ['颜色不对，和图片差很多', 2, 'expectation'],
  ['尺码偏小，建议拍大一码', 3, 'expectation'],
  ['拍错了颜色，自己的问题，不关卖家的事', 4, 'other'],
  ['I ordered the wrong size myself, my bad.', 4, 'other'],
  ['Ordered on Monday, received it the following Friday. Great!', 5, 'praise'],
  ['Instead of 3 days it took 3 weeks to arrive.', 2, 'logistics'],
  ['The colour is not the same as the photo, much darker.', 2, 'expectation'],
  ['和描述不一样，实物小很多', 2, 'expectation'],
  ['Not what I expected, much smaller than shown.', 2, 'expectation'],
  ['质量很好，颜色也是我选的那个，满意', 5, 'praise'],
  // Ordered-and-received in one sentence with one value only: a buyer happy with what came.
  ['选的蓝色，收到颜色很正，喜欢', 5, 'praise'],
  ['Ordered size 10 and received it in two days, fits great.', 5, 'praise'],
  ['I chose black and it looks great.', 5, 'praise'],
  ['买的256G，收到很快，好用', 5, 'praise'],
];

const recall = (rows: readonly Row[]) => rows.filter(([text, rating]) => classifyReview({ text, rating }).cause === 'wrong-item').length / rows.length;

describe('wrong-item recall', () => {
  it('reads every phrasing the rules were written from', () => {
    const missed = DEV.filter(([text, rating]) => classifyReview({ text, rating }).cause !== 'wrong-item').map(([t]) => t);
    expect(missed).toEqual([]);
  });
  it('held-out recall (measured, never tuned on)', () => {
    const r = recall(HELD_OUT);
    // The figure only: which rows miss is not read while rules are written.
    console.log(`wrong-item held-out recall: ${(r * 100).toFixed(1)}% (${Math.round(r * HELD_OUT.length)}/${HELD_OUT.length})`);
    // Before the DEV rules: 5/24 (20.8%). After: 9/24 (37.5%). After the DEV2 rules: 16/24 (66.7%) — the floor.
    expect(r).toBeGreaterThanOrEqual(16 / 24);
  });
  it('reads every phrasing the DEV2 rules were written from', () => {
    const missed = DEV2.filter(([text, rating]) => classifyReview({ text, rating }).cause !== 'wrong-item').map(([t]) => t);
    expect(missed).toEqual([]);
  });
  it('second held-out recall (measured, never tuned on)', () => {
    const r = recall(HELD_OUT_2);
    console.log(`wrong-item held-out 2 recall: ${(r * 100).toFixed(1)}% (${Math.round(r * HELD_OUT_2.length)}/${HELD_OUT_2.length})`);
    // Written before the DEV2 rules: 4/24 (16.7%) then; 14/24 (58.3%) after them — the floor.
    expect(r).toBeGreaterThanOrEqual(14 / 24);
  });
  it.each(NOT_WRONG_ITEM)('%s stays %s', (text, rating, cause) => {
    expect(classifyReview({ text, rating }).cause).toBe(cause);
  });
});
