/**
 * Tone check for a public reply to a review, before the seller posts it.
 *
 * Domain §5: never reply in anger, never insult, never buy a review with money; future buyers
 * read every reply, so it must not expose the buyer's phone, address or full name either.
 * Each finding carries a span into the ORIGINAL text (so the UI can underline it) and a short
 * reason in the reply's language (`reasonLang` says which).
 *
 * Detection runs on the normalised text (traditional → simplified, full-width → ASCII, lower
 * case; same length, see normalize.ts) except where case matters (ALL-CAPS, English addresses).
 */
import type { Lang } from '../schema/index.ts';
import { detectLang, normalizeText } from './normalize.ts';

export const TONE_KINDS = ['anger', 'sarcasm', 'shouting', 'bribe', 'personal-data'] as const;
export type ToneKind = (typeof TONE_KINDS)[number];

export interface ToneFinding {
  kind: ToneKind;
  start: number;
  end: number;
  /** The flagged words as in the original text. */
  excerpt: string;
  reason: string;
  reasonLang: Lang;
}

export interface ToneOptions {
  /** The buyer's name as the page shows it; its full form must not appear in a public reply. */
  buyerName?: string | null;
}

type Reason = Record<Lang, string>;

interface Pattern {
  kind: ToneKind;
  re: RegExp;
  reason: Reason;
  /** Run on the original text instead of the normalised one (case-sensitive rules). */
  original?: boolean;
  /** Leading words the pattern may swallow that are not part of the finding ("寄到…"). */
  trimStart?: RegExp;
  check?: (m: RegExpExecArray, text: string) => boolean;
}

const R = {
  blame: {
    'zh-CN': '把责任推给买家或指责买家，会激化矛盾，其他买家也会看到',
    'zh-TW': '把責任推給買家或指責買家，會激化衝突，其他買家也看得到',
    en: 'Blames or accuses the buyer; future buyers read this reply too',
  },
  insult: {
    'zh-CN': '带有攻击或贬低买家的字眼',
    'zh-TW': '帶有攻擊或貶低買家的字眼',
    en: 'Insulting or belittling wording aimed at the buyer',
  },
  sarcasm: {
    'zh-CN': '语气像反讽，容易被读成嘲讽买家',
    'zh-TW': '語氣像反諷，容易被讀成嘲諷買家',
    en: 'Reads as sarcastic; it will come across as mocking the buyer',
  },
  scareQuotes: {
    'zh-CN': '给买家的说法加引号，像在暗示对方说谎',
    'zh-TW': '替買家的說法加引號，像在暗示對方說謊',
    en: 'Scare quotes around the buyer’s words suggest they are lying',
  },
  caps: {
    'zh-CN': '全大写单词在英文里等于大声喊叫',
    'zh-TW': '全大寫單字在英文裡等於大聲喊叫',
    en: 'ALL-CAPS words read as shouting',
  },
  punct: {
    'zh-CN': '连续的感叹号或问号显得激动、不耐烦',
    'zh-TW': '連續的驚嘆號或問號顯得激動、不耐煩',
    en: 'Repeated !!! or ??? reads as agitated',
  },
  bribe: {
    'zh-CN': '用钱、返现或礼品换取好评或修改/删除评价，违反平台规则（“绝不花钱买评价”）',
    'zh-TW': '用錢、回饋或贈品換取好評或修改／刪除評價，違反平台規範（不花錢買評價）',
    en: 'Offers money, a refund or a gift in exchange for a good or changed review; marketplaces forbid this',
  },
  phone: {
    'zh-CN': '公开回复里出现电话号码，会泄露买家隐私',
    'zh-TW': '公開回覆中出現電話號碼，會洩漏買家隱私',
    en: 'A phone number in a public reply exposes personal data',
  },
  email: {
    'zh-CN': '公开回复里出现电子邮箱',
    'zh-TW': '公開回覆中出現電子郵件地址',
    en: 'An e-mail address in a public reply',
  },
  address: {
    'zh-CN': '公开回复里出现详细地址',
    'zh-TW': '公開回覆中出現詳細地址',
    en: 'A street address in a public reply',
  },
  dismiss: {
    'zh-CN': '对买家的评价表现得不在乎、不耐烦，其他买家会读成店铺不负责',
    'zh-TW': '對買家的評價表現得不在乎、不耐煩，其他買家會讀成賣場不負責',
    en: 'Dismisses the buyer’s review; future buyers read it as a shop that does not care',
  },
  name: {
    'zh-CN': '公开回复里出现买家的全名',
    'zh-TW': '公開回覆中出現買家的全名',
    en: 'The buyer’s full name in a public reply',
  },
} satisfies Record<string, Reason>;

