import { describe, expect, it } from 'vitest';
import { checkTone, type ToneKind } from '../../../lib/reviews/tone.ts';

/** Assert exactly one finding of `kind` whose span covers `excerpt` in `text`. */
function expectSpan(text: string, kind: ToneKind, excerpt: string, opts: Parameters<typeof checkTone>[2] = {}) {
  const findings = checkTone(text, undefined, opts).filter((f) => f.kind === kind);
  const start = text.indexOf(excerpt);
  expect(start, `${excerpt} not in text`).toBeGreaterThanOrEqual(0);
  const hit = findings.find((f) => f.start <= start && start + excerpt.length <= f.end);
  expect(hit, `${kind} over “${excerpt}” in “${text}”: ${JSON.stringify(findings)}`).toBeDefined();
  expect(text.slice(hit!.start, hit!.end)).toBe(hit!.excerpt);
  expect(hit!.reason.length).toBeGreaterThan(3);
  return hit!;
}

describe('checkTone', () => {
  it('anger: blame aimed at the buyer (zh and en), with exact spans', () => {
    const a = expectSpan('是你自己不会用，别乱给差评', 'anger', '你自己不会用');
    expect(a.start).toBe(1);
    expect(a.end).toBe(7);
    expectSpan('这种恶意差评的买家我们见多了', 'anger', '恶意差评');
    expectSpan('請不要無理取鬧', 'anger', '無理取鬧');
    // Aimed at the buyer in the plural too, and at what they "cannot read" (was no finding at all).
    expectSpan('你们自己看不懂说明吗？', 'anger', '你们自己看不懂');
    expectSpan('这都看不懂说明吗', 'anger', '看不懂说明吗');
    expectSpan('You clearly didn’t read the description.', 'anger', 'You clearly didn’t read');
    expectSpan('This is your fault, not ours.', 'anger', 'your fault');
  });

  it('sarcasm: 呵呵, 真是厉害, stressed thanks, obviously, scare quotes', () => {
    expectSpan('呵呵，您说坏了就坏了吧', 'sarcasm', '呵呵');
    expectSpan('这都能用坏，真是厉害', 'sarcasm', '真是厉害');
    expectSpan('Thanks SO much for the review.', 'sarcasm', 'Thanks SO much');
    expectSpan('Obviously the size chart was there.', 'sarcasm', 'Obviously');
    expectSpan('We looked at your "broken" item.', 'sarcasm', '"broken"');
    expectSpan('所谓的“质量问题”我们查过了', 'sarcasm', '“质量问题”');
    // An ordinary "thank you so much" is not sarcasm.
    expect(checkTone('Thank you so much for your order!').filter((f) => f.kind === 'sarcasm')).toEqual([]);
  });

  it('shouting: ALL-CAPS words and runs, !!! / ！！！ / ???', () => {
    expectSpan('Please READ the listing.', 'shouting', 'READ');
    expectSpan('WE DO NOT ACCEPT RETURNS', 'shouting', 'WE DO NOT ACCEPT RETURNS');
    expectSpan('请看清楚再买！！！', 'shouting', '！！！');
    expectSpan('Did you even check???', 'shouting', '???');
    // Courier names and sizes are not shouting; a single "!" is fine.
    expect(checkTone('Shipped with USPS and DHL, size XXL. Thanks!')).toEqual([]);
  });

  it('bribe: money or gifts for a changed review, not ordinary refunds', () => {
    expectSpan('亲，改好评返5元哦', 'bribe', '改好评返5');
    expectSpan('We’ll refund you if you update your review.', 'bribe', 'refund you if you update your review');
    expectSpan('删除差评后我们给您发个红包', 'bribe', '删除差评');
    expectSpan('Leave us a 5-star review and get a $10 gift card!', 'bribe', '$10 gift card');
    expect(checkTone('We can arrange a refund or an exchange for you.')).toEqual([]);
    expect(checkTone('请联系客服为您办理退款。')).toEqual([]);
    expect(checkTone('Thank you for your review. A refund has been issued.')).toEqual([]);
  });

  it('bribe: words between the verb and "review", 负评 / 追评, traditional text, offer and request in two sentences in a row', () => {
    expectSpan('Sorry about the late package. We can send you $20 if you would delete this negative review.', 'bribe', '$20 if you would delete this negative review');
    expectSpan('We will give you a full refund if you remove your 1-star review.', 'bribe', 'refund if you remove your 1-star review');
    expectSpan('麻煩您刪除負評，我們送您禮券', 'bribe', '刪除負評，我們送您禮券');
    expectSpan('您追评一下，我们送您一张优惠券', 'bribe', '追评一下，我们送您一张优惠券');
    expectSpan('您可以撤销评价吗？我们给您补偿', 'bribe', '撤销评价吗？我们给您补偿');
    expectSpan('A refund has been issued. Could you please update your review?', 'bribe', 'refund has been issued. Could you please update your review');
    // An offer two sentences away from any mention of reviews, or a review mentioned without asking for a change: nothing.
    expect(checkTone('A refund has been issued. The parcel will be collected tomorrow. Thank you for your review.')).toEqual([]);
    expect(checkTone('感谢您的评价。我们已为您办理退款。')).toEqual([]);
    expect(checkTone('We have updated the size chart after your review. A replacement ships today.')).toEqual([]);
  });

  it('personal data: phone, e-mail, addresses, the buyer’s full name', () => {
    const p = expectSpan('请拨打13812345678联系我们', 'personal-data', '13812345678');
    expect([p.start, p.end]).toEqual([3, 14]);
    expectSpan('Call +1 415-555-0132 any time', 'personal-data', '+1 415-555-0132');
    expectSpan('Write to jane.doe@example.com', 'personal-data', 'jane.doe@example.com');
    expectSpan('已寄到上海市浦东新区张江路88号3栋201室', 'personal-data', '上海市浦东新区张江路88号');
    expectSpan('寄到台北市信義區松仁路100號5樓', 'personal-data', '松仁路100號');
    expectSpan('We shipped it to 221 Baker Street as requested', 'personal-data', '221 Baker Street');
    expectSpan('王小明您好，感谢您的评价', 'personal-data', '王小明', { buyerName: '王小明' });
    expectSpan('Dear Jennifer Walsh, thanks', 'personal-data', 'Jennifer Walsh', { buyerName: 'Jennifer Walsh' });
    // A masked phone, an order number and a first name alone are fine.
    expect(checkTone('尾号138****5678的订单 240611223344556677 已发出', 'zh-CN')).toEqual([]);
    expect(checkTone('Dear Jennifer, thanks', 'en', { buyerName: 'Jennifer Walsh' })).toEqual([]);
  });

  it('gives reasons in the reply’s language and says which', () => {
    const [zh] = checkTone('你自己不会用', 'zh-CN');
    expect(zh!.reasonLang).toBe('zh-CN');
    expect(zh!.reason).toMatch(/[\u4e00-\u9fff]/);
    const [tw] = checkTone('你自己不會用');
    expect(tw!.reasonLang).toBe('zh-TW');
    const [en] = checkTone('your fault');
    expect(en!.reasonLang).toBe('en');
    expect(en!.reason).toMatch(/buyer/);
  });

  it('passes polite replies', () => {
    const polite = [
      '亲，非常抱歉让您久等了。您提到“等了十天才到”，我们已联系快递公司催件。如有问题请随时联系客服。',
      '您好，很抱歉讓您有了不愉快的購物經驗。您提到「外箱都壓壞了」，我們已請倉庫加強包裝。',
      'We’re so sorry your parcel arrived late. You mentioned “it took three weeks”; we have chased the courier. Please contact us for a replacement or refund.',
      'Thank you for the lovely review! We are glad you enjoyed the quality.',
      'Dear customer, we have received your review. Please contact us through the platform’s official messaging channel.',
    ];
    for (const t of polite) expect(checkTone(t), t).toEqual([]);
  });
});

