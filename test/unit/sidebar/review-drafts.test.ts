import { describe, expect, it } from 'vitest';
import { followSettings, type CardDraft } from '../../../components/sidebar/review-drafts.ts';

const then = { warm: 'warm — 客服', brief: 'brief — 店铺客服', formal: 'formal 本店客服中心 敬上' };
const now = { warm: 'warm — 小猫杂货铺 客服小美', brief: 'brief — 小猫杂货铺', formal: 'formal 小猫杂货铺客服中心 小美 敬上' };

describe('followSettings', () => {
  it('gives the variants nobody typed in the draft made with the settings saved since', () => {
    const draft: CardDraft = { texts: { ...then }, base: then, variant: 'brief', draftId: 'rd-1' };
    expect(followSettings(draft, now)).toEqual({ texts: now, base: now, variant: 'brief', draftId: 'rd-1' });
  });

  it('keeps what the agent typed, in the variant they typed it in', () => {
    const draft: CardDraft = { texts: { ...then, warm: '亲，已为您补发 — 客服' }, base: then, variant: 'warm', draftId: null };
    const next = followSettings(draft, now);
    expect(next.texts).toEqual({ warm: '亲，已为您补发 — 客服', brief: now.brief, formal: now.formal });
    // The edit stays an edit against the new drafts too.
    expect(followSettings(next, now)).toBe(next);
  });

  it('is the same draft while the settings have not changed', () => {
    const draft: CardDraft = { texts: { ...then, formal: 'mine' }, base: then, variant: 'formal', draftId: null };
    expect(followSettings(draft, { ...then })).toBe(draft);
  });
});
