/**
 * Public reply drafts for reviews (domain §4–5).
 *
 * Structure, in this order: thanks or apology → the buyer's complaint restated concretely
 * (their own words, quoted) → an objective explanation fitting the cause and what the shop did
 * → what the shop offers now (exchange, return, contact — never money for a changed review) →
 * optional social proof / promotion (the reply is an advertising slot, but not on a malicious
 * review) → sign-off with shop and agent.
 *
 * Wording varies deterministically: every part picks among phrasings with a seed derived from
 * the review (or given), so two reviews of the same cause do not get identical replies and the
 * same review always gets the same draft. The buyer's name is never used; quoted words that
 * carry personal data or abuse are dropped (checked with the tone check itself).
 */
import type { Lang, ReviewCause, Settings } from '../schema/index.ts';
import type { Classification, EvidenceHit } from './classify.ts';
import { normalizeText } from './normalize.ts';
import { checkTone } from './tone.ts';
import { fnv1a } from '../fnv1a.ts';
import { fillSettingsText, hasHan, replyNames, settingsTextFits } from '../replies/template.ts';

export const DRAFT_VARIANTS = ['warm', 'brief', 'formal'] as const;
export type DraftVariant = (typeof DRAFT_VARIANTS)[number];

export interface DraftReview {
  text: string;
  rating?: number | null;
  buyer?: string | null;
  product?: string | null;
}


/** `hours` fills a {hours} the seller wrote in the signature or promotion (fillSettingsText). */
export type DraftSettings = Pick<Settings, 'shopName' | 'agentName' | 'shopNameEn' | 'agentNameEn' | 'signature' | 'promotion'> & { hours?: Settings['hours'] };

export interface DraftInput {
  review: DraftReview;
  /** At least the cause; evidence and hits make the restatement quote the buyer. */
  classification: Pick<Classification, 'cause'> & Partial<Pick<Classification, 'evidence' | 'hits' | 'sarcasm' | 'reservation' | 'praiseBut'>>;
  lang: Lang;
  variant: DraftVariant;
  settings: DraftSettings;
  /** A good review of the same product, quoted as social proof. */
  socialProof?: string | null;
  /** Overrides the seed derived from the review. */
  seed?: number;
}

export interface DraftParts {
  opening: string;
  restatement: string;
  explanation: string;
  action: string;
  extra?: string;
  signoff: string;
}

export interface ReviewReplyDraft {
  text: string;
  parts: DraftParts;
  cause: ReviewCause;
  variant: DraftVariant;
  lang: Lang;
  /** Malicious review: the UI offers to open a case (domain §3/§5: report it with evidence). */
  openCase: boolean;
}

type Aspect = 'speed' | 'packaging' | 'quality' | 'service' | 'fit' | 'value';
type Options = readonly string[];
type ByLength = { long: Options; short: Options };

interface LangPack {
  sorry: Record<DraftVariant, Options>;
  thanks: Record<DraftVariant, Options>;
  /** Thanks for a 4–5★ rating with no words (pictures, emoji): `thanks` spoke of "such kind words", 用心评价, 留言. */
  starThanks: Record<DraftVariant, Options>;
  /**
   * A 4–5★ buyer who praised the item, then named what fell short (classification.praiseBut): thanked, and thanked
   * for saying it — not `thanks`' "it made our day!" before two complaints, nor `sorry`'s "this order let you down".
   */
  thanksBut: Record<DraftVariant, Options>;
  neutral: Record<DraftVariant, Options>;
  calm: Record<DraftVariant, Options>;
  /** Restatement options; `q` is the quoted buyer words (already wrapped in quote marks). */
  restate: Record<ReviewCause, { quoted: (q: string) => Options; bare: Options }>;
  /**
   * `whose`: the product's merits (quality, fit, value) are the product's — named when known; what the
   * shop did (service, delivery, packing) is "ours"; a mix of both is said without an owner.
   */
  praised: (aspects: string, product: string | null, whose: 'product' | 'shop' | 'both') => Options;
  explain: Record<Exclude<ReviewCause, 'praise'>, ByLength>;
  praiseExplain: Record<Aspect | 'general', Options>;
  action: Record<ReviewCause, ByLength>;
  /** A 1–2★ review whose cause is unknown (no text, emoji only, nothing a rule read): apologise and ask. */
  unexplained: { restate: Options; explain: ByLength; action: ByLength };
  /**
   * A 4★+ buyer who liked it with one small reservation: acknowledge the point in their words and
   * say who it was passed on to — no apology, no investigation, no return or refund offer.
   */
  reservation: { restate: { quoted: (q: string) => Options; bare: Options }; note: Partial<Record<ReviewCause, ByLength>> & { general: ByLength }; action: ByLength };
  /**
   * A buyer who says the goods are fake (假货, counterfeit): the doubt restated without the word, the
   * shop's sourcing, the records offered. The quality template quoted "假货" and agreed "this should never
   * have happened" — the shop's own public reply conceding the goods were fake.
   */
  authenticity: { restate: Options; explain: ByLength; action: ByLength };
  /**
   * A size that does not fit (an expectation about size, not looks): the size chart re-measured and another
   * size offered. The expectation template told "穿不下" that photos differ with lighting and screens.
   */
  size: { explain: ByLength; action: ByLength };
  /** Something missing from the parcel (a packing error): what is missing sent at our cost, not "we sent the wrong item". */
  missing: { restate: { quoted: (q: string) => Options; bare: Options }; explain: ByLength; action: ByLength };
  /**
   * The item broken when it arrived (a packaging cause): the buyer's words already say it arrived so, and the
   * item IS damaged — the packaging template's "收到时" before a quote saying 收到时, and its "please check the
   * item is intact", answered a buyer who had just said it was not.
   */
  damaged: { quoted: (q: string) => Options; action: ByLength };
  aspectName: Record<Aspect, string>;
  /** The second complaint's restatement, joined to the first ("另外，…", "Also, …"). */
  also: (s: string) => string;
  /** The third complaint's restatement, after the second: a second "另外" / "Also" read like a form filled in twice. */
  besides: (s: string) => string;
  quote: (s: string) => string;
  list: (items: string[]) => string;
  socialProof: (s: string) => string;
  promotion: (s: string) => string;
  signoff: (shop: string, agent: string, variant: DraftVariant) => string;
  sep: string;
}

