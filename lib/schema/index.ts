/**
 * The one schema place: every record Xiaoer stores or sends across a message
 * boundary, as a zod schema plus its inferred type. Records are plain objects
 * (no classes) because structured cloning strips prototypes.
 *
 * zod/mini, not classic zod: these schemas are imported by the content script,
 * whose whole budget is 25 KB gzip; classic zod alone is ~90 KB gzip there
 * (measured with esbuild), mini ~5 KB. Use `.check(z.maxLength(n))`, `z.nullable(x)`.
 */
import * as z from 'zod/mini';

// Split into files only so that a page checking one shape need not build every schema on load
// (the popup's first frame checks a page's state: lib/schema/page.ts). Still one place: import from here.
import { Lang } from './lang';
import { PageReview } from './page';
import { TEAM_URL_MAX, teamUrlProblem } from '../replies/team-url';
export * from './lang';
export * from './page';

/** ISO-8601 with an explicit offset, e.g. 2026-11-22T18:31:27.000+08:00 or ...Z */
export const IsoTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/),
  // The shape alone let "2026-13-45T99:00:00+08:00" through: stored, no reminder set, and the case view threw on it.
  z.refine((s) => Number.isFinite(Date.parse(s)), { message: 'not a real date and time' }),
);

export const ReplyBody = z.object({
  'zh-CN': z.string().check(z.maxLength(20_000)),
  'zh-TW': z.string().check(z.maxLength(20_000)),
  en: z.string().check(z.maxLength(20_000)),
});
export type ReplyBody = z.infer<typeof ReplyBody>;

export const Category = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Sellers mark categories with a symbol (★, 【售后】, 📦...) to find them fast. */
  symbol: z.string().check(z.maxLength(8)),
  order: z.int(),
});
export type Category = z.infer<typeof Category>;

export const Reply = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Typed in a composer then Tab; any short string the seller picks (`/ship`, `;thx`, `fh`). May be empty. */
  shortcut: z.string().check(z.maxLength(40)),
  categoryId: z.string().check(z.maxLength(100)),
  tags: z.array(z.string().check(z.maxLength(50))).check(z.maxLength(50)),
  body: ReplyBody,
  usageCount: z.int().check(z.nonnegative()),
  lastUsedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Reply = z.infer<typeof Reply>;

export const BUYER_TAGS = ['vip', 'risky'] as const;
export const Buyer = z.object({
  /** `${site}:${platformBuyerId or name}` so the same nick on two marketplaces stays two buyers. */
  id: z.string().check(z.minLength(1), z.maxLength(300)),
  site: z.string().check(z.maxLength(50)),
  platformId: z.string().check(z.maxLength(200)),
  name: z.string().check(z.maxLength(200)),
  notes: z.string().check(z.maxLength(20_000)),
  tags: z.array(z.string().check(z.maxLength(50))).check(z.maxLength(50)),
  firstContactAt: z.string(),
  lastContactAt: z.string(),
});
export type Buyer = z.infer<typeof Buyer>;

/**
 * A buyer's id: `${site}:${platform id, else name}`, or null when the page names neither. One definition for
 * the buyer card, evidence records and cases: a record keyed one way and a buyer another would not be linked.
 */
export function buyerKey(site: string, platformId: string | null, name: string | null): string | null {
  const who = (platformId ?? '').trim() || (name ?? '').trim();
  return who ? `${site}:${who}` : null;
}

export const SENDERS = ['buyer', 'seller', 'system'] as const;
export const Sender = z.enum(SENDERS);
export type Sender = z.infer<typeof Sender>;

