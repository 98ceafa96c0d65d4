/**
 * What each demo page shows (from the page's own data), for the extraction
 * tests and the generic-adapter table. Times assume the demo clock
 * (2026-11-22 18:30 UTC+8), which the tests freeze.
 */
import type { PageContext } from '../../../lib/schema';

export interface PageTruth {
  context: PageContext;
  messages: number;
  split: { buyer: number; seller: number; system: number };
  first: { text: string; sender: string; timeText: string; timeIso: string };
  last: { text: string; sender: string; timeText: string; timeIso: string };
  images: number;
  composer: boolean;
  platformIds: boolean;
}

export const DEMO_NOW = Date.UTC(2026, 10, 22, 10, 30, 0);

export const TRUTH: Record<string, PageTruth> = {
  pinduoduo: {
    context: {
      buyer: { name: '景**', id: '6840347447' },
      order: { number: '261119-086421357902468', product: '加厚珊瑚绒四件套 1.8m床 浅灰', amount: '¥129.90', status: '已发货' },
      tracking: { number: '78812345678901', carrier: '中通快递', eta: null },
      buyerLang: 'zh-CN',
    },
    messages: 320,
    split: { buyer: 174, seller: 127, system: 19 },
    first: { text: '这个可以开发票吗？', sender: 'buyer', timeText: '2026-11-17 06:40:41', timeIso: '2026-11-17T06:40:41+08:00' },
    last: { text: 'END-OF-HISTORY-MARKER', sender: 'seller', timeText: '18:23:00', timeIso: '2026-11-22T18:23:00+08:00' },
    images: 1,
    composer: true,
    platformIds: true,
  },
  shopee: {
    context: {
      buyer: { name: 'aisyah.shop88', id: null },
      order: { number: '2611207XKQ3HBN', product: 'Foldable Laptop Stand Aluminium, Silver', amount: 'RM45.90', status: 'Shipping' },
      tracking: { number: 'SPXMY045512398761', carrier: 'SPX Express', eta: 'Nov 25 - Nov 27' },
      buyerLang: 'en',
    },
    messages: 300,
    split: { buyer: 165, seller: 117, system: 18 },
    first: { text: 'Who pays for return shipping?', sender: 'buyer', timeText: '06:37', timeIso: '2026-11-17T06:37:00+08:00' },
    last: { text: 'END-OF-HISTORY-MARKER', sender: 'seller', timeText: '18:23', timeIso: '2026-11-22T18:23:00+08:00' },
    images: 1,
    composer: true,
    platformIds: false,
  },
  amazon: {
    context: {
      buyer: { name: 'Palmer', id: null },
      order: { number: '112-4839201-5561927', product: 'Ceramic Pour-Over Coffee Dripper, Size 02, Matte Black', amount: '$24.99', status: 'Shipped' },
      tracking: { number: '9400111202555842761234', carrier: 'USPS', eta: 'Nov 26, 2026' },
      buyerLang: 'en',
    },
    messages: 260,
    split: { buyer: 144, seller: 101, system: 15 },
    first: { text: 'Is there a size chart?', sender: 'buyer', timeText: 'Nov 17, 2026 1:58 PM', timeIso: '2026-11-17T13:58:00-08:00' },
    last: { text: 'END-OF-HISTORY-MARKER', sender: 'seller', timeText: 'Nov 22, 2026 2:23 AM', timeIso: '2026-11-22T02:23:00-08:00' },
    images: 1,
    composer: true,
    platformIds: true,
  },
  aliexpress: {
    context: {
      buyer: { name: 'Lucas Oliveira', id: '2206781234567' },
      order: { number: '8187652301948826', product: 'Wireless Earbuds Bluetooth 5.3 ENC, White', amount: 'US $18.56', status: 'Awaiting delivery' },
      tracking: { number: 'LP00688123456789', carrier: 'Cainiao Standard Shipping', eta: null },
      buyerLang: 'en',
    },
    messages: 280,
    split: { buyer: 157, seller: 107, system: 16 },
    first: { text: 'Will it fit a 15 inch laptop?', sender: 'buyer', timeText: '2026-11-17 18:29', timeIso: '2026-11-17T18:29:00+08:00' },
    last: { text: 'END-OF-HISTORY-MARKER', sender: 'seller', timeText: '18:23', timeIso: '2026-11-22T18:23:00+08:00' },
    images: 1,
    composer: true,
    platformIds: true,
  },
  qianniu: {
    context: {
      buyer: { name: 'tb80317542', id: 'tb80317542' },
      order: { number: '3391827746501238819', product: '北欧实木床头柜 胡桃色 40cm', amount: '¥268.00', status: '卖家已发货' },
      tracking: { number: '434587261190328', carrier: '韵达快递', eta: null },
      buyerLang: 'zh-CN',
    },
    messages: 300,
    split: { buyer: 166, seller: 116, system: 18 },
    first: { text: '这款还有货吗？', sender: 'buyer', timeText: '2026-11-17 17:16:26', timeIso: '2026-11-17T17:16:26+08:00' },
    last: { text: 'END-OF-HISTORY-MARKER', sender: 'seller', timeText: '2026-11-22 18:23:00', timeIso: '2026-11-22T18:23:00+08:00' },
    images: 1,
    composer: true,
    platformIds: false,
  },
};
