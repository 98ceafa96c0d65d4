/**
 * github-url-detection style: every adapter answers for its own production
 * URLs, and for nobody else's — nor for buyer storefronts.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, pickAdapter, siteIdForHost } from '../../../lib/sites/registry';
import { isMarketplaceHost } from '../../../lib/sites/hosts';

const OWN: Record<string, [string, string][]> = {
  pinduoduo: [
    ['https://mms.pinduoduo.com/chat-merchant/index.html', 'chat'],
    ['https://mms.pinduoduo.com/chat-merchant/index.html#/', 'chat'],
    ['https://mms.pinduoduo.com/orders/list', 'order'],
    ['https://mms.pinduoduo.com/orders/detail?type=0&sn=261119-086421357902468', 'order'],
    ['https://mms.pinduoduo.com/goods/evaluation/index', 'reviews'],
    ['https://mms.pinduoduo.com/home/', 'other'],
  ],
  qianniu: [
    ['https://myseller.taobao.com/home.htm/im-history-search/', 'chat'],
    ['https://market.m.taobao.com/app/qn/im-history-search/index.html#/', 'chat'],
    ['https://myseller.taobao.com/home.htm/trade-platform/tp/sold', 'order'],
    ['https://myseller.taobao.com/home.htm/comment-manage/list/rateWait', 'reviews'],
    ['https://myseller.taobao.com/home.htm', 'other'],
    ['https://work.qianniu.taobao.com/', 'other'],
  ],
  aliexpress: [
    ['https://gsp.aliexpress.com/m_apps/im-chat/im#/window', 'chat'],
    ['https://gsp.aliexpress.com/m_apps/im-chat/im#/window?sessionId=s1001', 'chat'],
    ['https://gsp.aliexpress.com/m_apps/order-manage/order_list', 'order'],
    ['https://csp.aliexpress.com/m_apps/evaluation/list', 'reviews'],
    ['https://gsp.aliexpress.com/apps/home', 'other'],
  ],
  amazon: [
    ['https://sellercentral.amazon.com/messaging/contact?orderID=112-4839201-5561927&marketplaceID=ATVPDKIKX0DER', 'chat'],
    ['https://sellercentral.amazon.co.uk/messaging/inbox', 'chat'],
    ['https://sellercentral-europe.amazon.com/messaging/thread?threadId=abc', 'chat'],
    ['https://sellercentral.amazon.com/orders-v3/order/112-4839201-5561927', 'order'],
    ['https://sellercentral.amazon.de/orders-v3?page=1', 'order'],
    ['https://sellercentral.amazon.co.jp/feedback-manager/index.html', 'reviews'],
    ['https://sellercentral.amazon.com/brand-customer-reviews/', 'reviews'],
    ['https://sellercentral.amazon.com/home', 'other'],
  ],
  shopee: [
    ['https://seller.shopee.cn/webchat/conversations', 'chat'],
    ['https://banhang.shopee.vn/new-webchat/conversations', 'chat'],
    ['https://seller.shopee.com.my/webchat/conversations/123', 'chat'],
    ['https://seller.shopee.sg/portal/sale/order', 'order'],
    ['https://seller.shopee.ph/portal/settings/shop/rating', 'reviews'],
    ['https://seller.shopee.co.th/', 'other'],
  ],
};

// Buyer-side pages of the same marketplaces and other sites: nobody's.
const STOREFRONTS = [
  'https://www.pinduoduo.com/',
  'https://mobile.yangkeduo.com/goods.html?goods_id=123',
  'https://item.taobao.com/item.htm?id=123',
  'https://www.taobao.com/',
  'https://detail.tmall.com/item.htm?id=123',
  'https://www.aliexpress.com/item/1005001234567890.html',
  'https://www.aliexpress.com/p/order/index.html',
  'https://www.amazon.com/dp/B0C1234567',
  'https://www.amazon.com/gp/message?ref=chat',
  'https://shopee.com.my/product/123/456',
  'https://shopee.cn/',
  'https://item.jd.com/100012043978.html',
  'https://www.ebay.com/itm/1234567890',
  'https://www.etsy.com/listing/123/mug',
  'https://www.lazada.com.my/products/i123.html',
];

describe('detect matrix', () => {
  it('covers every registered adapter', () => {
    expect(Object.keys(OWN).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  for (const adapter of ADAPTERS) {
    describe(adapter.id, () => {
      it.each(OWN[adapter.id] ?? [])('claims %s as %s', (url, kind) => {
        expect(adapter.detect(new URL(url))).toBe(kind);
        expect(isMarketplaceHost(new URL(url).hostname)).toBe(true);
        expect(siteIdForHost(new URL(url).hostname)).toBe(adapter.id);
      });
      const others = Object.entries(OWN).filter(([id]) => id !== adapter.id).flatMap(([, list]) => list.map(([u]) => u));
      it.each([...others, ...STOREFRONTS])('ignores %s', (url) => {
        expect(adapter.detect(new URL(url))).toBeNull();
      });
    });
  }

  it('picks exactly one dedicated adapter per own URL', () => {
    for (const [id, list] of Object.entries(OWN)) {
      for (const [url] of list) {
        const owners = ADAPTERS.filter((a) => a.detect(new URL(url)) !== null).map((a) => a.id);
        expect(owners).toEqual([id]);
        expect(pickAdapter(new URL(url))).toMatchObject({ generic: false });
      }
    }
  });

  it('falls back to the generic heuristics, named for known marketplaces without selectors', () => {
    expect(pickAdapter(new URL('https://dd.jd.com/chat/index'))).toMatchObject({ generic: true, kind: 'chat', adapter: { id: 'jd' } });
    expect(pickAdapter(new URL('https://www.ebay.com/sh/ord/?filter=status:ALL_ORDERS'))).toMatchObject({ generic: true, kind: 'order', adapter: { id: 'ebay' } });
    expect(pickAdapter(new URL('https://mesg.ebay.com/mesgweb/ViewMessages/0'))).toMatchObject({ adapter: { id: 'ebay' }, kind: 'chat' });
    expect(pickAdapter(new URL('https://sellercenter.lazada.com.my/apps/im/chat'))).toMatchObject({ adapter: { id: 'lazada' }, kind: 'chat' });
    expect(pickAdapter(new URL('https://www.etsy.com/your/shops/me/reviews'))).toMatchObject({ adapter: { id: 'etsy' }, kind: 'reviews' });
    expect(pickAdapter(new URL('https://seller-us.tiktok.com/order'))).toMatchObject({ adapter: { id: 'tiktok-shop' }, kind: 'order' });
    expect(pickAdapter(new URL('https://seller.tiktokglobalshop.com/homepage'))).toMatchObject({ adapter: { id: 'tiktok-shop' }, kind: 'other' });
    expect(pickAdapter(new URL('https://shop-admin.example.com/feedback/manage'))).toMatchObject({ generic: true, kind: 'reviews', adapter: { id: 'generic' } });
    expect(siteIdForHost('shop-admin.example.com')).toBeNull();
    expect(siteIdForHost('item.jd.com')).toBeNull();
  });
});
