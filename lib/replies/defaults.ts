/**
 * The default quick-reply library a new install starts with, written for
 * marketplace sellers' customer service (domain brief §1–2): what agents need
 * ready before a campaign, in Simplified Chinese, Traditional Chinese (Taiwan
 * wording: 出貨, 客訴, 品質, 訊息 — not a character conversion) and English.
 *
 * Titles, tags and category names follow the seller's UI language; bodies
 * carry all three languages so the agent answers in the buyer's. Variables are
 * those of template.ts; `{buyer?}` / `{buyer?亲}` keep greetings natural when
 * the page shows no buyer name; `{?…}` asks for things only the agent knows
 * (a new price, a refund date). Fixed promises (48 hours, 7 days) are the
 * common marketplace defaults; a supervisor edits them for the shop.
 *
 * Ids are stable ("xiaoer-default-<key>") so a later version can update the
 * defaults a seller never edited.
 */
import type { Category, Lang, Reply } from '../schema/index.ts';
import { categoryNameProblem } from './rules.ts';

type Tri = readonly [zhCN: string, zhTW: string, en: string];

const CATEGORY_DEFS = [
  { key: 'greeting', symbol: '👋', name: ['问候欢迎', '問候歡迎', 'Greetings'] },
  { key: 'promotion', symbol: '🎁', name: ['活动促销', '活動優惠', 'Promotions'] },
  { key: 'product', symbol: '📏', name: ['商品咨询', '商品諮詢', 'Product questions'] },
  { key: 'shipping', symbol: '🚚', name: ['发货物流', '出貨物流', 'Shipping'] },
  { key: 'order', symbol: '📦', name: ['订单修改', '訂單修改', 'Order changes'] },
  { key: 'payment', symbol: '💰', name: ['付款改价', '付款改價', 'Payment & price'] },
  { key: 'after-sales', symbol: '↩️', name: ['售后退换', '售後退換', 'After-sales'] },
  { key: 'service', symbol: '⏰', name: ['服务时间', '服務時間', 'Service hours'] },
  { key: 'complaint', symbol: '⚖️', name: ['投诉纠纷', '客訴糾紛', 'Complaints & disputes'] },
] as const satisfies ReadonlyArray<{ key: string; symbol: string; name: Tri }>;

type CategoryKey = (typeof CATEGORY_DEFS)[number]['key'];

/** Tag vocabulary in the three UI languages; the English form doubles as the topic key. */
const TAGS = {
  greeting: ['问候', '問候', 'greeting'],
  welcome: ['欢迎', '歡迎', 'welcome'],
  regular: ['老客户', '老顧客', 'returning buyer'],
  wait: ['稍等', '稍等', 'one moment'],
  goodbye: ['结束语', '結束語', 'goodbye'],
  promotion: ['活动', '活動', 'promotion'],
  limit: ['限购', '限購', 'one per buyer'],
  merge: ['合并发货', '合併出貨', 'combined shipping'],
  newBuyer: ['新客', '新客', 'first order'],
  campaign: ['大促', '檔期活動', 'campaign'],
  size: ['尺码', '尺寸', 'size'],
  spec: ['规格', '規格', 'specification'],
  colour: ['色差', '色差', 'colour'],
  stock: ['库存', '庫存', 'stock'],
  usage: ['使用方法', '使用方式', 'how to use'],
  shipping: ['发货时间', '出貨時間', 'shipping time'],
  courier: ['快递', '物流', 'courier'],
  shipped: ['已发货', '已出貨', 'shipped'],
  tracking: ['物流查询', '物流查詢', 'tracking'],
  whereParcel: ['查件', '查件', 'where is my parcel'],
  delay: ['物流延误', '物流延誤', 'delay'],
  weather: ['天气', '天氣', 'weather'],
  remote: ['偏远地区', '偏遠地區', 'remote area'],
  crossBorder: ['跨境时效', '跨境時效', 'cross-border'],
  packaging: ['包装', '包裝', 'packaging'],
  lateShipping: ['延迟发货', '延遲出貨', 'late shipping'],
  apology: ['致歉', '致歉', 'apology'],
  stockOut: ['断货', '缺貨', 'stock-out'],
  address: ['地址', '地址', 'address'],
  orderChange: ['改单', '修改訂單', 'order change'],
  beforeWarehouse: ['未出库', '未出庫', 'before warehouse'],
  afterShipped: ['已出库', '已出庫', 'after shipping'],
  cancel: ['取消订单', '取消訂單', 'cancel'],
  priceChange: ['改价', '改價', 'price change'],
  payment: ['付款', '付款', 'payment received'],
  unpaid: ['催付', '催付款', 'unpaid order'],
  bargain: ['议价', '議價', 'bargaining'],
  invoice: ['发票', '發票', 'invoice'],
  returns: ['退换货', '退換貨', 'returns'],
  postage: ['运费', '運費', 'return postage'],
  refund: ['退款', '退款', 'refund'],
  damaged: ['破损', '破損', 'damaged'],
  wrongItem: ['错发漏发', '錯寄漏寄', 'wrong item'],
  quality: ['质量问题', '品質問題', 'quality'],
  hours: ['服务时间', '服務時間', 'service hours'],
  offline: ['离线', '離線', 'after hours'],
  record: ['记录', '紀錄', 'record'],
  complaint: ['投诉', '客訴', 'complaint'],
  calming: ['安抚', '安撫', 'upset buyer'],
  confirm: ['确认诉求', '確認訴求', 'confirm in writing'],
  evidence: ['留证', '留證', 'evidence'],
  followUp: ['回访', '回訪', 'follow-up'],
  review: ['中差评', '負評', 'negative review'],
} as const satisfies Record<string, Tri>;

type TagKey = keyof typeof TAGS;

interface ReplyDef {
  key: string;
  category: CategoryKey;
  shortcut: string;
  title: Tri;
  tags: TagKey[];
  body: Tri;
}

