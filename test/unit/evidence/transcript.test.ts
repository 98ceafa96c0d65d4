// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../lib/schema';
import { messagesCanonicalJson, transcriptHtml, transcriptText, type TranscriptMeta } from '../../../lib/evidence/transcript';
import { escapeHtml } from '../../../lib/evidence/html';
import { XSS } from './xss-corpus';


const ALLOWED_TAGS = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'H1', 'TABLE', 'TBODY', 'TR', 'TH', 'TD', 'ARTICLE', 'HEADER', 'TIME', 'SPAN', 'P', 'UL', 'LI']);

function meta(v: string): TranscriptMeta {
  return { evidenceId: v, seq: 3, buyerName: v, buyerId: v, orderId: v, site: v, url: v, title: v, capturedAt: v };
}

function messagesWith(v: string): ChatMessage[] {
  return [
    { platformId: v, sender: 'buyer', timeText: v, timeIso: v, text: v, images: [v, `https://img.example.com/a.jpg?${v}`] },
    { platformId: null, sender: 'seller', timeText: '10:02', timeIso: null, text: `亲，${v}\n第二行`, images: [] },
    { platformId: null, sender: 'system', timeText: '', timeIso: null, text: v, images: [] },
  ];
}

function assertInert(html: string): Document {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe|<object|<embed|<svg|<math|<form|<base|<img/i);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    expect(ALLOWED_TAGS.has(el.tagName), `unexpected element <${el.tagName}>`).toBe(true);
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.toLowerCase().startsWith('on'), `event handler attribute ${attr.name}`).toBe(false);
      expect(attr.value.replace(/\s/g, '').toLowerCase()).not.toContain('javascript:');
    }
  }
  // Exactly one <meta http-equiv> and it is ours (the CSP), not an injected refresh.
  const httpEquiv = Array.from(doc.querySelectorAll('meta[http-equiv]'));
  expect(httpEquiv.map((m) => m.getAttribute('http-equiv'))).toEqual(['Content-Security-Policy']);
  return doc;
}

describe('transcriptHtml', () => {
  it.each(XSS)('renders payload %s as inert text in every field', (payload) => {
    for (const [lang, version] of [['zh-CN', 1], ['en', 1], ['zh-CN', 2], ['en', 2]] as const) {
      const html = transcriptHtml(messagesWith(payload), meta(payload), lang, version);
      const doc = assertInert(html);
      // The payload survives as exact text: the buyer's own words are the evidence.
      const texts = Array.from(doc.querySelectorAll('.msg .text')).map((p) => p.textContent);
      expect(texts[0]).toBe(payload);
      expect(texts[1]).toBe(`亲，${payload}\n第二行`);
      expect(doc.title).toContain(payload);
      const cells = Array.from(doc.querySelectorAll('table.meta td')).map((td) => td.textContent);
      expect(cells).toContain(payload);
      const urls = Array.from(doc.querySelectorAll('.images .url')).map((s) => s.textContent);
      expect(urls).toEqual([payload, `https://img.example.com/a.jpg?${payload}`]);
    }
  });

  it('carries a CSP that forbids scripts', () => {
    const doc = new DOMParser().parseFromString(transcriptHtml([], meta('x'), 'en', 1), 'text/html');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
  });

  it('labels senders by language', () => {
    const zh = new DOMParser().parseFromString(transcriptHtml(messagesWith('x'), meta('x'), 'zh-CN', 1), 'text/html');
    expect(Array.from(zh.querySelectorAll('.sender')).map((s) => s.textContent)).toEqual(['买家', '卖家', '系统']);
    expect(zh.documentElement.lang).toBe('zh-CN');
    const en = new DOMParser().parseFromString(transcriptHtml(messagesWith('x'), meta('x'), 'en', 1), 'text/html');
    expect(Array.from(en.querySelectorAll('.sender')).map((s) => s.textContent)).toEqual(['Buyer', 'Seller', 'System']);
    expect(en.querySelector('table.meta')?.textContent).toContain('Captured at');
  });

  it('shows the date a relative time stands for ("昨天 16:26"), as the text transcript does', () => {
    const msgs: ChatMessage[] = [
      { platformId: null, sender: 'buyer', timeText: '昨天 16:26', timeIso: '2026-11-22T16:26:00+08:00', text: '赠品没收到', images: [] },
      { platformId: null, sender: 'seller', timeText: '2026-11-23T09:00:00+08:00', timeIso: '2026-11-23T09:00:00+08:00', text: '已补发', images: [] },
    ];
    const doc = new DOMParser().parseFromString(transcriptHtml(msgs, meta('x'), 'zh-CN', 1), 'text/html');
    const heads = Array.from(doc.querySelectorAll('.msg header')).map((h) => h.textContent);
    expect(heads[0]).toBe('昨天 16:26 (2026-11-22T16:26:00+08:00) · 买家');
    // A time shown as the page wrote it already: not twice.
    expect(heads[1]).toBe('2026-11-23T09:00:00+08:00 · 卖家');
    expect(transcriptText(msgs, meta('x'), 'zh-CN', 1)).toContain('[昨天 16:26] (2026-11-22T16:26:00+08:00) 买家');
  });
});

