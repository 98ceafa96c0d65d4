/**
 * The strings a page paints before React and the database load: the popup's
 * first frame (components/popup/popup-shell.ts) is plain DOM built from this
 * table alone (the marketplace names too: its status line names the tab's),
 * so the popup is usable while the rest of it loads. Every page still reads
 * them through index.ts like any other key.
 */
import type { Strings } from './types';

export const firstFrame = {
  en: {
    appName: 'Xiaoer',
    sourceDedicated: 'dedicated adapter',
    sourceGeneric: 'generic heuristics',
    sourceTaught: 'taught profile',
    searchReplies: 'Search replies (pinyin, shortcut, words)…',
    popupStatus: 'This tab',
    // Between a label and its value: Chinese writes the full-width colon and no space ("当前标签页: 拼多多" read as a typo).
    colon: ': ',
    statusNotEnabled: 'Xiaoer is not enabled on this site',
    // Marketplaces as the seller's UI names them (components/site-names.ts): the popup's first line names the tab's.
    siteNamePinduoduo: "Pinduoduo",
    siteNameQianniu: "Qianniu (Taobao/Tmall)",
    siteNameAliexpress: "AliExpress",
    siteNameAmazon: "Amazon Seller Central",
    siteNameShopee: "Shopee",
    siteNameJd: "JD",
    siteNameEbay: "eBay",
    siteNameLazada: "Lazada",
    siteNameEtsy: "Etsy",
    siteNameTiktokShop: "TikTok Shop",
    siteNameGeneric: "Other backend",
    siteNameUnknown: "Unknown site",
  },
  'zh-CN': {
    appName: '小二',
    sourceDedicated: '专用适配',
    sourceGeneric: '通用识别',
    sourceTaught: '自定义配置',
    searchReplies: '搜索回复（拼音、快捷码、关键词）…',
    popupStatus: '当前标签页',
    colon: '：',
    statusNotEnabled: '此网站未启用小二',
    siteNamePinduoduo: "拼多多",
    siteNameQianniu: "千牛（淘宝/天猫）",
    siteNameAliexpress: "速卖通",
    siteNameAmazon: "亚马逊卖家平台",
    siteNameShopee: "Shopee 虾皮",
    siteNameJd: "京东",
    siteNameEbay: "eBay",
    siteNameLazada: "Lazada",
    siteNameEtsy: "Etsy",
    siteNameTiktokShop: "TikTok Shop",
    siteNameGeneric: "其他后台",
    siteNameUnknown: "未知网站",
  },
  'zh-TW': {
    appName: '小二',
    sourceDedicated: '專用適配',
    sourceGeneric: '通用識別',
    sourceTaught: '自訂設定',
    searchReplies: '搜尋回覆（拼音、快捷碼、關鍵字）…',
    popupStatus: '目前分頁',
    colon: '：',
    statusNotEnabled: '此網站未啟用小二',
    siteNamePinduoduo: "拼多多",
    siteNameQianniu: "千牛（淘寶/天貓）",
    siteNameAliexpress: "速賣通",
    siteNameAmazon: "亞馬遜賣家平台",
    siteNameShopee: "Shopee 蝦皮",
    siteNameJd: "京東",
    siteNameEbay: "eBay",
    siteNameLazada: "Lazada",
    siteNameEtsy: "Etsy",
    siteNameTiktokShop: "TikTok Shop",
    siteNameGeneric: "其他後台",
    siteNameUnknown: "未知網站",
  },
} satisfies Strings;