// ───────────────────────────── 简体中文 ─────────────────────────────
const ZH_CN: LangPack = {
  sorry: {
    warm: ['亲，真的非常抱歉，这次购物给您添麻烦了。', '亲，看到您的评价我们很难过，先跟您说声对不起。', '亲，非常抱歉让您有了不好的购物体验。'],
    brief: ['抱歉给您带来不便。', '非常抱歉。'],
    formal: ['尊敬的顾客，您好！对于本次购物给您带来的不便，我们深表歉意。', '尊敬的顾客，您好。感谢您的反馈，并为此次不愉快的体验向您致歉。'],
  },
  thanks: {
    warm: ['亲，谢谢您的好评，看到您的留言我们整个团队都很开心～', '亲，感谢您的认可和用心评价！', '亲，收到您的夸奖太开心啦，谢谢您！'],
    brief: ['感谢您的好评！', '谢谢您的支持！'],
    formal: ['尊敬的顾客，您好！衷心感谢您的认可与支持。', '尊敬的顾客，您好，感谢您抽空留下评价。'],
  },
  thanksBut: {
    warm: ['亲，谢谢您的认可，也谢谢您把不满意的地方告诉我们。', '亲，感谢您的好评，您提的问题我们都认真看了。'],
    brief: ['感谢您的认可与反馈。'],
    formal: ['尊敬的顾客，您好，感谢您的认可，也感谢您指出我们做得不够的地方。'],
  },
  starThanks: {
    warm: ['亲，谢谢您的好评，我们整个团队都很开心～', '亲，谢谢您给我们打了高分！', '亲，看到您的好评太开心啦，谢谢您！'],
    brief: ['感谢您的好评！', '谢谢您的支持！'],
    formal: ['尊敬的顾客，您好！衷心感谢您的好评与支持。', '尊敬的顾客，您好，感谢您给予的高分评价。'],
  },
  neutral: {
    warm: ['亲，谢谢您抽空留下评价～', '亲，感谢您的评价！'],
    brief: ['感谢您的评价。'],
    formal: ['尊敬的顾客，您好，感谢您的评价。'],
  },
  calm: {
    warm: ['亲，您好，很遗憾这次购物没能让您满意。'],
    brief: ['您好，已收到您的评价。'],
    formal: ['尊敬的顾客，您好。我们已收到您的评价，对您的不满深表遗憾。'],
  },
  restate: {
    logistics: { quoted: (q) => [`您提到${q}，让您久等了。`, `您反馈${q}，等待的滋味确实不好受。`], bare: ['这次包裹比预期晚到，让您久等了。'] },
    quality: { quoted: (q) => [`您提到${q}，这样的情况本不该出现。`, `您反馈商品${q}，给您的使用造成了困扰。`], bare: ['您收到的商品出现了质量问题。'] },
    expectation: { quoted: (q) => [`您提到${q}，实物没有达到您看商品页面时的预期。`, `您反馈${q}，和您下单时的期待有落差。`], bare: ['实物没有达到您看商品页面时的预期。'] },
    'wrong-item': { quoted: (q) => [`您提到${q}，是我们发错了货，给您添了麻烦。`, `您反馈${q}，这是我们仓库配货的失误。`], bare: ['我们给您发错了商品，这是我们配货的失误。'] },
    packaging: { quoted: (q) => [`您提到收到时${q}。`, `您反馈包裹到手时${q}。`], bare: ['您收到包裹时外包装出现了破损。'] },
    service: { quoted: (q) => [`您提到${q}，客服没能及时、耐心地帮到您。`, `您反馈${q}，这是我们服务上的疏失。`], bare: ['客服没能及时、耐心地帮到您。'] },
    price: { quoted: (q) => [`您提到${q}，我们理解您对价格的在意。`, `您反馈${q}，我们能理解您的心情。`], bare: ['我们理解您对价格的在意。'] },
    malicious: { quoted: () => ['我们注意到您对本次订单的处理有意见。', '关于您在评价中提到的问题，我们已经记录。'], bare: ['我们注意到您对本次订单的处理有意见。'] },
    praise: { quoted: (q) => [`您特别提到${q}，这正是我们最用心的地方。`, `看到您说${q}，我们特别开心。`], bare: ['很高兴商品让您满意。'] },
    other: { quoted: (q) => [`您提到${q}，我们记下了。`, `您说${q}，谢谢您告诉我们。`], bare: ['我们很珍惜每一条评价。'] },
  },
  praised: (aspects, product, whose) => {
    const of = whose === 'shop' ? '我们的' : whose === 'both' ? '' : `${product ? `这款${product}` : '商品'}的`;
    return [`很高兴${of}${aspects}让您满意。`, `${of}${aspects}得到您的认可，我们特别开心。`];
  },
  explain: {
    logistics: {
      long: ['我们查询了物流记录，包裹在运输途中出现了延误，已第一时间联系快递公司催件，并要求对方说明原因。', '订单出库后在快递中转环节停留较久，我们已与快递公司核实并督促加快派送，后续也会优化发货和快递的选择。'],
      short: ['我们已联系快递公司催件。', '已向快递公司核实并催促派送。'],
    },
    quality: {
      long: ['我们已将同批次商品抽检，并把问题反馈给供应商和品控同事，逐件排查原因。', '您反馈的情况我们已登记，同批次的库存正在复检，有问题的批次会退回供应商处理。'],
      short: ['问题已反馈品控，正在复检同批次商品。', '已登记并安排同批次复检。'],
    },
    expectation: {
      long: ['商品图片受拍摄光线和屏幕显示影响，可能与实物存在差异；我们会重新核对页面上的尺寸、材质和颜色说明，让描述更贴近实物。', '我们已对照实物重新检查了页面图片和文字描述，会补充实拍图和更准确的尺寸说明，避免其他买家产生同样的落差。'],
      short: ['我们会补充实拍图，让页面描述更贴近实物。', '页面描述会按实物重新核对。'],
    },
    // Neither says again whose mistake it was: the restatement has just said it ("这是我们仓库配货的失误" twice
    // in one formal reply).
    'wrong-item': {
      long: ['我们已核对您的订单和仓库的出库记录，确认是配货时拿错了，已提醒仓库同事出库前按订单再核对一遍款式、颜色和尺码。', '出库记录已核对，出库前按订单逐项核对款式、颜色和尺码已列为仓库的必做步骤。'],
      short: ['已核对出库记录，是我们配货拿错了。'],
    },
    packaging: {
      long: ['商品在运输途中受到挤压，外包装没能起到足够的保护作用；我们已要求仓库加厚纸箱、增加防震填充。', '我们已把您的反馈转给仓库打包的同事，之后易损商品会加装气泡膜并加固外箱。'],
      short: ['已要求仓库加强打包保护。', '仓库已改用更厚的纸箱和防震填充。'],
    },
    service: {
      long: ['您的反馈我们已转给客服主管，相关同事会重新培训沟通方式和回复时效。', '我们复查了当时的聊天记录，确实回复得不够及时，也没能把问题说清楚，已在团队内部检讨改进。'],
      short: ['已反馈客服主管，会改进回复时效。', '已在团队内部检讨，改进回复速度。'],
    },
    price: {
      long: ['商品价格会随平台活动调整，活动期间的价格以平台当期规则为准；买完遇到降价的心情我们很理解。', '我们的定价包含了用料和售后保障，您对价格的意见我们也会认真考虑。'],
      short: ['价格随平台活动调整，您的意见我们已记录。', '您对价格的意见我们已记录。'],
    },
    malicious: {
      long: ['本店每笔订单的发货、物流和沟通记录均可在平台查询，我们会按照平台规则如实处理每一个售后问题。', '该订单的交易与沟通记录完整保存在平台上，售后问题均按平台规则处理。'],
      short: ['订单记录均可在平台查询，售后按平台规则处理。'],
    },
    other: {
      long: ['商品在使用中如有任何疑问，欢迎随时联系我们。', '使用之后有任何感受，都欢迎告诉我们。'],
      short: ['有任何问题欢迎联系我们。'],
    },
  },
  praiseExplain: {
    speed: ['仓库的同事每天都在抓紧打包发货，能让您早点收到是我们最开心的事。'],
    packaging: ['每一件商品我们都会仔细打包，就是希望它完好地到您手上。'],
    quality: ['品质是我们最在意的，每批货出库前都会抽检。'],
    service: ['您的夸奖我们已经转达给客服同事，大家都很受鼓舞。'],
    fit: ['我们尽量让页面描述和实物一致，很高兴它符合您的期待。'],
    value: ['我们希望用实在的价格提供靠谱的商品。'],
    general: ['您的认可是我们继续用心做好商品的动力。', '有您这样的买家支持，我们会继续把商品做好。'],
  },
  action: {
    logistics: { long: ['如果包裹仍有异常，请随时联系客服，我们会继续跟进直到您收到为止。', '如还有任何物流问题，请联系在线客服，我们会第一时间为您跟进处理。'], short: ['如有问题请联系客服跟进。'] },
    quality: { long: ['请联系在线客服提供照片，我们会为您安排换货或退货退款，来回运费由我们承担。', '您可以随时联系客服，我们会为您换一件新的，或按平台规则办理退货。'], short: ['请联系客服，为您换货或退货。'] },
    expectation: { long: ['如果实物仍不符合您的需要，请联系客服办理退换货，我们会尽快处理。', '若您不满意，可以联系在线客服办理退换，我们全程协助。'], short: ['不满意可联系客服退换。'] },
    'wrong-item': { long: ['请联系客服，我们马上为您换发正确的商品，退回的运费由我们承担，您不用额外花一分钱。', '请联系在线客服，我们会为您补发正确的款式，错发的商品寄回运费由我们承担，也可以直接退货退款。'], short: ['请联系客服换发，运费由我们承担。'] },
    packaging: { long: ['如商品本身有任何损坏，请联系客服发送照片，我们会为您补发或换货。', '请您检查商品是否完好，如有损坏请联系客服，我们马上为您补发或换货。'], short: ['商品如有损坏请联系客服补发。'] },
    service: { long: ['如果您的问题还没解决，请再联系一次在线客服，我们会安排专人跟进到底。', '如仍有未处理完的事项，欢迎再联系我们，主管会亲自跟进。'], short: ['未解决的问题请再联系客服，专人跟进。'] },
    price: { long: ['如您的订单符合平台的价格保护规则，可联系客服申请；后续活动也会在店铺首页公布。', '欢迎关注店铺首页的活动公告，下次购物可以更划算；如有疑问请联系客服。'], short: ['可联系客服了解价保规则。'] },
    malicious: { long: ['如您对订单还有任何问题，欢迎通过平台的官方沟通渠道联系我们，我们会按平台规则核实处理。', '如有诉求，请通过平台站内信或官方客服渠道与我们沟通，我们会依规处理。'], short: ['如有问题请通过平台官方渠道联系我们。'] },
    praise: { long: ['期待您的再次光临，使用中有任何问题也随时找我们。', '欢迎常来逛逛，有任何需要随时联系我们。'], short: ['欢迎再次光临！', '期待再次为您服务。'] },
    other: { long: ['期待听到您的使用感受，祝您购物愉快。', '祝您使用愉快，欢迎再次光临。'], short: ['祝您购物愉快。'] },
  },
  unexplained: {
    restate: ['您没有写下具体原因，我们很想知道这次哪里没有做好。', '这次没能让您满意，我们想弄清楚问题出在哪里。'],
    explain: { long: ['您的每一条评价我们都会认真查看，也会核对这笔订单的发货和售后记录。'], short: ['我们会核对这笔订单的记录。'] },
    action: { long: ['方便的话请联系客服告诉我们遇到的问题，无论是商品还是服务，我们都会尽快为您处理。', '请联系在线客服说说您遇到的情况，我们会为您安排退换或其他补救。'], short: ['请联系客服告诉我们问题，我们尽快处理。'] },
  },
  reservation: {
    restate: { quoted: (q) => [`您提到${q}，谢谢您细心告诉我们。`, `您说${q}，这个小细节我们记下了。`], bare: ['您提的小建议我们记下了。'] },
    note: {
      quality: { long: ['我们已把这一点转告产品同事，下一批会特别留意。', '这个细节已经反馈给产品同事，改进时会优先考虑。'], short: ['已转告产品同事留意。'] },
      expectation: { long: ['我们会在商品页面补充这方面的说明，方便大家选购。'], short: ['页面说明会补充这一点。'] },
      logistics: { long: ['已转告仓库和快递同事，争取让下一单更快到您手上。'], short: ['已转告仓库同事。'] },
      packaging: { long: ['已转告打包的同事，之后会把这一点做得更好。'], short: ['已转告打包同事。'] },
      service: { long: ['已转告客服同事，我们会把这一点做得更好。'], short: ['已转告客服同事。'] },
      price: { long: ['您对价格的意见已转告负责定价的同事。'], short: ['您的意见已转告定价同事。'] },
      general: { long: ['已转告相关同事，谢谢您的建议。'], short: ['已转告相关同事。'] },
    },
    action: { long: ['使用中有任何疑问随时找我们，期待再次为您服务。', '有需要随时联系我们，欢迎再次光临。'], short: ['有需要随时找我们。'] },
  },
  authenticity: {
    restate: ['您对商品是否为正品有疑问，我们非常重视。', '关于您对商品是否正品的疑问，我们认真核对了这笔订单。'],
    explain: { long: ['本店商品均由正规渠道进货，每一批都有进货凭证可查；同款商品在不同批次、产地之间，包装和细节可能略有差异。'], short: ['本店商品均由正规渠道进货，凭证可查。'] },
    action: { long: ['请联系在线客服，我们会把这批商品的进货凭证发给您核对；如您仍有疑问，可按平台规则申请退货退款。'], short: ['请联系客服核对进货凭证，也可按平台规则退货。'] },
  },
  size: {
    explain: { long: ['我们会按实物重新测量这款的尺码，核对页面上的尺码表，并在详情页注明版型偏大还是偏小，方便大家选码。'], short: ['尺码表会按实物重新测量核对。'] },
    action: { long: ['请联系在线客服，我们可以为您换一个合适的尺码，或按平台规则办理退货。'], short: ['可联系客服换码或退货。'] },
  },
  missing: {
    restate: { quoted: (q) => [`您提到${q}，是我们打包时漏装了。`], bare: ['包裹里少了东西，是我们打包时漏装了。'] },
    explain: { long: ['我们已核对这笔订单的出库记录，已提醒仓库同事打包时按订单清点件数和配件。'], short: ['已核对出库记录，是打包漏装。'] },
    action: { long: ['请联系客服告诉我们缺少的部分，我们马上为您补发，运费由我们承担。'], short: ['请联系客服，缺少的部分马上补发。'] },
  },
  damaged: {
    quoted: (q) => [`您提到${q}，商品没能完好地送到您手上。`, `您反馈${q}，您拿到的不是一件完好的商品。`],
    action: { long: ['请联系客服发一张照片，我们马上为您补发一件新的，也可以按平台规则退货退款，运费由我们承担。'], short: ['请联系客服发照片，马上为您补发。'] },
  },
  also: (s) => `另外，${s}`,
  besides: (s) => `还有，${s}`,
  aspectName: { speed: '发货速度', packaging: '包装', quality: '做工和品质', service: '客服服务', fit: '实物效果', value: '性价比' },
  quote: (s) => `“${s}”`,
  list: (items) => items.join('和'),
  socialProof: (s) => `也有买家反馈：“${s}”。`,
  promotion: (s) => `店铺近期活动：${s}`,
  signoff: (shop, agent, v) =>
    v === 'formal' ? `${shop || '本店'}客服中心${agent ? ` ${agent}` : ''} 敬上` : v === 'brief' ? `—— ${shop || '店铺客服'}` : `—— ${shop ? `${shop} ` : ''}客服${agent}`,
  sep: '',
};

