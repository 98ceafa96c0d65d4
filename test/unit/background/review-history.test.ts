/**
 * A saved review draft is found by the review it answers, not by the page URL it was saved on:
 * review backends put the page number in the URL (?page=2), and a review that moved to page 2
 * (new reviews arrived) must reopen the draft the seller saved for it on page 1.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { reviewsHandlers } from '../../../entrypoints/background/reviews';
import { getDb, resetDbForTests } from '../../../lib/db';
import { draftForReview, reviewIdentity } from '../../../lib/reviews/identity';
import type { PageReview } from '../../../lib/schema';

const save = reviewsHandlers['review:draft-save'];
const history = reviewsHandlers['review:history'];

const P1 = 'https://shop-admin.example.com/feedback/manage?page=1&size=20';
const P2 = 'https://shop-admin.example.com/feedback/manage?page=2&size=20';

function review(key: string, text: string): PageReview {
  return { key, rating: 1, text, buyer: 't***3', product: '陶瓷马克杯 350ml', date: '2026-11-19 12:14', sellerReply: null };
}

async function saved(url: string, r: PageReview, text: string) {
  return save({ id: null, site: 'generic', url, review: r, cause: 'logistics', variant: 'warm', lang: 'zh-CN', text });
}

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

describe('review:history', () => {
  it('finds a draft saved on page 1 when the same review (platform id) is shown on page 2', async () => {
    const r = review('rv-1004', '快递太慢了，等了十天才到');
    const d = await saved(P1, r, '亲，非常抱歉让您久等了。');
    const rows = await history({ url: P2, keys: [r.key], identities: [reviewIdentity(r)!] });
    expect(rows.map((x) => x.id)).toEqual([d.id]);
  });

  it('finds a draft saved under another key scheme by what the review shows (older drafts stay readable)', async () => {
    // Saved when the page had no ids (content fingerprint key); now the page shows its own id.
    const before = review('review-1x2y3z', '快递太慢了，等了十天才到');
    const d = await saved(P1, before, '亲，非常抱歉让您久等了。');
    const now = review('rv-1004', '快递太慢了，等了十天才到');
    const rows = await history({ url: P2, keys: [now.key], identities: [reviewIdentity(now)!] });
    expect(rows.map((x) => x.id)).toEqual([d.id]);
  });

  it('an older caller asking by URL only still gets that URL\'s drafts', async () => {
    const r = review('rv-1004', '快递太慢了，等了十天才到');
    const d = await saved(P1, r, '亲，非常抱歉让您久等了。');
    expect((await history({ url: P1 })).map((x) => x.id)).toEqual([d.id]);
  });

  it('never hands a draft to the same key on another host', async () => {
    const r = review('rv-1004', '快递太慢了，等了十天才到');
    await saved('https://other-shop.example.net/feedback?page=1', r, 'another shop\'s reply');
    expect(await history({ url: P2, keys: [r.key], identities: [reviewIdentity(r)!] })).toEqual([]);
  });

  it('a draft of another review on the same host is not returned', async () => {
    await saved(P1, review('rv-1005', 'The stand wobbles'), 'Sorry about the stand.');
    const r = review('rv-1004', '快递太慢了，等了十天才到');
    expect(await history({ url: P2, keys: [r.key], identities: [reviewIdentity(r)!] })).toEqual([]);
  });
});

describe('draftForReview', () => {
  const r = review('rv-1004', '快递太慢了，等了十天才到');
  it('by key first, else by what the review shows; newest first is kept', () => {
    const drafts = [
      { id: 'new', review: review('review-abc', '快递太慢了，等了十天才到') },
      { id: 'old', review: r },
    ];
    expect(draftForReview(drafts, r)?.id).toBe('old');
    expect(draftForReview(drafts.slice(0, 1), r)?.id).toBe('new');
    expect(draftForReview([{ id: 'x', review: review('rv-9', '别的评价') }], r)).toBeNull();
  });
  it('a wordless review with no buyer or date has no identity: only its key finds its draft', () => {
    const bare: PageReview = { key: 'rv-1', rating: 5, text: '', buyer: '', product: '', date: '', sellerReply: null };
    expect(reviewIdentity(bare)).toBeNull();
    expect(draftForReview([{ id: 'x', review: { ...bare, key: 'rv-2' } }], bare)).toBeNull();
  });
});

describe('review:open-case', () => {
  const open = reviewsHandlers['review:open-case'];
  const ask = (url: string, r: PageReview) => open({ site: 'generic', url, pageTitle: '评价管理', review: r, title: `恶意评价：${r.buyer}`, note: r.text });
  const extortion = () => review('rv-1006', '不退款就一直给差评，你们自己看着办');
  beforeEach(() => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '9.9.9' } as never);
  });

  it('a second click for the same review (the card forgot it after a reload, or on page 2) opens no second case', async () => {
    const first = await ask(P1, extortion());
    expect(first.existing).toBe(false);
    const again = await ask(P2, extortion());
    expect(again).toEqual({ ...first, existing: true });
    // Found by what the review shows when the page keyed it differently (no ids rendered yet).
    expect((await ask(P1, { ...extortion(), key: 'review-9f8e7d' })).caseId).toBe(first.caseId);
    const db = getDb();
    expect(await db.cases.count()).toBe(1);
    expect(await db.evidence.where('kind').equals('review').count()).toBe(1);
  });

  it('another review, the same review on another host, or a case since deleted gets its own case', async () => {
    const first = await ask(P1, extortion());
    expect((await ask(P1, review('rv-1017', '给我返现20元我就改好评，不然别怪我'))).existing).toBe(false);
    expect((await ask('https://other-shop.example.net/feedback', extortion())).existing).toBe(false);
    await getDb().cases.delete(first.caseId);
    const reopened = await ask(P1, extortion());
    expect(reopened.existing).toBe(false);
    expect(reopened.caseId).not.toBe(first.caseId);
  });
});