describe('version 2 rendering (what a reviewer reads)', () => {
  // The schema keeps an image address to 4,000 characters: a small photo pasted into the chat.
  const photo = `data:image/jpeg;base64,${'A'.repeat(3_600)}`;
  const msgs: ChatMessage[] = [
    { platformId: null, sender: 'buyer', timeText: '昨天 16:26', timeIso: '2026-11-22T16:26:00+08:00', text: '收到的是坏的', images: [photo, 'https://img.example.com/1.jpg'] },
  ];
  const m: TranscriptMeta = { ...meta('x'), site: 'pinduoduo', url: 'https://mms.pinduoduo.com/chat-merchant/', capturedAt: '2026-11-23T10:05:00.123+08:00' };

  it('names the marketplace, shows times on the seller\'s clock with the zone, and a pasted photo by type and size', () => {
    const doc = new DOMParser().parseFromString(transcriptHtml(msgs, m, 'zh-CN', 2), 'text/html');
    const rows = new Map(Array.from(doc.querySelectorAll('table.meta tr')).map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    expect(rows.get('平台')).toBe('拼多多 Pinduoduo');
    expect(rows.get('采集时间')).toBe('2026-11-23 10:05:00 (UTC+08:00)');
    expect(doc.querySelector('.msg header')!.textContent).toBe('昨天 16:26 (2026-11-22 16:26:00 (UTC+08:00)) · 买家');
    // The machine-readable time stays ISO.
    expect(doc.querySelector('.msg time')!.getAttribute('datetime')).toBe('2026-11-22T16:26:00+08:00');
    const urls = Array.from(doc.querySelectorAll('.images .url')).map((s) => s.textContent);
    expect(urls).toEqual(['内嵌图片（image/jpeg，2700 字节，完整数据见 messages.json）', 'https://img.example.com/1.jpg']);
    expect(doc.body.textContent).not.toContain('AAAA');
    const txt = transcriptText(msgs, m, 'en', 2);
    expect(txt).toContain('Marketplace: 拼多多 Pinduoduo');
    expect(txt).toContain('  Images: embedded image (image/jpeg, 2700 bytes; the full data is in messages.json)');
    expect(txt).not.toContain('AAAA');
  });

  it('a page read by the generic reader is named by its host; an id it does not know stays as it is', () => {
    const generic = transcriptText([], { ...m, site: 'generic', url: 'https://seller.example.com:8443/im?x=1' }, 'en', 2);
    expect(generic).toContain('Marketplace: seller.example.com:8443');
    expect(transcriptText([], { ...m, site: 'my-shop', url: 'not a url' }, 'en', 2)).toContain('Marketplace: my-shop');
  });

  it('version 1 shows what it always showed (bundles already exported verify against it)', () => {
    const txt = transcriptText(msgs, m, 'zh-CN', 1);
    expect(txt).toContain('平台: pinduoduo');
    expect(txt).toContain('采集时间: 2026-11-23T10:05:00.123+08:00');
    expect(txt).toContain(`  图片: ${photo}`);
  });
});

describe('transcriptText', () => {
  it('writes time, sender, exact text and image URLs per message; text lines cannot pose as headers', () => {
    const msgs: ChatMessage[] = [
      { platformId: '1', sender: 'buyer', timeText: '2026-11-22 10:01', timeIso: '2026-11-22T10:01:00+08:00', text: '不退款就差评\n[10:02] 卖家\n  缩进', images: ['https://img.example.com/1.jpg'] },
      { platformId: '2', sender: 'seller', timeText: '10:03', timeIso: null, text: '您的意思是退款后就不会给差评了吗？', images: [] },
    ];
    const txt = transcriptText(msgs, { ...meta('m'), buyerName: '小王\n[10:00] 卖家', url: 'https://qn.taobao.com/x' }, 'zh-CN', 1);
    const lines = txt.split('\n');
    expect(lines[0]).toBe('聊天记录');
    expect(lines).toContain('买家: 小王 [10:00] 卖家');
    expect(lines).toContain('[2026-11-22 10:01] (2026-11-22T10:01:00+08:00) 买家');
    expect(lines).toContain('  不退款就差评');
    expect(lines).toContain('  [10:02] 卖家');
    expect(lines).toContain('    缩进');
    expect(lines).toContain('  图片: https://img.example.com/1.jpg');
    expect(lines).toContain('[10:03] 卖家');
    // Headers are the only flush-left lines after the separator.
    const body = lines.slice(lines.indexOf('-'.repeat(40)) + 1).filter((l) => l && !l.startsWith('  '));
    expect(body).toEqual(['[2026-11-22 10:01] (2026-11-22T10:01:00+08:00) 买家', '[10:03] 卖家']);
    // Exact text recoverable.
    const start = lines.indexOf('  不退款就差评');
    expect(lines.slice(start, start + 3).map((l) => l.slice(2)).join('\n')).toBe(msgs[0]!.text);
  });

  it('uses English labels and marks empty transcripts', () => {
    const txt = transcriptText([], meta('x'), 'en', 1);
    expect(txt).toContain('Chat transcript');
    expect(txt).toContain('(no messages)');
    expect(txt).toContain('Messages: 0');
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });
  it('messagesCanonicalJson keeps only page fields, in order', () => {
    const s = messagesCanonicalJson([{ platformId: null, sender: 'buyer', timeText: 't', timeIso: null, text: 'a', images: [] }]);
    expect(s).toBe('[{"images":[],"platformId":null,"sender":"buyer","text":"a","timeIso":null,"timeText":"t"}]');
  });
});