// ───────────────────────────── 繁體中文（台灣用語） ─────────────────────────────
const ZH_TW: LangPack = {
  sorry: {
    warm: ['您好，真的非常抱歉，這次購物讓您費心了。', '您好，看到您的評價我們很過意不去，先向您說聲抱歉。', '您好，很抱歉讓您有了不愉快的購物經驗。'],
    brief: ['造成您的不便，非常抱歉。', '非常抱歉。'],
    formal: ['親愛的顧客您好：對於本次購物造成您的不便，我們深感抱歉。', '親愛的顧客您好：感謝您的回饋，並為這次不愉快的經驗向您致歉。'],
  },
  thanks: {
    warm: ['謝謝您的好評，看到您的留言我們整個團隊都好開心！', '感謝您的肯定與用心評價！', '收到您的稱讚真的很開心，謝謝您！'],
    brief: ['感謝您的好評！', '謝謝您的支持！'],
    formal: ['親愛的顧客您好：衷心感謝您的肯定與支持。', '親愛的顧客您好：感謝您撥冗留下評價。'],
  },
  thanksBut: {
    warm: ['謝謝您的肯定，也謝謝您把不滿意的地方告訴我們。', '感謝您的好評，您提到的問題我們都仔細看過了。'],
    brief: ['感謝您的肯定與回饋。'],
    formal: ['親愛的顧客您好：感謝您的肯定，也感謝您指出我們做得不夠好的地方。'],
  },
  starThanks: {
    warm: ['謝謝您的好評，我們整個團隊都好開心！', '謝謝您給我們打了高分！', '看到您的好評真的很開心，謝謝您！'],
    brief: ['感謝您的好評！', '謝謝您的支持！'],
    formal: ['親愛的顧客您好：衷心感謝您的好評與支持。', '親愛的顧客您好：感謝您給予的高分評價。'],
  },
  neutral: {
    warm: ['謝謝您撥空留下評價！', '感謝您的評價！'],
    brief: ['感謝您的評價。'],
    formal: ['親愛的顧客您好：感謝您的評價。'],
  },
  calm: {
    warm: ['您好，很遺憾這次購物沒能讓您滿意。'],
    brief: ['您好，已收到您的評價。'],
    formal: ['親愛的顧客您好：我們已收到您的評價，對於您的不滿深感遺憾。'],
  },
  restate: {
    logistics: { quoted: (q) => [`您提到${q}，讓您久等了。`, `您反映${q}，等待的心情我們完全理解。`], bare: ['這次包裹比預期晚到，讓您久等了。'] },
    quality: { quoted: (q) => [`您提到${q}，這樣的狀況本來不該發生。`, `您反映商品${q}，造成您使用上的困擾。`], bare: ['您收到的商品出現了品質問題。'] },
    expectation: { quoted: (q) => [`您提到${q}，實品沒有達到您看商品頁面時的期待。`, `您反映${q}，和您下單時的期待有落差。`], bare: ['實品沒有達到您看商品頁面時的期待。'] },
    'wrong-item': { quoted: (q) => [`您提到${q}，是我們寄錯了商品，造成您的困擾。`, `您反映${q}，這是我們倉庫出貨的疏失。`], bare: ['我們寄錯了商品給您，這是出貨的疏失。'] },
    packaging: { quoted: (q) => [`您提到收到時${q}。`, `您反映包裹送達時${q}。`], bare: ['您收到包裹時外包裝有破損。'] },
    service: { quoted: (q) => [`您提到${q}，客服沒能即時、耐心地協助您。`, `您反映${q}，這是我們服務上的疏失。`], bare: ['客服沒能即時、耐心地協助您。'] },
    price: { quoted: (q) => [`您提到${q}，我們理解您對價格的在意。`, `您反映${q}，我們能體會您的心情。`], bare: ['我們理解您對價格的在意。'] },
    malicious: { quoted: () => ['我們注意到您對本次訂單的處理有意見。', '關於您在評價中提到的問題，我們已經記錄。'], bare: ['我們注意到您對本次訂單的處理有意見。'] },
    praise: { quoted: (q) => [`您特別提到${q}，這正是我們最用心的地方。`, `看到您說${q}，我們特別開心。`], bare: ['很高興商品讓您滿意。'] },
    other: { quoted: (q) => [`您提到${q}，我們記下了。`, `您說${q}，謝謝您告訴我們。`], bare: ['我們很珍惜每一則評價。'] },
  },
  praised: (aspects, product, whose) => {
    const of = whose === 'shop' ? '我們的' : whose === 'both' ? '' : `${product ? `這款${product}` : '商品'}的`;
    return [`很高興${of}${aspects}讓您滿意。`, `${of}${aspects}得到您的肯定，我們特別開心。`];
  },
  explain: {
    logistics: {
      long: ['我們查詢了物流紀錄，包裹在運送途中出現延誤，已第一時間聯絡物流公司追件，並請對方說明原因。', '訂單出貨後在物流轉運環節停留較久，我們已向物流公司確認並督促加快配送，之後也會調整出貨流程與配送方式。'],
      short: ['我們已聯絡物流公司追件。', '已向物流公司確認並催促配送。'],
    },
    quality: {
      long: ['我們已將同批商品抽檢，並把問題回報給供應商與品管同仁，逐件追查原因。', '您反映的狀況我們已登記，同批庫存正在重新檢驗，有問題的批次會退回供應商處理。'],
      short: ['問題已回報品管，正在複檢同批商品。', '已登記並安排同批複檢。'],
    },
    expectation: {
      long: ['商品照片受拍攝光線與螢幕顯示影響，可能與實品有些差異；我們會重新核對頁面上的尺寸、材質與顏色說明，讓描述更貼近實品。', '我們已對照實品重新檢查頁面照片與文字說明，會補上實拍照與更精確的尺寸說明，避免其他買家產生同樣的落差。'],
      short: ['我們會補上實拍照，讓頁面描述更貼近實品。', '頁面描述會依實品重新核對。'],
    },
    'wrong-item': {
      long: ['我們已核對您的訂單和倉庫的出貨紀錄，確認是撿貨時拿錯了，已提醒倉庫同仁出貨前依訂單再核對款式、顏色和尺寸。', '出貨紀錄已核對，出貨前依訂單逐項核對款式、顏色和尺寸已列為倉庫的必要步驟。'],
      short: ['已核對出貨紀錄，是我們撿貨拿錯了。'],
    },
    packaging: {
      long: ['商品在運送途中受到擠壓，外包裝沒能提供足夠保護；我們已請倉庫改用較厚的紙箱並加強防震填充。', '我們已把您的回饋轉給倉庫包裝的同仁，之後易碎商品會加裝氣泡紙並加固外箱。'],
      short: ['已請倉庫加強包裝保護。', '倉庫已改用較厚紙箱與防震填充。'],
    },
    service: {
      long: ['您的回饋已轉給客服主管，相關同仁會重新接受溝通與回覆時效的訓練。', '我們重新檢視了當時的對話紀錄，確實回覆不夠即時，也沒把問題說清楚，已在團隊內部檢討改進。'],
      short: ['已回報客服主管，會改善回覆時效。', '已在團隊內部檢討，加快回覆速度。'],
    },
    price: {
      long: ['商品價格會隨平台活動調整，活動期間價格以平台當期規範為準；買完遇到降價的心情我們很能理解。', '我們的定價包含了用料與售後保障，您對價格的意見我們也會認真考量。'],
      short: ['價格隨平台活動調整，您的意見我們已記錄。', '您對價格的意見我們已記錄。'],
    },
    malicious: {
      long: ['本店每筆訂單的出貨、物流與對話紀錄都能在平台查詢，我們會依照平台規範如實處理每一個售後問題。', '該訂單的交易與對話紀錄都完整保存在平台上，售後問題一律依平台規範處理。'],
      short: ['訂單紀錄皆可於平台查詢，售後依平台規範處理。'],
    },
    other: {
      long: ['商品使用上如有任何疑問，歡迎隨時與我們聯絡。', '使用之後有任何心得，都歡迎告訴我們。'],
      short: ['有任何問題歡迎與我們聯絡。'],
    },
  },
  praiseExplain: {
    speed: ['倉庫同仁每天都在加緊包裝出貨，能讓您早點收到是我們最開心的事。'],
    packaging: ['每件商品我們都會仔細包裝，就是希望它完好送到您手上。'],
    quality: ['品質是我們最在意的，每批貨出貨前都會抽檢。'],
    service: ['您的稱讚我們已轉達給客服同仁，大家都很受鼓舞。'],
    fit: ['我們盡量讓頁面描述與實品一致，很高興它符合您的期待。'],
    value: ['我們希望用實在的價格提供可靠的商品。'],
    general: ['您的肯定是我們持續用心的動力。', '有您這樣的買家支持，我們會繼續把商品做好。'],
  },
  action: {
    logistics: { long: ['如果包裹仍有異狀，請隨時聯絡客服，我們會持續追蹤直到您收到為止。', '如還有任何物流問題，請聯絡線上客服，我們會第一時間為您處理。'], short: ['如有問題請聯絡客服追蹤。'] },
    quality: { long: ['請聯絡線上客服並提供照片，我們會為您安排換貨或退貨退款，來回運費由我們負擔。', '您可以隨時聯絡客服，我們會為您換一件新品，或依平台規範辦理退貨。'], short: ['請聯絡客服，為您換貨或退貨。'] },
    expectation: { long: ['如果實品仍不符合您的需求，請聯絡客服辦理退換貨，我們會盡快處理。', '若您不滿意，可以聯絡線上客服辦理退換，我們全程協助。'], short: ['不滿意可聯絡客服退換。'] },
    'wrong-item': { long: ['請聯絡客服，我們馬上為您換寄正確的商品，寄回的運費由我們負擔，不會讓您多花一毛錢。', '請聯絡線上客服，我們會為您補寄正確的款式，寄錯的商品退回運費由我們負擔，也可以直接辦理退貨退款。'], short: ['請聯絡客服換寄，運費由我們負擔。'] },
    packaging: { long: ['如商品本身有任何損壞，請聯絡客服並提供照片，我們會為您補寄或換貨。', '請您確認商品是否完好，如有損壞請聯絡客服，我們馬上為您補寄或換貨。'], short: ['商品如有損壞請聯絡客服補寄。'] },
    service: { long: ['如果您的問題還沒解決，請再聯絡一次線上客服，我們會安排專人負責到底。', '如仍有未處理完的事項，歡迎再與我們聯絡，主管會親自跟進。'], short: ['未解決的問題請再聯絡客服，專人跟進。'] },
    price: { long: ['如您的訂單符合平台的價格保障規範，可聯絡客服申請；之後的活動也會公告在賣場首頁。', '歡迎關注賣場首頁的活動公告，下次購物可以更划算；如有疑問請聯絡客服。'], short: ['可聯絡客服了解價格保障規範。'] },
    malicious: { long: ['如您對訂單還有任何問題，歡迎透過平台的官方溝通管道與我們聯絡，我們會依平台規範查證處理。', '如有需求，請透過平台站內訊息或官方客服管道與我們溝通，我們會依規處理。'], short: ['如有問題請透過平台官方管道與我們聯絡。'] },
    praise: { long: ['期待您再次光臨，使用上有任何問題也歡迎隨時找我們。', '歡迎常來逛逛，有任何需要隨時與我們聯絡。'], short: ['歡迎再次光臨！', '期待再次為您服務。'] },
    other: { long: ['期待聽到您的使用心得，祝您購物愉快。', '祝您使用愉快，歡迎再次光臨。'], short: ['祝您購物愉快。'] },
  },
  unexplained: {
    restate: ['您沒有寫下具體原因，我們很想知道這次哪裡沒做好。', '這次沒能讓您滿意，我們想弄清楚問題出在哪裡。'],
    explain: { long: ['您的每一則評價我們都會認真查看，也會核對這筆訂單的出貨和售後紀錄。'], short: ['我們會核對這筆訂單的紀錄。'] },
    action: { long: ['方便的話請聯絡客服告訴我們遇到的問題，無論是商品還是服務，我們都會盡快為您處理。', '請聯絡線上客服說說您遇到的狀況，我們會為您安排退換或其他補救。'], short: ['請聯絡客服告訴我們問題，我們盡快處理。'] },
  },
  reservation: {
    restate: { quoted: (q) => [`您提到${q}，謝謝您細心告訴我們。`, `您說${q}，這個小細節我們記下了。`], bare: ['您提的小建議我們記下了。'] },
    note: {
      quality: { long: ['我們已把這一點轉告產品同仁，下一批會特別留意。', '這個細節已回報給產品同仁，改良時會優先考量。'], short: ['已轉告產品同仁留意。'] },
      expectation: { long: ['我們會在商品頁面補充這方面的說明，方便大家選購。'], short: ['頁面說明會補上這一點。'] },
      logistics: { long: ['已轉告倉庫與物流同仁，盡量讓下一筆訂單更快送到您手上。'], short: ['已轉告倉庫同仁。'] },
      packaging: { long: ['已轉告包裝的同仁，之後會把這一點做得更好。'], short: ['已轉告包裝同仁。'] },
      service: { long: ['已轉告客服同仁，我們會把這一點做得更好。'], short: ['已轉告客服同仁。'] },
      price: { long: ['您對價格的意見已轉告負責定價的同仁。'], short: ['您的意見已轉告定價同仁。'] },
      general: { long: ['已轉告相關同仁，謝謝您的建議。'], short: ['已轉告相關同仁。'] },
    },
    action: { long: ['使用上有任何疑問隨時找我們，期待再次為您服務。', '有需要隨時與我們聯絡，歡迎再次光臨。'], short: ['有需要隨時找我們。'] },
  },
  authenticity: {
    restate: ['您對商品是否為正品有疑慮，我們非常重視。', '關於您對商品是否為正品的疑慮，我們仔細核對了這筆訂單。'],
    explain: { long: ['本店商品皆由正規管道進貨，每一批都有進貨憑證可查；同款商品在不同批次、產地之間，包裝與細節可能略有差異。'], short: ['本店商品皆由正規管道進貨，憑證可查。'] },
    action: { long: ['請聯絡線上客服，我們會提供這批商品的進貨憑證給您核對；若仍有疑慮，可依平台規範申請退貨退款。'], short: ['請聯絡客服核對進貨憑證，也可依平台規範退貨。'] },
  },
  size: {
    explain: { long: ['我們會依實品重新測量這款的尺寸，核對頁面上的尺寸表，並在商品頁註明版型偏大或偏小，方便大家挑選。'], short: ['尺寸表會依實品重新測量核對。'] },
    action: { long: ['請聯絡線上客服，我們可以為您換一個合適的尺寸，或依平台規範辦理退貨。'], short: ['可聯絡客服換尺寸或退貨。'] },
  },
  missing: {
    restate: { quoted: (q) => [`您提到${q}，是我們包裝時漏放了，造成您的困擾。`], bare: ['包裹裡少了東西，是我們包裝時漏放了。'] },
    explain: { long: ['我們已核對這筆訂單的出貨紀錄，並提醒倉庫同仁包裝時依訂單清點件數與配件。'], short: ['已核對出貨紀錄，是包裝漏放。'] },
    action: { long: ['請聯絡客服告訴我們缺少的部分，我們會馬上為您補寄，運費由我們負擔。'], short: ['請聯絡客服，缺少的部分馬上補寄。'] },
  },
  damaged: {
    quoted: (q) => [`您提到${q}，商品沒能完好送到您手上。`, `您反映${q}，您拿到的不是一件完好的商品。`],
    action: { long: ['請聯絡客服並提供照片，我們馬上為您補寄一件新品，也可以依平台規範辦理退貨退款，運費由我們負擔。'], short: ['請聯絡客服提供照片，馬上為您補寄。'] },
  },
  also: (s) => `另外，${s}`,
  besides: (s) => `還有，${s}`,
  aspectName: { speed: '出貨速度', packaging: '包裝', quality: '做工與品質', service: '客服服務', fit: '實品效果', value: 'CP值' },
  quote: (s) => `「${s}」`,
  list: (items) => items.join('和'),
  socialProof: (s) => `也有買家回饋：「${s}」。`,
  promotion: (s) => `賣場近期活動：${s}`,
  signoff: (shop, agent, v) =>
    v === 'formal' ? `${shop || '本店'}客服中心${agent ? ` ${agent}` : ''} 敬上` : v === 'brief' ? `—— ${shop || '賣場客服'}` : `—— ${shop ? `${shop} ` : ''}客服${agent}`,
  sep: '',
};

