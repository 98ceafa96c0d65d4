/**
 * Review cause classifier: explainable weighted-phrase rules, no model, no network.
 *
 * Why rules: the seller must see WHY a review was read as "packaging" (the evidence words are
 * quoted back in the reply draft), and the lexicons must be fixable by hand when a marketplace's
 * buyers phrase things differently. Chinese rules are written once in simplified characters; the
 * text is normalised traditional → simplified first (normalize.ts), so zh-TW reviews hit the same
 * rules. English rules run on lower-cased text. Both rule sets run on every review because buyers
 * mix scripts ("CP值很高", "SB卖家", "A+++").
 *
 * Decision (domain §5: a concrete complaint is what the reply must answer):
 *  1. every rule hit adds its weight to its cause; intensifiers (太/很/very/so) raise it;
 *     a negated complaint ("不慢", "没有破损", "not broken") counts for praise instead;
 *  2. overlapping hits of one cause count once (the strongest);
 *  3. if any complaint cause reaches COMPLAINT_WINS, a complaint wins even on a 5★ review —
 *     this is what keeps sarcasm ("好评！快递只用了半个月，真快") and mixed reviews off praise;
 *  4. otherwise the rating prior (5★ leans praise, 1★ away from it) decides between the rest;
 *  5. topic fallback: a low-rated review that no complaint rule explained gets the cause its topic
 *     words point to (包裹 → logistics, 客服 → service, 价 → price …), marked `fallback` with a
 *     capped confidence. Added after a fresh probe set showed most misses falling to `other`.
 */
import { REVIEW_CAUSES, type Lang, type ReviewCause } from '../schema/index.ts';
import { detectLang, normalizeText } from './normalize.ts';

export interface ClassifyInput {
  text: string;
  rating?: number | null;
  lang?: Lang;
}

export interface EvidenceHit {
  cause: ReviewCause;
  /** The words as they appear in the ORIGINAL text (traditional stays traditional). */
  phrase: string;
  start: number;
  end: number;
  weight: number;
  /** A complaint phrase under negation ("不慢") that was counted as praise. */
  negated?: boolean;
  /** A bare topic word (包裹, price, box) that decided a low-rated review no rule explained. */
  topic?: boolean;
  /** The item (or box) broken when it arrived: transit damage, which the draft answers with a replacement. */
  arrival?: boolean;
}

export interface CauseScore {
  cause: ReviewCause;
  score: number;
  /** score / sum of all scores: how much of the review is about this cause. */
  share: number;
}

export interface Classification {
  cause: ReviewCause;
  /** 0..1: strength of the winning evidence times its margin over the runner-up. */
  confidence: number;
  /** Distinct phrases from the text that decided the winning cause, in text order. */
  evidence: string[];
  /** Every cause with a positive score, best first (secondary causes of mixed reviews). */
  causes: CauseScore[];
  /** All rule hits with spans, for highlighting. */
  hits: EvidenceHit[];
  lang: Lang;
  /** Praise words on a review whose real content is a complaint (or explicit sarcasm markers). */
  sarcasm: boolean;
  /** The cause came from the low-rating topic fallback (no complaint phrase, only what it is about). */
  fallback: boolean;
  /**
   * Praise on a ≤4★ review whose cause is the buyer's reservation ("很好用，就是盖子有点紧"): a small
   * gripe from a buyer who liked the item, which the draft answers lightly (no apology, no return offer).
   */
  reservation: boolean;
  /**
   * A 4–5★ review read as ironic praise (`sarcasm`) that is praise, then a contrast word, then what fell short
   * (praiseThenReservation): the draft thanks rather than says sorry.
   */
  praiseBut: boolean;
}

type Check = (m: RegExpExecArray, norm: string) => boolean;

interface Rule {
  cause: ReviewCause;
  weight: number;
  re: RegExp;
  /** A complaint that flips to praise when negated; the named group `k` marks the word negated. */
  negatable: boolean;
  check?: Check;
  /** Hits of this cause inside this rule's span are dropped: they read the same words for another cause. */
  absorbs?: ReviewCause;
  /** The rule reads the item broken on arrival (EvidenceHit.arrival). */
  arrival?: boolean;
}

/** Clause: stop at punctuation so "物流很快，质量差" does not read as 物流…差. */
const C = '[^,.!?;:。、\\n]';
/** Sentence: commas allowed (threats span "退钱，不然…"). */
const S = '[^.!?;。\\n]';

function rule(cause: ReviewCause, weight: number, source: string, opts: { neg?: boolean; check?: Check; absorbs?: ReviewCause; arrival?: boolean } = {}): Rule {
  const expanded = source.replaceAll('{C}', C).replaceAll('{S}', S);
  return { cause, weight, re: new RegExp(expanded, 'gd'), negatable: opts.neg ?? false, check: opts.check, absorbs: opts.absorbs, arrival: opts.arrival };
}

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5, 几: 3, 好几: 4 };
const EN_NUM: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  several: 3, many: 4, few: 3,
};

function parseCount(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s in EN_NUM) return EN_NUM[s]!;
  if (s in CN_NUM) return CN_NUM[s]!;
  // 十五, 二十, 二十五
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') { total += (current || 1) * 10; current = 0; } else current = CN_NUM[ch] ?? 0;
  }
  return total + current;
}

function unitDays(unit: string): number {
  if (/月|month/.test(unit)) return 30;
  if (/周|星期|礼拜|week/.test(unit)) return 7;
  return 1;
}

/**
 * A stated wait is a delivery complaint only when it is long: "三天就到了" praises speed,
 * "三天才发" and "等了十天" complain. 才/终于/整整/都 mark the speaker's impatience.
 */
const longWait: Check = (m) => {
  const g = m.groups ?? {};
  const days = parseCount(g.n ?? '1') * unitDays(g.u ?? '天');
  const whole = m[0];
  if (/就|only took|just/.test(whole) && !/才|终于/.test(whole)) return days >= 10;
  if (/才|终于|整整|足足|都|居然|竟然/.test(whole)) return days >= 3;
  return days >= 7;
};

/** An English wait tied to arrival, a week or more ("broke after a week" is a quality story). */
function longEnglishWait(m: RegExpExecArray, norm: string): boolean {
  const g = m.groups ?? {};
  const days = parseCount(g.n ?? '1') * unitDays(g.u ?? 'day');
  const around = norm.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
  const aboutArrival = /arriv|ship|deliver|came|come|wait|order|took|get here|got here/.test(around) && !/^after/.test(m[0]);
  return aboutArrival && days >= 7;
}

