/**
 * The demo pages the site adapters are tested on: where each is served (path
 * with the query/hash it was captured at) and the fixture file its rendered
 * DOM is saved to by snapshot-pages.ts.
 */
export interface DemoPage {
  /** Fixture name: test/unit/sites/fixtures/<name>.html */
  name: string;
  /** Path under the demo marketplace, with query and hash. */
  path: string;
  /** The dedicated adapter that serves it, or 'generic'. */
  adapter: string;
}

export const DEMO_PAGES: DemoPage[] = [
  { name: 'pinduoduo', path: 'chat/pinduoduo.html', adapter: 'pinduoduo' },
  { name: 'shopee', path: 'chat/shopee.html', adapter: 'shopee' },
  { name: 'amazon', path: 'chat/amazon.html?orderID=112-4839201-5561927&marketplaceID=ATVPDKIKX0DER', adapter: 'amazon' },
  { name: 'aliexpress', path: 'chat/aliexpress.html#/window?sessionId=s1001', adapter: 'aliexpress' },
  { name: 'qianniu', path: 'chat/qianniu.html', adapter: 'qianniu' },
  { name: 'reviews', path: 'reviews/index.html', adapter: 'generic' },
  { name: 'orders', path: 'orders/index.html', adapter: 'generic' },
];

/** The origin fixtures are loaded under in jsdom (the demo marketplace's). */
export const DEMO_ORIGIN = 'http://127.0.0.1:5178/';
