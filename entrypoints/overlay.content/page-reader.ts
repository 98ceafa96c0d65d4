/**
 * Reads the page through the site adapter layer: a dedicated adapter when one
 * serves this URL, else a profile the seller taught for this host (element
 * picker), else the generic heuristics. Adapters run on demand only (when the
 * sidebar asks, or Tab expansion needs context), never at page load. state()
 * is what the sidebar shows (site, kind, context) without the message count:
 * messageCount() counts messages (adapter.messageCount), asked when the page
 * is idle (core.ts); messages() parses them, for whoever asks (capture, the
 * sidebar's evidence tab).
 *
 * The agent's corrections (Page tab) override the adapter's values for the
 * conversation on screen only: they are keyed by site + buyer + URL path as the
 * adapter reads them, and dropped as soon as the page shows another conversation.
 */
import type { CorrectableField, PageState } from '../../lib/messaging';
import type { ChatMessage, PageContext, SiteProfile } from '../../lib/schema';
import { pickAdapter } from '../../lib/sites/registry';
import { effectiveUrl } from '../../lib/sites/demo';
import { taughtAdapter, teachesAnything } from '../../lib/sites/picked';
import { releaseRowMemos } from '../../lib/sites/dom';
import { declaredReviewLang } from '../../lib/reviews/page-lang';
import type { SiteAdapter } from '../../lib/sites/types';

export interface PageReader {
  /** The page as the sidebar shows it; messageCount is null (see messageCount()). */
  state(): PageState;
  /** The page's kind as state() says it, without the rest (context, composer; reviews only on an unnamed page). */
  kind(): PageState['kind'];
  /** Messages on screen, counted without parsing them. */
  messageCount(): number;
  context(): PageContext;
  messages(): ChatMessage[];
  composer(): HTMLElement | null;
  messagePane(): HTMLElement | null;
  reviewReplyBox(key: string): HTMLElement | null;
  /** The review's row on the page (where its own 回复 / Reply link is). */
  reviewRow(key: string): HTMLElement | null;
  /** Stop the adapters' row observers (the content script is invalidated). */
  dispose(): void;
  siteId(): string;
  /** How the page is read: a dedicated adapter (senders from the platform's markup), a taught profile or the generic reader (senders guessed). */
  source(): PageState['source'];
  /** The host profiles are keyed by (the demo marketplace: the real host its page stands for). */
  host(): string;
  /** Use (or drop) a taught profile; true when it is for the host on screen. */
  setProfile(host: string, profile: SiteProfile | null): boolean;
  /** Correct one context value for this conversation (null: back to what the page shows). */
  correct(field: CorrectableField, value: string | null): void;
}

type Corrections = Partial<Record<CorrectableField, string>>;

function applyCorrections(ctx: PageContext, c: Corrections): PageContext {
  return {
    buyer: { ...ctx.buyer, name: c.buyerName ?? ctx.buyer.name },
    order: { ...ctx.order, number: c.orderNumber ?? ctx.order.number, product: c.product ?? ctx.order.product, amount: c.amount ?? ctx.order.amount },
    tracking: { ...ctx.tracking, number: c.trackingNumber ?? ctx.tracking.number, carrier: c.carrier ?? ctx.tracking.carrier },
    buyerLang: ctx.buyerLang,
  };
}

