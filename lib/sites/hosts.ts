/**
 * The one place that says where Xiaoer's page script runs.
 *
 * Production: only the seller backends and seller chats of the marketplaces we
 * target. Each pattern names the seller-side host (never the buyer storefront),
 * so the extension stays off pages where it has nothing to do.
 */
export const MARKETPLACE_HOST_PATTERNS = [
  // Taobao / Tmall: Qianniu web workbench and its chat history (myseller.taobao.com)
  'https://myseller.taobao.com/*',
  'https://*.qianniu.taobao.com/*',
  // Qianniu chat-history app (market.m.taobao.com/app/qn/im-history-search), read by public scrapers
  'https://market.m.taobao.com/app/qn/*',
  // AliExpress seller IM and seller centre (gsp.aliexpress.com/m_apps/im-chat)
  'https://gsp.aliexpress.com/*',
  'https://csp.aliexpress.com/*',
  // Pinduoduo merchant backend incl. chat-merchant (mms.pinduoduo.com)
  'https://mms.pinduoduo.com/*',
  // JD merchant backend (shop.jd.com, dd.jd.com chat)
  'https://shop.jd.com/*',
  'https://dd.jd.com/*',
  // Amazon Seller Central (one host per region)
  'https://sellercentral.amazon.com/*',
  'https://sellercentral.amazon.co.uk/*',
  'https://sellercentral.amazon.de/*',
  'https://sellercentral.amazon.co.jp/*',
  'https://sellercentral-europe.amazon.com/*',
  'https://sellercentral-japan.amazon.com/*',
  // eBay Seller Hub and messages
  'https://www.ebay.com/sh/*',
  'https://mesg.ebay.com/*',
  // Shopee seller centre and webchat (CN cross-border and local seller hosts)
  'https://seller.shopee.cn/*',
  'https://seller.shopee.com.my/*',
  'https://seller.shopee.sg/*',
  'https://seller.shopee.ph/*',
  'https://seller.shopee.co.th/*',
  'https://banhang.shopee.vn/*',
  // Lazada Seller Center
  'https://sellercenter.lazada.com.my/*',
  'https://sellercenter.lazada.sg/*',
  'https://sellercenter.lazada.co.th/*',
  'https://sellercenter.lazada.com.ph/*',
  'https://sellercenter.lazada.vn/*',
  'https://sellercenter.lazada.co.id/*',
  // Etsy shop manager and conversations
  'https://www.etsy.com/your/*',
  'https://www.etsy.com/messages/*',
  // TikTok Shop seller centre
  'https://seller.tiktokglobalshop.com/*',
  'https://seller-us.tiktok.com/*',
] as const;

/** The demo marketplace served by `npm run marketplace` (e2e build and `npm start` only). */
export const DEMO_HOST_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

/**
 * What the e2e build's manifest holds as host permissions: the demo marketplace
 * (content script + tabs.captureVisibleTab need a host grant there; a headless
 * test cannot click a permission prompt).
 */
export const E2E_HOST_PATTERNS = [...DEMO_HOST_PATTERNS] as const;

/** Does a match pattern like `https://*.qianniu.taobao.com/*` cover this host? (host part only) */
export function patternCoversHost(pattern: string, host: string): boolean {
  const m = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern);
  if (!m) return false;
  const ph = m[1]!;
  if (ph === '*') return true;
  if (ph.startsWith('*.')) return host === ph.slice(2) || host.endsWith(ph.slice(1));
  return host === ph;
}

export function isMarketplaceHost(host: string): boolean {
  return MARKETPLACE_HOST_PATTERNS.some((p) => patternCoversHost(p, host));
}

/** Enabled = a built-in marketplace host the seller did not switch off, or a host they switched on. */
export function isHostEnabled(host: string, settings: { enabledHosts: string[]; disabledHosts: string[] }): boolean {
  if (settings.disabledHosts.includes(host)) return false;
  return isBuiltInHost(host) || settings.enabledHosts.includes(host);
}

/**
 * Hosts whose overlay comes from the manifest (the marketplaces above; the demo
 * marketplace in the e2e build only): on unless the seller switched them off
 * (settings.disabledHosts), never asked a permission for.
 */
export function isBuiltInHost(host: string): boolean {
  return isMarketplaceHost(host) || (import.meta.env.MODE === 'e2e' && DEMO_HOST_PATTERNS.some((p) => patternCoversHost(p, host)));
}

/**
 * A host name as the seller may type or paste it ("https://erp.example.com/x" → "erp.example.com"), or
 * null: the dashboard's host fields and the worker's site switch read it the same way.
 */
export function normalizeHost(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  if (!/^[a-z]+:\/\//.test(s)) s = `https://${s}`;
  try {
    const u = new URL(s);
    return /^[a-z0-9.-]+$/.test(u.hostname) && u.hostname.includes('.') ? u.hostname : u.hostname === 'localhost' ? 'localhost' : null;
  } catch {
    return null;
  }
}