describe('checkTone: incentives tied to a review, buyer-blaming and dismissive replies (QA B5)', () => {
  const kinds = (t: string) => checkTone(t).map((f) => f.kind);
  it('flags money, refunds and gifts offered for a review or rating', () => {
    expectSpan('删了差评就给你退款', 'bribe', '删了差评');
    expectSpan('好评5星，返现10元', 'bribe', '返现10元');
    expectSpan('亲，好评后联系客服领取小惊喜哦', 'bribe', '小惊喜');
    expectSpan('亲，晒图好评联系客服有惊喜', 'bribe', '晒图好评');
    expectSpan('We’ll PayPal you 20 dollars for a better review.', 'bribe', 'PayPal you 20 dollars for a better review');
    expectSpan('Contact us and we can offer a partial refund. Then maybe you could reconsider your rating?', 'bribe', 'reconsider your rating');
  });
  it('flags blaming the buyer for not reading or not knowing how to use it, and dismissing the review', () => {
    expectSpan('亲，您是不是不会用啊？说明书写得很清楚', 'anger', '是不是不会用');
    expectSpan('你买之前不会看详情页吗', 'anger', '不会看详情页吗');
    expectSpan('Did you even read the description?', 'anger', 'Did you even read');
    expectSpan('随便你怎么评，我们不在乎', 'anger', '随便你怎么评');
    expectSpan('这种差评我们见多了，你开心就好', 'anger', '见多了');
    expectSpan('Maybe read the listing next time.', 'anger', 'read the listing next time');
  });
  it('passes asking for a review without an incentive, thanks for a good review, offers of help', () => {
    const fine = [
      '您的好评是对我们最大的鼓励，期待您再次光临！',
      '如果满意，欢迎给我们一个好评哦～',
      '感谢您的好评！我们已为您办理退款。',
      '如果您不会用，可以联系客服，我们远程指导您安装。',
      '说明书第3页有图解，如需帮助请随时联系我们。',
      'If you are happy with the replacement, we would be grateful for a review.',
      'Thank you for the positive review! A refund for the missing part has been issued.',
      'Did you receive our message about the replacement?',
      '收到您的反馈后我们检查了这批货，确实有几件盖子偏紧，已经全部更换。',
      '给您带来不便非常抱歉，我们已补发一个新的，运费由我们承担。',
    ];
    for (const t of fine) expect(checkTone(t), t).toEqual([]);
    expect(kinds('We can offer a partial refund for the scratch.')).toEqual([]);
  });
});