// ───────────────────────────── English ─────────────────────────────
const EN: LangPack = {
  sorry: {
    warm: ["We're truly sorry this order let you down.", "Thank you for telling us, and we're so sorry about your experience.", 'We’re really sorry your order didn’t go the way it should have.'],
    brief: ['Sorry for the trouble.', 'We apologise for this.'],
    formal: ['Dear customer, please accept our sincere apologies for the inconvenience.', 'Dear customer, thank you for your feedback, and we apologise for this experience.'],
  },
  thanks: {
    warm: ['Thank you so much for the lovely review, it made our day!', 'Thank you for taking the time to share such kind words!', 'What a wonderful review to read, thank you!'],
    brief: ['Thanks for the great review!', 'Thank you for your support!'],
    formal: ['Dear customer, thank you sincerely for your kind review.', 'Dear customer, we greatly appreciate your feedback and your support.'],
  },
  thanksBut: {
    warm: ['Thank you for the kind words, and for telling us what fell short.', 'Thanks for the good rating, and for being honest about what could be better.'],
    brief: ['Thank you for your rating and your feedback.'],
    formal: ['Dear customer, thank you for your rating, and for pointing out where we fell short.'],
  },
  starThanks: {
    warm: ['Thank you so much for the great rating, it made our day!', 'Thank you for the stars, they mean a lot to our team!', 'What a lovely rating to get, thank you!'],
    brief: ['Thanks for the great rating!', 'Thank you for your support!'],
    formal: ['Dear customer, thank you sincerely for your high rating.', 'Dear customer, thank you very much for the rating you gave us.'],
  },
  neutral: {
    warm: ['Thank you for taking the time to leave a review!', 'Many thanks for your review!'],
    brief: ['Thanks for your review.'],
    formal: ['Dear customer, thank you for your review.'],
  },
  calm: {
    warm: ["Hello, we're sorry to hear this order did not meet your expectations."],
    brief: ['Hello, we have received your review.'],
    formal: ['Dear customer, we have received your review and regret that you are dissatisfied.'],
  },
  restate: {
    logistics: { quoted: (q) => [`You mentioned ${q}, and we know how frustrating that wait is.`, `You told us ${q}; that is far longer than it should take.`], bare: ['Your parcel took much longer to arrive than it should have.'] },
    quality: { quoted: (q) => [`You mentioned ${q}, which should never happen.`, `You told us ${q}; that is not the quality we stand for.`], bare: ['The item you received had a quality problem.'] },
    expectation: { quoted: (q) => [`You mentioned ${q}, so the item did not match what the listing led you to expect.`, `You told us ${q}; the product should look like what you saw when you ordered.`], bare: ['The item did not match what the listing led you to expect.'] },
    'wrong-item': { quoted: (q) => [`You mentioned ${q}: we sent you the wrong item, and that is our mistake.`, `You told us ${q}; our warehouse picked the wrong item for your order.`], bare: ['We sent you the wrong item, and that is our mistake.'] },
    packaging: { quoted: (q) => [`You mentioned ${q}; no parcel should reach you like that.`, `You told us ${q}, and we are sorry it arrived that way.`], bare: ['The packaging was damaged when your parcel arrived.'] },
    service: { quoted: (q) => [`You mentioned ${q}; you deserved a prompt and patient answer.`, `You told us ${q}, and that is not how we want to treat any customer.`], bare: ['Our team did not answer you promptly and patiently.'] },
    price: { quoted: (q) => [`You mentioned ${q}, and we understand that price matters.`, `You told us ${q}; we understand how that feels.`], bare: ['We understand that price matters to you.'] },
    malicious: { quoted: () => ['We have noted your concerns about this order.', 'We have recorded the points raised in your review.'], bare: ['We have noted your concerns about this order.'] },
    praise: { quoted: (q) => [`You mentioned ${q}, which is exactly what we work hardest on.`, `Reading that you found ${q} made the whole team smile.`], bare: ['We are glad the item met your expectations.'] },
    other: { quoted: (q) => [`You mentioned ${q}, and we have taken note.`, `You told us ${q}; thanks for letting us know.`], bare: ['We value every review.'] },
  },
  praised: (aspects, product, whose) => {
    const on = whose === 'product' && product ? product : null;
    return [`We are delighted you enjoyed ${aspects}${on ? ` with your ${on}` : ''}.`, `It's great to hear you were happy with ${aspects}${on ? ` on your ${on}` : ''}.`];
  },
  explain: {
    logistics: {
      long: ['We checked the tracking record: the parcel was delayed in transit, so we contacted the courier right away to chase it and asked them to explain the delay.', 'The parcel was held up at a courier transfer hub; we have raised it with the courier and are reviewing our dispatch and carrier choices.'],
      short: ['We have chased the courier.', 'We raised the delay with the courier.'],
    },
    quality: {
      long: ['We have pulled items from the same batch for inspection and reported the fault to our supplier and quality team.', 'Your report has been logged, the remaining stock from this batch is being re-checked, and any faulty batch goes back to the supplier.'],
      short: ['Our quality team is re-checking this batch.', 'The fault is logged and the batch is being re-checked.'],
    },
    expectation: {
      long: ['Lighting and screen settings can make photos differ from the real item; we are re-checking the size, material and colour details on the listing so it matches the product.', 'We compared the item with our listing photos and text, and will add unedited photos and clearer measurements so other buyers are not misled.'],
      short: ['We are adding real photos and clearer details to the listing.', 'We are updating the listing to match the item.'],
    },
    'wrong-item': {
      long: ['We checked your order against the warehouse dispatch record: the wrong item was picked, and the team now checks style, colour and size against each order before it ships.', 'We have checked the dispatch record, and checking style, colour and size against each order before it ships is now a required step in our warehouse.'],
      short: ['We checked the dispatch record: the mistake was ours.'],
    },
    packaging: {
      long: ['The parcel was crushed in transit and our packing did not protect it well enough; the warehouse now uses a sturdier carton and more padding.', 'We have passed your feedback to our packing team, and fragile items now get bubble wrap and a reinforced outer box.'],
      short: ['Our warehouse has strengthened its packing.', 'We now ship this item in a sturdier box with padding.'],
    },
    service: {
      long: ['We have shared your feedback with our customer service lead, and the team is being retrained on response times and communication.', 'We reviewed the conversation: our replies were too slow and unclear, and we have discussed it with the team.'],
      short: ['We have raised this with our service lead.', 'Our team is working on faster replies.'],
    },
    price: {
      long: ['Prices change with marketplace campaigns, and campaign prices follow the platform’s rules at the time; we understand how it feels to see a lower price after buying.', 'Our price reflects the materials and the after-sales support included, and we will take your comments on pricing into account.'],
      short: ['Prices follow marketplace campaigns; your comment is noted.', 'Your feedback on pricing is noted.'],
    },
    malicious: {
      long: ['Every order’s dispatch, tracking and message history is recorded on the platform, and we handle every after-sales request according to the platform’s rules.', 'The full order and message history for this purchase is kept on the platform, and after-sales requests are handled under the platform’s rules.'],
      short: ['All order records are on the platform, and after-sales follows its rules.'],
    },
    other: {
      long: ['If any question comes up once you start using it, we are happy to help.', 'We would love to hear how it works out for you.'],
      short: ['We are here if you have any questions.'],
    },
  },
  praiseExplain: {
    speed: ['Our warehouse team works hard to dispatch quickly, so this means a lot.'],
    packaging: ['We pack every order by hand so it reaches you in perfect shape.'],
    quality: ['Quality matters most to us, and every batch is checked before it ships.'],
    service: ['We have passed your kind words on to our service team.'],
    fit: ['We work to keep our listings true to the real product.'],
    value: ['We aim to offer honest prices for products you can rely on.'],
    general: ['Your support keeps us improving.', 'Reviews like yours keep our small team going.'],
  },
  action: {
    logistics: { long: ['If anything is still wrong with the delivery, please message our customer service and we will keep following up until it reaches you.', 'If you have any further delivery issues, please contact our customer service and we will act on it right away.'], short: ['Message us if you need anything else.'] },
    quality: { long: ['Please contact our customer service with a photo and we will arrange an exchange or a return and refund, with return postage on us.', 'Please message us any time and we will send a replacement or arrange a return under the platform’s policy.'], short: ['Contact us for an exchange or return.'] },
    expectation: { long: ['If it still doesn’t suit you, please contact our customer service to arrange a return or exchange.', 'If you are not satisfied, our customer service will help you with an easy return or exchange.'], short: ['Contact us for a return or exchange.'] },
    'wrong-item': { long: ['Please contact our customer service and we will send you the correct item right away; return shipping is on us, so it costs you nothing.', 'Please message us and we will exchange it for the right one or refund you in full, whichever you prefer; return shipping is on us.'], short: ['Message us for the correct item; return shipping is on us.'] },
    packaging: { long: ['If the item itself was damaged, please send a photo to our customer service and we will ship a replacement.', 'Please check that the item is intact; if it is damaged, contact us and we will send a replacement straight away.'], short: ['If the item was damaged, contact us for a replacement.'] },
    service: { long: ['If your question is still open, please contact us again and a dedicated agent will see it through.', 'If anything is unresolved, please message us once more and our service lead will follow up personally.'], short: ['Please contact us again and we will follow up.'] },
    price: { long: ['If your order qualifies under the platform’s price protection, our customer service can help you apply; upcoming offers are announced on our store page.', 'Keep an eye on our store page for upcoming offers, and contact our customer service with any questions.'], short: ['Contact us about price protection.'] },
    malicious: { long: ['If you have any further questions about the order, please contact us through the platform’s official messaging channel and we will review it under the platform’s rules.', 'For any request, please reach us through the platform’s official customer-service channel and we will handle it under the rules.'], short: ['Please contact us through the platform’s official channel.'] },
    praise: { long: ['We look forward to serving you again, and we are here if you ever need anything.', 'Hope to see you again soon, and do reach out any time.'], short: ['Hope to see you again!', 'See you next time!'] },
    other: { long: ['We hope you enjoy it and look forward to hearing how it goes.', 'Enjoy your purchase, and we hope to see you again.'], short: ['Enjoy your purchase.'] },
  },
  unexplained: {
    restate: ['You didn’t say what went wrong, and we would really like to know where we fell short.', 'We are sorry this order did not satisfy you, and we want to find out why.'],
    explain: { long: ['We read every review and are checking this order’s dispatch and after-sales record.'], short: ['We are checking this order’s record.'] },
    action: { long: ['Please contact our customer service and tell us what happened; whether it is the product or our service, we will put it right.', 'Please message us with what went wrong and we will arrange a return, an exchange or whatever fixes it.'], short: ['Please message us and we will put it right.'] },
  },
  reservation: {
    restate: { quoted: (q) => [`You mentioned ${q}, and thank you for pointing it out.`, `Good point about ${q}; it helps us improve.`], bare: ['Thank you for the helpful suggestion.'] },
    note: {
      quality: { long: ['We have passed this on to our product team so the next batch takes it into account.', 'Our product team has noted this detail for the next batch.'], short: ['Passed on to our product team.'] },
      expectation: { long: ['We will add a note about this to the listing so other buyers know what to expect.'], short: ['We will add this to the listing.'] },
      logistics: { long: ['We have passed this on to our warehouse team so your next order reaches you sooner.'], short: ['Passed on to our warehouse team.'] },
      packaging: { long: ['We have passed this on to our packing team.'], short: ['Passed on to our packing team.'] },
      service: { long: ['We have passed this on to our service team.'], short: ['Passed on to our service team.'] },
      price: { long: ['We have passed your comment on pricing on to the team.'], short: ['Your comment on pricing is noted.'] },
      general: { long: ['We have passed this on to the team, thank you for the suggestion.'], short: ['Passed on to the team.'] },
    },
    action: { long: ['If you have any questions while using it, we are always happy to help.', 'We are here if you ever need anything, and hope to see you again.'], short: ['We are here if you need anything.'] },
  },
  authenticity: {
    restate: ['You have doubts about whether the item is genuine, and we take that seriously.', 'We have looked into your doubts about whether the item is genuine.'],
    explain: { long: ['Everything we sell comes through official supply channels, and every batch has purchase records we can show; packaging and small details can differ between batches and factories.'], short: ['Everything we sell comes through official channels, with records we can show.'] },
    action: { long: ['Please contact us and we will send you the purchase records for this batch to check; if you still have doubts, you can request a return and refund under the platform’s rules.'], short: ['Contact us to check the purchase records, or return it under the platform’s rules.'] },
  },
  size: {
    explain: { long: ['We are re-measuring this item against our size chart and will note on the listing whether it runs small or large, so other buyers can pick the right size.'], short: ['We are re-checking our size chart against the item.'] },
    action: { long: ['Please contact us and we will exchange it for a size that fits, or arrange a return under the platform’s rules.'], short: ['Contact us to exchange the size or return it.'] },
  },
  missing: {
    restate: { quoted: (q) => [`You mentioned ${q}: something was left out of your parcel, and that is our mistake.`], bare: ['Something was missing from your parcel, and that is our mistake.'] },
    explain: { long: ['We have checked this order’s packing record and reminded our warehouse to count every item and part against the order before it ships.'], short: ['We have checked the packing record.'] },
    action: { long: ['Please message us with what is missing and we will send it right away, with shipping on us.'], short: ['Message us and we will send the missing part.'] },
  },
  damaged: {
    quoted: (q) => [`You told us ${q}, and that is not how it should have reached you.`, `You mentioned ${q}; it should have reached you in one piece.`],
    action: { long: ['Please send our customer service a photo and we will ship you a new one straight away, or you can return it for a refund under the platform rules, at our cost.'], short: ['Send us a photo and we will ship a replacement.'] },
  },
  also: (s) => `Also, ${s.charAt(0).toLowerCase()}${s.slice(1)}`,
  besides: (s) => `On top of that, ${s.charAt(0).toLowerCase()}${s.slice(1)}`,
  aspectName: { speed: 'the fast delivery', packaging: 'the packaging', quality: 'the quality', service: 'our service', fit: 'how closely it matched the listing', value: 'the value for money' },
  quote: (s) => `“${s}”`,
  list: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  socialProof: (s) => `Another buyer wrote: “${s}”.`,
  promotion: (s) => `Current offer: ${s}`,
  signoff: (shop, agent, v) =>
    v === 'formal' ? `Kind regards,\n${agent ? `${agent}, ` : ''}${shop || 'Customer Service'}` : v === 'brief' ? `— ${shop || 'Customer Service'}` : `— ${agent ? `${agent}, ` : ''}${shop || 'our team'}`,
  sep: ' ',
};

