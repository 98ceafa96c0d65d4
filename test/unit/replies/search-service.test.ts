import { describe, expect, it } from 'vitest';
import { ReplySearchAnswer } from '../../../lib/messaging.ts';
import { defaultLibrary } from '../../../lib/replies/defaults.ts';
import { buildReplyIndex, searchReplies } from '../../../lib/replies/search.ts';
import { createSearchService } from '../../../lib/replies/search-service.ts';

const replies = defaultLibrary().replies;

describe('reply search service (the worker side of the sidebar search)', () => {
  it('answers with the same ranking as the in-thread search, as ids', () => {
    const service = createSearchService();
    expect(service.handle({ kind: 'library', replies })).toBeNull();
    for (const [id, query] of ['tuihuo', 'fh', '发货', 'refund'].entries()) {
      const answer = service.handle({ kind: 'search', id, query, categoryId: null, limit: 20 });
      expect(ReplySearchAnswer.safeParse(answer).success).toBe(true);
      const expected = searchReplies(buildReplyIndex(replies), query, { limit: 20 }).map((h) => h.reply.id);
      expect(answer?.hits.map((h) => h.replyId)).toEqual(expected);
      expect(answer?.id).toBe(id);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('answers a query sent after a library update against the new library', () => {
    const service = createSearchService();
    service.handle({ kind: 'library', replies });
    const renamed = replies.map((r, i) => (i === 3 ? { ...r, title: 'Zyxwv unique title' } : r));
    service.handle({ kind: 'library', replies: renamed });
    const answer = service.handle({ kind: 'search', id: 7, query: 'zyxwv', categoryId: null, limit: 5 });
    expect(answer?.hits[0]?.replyId).toBe(replies[3]!.id);
  });

  it('refuses a malformed request with a message instead of throwing, and keeps its index', () => {
    const service = createSearchService();
    service.handle({ kind: 'library', replies });
    const bad = service.handle({ kind: 'search', id: 3, query: 42, categoryId: null, limit: 5 });
    expect(bad).toMatchObject({ id: 3, hits: [], error: expect.stringContaining('Malformed') });
    expect(service.handle({ kind: 'library', replies: [{ id: '' }] })?.error).toMatch(/Malformed/);
    expect(service.handle({ kind: 'search', id: 4, query: 'fh', categoryId: null, limit: 5 })?.hits.length).toBeGreaterThan(0);
  });

  it('answers before any library arrived with no hits', () => {
    expect(createSearchService().handle({ kind: 'search', id: 1, query: 'x', categoryId: null, limit: 5 })).toEqual({ id: 1, hits: [], error: null });
  });
});
