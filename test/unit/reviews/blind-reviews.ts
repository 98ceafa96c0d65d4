/**
 * Blind probe set for the cause classifier.
 *
 * Written in one go BEFORE the topic-fallback and lexicon broadening of issue 6's sidebar work
 * (and before this set was ever run), by a different hand than the rules' first author, phrased
 * the way buyers write on Taobao/Shopee/Amazon rather than the way the lexicons are written.
 * It is NOT tuned on: when a row here fails, the miss is reported by the bench, not fixed by a
 * rule written for it. Labels name the primary cause (what the public reply must address first).
 * Exception: the six wrong-item rows at the end were added with that cause (QA B4), by the same hand
 * as its rules, written before the rules were run on them and not tuned on since.
 */
import type { LabelledReview } from './labelled-reviews.ts';

export const BLIND_REVIEWS: readonly LabelledReview[] = [
  // ── logistics ──
  { text: '拍下五天了还显示待揽收，问了说仓库爆单', rating: 2, lang: 'zh-CN', cause: 'logistics' },
  { text: '包裹绕了大半个中国才到我手里', rating: 2, lang: 'zh-CN', cause: 'logistics' },
  { text: '快遞放在管理室也沒通知，差點被退回', rating: 2, lang: 'zh-TW', cause: 'logistics' },
  { text: '出貨拖了快兩個禮拜', rating: 2, lang: 'zh-TW', cause: 'logistics' },
  { text: 'Order said 3-5 business days, showed up after almost a month', rating: 2, lang: 'en', cause: 'logistics' },
  { text: 'Carrier marked it delivered but I had to chase it down at the post office', rating: 2, lang: 'en', cause: 'logistics' },
  { text: 'Still waiting. Label created 2 weeks ago and nothing since', rating: 1, lang: 'en', cause: 'logistics' },
  { text: '东西不错，就是物流太磨叽了', rating: 3, lang: 'zh-CN', cause: 'logistics' },

  // ── quality ──
  { text: '拉链拉了两下就卡死了', rating: 1, lang: 'zh-CN', cause: 'quality' },
  { text: '水杯保温效果几乎没有，早上倒的热水中午就凉了', rating: 2, lang: 'zh-CN', cause: 'quality' },
  { text: '鞋底走沒幾步就掉了', rating: 1, lang: 'zh-TW', cause: 'quality' },
  { text: '插上電就跳電，根本不能用', rating: 1, lang: 'zh-TW', cause: 'quality' },
  { text: 'The handle snapped off the second time I used it', rating: 1, lang: 'en', cause: 'quality' },
  { text: 'Paint chipped within days and the hinge squeaks', rating: 2, lang: 'en', cause: 'quality' },
  { text: 'Bluetooth keeps disconnecting every few minutes', rating: 2, lang: 'en', cause: 'quality' },
  { text: '洗了一水就缩得不能穿了', rating: 1, lang: 'zh-CN', cause: 'quality' },

  // ── expectation ──
  { text: '图上看着挺大一个，到手跟巴掌差不多', rating: 2, lang: 'zh-CN', cause: 'expectation' },
  { text: '说是纯棉的，摸着明显是化纤', rating: 2, lang: 'zh-CN', cause: 'expectation' },
  { text: '實品顏色比網站上暗很多', rating: 3, lang: 'zh-TW', cause: 'expectation' },
  { text: '商品頁寫有附充電線，打開根本沒有', rating: 2, lang: 'zh-TW', cause: 'expectation' },
  { text: 'The listing shows a set of four, I received one', rating: 1, lang: 'en', cause: 'expectation' },
  { text: 'Way smaller in person, the product photos are very generous', rating: 2, lang: 'en', cause: 'expectation' },
  { text: 'Described as waterproof, it soaked through in light drizzle', rating: 2, lang: 'en', cause: 'expectation' },
  { text: '这个蓝色跟页面上的完全是两种颜色', rating: 2, lang: 'zh-CN', cause: 'expectation' },

  // ── packaging ──
  { text: '盒子角都瘪了，送人根本拿不出手', rating: 2, lang: 'zh-CN', cause: 'packaging' },
  { text: '就一个薄薄的塑料袋装着，杯子都磕了个口', rating: 2, lang: 'zh-CN', cause: 'packaging' },
  { text: '紙箱整個濕透，裡面的說明書都糊了', rating: 2, lang: 'zh-TW', cause: 'packaging' },
  { text: '外盒被壓得變形了', rating: 3, lang: 'zh-TW', cause: 'packaging' },
  { text: 'Glass jar came wrapped in a single sheet of paper and arrived in pieces', rating: 1, lang: 'en', cause: 'packaging' },
  { text: 'Shipping box was half open when it arrived, tape barely holding', rating: 2, lang: 'en', cause: 'packaging' },
  { text: 'The gift box was all scuffed and dented, embarrassing to give', rating: 3, lang: 'en', cause: 'packaging' },
  { text: '洗发水洒了一箱子，瓶盖都没拧紧', rating: 2, lang: 'zh-CN', cause: 'packaging' },

  // ── service ──
  { text: '找客服三天了，每次都说帮我反馈，然后就没有然后了', rating: 1, lang: 'zh-CN', cause: 'service' },
  { text: '问尺码半天不回，回了也是答非所问', rating: 2, lang: 'zh-CN', cause: 'service' },
  { text: '客服口氣很差，好像我欠他錢一樣', rating: 1, lang: 'zh-TW', cause: 'service' },
  { text: '申請退貨一直沒人處理', rating: 1, lang: 'zh-TW', cause: 'service' },
  { text: 'Messaged the seller twice about a missing part, zero response', rating: 1, lang: 'en', cause: 'service' },
  { text: 'Support kept sending me the same template answer without reading my question', rating: 2, lang: 'en', cause: 'service' },
  { text: 'The seller was condescending when I asked for help', rating: 2, lang: 'en', cause: 'service' },
  { text: '售后电话永远打不通', rating: 1, lang: 'zh-CN', cause: 'service' },

  // ── price ──
  { text: '刚买完就搞活动便宜了三十，心塞', rating: 2, lang: 'zh-CN', cause: 'price' },
  { text: '这个质量卖这个价，有点离谱了', rating: 2, lang: 'zh-CN', cause: 'price' },
  { text: '運費比東西還貴', rating: 2, lang: 'zh-TW', cause: 'price' },
  { text: '價格偏高，同樣的東西別家便宜不少', rating: 3, lang: 'zh-TW', cause: 'price' },
  { text: 'For $60 I expected a lot more than this', rating: 2, lang: 'en', cause: 'price' },
  { text: 'Same item is half this price at the supermarket', rating: 2, lang: 'en', cause: 'price' },
  { text: 'Paid extra for express shipping and was still charged a handling fee', rating: 2, lang: 'en', cause: 'price' },
  { text: '优惠券用不了，结算价比页面显示的高', rating: 2, lang: 'zh-CN', cause: 'price' },

  // ── malicious ──
  { text: '退我五十块钱，我立马删评', rating: 1, lang: 'zh-CN', cause: 'malicious' },
  { text: '这种店迟早关门，大家千万别上当', rating: 1, lang: 'zh-CN', cause: 'malicious' },
  { text: '不賠錢我就每個商品都去留一星', rating: 1, lang: 'zh-TW', cause: 'malicious' },
  { text: '老闆是白痴嗎', rating: 1, lang: 'zh-TW', cause: 'malicious' },
  { text: 'Send me a free replacement and I might reconsider this review', rating: 1, lang: 'en', cause: 'malicious' },
  { text: 'Worst people ever, hope your shop burns down', rating: 1, lang: 'en', cause: 'malicious' },
  { text: 'Do yourself a favour and order from QuickGear, they actually care', rating: 1, lang: 'en', cause: 'malicious' },
  { text: '要么全额退款，要么我就天天来刷差评', rating: 1, lang: 'zh-CN', cause: 'malicious' },

  // ── praise ──
  { text: '第二次买了，家里人都说好', rating: 5, lang: 'zh-CN', cause: 'praise' },
  { text: '颜值在线，做工比想象中还好', rating: 5, lang: 'zh-CN', cause: 'praise' },
  { text: '東西很實用，老闆出貨也很迅速', rating: 5, lang: 'zh-TW', cause: 'praise' },
  { text: '超級喜歡，已經推薦給同事', rating: 5, lang: 'zh-TW', cause: 'praise' },
  { text: 'My daughter uses it every day, held up really well so far', rating: 5, lang: 'en', cause: 'praise' },
  { text: 'Top notch, would order from this shop again without hesitation', rating: 5, lang: 'en', cause: 'praise' },
  { text: 'Comfy, warm and the stitching is neat', rating: 5, lang: 'en', cause: 'praise' },
  { text: '很满意的一次购物', rating: 5, lang: 'zh-CN', cause: 'praise' },

  // ── other ──
  { text: '刚到，还没来得及用', rating: 4, lang: 'zh-CN', cause: 'other' },
  { text: '买给我妈的，她还没说好不好', rating: 4, lang: 'zh-CN', cause: 'other' },
  { text: '普普通通，沒什麼好說的', rating: 3, lang: 'zh-TW', cause: 'other' },
  { text: '此用戶沒有填寫評價', rating: 5, lang: 'zh-TW', cause: 'other' },
  { text: 'It does the job I guess', rating: 3, lang: 'en', cause: 'other' },
  { text: 'Bought as a backup, will see', rating: 4, lang: 'en', cause: 'other' },
  { text: 'I ordered the wrong colour, my mistake', rating: 3, lang: 'en', cause: 'other' },
  { text: '还好吧，中规中矩', rating: 3, lang: 'zh-CN', cause: 'other' },
  // ── wrong-item (added with the cause; see the header) ──
  { text: '买的M码，到手标签写的XL，穿上像麻袋', rating: 2, lang: 'zh-CN', cause: 'wrong-item' },
  { text: '两件都发成别人的款式了，明显是配货配错了', rating: 1, lang: 'zh-CN', cause: 'wrong-item' },
  { text: '收到打開是別款，跟訂單完全不一樣', rating: 1, lang: 'zh-TW', cause: 'wrong-item' },
  { text: '顏色寄成深藍了，我明明選淺藍', rating: 2, lang: 'zh-TW', cause: 'wrong-item' },
  { text: 'Box had a completely different product inside, not mine', rating: 1, lang: 'en', cause: 'wrong-item' },
  { text: 'Asked for the 64GB version and got the 32GB one', rating: 2, lang: 'en', cause: 'wrong-item' },
];