const REPLY_DEFS: ReplyDef[] = [
  // 👋 Greetings
  {
    key: 'welcome', category: 'greeting', shortcut: 'hy',
    title: ['首次问候', '首次問候', 'First greeting'], tags: ['greeting', 'welcome'],
    body: [
      '亲爱的{buyer?}，您好！欢迎光临{shop}，我是客服{agent}，很高兴为您服务～请问有什么可以帮您？{cursor}',
      '親愛的{buyer?}您好！歡迎光臨{shop}，我是客服{agent}，很高興為您服務～請問有什麼可以幫您的呢？{cursor}',
      "Hi {buyer?}, welcome to {shop}! I'm {agent}, happy to help. What can I do for you today? {cursor}",
    ],
  },
  {
    key: 'welcome-back', category: 'greeting', shortcut: 'lk',
    title: ['老顾客欢迎', '老顧客歡迎', 'Welcome back a regular'], tags: ['greeting', 'regular'],
    body: [
      '{buyer?亲}，欢迎回来！谢谢您又一次光顾{shop}，老朋友有什么需要直接告诉我，我优先为您安排～{cursor}',
      '{buyer?您好}，歡迎回來！謝謝您再次光臨{shop}，老朋友有任何需要直接跟我說，我會優先幫您處理～{cursor}',
      "Welcome back, {buyer?}! Thank you for shopping with {shop} again. Just tell me what you need and I'll put it first. {cursor}",
    ],
  },
  {
    key: 'one-moment', category: 'greeting', shortcut: 'sd',
    title: ['请稍等', '請稍候', 'One moment please'], tags: ['wait'],
    body: [
      '好的，请您稍等一下，我这就帮您查询，马上回复您～',
      '好的，麻煩您稍候一下，我馬上幫您查詢，很快回覆您～',
      "Sure, please give me a moment while I check this for you. I'll be right back.",
    ],
  },
  {
    key: 'goodbye', category: 'greeting', shortcut: 'zj',
    title: ['结束语', '結束語', 'Closing line'], tags: ['goodbye'],
    body: [
      '感谢您的耐心咨询～之后有任何问题都可以留言，我们会在服务时间 {hours} 内尽快回复。祝您生活愉快！{signature?}',
      '謝謝您耐心詢問～之後有任何問題都歡迎留言，我們會在服務時間 {hours} 內盡快回覆。祝您一切順心！{signature?}',
      'Thank you for chatting with us! If anything else comes up, leave us a message and we will reply during our service hours, {hours}. Have a lovely day! {signature?}',
    ],
  },

  // 🎁 Promotions
  {
    key: 'current-promotion', category: 'promotion', shortcut: 'hd',
    title: ['当前活动', '目前活動', 'Current promotion'], tags: ['promotion'],
    body: [
      '{buyer?亲}，店里正在做活动：{promotion}。活动名额有限，喜欢的话建议早点下单哦～{cursor}',
      '{buyer?您好}，本店目前的優惠活動：{promotion}。名額有限，喜歡的話建議早點下單喔～{cursor}',
      'Good news, {buyer?}: {promotion}. Places are limited, so it is worth ordering early if you like it. {cursor}',
    ],
  },
  {
    key: 'one-per-buyer', category: 'promotion', shortcut: 'xg',
    title: ['活动限购说明', '活動限購說明', 'One-per-buyer rule'], tags: ['limit', 'promotion'],
    body: [
      '{buyer?亲}，这次活动价每位买家限购{?限购件数}件（同一账号、同一收货地址或同一手机号都算同一位买家），是为了让更多朋友都能买到，超出的部分没办法享受活动价，还请您理解～',
      '{buyer?您好}，這次活動價每位買家限購{?限購件數}件（同一帳號、同一收件地址或同一手機號碼都視為同一位買家），是為了讓更多朋友都買得到，超過的部分無法享有活動價，還請您見諒～',
      'Hi {buyer?}, the campaign price is limited to {?limit per buyer} per buyer (the same account, delivery address or phone number counts as one buyer), so that more people get the chance to buy. Extra pieces cannot get the campaign price. Thank you for understanding!',
    ],
  },
  {
    key: 'no-merging-accounts', category: 'promotion', shortcut: 'hb',
    title: ['不合并多账号订单', '不合併多帳號訂單', 'No merging orders from several accounts'], tags: ['merge', 'limit'],
    body: [
      '非常理解您想省一份运费的心情～不过活动规则要求每个账号的订单单独发货，不同账号的订单我们没办法合并成一个包裹寄出，还请您见谅。同一个账号下的多个订单，我们会尽量帮您合并发货。',
      '很理解您想省一筆運費的心情～不過活動規則規定每個帳號的訂單要分開出貨，不同帳號的訂單我們沒辦法合併成一個包裹寄出，還請您見諒。同一個帳號的多筆訂單，我們會盡量幫您合併出貨。',
      'I completely understand wanting to save on postage. However, the campaign rules require each account’s orders to ship separately, so we cannot combine orders from different accounts into one parcel. Several orders from the same account we will gladly ship together where we can.',
    ],
  },
  {
    key: 'first-order-offer', category: 'promotion', shortcut: 'xk',
    title: ['新客首单规则', '新客首購規則', 'First-order offer rules'], tags: ['newBuyer', 'promotion', 'limit'],
    body: [
      '欢迎第一次来{shop}！新客首单可以享受{?新客优惠}，每位买家限用一次，下单时在结算页选择就可以使用～有不清楚的地方随时问我。',
      '歡迎第一次來{shop}！新客首購可享{?新客優惠}，每位買家限用一次，結帳時在結帳頁選擇即可使用～有不清楚的地方隨時問我。',
      'Welcome to {shop} for the first time! Your first order gets {?first-order offer}, once per buyer; just select it at checkout. Ask me anything if it is unclear.',
    ],
  },
  {
    key: 'campaign-shipping-order', category: 'promotion', shortcut: 'ys',
    title: ['大促发货顺序', '檔期出貨順序', 'Campaign shipping schedule'], tags: ['campaign', 'shipping'],
    body: [
      '活动期间订单比较多，我们会严格按付款顺序发货，预计{?全部发出日期}前全部发出。您的订单发货后会第一时间通知您，感谢耐心等待～',
      '活動期間訂單較多，我們會依付款順序出貨，預計{?全部出貨日期}前全部寄出。您的訂單出貨後會第一時間通知您，謝謝耐心等候～',
      'We have many orders during the campaign and ship strictly in order of payment; everything should be on its way by {?all shipped by}. We will let you know the moment yours ships. Thank you for your patience!',
    ],
  },

  // 📏 Product questions
  {
    key: 'size-ask', category: 'product', shortcut: 'cm',
    title: ['询问尺码信息', '詢問尺寸資訊', 'Ask for size details'], tags: ['size'],
    body: [
      '{buyer?亲}，方便告诉我您的身高、体重和平时常穿的尺码吗？我帮您对照尺码表推荐最合适的～{cursor}',
      '{buyer?您好}，方便告訴我您的身高、體重和平常穿的尺寸嗎？我幫您對照尺寸表推薦最合適的～{cursor}',
      'Hi {buyer?}, could you tell me your height, weight and the size you usually wear? I will check our size chart and recommend the best fit. {cursor}',
    ],
  },
  {
    key: 'size-advice', category: 'product', shortcut: 'cmjy',
    title: ['尺码建议', '尺寸建議', 'Size recommendation'], tags: ['size'],
    body: [
      '根据您提供的信息，建议您选{?建议尺码}码。这款{product}的版型{?版型说明}，如果喜欢宽松一点可以选大一码～',
      '依照您提供的資料，建議您選{?建議尺寸}。這款{product}的版型{?版型說明}，喜歡寬鬆一點的話可以選大一號～',
      'Based on what you told me, I recommend size {?recommended size}. The {product} {?fit note}; if you like a looser fit, go one size up.',
    ],
  },
  {
    key: 'specification', category: 'product', shortcut: 'gg',
    title: ['商品规格', '商品規格', 'Product specification'], tags: ['spec'],
    body: [
      '{product}的规格是：{?规格参数}。详情页最下方也有完整的参数表，还有想了解的随时问我～',
      '{product}的規格如下：{?規格參數}。商品頁最下方也有完整的規格表，還想了解什麼隨時問我～',
      'Here are the specifications of the {product}: {?specifications}. The full table is at the bottom of the listing. Anything else you would like to know?',
    ],
  },
  {
    key: 'colour-difference', category: 'product', shortcut: 'sc',
    title: ['色差说明', '色差說明', 'Colour in photos'], tags: ['colour', 'spec'],
    body: [
      '我们的商品图都是实物拍摄，不过不同屏幕和光线下颜色会有轻微差异，请以收到的实物为准。如果您很在意颜色，我可以帮您拍一张自然光下的实拍图～',
      '我們的商品照都是實物拍攝，不過不同螢幕和光線下顏色會有些微差異，請以收到的實品為準。如果您很在意顏色，我可以幫您拍一張自然光下的實拍照～',
      'All our photos are of the real item, but screens and lighting can shift the colour slightly, so the item itself is the reference. If the colour matters to you, I can take a photo in daylight for you.',
    ],
  },
  {
    key: 'stock-check', category: 'product', shortcut: 'kc',
    title: ['库存确认', '庫存確認', 'Stock check'], tags: ['stock'],
    body: [
      '帮您查过了，{product}目前{?库存情况}。下单前跟我们确认库存是个好习惯，免得您空等～',
      '幫您查過了，{product}目前{?庫存狀況}。下單前先跟我們確認庫存，就不會白等喔～',
      'I have checked for you: the {product} is {?stock status}. Checking stock with us before ordering is a good habit, so you never wait for nothing.',
    ],
  },
  {
    key: 'how-to-use', category: 'product', shortcut: 'sy',
    title: ['使用方法', '使用方式', 'How to use'], tags: ['usage'],
    body: [
      '{product}的使用方法：{?使用方法}。使用中遇到任何问题，拍张照片或小视频发给我，我帮您看看～',
      '{product}的使用方式：{?使用方式}。使用上有任何問題，拍張照片或短影片傳給我，我幫您看看～',
      'How to use the {product}: {?instructions}. If anything does not work as expected, send me a photo or a short video and I will take a look.',
    ],
  },

  // 🚚 Shipping
  {
    key: 'shipping-time', category: 'shipping', shortcut: 'fh',
    title: ['发货时间和快递', '出貨時間與物流', 'Shipping time and courier'], tags: ['shipping', 'courier'],
    body: [
      '{buyer?亲}，付款后48小时内发货（大促期间会稍有延后），默认发{?默认快递}。如需指定其他快递，下单时备注或告诉我就可以～',
      '{buyer?您好}，付款後48小時內出貨（檔期活動期間可能稍有延後），預設使用{?預設物流}寄送。如需指定其他物流，下單時備註或跟我說就可以～',
      'Hi {buyer?}, orders ship within 48 hours of payment (a little longer during big campaigns), by {?default courier} unless you ask for another courier in the order note or here in chat.',
    ],
  },
  {
    key: 'shipped-notice', category: 'shipping', shortcut: 'yfh',
    title: ['发货通知', '出貨通知', 'Shipped notice'], tags: ['shipped', 'tracking', 'courier'],
    body: [
      '{buyer?亲}，您的订单{order}已经发货啦！快递：{carrier}，运单号：{tracking}，预计{eta}送达。收到后有任何问题随时找我～',
      '{buyer?您好}，您的訂單{order}已經出貨囉！物流：{carrier}，運單號碼：{tracking}，預計{eta}送達。收到後有任何問題隨時找我～',
      'Hi {buyer?}, your order {order} is on its way! Courier: {carrier}, tracking number: {tracking}, expected delivery: {eta}. Message me any time if something is not right.',
    ],
  },
  {
    key: 'tracking-update', category: 'shipping', shortcut: 'wl',
    title: ['物流进度更新', '物流進度更新', 'Tracking update'], tags: ['tracking'],
    body: [
      '帮您查到最新物流了：包裹目前{?最新物流状态}。我把物流截图发给您，方便您随时查看。运单号{tracking}，预计{eta}送达～',
      '幫您查到最新物流了：包裹目前{?最新物流狀態}。我把物流截圖傳給您，方便您隨時查看。運單號碼{tracking}，預計{eta}送達～',
      'Here is the latest tracking status: your parcel is {?latest status}. I am sending you a screenshot of the courier page as well. Tracking number {tracking}, expected delivery {eta}.',
    ],
  },
  {
    key: 'where-is-parcel', category: 'shipping', shortcut: 'zn',
    title: ['查件：先帮买家查', '查件：先幫買家查', 'Where is my parcel: checking'], tags: ['whereParcel', 'tracking'],
    body: [
      '{buyer?亲}，别着急，我马上帮您查一下订单{order}的物流情况，请稍等一两分钟～',
      '{buyer?您好}，別擔心，我馬上幫您查詢訂單{order}的物流狀況，請稍候一兩分鐘～',
      'No worries, {buyer?}, I am checking the tracking of order {order} for you right now. Please give me a minute or two.',
    ],
  },
  {
    key: 'where-is-parcel-chase', category: 'shipping', shortcut: 'cj',
    title: ['查件：致歉并催件', '查件：致歉並催件', 'Where is my parcel: sorry, chasing courier'], tags: ['whereParcel', 'delay', 'apology'],
    body: [
      '让您久等了，真的很抱歉！查到您的包裹{?物流情况}。我已经联系{carrier}加急催件，有新进展第一时间告诉您，也会把物流截图发给您。',
      '讓您久等了，真的很抱歉！查到您的包裹{?物流狀況}。我已經聯絡{carrier}加急處理，有新進度會第一時間通知您，也會把物流截圖傳給您。',
      'I am so sorry for the wait! Your parcel is {?tracking situation}. I have asked {carrier} to hurry it along and will tell you as soon as it moves, with a screenshot of the tracking.',
    ],
  },
  {
    key: 'weather-delay', category: 'shipping', shortcut: 'yw',
    title: ['天气导致物流延误', '天候導致物流延誤', 'Delay due to weather'], tags: ['delay', 'weather'],
    body: [
      '受近期{?天气情况}影响，部分快递线路运输延误，您的包裹可能会晚{?延误天数}天左右送达。我们会一直跟进，给您带来不便真的很抱歉，也谢谢您的耐心！',
      '受近期{?天候狀況}影響，部分物流路線運送延誤，您的包裹可能會晚{?延誤天數}天左右送達。我們會持續追蹤，造成不便非常抱歉，也謝謝您的耐心！',
      'Because of the recent {?weather}, some courier routes are running late and your parcel may arrive about {?days late} days later than usual. We are keeping an eye on it. Sorry for the inconvenience, and thank you for your patience!',
    ],
  },
  {
    key: 'remote-area', category: 'shipping', shortcut: 'py',
    title: ['偏远地区时效', '偏遠地區時效', 'Remote area delivery time'], tags: ['delay', 'remote'],
    body: [
      '您的收货地址属于偏远地区，快递中转时间会长一些，一般需要{?预计天数}天左右送达。包裹我们会持续跟踪，有任何情况随时找我～',
      '您的收件地址屬於偏遠地區，物流轉運時間會比較長，一般需要{?預計天數}天左右送達。包裹我們會持續追蹤，有任何狀況隨時找我～',
      'Your address is in a remote area, so the courier needs more time in transit; delivery usually takes about {?expected days} days. We will keep tracking the parcel. Message me any time.',
    ],
  },
  {
    key: 'courier-outlet-closed', category: 'shipping', shortcut: 'tp',
    title: ['快递网点停派', '物流站點暫停配送', 'Local courier outlet paused'], tags: ['delay', 'courier'],
    body: [
      '目前{carrier}在您所在地区的网点暂停派送，包裹可能会在中转站停留几天，网点恢复后会第一时间派送。我们会持续关注并随时告诉您进展，给您添麻烦了！',
      '目前{carrier}在您所在地區的站點暫停配送，包裹可能會在轉運站停留幾天，恢復後會第一時間配送。我們會持續關注並隨時告訴您最新進度，造成不便很抱歉！',
      '{carrier} has paused deliveries at its local outlet in your area, so the parcel may wait at the sorting centre for a few days and will go out as soon as they resume. We are following it and will keep you posted. Sorry for the trouble!',
    ],
  },
  {
    key: 'cross-border-times', category: 'shipping', shortcut: 'kj',
    title: ['跨境配送时效参考', '跨境配送時效參考', 'Cross-border delivery times'], tags: ['crossBorder', 'shipping'],
    body: [
      '跨境包裹参考时效（自发货起，自然日）：\n· 美国、加拿大：标准物流 12–20 天，快递 5–8 天\n· 英国、德国、法国：标准物流 10–18 天，快递 4–7 天\n· 澳大利亚：标准物流 12–22 天，快递 5–9 天\n· 日本、韩国：标准物流 6–12 天，快递 3–5 天\n· 东南亚：标准物流 7–15 天，快递 3–6 天\n清关和节假日可能带来延误，以上仅供参考。需要查询物流时，把订单号发给我就可以～',
      '跨境包裹參考時效（自出貨起算，日曆天）：\n· 美國、加拿大：標準物流 12–20 天，快遞 5–8 天\n· 英國、德國、法國：標準物流 10–18 天，快遞 4–7 天\n· 澳洲：標準物流 12–22 天，快遞 5–9 天\n· 日本、韓國：標準物流 6–12 天，快遞 3–5 天\n· 東南亞：標準物流 7–15 天，快遞 3–6 天\n清關與假日可能造成延誤，以上僅供參考。需要查詢物流時，把訂單編號傳給我就可以～',
      'Typical delivery times for international parcels (calendar days from shipping):\n· USA, Canada: standard 12–20 days, express 5–8 days\n· UK, Germany, France: standard 10–18 days, express 4–7 days\n· Australia: standard 12–22 days, express 5–9 days\n· Japan, South Korea: standard 6–12 days, express 3–5 days\n· Southeast Asia: standard 7–15 days, express 3–6 days\nCustoms and public holidays can add delays, so please treat these as a guide. Send me your order number any time you want me to check tracking.',
    ],
  },
  {
    key: 'packaging', category: 'shipping', shortcut: 'bz',
    title: ['包装说明', '包裝說明', 'Packaging'], tags: ['packaging'],
    body: [
      '我们发货都会用{?包装方式}仔细包好，易碎的商品还会额外加泡沫和气泡膜，尽量让宝贝完好到您手上～',
      '我們出貨都會用{?包裝方式}仔細包好，易碎商品還會另外加泡棉和氣泡袋，盡量讓商品完好送到您手上～',
      'Every order is packed carefully in {?packaging}, and fragile items get extra foam and bubble wrap so they reach you in perfect shape.',
    ],
  },
  {
    key: 'late-shipping-apology', category: 'shipping', shortcut: 'qy',
    title: ['大促延迟发货致歉信', '檔期延遲出貨致歉信', 'Late shipping apology after a campaign'], tags: ['lateShipping', 'apology', 'campaign'],
    body: [
      '{buyer?亲爱的顾客}，您好！\n这次活动的订单量远超我们的预期，仓库同事正在加班打包，您的订单{order}会比承诺的时间晚一些发出，预计{?预计发货日期}前发货。让您久等了，真的非常抱歉！发货后我们会马上把运单号发给您。\n谢谢您的耐心和理解。\n{shop} 客服{agent}',
      '{buyer?親愛的顧客}，您好！\n這次活動的訂單量遠超過我們的預期，倉庫同仁正在加班包貨，您的訂單{order}會比原先承諾的時間晚一些出貨，預計{?預計出貨日期}前寄出。讓您久等了，真的非常抱歉！出貨後我們會馬上把運單號碼傳給您。\n謝謝您的耐心與體諒。\n{shop} 客服{agent}',
      'Dear {buyer?customer},\nOur campaign brought far more orders than we expected, and the warehouse team is working extra hours. Your order {order} will ship a little later than we promised, by {?new ship date}. We are truly sorry for the wait! You will get the tracking number as soon as it ships.\nThank you for your patience and understanding.\n{agent}, {shop}',
    ],
  },
  {
    key: 'stock-out', category: 'shipping', shortcut: 'dh',
    title: ['活动后断货通知', '活動後缺貨通知', 'Out of stock after a sale'], tags: ['stockOut', 'apology'],
    body: [
      '非常抱歉地告诉您：您拍下的{product}因为活动期间卖得太快，目前断货了，预计{?补货日期}补货。为了不耽误您，您可以选择：\n1. 等补货，到货后第一时间给您发出；\n2. 换成其他款式或颜色；\n3. 直接退款，我们马上为您处理。\n您看哪种方式更方便？',
      '很抱歉要通知您：您訂購的{product}因為活動期間賣得太快，目前缺貨，預計{?補貨日期}補貨。為了不耽誤您，您可以選擇：\n1. 等待補貨，到貨後第一時間為您出貨；\n2. 改成其他款式或顏色；\n3. 直接退款，我們馬上幫您處理。\n請問您比較方便哪一種呢？',
      'I am sorry to tell you that the {product} you ordered sold out faster than we expected during the sale. New stock is due around {?restock date}. So you are not left waiting, you can choose:\n1. wait for the restock and we ship it the moment it arrives;\n2. switch to another style or colour;\n3. get a full refund, which we will process right away.\nWhich would suit you best?',
    ],
  },
  {
    key: 'address-check', category: 'shipping', shortcut: 'hddz',
    title: ['发货前核对地址', '出貨前核對地址', 'Confirm address before shipping'], tags: ['address', 'shipping'],
    body: [
      '发货前跟您核对一下收货信息：{?收货人、电话和地址}。信息无误的话回复“确认”就可以，我们马上安排发货～',
      '出貨前跟您核對一下收件資料：{?收件人、電話與地址}。資料正確的話回覆「確認」就可以，我們馬上安排出貨～',
      'Before we ship, could you confirm your delivery details: {?name, phone and address}? Just reply "confirmed" if everything is right and we will send it out.',
    ],
  },

  // 📦 Order changes
  {
    key: 'change-item-before-warehouse', category: 'order', shortcut: 'gk',
    title: ['改尺码颜色（未出库）', '改尺寸顏色（未出庫）', 'Change size/colour (not yet in warehouse)'], tags: ['orderChange', 'beforeWarehouse', 'size'],
    body: [
      '可以的～您的订单{order}还没有进入仓库，我这就帮您改成{?新的尺码或颜色}，改好后再跟您确认一遍。',
      '可以喔～您的訂單{order}還沒進倉庫，我馬上幫您改成{?新的尺寸或顏色}，改好後再跟您確認一次。',
      'Yes, we can! Order {order} has not reached the warehouse yet, so I am changing it to {?new size or colour} now and will confirm once it is done.',
    ],
  },
  {
    key: 'change-address-before-warehouse', category: 'order', shortcut: 'gdz',
    title: ['改地址（未出库）', '改地址（未出庫）', 'Change address (not yet in warehouse)'], tags: ['orderChange', 'beforeWarehouse', 'address'],
    body: [
      '好的，订单{order}还没出库，可以修改地址。请把新的收货人、电话和详细地址发给我，我改好后会再跟您核对一次～',
      '好的，訂單{order}還沒出庫，可以修改地址。請把新的收件人、電話和完整地址傳給我，我改好後會再跟您核對一次～',
      'No problem, order {order} has not left the warehouse, so the address can still be changed. Please send me the new name, phone number and full address, and I will read it back to you once updated.',
    ],
  },
  {
    key: 'change-item-after-shipped', category: 'order', shortcut: 'yfgk',
    title: ['改尺码颜色（已发货）', '改尺寸顏色（已出貨）', 'Change size/colour (already shipped)'], tags: ['orderChange', 'afterShipped', 'size'],
    body: [
      '{buyer?亲}，很抱歉，您的订单已经发出，包裹在路上就没办法更换规格了。您可以先签收，再申请换货，我们收到退回的商品后马上寄出{?新的尺码或颜色}；也可以拒收后重新下单。给您添麻烦了！',
      '{buyer?您好}，很抱歉，您的訂單已經出貨，包裹在運送途中就無法更換規格了。您可以先簽收再申請換貨，我們收到退回的商品後馬上寄出{?新的尺寸或顏色}；也可以拒收後重新下單。造成您的不便很抱歉！',
      'I am sorry, {buyer?}, your order has already shipped, so the size or colour cannot be changed while it is on the way. You can accept the parcel and request an exchange, and we will send {?new size or colour} as soon as the return reaches us; or refuse the delivery and place a new order. Sorry for the extra step!',
    ],
  },
  {
    key: 'change-address-after-shipped', category: 'order', shortcut: 'yfdz',
    title: ['改地址（已发货）', '改地址（已出貨）', 'Change address (already shipped)'], tags: ['orderChange', 'afterShipped', 'address'],
    body: [
      '订单已经发出了，我们这边没办法直接改地址。我马上联系{carrier}尝试转寄（运单号{tracking}），能否成功要看快递网点，结果出来第一时间告诉您。您也可以直接打快递电话申请改派，通常会更快一些。',
      '訂單已經出貨了，我們這邊無法直接修改地址。我馬上聯絡{carrier}嘗試改寄（運單號碼{tracking}），能否成功要看物流站點，有結果會第一時間通知您。您也可以直接致電物流公司申請改送，通常會更快。',
      'The order has already shipped, so we cannot change the address on our side any more. I am asking {carrier} to redirect it now (tracking {tracking}); whether that works depends on their local outlet, and I will tell you the result right away. Calling the courier yourself is often even faster.',
    ],
  },
  {
    key: 'cancel-before-shipping', category: 'order', shortcut: 'qx',
    title: ['取消订单（未发货）', '取消訂單（未出貨）', 'Cancel an order (not shipped)'], tags: ['cancel', 'beforeWarehouse', 'refund'],
    body: [
      '收到～您的订单还没发货，直接申请退款就可以，我们会第一时间同意，款项原路退回。如果是对商品有什么顾虑，也可以先跟我说说，看看能不能帮您解决。',
      '收到～您的訂單還沒出貨，直接申請退款就可以，我們會第一時間同意，款項原路退回。如果是對商品有什麼疑慮，也可以先跟我聊聊，看看能不能幫您解決。',
      'Got it. Your order has not shipped yet, so just request a refund and we will approve it straight away; the money goes back the way you paid. If something about the item worries you, tell me and I will see if I can help.',
    ],
  },
  {
    key: 'refund-after-shipped', category: 'order', shortcut: 'js',
    title: ['已发货要退款：拒收', '已出貨要退款：拒收', 'Refund after shipping: refuse delivery'], tags: ['cancel', 'afterShipped', 'refund'],
    body: [
      '您的订单已经发出了。如果不需要了，快递派送时直接拒收就可以，包裹退回仓库后我们会尽快为您退款；如果已经签收，也可以申请退货退款。',
      '您的訂單已經出貨了。如果不需要了，物流配送時直接拒收就可以，包裹退回倉庫後我們會盡快為您退款；如果已經簽收，也可以申請退貨退款。',
      'Your order has already shipped. If you no longer need it, simply refuse the delivery; we refund you as soon as the parcel is back in our warehouse. If you have already accepted it, you can request a return and refund instead.',
    ],
  },

  // 💰 Payment & price
  {
    key: 'changing-price', category: 'payment', shortcut: 'gj',
    title: ['稍等改价', '稍候改價', 'One moment, changing the price'], tags: ['priceChange', 'wait'],
    body: [
      '好的，请稍等，我这就帮您改价格～改好后您刷新一下订单页面再付款就可以了。',
      '好的，請稍候，我馬上幫您修改價格～改好後您重新整理訂單頁面再付款就可以了。',
      'Sure, one moment while I adjust the price. Once it is done, refresh the order page and you can pay.',
    ],
  },
  {
    key: 'price-changed', category: 'payment', shortcut: 'gjh',
    title: ['改价完成', '改價完成', 'Price updated'], tags: ['priceChange'],
    body: [
      '价格已经帮您改好了，现在的金额是{?新价格}，刷新订单页面后付款即可，付款后我们会尽快安排发货～',
      '價格已經幫您改好了，目前金額是{?新價格}，重新整理訂單頁面後付款即可，付款後我們會盡快安排出貨～',
      'The price is updated: the new total is {?new price}. Refresh the order page to pay, and we will ship as soon as payment comes through.',
    ],
  },
  {
    key: 'payment-received', category: 'payment', shortcut: 'sk',
    title: ['已收到付款', '已收到付款', 'Payment received'], tags: ['payment'],
    body: [
      '收到您的付款啦，谢谢支持！订单{order}我们会尽快安排发货，发货后会把运单号告诉您。祝您购物愉快，再见～',
      '收到您的付款囉，謝謝支持！訂單{order}我們會盡快安排出貨，出貨後會把運單號碼告訴您。祝您購物愉快，再見～',
      'Payment received, thank you! We will ship order {order} as soon as possible and send you the tracking number. Enjoy your purchase, and goodbye for now!',
    ],
  },
  {
    key: 'unpaid-reminder', category: 'payment', shortcut: 'cf',
    title: ['未付款提醒', '未付款提醒', 'Unpaid order reminder'], tags: ['unpaid', 'payment'],
    body: [
      '{buyer?亲}，看到您拍下了{product}还没有付款，是有什么疑问吗？有任何问题都可以问我。活动价有时效，付款后我们会第一时间发货哦～',
      '{buyer?您好}，看到您訂購了{product}還沒付款，是有什麼疑問嗎？有任何問題都可以問我。活動價有時效，付款後我們會第一時間出貨喔～',
      'Hi {buyer?}, I noticed your order for the {product} is not paid yet. Is there anything I can help with? The campaign price is for a limited time, and we ship right after payment.',
    ],
  },
  {
    key: 'no-bargaining', category: 'payment', shortcut: 'bj',
    title: ['婉拒议价', '婉拒議價', 'Kindly no bargaining'], tags: ['bargain'],
    body: [
      '非常理解您想买得更实惠的心情～我们的价格已经是很实在的价格了，利润真的很薄，实在没办法再低了，还请您多多包涵。您可以领一下店铺优惠券，能省一点是一点～',
      '很理解您想買得更划算的心情～我們的價格已經很實在了，利潤真的不多，實在沒辦法再降了，還請您多多包涵。您可以先領取店鋪優惠券，能省一點是一點～',
      'I completely understand wanting the best deal! Our prices are already as fair as we can make them and the margin is thin, so I am afraid we cannot go lower. Do grab the shop coupon though; every little helps.',
    ],
  },
  {
    key: 'invoice', category: 'payment', shortcut: 'fp',
    title: ['开发票', '開發票', 'Invoice request'], tags: ['invoice', 'payment'],
    body: [
      '可以开发票的～请把发票抬头、税号和接收邮箱发给我，我们会在确认收货后{?开票时效}内开好并发送给您。',
      '可以開發票喔～請把發票抬頭、統一編號和收件信箱傳給我，我們會在確認收貨後{?開票時效}內開好並寄給您。',
      'Of course. Please send me the invoice name, tax number and the email address to send it to; we issue it within {?invoice time} after you confirm receipt.',
    ],
  },

  // ↩️ After-sales
  {
    key: 'return-rules', category: 'after-sales', shortcut: 'th',
    title: ['退换货规则和运费', '退換貨規則與運費', 'Return and exchange rules, who pays postage'], tags: ['returns', 'postage'],
    body: [
      '我们支持签收后7天内无理由退换货（商品不影响二次销售，吊牌和包装完好）。运费说明：质量问题或我们发错货，来回运费都由我们承担；个人原因（不喜欢、尺码不合适等）退回的运费需要您承担，谢谢理解～',
      '我們提供簽收後7天內無理由退換貨（商品不影響二次銷售，吊牌與包裝完整）。運費說明：品質問題或我們寄錯商品，來回運費都由我們負擔；個人因素（不喜歡、尺寸不合等）退回的運費需要由您負擔，謝謝體諒～',
      'You can return or exchange within 7 days of delivery for any reason, as long as the item can be resold (tags and packaging intact). Postage: if the item is faulty or we sent the wrong one, we pay both ways; for a change of mind or a size that does not fit, the return postage is yours. Thank you for understanding!',
    ],
  },
  {
    key: 'how-to-return', category: 'after-sales', shortcut: 'sqth',
    title: ['如何申请退换货', '如何申請退換貨', 'How to file a return'], tags: ['returns'],
    body: [
      '退换货步骤：\n1. 在订单页面点“申请售后”，选择退货或换货并填写原因；\n2. 我们同意后，把商品寄到退货地址，并在售后页面填写运单号；\n3. 仓库收到并检查后，我们尽快为您退款或寄出新商品。\n有不清楚的地方随时问我～',
      '退換貨步驟：\n1. 在訂單頁面點選「申請售後」，選擇退貨或換貨並填寫原因；\n2. 我們同意後，把商品寄到退貨地址，並在售後頁面填寫運單號碼；\n3. 倉庫收到並檢查後，我們會盡快為您退款或寄出新商品。\n有不清楚的地方隨時問我～',
      'How to return or exchange:\n1. On the order page, choose "Request after-sales service", pick return or exchange and give the reason;\n2. once we approve, send the item to the return address and enter the tracking number on the after-sales page;\n3. when the warehouse has received and checked it, we refund you or ship the replacement.\nAsk me anything along the way.',
    ],
  },
  {
    key: 'refund-timing', category: 'after-sales', shortcut: 'tk',
    title: ['退款到账时间', '退款入帳時間', 'Refund timing'], tags: ['refund'],
    body: [
      '您的退款我们已经处理，会原路退回：平台余额一般当天到账，银行卡一般需要1–3个工作日，预计{?退款到账日期}前到账。到时还没收到请告诉我，我帮您跟进～',
      '您的退款我們已經處理，會原路退回：平台餘額通常當天入帳，信用卡或銀行帳戶一般需要1–3個工作天，預計{?退款入帳日期}前入帳。到時還沒收到請告訴我，我幫您追蹤～',
      'Your refund has been processed and goes back the way you paid: usually the same day for marketplace balance, 1–3 working days for a bank card, so expect it by {?refund date}. If it has not arrived by then, tell me and I will chase it.',
    ],
  },
  {
    key: 'arrived-damaged', category: 'after-sales', shortcut: 'ps',
    title: ['收到商品破损', '收到商品破損', 'Item arrived damaged'], tags: ['damaged', 'apology'],
    body: [
      '真的很抱歉让您收到破损的商品！麻烦您拍一下破损处和外包装的照片发给我，我们确认后马上为您补发或退款，运费由我们承担。',
      '真的很抱歉讓您收到破損的商品！麻煩您拍一下破損處和外包裝的照片傳給我，我們確認後馬上為您補寄或退款，運費由我們負擔。',
      'I am so sorry the item arrived damaged! Could you send me photos of the damage and of the outer box? As soon as we have seen them we will send a replacement or refund you, and we cover the postage.',
    ],
  },
  {
    key: 'wrong-or-missing-item', category: 'after-sales', shortcut: 'lf',
    title: ['错发漏发', '錯寄漏寄', 'Wrong or missing item'], tags: ['wrongItem', 'apology'],
    body: [
      '非常抱歉，是我们的失误！请您拍一下收到的商品和快递面单的照片，我们确认后马上补发正确或缺少的商品；错发的商品我们安排上门取件或报销运费，不会让您多花一分钱。',
      '非常抱歉，是我們的疏失！請您拍一下收到的商品和物流單的照片，我們確認後馬上補寄正確或缺少的商品；寄錯的商品我們會安排到府取件或補貼運費，不會讓您多花一毛錢。',
      'I am very sorry, that is our mistake! Please send a photo of what you received and of the shipping label; we will send the right or missing item at once, and arrange a pickup or refund the postage for the wrong one. It will not cost you anything.',
    ],
  },
  {
    key: 'quality-problem', category: 'after-sales', shortcut: 'zl',
    title: ['质量问题处理', '品質問題處理', 'Quality problem'], tags: ['quality', 'returns'],
    body: [
      '很抱歉商品出现了问题。方便描述一下具体情况，再拍张照片或小视频吗？如果是使用方法的问题，我教您正确的用法；如果确实是质量问题，我们为您换新或退款，运费由我们承担。',
      '很抱歉商品出了問題。方便描述一下具體狀況，再拍張照片或短影片嗎？如果是使用方式的問題，我教您正確的用法；如果確實是品質問題，我們為您換新或退款，運費由我們負擔。',
      'I am sorry the item is giving you trouble. Could you describe what happens and send a photo or short video? If it is a matter of how it is used, I will walk you through it; if it is a real defect, we replace or refund it and pay the postage.',
    ],
  },

  // ⏰ Service hours
  {
    key: 'service-hours', category: 'service', shortcut: 'sj',
    title: ['客服时间', '客服時間', 'Service hours'], tags: ['hours'],
    body: [
      '我们的人工客服时间是{hours}，这段时间内的消息都会尽快回复。非工作时间的留言，我们上班后会按顺序第一时间回复，谢谢理解～',
      '我們的真人客服時間是{hours}，這段時間內的訊息都會盡快回覆。非服務時間的留言，我們上班後會依序第一時間回覆，謝謝體諒～',
      'Our team answers messages {hours}. Messages sent outside those hours are answered in order as soon as we are back. Thank you for understanding!',
    ],
  },
  {
    key: 'after-hours', category: 'service', shortcut: 'lx',
    title: ['非工作时间留言', '非服務時間留言', 'Outside service hours'], tags: ['hours', 'offline'],
    body: [
      '您好，现在是非工作时间，客服暂时不在线。我们的服务时间是{hours}，您的留言我们上班后会第一时间回复，请您放心～',
      '您好，目前是非服務時間，客服暫時不在線上。我們的服務時間是{hours}，您的留言我們上班後會第一時間回覆，請您放心～',
      'Hello! Our team is offline right now. Our service hours are {hours}, and we will reply to your message first thing when we are back.',
    ],
  },
  {
    key: 'answer-by-time', category: 'service', shortcut: 'jl',
    title: ['已记录并承诺答复时间', '已記錄並承諾回覆時間', 'Recorded, answer promised by a time'], tags: ['record', 'complaint'],
    body: [
      '您反映的情况我已经详细记录下来，交给{?负责同事或部门}核实处理。我们会在{?答复时间}前给您明确答复，请您放心，这件事我会一直跟进。',
      '您反映的狀況我已經詳細記錄下來，交由{?負責同事或部門}確認處理。我們會在{?回覆時間}前給您明確回覆，請您放心，這件事我會一直追蹤。',
      'I have written down everything you told me and passed it to {?team or colleague} to look into. You will have a clear answer from us by {?answer by}; I will keep following it until then.',
    ],
  },

  // ⚖️ Complaints & disputes
  {
    key: 'calm-upset-buyer', category: 'complaint', shortcut: 'ak',
    title: ['安抚买家情绪', '安撫買家情緒', 'Calming an upset buyer'], tags: ['calming', 'complaint', 'apology'],
    body: [
      '非常抱歉给您带来了不好的体验，您先别着急，我完全理解您的心情。这件事我会负责跟进到底，一定帮您处理好。能先跟我说说具体情况吗？{cursor}',
      '非常抱歉讓您有不好的體驗，您先別著急，我完全理解您的心情。這件事我會負責追蹤到底，一定幫您處理好。可以先跟我說說詳細狀況嗎？{cursor}',
      'I am really sorry for the trouble this has caused you, and I understand how frustrating it is. Please don’t worry: I will take care of this personally until it is sorted out. Could you tell me what happened? {cursor}',
    ],
  },
  {
    key: 'restate-complaint', category: 'complaint', shortcut: 'fs',
    title: ['复述确认问题', '複述確認問題', 'Restate the problem to confirm'], tags: ['complaint', 'record'],
    body: [
      '我跟您确认一下，您遇到的问题是：{?买家反映的问题}，对吗？如果我理解得没错，我马上为您处理。',
      '我跟您確認一下，您遇到的問題是：{?買家反映的問題}，對嗎？如果我理解沒錯，我馬上為您處理。',
      'Let me make sure I have understood: the problem is {?what the buyer reported}, is that right? If so, I will start on it right away.',
    ],
  },
  {
    key: 'confirm-demand-in-writing', category: 'complaint', shortcut: 'qrsq',
    title: ['请买家书面确认诉求', '請買家書面確認訴求', 'Ask the buyer to confirm a demand in writing'], tags: ['confirm', 'evidence', 'complaint'],
    body: [
      '为了把您的诉求准确记录并报备，想跟您确认一下：您的意思是，只要我们为您{?买家要求的处理}，您就不会给差评，是这样吗？麻烦您在这里回复确认一下，谢谢～',
      '為了把您的訴求正確記錄並呈報，想跟您確認一下：您的意思是，只要我們為您{?買家要求的處理}，您就不會給負評，是這樣嗎？麻煩您在這裡回覆確認，謝謝～',
      'So that I can record your request accurately and pass it on, may I confirm: you mean that if we {?what the buyer asks for}, you will not leave a negative review, is that correct? Please confirm here in the chat. Thank you!',
    ],
  },
  {
    key: 'follow-up-after-complaint', category: 'complaint', shortcut: 'gz',
    title: ['问题解决后回访', '問題解決後回訪', 'Follow-up after a complaint is solved'], tags: ['followUp', 'complaint'],
    body: [
      '{buyer?亲}，您好！之前您反映的问题已经处理完毕，想回访一下：现在一切都还满意吗？还有需要我们做的，随时告诉我～谢谢您给我们改进的机会！',
      '{buyer?您好}，之前您反映的問題已經處理完成，想回訪一下：現在一切都還滿意嗎？還有需要我們協助的地方，隨時告訴我～謝謝您給我們改進的機會！',
      'Hi {buyer?}, the issue you raised has been resolved and I wanted to check in: is everything all right now? If there is anything else we can do, just tell me. Thank you for giving us the chance to improve!',
    ],
  },
  {
    key: 'negative-review-online', category: 'complaint', shortcut: 'cp',
    title: ['买家在线时处理中差评', '買家在線時處理負評', 'Negative review while the buyer is online'], tags: ['review', 'apology'],
    body: [
      '{buyer?亲}，看到您给了中差评，真的很抱歉这次没能让您满意。能告诉我具体是哪里不满意吗？不管是商品还是服务的问题，我们都会认真负责地解决。问题解决后，如果您觉得我们处理得还可以，再考虑是否修改评价，完全由您决定。',
      '{buyer?您好}，看到您給了負評，真的很抱歉這次沒能讓您滿意。可以告訴我具體是哪裡不滿意嗎？不論是商品還是服務的問題，我們都會認真負責地處理。問題解決後，如果您覺得我們處理得還可以，再考慮是否修改評價，完全由您決定。',
      'Hi {buyer?}, I saw your review and I am truly sorry we did not live up to your expectations this time. Could you tell me what went wrong? Whether it is the product or our service, we will put it right. Once it is solved, whether you update the review is entirely up to you.',
    ],
  },
];