/** The damage an arrival rule read is the box's, not the item's. */
const ARRIVED_BOX = /外包装|盒子|外盒|外箱|纸箱|箱子|快递盒|快递袋|封口|胶带|\b(?:box|boxes|package|packaging|parcel|carton|envelope|wrapping)\b/;
/** …or the English subject just before it: "The box arrived crushed". */
const BOX_SUBJECT = /\b(?:box|boxes|package|packaging|parcel|carton|envelope|wrapping)\s+(?:was\s+|were\s+|had\s+)?$/;
/** An item that does not work (a defect), as opposed to one physically broken. */
const FUNCTION_FAILURE = /开不了|开不开|不开机|打不开|不工作|不能用|用不了|没法用|没反应|黑屏|不充电|充不进|充不上|失灵|\b(?:(?:doesn'?t|does not|won'?t|will not|didn'?t|did not) (?:work|turn on|power on|charge)|not working|dead on arrival|doa)\b/;
/**
 * Broken on arrival, not after use ("收到货用了三天就坏了" is how long it was used before it broke), and not
 * an item that came dead: "收到就坏了，开不了机" / "arrived broken, won't turn on" is a defect (quality) — only
 * the ambiguous 坏/broken/damaged defer to it; 碎/裂/cracked/shattered are physical whatever else is said.
 */
const arrivalDamage: Check = (m, norm) => {
  if (/用|穿|戴|洗|玩|充|装上|天|周|星期|礼拜|月|次|\b(?:after|use[ds]?|using|wash\w*|wor[en])\b/.test(m[0])) return false;
  const word = m.groups?.k ?? '';
  return !(/坏|损|broken|damaged/.test(word) && FUNCTION_FAILURE.test(norm));
};

const ZH_NUM = '(?<n>\\d+|[一二两三四五六七八九十半几]+|好几)';
const ZH_UNIT = '(?<u>天|日|周|个?星期|个?礼拜|个月|个多月|月)';
const EN_NUMW = '(?<n>\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)';
const EN_UNIT = '(?<u>days?|weeks?|months?)';

const LOGISTICS_TOPIC = '(?:物流|快递|发货|送货|配送|宅配|出货|派送|运输|寄送|到货|送达|寄出|发出|货运|邮寄)';
const PACKAGE_THING = '(?:包装|外包装|打包|盒子|外盒|外箱|纸箱|箱子|快递盒|礼盒|盒|瓶子|瓶口|瓶盖|袋子|封口|胶带|快递袋)';

/** A value an order names, English: colours, sizes, capacities, versions (lowercased text). */
const EN_VALUE = "(?:black|white|red|blue|green|gr[ae]y|pink|yellow|purple|brown|beige|navy|orange|silver|gold|khaki|xxxl|xxl|xl|xs|s|m|l|small|medium|large|size \\d+|\\d+ ?(?:gb|tb|ml|cm|mm|inch(?:es)?|pack|pcs)|\\d+(?! ?(?:days?|weeks?|hours?|months?|business|working|am|pm|minutes?)\\b)|men'?s|women'?s|kids'?)";
/** The same, Chinese (simplified, lowercased): 卡其色, 42码, 256g, xl, 大号, a款. */
const ZH_VALUE = '(?:[黑白红蓝绿灰粉黄紫棕米橙咖啡卡其藏青军酒玫天浅深]{1,3}色|\\d+(?:码|号|寸|gb|g|tb|t|ml|l|cm|mm)(?![a-z])|(?:xxxl|xxl|xl|xs|s|m|l)(?![a-z])|[大中小]号|[a-z]款)';

/** Two values of one order ("ordered M … got L") only when they differ (words such as "size"/"the" set aside). */
const differentValues: Check = (m) => {
  const strip = (v: string | undefined) => (v ?? '').replace(/^(?:size |the )/, '').replace(/\s+/g, '');
  return strip(m.groups?.a) !== strip(m.groups?.b);
};

const RULES: Rule[] = [
  // ── logistics ──
  rule('logistics', 2.5, `${LOGISTICS_TOPIC}{C}{0,6}(?<k>慢|延迟|延误|迟|晚)`, { neg: true }),
  rule('logistics', 2, `(?:龟速|蜗牛|等得花都谢了|望眼欲穿|等到天荒地老)`),
  rule('logistics', 2, `(?:等了|走了|用了|花了|过了|下单)?(?:整整|足足|居然|竟然|都)?{C}{0,3}${ZH_NUM}${ZH_UNIT}{C}{0,4}(?:才|终于)?(?:到|发|收到|送到|寄出|出货|发货)`, { check: longWait }),
  // Not 用了 alone: "用了半个月，盖子开始漏水" is how long the buyer used it, not how long the parcel took (with an
  // arrival verb — "用了十天才到" — the rule above still reads the wait).
  rule('logistics', 1.5, `(?:等了|走了|花了)(?:整整|足足)?{C}{0,2}${ZH_NUM}${ZH_UNIT}`, { check: longWait }),
  rule('logistics', 2, `(?:快递|物流|包裹|送货|到货){C}{0,8}${ZH_NUM}${ZH_UNIT}`, { check: longWait }),
  rule('logistics', 2.5, `(?:物流|快递|追踪|查询)(?:信息|单号|记录|状态)?{C}{0,6}(?:不更新|没更新|没有更新|没动|不动|卡住|查不到|没有记录)`),
  rule('logistics', 1.5, `(?:卡在|停在)|转运中心|转运`),
  rule('logistics', 2.5, `丢件|丢了|弄丢|寄丢|没收到货|没有收到货|还没收到|收不到货|一直没到|迟迟不到`),
  rule('logistics', 2, `驿站|网点|快递员|快递小哥|派件员|派送员|送错|送到别人|不送上门|不派送|放门口|丢门口`),
  rule('logistics', 2, `(?:才|终于|迟迟)(?:发货|出货|寄出|发出|发|到)`),
  rule('logistics', 2, `催了{C}{0,6}(?:才|还没|也没)`),
  rule('logistics', 1, `顺丰|圆通|中通|申通|韵达|极兔|邮政|ems|黑猫|新竹物流|宅配|超商取货`),
  rule('logistics', 2.5, `\\b(?:shipping|delivery|shipment|postage|dispatch|transit|courier|post|mail)\\b{C}{0,25}\\b(?<k>slow|late|forever|ages|delayed|long time)\\b`, { neg: true }),
  rule('logistics', 2.5, `\\b(?<k>slow|late|delayed)\\s+(?:shipping|delivery|shipment|dispatch|courier)`, { neg: true }),
  rule('logistics', 2, `\\b(?:took|take|taking|waited|waiting|wait|almost|nearly|over|only|after)\\s+(?:about\\s+|over\\s+|nearly\\s+|almost\\s+)?${EN_NUMW}\\s+${EN_UNIT}(?:\\s+to\\s+(?:arrive|ship|come|deliver|get here))?`, { check: longEnglishWait }),
  // "Arrived in 9 days to Germany" states a wait without complaining of it (a fast one abroad): a topic
  // word, under the weight that lets a complaint overrule praise — a 5★ "Great quality, arrived in
  // 9 days" stays praise; a 1–2★ review that says only this still reads as logistics.
  rule('logistics', 1, `\\b(?:arrived in|came in|got here in|delivered in)\\s+(?:about\\s+|over\\s+|nearly\\s+|almost\\s+)?${EN_NUMW}\\s+${EN_UNIT}`, { check: longEnglishWait }),
  rule('logistics', 2.5, `\\btook (?:forever|ages|so long|too long)\\b`),
  rule('logistics', 2, `\\btracking\\b`),
  rule('logistics', 1.5, `\\bno updates?\\b|\\bnot updat(?:ing|ed)\\b|\\bstuck (?:at|in)\\b|\\bin transit\\b`),
  rule('logistics', 2.5, `\\bnever (?:arrived|came|showed up|got (?:it|here|delivered))\\b|\\b(?:didn'?t|did not|has not|hasn'?t|have not|haven'?t) (?:arrived|arrive|received (?:it|my|the))\\b|\\bnothing at my door\\b`),
  rule('logistics', 2.5, `\\blost in (?:the )?(?:mail|post|transit)\\b|\\blost (?:my |the )?(?:package|parcel|order)\\b`),
  rule('logistics', 2, `\\bdelivered to the wrong\\b|\\bwrong address\\b|\\bleft (?:it )?(?:in the rain|outside|at the (?:gate|door))\\b`),
  rule('logistics', 1.5, `\\b(?:courier|depot|postman|mailman|delivery driver|delivery guy)\\b`),
  rule('logistics', 2, `\\b(?:delivery|package|parcel|it) (?:was|arrived|came) (?:very |so |too )?late\\b|\\blate delivery\\b|\\bdelayed\\b`),
  // "Arrived late", and "late" as one item of a list of complaints ("Wrong colour, late, and the seller never
  // replied"): the late delivery went unread and unanswered.
  rule('logistics', 2, `\\b(?:arrived|came|showed up|got here|was delivered|delivered)\\s+(?:very |so |too |really |super )?late\\b|(?<=^|[,;]\\s*)(?:very |so |too |really |super )?late(?=\\s*(?:[,.;!]|and\\b|$))`),
  rule('logistics', 2, `\\b(?:didn'?t|did not|wasn'?t) (?:ship|dispatch|shipped|dispatched)\\b|\\bships? within\\b`),
  // Broadened (issue 6 follow-up): pickup never scanned, a parcel "not moving", still not here.
  rule('logistics', 2.5, `(?:还没|没有|没|未|迟迟不|一直不)揽(?:收|件)|揽收{C}{0,4}(?:慢|都没|还没)`),
  rule('logistics', 2, `(?:单号|物流|快递|包裹){C}{0,6}(?:没有?动静|没反应|不动)|(?:到现在|至今|现在)(?:都|也)?还?(?:没到|没收到|未到)|在路上{C}{0,6}(?:旅游|走了|转)`),
  rule('logistics', 2, `\\b(?:parcel|package|order|shipment|item)\\b{C}{0,40}\\b(?:sat|sitting|stuck|held)\\b|\\b(?:sat|sitting|stuck) (?:in|at) (?:a |the )?(?:warehouse|customs|depot|sorting)\\b`),
  rule('logistics', 2, `\\bstill (?:hasn'?t|has not|not|haven'?t) (?:arrived|shipped|come|received)\\b|\\bstill (?:in transit|on (?:its|the) way)\\b`),

  // ── quality ──
  rule('quality', 2.5, `(?:质量|品质|做工|材质|材料|用料|面料|布料|手感|工艺){C}{0,4}(?:(?<k>差|烂|粗糙|次|糟糕|堪忧)|不好|不行|一般|不怎么样)`, { neg: true }),
  rule('quality', 2, `(?:坏了|坏掉|损坏|(?<k>坏))`, { neg: true }),
  rule('quality', 2, `故障|失灵|黑屏|死机|不工作|打不开|开不了机|开不了|按不动|充不进|充不了|不能用|用不了|没法用|不灵|卡顿|断了|断掉|裂了|裂开|开裂|(?<k>裂)`, { neg: true }),
  rule('quality', 2, `(?<k>开胶|脱胶|脱线|开线|起球|掉色|褪色|掉漆|生锈|漏电|破洞|变形|起皮|掉毛|缩水)`, { neg: true }),
  rule('quality', 1.5, `漏水|漏气|拧不紧|盖不紧|关不紧`),
  // What the item is for, stopped or worn off — the usual words of a follow-up review (追评) after weeks of use:
  // "保温效果越来越差，现在基本不保温了" was read as no cause and answered "祝您使用愉快，欢迎再次光临".
  rule('quality', 2, `效果{C}{0,4}(?:越来越(?:差|弱|不好)|(?<k>差)|不好|不行|变差|没了)|越来越(?:不好用|不保温|不灵)|(?:基本|完全|根本|已经|都)?不(?:保温|保冷|防水|制冷|制热|加热|出水|充电)了`, { neg: true }),
  rule('quality', 2, `\\b(?:no longer|doesn'?t|does not|won'?t|will not|stopped|isn'?t|is not) (?:keep(?:s|ing)?|hold(?:s|ing)?|stay(?:s|ing)?) (?:\\w+ )?(?:warm|hot|cold|cool|sharp|waterproof)(?: any ?more| anymore)?\\b|\\bno longer (?:works|working|waterproof)\\b`),
  // An item sold as new that came used ("东西是二手的，有使用痕迹") was read as no cause.
  rule('quality', 2.5, `二手|使用痕迹|(?:被|让)?(?:人|别人)用过|用过的|翻新机|\\bsecond-?hand\\b|\\brefurbished\\b|\\bsigns of (?:use|wear)\\b|\\bpreviously used\\b|\\b(?:item|it|product|this|one) (?:was|is|looks|looked|came) (?:clearly |obviously |already )?used\\b`),
  // "收到時杯子破了" (1★) was read as no cause: the draft asked a buyer who had said it what went wrong. A box
  // that "破了" is packaging (its own rule weighs more); "没破" is negated.
  rule('quality', 1.5, `(?<k>破了|破掉)`, { neg: true }),
  // Negatable: "没有异味" is praise (a 4★ that praises and complains is read for its complaint).
  rule('quality', 1.5, `(?<k>异味|(?:很|太|好)?臭|塑料味|刺鼻)|(?:味道|气味)(?:很|太|特别)?(?<k2>大|重|刺鼻)`, { neg: true }),
  // The smell named the other way round, or one that will not go: "但是东西有股很重的味道，放了三天还没散" (3★) was
  // read as praise for the fast parcel alone and thanked — "能让您早点收到是我们最开心的事".
  rule('quality', 2, `(?:很|太|特别|好|超|非常)(?<k>重|大|浓|冲|难闻)的(?:味道|气味|味儿|异味)|(?:味道|气味|异味|味儿){C}{0,6}(?:散不掉|散不了|散不去|还没散|没散|不散)|\\b(?:strong|awful|terrible|horrible|chemical|plastic|bad) (?:smell|odou?r)\\b`, { neg: true }),
  rule('quality', 2, `瑕疵|线头|次品|残次|质量问题|假货|山寨|高仿|仿品|不是正品|非正品|劣质|(?<k>毛刺)`, { neg: true }),
  // "Fake! Not genuine at all" was read as no cause, and the draft told the buyer they had not said what went wrong.
  // Not "fake review(s)": that is about reviews, not the goods.
  rule('quality', 2.5, `\\b(?:fake|counterfeit|knock-?off|replica|not (?:genuine|authentic|original|the real (?:thing|one)))\\b(?!\\s+reviews?)`),
  rule('quality', 1.5, `(?:用|穿|戴|洗|玩)了?{C}{0,4}(?:一次|两次|几次|\\d+次|[一二两三四五六七八九十几半\\d]+(?:天|周|个?星期|个?月))?就(?:坏|断|裂|开|掉|起|破|不)`),
  rule('quality', 1, `才(?:用|穿|戴|洗)了|没两天就|没几天就|没多久就|洗一次就`),
  rule('quality', 1.5, `^\\s*(?:垃圾|辣鸡|拉圾|垃圾东西|垃圾产品|什么垃圾)[!！。.\\s]*$|垃圾(?:东西|产品|质量|货)`),
  rule('quality', 1, `很薄|太薄|薄得|透光|一扯就`),
  rule('quality', 2, `\\b(?:broke|breaks|snapped|cracked|tore|ripped|shattered)\\b|\\b(?<k>broken)\\b`, { neg: true }),
  rule('quality', 2.5, `\\b(?:defective|faulty|dead on arrival|doa|stopped (?:working|charging)|quit working|(?:doesn'?t|does not|won'?t|will not|didn'?t|did not) (?:work|turn on|charge|power on|hold a charge)|falling apart|fell apart|came apart|coming apart)\\b`),
  rule('quality', 2.5, `\\b(?:poor|bad|terrible|awful|horrible|low|cheap|shoddy|lousy) (?:quality|material|materail|build|workmanship|stitching)\\b`),
  rule('quality', 1.5, `\\b(?:flimsy|peeling|peeled|rusty|rusted|frayed|fraying|pilling|faded|leaks|leaking|wobbly)\\b`),
  rule('quality', 1, `\\bcheap\\b|\\bjunk\\b|\\bgarbage\\b|\\bcrap\\b|\\bsmells?\\b|\\bstinks?\\b`),
  rule('quality', 1.5, `\\bafter (?:the )?(?:first|one|two|three|a few|\\d+) (?:uses?|washe?s?|wears?|times)\\b|\\bafter (?:a|one|two) (?:days?|weeks?)\\b`),
  // "arrived broken / damaged" is transit damage (packaging, above); arriving dead is a defect.
  rule('quality', 1.5, `\\barrived (?:not working|dead)\\b`),
  rule('quality', 2, `\\b(?:battery|screen|motor|charger|button|zipper|strap|seam|sole|handle|lid|speaker)s?\\b{C}{0,20}\\b(?:died|dead|fails?|failed|loose|came off|fell off|unravell?ing|stuck)\\b|\\b(?:won'?t|wont|doesn'?t|does not|can'?t) hold (?:a )?charge\\b`),
  rule('quality', 2, `(?:扣子|拉链|鞋底|把手|屏幕|按键|电池|开关|轮子|螺丝){C}{0,6}(?:掉了|坏了|卡住|卡死|松了|不灵|脱落)|(?:坏点|漏光|接触不良|不充电|充不上电|没反应)`),

  // ── expectation ──
  rule('expectation', 3, `(?:图片|照片|图|详情页|详情|描述|宣传|模特|主图|视频|介绍|页面|广告|商品页){C}{0,8}(?:不一样|不符|不同|差别|差很多|差太多|差得|差距|落差|区别|两个东西|两回事|不像|完全不是|完全两)`),
  rule('expectation', 3, `(?:不符|不一样|差别|差距|差太多|差很多)(?:于|跟|和|与)?{C}{0,3}(?:图片|照片|描述|宣传)`),
  rule('expectation', 3, `货不对版|描述不符|名不副实|图文不符|与实物不符|挂羊头|照骗`),
  rule('expectation', 2.5, `(?<k>色差)`, { neg: true }),
  rule('expectation', 2.5, `买家秀|卖家秀|修图|修得|p图|滤镜|美颜|精修`),
  rule('expectation', 2.5, `(?:想象|想像|预期|期望|期待|以为)(?:中|的)?{C}{0,8}(?:小|大|差|短|薄|低|矮|窄|不|远|轻)`),
  rule('expectation', 1.5, `(?:尺寸|尺码|码数)?(?:偏小|偏大|小一码|大一码|小了一|大了一)|尺寸不对|尺码不对`),
  // "Runs very small, had to send it back" was read as no cause, and the draft said the buyer had not said what went wrong.
  rule('expectation', 2, `穿不下|穿不进|码数不准|尺码不准|\\b(?:runs?|running|fits?|sized) (?:very |really |way |a bit |a little |quite |super )?(?:small|large|big|tight|narrow)\\b|\\b(?:way |much |far )?too (?:small|big|large|tight|loose)\\b|\\b(?:doesn'?t|does not|didn'?t|did not) fit\\b|\\bsize (?:chart|guide) (?:is |was )?(?:wrong|off|inaccurate|way off)\\b|\\b(?:one|two|a) sizes? (?:up|down|bigger|smaller)\\b`),
  rule('expectation', 2.5, `说(?:是|好的|好是){S}{0,14}(?:结果|其实|实际|明显|却|根本|居然|竟然)`),
  rule('expectation', 2, `实物{C}{0,6}(?:丑|难看|暗|小|不如|没有|一般|粗糙|廉价|发黄|差)|没有图片上|不如图片|比图片`),
  rule('expectation', 1.5, `颜色{C}{0,4}(?:不一样|不对|偏|暗|发黄|不是|差别)|以为是`),
  rule('expectation', 3, `\\b(?:not|nothing|none) (?:at all )?(?:as|like) (?:it was |it's |it is )?(?:described|pictured|shown|advertised|the (?:picture|photo|pic|image|description|listing|ad)s?)\\b`),
  rule('expectation', 3, `\\bdifferent (?:from|than|to) (?:the |what(?:'s| is| was) )?(?:picture|photo|pic|image|description|listing|advertised|shown|pictured)s?\\b`),
  rule('expectation', 2.5, `\\b(?:smaller|bigger|larger|thinner|thicker|shorter|lighter|darker|cheaper|flimsier|duller) than (?:i )?(?:expected|it looks|they look|it appears|advertised|described|pictured|shown|in the (?:photos?|pictures?))\\b`),
  rule('expectation', 2.5, `\\b(?:photos?|pictures?|pics?|images?|listing|description)\\b{C}{0,12}\\b(?:misleading|edited|photoshopped|deceptive|filtered|retouched|fake)\\b`),
  rule('expectation', 2.5, `\\bmisleading\\b|\\bphotoshopped\\b|\\bfalse advertising\\b|\\bnot what (?:was|is|they) advertised\\b|\\bnot as advertised\\b|\\bnot \\w+ as (?:described|advertised|pictured|stated)\\b`),
  rule('expectation', 2, `\\bexpected (?:it )?to be\\b|\\bthan (?:i )?expected\\b|\\bbased on the (?:listing|photos?|pictures?)\\b|\\bwhat was advertised\\b`),
  rule('expectation', 2, `\\b(?:colou?r|shade|size|material|finish)\\b{C}{0,6}\\b(?:completely |totally |very |quite )?(?:different|off|wrong|not the same)\\b`),
  rule('expectation', 1.5, `\\blooks? (?:cheap|nothing like)\\b|\\btiny\\b|\\bmore (?:orange|red|yellow|pink|blue|green|purple) than\\b`),
  // Broadened: the listing's own claim against what arrived ("ad says wool, label says acrylic").
  rule('expectation', 2.5, `\\b(?:ad|advert|listing|description|title|page|product page|photos?|pictures?)\\b (?:says|said|states|stated|claims|claimed|shows|showed)\\b|\\bthan (?:in )?(?:the )?(?:photos?|pictures?|pics|images?|listing|ad|description)(?: \\w+)?\\b`),
  rule('expectation', 2.5, `(?:网页|网站|网上|页面上|图上|图片上|照片上){C}{0,8}(?:差好多|差很多|差太多|不一样|不同|差远|差多)|(?:模特|图上|图片上|照片上|页面上|网页上|详情页){S}{0,16}(?:到(?:我)?手|收到|实物|实际)`),

  // ── packaging ──
  rule('packaging', 2.5, `${PACKAGE_THING}{C}{0,6}(?<k>压坏|压扁|压|扁|坏|破|烂|凹|瘪|变形|漏|湿|脏|撕|开了|简陋|随便|差|不严|太薄|破损|马虎|敷衍)`, { neg: true }),
  rule('packaging', 2.5, `(?:包装|打包){C}{0,4}(?:不用心|不仔细|不严实|不到位|不结实)`),
  rule('packaging', 1.5, `漏液|漏了|漏得|洒了|溢出|流出来`),
  rule('packaging', 2, `防震|泡沫|气泡膜|气泡袋|泡泡纸|珍珠棉|裸装|裸发|(?:没有|没)(?:任何)?(?:包装|外包装|盒子|外盒|礼盒)|礼盒都没有|被拆过|拆过|二次包装|被打开过`),
  rule('packaging', 1, `塑料袋|套了个袋子|一个袋子|直接装`),
  rule('packaging', 1.5, `(?<k>破损)`, { neg: true }),
  // The item smashed ("杯子碎了"): a box is crushed, not 碎 — the item itself came broken.
  rule('packaging', 1, `碎了|压碎`, { arrival: true }),
  // Damaged in transit (domain §4: "poor quality or broken packaging" are two causes): the item or box
  // broken when it ARRIVED is what the parcel did to it — packing and carriage, answered with stronger
  // packing and a replacement. "Arrived damaged" was quality while "碎了" was packaging, so the same
  // complaint got two replies by language. A defect that shows in use ("用了三天就坏了", "broke after a
  // week") stays quality, and so does an item that came dead ("开不了机", "does not turn on": those
  // quality phrases outweigh this one). Weighs more than the bare "坏/broken" quality rules, and absorbs them.
  rule('packaging', 3, `(?:收到|到货|到手|签收|拆开|打开|开箱|拆箱|送到|送来|寄到|寄来|一到|到了)(?:时|的时候|后)?{C}{0,8}?(?:就|已经|已|都)?(?:是)?(?<k>(?:压|摔|弄)?(?:坏了|坏的|坏掉)|压坏|摔坏|损坏|碎了|碎的|碎掉|破了|破的|破掉|裂了|裂开|裂的)`, { neg: true, check: arrivalDamage, absorbs: 'quality', arrival: true }),
  rule('packaging', 3, `\\b(?:arrived|came|showed up|got here|was delivered|were delivered|received (?:it|them|mine|my \\w+|the \\w+|a|an)?)\\s+(?:\\w+\\s+){0,2}?(?<k>broken|damaged|cracked|shattered|smashed|in pieces|dented|crushed|chipped)\\b`, { neg: true, check: arrivalDamage, absorbs: 'quality', arrival: true }),
  rule('packaging', 3, `\\b(?<k>broken|damaged|cracked|shattered|smashed|chipped|in pieces)\\b{C}{0,30}\\b(?:when|on|upon|as soon as)\\s+(?:it |they |the \\w+ |i )?(?:arrived|arrival|delivery|receipt|came|received|got it|opened|unboxed|opening|unboxing)\\b`, { neg: true, check: arrivalDamage, absorbs: 'quality', arrival: true }),
  rule('packaging', 2.5, `\\b(?:box|boxes|package|packaging|parcel|packet|carton|envelope|wrapping|seal|bag)\\b{C}{0,25}\\b(?<k>crushed|dented|damaged|torn|ripped|smashed|squashed|soaked|wet|opened|broken|busted)\\b`, { neg: true }),
  rule('packaging', 1.5, `\\b(?<k>crushed|dented|smashed|squashed)\\b`, { neg: true }),
  rule('packaging', 2.5, `\\b(?:poorly|badly|carelessly|cheaply) (?:packed|packaged|wrapped|boxed)\\b|\\bnot packed\\b|\\bno (?:bubble wrap|padding|protection|box)\\b|\\bwithout (?:any )?(?:padding|protection|bubble wrap|the original box|a box|box)\\b|\\bthin envelope\\b|\\bplain bag\\b|\\b(?:retail |original |gift )?box was missing\\b|\\bmissing (?:the )?(?:retail |original )?box\\b|\\bthrown in\\b`),
  rule('packaging', 2, `\\bleak(?:ed|ing)? (?:all over|everywhere|in the|into|through)\\b`),
  rule('packaging', 1, `📦|\\bbubble wrap\\b`),
  rule('packaging', 2.5, `\\b(?:no|zero|little|without any|not any) (?:bubble wrap|padding|protection|cushioning)\\b|\\bcorners?\\b{C}{0,12}\\b(?:bent|crushed|dented|squashed|torn)\\b|\\b(?:lid|cap|seal)\\b{C}{0,20}\\b(?:popped|came off|came open|opened|loose|broken)\\b|\\b(?:everywhere|all over) inside the (?:box|package|parcel)\\b`),

  // ── service ──
  rule('service', 2.5, `(?:客服|售后|卖家|店家|商家|掌柜|店主|小二){C}{0,8}(?:不理|不回|爱答不理|爱理不理|(?<k>慢)|(?<k2>差)|恶劣|敷衍|推|不解决|不处理|没人|凶|骂|怼|机器人|自动回复|没结果|不耐烦|冷淡|傲慢|不负责|找不到|联系不上)`, { neg: true }),
  rule('service', 2.5, `态度{C}{0,3}(?:(?<k>差|恶劣)|不好|冷淡|敷衍|凶|傲慢|极差)`, { neg: true }),
  rule('service', 2.5, `爱答不理|爱理不理|不理人|没人理|没人回|不回(?:消息|信息|讯息|复|话)|都不回|没回复|没有回复|不回复|已读不回|石沉大海|联系不上`),
  rule('service', 2.5, `(?:问|发消息|发信息|留言|咨询|联系){C}{0,8}(?:没反应|没人|不回|才回|没回|不理)|回复{C}{0,4}(?:慢|很慢|太慢)|回覆|才回`),
  rule('service', 2, `推来推去|踢皮球|互相推|(?:一直|就是)?不解决|不给处理|不处理|没结果|没下文|敷衍`),
  rule('service', 2, `机器人|自动回复`),
  // A refund slow to come is the shop's after-sales, not the courier ("退款到现在还没到" was answered by chasing the
  // courier) nor nothing ("Refund took weeks": "you didn't say what went wrong").
  rule('service', 3.5, `退款{C}{0,10}(?:还没|没到|没收到|没退|一直没|迟迟|拖|等了)|拖着不退|\\brefunds?\\b{C}{0,25}\\b(?:took|taking|still|never|hasn'?t|has not|not (?:received|arrived|processed|issued)|weeks|months|forever|delayed|slow)\\b|\\bstill (?:no|waiting (?:for|on) (?:my |the |a )?) ?refund\\b|\\bno refund (?:yet|after)\\b`),
  rule('service', 2, `怼我|骂人|骂我|不耐烦|还说是我|说是我自己|怪我|甩锅`),
  rule('service', 2.5, `售后等于没有|没有售后|售后{C}{0,3}(?:差|太差|很差|不好)`),
  rule('service', 1.5, `(?:推荐|建议){C}{0,6}(?:不对|错|不准)`),
  rule('service', 2.5, `\\b(?:customer service|customer support|support|seller|agent|staff|rep|representative|communication|store)\\b{C}{0,30}\\b(?:rude|terrible|awful|useless|unhelpful|horrible|slow|never (?:replied|responded|answered)|ignored|(?:didn'?t|did not|don'?t|doesn'?t) (?:reply|respond|answer|help)|no (?:reply|response|answer)|runaround|copy-?paste)\\b`),
  rule('service', 2.5, `\\bignored (?:all |every )?(?:my |our )?(?:messages|emails|questions|requests|calls)\\b|\\bnever (?:answered|replied|responded|got back)\\b|\\bno (?:response|reply|answer) from\\b|\\b(?:took|takes) {C}{0,12} to (?:reply|respond|answer)\\b|\\bhung up\\b`),
  rule('service', 2.5, `(?:没人|不|没)搭理|已读(?:状态|不回)?{C}{0,4}(?:没人|不回|没回)|一问三不知|什么都(?:说)?不知道|(?:问|找)客服{C}{0,8}(?:不知道|不清楚|说不清)`),
  rule('service', 2.5, `\\bstill waiting for (?:the )?(?:seller|support|store|shop|them|a (?:reply|response|refund))\\b|\\bgot (?:an )?attitude\\b|\\b(?:seller|support|staff|agent)\\b{C}{0,20}\\b(?:attitude|condescending|dismissive|arrogant)\\b`),
  // "Contacted seller twice, no response": the buyer's message, then the silence, in the next clause.
  rule('service', 2.5, `\\b(?:contacted|messaged|emailed|e-mailed|wrote to|reached out to|asked)\\b{S}{0,40}?\\bno (?:response|reply|answer)\\b(?! (?:was |is )?(?:needed|necessary|required))`),
  rule('service', 2, `\\brude\\b|\\bunhelpful\\b|\\brunaround\\b|\\bcopy-?paste (?:answers|replies|responses)\\b|\\bcanned (?:answers|replies|responses)\\b|\\bbot replies\\b`),

  // ── wrong item: the shop picked the wrong item, size or colour. Its own cause because the answer is
  // different from "not as expected" (the listing was right, the parcel was not) and from price (a
  // buyer asked to pay the return postage names 运费 — QA saw that read as a price complaint): we
  // made the mistake, we send the right one, the return postage is ours.
  rule('wrong-item', 3, `(?<k>发错|寄错|错发|配错|拿错)`, { neg: true }),
  // "我买的黑色发来白色", "拍的L发来M": what was ordered, then a different colour or size arriving.
  rule('wrong-item', 3, `发成了|(?:拍|买|要|订|选)的{C}{0,8}(?:发来|寄来|给我发|却发|结果发)(?:的是|了)?(?:[黑白红蓝绿灰粉黄紫棕米橙咖][色的]|(?:xs|s|m|l|xl|xxl|\\d+)(?![a-z])|[大中小]号|\\d+码)`),
  rule('wrong-item', 3, `(?<!\\b(?:i|i've|i have|myself|ordered|bought|chose|picked|selected|clicked|choosing|ordering) (?:the |a )?)\\bwrong (?:item|size|colou?r|product|model|style|version|one|thing|order|part)s?\\b(?: (?:was |were )?(?:sent|shipped|delivered|received))?|\\b(?:sent|shipped|delivered|gave|got|received) (?:me |us )?(?:the |a |an )?wrong\\b|\\bnot what i ordered\\b|\\bnot the (?:item|size|colou?r|one|model) i ordered\\b`),
  // "Different model than the one I ordered", "asked for 64GB got 32GB", 收到打开是别款, 和我拍的不一样.
  rule('wrong-item', 3, `\\b(?:a )?different (?:item|model|product|colou?r|size|version|style) (?:than|from) (?:the one |what )?(?:i|we) (?:ordered|bought|paid for)\\b|\\b(?:asked|ordered|paid) for (?:the |a )?\\d+ ?(?:gb|tb|ml|cm|mm|inch(?:es)?|pcs|pack)\\b[^.!?;\\n]{0,20}\\b(?:got|received|sent|came)\\b`),
  rule('wrong-item', 3, `(?:收到|打开|拆开|打開)(?:后|後|一看)?(?:是|竟然是|居然是)?(?:别款|别的款|另一款|別款|別的款)|[和跟](?:我)?(?:拍|买|買|订|訂|下单|下單)的(?:不一样|不一樣|不是同一款)`),
  // Broadened from a list of natural phrasings (test/unit/reviews/wrong-item-recall.test.ts DEV; its
  // HELD_OUT list only measures): "this isn't what I ordered", "got a red one instead of the green",
  // "sent me size M not L", 不是我买的那款, 收到的是别的颜色, 寄成了其他款式, 订的白色到手变成了黑色.
  rule('wrong-item', 3, `\\b(?:isn'?t|is not|wasn'?t|was not|not|aren'?t|are not|weren'?t)\\s+(?:what|the (?:one|ones|item|product|model|size|colou?r|style|version|thing)s?(?: that)?)\\s+(?:i|we)\\s+(?:ordered|bought|purchased|paid for|selected|chose|picked|asked for)\\b`),
  // Something missing from the parcel ("少发了一个", "缺配件", "Missing parts") was read as no cause, and the draft asked
  // the buyer what went wrong: a packing error, answered by sending what is missing (draft.ts MISSING).
  rule('wrong-item', 2.5, `少发|漏发|少寄|漏寄|少了(?:一|两|几|\\d)|缺(?:了)?(?:配件|零件|件|一|两|\\d)|没(?:有)?(?:发|寄)(?:配件|赠品)|\\bmissing (?:parts?|pieces?|items?|screws?|accessor\\w+|one)\\b|\\b(?:parts?|pieces?|screws?|one|items?|accessor\\w+) (?:is |are |was |were )?missing\\b|\\bonly (?:got|received) \\d+ of\\b|(?:买|買|拍|订|訂)了{C}{0,4}只(?:收到|到了)(?:一|两|兩|\\d)`),
  rule('wrong-item', 3, `\\b(?:received|got|get|sent|send|shipped|ship|came|arrived|delivered|gave)\\b[^.!?;\\n]{0,30}?\\b(?:instead of|rather than|not)\\s+(?:the |a |an |size |in )?(?:black|white|red|blue|green|gr[ae]y|pink|yellow|purple|brown|beige|navy|orange|silver|gold|khaki|xs|s|m|l|xl|xxl|xxxl|small|medium|large|\\d+ ?(?:gb|tb|ml|cm|mm|inch(?:es)?)?)\\b`),
  rule('wrong-item', 3, `(?:发|寄)成了?(?:别的|其他|其它|另一|另外)|(?:收到|寄来|发来|到手|来的)的?(?:是|却是|竟然是|居然是)?(?:别的|其他|其它|另一个|另一种|另外的)(?:颜色|尺码|码|型号|款式|款|规格)`),
  rule('wrong-item', 3, `(?:收到|寄来|发来|到手|来的|寄过来|发过来){C}{0,4}不是我(?:买|拍|订|要|选|下单|点)的|不是我(?:买|拍|订|要|选|下单)的(?:那|这)?(?:款|颜色|尺码|码|型号|款式|规格|个颜色|个型号)`),
  rule('wrong-item', 3, `(?:买|拍|订|要|选|下单)的{C}{0,6}(?:到手|收到|寄来|发来)(?:变成了?|成了)|[和跟与](?:我)?(?:拍|买|订|下单|选)的(?:不是同一(?:个|件|种|款)|完全不同|不同)|我?(?:买|拍|订|要|选)的是{S}{0,12}(?:来的|收到的|寄来的|发来的|给我发的)(?:是|却是|竟然是|居然是)`),
  // DEV2 (wrong-item-recall.test.ts; HELD_OUT_2 was written before and only measures). "Ordered X,
  // received Y": an ordering verb with a value and a receiving verb with another value of one kind
  // (colour, size, capacity, version), either order, in one sentence — the two values must differ, so
  // "ordered size 10 and received it in two days" and "ordered blue, received blue" stay out (the
  // first was read as wrong-item by the older "ordered M … received" rule this replaces).
  rule('wrong-item', 3, `\\b(?:ordered|picked|chose|selected|bought|asked for|paid for|wanted)\\b (?:a |an |the |size |in |the size )?(?<a>${EN_VALUE})\\b${S}{0,30}?\\b(?:received|got|get|sent|send|shipped|came|arrived|delivered|gave)\\b(?: (?:me|us))?(?: (?:a|an|the|size|in|with))*\\s*(?<b>${EN_VALUE})\\b`, { check: differentValues }),
  rule('wrong-item', 3, `\\b(?:came|arrived|received|got|sent)\\b(?: (?:me|us|a|an|the|in|size))*\\s*(?<a>${EN_VALUE})\\b${S}{0,30}?\\b(?:i|we) (?:ordered|picked|chose|selected|bought|asked for|paid for)\\b(?: (?:a|an|the|size|in))*\\s*(?<b>${EN_VALUE})\\b`, { check: differentValues }),
  rule('wrong-item', 3, `(?:拍|买|订|要|选|下单|下的单|点)(?:的|了)?(?:是)?(?<a>${ZH_VALUE})${S}{0,10}?(?:收到|来|寄来|发来|到手|给我发|给发|发了|来了|寄了|拿到)(?:的|了)?(?:却|竟然|居然|变成)?(?:是|成)?了?(?:个|件|双|条)?(?<b>${ZH_VALUE})`, { check: differentValues }),
  // "Doesn't match my order" / 和订单不一致: the order itself is the reference, not the listing.
  rule('wrong-item', 3, `\\b(?:does ?n'?t|does not|did ?n'?t|did not|do not|don'?t|not)\\s+match(?:ing)?\\s+(?:my|the|what i) (?:order|purchase|ordered)\\b|(?:和|跟|与)(?:我的)?订单(?:上的?|里的?|信息)?(?:不一致|不符|对不上|不一样|不同)`),
  // The parcel held something else: "someone else's package", 箱子里装的是别人的货.
  rule('wrong-item', 3, `\\b(?:box|package|parcel|bag|envelope)\\b (?:contained|had|held|included)\\b(?: a| an| the)?(?: completely| totally| entirely)? (?:different|wrong|someone else'?s|somebody else'?s)\\b|\\b(?:someone|somebody) else'?s (?:package|parcel|order|item|stuff)\\b|(?:包裹|箱子|盒子|快递|袋子)里(?:面)?(?:装的是|装的|是)(?:别人|别的|其他|其它|另外)`),
  // An accessory for another model: "fits a different phone".
  rule('wrong-item', 3, `\\b(?:fits?|is for|are for|made for) (?:a |an )?(?:different|another|the wrong) (?:phone|model|device|version|car|laptop|tablet|printer)\\b`),
  // ── price ──
  rule('price', 2.5, `(?:太|很|偏|有点|有些|小|真|超|巨|死)(?<k>贵)|贵(?:了|得|死)`, { neg: true }),
  rule('price', 2.5, `价格{C}{0,3}(?:太|很|偏|有点)?(?:高|贵)|价格虚高|不划算|性价比{C}{0,2}(?:低|差|不高)|不值(?:得|这个价|这价|钱)?|智商税|不值当`),
  rule('price', 2.5, `降价|(?<k>涨价)|先涨后降|差价|补差价|保价`),
  rule('price', 2.5, `多收|乱收|收了两次|重复扣|多扣|扣了两次`),
  rule('price', 2, `被坑|坑人|坑钱|割韭菜|比{C}{0,6}(?:还贵|贵)|别家便宜|便宜一半|不如平时便宜|(?:活动价|优惠价|券后价){C}{0,6}(?:还|更)?(?:贵|高|不如)|套路|虚假优惠`),
  rule('price', 2.5, `\\b(?:too|very|so|really|quite|a bit|rather) (?<k>expensive|pricey|costly)\\b|\\bover-?priced\\b|\\brip-?off\\b|\\bnot worth (?:the |it|the money|the price)|\\bwaste of money\\b`, { neg: true }),
  rule('price', 2.5, `\\bprice (?:dropped|went down|was reduced|fell|drop|cut)\\b|\\b(?:charged|billed) (?:me )?(?:twice|double|extra|more)\\b|\\bovercharged\\b|\\bhigher than (?:listed|advertised|shown)\\b|\\bprice gouging\\b`),
  rule('price', 2, `\\bcheaper (?:elsewhere|on|at|in)\\b|\\b(?:half|twice|double) the price\\b|\\bfeel cheated\\b`),
  // Broadened: sale right after buying, "paid full price", shipping costing more than the item.
  rule('price', 2.5, `\\bpaid full price\\b|\\b\\d{1,2}\\s?% off\\b|\\bwent on sale\\b|\\b(?:shipping|postage|delivery) (?:cost|costs|was|is|fee)\\b{C}{0,12}\\b(?:more|higher|than)\\b|\\bcosts? more than\\b`),
  rule('price', 2.5, `一半的钱|半价|冤大头|当盘子|被宰|宰客|运费{C}{0,4}(?:比|贵|太高)|(?:便宜|降)了{C}{0,2}(?:\\d+|[一二两三四五六七八九十几]+)(?:块|元)`),

  // ── malicious: extortion, review-for-money, competitor smear, abuse ──
  rule('malicious', 4, `(?:不|不给|不肯|拒绝)(?:我)?(?:退款|退钱|退货|赔|赔偿|补偿|返现|补差价|退|处理)(?:的话)?{S}{0,22}(?:差评|负评|一星|投诉|曝光|举报|发文|刷)`),
  rule('malicious', 4, `(?:退钱|退款|赔钱|赔偿|补偿|返现)(?:给我)?{S}{0,4}(?:不然|否则|要不然|要不)`),
  rule('malicious', 3.5, `(?:不然|否则|要不然|要不){S}{0,12}(?:差评|负评|投诉|一星|曝光|举报|发文|黑店)`),
  rule('malicious', 4, `(?:给我|返我|返|补我|给)(?:返现)?{S}{0,8}(?:返现|红包|\\d+\\s*(?:元|块)|钱|补偿){S}{0,10}(?:就|我就|才)?(?:改|追加|删|撤|给)(?:成|个|掉)?(?:好评|差评|评价)`),
  rule('malicious', 3.5, `想要好评就|好评就给|要好评{C}{0,4}(?:给|拿)|给红包|红包就|返现就`),
  rule('malicious', 1.5, `你看着办|自己看着办|等着吧|你就等着|走着瞧`),
  rule('malicious', 3, `别(?:在这家|在这)?买{S}{0,12}(?:去|到){C}{0,10}(?:买|店)|去隔壁|隔壁家|去{C}{0,8}(?:旗舰店|那家|别家)|那家才是正品`),
  rule('malicious', 3, `刷{C}{0,8}差评|天天来差评|一直(?:差评|负评)|到处(?:发|差评|曝光|说)`),
  rule('malicious', 2.5, `傻[xX逼比叉b]|sb|煞笔|脑子有病|脑残|有病吧|去死|全家|滚蛋|狗(?:东西|卖家|商家|老板)|早点倒闭|倒闭吧|黑店|不要脸`),
  rule('malicious', 1.5, `骗子`),
  rule('malicious', 4, `\\b(?:refund|compensat\\w*|discount|money|credit|free)\\b{S}{0,40}\\bor (?:else )?(?:i'?ll|i will|i'm going to|i am going to)\\b`),
  rule('malicious', 4, `\\b(?:if you don'?t|unless you)\\b{S}{0,60}\\b(?:i'?ll|i will)\\b{S}{0,40}(?:review|star|report|complain|dispute)`),
  rule('malicious', 4, `\\b(?:give|send|pay|refund) me\\b{S}{0,40}\\b(?:and|then) (?:i'?ll|i will)\\b{S}{0,30}\\b(?:change|update|edit|remove|delete|revise|raise)\\b`),
  rule('malicious', 3, `\\b(?:change|update|edit|raise)\\b{S}{0,20}\\bto (?:5|five) stars?\\b|\\b(?:1|one)[- ]star\\b{S}{0,20}\\b(?:every|everywhere|all)\\b|\\bleave (?:bad|negative) reviews\\b`),
  rule('malicious', 3, `\\bbuy (?:from|at) {S}{1,30} instead\\b|\\bgo to {S}{1,25} instead\\b|\\bsells? (?:knock-?offs|fakes|counterfeits)\\b`),
  rule('malicious', 2.5, `\\b(?:idiots?|morons?|stupid|scum|garbage humans?|go to hell|bankrupt|fuck\\w*|shit\\w*|bastards?|you people)\\b`),
  rule('malicious', 1.5, `\\bscam(?:mer|mers)?\\b`),
  // Broadened: money first, then the review goes ("补偿一百块，我就把评价删了"), review kept as leverage.
  rule('malicious', 4, `(?:退|给|补|赔|返)(?:我)?{S}{0,12}(?:钱|元|块|补偿|红包){S}{0,10}(?:我)?(?:就|立马|马上|才)?(?:把)?(?:评价|差评|评论|这条评价)?(?:删|改|撤)(?:了|掉|评)?|删评|撤评|改评`),
  rule('malicious', 4, `\\bunless\\b{S}{0,60}\\b(?:review|stars?|rating)\\b|\\b(?:this )?review stays\\b|\\btell (?:all )?(?:my )?(?:followers|friends|everyone)\\b`),
  rule('malicious', 2.5, `脑袋有(?:洞|问题|病)|脑子进水|智障|弱智|神经病|奸商|无良商家`),
  rule('malicious', 3, `\\b(?:shop|order|buy|get it) (?:at|from) \\w+(?: \\w+)? instead\\b|\\bthis (?:place|shop|store|seller) is a (?:joke|scam|fraud)\\b`),

  // ── praise ──
  rule('praise', 1.5, `好评|五星|5星|满意|很好|非常好|挺好|真好|不错|很棒|超棒|太棒|喜欢|(?<!朋友|同事|别人|博主|闺蜜)推荐|回购|再来(?!评|追评|看|说)|还来|下次还|会再|好用|舒服|精细|精致|漂亮|好看|完美|赞|给力|物超所值|超值|惊喜|正品|放心`),
  rule('praise', 1.5, `性价比{C}{0,2}(?:很|超|挺|非常|蛮)?高|cp值{C}{0,2}(?:很|超|挺|非常|蛮)?高|实惠|划算|便宜|不贵`),
  rule('praise', 1.5, `耐心|热情|有问必答|贴心|用心|仔细|细心|专业|周到|及时`),
  rule('praise', 1.5, `${LOGISTICS_TOPIC}{C}{0,3}(?:很|超|挺|非常|真|也|特别|蛮)?(?:快|迅速|给力|神速|及时)|包装{C}{0,3}(?:很|超|挺|非常|也)?(?:好|完整|完好|严实|仔细|用心|精美)|完好无损|完好`),
  rule('praise', 1, `谢谢|感谢|❤|❤️|👍|👌|😊|😍|🥰|💯`),
  rule('praise', 1.5, `爱了|(?:和|跟|与)(?:描述|图片|图)一(?:模一样|样|致)|超(?:出|乎)(?:预期|想象)|人很好|老板(?:人)?(?:很|超|真)?好`),
  rule('praise', 1.5, `\\bexceed(?:ed|s)? (?:my |all )?expectations\\b|\\badore\\b|\\bsolid\\b|\\b10\\/10\\b|\\bimpressed\\b|\\bhighly recommend\\b|\\bdoes the job\\b`),
  rule('praise', 1.5, `\\b(?:love (?:it|this|them|the)|great|excellent|perfect|perfectly|awesome|amazing|fantastic|wonderful|beautiful|lovely|gorgeous|happy with|satisfied|recommend(?:ed)?|would buy again|will buy again|buy again|5 stars|five stars)\\b|(?:^|\\s)a\\+{2,}`),
  rule('praise', 1.5, `\\bexactly as (?:described|pictured|shown|advertised)\\b|\\bas described\\b|\\bfits? (?:perfectly|great|well)\\b|\\bworks? (?:great|well|perfectly|fine|like a charm)\\b|\\bdoes what it says\\b|\\bno complaints\\b|\\bnot bad\\b`),
  rule('praise', 1.5, `\\bwell (?:packed|packaged|made|wrapped)\\b|\\bfast (?:shipping|delivery|dispatch)\\b|\\b(?:arrived|came|shipped) (?:quickly|fast|early|on time|ahead)\\b|\\bquick (?:delivery|shipping)\\b|\\bhelpful\\b|\\bresponsive\\b|\\banswered all\\b|\\b(?:good|great|high|excellent) quality\\b|\\bvalue for money\\b|\\bgreat (?:value|price|seller)\\b|\\bthanks?\\b|\\bthank you\\b`),

  // ── other: not-yet-used, gifts, lukewarm, own mistakes, empty system text ──
  rule('other', 1.5, `还没用|还没拆|没拆|还没试|用了再|再来追评|再来评价|过几天再|(?:会|再|以后|之后|到时|到时候|回头|晚点)(?:来|再)?追评|送人的|送给|帮朋友买|帮{C}{0,3}买的|凑单|(?:朋友|同事|别人|博主|闺蜜)推荐|一般般|一般吧|还行|还可以吧|中规中矩|普通|没什么特别|没填写|没有填写|默认好评|不知道{C}{0,6}(?:怎么样|正不正品|效果|好不好|喜不喜欢)|用了再说|再说吧|拍错|自己的问题|不关卖家|先给个评价`),
  rule('other', 1.5, `\\bhaven'?t (?:tried|used|opened|given|worn)\\b|\\bnot (?:tried|used|opened) (?:it )?yet\\b|\\bwill update\\b|\\bgift for\\b|\\bfor my (?:dad|mom|mum|sister|brother|wife|husband|son|daughter|friend)\\b|^\\s*ok(?:ay)?[.!]?\\s*$|\\bit'?s ok(?:ay)?\\b|\\baverage\\b|\\bnothing special\\b|\\bmy (?:own )?(?:mistake|fault|bad)\\b|\\bwrong size myself\\b|^\\s*n\\/?a\\s*$`),
];

/**
 * Topic words: what a review is ABOUT, with no judgement. They never decide on their own; they
 * decide only the fallback (see `topicFallback`): a 1-2★ review that no complaint rule explained
 * is still a complaint, and "包裹…" on a 1★ review is about logistics far more often than not.
 * Written by cause from the domain (§4 root causes), not from any test row.
 */
const TOPICS: ReadonlyArray<{ cause: ReviewCause; re: RegExp }> = [
  { cause: 'logistics', re: /快递|物流|包裹|发货|出货|到货|运输|派送|配送|派件|揽收|单号|仓库|驿站|邮局|在路上|收到货|送到|送货|\b(?:parcel|package|shipping|shipped|ships|shipment|delivery|delivered|deliver|arriv\w*|tracking|carrier|courier|post office|warehouse|dispatch\w*|transit|showed up)\b/g },
  { cause: 'quality', re: /质量|品质|做工|材质|用料|坏|断|裂|掉|松|卡|不能用|不好用|没法用|效果|电池|屏幕|按键|拉链|扣子|线头|保温|漏|\b(?:quality|broke|broken|break\w*|battery|stopped|died|dead|material|stitch\w*|seams?|zipper|button|screen|cracked|snapped|chipped|disconnect\w*|squeak\w*|leak\w*|worn|wobbl\w*|malfunction\w*)\b/g },
  { cause: 'expectation', re: /图片|照片|图上|主图|描述|详情|模特|网页|网站|页面|实物|实品|颜色|色差|尺寸|大小|尺码|款式|\b(?:photos?|pictures?|pics?|images?|description|described|listing|advertised|looks?|colou?r|size|smaller|bigger|expected|expecting|claimed)\b/g },
  { cause: 'packaging', re: /包装|打包|盒|箱|袋|瓶|封口|胶带|泡沫|气泡|\b(?:box|boxes|bag|packaging|packed|packing|wrap\w*|lid|seal\w*|envelope|carton|tape)\b/g },
  { cause: 'service', re: /客服|卖家|商家|店家|老板|掌柜|售后|回复|回消息|不回|态度|沟通|联系|理我|处理|申请|\b(?:seller|support|service|repl(?:y|ied|ies)|respon\w*|messag\w*|contact\w*|emails?|attitude|asked|answer\w*|staff|agent)\b/g },
  { cause: 'price', re: /价|钱|元|块钱|贵|便宜|优惠|券|活动|运费|折|\$|¥|￥|\b(?:price\w*|paid|pay|cost\w*|expensive|cheap\w*|money|worth|fee|fees|charged?|discount\w*|sale|coupon)\b/g },
];

/** Something in the text reads negative: a 3★ or unrated review needs it before the fallback applies. */
const NEGATIVE_CUE = /差|不|没|别|坑|失望|后悔|垃圾|糟|烂|无语|心塞|郁闷|生气|可惜|但是|就是|不过|可是|只是|\b(?:not|no|never|but|disappoint\w*|unfortunately|poor|bad|worse|worst|however|still|wish)\b|n't\b/;
/** A contrast ("东西不错，就是…", "…, but …"): what follows it is the complaint. */
const CONTRAST = /就是|但是|可是|不过|可惜|只是|\b(?:but|however|except|though|although|unfortunately)\b/g;

/**
 * The fallback for reviews the complaint rules did not explain (the first probe set showed most
 * misses landing on `other`): count topic words — after the last contrast word when there is one —
 * plus any weak complaint hits, and take the best-scored cause (ties: the earliest in the text).
 */
function topicFallback(text: string, norm: string, hits: EvidenceHit[]): { cause: ReviewCause; topicHits: EvidenceHit[] } | null {
  let from = 0;
  for (const m of norm.matchAll(CONTRAST)) from = m.index + m[0].length;
  const scan = (start: number) => {
    const score = new Map<ReviewCause, number>();
    const first = new Map<ReviewCause, number>();
    const found: EvidenceHit[] = [];
    for (const t of TOPICS) {
      t.re.lastIndex = 0;
      for (const m of norm.slice(start).matchAll(t.re)) {
        const at = start + m.index;
        found.push({ cause: t.cause, phrase: text.slice(at, at + m[0].length), start: at, end: at + m[0].length, weight: 1, topic: true });
        score.set(t.cause, (score.get(t.cause) ?? 0) + 1);
        if (!first.has(t.cause)) first.set(t.cause, at);
      }
    }
    for (const h of hits) {
      if (h.start < start || h.negated || !COMPLAINTS.includes(h.cause) || h.cause === 'malicious') continue;
      score.set(h.cause, (score.get(h.cause) ?? 0) + h.weight);
      if (!first.has(h.cause) || first.get(h.cause)! > h.start) first.set(h.cause, h.start);
    }
    const best = [...score.entries()].sort((a, b) => b[1] - a[1] || first.get(a[0])! - first.get(b[0])!)[0];
    return best ? { cause: best[0], topicHits: found.filter((h) => h.cause === best[0]) } : null;
  };
  return (from > 0 ? scan(from) : null) ?? scan(0);
}

const COMPLAINTS: readonly ReviewCause[] = ['logistics', 'quality', 'expectation', 'wrong-item', 'packaging', 'service', 'price', 'malicious'];
/** One solid complaint phrase (weight ≥ 2) outweighs any amount of praise — see header, step 3. */
const COMPLAINT_WINS = 2;
const RATING_PRIOR: Record<number, number> = { 5: 1.5, 4: 0.8, 3: 0, 2: -0.7, 1: -1.2, 0: -1.2 };

const ZH_NEGATOR = /(?:不|没|没有|无|未|毫无|并不|并没有|并没|一点也不|一点都不|也没有|也没|也不|都没有|都没|都不|不会|不算)(?:太|很|怎么|算|是|有|那么|会){0,2}$/;
const EN_NEGATOR = /\b(?:not|no|never|without|isn'?t|wasn'?t|weren'?t|aren'?t|didn'?t|doesn'?t|don'?t|hardly|zero|nothing)\s+(?:\w+\s+){0,2}$/;
const ZH_INTENSIFIER = /(?:太|很|非常|超|特别|真的|巨|极|十分|好|超级|严重)$/;
const EN_INTENSIFIER = /\b(?:very|so|too|extremely|really|super|completely|totally|incredibly)\s+$/;
/** Explicit irony markers: praise words near them are not praise. */
const SARCASM = /🙄|🙃|呵呵|真是(?:神速|厉害|服了|佩服)|谢谢你全家|for creativity|thanks a lot|thanks for nothing|just great|yeah right|oh great/;

/** Start index of the negator governing the word at `at`, or -1. */
function negatorBefore(norm: string, at: number): number {
  const zhFrom = Math.max(0, at - 6);
  const zh = ZH_NEGATOR.exec(norm.slice(zhFrom, at));
  if (zh) return zhFrom + zh.index;
  const enFrom = Math.max(0, at - 30);
  const en = EN_NEGATOR.exec(norm.slice(enFrom, at));
  return en ? enFrom + en.index : -1;
}

function intensified(norm: string, start: number, matchText: string): boolean {
  const before = norm.slice(Math.max(0, start - 12), start);
  return ZH_INTENSIFIER.test(before) || EN_INTENSIFIER.test(before) || /^(?:太|很|非常|超|特别|巨)/.test(matchText);
}

function collectHits(text: string, norm: string): EvidenceHit[] {
  const raw: EvidenceHit[] = [];
  /** Hits of rules that absorb another cause's reading of their words (arrival damage vs bare "broken"). */
  const absorbers = new Map<EvidenceHit, ReviewCause>();
  for (const r of RULES) {
    r.re.lastIndex = 0;
    for (const m of norm.matchAll(r.re)) {
      if (m[0].length === 0) continue;
      if (r.check && !r.check(m as RegExpExecArray, norm)) continue;
      let start = m.index;
      const end = start + m[0].length;
      let weight = r.weight;
      let cause = r.cause;
      let negated = false;
      // Negated praise ("很不满意", "not happy with", "不会再来") is not praise; it is left out
      // (the low-rating fallback then reads what the review is about).
      if (r.cause === 'praise' && negatorBefore(norm, start) >= 0) continue;
      if (r.negatable) {
        const keyIdx = m.indices?.groups?.k ?? m.indices?.groups?.k2;
        const keyStart = keyIdx ? keyIdx[0] : start;
        const negAt = negatorBefore(norm, keyStart);
        if (negAt >= 0) {
          // "物流不慢", "没有破损", "not broken": a complaint word denied reads as praise;
          // the evidence then includes the negator so the reply quotes "没有破损", not "破损".
          cause = 'praise';
          weight = r.weight * 0.6;
          negated = true;
          start = Math.min(start, negAt);
        }
      }
      if (!negated && cause !== 'praise' && cause !== 'other' && intensified(norm, start, m[0])) weight *= 1.25;
      const hit: EvidenceHit = { cause, phrase: text.slice(start, end), start, end, weight, ...(negated ? { negated } : {}) };
      if (r.absorbs && !negated) absorbers.set(hit, r.absorbs);
      // The box crushed on arrival ("收到时外盒压坏了，里面还好") is packaging, but the item may be fine: only
      // damage to the item is answered as such (no "the item did not reach you intact" for a dented box).
      if (r.arrival && !negated && !ARRIVED_BOX.test(m[0]) && !BOX_SUBJECT.test(norm.slice(Math.max(0, m.index - 30), m.index))) hit.arrival = true;
      raw.push(hit);
    }
  }
  // A negated complaint must not also count as praise through its own words ("not bad" is
  // already a praise rule; "物流不慢" must not ALSO fire 物流…慢 as logistics — handled above).
  // Overlapping hits of one cause count once: keep the strongest.
  raw.sort((a, b) => b.weight - a.weight || a.start - b.start);
  const kept: EvidenceHit[] = [];
  for (const h of raw) {
    const clash = kept.some((k) => k.cause === h.cause && k.start < h.end && h.start < k.end);
    if (!clash) kept.push(h);
  }
  // A complaint span negated into praise suppresses any plain complaint hit on the same span.
  // An absorbing hit suppresses the other cause's hits inside it: "arrived broken" is transit damage
  // once, not also a quality complaint (which would give the reply a second cause to answer).
  return kept
    .filter((h) => h.negated || !kept.some((n) => n.negated && n.start <= h.start && h.end <= n.end && h.cause !== 'praise'))
    .filter((h) => !kept.some((a) => absorbers.get(a) === h.cause && a.start <= h.start && h.end <= a.end))
    .sort((a, b) => a.start - b.start);
}

/**
 * Praise, then a contrast word, then the complaints ("东西挺好的，不过发货太慢，尺码也偏小", "Love the mug, but
 * shipping was slow"): a 4–5★ buyer who liked the item and names what fell short. `sarcasm` flags these too
 * (praise words on a review whose real content is a complaint), and the reply opened "看到您的评价我们很难过" /
 * "this order let you down" to a buyer who had just said 挺好 and given five stars. Ironic praise has no
 * contrast word between the two ("Great, arrived broken", "好评！快递只用了半个月，真快": praise after the
 * complaint), or a sarcasm marker (呵呵, "thanks a lot"): those stay ironic.
 */
function praiseThenReservation(norm: string, hits: readonly EvidenceHit[]): boolean {
  if (SARCASM.test(norm)) return false;
  const praise = hits.filter((h) => h.cause === 'praise' && !h.negated);
  const complaints = hits.filter((h) => !h.negated && COMPLAINTS.includes(h.cause));
  if (!praise.length || !complaints.length) return false;
  const firstComplaint = Math.min(...complaints.map((h) => h.start));
  const firstPraise = Math.min(...praise.map((h) => h.start));
  if (firstPraise > firstComplaint || praise.some((h) => h.start > firstComplaint)) return false;
  const lastPraiseEnd = Math.max(...praise.map((h) => h.end));
  return new RegExp(CONTRAST.source).test(norm.slice(lastPraiseEnd, firstComplaint));
}

export function classifyReview(input: ClassifyInput): Classification {
  const text = input.text ?? '';
  const n = normalizeText(text);
  const lang = detectLang(n, input.lang);
  const hits = collectHits(text, n.norm);
  const rating = typeof input.rating === 'number' ? Math.round(Math.max(0, Math.min(5, input.rating))) : null;

  const scores = new Map<ReviewCause, number>(REVIEW_CAUSES.map((c) => [c, 0]));
  for (const h of hits) scores.set(h.cause, scores.get(h.cause)! + h.weight);

  const sarcasmMarker = SARCASM.test(n.norm) && /\S/.test(n.norm.replace(SARCASM, ''));
  // A complaint can only overrule praise with at least one solid phrase: a pile of weak topic
  // words ("顺丰", "courier") describes the order, it does not complain about it.
  const strongest = new Map<ReviewCause, number>();
  for (const h of hits) strongest.set(h.cause, Math.max(strongest.get(h.cause) ?? 0, h.weight));
  let maxComplaint = 0;
  for (const c of COMPLAINTS) if ((strongest.get(c) ?? 0) >= 1.5) maxComplaint = Math.max(maxComplaint, scores.get(c)!);
  const praiseRaw = scores.get('praise')!;
  const sarcasm = maxComplaint > 0 && ((praiseRaw > 0 && (rating ?? 0) >= 4) || sarcasmMarker) && maxComplaint >= COMPLAINT_WINS;
  // Ironic praise is not praise: keep a trace of it (the draft may still thank) but no prior.
  if (sarcasm || (sarcasmMarker && maxComplaint > 0)) scores.set('praise', praiseRaw * 0.2);

  // Ranking scores: the rating prior shifts praise only when there is something to praise, so a
  // blank 5★ system text stays "other" rather than invented praise.
  const ranked = new Map(scores);
  if (rating !== null && praiseRaw > 0 && !sarcasm) ranked.set('praise', Math.max(0, scores.get('praise')! + (RATING_PRIOR[rating] ?? 0)));
  if (rating !== null && rating <= 2) for (const c of COMPLAINTS) ranked.set(c, ranked.get(c)! * 1.15);

  const order = (pool: readonly ReviewCause[]) =>
    [...pool].sort((a, b) => ranked.get(b)! - ranked.get(a)! || REVIEW_CAUSES.indexOf(a) - REVIEW_CAUSES.indexOf(b));

  let cause: ReviewCause;
  let fallback = false;
  let reserved = false;
  if (maxComplaint >= COMPLAINT_WINS) cause = order(COMPLAINTS)[0]!;
  else {
    const best = order(REVIEW_CAUSES)[0]!;
    cause = ranked.get(best)! > 0 ? best : 'other';
    // Low-rating topic fallback: a 1-2★ review is a complaint even when no rule named it; a 3★
    // or unrated one only with a negative cue and no "other" phrase (一般般, not used yet); a
    // 1-2★ "praise" only when that praise is thin (one 不错). A contrast word on ≤4★ praise hands
    // the clause after it to the fallback too ("东西不错，就是物流…").
    const otherHit = hits.some((h) => h.cause === 'other');
    const low = rating !== null && rating <= 2;
    const cue = NEGATIVE_CUE.test(n.norm);
    const contrast = new RegExp(CONTRAST.source).test(n.norm);
    const eligible =
      (cause === 'other' && (low || ((rating === 3 || rating === null) && cue && !otherHit))) ||
      (cause === 'praise' && low && praiseRaw < 3) ||
      (cause === 'praise' && contrast && rating !== null && rating <= 4 && praiseRaw < 3);
    if (eligible) {
      const fb = topicFallback(text, n.norm, hits);
      // Praise with a contrast needs the topic AFTER the contrast word, else it stays praise.
      const onlyAfterContrast = cause === 'praise' && !low;
      if (fb && (!onlyAfterContrast || fb.topicHits.some((h) => h.start >= lastContrastEnd(n.norm)) || hits.some((h) => h.cause === fb.cause && h.start >= lastContrastEnd(n.norm)))) {
        cause = fb.cause;
        fallback = true;
        reserved = onlyAfterContrast;
        hits.push(...fb.topicHits);
        hits.sort((a, b) => a.start - b.start);
        ranked.set(cause, Math.max(ranked.get(cause)!, fb.topicHits.length || 1));
      }
    }
    // A 3–4★ review that praises and also names a solid complaint, with no contrast word to find it
    // by ("质量不错，有一点点异味，洗洗就好了"): the complaint is why a star is missing, and the reply
    // answers it — thanking too (reserved). Was praise: the rating prior outweighed one 异味.
    if (cause === 'praise' && (rating === 3 || rating === 4) && maxComplaint > 0) {
      cause = order(COMPLAINTS)[0]!;
      reserved = true;
    }
    // Also a 3–4★ review no rule read at all ("颜色很正，可惜拉链不太顺": 很正 is no rule's praise).
    if ((cause === 'praise' || (cause === 'other' && (rating === 3 || rating === 4))) && rating !== null && rating <= 4) {
      const r = reservation(text, n.norm, hits);
      if (r) {
        cause = r.cause;
        fallback = true;
        reserved = true;
        hits.push(r.hit);
        hits.sort((a, b) => a.start - b.start);
        ranked.set(cause, Math.max(ranked.get(cause)!, 1));
      }
    }
  }

  const total = [...ranked.values()].reduce((a, b) => a + Math.max(0, b), 0);
  const causes: CauseScore[] = [cause, ...order(REVIEW_CAUSES).filter((c) => c !== cause)]
    .filter((c) => ranked.get(c)! > 0)
    .map((c) => ({ cause: c, score: round(ranked.get(c)!), share: round(total ? ranked.get(c)! / total : 0) }));

  const top = ranked.get(cause)!;
  const runnerUp = Math.max(0, ...REVIEW_CAUSES.filter((c) => c !== cause).map((c) => ranked.get(c)!));
  const raw = top <= 0 ? 0.3 : clamp(Math.round((1 - Math.exp(-top / 2)) * (top / (top + runnerUp)) * 100) / 100, 0.05, 0.99);

  // A fallback guess is a guess: never shown as confident.
  const confidence = fallback ? Math.min(raw, 0.4) : raw;
  const seen = new Set<string>();
  const evidence: string[] = [];
  for (const h of hits) {
    if (h.cause !== cause) continue;
    const p = h.phrase.trim();
    if (p && !seen.has(p)) { seen.add(p); evidence.push(p); }
  }
  const praiseBut = sarcasm && rating !== null && rating >= 4 && praiseThenReservation(n.norm, hits);
  return { cause, confidence, evidence, causes, hits, lang, sarcasm, fallback, reservation: reserved, praiseBut };
}

/** A reservation a buyer adds to praise: a contrast word, or a suggestion ("could be clearer", "wish"). */
const RESERVATION = /就是|但是|可是|不过|可惜|只是|美中不足|唯一(?:的)?(?:缺点|不足)|\b(?:but|however|except|though|although|unfortunately|only|wish|could (?:be|have been|use)|should (?:be|have been)|would be (?:nice|better))\b/g;
/** What makes the clause after a reservation a complaint rather than more praise ("但是真的很好用"). */
const MILD_NEGATIVE = /有点|有些|不太|不够|不是很|不怎么|偏|略|稍|太|难|紧|松|硬|薄|短|一般|不好|不顺|\b(?:a bit|a little|bit|too|not (?:very|that|so|quite|great)|could|should|wish|thin|flimsy|loose|tight|hard|difficult|stiff|short|small|unclear|confusing|better|clearer|cheap)\b/;

/**
 * Praise on a ≤4★ review with a reservation ("杯子挺好看的，就是盖子有点紧", "Good value for money.
 * Instructions could be clearer."): the reservation is what the reply must answer (QA: these got pure
 * thanks). The clause holding the last reservation becomes a topic hit; its cause is the topic word
 * in it, else quality — a detail of the product itself is what such clauses are about.
 */
function reservation(text: string, norm: string, hits: EvidenceHit[]): { cause: ReviewCause; hit: EvidenceHit } | null {
  let last: RegExpExecArray | null = null;
  for (const m of norm.matchAll(RESERVATION)) last = m as RegExpExecArray;
  if (!last) return null;
  const stop = /[,.!?;:，。！？；：\n]/;
  const markerEnd = last.index + last[0].length;
  // A conjunction opens the complaint clause; a suggestion verb sits inside it ("instructions could be…").
  // "Love it, only the strap is a bit short": `only` opens the clause too (the mild-negative test
  // below keeps "only took 3 days" out).
  const conj = /^(?:就是|但是|可是|不过|可惜|只是|美中不足|唯一|but|however|except|though|although|unfortunately|only)/.test(last[0]);
  let a = conj ? markerEnd : last.index;
  if (!conj) while (a > 0 && !stop.test(norm[a - 1]!)) a--;
  let b = markerEnd;
  while (b < norm.length && !stop.test(norm[b]!)) b++;
  while (a < b && /[\s,，:：的]/.test(norm[a]!)) a++;
  const clause = norm.slice(a, b);
  if (clause.replace(/\s/g, '').length < 2 || !MILD_NEGATIVE.test(conj ? clause : norm.slice(last.index, b))) return null;
  if (hits.some((h) => h.cause === 'praise' && !h.negated && h.start >= a && h.end <= b)) return null;
  let cause: ReviewCause = 'quality';
  for (const t of TOPICS) {
    t.re.lastIndex = 0;
    if (t.re.test(clause)) { cause = t.cause; break; }
  }
  return { cause, hit: { cause, phrase: text.slice(a, b).trim(), start: a, end: b, weight: 1, topic: true } };
}

function lastContrastEnd(norm: string): number {
  let end = 0;
  for (const m of norm.matchAll(CONTRAST)) end = m.index + m[0].length;
  return end;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