const PACKS: Record<Lang, LangPack> = { 'zh-CN': ZH_CN, 'zh-TW': ZH_TW, en: EN };

/** FNV-1a of the review: the same review → the same draft. */
export function reviewSeed(review: DraftReview): number {
  return fnv1a(`${review.text}\u0000${review.rating ?? ''}\u0000${review.product ?? ''}`);
}

function pick(options: Options, seed: number, salt: string): string {
  if (!options.length) return '';
  return options[fnv1a(`${seed}:${salt}`) % options.length]!;
}

const ASPECT_WORDS: Array<[Aspect, RegExp]> = [
  ['speed', /物流|快递|发货|出货|到货|送货|配送|shipping|delivery|dispatch|arrived|quick/],
  ['packaging', /包装|packed|packag|wrapped/],
  ['service', /客服|耐心|有问必答|热情|贴心|细心|专业|周到|helpful|answered|responsive|seller|service/],
  ['value', /性价比|cp值|实惠|划算|便宜|不贵|超值|value|price/],
  ['fit', /色差|图片|一样|合适|尺码|舒服|好看|漂亮|as described|as pictured|as shown|fits?|colou?r/],
  ['quality', /质量|品质|做工|面料|材质|精细|精致|好用|quality|well made|works/],
];

/** What the product itself is; the other aspects (service, speed, packaging) are what the shop did. */
const PRODUCT_ASPECTS: ReadonlySet<Aspect> = new Set(['quality', 'fit', 'value']);

