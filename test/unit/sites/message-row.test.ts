// @vitest-environment jsdom
/**
 * The element picker's message row: pointing at one message (or at the words
 * in its bubble) teaches the rows of BOTH senders — a sender class is never
 * part of what the rows must share (chat/unknown-backend.html lost every
 * seller reply from a capture when the buyer's row was picked).
 */
import { describe, expect, it } from 'vitest';
import { findsEveryRow, messageRowOf, messageRowParts } from '../../../lib/sites/message-row';

function page(html: string): Document {
  document.body.innerHTML = html; // test markup written here, not page text
  return document;
}

const bubble = (side: string, text: string) => `<div class="im-msg from-${side}"><p class="im-text">${text}</p><time class="im-time">09:10</time></div>`;

/** The selector the picker builds from the parts (its list part found by id here). */
function selectorOf(listSelector: string, parts: ReturnType<typeof messageRowParts>): string {
  return `${listSelector} > ${parts.tag}${parts.classes.map((c) => `.${c}`).join('')}`;
}

describe('message row picked on chat/unknown-backend.html', () => {
  const HISTORY = `<section id="history">${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => bubble(i % 2 ? 'seller' : 'buyer', `m${i}`)).join('')}</section>`;

  it('the words of a buyer\'s bubble → its row; the selector finds all 8 rows, buyer\'s and seller\'s', () => {
    const doc = page(HISTORY);
    const words = doc.querySelector('#history > .im-msg:first-child .im-text')!;
    const row = messageRowOf(words);
    expect(row).toBe(doc.querySelector('#history > .im-msg:first-child'));
    const parts = messageRowParts(row);
    expect(parts.classes).toEqual(['im-msg']);
    expect(parts.rows).toHaveLength(8);
    const selector = selectorOf('#history', parts);
    expect(selector).toBe('#history > div.im-msg');
    expect(doc.querySelectorAll(selector)).toHaveLength(8);
    expect(findsEveryRow(doc, selector, parts.rows)).toBe(true);
    // What the picker saved before (a class half the rows share was kept): found the buyer's rows only.
    expect(findsEveryRow(doc, '#history > div.im-msg.from-buyer', parts.rows)).toBe(false);
  });

  it('a seller\'s row teaches the same rows', () => {
    const doc = page(HISTORY);
    const parts = messageRowParts(messageRowOf(doc.querySelector('#history > .from-seller')!));
    expect(selectorOf('#history', parts)).toBe('#history > div.im-msg');
  });

  it('a buyer\'s first questions, no reply yet: every row is from-buyer and the class is still left out', () => {
    const doc = page(`<section id="history">${bubble('buyer', '在吗？')}${bubble('buyer', '有货吗？')}${bubble('buyer', '什么时候发货？')}</section>`);
    const parts = messageRowParts(messageRowOf(doc.querySelector('#history > div')!));
    expect(parts.classes).toEqual(['im-msg']);
    // The seller's reply, rendered later, is found by the same selector.
    doc.querySelector('#history')!.insertAdjacentHTML('beforeend', bubble('seller', '在的'));
    expect(doc.querySelectorAll(selectorOf('#history', parts))).toHaveLength(4);
  });

  it('a day divider of the same tag is not a row', () => {
    const doc = page(`<section id="history"><div class="im-divider">2026-11-22</div>${bubble('buyer', 'a')}${bubble('seller', 'b')}</section>`);
    const parts = messageRowParts(messageRowOf(doc.querySelector('.from-buyer .im-text')!));
    expect(parts.rows.map((r) => r.className)).toEqual(['im-msg from-buyer', 'im-msg from-seller']);
    expect(doc.querySelectorAll(selectorOf('#history', parts))).toHaveLength(2);
  });
});

describe('other row shapes', () => {
  it('rows told apart by sender classes alone (li.left / li.right): the selector needs no class', () => {
    const doc = page('<ol id="m"><li class="left">a</li><li class="right">b</li><li class="left">c</li></ol>');
    const parts = messageRowParts(messageRowOf(doc.querySelector('li.left')!));
    expect(parts.classes).toEqual([]);
    expect(parts.rows).toHaveLength(3);
    expect(selectorOf('#m', parts)).toBe('#m > li');
  });

  it('one buyer message and one reply: the buyer\'s row is still found as a row (its kind, not its sender)', () => {
    const doc = page(`<section id="history">${bubble('buyer', 'a')}${bubble('seller', 'b')}</section>`);
    expect(messageRowOf(doc.querySelector('.from-buyer time')!)).toBe(doc.querySelector('.from-buyer'));
  });

  it('composers/textarea.html rows (li.msg.buyer / li.msg.seller) keep .msg', () => {
    const doc = page('<ol class="messages"><li class="msg buyer">a<time>1</time></li><li class="msg seller">b<time>2</time></li><li class="msg buyer">c<time>3</time></li></ol>');
    const parts = messageRowParts(messageRowOf(doc.querySelector('li.seller')!));
    expect(parts.classes).toEqual(['msg']);
    expect(parts.rows).toHaveLength(3);
  });

  it('a bubble\'s text and time (span.text / span.time) are not rows: the pick walks up to the message', () => {
    const doc = page('<ul id="m"><li class="item mine"><span class="text">a</span><span class="time">1</span></li><li class="item other"><span class="text">b</span><span class="time">2</span></li></ul>');
    const row = messageRowOf(doc.querySelector('li.mine .text')!);
    expect(row).toBe(doc.querySelector('li.mine'));
    expect(messageRowParts(row).classes).toEqual(['item']);
  });

  it('a bubble of two classless <p> (two lines of one message): the pick is the bubble\'s row, not a line', () => {
    const twoLines = (side: string, a: string, b: string) => `<div class="im-msg from-${side}"><div class="im-bubble"><p>${a}</p><p>${b}</p></div><time>09:10</time></div>`;
    const doc = page(`<section id="history">${twoLines('buyer', '在吗？', '想问下尺码')}${bubble('seller', '在的')}${twoLines('buyer', '好的', '谢谢')}</section>`);
    for (const p of [doc.querySelector('.from-buyer p')!, doc.querySelector('.from-buyer p:last-child')!]) {
      const row = messageRowOf(p);
      expect(row).toBe(doc.querySelector('#history > .im-msg:first-child'));
      const parts = messageRowParts(row);
      expect(parts.rows).toHaveLength(3);
      expect(selectorOf('#history', parts)).toBe('#history > div.im-msg');
    }
    // Rows told apart by position alone (classless bubbles, classless lines) are still found as rows.
    const plain = page('<ul id="m"><li><p>a</p><p>b</p></li><li><p>c</p></li><li><p>d</p><p>e</p></li></ul>');
    expect(messageRowOf(plain.querySelector('li p')!)).toBe(plain.querySelector('li'));
  });

  it('classless <p> rows directly in the pane are still rows', () => {
    const doc = page('<div id="chat"><p>a</p><p>b</p><p>c</p></div>');
    expect(messageRowOf(doc.querySelector('#chat p')!)).toBe(doc.querySelector('#chat p'));
  });

  it('state and generated classes are never required', () => {
    const doc = page('<ul id="m"><li class="msg is-new css-1x9f3a2">a</li><li class="msg">b</li></ul>');
    expect(messageRowParts(doc.querySelector('li')!).classes).toEqual(['msg']);
  });

  it('an invalid selector finds nothing', () => {
    const doc = page('<ul><li>a</li></ul>');
    expect(findsEveryRow(doc, 'li[[[', [doc.querySelector('li')!])).toBe(false);
  });
});
