import { describe, expect, it } from 'vitest';
import { selectionHasOthersWords } from '../../../lib/evidence/words';

describe("save the buyer's words: whose words the selection holds", () => {
  const chat = [{ sender: 'buyer' }, { sender: 'seller' }, { sender: 'buyer' }, { sender: 'system' }, { sender: 'buyer' }] as const;
  const at = (first: number, last: number) => ({ messages: chat, selected: { first, last }, sendersRead: true });
  it("the buyer's message alone is the buyer's words", () => {
    expect(selectionHasOthersWords(at(0, 0))).toBe(false);
    expect(selectionHasOthersWords(at(4, 4))).toBe(false);
  });
  it("the seller's or the platform's message is refused, and so is a selection running from the buyer's into it", () => {
    expect(selectionHasOthersWords(at(1, 1))).toBe(true);
    expect(selectionHasOthersWords(at(3, 3))).toBe(true);
    expect(selectionHasOthersWords(at(0, 1))).toBe(true);
    expect(selectionHasOthersWords(at(2, 4))).toBe(true);
  });
  it('not refused when the senders are guessed (generic reader, taught profile) or the selection matched no message', () => {
    expect(selectionHasOthersWords({ ...at(1, 1), sendersRead: false })).toBe(false);
    expect(selectionHasOthersWords({ messages: chat, selected: null, sendersRead: true })).toBe(false);
    expect(selectionHasOthersWords({ messages: [], selected: null, sendersRead: false })).toBe(false);
  });
});
