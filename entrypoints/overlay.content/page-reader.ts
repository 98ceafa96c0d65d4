/**
 * Reads the page through the site adapter layer: a dedicated adapter when one
 * serves this URL, else the generic heuristics. Adapters run on demand only
 * (when the sidebar asks, or Tab expansion needs context), never at page load.
 */
import type { PageState } from '../../lib/messaging';
import type { ChatMessage, PageContext } from '../../lib/schema';
import { pickAdapter } from '../../lib/sites/registry';
import { effectiveUrl } from '../../lib/sites/demo';
import type { SiteAdapter } from '../../lib/sites/types';

export interface PageReader {
  state(): PageState;
  context(): PageContext;
  messages(): ChatMessage[];
  composer(): HTMLElement | null;
  reviewReplyBox(key: string): HTMLElement | null;
  siteId(): string;
}

export function createPageReader(): PageReader {
  let cachedHref = '';
  let picked: { adapter: SiteAdapter; kind: PageState['kind']; source: PageState['source'] } | null = null;

  const current = () => {
    const href = location.href;
    if (!picked || href !== cachedHref) {
      cachedHref = href;
      const url = effectiveUrl(location, document);
      const match = pickAdapter(url);
      picked = { adapter: match.adapter, kind: match.kind, source: match.generic ? 'generic' : 'dedicated' };
    }
    return picked;
  };

  return {
    state() {
      const { adapter, kind, source } = current();
      const reviews = kind === 'reviews' || source === 'generic' ? adapter.reviews(document).map((r) => r.review) : [];
      return {
        url: location.href,
        title: document.title,
        site: adapter.id,
        siteName: adapter.name,
        source,
        kind: reviews.length && kind === 'other' ? 'reviews' : kind,
        context: adapter.context(document),
        messageCount: kind === 'chat' || source === 'generic' ? adapter.messages(document).length : 0,
        hasComposer: adapter.composer(document) !== null,
        reviews,
      };
    },
    context: () => current().adapter.context(document),
    messages: () => current().adapter.messages(document),
    composer: () => current().adapter.composer(document),
    reviewReplyBox(key) {
      const found = current().adapter.reviews(document).find((r) => r.review.key === key);
      return found?.replyBox ?? null;
    },
    siteId: () => current().adapter.id,
  };
}
