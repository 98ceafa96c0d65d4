/**
 * What a page shows, as the overlay reads it: the context of the conversation
 * or order on screen, reviews on a review page, and the state the overlay
 * reports (PageState, the reply to 'overlay:state' in lib/messaging.ts). Part
 * of lib/schema (index.ts re-exports it); its own file so the popup's first
 * frame can check a page's state without building every stored record's
 * schema first (entrypoints/popup/main.ts).
 */
import * as z from 'zod/mini';
import { Lang } from './lang';

/** A review as read from a review page by a site adapter. */
export const PageReview = z.object({
  key: z.string().check(z.maxLength(300)),
  rating: z.nullable(z.number().check(z.minimum(0), z.maximum(5))),
  text: z.string().check(z.maxLength(20_000)),
  buyer: z.string().check(z.maxLength(200)),
  product: z.string().check(z.maxLength(500)),
  date: z.string().check(z.maxLength(100)),
  sellerReply: z.nullable(z.string().check(z.maxLength(20_000))),
});
export type PageReview = z.infer<typeof PageReview>;

/** What a site adapter reads about the current conversation/order. */
export const PageContext = z.object({
  buyer: z.object({ name: z.nullable(z.string().check(z.maxLength(200))), id: z.nullable(z.string().check(z.maxLength(200))) }),
  order: z.object({
    number: z.nullable(z.string().check(z.maxLength(200))),
    product: z.nullable(z.string().check(z.maxLength(1_000))),
    amount: z.nullable(z.string().check(z.maxLength(100))),
    status: z.nullable(z.string().check(z.maxLength(200))),
  }),
  tracking: z.object({ number: z.nullable(z.string().check(z.maxLength(200))), carrier: z.nullable(z.string().check(z.maxLength(200))), eta: z.nullable(z.string().check(z.maxLength(100))) }),
  buyerLang: z.nullable(Lang),
});
export type PageContext = z.infer<typeof PageContext>;

export function emptyContext(): PageContext {
  return {
    buyer: { name: null, id: null },
    order: { number: null, product: null, amount: null, status: null },
    tracking: { number: null, carrier: null, eta: null },
    buyerLang: null,
  };
}

export const PAGE_KINDS = ['chat', 'order', 'reviews', 'other'] as const;
export const PageKind = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof PageKind>;

/**
 * A review list or an order page: its rows are no conversation (buyers' reviews stored as the seller's
 * words were wrong evidence). Capture chat is refused there, and the Page tab counts no messages.
 */
export function notAChat(kind: PageKind): boolean {
  return kind === 'reviews' || kind === 'order';
}

/** Context values the agent may correct for the conversation on screen (Page tab). */
export const CORRECTABLE = ['buyerName', 'orderNumber', 'product', 'amount', 'trackingNumber', 'carrier'] as const;
export const CorrectableField = z.enum(CORRECTABLE);
export type CorrectableField = z.infer<typeof CorrectableField>;

/** What the overlay reports about its page. */
export const PageState = z.object({
  url: z.string(),
  title: z.string(),
  site: z.string(),
  siteName: z.string(),
  /** 'dedicated' adapter, 'generic' heuristics, or a seller-'taught' profile. */
  source: z.enum(['dedicated', 'generic', 'taught']),
  kind: PageKind,
  context: PageContext,
  /**
   * Messages on screen; null while not counted yet. The context goes out first (a switch shows the
   * new buyer in the frame after it renders); counting a 2,000-row pane follows when the page is idle.
   */
  messageCount: z.nullable(z.int().check(z.nonnegative())),
  hasComposer: z.boolean(),
  reviews: z.array(PageReview),
  /**
   * The language the page declares around its reviews (their nearest `lang`, else `<html lang>`), when it
   * is one of the reply languages: the hint for wordless reviews when the other reviews give none
   * (lib/reviews/page-lang.ts). Absent from older cores.
   */
  reviewsLang: z.optional(z.nullable(Lang)),
  /** Context fields the agent corrected for this conversation (issue 4; absent from older cores). */
  corrected: z.optional(z.array(CorrectableField)),
});
export type PageState = z.infer<typeof PageState>;
