/**
 * Probe set: written AFTER the classifier rules, in one go, with phrasing deliberately unlike the
 * lexicons (idioms, indirect complaints, typos, slang). Never tuned on — the bench reports it as
 * a less author-biased estimate than the held third (same author wrote held set and rules).
 */
import type { LabelledReview } from './labelled-reviews.ts';

export const PROBE_REVIEWS: readonly LabelledReview[] = [
  { text: '下单后一个礼拜还没揽收，这速度也是没谁了', rating: 2, lang: 'zh-CN', cause: 'logistics' },
  { text: '包裹在路上旅游了半个月', rating: 2, lang: 'zh-CN', cause: 'logistics' },
  { text: 'The parcel sat in a warehouse somewhere for 3 weeks', rating: 2, lang: 'en', cause: 'logistics' },
  { text: '貨到現在還沒到，查單號都沒有動靜', rating: 1, lang: 'zh-TW', cause: 'logistics' },
  { text: '戴了一次扣子就掉了', rating: 1, lang: 'zh-CN', cause: 'quality' },
  { text: 'Battery died within a month, wont hold charge', rating: 1, lang: 'en', cause: 'quality' },
  { text: '螢幕有壞點，開機就看得到', rating: 1, lang: 'zh-TW', cause: 'quality' },
  { text: 'seams unraveling after 1 wear smh', rating: 1, lang: 'en', cause: 'quality' },
  { text: '模特穿着是长款，到我手里成了短款', rating: 2, lang: 'zh-CN', cause: 'expectation' },
  { text: 'Ad says 100% wool, label says acrylic', rating: 1, lang: 'en', cause: 'expectation' },
  { text: '顏色跟網頁上看到的差好多', rating: 2, lang: 'zh-TW', cause: 'expectation' },
  { text: 'It is a lot more see-through than the photos suggest', rating: 2, lang: 'en', cause: 'expectation' },
  { text: '箱子一角全湿了，估计淋了雨也没个防水袋', rating: 2, lang: 'zh-CN', cause: 'packaging' },
  { text: 'Arrived in a flimsy bag with zero protection, the corners are bent', rating: 2, lang: 'en', cause: 'packaging' },
  { text: '外盒凹進去一大塊', rating: 3, lang: 'zh-TW', cause: 'packaging' },
  { text: 'Lid had popped open in transit and sauce was everywhere inside the box', rating: 2, lang: 'en', cause: 'packaging' },
  { text: '旺旺上问了三遍都是已读状态，没人搭理', rating: 1, lang: 'zh-CN', cause: 'service' },
  { text: 'Asked a simple question before buying and got attitude in return', rating: 2, lang: 'en', cause: 'service' },
  { text: '問客服什麼都說不知道', rating: 2, lang: 'zh-TW', cause: 'service' },
  { text: 'Opened a return request 10 days ago, still waiting for the seller to respond', rating: 1, lang: 'en', cause: 'service' },
  { text: '同款隔壁才卖一半的钱', rating: 2, lang: 'zh-CN', cause: 'price' },
  { text: 'Paid full price, next week it was 40% off', rating: 2, lang: 'en', cause: 'price' },
  { text: '這價錢買這個有點當盤子', rating: 2, lang: 'zh-TW', cause: 'price' },
  { text: 'Shipping cost more than the item itself', rating: 2, lang: 'en', cause: 'price' },
  { text: '给我补偿一百块，我就把评价删了', rating: 1, lang: 'zh-CN', cause: 'malicious' },
  { text: 'Unless I get my money back today this review stays and I tell all my followers', rating: 1, lang: 'en', cause: 'malicious' },
  { text: '這家老闆腦袋有洞吧', rating: 1, lang: 'zh-TW', cause: 'malicious' },
  { text: 'Everyone should shop at BrightHome instead, this place is a joke', rating: 1, lang: 'en', cause: 'malicious' },
  { text: '宝贝收到了，跟描述一模一样，爱了爱了', rating: 5, lang: 'zh-CN', cause: 'praise' },
  { text: 'Exceeded my expectations, my kids adore it', rating: 5, lang: 'en', cause: 'praise' },
  { text: '超乎預期，老闆人很好', rating: 5, lang: 'zh-TW', cause: 'praise' },
  { text: 'Solid little gadget, does the job 10/10', rating: 5, lang: 'en', cause: 'praise' },
  { text: '给我爸买的，他说凑合', rating: 3, lang: 'zh-CN', cause: 'other' },
  { text: 'Meh.', rating: 3, lang: 'en', cause: 'other' },
  { text: '就那樣吧', rating: 3, lang: 'zh-TW', cause: 'other' },
  { text: 'Second order from this shop, we will see how it holds up', rating: 4, lang: 'en', cause: 'other' },
];