function praisedAspects(hits: readonly EvidenceHit[] | undefined): Aspect[] {
  const found: Aspect[] = [];
  for (const h of hits ?? []) {
    if (h.cause !== 'praise') continue;
    const norm = normalizeText(h.phrase).norm;
    for (const [aspect, re] of ASPECT_WORDS) if (re.test(norm) && !found.includes(aspect)) found.push(aspect);
  }
  return found.slice(0, 2);
}

/** A review that says the goods are not genuine (Traditional forms included: the review is not normalized here). */
const COUNTERFEIT = /假货|假貨|山寨|高仿|仿品|不是正品|非正品|\b(?:fake|counterfeit|knock-?off|replica|not (?:genuine|authentic|original|the real (?:thing|one)))\b(?!\s+reviews?)/i;

/** Something missing from the parcel (both scripts: the review is not normalized here). */
// "Ordered 2, only received 1" / "买了两个只收到一个": a parcel short of what was ordered, not the wrong item — the
// reply said "we sent you the wrong item… return shipping is on us" to a buyer with nothing to send back.
const MISSING = /少发|漏发|少寄|漏寄|少發|漏發|缺(?:了)?(?:配件|零件|件)|少了(?:一|两|兩|几|幾|\d)|只(?:收到|到了|发了|寄了|發了)(?:一|两|兩|\d)|\bmissing\b|\bonly (?:got|received) (?:\d+|one|two|three)\b(?! (?:days?|weeks?|hours?|stars?)\b)/i;

/** A review about size or fit; LOOK_WORDS, one about colour or photos (then the photo explanation fits). */
const SIZE_WORDS = /尺码|尺碼|尺寸|码数|碼數|偏小|偏大|穿不下|穿不进|穿不進|\b(?:sizes?|sized|sizing|fits?|runs? (?:small|large|big)|too (?:small|big|large|tight|loose)|tight)\b/i;
const LOOK_WORDS = /颜色|顏色|色差|图片|圖片|照片|实拍|實拍|\b(?:colou?rs?|photos?|pictures?|pics?|images?)\b/i;

const EN_ACRONYM = /^(?:USPS|FEDEX|UPS|DHL|EMS|USB|LED|XL|XXL|OK)$/;

