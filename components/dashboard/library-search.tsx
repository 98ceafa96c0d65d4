/**
 * The Library filter's search: the sidebar's own (use-reply-search.ts — pinyin, initials, 简体 ⇄ 繁體,
 * in its worker), asked for every match rather than a first screen, since the filter's Select all feeds
 * Delete and Move. Renders nothing; its own chunk, as the worker glue parses with lib/messaging's zod
 * schemas, which the Library's first paint does not wait for.
 */
import { useEffect } from 'react';
import { LIBRARY_SEARCH_MAX } from '../../lib/messaging';
import type { SearchHit } from '../../lib/replies/search';
import type { Reply } from '../../lib/schema';
import { useReplySearch } from '../use-reply-search';

const NO_HITS: SearchHit[] = [];

/**
 * `pending`: the hits are not yet this query's (the worker is still indexing, or answering). The query and
 * category go back with them: the Library tells which query an answer belongs to by them, not by render order.
 */
export function LibrarySearch({ replies, query, categoryId, onHits }: { replies: Reply[]; query: string; categoryId: string | null; onHits: (hits: SearchHit[], pending: boolean, query: string, categoryId: string | null) => void }) {
  const search = useReplySearch(replies, query, categoryId, Math.min(Math.max(replies.length, 1), LIBRARY_SEARCH_MAX));
  // One empty list, not a new [] per render: each would be handed up as new hits, and re-render this again.
  const hits = search.hits.length ? search.hits : NO_HITS;
  const { pending } = search;
  useEffect(() => onHits(hits, pending, query, categoryId), [hits, pending, query, categoryId, onHits]);
  return null;
}
