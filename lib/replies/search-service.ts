/**
 * The reply search as a message service: holds one index, rebuilds it
 * incrementally when a new library arrives (buildReplyIndex reuses unchanged
 * replies' analysis), answers queries with reply ids. Runs inside
 * search.worker.ts; kept apart from the worker glue so it is unit-testable.
 * Messages are processed in arrival order, so a query sent after a library
 * update is answered against the new index.
 */
import { ReplySearchRequest, type ReplySearchAnswer } from '../messaging';
import { buildReplyIndex, searchReplies, type ReplyIndex } from './search';

export function createSearchService(): { handle(raw: unknown): ReplySearchAnswer | null } {
  let index: ReplyIndex | null = null;
  return {
    handle(raw) {
      const parsed = ReplySearchRequest.safeParse(raw);
      if (!parsed.success) {
        const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
        return { id, hits: [], error: `Malformed search request: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
      }
      const msg = parsed.data;
      if (msg.kind === 'library') {
        index = buildReplyIndex(msg.replies, index ?? undefined);
        return null;
      }
      if (!index) index = buildReplyIndex([]);
      const hits = searchReplies(index, msg.query, { categoryId: msg.categoryId, limit: msg.limit });
      return { id: msg.id, hits: hits.map((h) => ({ replyId: h.reply.id, score: h.score, matched: h.matched })), error: null };
    },
  };
}
