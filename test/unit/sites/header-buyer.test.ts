// @vitest-environment jsdom
/**
 * The buyer a chat header names without a label ("买家甲（u102）", "buyer_8812 (id: 55102)"): read
 * above the message pane in the chat column only, never the seller's own name, a time or a count.
 */
import { describe, expect, it } from 'vitest';
import { buyerOfHeaderText, headerBuyer } from '../../../lib/sites/header-buyer';
import { genericContext } from '../../../lib/sites/generic';

describe('buyerOfHeaderText', () => {
  it.each([
    ['买家甲（u102）', '买家甲', 'u102'],
    ['buyer_8812 (id: 55102)', 'buyer_8812', '55102'],
    ['王女士 (wang_mei88)', '王女士', 'wang_mei88'],
    ['Lucas Oliveira (2206781234567)', 'Lucas Oliveira', '2206781234567'],
    ['陳小姐（會員ID：tw_8841）', '陳小姐', 'tw_8841'],
    ['aisyah.shop88 (UID 7781)', 'aisyah.shop88', '7781'],
  ])('%s → %s / %s', (text, name, id) => expect(buyerOfHeaderText(text)).toEqual({ name, id }));

  it.each([
    '10:30 (已读)', '2026-11-22 (Sun)', '昨天 (12:30)', '周日 (u102)', 'Today (3pm2)',
    '客服小林（kf_01）', '小二家居旗舰店 (shop_8821)', 'Support agent (a12)', 'Me (u77)',
    '买家乙 (3)', '消息 (12)', '买家丙 (vip)', 'Alice (edited)',
    '订单 (#4012 7788)', '订单号：(88123)', 'Order (12345678)', '在线 (u12)',
    '(u102)', '12345 (67890)', '买家甲（u102）说：这个什么时候发货？(急12)',
  ])('%s → not a buyer', (text) => expect(buyerOfHeaderText(text)).toBeNull());
});

function page(html: string): Document {
  document.body.innerHTML = html; // test markup written here, not page text
  return document;
}
const rows = (n: number) => Array.from({ length: n }, (_, i) => `<div class="im-msg from-${i % 2 ? 'seller' : 'buyer'}"><p class="im-text">m${i}</p><time>09:1${i}</time></div>`).join('');

describe('headerBuyer', () => {
  it('the header above the pane in the chat column (unknown-backend layout)', () => {
    const doc = page(`<div class="app"><aside><ul><li><span>买家乙</span><span>在吗？</span></li><li><span>买家丙（u103）</span></li></ul></aside>
      <main><header class="im-head">买家甲（u102）</header><section id="history">${rows(8)}</section><div class="im-input"><textarea id="c"></textarea></div></main></div>`);
    expect(headerBuyer(doc.getElementById('history')!, doc.getElementById('c'))).toEqual({ name: '买家甲', id: 'u102' });
  });

  it('name and id in separate elements', () => {
    const doc = page(`<main><header><span>王女士</span> <small>(wang_mei88)</small></header><ul id="history">${rows(6)}</ul><textarea id="c"></textarea></main>`);
    expect(headerBuyer(doc.getElementById('history')!, doc.getElementById('c'))).toEqual({ name: '王女士', id: 'wang_mei88' });
  });

  it('the seller\'s own account in the top bar (outside the chat column) is never read', () => {
    const doc = page(`<nav class="top"><span>小林 (lin_01)</span></nav>
      <div class="app"><aside><ul><li>buyer_1 (id: 1001)</li></ul></aside><main><header>会话</header><section id="history">${rows(8)}</section><textarea id="c"></textarea></main></div>`);
    expect(headerBuyer(doc.getElementById('history')!, doc.getElementById('c'))).toBeNull();
  });

  it('a name with an id inside the messages, or below the pane, is not a header', () => {
    const doc = page(`<main><header>对话</header><section id="history">${rows(5)}<div class="im-msg"><p>张三 (zs_2288)</p></div></section>
      <footer><span>李四 (ls_3399)</span></footer><textarea id="c"></textarea></main>`);
    expect(headerBuyer(doc.getElementById('history')!, doc.getElementById('c'))).toBeNull();
  });

  it('timestamps and the agent\'s name in the header are passed over for the buyer', () => {
    const doc = page(`<main><header><span>客服小林（kf_01）</span><span>buyer_8812 (id: 55102)</span><span>10:30 (已读)</span></header><section id="history">${rows(6)}</section><textarea id="c"></textarea></main>`);
    expect(headerBuyer(doc.getElementById('history')!, doc.getElementById('c'))).toEqual({ name: 'buyer_8812', id: '55102' });
  });
});

describe('genericContext reads an unlabelled header buyer; a labelled one still wins', () => {
  it('unlabelled', () => {
    const doc = page(`<div class="app"><aside><ul>${['甲', '乙', '丙'].map((c) => `<li class="conv"><span>买家${c}</span></li>`).join('')}</ul></aside>
      <main><header class="im-head">买家甲（u102）</header><section id="history">${rows(8)}</section><div class="im-input"><textarea id="c"></textarea></div></main></div>`);
    expect(genericContext(doc).buyer).toEqual({ name: '买家甲', id: 'u102' });
  });
  it('labelled', () => {
    const doc = page(`<main><header class="im-head">买家甲（u102）</header><aside><span>买家：</span><span>张三</span></aside><section id="history">${rows(8)}</section><textarea id="c"></textarea></main>`);
    expect(genericContext(doc).buyer.name).toBe('张三');
  });
  it('labelled with the account id in brackets after the name: the name, and the id as the id (every {buyer} reply greeted "王女士 (wang_mei88)")', () => {
    const doc = page(`<main><header class="chat-head"><span>Buyer: 王女士 (wang_mei88)</span><small>订单 #4012 7788 2931</small></header><ol id="history">${rows(6)}</ol><textarea id="c"></textarea></main>`);
    expect(genericContext(doc).buyer).toEqual({ name: '王女士', id: 'wang_mei88' });
  });
  it('labelled, a name that only looks bracketed (no account id in the brackets) is kept whole', () => {
    const doc = page(`<main><header><span>买家：Lily (VIP)</span></header><ol id="history">${rows(6)}</ol><textarea id="c"></textarea></main>`);
    expect(genericContext(doc).buyer).toEqual({ name: 'Lily (VIP)', id: null });
  });
});
