/**
 * The one schema place: every record Xiaoer stores or sends across a message
 * boundary, as a zod schema plus its inferred type. Records are plain objects
 * (no classes) because structured cloning strips prototypes.
 */
import { z } from 'zod';

export const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** ISO-8601 with an explicit offset, e.g. 2026-11-22T18:31:27.000+08:00 or ...Z */
export const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);

export const ReplyBody = z.object({
  'zh-CN': z.string().max(20_000),
  'zh-TW': z.string().max(20_000),
  en: z.string().max(20_000),
});
export type ReplyBody = z.infer<typeof ReplyBody>;

export const Category = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  /** Sellers mark categories with a symbol (★, 【售后】, 📦...) to find them fast. */
  symbol: z.string().max(8),
  order: z.number().int(),
});
export type Category = z.infer<typeof Category>;

export const Reply = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  /** Typed in a composer then Tab; any short string the seller picks (`/ship`, `;thx`, `fh`). May be empty. */
  shortcut: z.string().max(40),
  categoryId: z.string().max(100),
  tags: z.array(z.string().max(50)).max(50),
  body: ReplyBody,
  usageCount: z.number().int().nonnegative(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Reply = z.infer<typeof Reply>;

export const BUYER_TAGS = ['vip', 'risky'] as const;
export const Buyer = z.object({
  /** `${site}:${platformBuyerId or name}` so the same nick on two marketplaces stays two buyers. */
  id: z.string().min(1).max(300),
  site: z.string().max(50),
  platformId: z.string().max(200),
  name: z.string().max(200),
  notes: z.string().max(20_000),
  tags: z.array(z.string().max(50)).max(50),
  firstContactAt: z.string(),
  lastContactAt: z.string(),
});
export type Buyer = z.infer<typeof Buyer>;

export const SENDERS = ['buyer', 'seller', 'system'] as const;
export const Sender = z.enum(SENDERS);
export type Sender = z.infer<typeof Sender>;

/** A chat message as read from the page by a site adapter. */
export const ChatMessage = z.object({
  platformId: z.string().max(200).nullable(),
  sender: Sender,
  timeText: z.string().max(100),
  timeIso: z.string().nullable(),
  text: z.string().max(50_000),
  images: z.array(z.string().max(4_000)).max(50),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A captured message as stored: one record per message, linked to its evidence. */
export const StoredMessage = ChatMessage.extend({
  id: z.string(),
  evidenceId: z.string(),
  seq: z.number().int().nonnegative(),
  buyerId: z.string().nullable(),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

export const ArtifactRef = z.object({
  id: z.string(),
  name: z.string().max(200),
  mime: z.string().max(100),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

/** Blob storage for screenshots and snapshots; kept apart so listing evidence never loads images. */
export const Artifact = ArtifactRef.extend({
  evidenceId: z.string(),
  data: z.instanceof(Blob),
});
export type Artifact = z.infer<typeof Artifact>;

export const EVIDENCE_KINDS = ['chat', 'words', 'screenshot', 'snapshot', 'review'] as const;
export const Evidence = z.object({
  id: z.string(),
  /** Position in this profile's hash chain, from 1. */
  seq: z.number().int().positive(),
  kind: z.enum(EVIDENCE_KINDS),
  capturedAt: IsoTime,
  url: z.string().max(8_000),
  title: z.string().max(1_000),
  site: z.string().max(50),
  buyerId: z.string().nullable(),
  buyerName: z.string().nullable(),
  orderId: z.string().nullable(),
  caseId: z.string().nullable(),
  note: z.string().max(20_000),
  extensionVersion: z.string(),
  artifacts: z.array(ArtifactRef),
  messageCount: z.number().int().nonnegative(),
  /** SHA-256 of the canonical form of the previous record ('' for the first). */
  prevHash: z.string(),
  /** SHA-256 of this record's canonical form (all fields but `hash`). */
  hash: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const CASE_TYPES = ['complaint', 'dispute', 'malicious-review', 'after-sales'] as const;
export const CASE_STATUSES = ['open', 'waiting-buyer', 'waiting-platform', 'resolved'] as const;
export const CaseEvent = z.object({
  at: z.string(),
  kind: z.enum(['note', 'evidence', 'status', 'reminder']),
  text: z.string().max(20_000),
  evidenceId: z.string().nullable(),
});
export const Case = z.object({
  id: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  title: z.string().max(500),
  site: z.string().max(50),
  buyerId: z.string().nullable(),
  buyerName: z.string().max(200),
  orderId: z.string().max(200),
  timeline: z.array(CaseEvent),
  /** The reply time promised to the buyer (domain §3: a complaint record holds it). */
  replyDueAt: z.string().nullable(),
  /** Ask whether the buyer is satisfied after resolution (domain §4 habit 8). */
  followUpAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Case>;

export const REVIEW_CAUSES = ['logistics', 'quality', 'expectation', 'packaging', 'service', 'price', 'malicious', 'praise', 'other'] as const;
export const ReviewCause = z.enum(REVIEW_CAUSES);
export type ReviewCause = z.infer<typeof ReviewCause>;

/** A review as read from a review page by a site adapter. */
export const PageReview = z.object({
  key: z.string().max(300),
  rating: z.number().min(0).max(5).nullable(),
  text: z.string().max(20_000),
  buyer: z.string().max(200),
  product: z.string().max(500),
  date: z.string().max(100),
  sellerReply: z.string().max(20_000).nullable(),
});
export type PageReview = z.infer<typeof PageReview>;

export const ReviewDraft = z.object({
  id: z.string(),
  site: z.string(),
  url: z.string(),
  review: PageReview,
  cause: ReviewCause,
  variant: z.enum(['warm', 'brief', 'formal']),
  lang: Lang,
  text: z.string().max(20_000),
  status: z.enum(['draft', 'sent']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReviewDraft = z.infer<typeof ReviewDraft>;

export const ServiceHours = z.object({
  /** "09:00" */
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  /** Offset in minutes east of UTC, e.g. 480 for UTC+8. Stated explicitly: domain §1, never promise 24/7. */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
});
export type ServiceHours = z.infer<typeof ServiceHours>;

export const Settings = z.object({
  id: z.literal('settings'),
  uiLang: Lang,
  replyLang: Lang,
  shopName: z.string().max(200),
  agentName: z.string().max(200),
  signature: z.string().max(2_000),
  hours: ServiceHours,
  promotion: z.string().max(2_000),
  /** Hosts the seller switched on beyond the built-in marketplace list. */
  enabledHosts: z.array(z.string().max(300)),
  /** Built-in marketplace hosts the seller switched off. */
  disabledHosts: z.array(z.string().max(300)),
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(uiLang: Lang = 'zh-CN'): Settings {
  return {
    id: 'settings',
    uiLang,
    replyLang: uiLang,
    shopName: '',
    agentName: '',
    signature: '',
    hours: { start: '09:00', end: '18:00', utcOffsetMinutes: 480 },
    promotion: '',
    enabledHosts: [],
    disabledHosts: [],
  };
}

/** A site profile taught with the element picker: selectors for one host. */
export const SiteProfile = z.object({
  host: z.string().min(1).max(300),
  name: z.string().max(200),
  composer: z.string().max(2_000).nullable(),
  messagePane: z.string().max(2_000).nullable(),
  messageRow: z.string().max(2_000).nullable(),
  buyerName: z.string().max(2_000).nullable(),
  orderNumber: z.string().max(2_000).nullable(),
  reviewRow: z.string().max(2_000).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SiteProfile = z.infer<typeof SiteProfile>;

/** What a site adapter reads about the current conversation/order. */
export const PageContext = z.object({
  buyer: z.object({ name: z.string().max(200).nullable(), id: z.string().max(200).nullable() }),
  order: z.object({
    number: z.string().max(200).nullable(),
    product: z.string().max(1_000).nullable(),
    amount: z.string().max(100).nullable(),
    status: z.string().max(200).nullable(),
  }),
  tracking: z.object({ number: z.string().max(200).nullable(), carrier: z.string().max(200).nullable(), eta: z.string().max(100).nullable() }),
  buyerLang: Lang.nullable(),
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