const WORD_CHAR = /[A-Za-z0-9'’]/;
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;

/**
 * A cut point moved so it splits neither a Latin word ("took fore…", QA) nor a surrogate pair.
 * `dir` says which way the cut may move: -1 towards the start (an end point), +1 towards the end
 * (a start point), never past `limit`.
 */
function snapCut(text: string, at: number, dir: -1 | 1, limit: number): number {
  let i = at;
  if (LOW_SURROGATE.test(text[i] ?? '')) i += dir === -1 ? -1 : 1;
  while (i !== limit && i > 0 && WORD_CHAR.test(text[i - 1]!) && WORD_CHAR.test(text[i] ?? '')) i += dir;
  return i;
}

/** Make the buyer's words quotable: no shouting, no !!!, bounded length. */
function cleanQuote(s: string, lang: Lang): string {
  let q = s.replace(/\s+/g, ' ').trim();
  q = q.replace(/\b[A-Z]{2,}\b/g, (w) => (EN_ACRONYM.test(w) ? w : w.toLowerCase()));
  q = q.replace(/[!！?？。.,，;；:：~～…]+$/u, '').replace(/([!！?？])[!！?？]+/gu, '$1');
  q = q.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim();
  // "就是盖子有点紧" → "盖子有点紧": the contrast word belongs to the buyer's sentence, not the quote.
  // "only the strap is a bit short" → "the strap is a bit short" (but "only took 3 days" keeps its word).
  // Traditional forms too: "您提到「不過出貨太慢」" quoted the contrast word of a zh-TW review.
  q = q.replace(/^(?:就是|但是|可是|不过|不過|可惜|只是|but|however|though|only(?= (?:the|my|a|an|it|its|this|that|one)\b))[\s,，]*/iu, '');
  // "而且尺码偏小" → "尺码偏小": the word joining a second complaint to the first is not the complaint.
  q = q.replace(/^(?:而且|并且|並且|还有|還有|另外|再加上|加上|and also|and|also|plus)(?=[\s,，]|[^\sA-Za-z])[\s,，]*/iu, '');
  const max = lang === 'en' ? 60 : 24;
  if (q.length > max) {
    // Back up to a word boundary; a single word longer than the whole quote is kept whole instead.
    let cut = snapCut(q, max, -1, 0);
    if (cut === 0) cut = snapCut(q, max, 1, q.length);
    if (cut < q.length) q = `${q.slice(0, cut).replace(/[\s,，、;；:：]+$/u, '')}…`;
  }
  return q;
}

/** The clause of the review around a hit: "arrived broken" reads better quoted than "broken". */
function clauseAround(text: string, hit: EvidenceHit): string {
  // An emoji ends a clause as a comma does: "版型很好看😍 就是线头有点多" was quoted "版型很好看 就是线头有点多",
  // the buyer's praise inside the complaint the reply restates. Either half of its surrogate pair stops.
  const stop = /[,.!?;:，。！？；：\n\uFE0F]|\p{Extended_Pictographic}/u;
  const stopsAt = (i: number) => stop.test(String.fromCodePoint(text.codePointAt(i)!)) || (LOW_SURROGATE.test(text[i]!) && i > 0 && stop.test(String.fromCodePoint(text.codePointAt(i - 1)!)));
  let a = hit.start;
  while (a > 0 && !stopsAt(a - 1)) a--;
  let b = hit.end;
  while (b < text.length && !stopsAt(b)) b++;
  const clause = text.slice(a, b).trim();
  const cjk = hasHan(clause);
  if (cjk ? clause.length <= 24 : clause.split(/\s+/).length <= 12) return clause;
  // Too long to quote whole: the hit plus a few words (or characters) of context on each side.
  if (cjk) return text.slice(snapCut(text, Math.max(a, hit.start - 6), 1, hit.start), snapCut(text, Math.min(b, hit.end + 6), -1, hit.end)).trim();
  const left = text.slice(a, hit.start).split(/\s+/).filter(Boolean).slice(-4).join(' ');
  const right = text.slice(hit.end, b).split(/\s+/).filter(Boolean).slice(0, 4).join(' ');
  return `${left} ${text.slice(hit.start, hit.end)} ${right}`.trim();
}

/**
 * The buyer's words for `cause`. With `other` (the second complaint the reply answers), a clause that also
 * holds another complaint is cut down to this one's own words: "slow shipping and the colour is off" was
 * quoted whole for each.
 */
function quotesFor(input: DraftInput, pack: LangPack, cause: ReviewCause = input.classification.cause, other?: ReviewCause): string[] {
  const { review, classification, lang } = input;
  if (cause === 'malicious') return []; // never repeat threats or abuse in public
  // Quote only in the review's own language family: an English reply quoting Chinese (or the
  // reverse) reads as a mistake; the bare restatement is used instead.
  const reviewIsZh = normalizeText(review.text).hasCjk;
  if (reviewIsZh !== (lang !== 'en')) return [];
  const all = classification.hits ?? [];
  const hits = all.filter((h) => h.cause === cause);
  // Any other complaint's words, not only the other answered one's: "the colour is off and customer service ignored me".
  // Not one that reads this complaint's own words for another cause ("包装也破了": 破了 is a quality word too).
  const otherHits = other
    ? all.filter((h) => h.cause !== cause && h.cause !== 'praise' && h.cause !== 'other' && !h.negated && !h.topic && !hits.some((o) => o.start < h.end && h.start < o.end))
    : [];
  const quoteOf = (h: EvidenceHit) => {
    const clause = clauseAround(review.text, h);
    return otherHits.some((o) => clause.includes(review.text.slice(o.start, o.end))) ? review.text.slice(h.start, h.end) : clause;
  };
  const raw = hits.length ? hits.map(quoteOf) : cause === classification.cause ? (classification.evidence ?? []) : [];
  const out: string[] = [];
  for (const r of raw) {
    const q = cleanQuote(r, lang);
    if (q.length < 2) continue;
    if (out.some((o) => o.includes(q) || q.includes(o))) continue;
    // Quoted words must pass the same tone check as the reply (no data, no abuse, no shouting).
    if (checkTone(q, lang, { buyerName: review.buyer ?? null }).length) continue;
    out.push(q);
    if (out.length === 2) break;
  }
  return out.map((q) => pack.quote(q));
}

function ensureEnd(s: string, lang: Lang): string {
  // A comma or semicolon the seller left at the end is replaced, not followed: "满199减20，。", "over $30,." (QA).
  const t = s.trim().replace(/[\s,，、;；:：]+$/u, '');
  if (!t) return t;
  // A wave dash ends a Chinese sentence in shop talk ("领5元券～"): "～。" doubled it.
  if (/[.!?。！？…)”」～~]$/u.test(t)) return t;
  return lang === 'en' ? `${t}.` : `${t}。`;
}

/** What is worse for the buyer comes first: an item they cannot use as ordered, then how they were treated, the wait, the price. */
const SERIOUSNESS: readonly ReviewCause[] = ['wrong-item', 'quality', 'packaging', 'expectation', 'service', 'logistics', 'price'];

/**
 * At most this many complaints are answered in one reply. A buyer who named three ("质量一般，发货慢，客服也不回消息")
 * and saw the third ignored read the reply as a form letter; past three, each restated complaint adds a sentence
 * the next buyers scroll past, and the reply grows toward the platforms' reply-length limits.
 */
export const MAX_COMPLAINTS = 3;

/**
 * The complaints a reply answers: the review's cause and every other one the buyer named with words of its
 * own (a solid phrase, not a topic word, not denied) — at most MAX_COMPLAINTS, the most serious first.
 * Malicious reviews and anything that is not a complaint get the one cause.
 */
export function replyCauses(classification: Pick<Classification, 'cause'> & Partial<Pick<Classification, 'hits'>>): ReviewCause[] {
  const cause = classification.cause;
  if (!SERIOUSNESS.includes(cause)) return [cause];
  const named = new Set<ReviewCause>([cause]);
  const hits = classification.hits ?? [];
  for (const h of hits) {
    if (h.negated || h.topic || h.weight < 1.5 || !SERIOUSNESS.includes(h.cause)) continue;
    // Words another cause read as well, and more strongly or as the review's own, are that cause's: "退款到现在还没到"
    // is the refund, not the courier; "包装也破了" is the box, not a broken item.
    const readElsewhere = hits.some((o) => o !== h && o.cause !== h.cause && !o.topic && o.start < h.end && h.start < o.end && (o.cause === cause || o.weight >= h.weight));
    if (readElsewhere) continue;
    named.add(h.cause);
  }
  const bySeriousness = (a: ReviewCause, b: ReviewCause) => SERIOUSNESS.indexOf(a) - SERIOUSNESS.indexOf(b);
  // The review's own cause is always answered; the others are the most serious of the rest.
  const others = [...named].filter((c) => c !== cause).sort(bySeriousness).slice(0, MAX_COMPLAINTS - 1);
  return [cause, ...others].sort(bySeriousness);
}

/** A restatement after the opening's apology: "we are sorry it arrived that way" would say sorry twice. */
const APOLOGY = /sorry|apolog|抱歉|歉意|致歉|对不起|對不起/i;
function withoutApology(options: Options): Options {
  const calm = options.filter((o) => !APOLOGY.test(o));
  return calm.length ? calm : options;
}