/** A chat message as read from the page by a site adapter. */
export const ChatMessage = z.object({
  platformId: z.nullable(z.string().check(z.maxLength(200))),
  sender: Sender,
  timeText: z.string().check(z.maxLength(100)),
  timeIso: z.nullable(z.string()),
  text: z.string().check(z.maxLength(50_000)),
  images: z.array(z.string().check(z.maxLength(4_000))).check(z.maxLength(50)),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A captured message as stored: one record per message, linked to its evidence. */
export const StoredMessage = z.extend(ChatMessage, {
  id: z.string(),
  evidenceId: z.string(),
  seq: z.int().check(z.nonnegative()),
  buyerId: z.nullable(z.string()),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

export const ArtifactRef = z.object({
  id: z.string(),
  name: z.string().check(z.maxLength(200)),
  mime: z.string().check(z.maxLength(100)),
  size: z.int().check(z.nonnegative()),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

/**
 * Blob storage for screenshots and snapshots; kept apart so listing evidence never loads images.
 *
 * A screenshot the seller deleted (Dashboard → Storage) stays as a tombstone: the
 * same row with `deletedAt` set and `data` an empty Blob. `size` and `sha256` keep
 * what was recorded at capture (the evidence record's ArtifactRef says the same), so
 * an export can say what was deleted and when; the live bytes of a tombstone are 0.
 * Rows written before tombstones existed have no `deletedAt` and stay valid.
 */
export const Artifact = z.extend(ArtifactRef, {
  evidenceId: z.string(),
  data: z.instanceof(Blob),
  /** When the seller deleted the bytes (ISO with offset); absent while the bytes are stored. */
  deletedAt: z.optional(IsoTime),
});
export type Artifact = z.infer<typeof Artifact>;

export { isTombstone } from './tombstone';

export const EVIDENCE_KINDS = ['chat', 'words', 'screenshot', 'snapshot', 'review'] as const;
export const Evidence = z.object({
  id: z.string(),
  /** Position in this profile's hash chain, from 1. */
  seq: z.int().check(z.positive()),
  kind: z.enum(EVIDENCE_KINDS),
  capturedAt: IsoTime,
  url: z.string().check(z.maxLength(8_000)),
  title: z.string().check(z.maxLength(1_000)),
  site: z.string().check(z.maxLength(50)),
  buyerId: z.nullable(z.string()),
  buyerName: z.nullable(z.string()),
  orderId: z.nullable(z.string()),
  caseId: z.nullable(z.string()),
  note: z.string().check(z.maxLength(20_000)),
  extensionVersion: z.string(),
  artifacts: z.array(ArtifactRef),
  messageCount: z.int().check(z.nonnegative()),
  /** SHA-256 of the canonical form of the previous record ('' for the first). */
  prevHash: z.string(),
  /** SHA-256 of this record's canonical form (all fields but `hash`). */
  hash: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const CASE_TYPES = ['complaint', 'dispute', 'malicious-review', 'after-sales'] as const;
export const CASE_STATUSES = ['open', 'waiting-buyer', 'waiting-platform', 'resolved'] as const;
/**
 * One line of a case's timeline. 'evidence' links a record (evidenceId); 'reminder' holds which one fired
 * (`text` 'reply' or 'follow'; older lines hold the notification's title as written), or which time had already
 * passed when a backup was restored ('reply-passed' / 'follow-passed': no reminder was sent); 'unlinked' says a linked
 * record was taken off the case: `text` is its chain number (seq), evidenceId is null — it is no
 * longer a link, only the trail of one (the seller's history shows it was held and removed).
 */
export const CaseEvent = z.object({
  at: z.string(),
  kind: z.enum(['note', 'evidence', 'status', 'reminder', 'unlinked']),
  text: z.string().check(z.maxLength(20_000)),
  evidenceId: z.nullable(z.string()),
});
export const Case = z.object({
  id: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  title: z.string().check(z.maxLength(500)),
  site: z.string().check(z.maxLength(50)),
  buyerId: z.nullable(z.string()),
  buyerName: z.string().check(z.maxLength(200)),
  orderId: z.string().check(z.maxLength(200)),
  timeline: z.array(CaseEvent),
  /** The reply time promised to the buyer (domain §3: a complaint record holds it). */
  replyDueAt: z.nullable(IsoTime),
  /** Ask whether the buyer is satisfied after resolution (domain §4 habit 8). */
  followUpAt: z.nullable(IsoTime),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Case>;

export const REVIEW_CAUSES = ['logistics', 'quality', 'expectation', 'wrong-item', 'packaging', 'service', 'price', 'malicious', 'praise', 'other'] as const;
export const ReviewCause = z.enum(REVIEW_CAUSES);
export type ReviewCause = z.infer<typeof ReviewCause>;

export const ReviewDraft = z.object({
  id: z.string(),
  site: z.string(),
  url: z.string(),
  review: PageReview,
  cause: ReviewCause,
  variant: z.enum(['warm', 'brief', 'formal']),
  lang: Lang,
  text: z.string().check(z.maxLength(20_000)),
  /**
   * 'draft' saved, 'sent' inserted into the page's reply box, 'submitted' once the page shows that reply under
   * the review (the seller pressed the page's own submit). Added as a third value: records and backups holding
   * only the first two still parse.
   */
  status: z.enum(['draft', 'sent', 'submitted']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReviewDraft = z.infer<typeof ReviewDraft>;

export const ServiceHours = z.object({
  /** "09:00" */
  start: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
  end: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
  /** Offset in minutes east of UTC, e.g. 480 for UTC+8. Stated explicitly: domain §1, never promise 24/7. */
  utcOffsetMinutes: z.int().check(z.minimum(-720), z.maximum(840)),
});
export type ServiceHours = z.infer<typeof ServiceHours>;

export const Settings = z.object({
  id: z.literal('settings'),
  uiLang: Lang,
  replyLang: Lang,
  shopName: z.string().check(z.maxLength(200)),
  agentName: z.string().check(z.maxLength(200)),
  /**
   * The shop's and the agent's names for English replies (replyNames), absent when not set: a Chinese
   * seller on AliExpress or Amazon answering a review in English signed "— 小林, 小二家居", a name the buyer
   * cannot read. Optional, so settings and backups from before still load.
   */
  shopNameEn: z.optional(z.string().check(z.maxLength(200))),
  agentNameEn: z.optional(z.string().check(z.maxLength(200))),
  signature: z.string().check(z.maxLength(2_000)),
  hours: ServiceHours,
  promotion: z.string().check(z.maxLength(2_000)),
  /** Hosts the seller switched on beyond the built-in marketplace list. */
  enabledHosts: z.array(z.string().check(z.maxLength(300))),
  /** Built-in marketplace hosts the seller switched off. */
  disabledHosts: z.array(z.string().check(z.maxLength(300))),
  /**
   * The team library's address (lib/replies/team-library.ts), absent when none is set. A setting like
   * the others, so a backup carries it; what the last fetch brought is this browser's own (storage.local).
   */
  teamLibraryUrl: z.optional(z.string().check(z.maxLength(TEAM_URL_MAX), z.refine((u) => teamUrlProblem(u) === null, { message: 'not an https:// or http:// address without credentials' }))),
});
export type Settings = z.infer<typeof Settings>;

/**
 * The settings a reply's template reads ({shop} {agent} {signature} {hours} {date} {time}
 * {promotion}, the default reply language): all that marketplace pages are sent with the shortcut
 * table. An allow-list, so a private setting added later (the team library's address, enabled hosts)
 * never reaches a page's content script by default.
 */
export const TemplateSettings = z.object({
  replyLang: Lang,
  shopName: Settings.shape.shopName,
  agentName: Settings.shape.agentName,
  // The names English replies are written with ({shop} {agent}, a review reply's sign-off): replyNames.
  shopNameEn: Settings.shape.shopNameEn,
  agentNameEn: Settings.shape.agentNameEn,
  signature: Settings.shape.signature,
  hours: ServiceHours,
  promotion: Settings.shape.promotion,
});
export type TemplateSettings = z.infer<typeof TemplateSettings>;

/** Only the template's fields of the settings record (a copy; nothing else is carried along). */
export function templateSettings(s: Settings): TemplateSettings {
  return {
    replyLang: s.replyLang,
    shopName: s.shopName,
    agentName: s.agentName,
    shopNameEn: s.shopNameEn ?? '',
    agentNameEn: s.agentNameEn ?? '',
    signature: s.signature,
    hours: { ...s.hours },
    promotion: s.promotion,
  };
}

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

const UiTexts = z.object({ 'zh-CN': z.string().check(z.maxLength(4_000)), 'zh-TW': z.string().check(z.maxLength(4_000)), en: z.string().check(z.maxLength(4_000)) });
const Count = z.int().check(z.nonnegative());

/**
 * What the Library's Team library panel shows about the last fetches of the team library URL
 * (lib/replies/team-library.ts); kept in chrome.storage.local, not in the backup: it is this browser's.
 */
export const TeamLibraryStatus = z.object({
  /** The URL this status is about (a new URL starts a new status). */
  url: z.string().check(z.maxLength(2_000)),
  lastSuccessAt: z.nullable(z.string().check(z.maxLength(40))),
  /** What the last successful update brought, as Import counts it. */
  lastCounts: z.nullable(z.object({ added: Count, updated: Count, unchanged: Count })),
  /** The last update's failure (null once an update succeeds), worded in every UI language. */
  lastError: z.nullable(z.object({ at: z.string().check(z.maxLength(40)), automatic: z.boolean(), text: UiTexts })),
});
export type TeamLibraryStatus = z.infer<typeof TeamLibraryStatus>;

/** A site profile taught with the element picker: selectors for one host. */
export const SiteProfile = z.object({
  host: z.string().check(z.minLength(1), z.maxLength(300)),
  name: z.string().check(z.maxLength(200)),
  composer: z.nullable(z.string().check(z.maxLength(2_000))),
  messagePane: z.nullable(z.string().check(z.maxLength(2_000))),
  messageRow: z.nullable(z.string().check(z.maxLength(2_000))),
  buyerName: z.nullable(z.string().check(z.maxLength(2_000))),
  orderNumber: z.nullable(z.string().check(z.maxLength(2_000))),
  reviewRow: z.nullable(z.string().check(z.maxLength(2_000))),
  // IsoTime, not any string: a profiles file (or a backup) with "updatedAt": "yesterday" was stored,
  // and the dashboard's Sites view threw "Invalid time value" formatting it — a blank dashboard.
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type SiteProfile = z.infer<typeof SiteProfile>;

