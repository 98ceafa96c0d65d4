import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { effectiveUrl } from '../../../lib/sites/demo';
import { langOfTexts } from '../../../lib/sites/dom';
import { readLabelled } from '../../../lib/sites/labels';
import { parseShownDay, parseShownTime } from '../../../lib/sites/time';
import { mulberry32 } from '../../shared/prng';

const NOW = new Date('2026-11-22T10:30:00Z'); // 18:30 in UTC+8, 02:30 PST
const CN = { timeZone: 'Asia/Shanghai' };
const LA = { timeZone: 'America/Los_Angeles' };

describe('shown times → ISO with the marketplace zone', () => {
  it.each([
    ['2026-11-20 09:15:03', CN, '2026-11-20T09:15:03+08:00'],
    ['2026/11/20 09:15', CN, '2026-11-20T09:15:00+08:00'],
    ['2026年11月20日 21:05', CN, '2026-11-20T21:05:00+08:00'],
    ['昨天 14:32', CN, '2026-11-21T14:32:00+08:00'],
    ['前天 08:01:09', CN, '2026-11-20T08:01:09+08:00'],
    ['14:32:05', CN, '2026-11-22T14:32:05+08:00'],
    ['11-20 09:15', CN, '2026-11-20T09:15:00+08:00'],
    ['12-30 09:15', CN, '2025-12-30T09:15:00+08:00'],
    ['Yesterday 9:15 PM', CN, '2026-11-21T21:15:00+08:00'],
    ['Nov 20, 2026 9:15 AM', LA, '2026-11-20T09:15:00-08:00'],
    ['Oct 20, 2026 9:15 PM', LA, '2026-10-20T21:15:00-07:00'],
    ['Nov 1, 2026 1:30 AM', LA, '2026-11-01T01:30:00-07:00'],
    ['Nov 1, 2026 3:30 AM', LA, '2026-11-01T03:30:00-08:00'],
    ['下午 3:05', CN, '2026-11-22T15:05:00+08:00'],
  ])('%s', (text, zone, iso) => {
    expect(parseShownTime(text, NOW, zone)).toBe(iso);
  });

  it('uses the divider day for a bare time, day-first where the site writes 20/11/2026', () => {
    const day = parseShownDay('20/11/2026', NOW, { timeZone: 'Asia/Shanghai', dayFirst: true });
    expect(parseShownTime('21:47', NOW, CN, day)).toBe('2026-11-20T21:47:00+08:00');
    expect(parseShownDay('11/20/2026', NOW, LA)).toEqual({ y: 2026, m: 11, d: 20 });
    expect(parseShownDay('20/11/2026', NOW, LA)).toEqual({ y: 2026, m: 11, d: 20 });
    expect(parseShownDay('Today', NOW, LA)).toEqual({ y: 2026, m: 11, d: 22 });
  });

  it('the fast path for "2026-11-20 09:15[:03]", "09:15[:03]", "昨天 09:15[:03]" and "Nov 20, 2026 9:15 AM" gives what the general path gives', () => {
    // A leading "@ " keeps a text off the anchored fast path; the general path finds the same day and time in it.
    // mulberry32, not a bare LCG: an LCG's low bits cycle, so `% n` choices come out correlated and
    // whole combinations (a clock text, mangled, by a dropped digit) never occur.
    const next = mulberry32(7);
    const rand = (n: number) => Math.floor(next() * n);
    const day = parseShownDay('20/11/2026', NOW, { timeZone: 'Asia/Shanghai', dayFirst: true });
    let compared = 0;
    // Disagreements collected and asserted once (a message built per comparison made the test slow).
    const wrong: unknown[] = [];
    const DAY_WORDS = ['今天', '今日', '昨天', '昨日', '前天', '前日'];
    const MONTH_WORDS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'November', 'Sept.', 'Febr', 'Mon', 'Today', 'Ju'];
    const SPACES = [' ', '\t', '\n', '\u00a0', '\u3000', '\u2003', '\ufeff', '  '];
    // Two instants: at the second, Shanghai is already on the next day while Los Angeles is not.
    const LATE = new Date('2026-11-22T20:30:00Z');
    for (let i = 0; i < 4000; i++) {
      const two = (n: number) => (rand(2) ? String(n).padStart(2, '0') : String(n));
      const time = `${two(rand(26))}:${String(rand(62)).padStart(2, '0')}${rand(2) ? `:${String(rand(62)).padStart(2, '0')}` : ''}`;
      const sep = rand(2) ? '-' : '/';
      const word = rand(2) ? `${DAY_WORDS[rand(DAY_WORDS.length)]}${rand(3) ? ' ' : ''}` : '';
      const month = MONTH_WORDS[rand(MONTH_WORDS.length)]!;
      const named = `${rand(2) ? month : month.toLowerCase()} ${rand(33)}${rand(3) ? ',' : ''} ${1998 + rand(105)} ${time}${['', ' AM', ' PM', 'pm', ' am'][rand(5)]}`;
      const shape = rand(4);
      let text = shape === 0 ? `${rand(2) ? ' ' : ''}${word}${time}` : shape === 1 ? named : `${1998 + rand(105)}${sep}${two(rand(14))}${sep}${two(rand(33))} ${time}`;
      // One in three is mangled: a space of another kind put in, a character dropped or doubled, a digit or
      // separator swapped, or something after the time (a meridiem, a weekday, a date).
      if (!rand(3)) {
        const k = rand(text.length + 1);
        const op = rand(5);
        if (op === 0) text = text.slice(0, k) + SPACES[rand(SPACES.length)] + text.slice(k);
        else if (op === 1) text = text.slice(0, k) + text.slice(k + 1);
        else if (op === 2) text = text.slice(0, k) + text.charAt(k) + text.slice(k);
        else if (op === 3) text = text.slice(0, k) + '0:-/日天'.charAt(rand(7)) + text.slice(k + 1);
        else text += [' PM', ' AM', 'pm', ' 星期五', '日', 'x', '0', ' 2026-11-20'][rand(8)];
      }
      for (const now of [NOW, LATE]) {
        for (const zone of [CN, LA]) {
          for (const hint of [null, day]) {
            const fast = parseShownTime(text, now, zone, hint);
            const general = parseShownTime(`@ ${text}`, now, zone, hint);
            if (fast !== general && wrong.length < 5) wrong.push({ text, now: now.toISOString(), zone: zone.timeZone, hint, fast, general });
            compared++;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBe(32000);
  }, 30_000);

  it('a bare time means today in the site\'s zone, asked again per zone and per instant', () => {
    // 20:30 UTC: already the 23rd in Shanghai, still the 22nd in Los Angeles.
    const late = new Date('2026-11-22T20:30:00Z');
    for (let i = 0; i < 2; i++) {
      expect(parseShownTime('09:15', late, CN)).toBe('2026-11-23T09:15:00+08:00');
      expect(parseShownTime('09:15', late, LA)).toBe('2026-11-22T09:15:00-08:00');
      expect(parseShownTime('昨天 09:15', late, CN)).toBe('2026-11-22T09:15:00+08:00');
      expect(parseShownTime('09:15', NOW, CN)).toBe('2026-11-22T09:15:00+08:00');
      expect(parseShownTime('09:15', new Date(late.getTime()), LA)).toBe('2026-11-22T09:15:00-08:00');
      // Same day, two zones with daylight saving: each its own offset (the offset kept for the last day asked is per zone).
      expect(parseShownTime('Nov 20, 2026 9:15 AM', late, LA)).toBe('2026-11-20T09:15:00-08:00');
      expect(parseShownTime('Nov 20, 2026 9:15 AM', late, { timeZone: 'America/New_York' })).toBe('2026-11-20T09:15:00-05:00');
      expect(parseShownTime('Oct 20, 2026 9:15 PM', late, { timeZone: 'America/New_York' })).toBe('2026-10-20T21:15:00-04:00');
    }
  });

  it('gives null for text that is not a time', () => {
    expect(parseShownTime('买家已付款', NOW, CN)).toBeNull();
    expect(parseShownTime('25:61', NOW, CN)).toBeNull();
  });
});

describe('effectiveUrl', () => {
  const page = (url: string, meta = 'https://mms.pinduoduo.com/chat-merchant/index.html') => {
    const dom = new JSDOM(`<meta name="xiaoer-demo-url" content="${meta}">`, { url });
    return effectiveUrl(dom.window.location as unknown as Location, dom.window.document).href;
  };
  it('uses the declared URL on the demo hosts, with the page query and hash', () => {
    expect(page('http://127.0.0.1:5178/chat/pinduoduo.html')).toBe('https://mms.pinduoduo.com/chat-merchant/index.html');
    expect(page('http://localhost:5178/chat/amazon.html?orderID=1&marketplaceID=2', 'https://sellercentral.amazon.com/messaging/contact')).toBe('https://sellercentral.amazon.com/messaging/contact?orderID=1&marketplaceID=2');
    expect(page('http://127.0.0.1:5178/chat/aliexpress.html#/window?sessionId=9', 'https://gsp.aliexpress.com/m_apps/im-chat/im')).toBe('https://gsp.aliexpress.com/m_apps/im-chat/im#/window?sessionId=9');
  });
  it('never lets a real page claim another site', () => {
    expect(page('https://evil.example.com/x')).toBe('https://evil.example.com/x');
    expect(page('http://127.0.0.1:5178/x', 'javascript:alert(1)')).toBe('http://127.0.0.1:5178/x');
    expect(page('http://127.0.0.1:5178/x', 'not a url')).toBe('http://127.0.0.1:5178/x');
  });
});

describe('labelled fields and buyer language', () => {
  it('reads labels with the value in the same or the next text node, by shape', () => {
    expect(readLabelled(['订单编号：', '261119-086421357902468', '运单号: 78812345678901', '物流公司', '中通快递'])).toEqual({ orderNumber: '261119-086421357902468', tracking: '78812345678901', carrier: '中通快递' });
    expect(readLabelled(['Tracking Number: SPXMY045512398761 (SPX Express)'])).toEqual({ tracking: 'SPXMY045512398761', carrier: 'SPX Express' });
    // The same card as React renders it: label, number, bracket, carrier and bracket each a text node of their own.
    expect(readLabelled(['Tracking Number:', 'SPXMY045512398761', '(', 'SPX Express', ')'])).toEqual({ tracking: 'SPXMY045512398761', carrier: 'SPX Express' });
    expect(readLabelled(['Tracking Number: SPXMY045512398761', '(', 'SPX Express', ')', 'Estimated delivery: Nov 25 - Nov 27'])).toEqual({ tracking: 'SPXMY045512398761', carrier: 'SPX Express', eta: 'Nov 25 - Nov 27' });
    // A bracket further on is not the carrier's.
    expect(readLabelled(['运单号：', '78812345678901', '预计送达：', '(3天)'])).toEqual({ tracking: '78812345678901', eta: '(3天)' });
    expect(readLabelled(['Buyer has paid', 'Order shipped', 'Status of my parcel?'])).toEqual({});
    expect(readLabelled(['Order No. 8187652301948826'])).toEqual({ orderNumber: '8187652301948826' });
    expect(readLabelled(['訂單編號：', 'TW2611200001'])).toEqual({ orderNumber: 'TW2611200001' });
  });
  it('guesses the buyer language from the buyer text', () => {
    expect(langOfTexts(['请问什么时候发货？'])).toBe('zh-CN');
    expect(langOfTexts(['請問什麼時候發貨？這個還有嗎'])).toBe('zh-TW');
    expect(langOfTexts(['Where is my parcel?'])).toBe('en');
    expect(langOfTexts(['👍', '123'])).toBeNull();
  });
});
