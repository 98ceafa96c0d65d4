import { describe, expect, it } from 'vitest';
import { isHostEnabled, isMarketplaceHost, patternCoversHost } from '../../../lib/sites/hosts';

describe('host list', () => {
  it('covers seller hosts and not buyer storefronts', () => {
    expect(isMarketplaceHost('mms.pinduoduo.com')).toBe(true);
    expect(isMarketplaceHost('sellercentral.amazon.com')).toBe(true);
    expect(isMarketplaceHost('seller.shopee.cn')).toBe(true);
    expect(isMarketplaceHost('myseller.taobao.com')).toBe(true);
    expect(isMarketplaceHost('work.qianniu.taobao.com')).toBe(true);
    expect(isMarketplaceHost('www.taobao.com')).toBe(false);
    expect(isMarketplaceHost('www.amazon.com')).toBe(false);
    expect(isMarketplaceHost('shopee.cn')).toBe(false);
    expect(isMarketplaceHost('127.0.0.1')).toBe(false);
  });
  it('wildcards match subdomains only', () => {
    expect(patternCoversHost('https://*.qianniu.taobao.com/*', 'qianniu.taobao.com')).toBe(true);
    expect(patternCoversHost('https://*.qianniu.taobao.com/*', 'evilqianniu.taobao.com')).toBe(false);
  });
  it('honours the seller switching hosts on and off', () => {
    const s = { enabledHosts: ['erp.myshop.cn'], disabledHosts: ['mms.pinduoduo.com'] };
    expect(isHostEnabled('erp.myshop.cn', s)).toBe(true);
    expect(isHostEnabled('mms.pinduoduo.com', s)).toBe(false);
    expect(isHostEnabled('seller.shopee.cn', s)).toBe(true);
  });
});
