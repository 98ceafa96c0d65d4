// @vitest-environment jsdom
/**
 * Taught site profiles: the JSON file format (strict, all-or-nothing, the bad
 * place named) and the adapter built from a profile (selectors first, generic
 * heuristics for what was not taught or no longer matches).
 */
import { describe, expect, it } from 'vitest';
import { generic } from '../../../lib/sites/generic';
import { pickedBuyer, pickedValue, taughtAdapter } from '../../../lib/sites/picked';
import { PROFILES_FORMAT, parseProfiles, parseProfilesBytes, serialiseProfiles } from '../../../lib/sites/profile-transfer';
import { zipSync } from 'fflate';
import { SiteProfile } from '../../../lib/schema';
import { refusalText } from '../../../lib/backup/refusal';

const NOW = '2026-11-22T10:00:00.000Z';
function profile(over: Partial<SiteProfile> = {}): SiteProfile {
  return { host: 'erp.example.com', name: '', composer: null, messagePane: null, messageRow: null, buyerName: null, orderNumber: null, reviewRow: null, createdAt: NOW, updatedAt: NOW, ...over };
}

describe('profiles file', () => {
  it('round-trips, sorted by host', () => {
    const a = profile({ host: 'b.example.com', composer: '#reply' });
    const b = profile({ host: 'a.example.com', orderNumber: '.order > span' });
    const text = serialiseProfiles([a, b]);
    expect(JSON.parse(text)).toMatchObject({ format: PROFILES_FORMAT, version: 1 });
    const back = parseProfiles(text);
    expect(back).toEqual({ ok: true, profiles: [b, a] });
  });

  it('refuses a ZIP (a backup picked by mistake) as a ZIP in every language, not as a file that is not UTF-8', () => {
    const res = parseProfilesBytes(zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"xiaoer.backup"}') }));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toContain('ZIP archive');
    expect(res.error).not.toContain('UTF-8');
    expect(refusalText('zh-CN', res.refusal)).toContain('ZIP 压缩包');
    expect(refusalText('zh-TW', res.refusal)).toContain('ZIP 壓縮檔');
  });

  it('refuses a bad file whole and names the place', () => {
    const good = profile({ host: 'a.example.com' });
    const bad = { ...profile({ host: 'b.example.com' }), composer: 42 };
    const res = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [good, bad] }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/^profiles\[1\]\.composer: /);
  });

  it('refuses a date that is not a date and time (the Sites view threw "Invalid time value" on it)', () => {
    const res = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [profile({ createdAt: '2026-11-01', updatedAt: 'yesterday' })] }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/^profiles\[0\]\.createdAt: /);
    const later = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [profile({ updatedAt: 'yesterday' })] }));
    expect(later.ok).toBe(false);
    if (!later.ok) expect(later.where).toBe('profiles[0].updatedAt');
    // The shape of a time with no such day is refused too.
    expect(SiteProfile.safeParse(profile({ updatedAt: '2026-13-45T99:00:00+08:00' })).success).toBe(false);
    expect(SiteProfile.safeParse(profile()).success).toBe(true);
  });

  it('refuses a selector that is not CSS, naming the profile and field (where a DOM parses it: the dashboard)', () => {
    const res = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [profile({ host: 'a.example.com', composer: '#ok' }), profile({ host: 'b.example.com', composer: '#reply', messagePane: 'div[[[' })] }));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toBe('profiles[1].messagePane: "div[[[" is not a CSS selector');
      // Said in the seller's language, the field path and the selector as in the file.
      expect(refusalText('zh-CN', res.refusal)).toBe('字段 profiles[1].messagePane：“div[[[”不是 CSS 选择器');
      expect(refusalText('zh-TW', res.refusal)).toBe('欄位 profiles[1].messagePane：「div[[[」不是 CSS 選擇器');
    }
  });

  it.each([
    ['not JSON', '{', /^line 1, column 2: the file ends too early/],
    ['another format', JSON.stringify({ format: 'xiaoer.replies', version: 1, profiles: [] }), /^format:/],
    ['a newer version', JSON.stringify({ format: PROFILES_FORMAT, version: 2, profiles: [] }), /^version: 2 is newer/],
    ['an extra top-level key', JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [], x: 1 }), /^\(file\)|x/],
    ['a duplicate host', JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [profile(), profile()] }), /^profiles\[1\]\.host: .* twice/],
    ['a host that is a URL', JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [profile({ host: 'https://erp.example.com/x' })] }), /^profiles\[0\]\.host: .*not a host/],
    ['a missing field', JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [{ host: 'a.example.com' }] }), /^profiles\[0\]\./],
  ])('refuses %s', (_what, text, error) => {
    const res = parseProfiles(text);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(error);
  });
});

