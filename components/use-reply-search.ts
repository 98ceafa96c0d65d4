/**
 * Reply search for extension pages (sidebar, popup) through the search worker:
 * the library is indexed off the main thread (10,000 replies take seconds to
 * fold and convert to pinyin), queries are answered in about a millisecond.
 * `pending` is true while the shown hits do not belong to the current query,
 * category and library yet — a keyboard action (Enter) should wait for it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ReplySearchAnswer } from '../lib/messaging';
import { browseReplies } from '../lib/replies/browse';
import type { SearchHit } from '../lib/replies/search';
import type { Reply } from '../lib/schema';
// Vite emits the worker as its own file (extension CSP allows 'self' workers, not blob: ones).
import SearchWorker from '../lib/replies/search.worker.ts?worker';

interface Channel {
  post(message: unknown): void;
}

let channel: Channel | null = null;
const listeners = new Set<(raw: unknown) => void>();
let postedLibrary: readonly Reply[] | null = null;
let nextId = 1;

/** One worker per page, started on first use. */
function getChannel(): Channel {
  if (channel) return channel;
  const deliver = (raw: unknown) => {
    for (const l of listeners) l(raw);
  };
  try {
    const worker: Worker = new SearchWorker();
    worker.onmessage = (e: MessageEvent<unknown>) => deliver(e.data);
    channel = { post: (m) => worker.postMessage(m) };
  } catch {
    // No worker (a test DOM, a locked-down page): the same service on this thread, loaded on
    // demand (it carries the pinyin dictionaries); messages wait for it in order.
    const service = import('../lib/replies/search-service').then((m) => m.createSearchService());
    channel = {
      post: (m) => {
        void service.then((s) => {
          const answer = s.handle(m);
          if (answer) deliver(answer);
        });
      },
    };
  }
  return channel;
}

interface Answered {
  replies: readonly Reply[];
  query: string;
  categoryId: string | null;
  hits: SearchHit[];
  error: string | null;
}

export function useReplySearch(replies: readonly Reply[], query: string, categoryId: string | null, limit: number) {
  const [answered, setAnswered] = useState<Answered | null>(null);
  const asked = useRef<{ id: number; replies: readonly Reply[]; query: string; categoryId: string | null } | null>(null);
  const byId = useMemo(() => new Map(replies.map((r) => [r.id, r])), [replies]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;

  useEffect(() => {
    const onAnswer = (raw: unknown) => {
      const parsed = ReplySearchAnswer.safeParse(raw);
      const ask = asked.current;
      if (!parsed.success || !ask || parsed.data.id !== ask.id) return;
      const hits: SearchHit[] = [];
      for (const h of parsed.data.hits) {
        const reply = byIdRef.current.get(h.replyId);
        if (reply) hits.push({ reply, score: h.score, matched: h.matched });
      }
      setAnswered({ replies: ask.replies, query: ask.query, categoryId: ask.categoryId, hits, error: parsed.data.error });
    };
    listeners.add(onAnswer);
    return () => {
      listeners.delete(onAnswer);
    };
  }, []);

  useEffect(() => {
    const ch = getChannel();
    if (postedLibrary !== replies) {
      ch.post({ kind: 'library', replies });
      postedLibrary = replies;
    }
    const id = nextId++;
    asked.current = { id, replies, query, categoryId };
    ch.post({ kind: 'search', id, query: query.slice(0, 500), categoryId, limit });
  }, [replies, query, categoryId, limit]);

  const current = answered !== null && answered.replies === replies && answered.query === query && answered.categoryId === categoryId;
  // Until the worker has indexed this library, the plain list (no query) needs no index.
  const browsing = useMemo(
    () => (!current && !query.trim() && (answered === null || answered.replies !== replies) ? browseReplies(replies, { categoryId, limit }) : null),
    [current, query, answered, replies, categoryId, limit],
  );
  if (browsing) return { hits: browsing, pending: false, error: null };
  return {
    /** The latest answer's hits (those of the previous query while a new one is pending: the list does not flash empty). */
    hits: answered?.hits ?? [],
    pending: !current,
    error: answered?.error ?? null,
  };
}