export function draftReply(input: DraftInput): ReviewReplyDraft {
  const { review, classification, lang, variant } = input;
  // The names this reply is signed with (English names in an English reply), also in a {shop} / {agent}
  // of the signature and promotion.
  const settings = { ...input.settings, ...replyNames(input.settings, lang) };
  const pack = PACKS[lang];
  const cause = classification.cause;
  const seed = input.seed ?? reviewSeed(review);
  const salt = (part: string) => `${cause}:${variant}:${part}`;
  const length: keyof ByLength = variant === 'brief' ? 'short' : 'long';
  const rating = review.rating ?? null;
  const product = review.product?.trim() ? review.product.trim().slice(0, 40) : null;

  // Praise with a reservation on a 4–5★ review ("杯子挺好看的，就是盖子有点紧"): thank first, then answer
  // the reservation — "this order let you down" misreads a buyer who liked it. Never for sarcasm.
  const mixed = cause !== 'praise' && cause !== 'malicious' && !classification.sarcasm && rating !== null && rating >= 4 &&
    (classification.hits ?? []).some((h) => h.cause === 'praise' && !h.negated);
  // …and when that reservation is all there is (a 4★+ buyer's small gripe, read by the fallback), the
  // whole reply stays light: the complaint template's apology, batch check and return offer are out
  // of proportion for "the lid is a bit tight" (QA).
  const reserved = classification.reservation === true && cause !== 'malicious' && cause !== 'praise' && !classification.sarcasm && rating !== null && rating >= 4;
  // 4–5★ with no words (pictures only, "👍👍👍"): the stars are the praise. Answered as 'other' it read
  // "thanks for taking the time… tell us how you find it… we look forward to hearing how it goes" (QA):
  // a buyer who gave five stars was asked, twice, what they thought.
  const wordless = !/[\p{L}\p{N}]/u.test(review.text);
  const starPraise = cause === 'other' && rating !== null && rating >= 4 && wordless;
  const praised = cause === 'praise' || starPraise;
  // Praise without a word ("", "👍👍👍"): thanked for the rating. `thanks` said "such kind words", 用心评价,
  // "看到您的留言" to a buyer who wrote nothing (QA). Without 4–5★ to thank for, a plain thank-you (neutral).
  const praiseOpening = !wordless ? pack.thanks : rating !== null && rating >= 4 ? pack.starThanks : pack.neutral;
  // Praise, "but", then complaints strong enough to read as ironic praise (classification.sarcasm): thanked, and
  // thanked for saying it.
  const praiseBut = !mixed && !reserved && cause !== 'praise' && cause !== 'malicious' && classification.praiseBut === true;
  const openingPool =
    mixed || reserved ? pack.thanks
    : praiseBut ? pack.thanksBut
    : cause === 'malicious' ? pack.calm
    : praised ? praiseOpening
    : cause === 'other' ? (rating !== null && rating <= 2 ? pack.sorry : pack.neutral)
    : pack.sorry;
  const opening = pick(openingPool[variant], seed, salt('opening'));

  const hits = classification.hits ?? [];
  const unexplained = cause === 'other' && rating !== null && rating <= 2;
  // Every complaint the buyer named (up to MAX_COMPLAINTS), the most serious first: "物流太慢，而且尺码偏小" was
  // answered about the wait alone, and the buyer's size was never offered an exchange.
  const replied = praised || reserved || unexplained ? [cause] : replyCauses(classification);
  const second = replied.length > 1;
  const quotes = quotesFor(input, pack, replied[0]!, second ? replied[1] : undefined);
  let restatement: string;
  let explanation: string;
  let actionPool: ByLength;
  if (praised) {
    const aspects = praisedAspects(classification.hits);
    // "这款手机支架的客服服务" (QA): the product has no customer service — what the shop did is the shop's.
    const productSide = aspects.filter((a) => PRODUCT_ASPECTS.has(a)).length;
    const whose = productSide === aspects.length ? 'product' : productSide === 0 ? 'shop' : 'both';
    restatement = aspects.length
      ? pick(pack.praised(pack.list(aspects.map((a) => pack.aspectName[a])), product, whose), seed, salt('restatement'))
      : quotes.length
        ? pick(pack.restate.praise.quoted(quotes[0]!), seed, salt('restatement'))
        : pick(pack.restate.praise.bare, seed, salt('restatement'));
    explanation = pick(pack.praiseExplain[aspects[0] ?? 'general'], seed, salt('explanation'));
    actionPool = pack.action.praise;
  } else if (reserved) {
    const r = pack.reservation;
    restatement = quotes.length ? pick(r.restate.quoted(quotes[0]!), seed, salt('restatement')) : pick(r.restate.bare, seed, salt('restatement'));
    explanation = pick((r.note[cause] ?? r.note.general)[length], seed, salt('explanation'));
    actionPool = r.action;
  } else if (unexplained) {
    // 1–2★ and no cause read (often no text at all): "we hope you enjoy it" would answer a complaint
    // with cheer (QA). Apologise, admit we do not know what went wrong, ask the buyer to tell us.
    restatement = pick(pack.unexplained.restate, seed, salt('restatement'));
    explanation = pick(pack.unexplained.explain[length], seed, salt('explanation'));
    actionPool = pack.unexplained.action;
  } else {
    /** One complaint's restatement, explanation and offer. `calm`: the opening has apologised already. */
    const complaint = (k: ReviewCause, kQuotes: string[], calm: boolean, length: keyof ByLength) => {
      const ks = (part: string) => `${k}:${variant}:${part}`;
      const choose = (options: Options, part: string) => pick(calm ? withoutApology(options) : options, seed, ks(part));
      // The buyer says the goods are fake: never quoted (the word in the shop's own reply reads as a confession).
      const counterfeit = k === 'quality' && COUNTERFEIT.test(review.text);
      // A size that does not fit, and nothing about colour or photos: the size chart and another size, not lighting.
      const sizeOff = k === 'expectation' && SIZE_WORDS.test(review.text) && !LOOK_WORDS.test(review.text);
      const missing = k === 'wrong-item' && MISSING.test(review.text);
      // Broken when it arrived ("到货就坏了", "arrived damaged"): the item is damaged, not maybe damaged.
      const damaged = k === 'packaging' && hits.some((h) => h.arrival && h.cause === 'packaging');
      if (missing) {
        return { restatement: kQuotes.length ? choose(pack.missing.restate.quoted(pack.list(kQuotes)), 'restatement') : choose(pack.missing.restate.bare, 'restatement'), explanation: choose(pack.missing.explain[length], 'explanation'), action: pack.missing.action };
      }
      if (damaged && kQuotes.length) {
        return { restatement: choose(pack.damaged.quoted(pack.list(kQuotes)), 'restatement'), explanation: choose(pack.explain.packaging[length], `explanation:${variant === 'formal' ? 1 : 0}`), action: pack.damaged.action };
      }
      if (counterfeit) {
        return { restatement: choose(pack.authenticity.restate, 'restatement'), explanation: choose(pack.authenticity.explain[length], 'explanation'), action: pack.authenticity.action };
      }
      const r = pack.restate[k];
      return {
        restatement: kQuotes.length ? choose(r.quoted(pack.list(kQuotes)), 'restatement') : choose(r.bare, 'restatement'),
        explanation: sizeOff ? choose(pack.size.explain[length], 'explanation') : k === 'praise' ? '' : choose(pack.explain[k][length], `explanation:${variant === 'formal' ? 1 : 0}`),
        action: sizeOff ? pack.size.action : pack.action[k],
      };
    };
    // The opening has apologised (or thanked a buyer who liked it): a restatement saying sorry again is left out.
    const first = complaint(replied[0]!, quotes, true, length);
    restatement = first.restatement;
    explanation = first.explanation;
    // The first (most serious) complaint's offer answers the reply: an exchange or return covers the wait
    // too, and a second "contact us" sentence would only repeat it.
    actionPool = first.action;
    // Past the second complaint, each one's explanation is its short form: three long explanations made the
    // reply a wall of text toward the platforms' reply-length limits.
    const moreLength: keyof ByLength = replied.length > 2 ? 'short' : length;
    replied.slice(1).forEach((k, i) => {
      const more = complaint(k, quotesFor(input, pack, k, replied[0]), true, moreLength);
      restatement = [restatement, (i === 0 ? pack.also : pack.besides)(more.restatement)].join(pack.sep);
      explanation = [explanation, more.explanation].filter(Boolean).join(pack.sep);
    });
  }
  const action = pick(actionPool[length], seed, salt('action'));

  // Social proof / promotion: an advertising slot (domain §5), never on a malicious review,
  // and social proof only where it answers a doubt (not under praise).
  const extras: string[] = [];
  if (cause !== 'malicious') {
    const proof = input.socialProof?.trim();
    // …nor under a small reservation: "another buyer wrote…" answers a doubt this buyer does not have.
    if (proof && !praised && !reserved) {
      const q = cleanQuote(proof, lang);
      if (q && !checkTone(q, lang).length) extras.push(pack.socialProof(q));
    }
    const promo = fillSettingsText(settings.promotion ?? '', settings, lang);
    // A promotion like "好评返现" would turn the reply into buying a review: leave it out.
    // In a script that does not fit the reply, left out (settingsTextFits).
    if (promo && settingsTextFits('promotion', promo, lang) && !checkTone(promo, lang).some((f) => f.kind === 'bribe')) extras.push(ensureEnd(pack.promotion(promo), lang));
  }
  const extra = extras.length ? extras.join(pack.sep) : undefined;

  const sigLines = [pack.signoff(settings.shopName.trim(), settings.agentName.trim(), variant)];
  const signature = fillSettingsText(settings.signature, settings, lang);
  // One signature for every language: a Chinese one stays out of English replies (settingsTextFits);
  // the sign-off above still names the shop and agent.
  if (signature && settingsTextFits('signature', signature, lang)) sigLines.push(signature);
  const signoff = sigLines.join('\n');

  const parts: DraftParts = { opening, restatement, explanation, action, ...(extra ? { extra } : {}), signoff };
  const body = [opening, restatement, explanation, action, extra].filter((s): s is string => !!s).join(pack.sep);
  return { text: `${body}\n${signoff}`, parts, cause, variant, lang, openCase: cause === 'malicious' };
}

export function draftAll(input: Omit<DraftInput, 'variant'>): Record<DraftVariant, ReviewReplyDraft> {
  return {
    warm: draftReply({ ...input, variant: 'warm' }),
    brief: draftReply({ ...input, variant: 'brief' }),
    formal: draftReply({ ...input, variant: 'formal' }),
  };
}
