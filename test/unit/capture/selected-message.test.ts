import { describe, expect, it } from 'vitest';
import { selectedMessage } from '../../../entrypoints/overlay.content/capture-page';

describe("selectedMessage: which messages 'save the buyer's words' keeps", () => {
  const chat = ['在吗', '赠品没收到', '好的我查一下', '赠品没收到', '亲，已补发', '谢谢', '赠品没收到'];
  it('the occurrence the agent selected, not the first one', () => {
    expect(selectedMessage(chat, '赠品没收到', 0)).toEqual({ first: 1, last: 1 });
    expect(selectedMessage(chat, '赠品没收到', 1)).toEqual({ first: 3, last: 3 });
    expect(selectedMessage(chat, '赠品没收到', 2)).toEqual({ first: 6, last: 6 });
    // Part of a message: found inside it.
    expect(selectedMessage(chat, '没收到', 2)).toEqual({ first: 6, last: 6 });
  });
  it('counts two appearances inside one message as two', () => {
    expect(selectedMessage(['好 好', '好'], '好', 1)).toEqual({ first: 0, last: 0 });
    expect(selectedMessage(['好 好', '好'], '好', 2)).toEqual({ first: 1, last: 1 });
  });
  it('a count past the messages (text outside them matched too) takes the last one holding the words', () => {
    expect(selectedMessage(chat, '赠品没收到', 9)).toEqual({ first: 6, last: 6 });
  });
  it('a selection over several messages: the longest run it contains, the newest of equal runs', () => {
    expect(selectedMessage(chat, '亲，已补发 谢谢', 0)).toEqual({ first: 4, last: 5 });
    expect(selectedMessage(['a', 'x', 'b', 'x', 'a', 'b'], 'a b', 0)).toEqual({ first: 4, last: 5 });
  });
  it('nothing for words that are in no message', () => {
    expect(selectedMessage(chat, '退款', 0)).toBeNull();
    expect(selectedMessage(chat, '', 0)).toBeNull();
  });
});