/** Fixed default timestamp so two installs produce byte-identical libraries. */
export const DEFAULT_LIBRARY_EPOCH = '2026-01-01T00:00:00.000Z';

const LANG_INDEX: Record<Lang, 0 | 1 | 2> = { 'zh-CN': 0, 'zh-TW': 1, en: 2 };

export interface DefaultLibraryOptions {
  /** Language of titles, tags and category names (the seller's UI language). */
  uiLang?: Lang;
  /** createdAt/updatedAt of every record; DEFAULT_LIBRARY_EPOCH when absent. */
  now?: string;
}

export function defaultCategoryId(key: string): string {
  return `xiaoer-cat-${key}`;
}

export function defaultReplyId(key: string): string {
  return `xiaoer-default-${key}`;
}

/**
 * The default library: 9 categories and the replies above, fresh usage counters.
 * A bare string argument is the timestamp (titles then in Simplified Chinese).
 */
export function defaultLibrary(arg: DefaultLibraryOptions | string = {}): { categories: Category[]; replies: Reply[] } {
  const options: DefaultLibraryOptions = typeof arg === 'string' ? { now: arg } : arg;
  const li = LANG_INDEX[options.uiLang ?? 'zh-CN'];
  const now = options.now ?? DEFAULT_LIBRARY_EPOCH;
  const categories: Category[] = CATEGORY_DEFS.map((c, order) => ({
    id: defaultCategoryId(c.key),
    name: c.name[li],
    symbol: c.symbol,
    order,
  }));
  const replies: Reply[] = REPLY_DEFS.map((d) => ({
    id: defaultReplyId(d.key),
    title: d.title[li],
    shortcut: d.shortcut,
    categoryId: defaultCategoryId(d.category),
    tags: d.tags.map((t) => TAGS[t][li]),
    body: { 'zh-CN': d.body[0], 'zh-TW': d.body[1], en: d.body[2] },
    usageCount: 0,
    lastUsedAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  return { categories, replies };
}

/**
 * The built-in categories and replies a seller never renamed, relabelled in a new UI language (only
 * those that change). Names, titles and tags are the library's labels, shown in the UI's language
 * like every other label; a category still named as installed (in any of the three languages), a
 * title still as written, a tag list still the built-in one follow the switch — what the seller
 * renamed or retagged stays theirs. `categories` is the whole library's (names must stay unique). Bodies are untouched: they carry all three languages already.
 */
export function relabelDefaults(categories: readonly Category[], replies: readonly Reply[], uiLang: Lang): { categories: Category[]; replies: Reply[] } {
  const li = LANG_INDEX[uiLang];
  const categoryDefs = new Map<string, (typeof CATEGORY_DEFS)[number]>(CATEGORY_DEFS.map((c) => [defaultCategoryId(c.key), c]));
  const outCategories: Category[] = [];
  // A name one of the seller's own categories already has is left alone: two categories of one
  // name could not both come back from the library's export (rules.ts categoryNameProblem).
  const taken = (name: string, id: string) => categoryNameProblem(name, categories, id) === 'categoryNameTaken';
  for (const c of categories) {
    const def = categoryDefs.get(c.id);
    if (def && (def.name as readonly string[]).includes(c.name) && c.name !== def.name[li] && !taken(def.name[li], c.id)) outCategories.push({ ...c, name: def.name[li] });
  }
  const replyDefs = new Map(REPLY_DEFS.map((d) => [defaultReplyId(d.key), d]));
  const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);
  const outReplies: Reply[] = [];
  for (const r of replies) {
    const def = replyDefs.get(r.id);
    if (!def) continue;
    let next = r;
    if ((def.title as readonly string[]).includes(r.title) && r.title !== def.title[li]) next = { ...next, title: def.title[li] };
    const tagSets = ([0, 1, 2] as const).map((i) => def.tags.map((t) => TAGS[t][i]));
    if (tagSets.some((set) => sameTags(set, r.tags)) && !sameTags(tagSets[li]!, r.tags)) next = { ...next, tags: tagSets[li]! };
    if (next !== r) outReplies.push(next);
  }
  return { categories: outCategories, replies: outReplies };
}
