// @vitest-environment jsdom
// Keys the overlay's base held after a Tab typed before the core was ready (early-tab.ts) reach the
// fill-in form as if they had been typed while the form was on its way: same fields, Backspace, Enter.
import { afterEach, describe, expect, it } from 'vitest';
import { createTypeAhead } from '../../../entrypoints/overlay.content/type-ahead';

const keys = (...ks: string[]) => ks.map((k) => (k === 'S-Tab' ? { key: 'Tab', shift: true } : { key: k, shift: false }));

describe('type-ahead replay of keys held before the core was ready', () => {
  const typeAhead = createTypeAhead();
  afterEach(() => typeAhead.dispose());

  it('splits fields on Tab, applies Backspace, and keeps Enter as the insert', async () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    typeAhead.start(box);
    typeAhead.replay(keys('H', 'a', 'p', 'y', 'Backspace', 'p', 'y', ' ', 'S', 'h', 'o', 'p', 'Tab', 'L', 'i', 'Enter'));
    expect(await typeAhead.take()).toEqual({ fields: ['Happy Shop', 'Li'], submit: true, inChatBox: '' });
  });

  it('holds nothing once the hold is over, and ignores keys the form does not take', async () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    typeAhead.replay(keys('x'));
    expect(await typeAhead.take()).toEqual({ fields: [], submit: false, inChatBox: '' });
    typeAhead.start(box);
    typeAhead.replay(keys('a', 'ArrowLeft', 'S-Tab', 'b'));
    expect(await typeAhead.take()).toEqual({ fields: ['ab'], submit: false, inChatBox: '' });
  });
});