const PATTERNS: Pattern[] = [
  // ── anger: blame or accusation directed at the buyer ──
  { kind: 'anger', reason: R.blame, re: /你们?自己(?:不会用|不会|没看|不看|看不懂|操作|的问题|弄坏|搞坏|选错|拍错)|自己不会用|恶意差评|职业差评|差评师|无理取闹|胡搅蛮缠|不可理喻|你的问题|是你的错|你自己的责任|怪你自己|活该|找茬|爱买不买|不买拉倒|买不起就|说了多少遍|说过多少次|看不懂(?:说明书?|描述|详情页?)?吗|不识字|眼瞎|你眼睛|敲诈(?:我们|勒索)?|讹(?:人|钱)|贪小便宜|没素质|素质(?:太差|低)/g },
  // Rhetorical questions that the buyer could not use or read the listing ("您是不是不会用啊", "你买之前
  // 不会看详情页吗"). Only the question form and 是不是 are flagged: "如果您不会用，可以联系客服" is help.
  { kind: 'anger', reason: R.blame, re: /是不是(?:不会|没)(?:用|看)|(?:您|你)[^，。！？,.!?\n]{0,6}(?:不会|没)(?:用|看)[^，。！？,.!?\n]{0,8}(?:吗|么|啊)/g },
  // Dismissing the review itself: the reply is public, future buyers read "we don't care".
  { kind: 'anger', reason: R.dismiss, re: /随便(?:你|您)(?:怎么)?(?:评|说|给)|爱(?:怎么)?评不评|爱怎么评|我们(?:并?不在乎|无所谓)|不在乎(?:你|您)|(?:差评|这种)[^，。！？\n]{0,6}见多了|(?:你|您)开心就好/g },
  { kind: 'anger', reason: R.insult, re: /傻[x逼b]|脑子有病|脑残|神经病|有病吧|滚(?:蛋|吧|开|远点)|骗子买家|无赖/g },
  { kind: 'anger', reason: R.blame, re: /\byou (?:clearly|obviously|simply) (?:didn'?t|did not|don'?t|can'?t|failed|never)\b[^.!?\n]*|\b(?:didn'?t|did not|can'?t|cannot) (?:you )?read\b|\blearn (?:how )?to read\b|\b(?:it'?s |it is |that'?s |this is )?(?:entirely |completely |all )?your (?:own )?(?:fault|problem|mistake)\b|\buser error\b|\bif you had (?:read|bothered)\b|\bas (?:clearly|already|plainly) stated\b|\bwe already told you\b|\bblame yourself\b|\bmalicious (?:buyer|customer|review(?:er)?)\b|\bfake review(?:er)?\b|\bliar\b|\byou(?:'re| are) lying\b|\btake your business elsewhere\b|\bdon'?t buy (?:it |from us )?then\b|\bdid you (?:even|actually|ever) (?:read|look|check|bother)\b|\b(?:maybe |please )?(?:try )?read(?:ing)? the (?:listing|description|instructions|manual|size chart)(?: properly| carefully)? next time\b|\bnext time,? (?:maybe |please |try to )?read\b/g },
  { kind: 'anger', reason: R.dismiss, re: /\bwe (?:don'?t|do not|couldn'?t|could not) care\b|\bsuit yourself\b|\bwhatever you (?:say|want|like)\b|\bwe(?:'ve| have) seen (?:plenty|lots|a lot) of (?:these|reviews like)/g },
  { kind: 'anger', reason: R.insult, re: /\b(?:idiot|stupid|moron|dumb|ridiculous|pathetic|nonsense|scammer|shut up)\b/g },

  // ── sarcasm ──
  { kind: 'sarcasm', reason: R.sarcasm, re: /呵呵|真是厉害|真厉害|好厉害哦|您可真(?:会|行|厉害)|你可真(?:会|行|厉害)|您真行|你真行|好棒棒|服了(?:你|您)|佩服佩服|真会挑|厉害了|是是是|🙄|🙃/g },
  { kind: 'sarcasm', reason: R.sarcasm, original: true, re: /\b[Tt]hank(?:s| you) (?:SO|SOOO*|so+o) much\b|\b[Tt]hanks a lot\b|\b[Tt]hanks for nothing\b/g,
    // "thank you so much" is ordinary politeness; only the stressed/elongated form is ironic.
    check: (m) => /SO|soo|a lot|nothing/.test(m[0]) },
  { kind: 'sarcasm', reason: R.sarcasm, re: /\bobviously\b|\bclearly you\b|\byeah,? right\b|\bas if\b|\bgood luck with that\b|\bnice try\b|\bhow (?:nice|lovely) of you\b|\bcongratulations on\b|\bsure,? whatever\b|\/s\b|\blol\b/g },
  { kind: 'sarcasm', reason: R.scareQuotes, re: /(?<![A-Za-z0-9])["“「『]([^"“”「」『』\n]{1,24})["”」』](?![A-Za-z0-9])/g,
    check: (m, text) => {
      const inner = (m[1] ?? '').trim();
      if (!inner) return false;
      const words = inner.split(/\s+/).length;
      const cjk = /[\u3400-\u9fff]/.test(inner);
      if (cjk ? inner.length > 8 : words > 3) return false;
      // Quoting what the buyer said, introduced as such, is restatement — not irony.
      // The reporting verb may come earlier in the same sentence ("您提到“A”和“B”").
      const before = text.slice(0, m.index).toLowerCase();
      const sentenceStart = Math.max(...['。', '.', '!', '?', '！', '？', '\n'].map((p) => before.lastIndexOf(p))) + 1;
      if (/(?:提到|说|說|反馈|反映|回饋|写到|表示|留言|评价|評價|mentioned|said|wrote|described|told us|reported|you found)/.test(before.slice(sentenceStart))) return false;
      return true;
    } },

  // ── shouting ──
  { kind: 'shouting', reason: R.caps, original: true, re: /\b[A-Z]{2,}(?:[\s,]+[A-Z]{2,})+\b|\b[A-Z]{4,}\b/g,
    check: (m) => {
      const words = m[0].split(/[\s,]+/).filter(Boolean);
      if (words.length === 1) return !ACRONYMS.has(words[0]!);
      // A run of caps words counts unless it is all acronyms ("DHL EMS").
      return words.some((w) => !ACRONYMS.has(w) && w.length >= 2) && words.filter((w) => !ACRONYMS.has(w)).join('').length >= 4;
    } },
  { kind: 'shouting', reason: R.punct, re: /[!?]{2,}/g, check: (m) => m[0].length >= 3 || m[0].includes('?') },

  // ── personal data ──
  { kind: 'personal-data', reason: R.phone, re: /(?<![\d*])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\d*])/g },
  { kind: 'personal-data', reason: R.phone, re: /(?<![\d*])(?:0\d{2,3}[\s-]\d{7,8}|09\d{2}[\s-]?\d{3}[\s-]?\d{3}|\+\d{1,3}[\s-]?\(?\d{1,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\d*])/g },
  { kind: 'personal-data', reason: R.email, re: /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g },
  { kind: 'personal-data', reason: R.address, trimStart: /^.*?(?:寄到|送到|发到|寄往|地址是|地址为|住在|收货地址|地址)/, re: /(?:[\u4e00-\u9fff]{2,8}(?:省|自治区|市|区|县))?[\u4e00-\u9fff]{1,6}(?:路|街|大道|巷|弄|段|胡同)\s*[\d一二三四五六七八九十]+\s*(?:号|弄|巷)(?:[\u4e00-\u9fff\d-]{0,14}(?:室|楼|栋|单元))?/g },
  { kind: 'personal-data', reason: R.address, re: /[\u4e00-\u9fff]{2,8}(?:省|市)[\u4e00-\u9fff]{1,8}(?:市|区|县)[\u4e00-\u9fff]{1,12}(?:小区|花园|公寓|大厦|村|社区|新村|苑)|\d+\s*(?:栋|号楼|幢)\s*\d*\s*(?:单元)?\s*\d+\s*室/g },
  { kind: 'personal-data', reason: R.address, original: true, re: /\b\d{1,6}[A-Za-z]?\s+(?:[A-Z][A-Za-z'.-]*\s+){1,4}(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Dr|Drive|Way|Court|Ct|Place|Pl|Terrace|Highway|Hwy)\b\.?(?:,?\s*(?:Apt|Suite|Unit|#)\s*\w+)?/g },
];

/** Capitalised abbreviations that are not shouting (couriers, units, sizes, product codes). */
const ACRONYMS = new Set([
  'USPS', 'FEDEX', 'UPS', 'DHL', 'EMS', 'TNT', 'SKU', 'ASAP', 'FAQ', 'USB', 'HDMI', 'LED', 'LCD', 'OLED', 'USA', 'UK', 'EU',
  'XXL', 'XXXL', 'XL', 'XS', 'ID', 'OK', 'PDF', 'GPS', 'WIFI', 'NFC', 'AC', 'DC', 'PM', 'AM', 'UTC', 'GMT', 'CEO', 'VIP', 'APP', 'IOS',
]);

const ZH_MONEY = '(?:返现|返\\d+|返利|返钱|红包|现金|补偿|退款|退\\d+|退钱|优惠券|代金券|券|礼品|小礼物|礼物|赠品|\\d+\\s*元|\\d+\\s*块|好处|奖励|免单|打折|折扣|小?惊喜|福利|领取)';
// 负评 and 追评 (a follow-up review) are what sellers write as often as 差评 / 追加好评; traditional text
// arrives here simplified (normalizeText: 刪除負評 → 删除负评).
// A bare 好评 / 五星 / 5星 ("好评5星，返现10元", "好评后联系客服领取小惊喜") is a review asked for, so it links
// to an incentive like a change does; thanks for one already given (感谢您的好评, 您的好评) does not.
const ZH_REVIEW_CHANGE = '(?:改(?:了|成|为|个)?(?:好评|五星|评价)|追加好评|追评|删(?:除|掉|了)?(?:差评|评价|中评|负评)|(?<![谢的])(?:好评|五星好评|[五5]星)(?!是|对)|修改(?:一下)?评价|改评价|改一下评价|撤(?:销|回|掉)(?:差评|评价|负评)|把(?:差评|评价|负评)(?:改|删)|给(?:个|我们)?(?:好评|五星)|晒图好评|好评有礼)';
const EN_MONEY = '(?:refund|money|cash|gift(?: card)?|coupon|voucher|discount|free|compensation|credit|rebate|reward|payment|bonus|paypal|venmo|\\d+ (?:dollars?|bucks|euros?|pounds?))';
/** An amount ("$20", "€ 5"): outside EN_MONEY's word boundaries, which a currency sign after a space never meets. */
const AMOUNT = '[$€£]\\s?\\d+';
// Up to two words may stand between the verb's object and "review": "delete this negative review",
// "remove your 1-star review".
const EN_REVIEW_CHANGE = '(?:(?:update|change|edit|remove|delete|revise|raise|amend|take down|improve|upgrade|withdraw|retract|reconsider)\\s+(?:(?:your|the|this|that|my)\\s+)?(?:[\\w-]+\\s+){0,2}?(?:review|rating|feedback|stars?)|(?:leave|give|write)\\s+(?:us\\s+)?(?:a\\s+)?(?:5|five)[- ]stars?|(?:leave|give|write)\\s+(?:us\\s+)?(?:a\\s+)?(?:positive|good|better)\\s+review|for\\s+a\\s+(?:better|positive|good|higher|5-star|five-star)\\s+(?:review|rating))';
const SENTENCE = /[^.!?。！？\n]+[.!?。！？\n]*/g;

function bribeFindings(norm: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const money = new RegExp(`${ZH_MONEY}|\\b${EN_MONEY}\\b|${AMOUNT}`, 'g');
  const change = new RegExp(`${ZH_REVIEW_CHANGE}|\\b${EN_REVIEW_CHANGE}\\b`, 'g');
  const fixed = /好评返现|好评返\d*|返现好评|晒图返现|好评(?:送|有)(?:礼|红包|券)/g;
  type Span = [number, number];
  const sentences = [...norm.matchAll(SENTENCE)].map((s) => {
    const at = (m: RegExpMatchArray): Span => [s.index + m.index!, s.index + m.index! + m[0].length];
    return { fixed: [...s[0].matchAll(fixed)].map(at), money: [...s[0].matchAll(money)].map(at), change: [...s[0].matchAll(change)].map(at) };
  });
  for (let i = 0; i < sentences.length; i++) {
    const here = sentences[i]!;
    const spans: Span[] = [...here.fixed];
    // Linkage: an offer AND a review change in one sentence ("改好评返5元", "we'll refund if you update
    // your review"), or in two sentences in a row ("您可以撤销评价吗？我们给您补偿"). A refund offer
    // alone is ordinary after-sales, not a finding.
    if (here.money.length && here.change.length) spans.push(...here.money, ...here.change);
    const next = sentences[i + 1];
    if (next && ((here.money.length && next.change.length) || (here.change.length && next.money.length))) spans.push(...here.money, ...here.change, ...next.money, ...next.change);
    if (!spans.length) continue;
    out.push({ start: Math.min(...spans.map((x) => x[0])), end: Math.max(...spans.map((x) => x[1])) });
  }
  return out;
}

function nameFindings(text: string, norm: string, buyerName: string | null | undefined): Array<{ start: number; end: number }> {
  const name = (buyerName ?? '').trim();
  if (!name) return [];
  const cjk = /^[\u3400-\u9fff·]{2,6}$/.test(name);
  const latinFull = /^[A-Za-z][A-Za-z'.-]*(?:\s+[A-Za-z][A-Za-z'.-]*)+$/.test(name);
  // Only a FULL name is private; a nick or first name alone is how platforms already show buyers.
  if (!cjk && !latinFull && name.length < 3) return [];
  const needle = normalizeText(name).norm.replace(/\s+/g, ' ');
  const hay = norm;
  const out: Array<{ start: number; end: number }> = [];
  let i = hay.indexOf(needle);
  while (i >= 0) {
    out.push({ start: i, end: i + needle.length });
    i = hay.indexOf(needle, i + needle.length);
  }
  void text;
  return out;
}

export function checkTone(text: string, lang?: Lang, options: ToneOptions = {}): ToneFinding[] {
  const n = normalizeText(text);
  const reasonLang: Lang = lang ?? detectLang(n);
  const findings: ToneFinding[] = [];
  const push = (kind: ToneKind, start: number, end: number, reason: Reason) => {
    findings.push({ kind, start, end, excerpt: text.slice(start, end), reason: reason[reasonLang], reasonLang });
  };
  for (const p of PATTERNS) {
    const source = p.original ? text : n.norm;
    p.re.lastIndex = 0;
    for (const m of source.matchAll(p.re)) {
      if (!m[0].length) continue;
      if (p.check && !p.check(m as RegExpExecArray, source)) continue;
      // Trim trailing spaces/punctuation the pattern swallowed so the span underlines words only.
      let start = m.index;
      let end = m.index + m[0].length;
      const lead = p.trimStart?.exec(m[0]);
      if (lead && lead[0].length < m[0].length - 4) start += lead[0].length;
      while (end > start + 1 && /[\s,，]/.test(source[end - 1]!)) end--;
      push(p.kind, start, end, p.reason);
    }
  }
  for (const b of bribeFindings(n.norm)) push('bribe', b.start, b.end, R.bribe);
  for (const f of nameFindings(text, n.norm, options.buyerName)) push('personal-data', f.start, f.end, R.name);

  // One finding per kind per overlapping span: keep the longest.
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ToneFinding[] = [];
  for (const f of findings) {
    if (kept.some((k) => k.kind === f.kind && k.start <= f.start && f.end <= k.end)) continue;
    kept.push(f);
  }
  return kept;
}