export function createPageReader(): PageReader {
  let cachedHref = '';
  let picked: { adapter: SiteAdapter; kind: PageState['kind']; source: PageState['source']; host: string } | null = null;
  let profile: SiteProfile | null = null;
  let corrections: { key: string; values: Corrections } | null = null;

  const current = () => {
    const href = location.href;
    if (!picked || href !== cachedHref) {
      cachedHref = href;
      const url = effectiveUrl(location, document);
      const match = pickAdapter(url);
      // Dedicated adapters win over a taught profile: they know the page's own structure.
      const taught = match.generic && profile && profile.host === url.hostname && teachesAnything(profile);
      picked = taught
        ? { adapter: taughtAdapter(profile!, match.adapter), kind: match.kind, source: 'taught', host: url.hostname }
        : { adapter: match.adapter, kind: match.kind, source: match.generic ? 'generic' : 'dedicated', host: url.hostname };
    }
    return picked;
  };

  /** The adapter's context with this conversation's corrections (others' are dropped). */
  const corrected = (adapter: SiteAdapter): { context: PageContext; fields: CorrectableField[] } => {
    const raw = adapter.context(document);
    if (!corrections) return { context: raw, fields: [] };
    if (corrections.key !== conversationKey(adapter, raw)) {
      corrections = null;
      return { context: raw, fields: [] };
    }
    return { context: applyCorrections(raw, corrections.values), fields: Object.keys(corrections.values) as CorrectableField[] };
  };

  /** An unnamed page (kind 'other') with reviews on it is a review list. */
  const kindOf = (kind: PageState['kind'], reviewsFound: number): PageState['kind'] => (reviewsFound && kind === 'other' ? 'reviews' : kind);

  return {
    state() {
      const { adapter, kind, source } = current();
      // Reviews on review pages, and on pages the heuristics cannot name (their reviews make them
      // a review page); never on a chat page, where a scan of every element found none anyway.
      const found = kind === 'reviews' || (source !== 'dedicated' && kind === 'other') ? adapter.reviews(document) : [];
      const reviews = found.map((r) => r.review);
      const { context, fields } = corrected(adapter);
      return {
        url: location.href,
        title: document.title,
        site: adapter.id,
        // An unnamed backend is named by its host: the source ('generic', shown in the UI's language) says how it is read.
        siteName: adapter.id === 'generic' ? location.hostname || adapter.name : adapter.name,
        source,
        kind: kindOf(kind, reviews.length),
        context,
        // Counted apart (messageCount()): on a conversation just opened with 2,000 rows, reading
        // every row's text costs more than the context itself, and the buyer must show first.
        messageCount: null,
        hasComposer: adapter.composer(document) !== null,
        reviews,
        reviewsLang: found.length ? declaredReviewLang(found.map((r) => r.element)) : null,
        corrected: fields,
      };
    },
    kind() {
      const { adapter, kind, source } = current();
      // state()'s review scan, only where it can change the kind: a page the heuristics cannot name.
      return source !== 'dedicated' && kind === 'other' ? kindOf(kind, adapter.reviews(document).length) : kind;
    },
    messageCount() {
      const { adapter, kind, source } = current();
      // Counted, not parsed: this runs after every batched DOM change while the sidebar is open;
      // messages are parsed only when asked for (capture, the evidence tab: messages()).
      return kind === 'chat' || source !== 'dedicated' ? adapter.messageCount(document) : 0;
    },
    context: () => corrected(current().adapter).context,
    messages: () => current().adapter.messages(document),
    composer: () => current().adapter.composer(document),
    messagePane: () => current().adapter.messagePane(document),
    reviewReplyBox(key) {
      const found = current().adapter.reviews(document).find((r) => r.review.key === key);
      return found?.replyBox ?? null;
    },
    reviewRow: (key) => current().adapter.reviews(document).find((r) => r.review.key === key)?.element ?? null,
    dispose: () => releaseRowMemos(),
    siteId: () => current().adapter.id,
    source: () => current().source,
    host: () => current().host,
    setProfile(host, next) {
      const mine = host === current().host;
      if (!mine) return false;
      profile = next;
      picked = null;
      return true;
    },
    correct(field, value) {
      const { adapter } = current();
      const key = conversationKey(adapter, adapter.context(document));
      const values: Corrections = corrections?.key === key ? { ...corrections.values } : {};
      const v = value?.trim();
      if (v) values[field] = v;
      else delete values[field];
      corrections = Object.keys(values).length ? { key, values } : null;
    },
  };
}

/** Site + buyer (id, else name) + URL path: one conversation, as the page shows it before any correction. */
function conversationKey(adapter: SiteAdapter, raw: PageContext): string {
  return `${adapter.id}|${raw.buyer.id ?? raw.buyer.name ?? ''}|${location.pathname}`;
}