describe('pickedValue', () => {
  it.each([
    ['订单号：3390015524437781290', 'orderNumber', '3390015524437781290'],
    // A label the page reader does not know ("编号" names no order) is taken off; the value stays as shown.
    ['编号 #4012 7788 2931', 'orderNumber', '4012 7788 2931'],
    // "订单 #…" is an order label the reader knows (labels.ts): read as "订单号：…" is, blanks out.
    ['订单 #4012 7788 2931', 'orderNumber', '401277882931'],
    ['  8187652301948826 ', 'orderNumber', '8187652301948826'],
    ['Buyer: 王女士 (wang_mei88)', 'buyerName', '王女士 (wang_mei88)'],
    ['买家：tb80317542', 'buyerName', 'tb80317542'],
    ['lily_0927', 'buyerName', 'lily_0927'],
    ['', 'buyerName', null],
  ] as const)('%s → %s', (text, field, value) => {
    expect(pickedValue(text, field)).toBe(value);
  });
});

describe('pickedBuyer', () => {
  it.each([
    // The account id in brackets after the name is the id, not part of the name {buyer} greets with.
    ['Buyer: 王女士 (wang_mei88)', { name: '王女士', id: 'wang_mei88' }],
    ['买家：小鱼儿（fish_88）', { name: '小鱼儿', id: 'fish_88' }],
    ['买家：tb80317542', { name: 'tb80317542', id: null }],
    // Words in brackets are not an id.
    ['Anna (VIP 客户)', { name: 'Anna (VIP 客户)', id: null }],
    ['', null],
  ] as const)('%s', (text, value) => {
    expect(pickedBuyer(text)).toEqual(value);
  });
});

function page(html: string): Document {
  document.body.innerHTML = html; // test markup written here, not page text
  return document;
}

// The header's number is one the heuristics cannot read ("编号" names no order), so a taught selector
// is seen to win over them, and the heuristics are seen to read the order card's "订单号" instead.
const CHAT = `
<header class="head"><span class="who">Buyer: 王女士</span><small class="ord">编号 #4012 7788 2931</small></header>
<div class="orders"><p>订单号：1111222233334444</p></div>
<ol class="msgs">
  <li class="m left" data-id="a1">你好，有M码吗？<time>10:12</time></li>
  <li class="m right" data-id="a2">有的<time>10:13</time></li>
  <li class="m left" data-id="a3">好的<time>10:14</time></li>
</ol>
<textarea id="reply"></textarea><textarea id="notes"></textarea>`;

describe('taughtAdapter', () => {
  it('reads the taught parts through their selectors', () => {
    const doc = page(CHAT);
    const a = taughtAdapter(profile({ composer: '#reply', messageRow: 'ol.msgs > li.m', buyerName: '.who', orderNumber: '.ord', name: 'My ERP' }), generic);
    expect(a.name).toBe('My ERP');
    expect(a.id).toBe('generic');
    expect(a.composer(doc)?.id).toBe('reply');
    const ctx = a.context(doc);
    expect(ctx.buyer.name).toBe('王女士');
    expect(ctx.order.number).toBe('4012 7788 2931');
    const msgs = a.messages(doc);
    expect(msgs.map((m) => [m.platformId, m.text, m.timeText, m.sender])).toEqual([
      ['a1', '你好，有M码吗？', '10:12', 'buyer'],
      ['a2', '有的', '10:13', 'seller'],
      ['a3', '好的', '10:14', 'buyer'],
    ]);
    expect(a.messagePane(doc)?.className).toBe('msgs');
  });

  it('falls back to the heuristics for parts not taught or no longer found, and survives a broken selector', () => {
    const doc = page(CHAT);
    const a = taughtAdapter(profile({ composer: '#gone', orderNumber: '::not a selector((', buyerName: null }), generic);
    expect(a.composer(doc)).toBe(generic.composer(doc));
    expect(a.context(doc).order.number).toBe(generic.context(doc).order.number);
    expect(a.context(doc).order.number).toBe('1111222233334444');
    expect(a.messages(doc)).toEqual(generic.messages(doc));
  });

  it('reads rows from a taught pane without a row selector', () => {
    const doc = page(CHAT);
    const a = taughtAdapter(profile({ messagePane: 'ol.msgs' }), generic);
    expect(a.messages(doc).map((m) => m.text)).toEqual(['你好，有M码吗？', '有的', '好的']);
  });
});
