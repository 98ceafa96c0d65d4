/**
 * The reply list without a query — most used first, then most recently used,
 * then library order — computed straight from the replies. Kept apart from
 * search.ts (pinyin and Chinese-conversion dictionaries, ~400 KB) so a page can
 * show it before the search module or its worker is ready.
 */
import type { Reply } from '../schema/index.ts';
import type { SearchHit, SearchOptions } from './search.ts';
import { libraryPositions } from './library-order.ts';

/** The score of a hit that matched no query (search.ts TIER.all). */
export const BROWSE_SCORE = 1;

export function usedAtOf(r: Reply): number {
  const usedAt = r.lastUsedAt ? Date.parse(r.lastUsedAt) : Number.NEGATIVE_INFINITY;
  return Number.isNaN(usedAt) ? Number.NEGATIVE_INFINITY : usedAt;
}

/** Doc numbers, most used first, then most recently used, then library order (library-order.ts: a fresh library as seeded). */
export function usageOrder(docs: readonly { reply: Reply; usedAt: number }[]): Int32Array {
  const order = docs.map((_, n) => n);
  const pos = libraryPositions(docs.map((d) => d.reply.id));
  order.sort((a, b) => {
    const da = docs[a]!;
    const db = docs[b]!;
    return db.reply.usageCount - da.reply.usageCount || (db.usedAt > da.usedAt ? 1 : db.usedAt < da.usedAt ? -1 : 0) || pos[a]! - pos[b]!;
  });
  return Int32Array.from(order);
}

/**
 * The empty-query list in one category or all: what the sidebar shows while its
 * worker is still indexing a large library. Same order and hits as `searchReplies(index, '')`.
 */
export function browseReplies(replies: readonly Reply[], options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 50;
  const category = options.categoryId ?? null;
  const order = usageOrder(replies.map((reply) => ({ reply, usedAt: usedAtOf(reply) })));
  const hits: SearchHit[] = [];
  for (let i = 0; i < order.length && hits.length < limit; i++) {
    const reply = replies[order[i]!]!;
    if (category === null || reply.categoryId === category) hits.push({ reply, score: BROWSE_SCORE, matched: 'all' });
  }
  return hits;
}
