/**
 * The one protocol. Every message between Xiaoer's contexts is named here with
 * its payload and reply schema, and parsed with zod where it is RECEIVED (types
 * are compile-time only, and a content script can be influenced by the page).
 *
 * Two channels:
 * - Requests to the background (`runtime.sendMessage`). Each names who may send it:
 *   'content' (any of our content scripts, untrusted input) or 'extension' (our own
 *   extension pages: sidebar, popup, dashboard — decided by `sender.url`, never by a
 *   field in the message).
 * - Commands from extension pages / background to the overlay content script of one
 *   tab (`tabs.sendMessage`), parsed in the content script, which accepts them only
 *   from our extension (sender.id) and never from a page.
 */
import * as z from 'zod/mini';
import { Buyer, CASE_STATUSES, CASE_TYPES, Case, Category, ChatMessage, CorrectableField, Evidence, IsoTime, Lang, PageContext, PageReview, PageState, Reply, ReplyBody, ReviewCause, ReviewDraft, Settings, SiteProfile, TemplateSettings, TeamLibraryStatus } from './schema';
import type { MessageKey } from './i18n';
import { Envelope, ProtocolError, XiaoerError, envelope, fail, unwrapReply, zodMessage } from './wire';
import { SHORTCUT_MAX, shortcutProblem } from './replies/rules';

// What the overlay reports about its page, and what the agent may correct there: shapes of
// lib/schema/page.ts (the popup's first frame checks a page's state without this file).
export { CORRECTABLE, CorrectableField, PageState } from './schema';
// The envelope and reply handling every channel shares (lib/wire.ts, likewise light).
export { ErrorCode, ErrorDetail, Envelope, ProtocolError, XiaoerError, envelope, fail } from './wire';
export type { Result } from './wire';

/** Hard cap on any message's JSON size: a request bigger than this is refused before parsing. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;


/** A reply with a shortcut, as shipped to the content script for Tab expansion without a round trip. */
export const ShortcutEntry = z.object({
  id: z.string().check(z.maxLength(100)),
  shortcut: z.string().check(z.maxLength(40)),
  usageCount: z.int().check(z.nonnegative()),
  /** With usageCount, decides which reply keeps a shortcut stored twice before the rule (shortcut.ts buildShortcutTable). */
  createdAt: z.string().check(z.maxLength(40)),
  body: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
});
export type ShortcutEntry = z.infer<typeof ShortcutEntry>;

/**
 * The overlay's own words in the UI language (it cannot read the settings): the toggle tab's tooltip, the sidebar
 * frame's title, and the notice by a chat box that took no script-made input (copied: press Ctrl+V; or the copy
 * failed too). In the shortcut table, so a language switch reaches open pages with the table's push (their tab
 * kept the old words until the next page load).
 */
const OverlayWord = z.string().check(z.minLength(1), z.maxLength(300));
export const OverlayWords = z.object({ tab: OverlayWord, frame: OverlayWord, copied: OverlayWord, copyFailed: OverlayWord });
export type OverlayWords = z.infer<typeof OverlayWords>;

export const ShortcutTable = z.object({
  entries: z.array(ShortcutEntry),
  /** Only what templates read (schema TemplateSettings): the table reaches every marketplace tab. */
  settings: TemplateSettings,
  /** Absent from an older worker's table: the overlay keeps the words it has. */
  words: z.optional(OverlayWords),
  /** Bumps when the library or settings change, so the content script can drop stale tables. */
  revision: z.number(),
});
export type ShortcutTable = z.infer<typeof ShortcutTable>;

const Empty = z.strictObject({});

/** A reply's own fields, as the sidebar's editor sends them. The shortcut follows the library's rule (rules.ts), as import does. */
const ReplyFields = z.strictObject({
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  shortcut: z.string().check(z.maxLength(SHORTCUT_MAX), z.refine((s) => shortcutProblem(s.trim()) === null, { message: 'holds a space' })),
  categoryId: z.string().check(z.maxLength(100)),
  tags: z.array(z.string().check(z.maxLength(50))).check(z.maxLength(50)),
  body: ReplyBody,
});

// ── evidence, screenshots, cases (issue 5): shared schemas ──
export const ScreenshotKind = z.enum(['visible', 'page', 'element', 'chat-history']);
export type ScreenshotKind = z.infer<typeof ScreenshotKind>;
const JobId = z.string().check(z.minLength(1), z.maxLength(100));
/** Broadcast by the background while a screenshot runs: slices captured so far / planned. */
export const CAPTURE_PROGRESS = 'event:capture-progress';
export const CaptureProgress = z.object({ jobId: z.string(), done: z.int(), total: z.int() });

/**
 * What the overlay pushes to its sidebar over the 'xiaoer-sidebar' port (core.ts push), parsed where the
 * sidebar receives it (components/sidebar/use-page.ts): the page's state after a change, "focus the search"
 * (keyboard command), and a reply to fill in (Tab expansion that needs values; `replaceBefore`: the typed
 * shortcut's length, to delete when the reply goes in).
 */
export const SidebarPortEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: PageState }),
  z.object({ type: z.literal('focus-search') }),
  z.object({ type: z.literal('fill'), replyId: z.string().check(z.maxLength(100)), replaceBefore: z.int().check(z.nonnegative()) }),
]);
/**
 * Port name prefix (+ jobId) the background opens to the overlay for the length of a
 * screenshot: if the service worker is stopped mid-capture the port closes and the
 * page restores itself at once, instead of waiting for the overlay's watchdog.
 */
export const CAPTURE_LIFELINE_PORT = 'xiaoer-capture:';
const Box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
/** A redaction suggestion: where personal data sits in the captured region, CSS px relative to the region. */
export const RedactionBox = z.extend(Box, { kind: z.string().check(z.maxLength(20)) });
export type RedactionBox = z.infer<typeof RedactionBox>;
export const CaptureGeometry = z.object({
  scrollHeight: z.number(),
  clientHeight: z.number(),
  devicePixelRatio: z.number(),
  viewport: z.object({ width: z.number(), height: z.number() }),
  /** The region kept from each image, CSS px in the viewport. */
  pane: Box,
  /** Whether the capture scrolls (page, pane) or is one image (visible, element). */
  scrolls: z.boolean(),
  /** A full page wider than the screen: the document's width, CSS px (the capture scrolls sideways too). */
  scrollWidth: z.optional(z.number()),
  redactions: z.array(RedactionBox).check(z.maxLength(5_000)),
});
export type CaptureGeometry = z.infer<typeof CaptureGeometry>;
/** `unsteady`: what was captured still changed height in the last pass (capture.ts MAX_RESTARTS): rows may be off. */
export const ScreenshotResult = z.object({ evidenceId: z.string(), seq: z.int(), width: z.int(), height: z.int(), images: z.int(), slices: z.int(), ms: z.number(), unsteady: z.optional(z.boolean()) });
/**
 * `end`, when nothing more was to load: 'all-shown' (nothing to scroll, no load-more control), 'loaded-before' (this
 * conversation was loaded to its first message earlier on this page and nothing changed above it), 'no-more' (nothing arrived
 * within the quiet period after a scroll to the top or a load-more click, after loads or none). Null when stopped.
 */
export const HistoryLoad = z.object({
  loads: z.int().check(z.nonnegative()),
  complete: z.boolean(),
  stopped: z.nullable(z.enum(['cancelled', 'time-limit', 'conversation-changed'])),
  end: z.nullable(z.enum(['all-shown', 'loaded-before', 'no-more'])),
});
export type HistoryLoad = z.infer<typeof HistoryLoad>;
/**
 * A part of a chat capture that was left out, as data: the background does not know the seller's
 * UI language (and a sentence of its own read "聊天记录已存为证据 #5 · screenshot: the tab is not in
 * front" to a zh-CN seller), so the sidebar and popup word it (SKIPPED_TEXT). `detail`: only for an
 * error nobody expected — the browser's own message, shown after a translated lead.
 */
export const SKIPPED_CODES = ['screenshot-not-in-front', 'screenshot-failed', 'pane-html-cut', 'no-message-pane', 'mhtml-not-permitted', 'mhtml-failed'] as const;
export const SKIPPED_DETAIL_MAX = 300;
export const SkippedNote = z.object({ code: z.enum(SKIPPED_CODES), detail: z.optional(z.string().check(z.maxLength(SKIPPED_DETAIL_MAX))) });
export type SkippedNote = z.infer<typeof SkippedNote>;
/**
 * A box the seller drew in the redaction editor, in image pixels: strict and range-checked, unlike the overlay's
 * geometry Box (CSS px measured by our own page script), as it comes from an editor's input.
 */
const Pixel = z.number().check(z.gte(0), z.lte(1_000_000));
export const RedactBox = z.strictObject({ x: Pixel, y: Pixel, width: Pixel, height: Pixel });
/** `history`: how the chat's earlier messages loaded first, when the capture was asked to load them (capture-chat's loadEarlier). */
export const CaptureResult = z.object({ evidenceId: z.string(), seq: z.int(), messageCount: z.int(), artifacts: z.array(z.string()), skipped: z.array(SkippedNote), history: z.optional(HistoryLoad) });
const PageFacts = z.object({ url: z.string().check(z.maxLength(8_000)), title: z.string().check(z.maxLength(1_000)), site: z.string().check(z.maxLength(50)), context: PageContext });
/** Pane HTML is capped so one capture stays far below the 8 MB message limit. */
export const MAX_PANE_HTML = 3_000_000;
export const ChatSnapshot = z.extend(PageFacts, {
  messages: z.array(ChatMessage).check(z.maxLength(20_000)),
  paneHtml: z.nullable(z.string().check(z.maxLength(MAX_PANE_HTML))),
  htmlTruncated: z.boolean(),
});
export type ChatSnapshot = z.infer<typeof ChatSnapshot>;
export const SelectionSnapshot = z.extend(PageFacts, {
  text: z.string().check(z.maxLength(50_000)),
  /** The messages around the selection (sender and time included). */
  messages: z.array(ChatMessage).check(z.maxLength(200)),
  /** Which of `messages` the selection stands for (indexes, inclusive), or null when it matched none. */
  selected: z.nullable(z.object({ first: z.int().check(z.nonnegative()), last: z.int().check(z.nonnegative()) })),
  /**
   * Whether the senders were read from the platform's own markup (a dedicated site adapter)
   * rather than guessed from class names and layout (the generic reader, a taught profile).
   */
  sendersRead: z.boolean(),
});
export type SelectionSnapshot = z.infer<typeof SelectionSnapshot>;
const IsoOrNull = z.nullable(IsoTime);
/** Evidence record ids of one request; the dashboard sends a larger selection in several. */
export const MAX_LINK_PER_REQUEST = 1_000;
const EvidenceIds = z.array(z.string().check(z.maxLength(100))).check(z.maxLength(MAX_LINK_PER_REQUEST));
const CaseFields = z.strictObject({
  type: z.enum(CASE_TYPES),
  title: z.string().check(z.maxLength(500)),
  site: z.string().check(z.maxLength(50)),
  buyerId: z.nullable(z.string().check(z.maxLength(300))),
  buyerName: z.string().check(z.maxLength(200)),
  orderId: z.string().check(z.maxLength(200)),
  replyDueAt: IsoOrNull,
  followUpAt: IsoOrNull,
  note: z.string().check(z.maxLength(20_000)),
  /** Evidence to put into the new case at once (the sidebar offers what was just captured for this buyer). */
  linkEvidence: z.optional(EvidenceIds),
});
const CaseUpdate = z.strictObject({
  id: z.string().check(z.maxLength(100)),
  status: z.optional(z.enum(CASE_STATUSES)),
  replyDueAt: z.optional(IsoOrNull),
  followUpAt: z.optional(IsoOrNull),
  note: z.optional(z.string().check(z.maxLength(20_000))),
  linkEvidence: z.optional(EvidenceIds),
  /** Take records linked by mistake off the timeline; records captured for the case (caseId, hash-chained) stay. */
  unlinkEvidence: z.optional(EvidenceIds),
});
/**
 * Background → offscreen document (not through the router: the worker sends it,
 * the offscreen page answers): sanitise a chat pane's HTML with DOMPurify.
 * The request is the unsanitised pane (capped like the snapshot); the reply is checked by the worker.
 */
export const SANITIZE_MESSAGE = 'offscreen:sanitize';
export const SanitizeRequest = z.strictObject({ html: z.string().check(z.maxLength(MAX_PANE_HTML)) });
export const SanitizeReply = z.object({ ok: z.literal(true), value: z.object({ html: z.string() }) });
/**
 * Why a capture request failed, for the UI that started it (sidebar, popup) or the notification
 * of a menu / keyboard capture: 'reloaded' (the extension was reloaded or updated under the page: reload
 * it), 'quota' (storage full), 'not-buyer' (save the buyer's words refused
 * a selection of the seller's or the platform's message), 'no-overlay' (the tab has no Xiaoer page
 * script: not enabled, or loaded before Xiaoer), 'tab-gone', 'not-active' (captureVisibleTab sees
 * only the front tab), 'not-allowed' (a browser page, the Web Store, no activeTab grant),
 * 'interrupted' (the worker stopped before it answered: the message channel closed), 'cancelled'
 * (the seller's own Cancel or Esc: said, not shown as a failure), or null.
 */
export type CaptureFailure = 'reloaded' | 'quota' | 'interrupted' | 'not-buyer' | 'no-overlay' | 'tab-gone' | 'not-active' | 'not-allowed' | 'conversation-changed' | 'not-a-chat' | 'cancelled' | 'no-selection';
export function captureFailure(e: unknown): CaptureFailure | null {
  const message = e instanceof Error ? e.message : String(e);
  // The extension was reloaded or updated under an open sidebar or popup: it can reach nothing any more (not
  // the page, not the background) until the page is reloaded. First: commandOverlay wraps it as not-found, and
  // "try again" (interrupted) or "no Xiaoer on this page" (no-overlay) would each be wrong.
  if (/Extension context invalidated/i.test(message)) return 'reloaded';
  if (e instanceof XiaoerError) {
    if (e.code === 'quota' || e.code === 'not-buyer' || e.code === 'tab-gone' || e.code === 'not-active' || e.code === 'not-allowed' || e.code === 'conversation-changed' || e.code === 'not-a-chat' || e.code === 'cancelled' || e.code === 'no-selection') return e.code;
    // commandOverlay: the tab did not answer — no page script there. Was read as 'interrupted' by the
    // message test below ("Could not establish connection"): "try again" would fail the same way.
    if (e.code === 'not-found') return 'no-overlay';
  }
  // In the background itself (keyboard / context-menu captures) the store's own error arrives unwrapped.
  if (e instanceof Error && e.name === 'QuotaExceededError') return 'quota';
  // The background always answers with a Result; none at all means its end vanished
  // (webextension-polyfill turns "message port closed" into an empty reply).
  if (e instanceof XiaoerError && e.code === 'failed' && / no reply$/.test(e.message)) return 'interrupted';
  // Chrome's wording when the receiving end went away mid-request (worker stopped or restarted).
  if (/message (port|channel) closed before a response|Could not establish connection/i.test(message)) return 'interrupted';
  return null;
}

/** The UI string for a capture failure (one wording for the sidebar, the popup and notifications). */
export const CAPTURE_FAILURE_TEXT = {
  reloaded: 'errReloaded',
  quota: 'evStorageFull',
  interrupted: 'evCaptureInterrupted',
  'not-buyer': 'evNotBuyersWords',
  'no-overlay': 'evNoOverlay',
  'tab-gone': 'evTabGone',
  'not-active': 'evNotActive',
  'not-allowed': 'evNotAllowed',
  'conversation-changed': 'evHistoryConversationChanged',
  'not-a-chat': 'evNotAChat',
  cancelled: 'evCaptureCancelled',
  'no-selection': 'evNoSelection',
} as const satisfies Record<CaptureFailure, MessageKey>;

/** A left-out part of a capture in the UI language (one wording for the sidebar and the popup). */
export const SKIPPED_TEXT = {
  'screenshot-not-in-front': 'evSkipShotNotInFront',
  'screenshot-failed': 'evSkipShotFailed',
  'pane-html-cut': 'evSkipPaneCut',
  'no-message-pane': 'evSkipNoPane',
  'mhtml-not-permitted': 'evSkipMhtmlNotPermitted',
  'mhtml-failed': 'evSkipMhtmlFailed',
} as const satisfies Record<SkippedNote['code'], MessageKey>;

/** The note's sentence; an error's own text (English, from the browser) only after the translated lead. */
export function skippedText(note: SkippedNote, t: (key: MessageKey, vars?: Record<string, string>) => string): string {
  return t(SKIPPED_TEXT[note.code], { detail: (note.detail ?? '').slice(0, SKIPPED_DETAIL_MAX) });
}

/** A capture failure in the seller's words: a known cause's sentence, else "Nothing was stored: <the error>". */
export function captureFailureText(e: unknown, t: (key: MessageKey, vars?: Record<string, string>) => string): string {
  const why = captureFailure(e);
  if (why) return t(CAPTURE_FAILURE_TEXT[why]);
  return t('evCaptureFailedOther', { error: (e instanceof Error ? e.message : String(e)).slice(0, 300) });
}

// ── reviews (issue 6): shared schemas ──
/** A review-reply draft as the sidebar sends it; the background stamps ids, times and status. */
const ReviewDraftFields = z.strictObject({
  id: z.nullable(z.string().check(z.maxLength(100))),
  site: z.string().check(z.maxLength(50)),
  url: z.string().check(z.maxLength(8_000)),
  review: PageReview,
  cause: ReviewCause,
  variant: z.enum(['warm', 'brief', 'formal']),
  lang: Lang,
  text: z.string().check(z.maxLength(20_000)),
});

// ── site profiles (issue 4): shared schemas ──
/** The page parts a seller can teach with the element picker (each a SiteProfile selector field). */
export const PICK_FIELDS = ['composer', 'messagePane', 'messageRow', 'buyerName', 'orderNumber'] as const;
export const PickField = z.enum(PICK_FIELDS);
export type PickField = z.infer<typeof PickField>;
const HostName = z.string().check(z.minLength(1), z.maxLength(300));
const Selector = z.nullable(z.string().check(z.minLength(1), z.maxLength(2_000)));

/** Broadcast by the background to extension pages when stored data changed (they refetch). */
export const DATA_CHANGED = 'event:data-changed';
/**
 * Background → every tab's overlay when the seller switches a host off: the overlay on that
 * host ({ host }) stops now (toggle tab, sidebar, Tab expansion, listeners all go). The base
 * compares the type and the host string itself (it carries no zod, budget) and acts only on a
 * sender with our extension id.
 */
export const OVERLAY_SHUTDOWN = 'overlay:shutdown';
export const DataChanged = z.object({ tables: z.array(z.string().check(z.maxLength(50))).check(z.maxLength(20)) });

/** The buyer a page shows (site + platform id and/or name): what buyer:seen records and buyer:get reads. */
const BuyerOnPage = z.strictObject({ site: z.string().check(z.minLength(1), z.maxLength(50)), platformId: z.nullable(z.string().check(z.maxLength(200))), name: z.nullable(z.string().check(z.maxLength(200))) });
const BuyerCard = z.object({ buyer: Buyer, caseCount: z.int(), evidenceCount: z.int() });

/** The team library as the dashboard shows it: the URL in use (null: none) and its status. */
export const TeamLibraryState = z.object({ url: z.nullable(z.string()), status: z.nullable(TeamLibraryStatus) });
export type TeamLibraryState = z.infer<typeof TeamLibraryState>;

/** Requests handled by the background service worker. */
export const BackgroundRequests = {
  /** Content script: the shortcut table for Tab expansion (sent once, then pushed on change). */
  'shortcuts:get': { from: 'content', req: Empty, res: ShortcutTable },
  /** Content script: a reply was inserted by Tab expansion; counts usage. */
  'reply:used': { from: 'content', req: z.strictObject({ replyId: z.string().check(z.maxLength(100)), site: z.string().check(z.maxLength(50)) }), res: z.object({}) },
  /** Content script: is this page enabled, and is it the demo marketplace? */
  'page:enabled': {
    from: 'content',
    req: z.strictObject({ host: z.string().check(z.maxLength(300)) }),
    // `names`: the toggle tab's tooltip and the sidebar frame's title in the UI language (the overlay cannot read the settings).
    res: z.object({ enabled: z.boolean(), names: z.optional(z.object({ tab: z.string().check(z.maxLength(100)), frame: z.string().check(z.maxLength(100)) })) }),
  },
  /** Extension page: the library or settings changed; push fresh shortcut tables to every tab. */
  'library:changed': { from: 'extension', req: Empty, res: z.object({ revision: z.number() }) },
  /** Extension page (settings): the UI language changed; built-in labels the seller never edited follow it, then as library:changed. */
  'library:relabel': { from: 'extension', req: z.strictObject({ uiLang: Lang }), res: z.object({ revision: z.number(), relabelled: z.int() }) },
  /** Extension page (the dashboard): a backup was restored; every table changed. */
  'data:restored': { from: 'extension', req: Empty, res: z.object({ revision: z.number() }) },
  /**
   * Extension page (the sidebar): the library and settings. The sidebar is an
   * extension frame inside a marketplace page, where Chrome may deny it storage
   * (third-party storage blocking), so it reads and writes through the background.
   */
  'library:get': { from: 'extension', req: Empty, res: z.object({ categories: z.array(Category), replies: z.array(Reply), settings: Settings }) },
  /**
   * Extension page (sidebar): the first screen of a large library before the whole of it —
   * the `limit` replies the list shows first (browse order: most used first), the
   * categories, the settings and how many replies there are. library:get follows.
   */
  'library:head': {
    from: 'extension',
    req: z.strictObject({ limit: z.int().check(z.minimum(1), z.maximum(500)) }),
    res: z.object({ categories: z.array(Category), replies: z.array(Reply), settings: Settings, total: z.int() }),
  },
  /**
   * Extension page (the sidebar): the shop or agent name the seller typed into a reply's fill-in, kept
   * in Settings so the next reply naming {shop} / {agent} does not ask again. The sidebar cannot write
   * the store itself (see library:get). A blank value changes nothing.
   */
  'settings:remember': {
    from: 'extension',
    // lang: the language of the reply the names were typed for (an English reply's may be the English names).
    req: z.strictObject({ shopName: z.optional(Settings.shape.shopName), agentName: z.optional(Settings.shape.agentName), lang: z.optional(Lang) }),
    res: z.object({ shopName: z.string(), agentName: z.string() }),
  },
  'reply:create': { from: 'extension', req: z.strictObject({ fields: ReplyFields }), res: Reply },
  'reply:update': { from: 'extension', req: z.strictObject({ id: z.string().check(z.maxLength(100)), fields: ReplyFields }), res: Reply },
  'reply:duplicate': { from: 'extension', req: z.strictObject({ id: z.string().check(z.maxLength(100)) }), res: Reply },
  'reply:delete': { from: 'extension', req: z.strictObject({ ids: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(10_000)) }), res: z.object({}) },
  /**
   * Extension page (dashboard): delete a category. A category holding replies is refused
   * ('category-not-empty', detail.count) unless `moveTo` names another category they move into first.
   */
  'category:delete': {
    from: 'extension',
    req: z.strictObject({ id: z.string().check(z.maxLength(100)), moveTo: z.nullable(z.string().check(z.maxLength(100))) }),
    res: z.object({ moved: z.int() }),
  },
  /** Extension page: a reply was inserted from the sidebar or popup. */
  'reply:use': { from: 'extension', req: z.strictObject({ replyId: z.string().check(z.maxLength(100)), site: z.string().check(z.maxLength(50)) }), res: z.object({}) },
  /** Extension page: toggle the sidebar in a tab (popup's "open sidebar"). */
  'sidebar:toggle': { from: 'extension', req: z.strictObject({ tabId: z.int(), open: z.optional(z.boolean()) }), res: z.object({ open: z.boolean() }) },

  // ── evidence, screenshots, cases (issue 5) ──
  /** Extension page: take a screenshot of a tab and store it as evidence (progress: CAPTURE_PROGRESS events; cancel: capture:cancel). */
  'capture:screenshot': { from: 'extension', req: z.strictObject({ tabId: z.int(), kind: ScreenshotKind, jobId: JobId, note: z.string().check(z.maxLength(20_000)), caseId: z.nullable(z.string().check(z.maxLength(100))) }), res: ScreenshotResult },
  /** Extension page: stop a running screenshot (the page is restored, nothing is stored). */
  'capture:cancel': { from: 'extension', req: z.strictObject({ jobId: JobId }), res: z.object({ cancelled: z.boolean() }) },
  /** Extension page: capture the conversation (messages, sanitised pane HTML, MHTML when asked and permitted, visible screenshot) as one record. */
  // loadEarlier: the background loads the chat's earlier messages first (the popup: it may close meanwhile).
  // mhtml: the seller asked for an MHTML snapshot too (the sidebar's box, remembered for the popup). Absent = no:
  // holding pageCapture is not asking — the whole page carries other buyers' conversations as well.
  'evidence:capture-chat': {
    from: 'extension',
    req: z.strictObject({ tabId: z.int(), note: z.string().check(z.maxLength(20_000)), caseId: z.nullable(z.string().check(z.maxLength(100))), loadEarlier: z.optional(z.boolean()), mhtml: z.optional(z.boolean()) }),
    res: CaptureResult,
  },
  /** Extension page: save the text selected on the page with the surrounding messages ('words' record). */
  'evidence:save-words': { from: 'extension', req: z.strictObject({ tabId: z.int(), note: z.string().check(z.maxLength(20_000)), caseId: z.nullable(z.string().check(z.maxLength(100))) }), res: CaptureResult },
  /**
   * Extension page (the redaction editor): seal a redacted copy of one stored screenshot as a record of its own, so
   * the copy a seller sends the platform is on the chain too. The boxes are drawn by the background from the stored
   * image (never pixels from the page): what the record holds is the original with those boxes black.
   */
  'evidence:save-redacted': {
    from: 'extension',
    req: z.strictObject({ artifactId: z.string().check(z.maxLength(100)), boxes: z.array(RedactBox).check(z.minLength(1), z.maxLength(2_000)) }),
    res: CaptureResult,
  },
  /**
   * Extension page (sidebar, popup): image `index` of a screenshot record, for Copy / Download right after the shot.
   * Through the background because the sidebar, framed in the marketplace's page, is refused IndexedDB there.
   */
  'evidence:shot-image': {
    from: 'extension',
    req: z.strictObject({ evidenceId: z.string().check(z.maxLength(100)), index: z.int().check(z.nonnegative(), z.maximum(1_000)) }),
    res: z.object({ seq: z.int(), capturedAt: z.string(), buyerName: z.nullable(z.string()), orderId: z.nullable(z.string()), count: z.int(), name: z.string(), dataUrl: z.string() }),
  },
  /**
   * Extension page (sidebar): the latest evidence records of one buyer, or (no buyer) of one order — the sidebar on
   * an order page, which listed every buyer's records under "Recent evidence"; neither: the newest of all.
   */
  'evidence:recent': {
    from: 'extension',
    req: z.strictObject({ buyerId: z.nullable(z.string().check(z.maxLength(300))), orderId: z.optional(z.string().check(z.maxLength(200))), limit: z.int().check(z.positive(), z.maximum(200)) }),
    res: z.array(Evidence),
  },
  /** Extension page: open a case (reminders are scheduled as alarms). */
  'case:create': { from: 'extension', req: CaseFields, res: Case },
  /** Extension page: change a case's status or reminders, add a timeline note, link evidence. */
  'case:update': { from: 'extension', req: CaseUpdate, res: Case },
  /** Extension page (sidebar): cases, optionally of one buyer, newest first. */
  'case:list': { from: 'extension', req: z.strictObject({ buyerId: z.nullable(z.string().check(z.maxLength(300))) }), res: z.array(Case) },

  // ── reviews (issue 6) ──
  /** Sidebar: save a review-reply draft (new when id is null, else update its text/variant); status stays 'draft'. */
  'review:draft-save': { from: 'extension', req: ReviewDraftFields, res: ReviewDraft },
  /** Sidebar: the draft was inserted into the page's reply box (status 'sent'; the page's own submit is not observed: see review:mark-submitted). */
  'review:mark-sent': { from: 'extension', req: z.strictObject({ id: z.string().check(z.maxLength(100)) }), res: ReviewDraft },
  /**
   * Sidebar: the page shows this inserted reply under its review — the seller submitted it there (status
   * 'submitted'). Only an inserted ('sent') reply moves; one edited since (a draft again) stays as it is.
   */
  'review:mark-submitted': { from: 'extension', req: z.strictObject({ id: z.string().check(z.maxLength(100)) }), res: ReviewDraft },
  /** Dashboard: delete a draft or inserted reply from the history (deleted: false when it was already gone). */
  'review:draft-delete': { from: 'extension', req: z.strictObject({ id: z.string().check(z.maxLength(100)) }), res: z.object({ deleted: z.boolean() }) },
  /**
   * Sidebar: drafts and inserted replies for the reviews on screen (newest first), to show each review's
   * last state: saved on this URL, or on any URL of this host for one of these review keys or review
   * identities (lib/reviews/identity.ts) — the page number in a URL must not hide a review's draft.
   * keys/identities are absent from older sidebars (URL only).
   */
  'review:history': {
    from: 'extension',
    req: z.strictObject({
      url: z.string().check(z.maxLength(8_000)),
      keys: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(2_000))),
      identities: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(2_000))),
    }),
    res: z.array(ReviewDraft),
  },
  /** Sidebar: open a 'malicious-review' case with the review captured as evidence (review.json, hash-chained). */
  'review:open-case': {
    from: 'extension',
    req: z.strictObject({
      site: z.string().check(z.maxLength(50)),
      url: z.string().check(z.maxLength(8_000)),
      pageTitle: z.string().check(z.maxLength(1_000)),
      review: PageReview,
      title: z.string().check(z.minLength(1), z.maxLength(500)),
      note: z.string().check(z.maxLength(20_000)),
    }),
    // existing: this review already had a case (nothing new was written; the ids are that case's).
    res: z.object({ caseId: z.string(), evidenceId: z.string(), evidenceHash: z.string(), existing: z.boolean() }),
  },

  // ── dashboard, buyers, settings, backup (issue 7) ──
  /** Extension page (the buyer card refetching after a data change): the stored card, not a new sighting; null when not stored. */
  'buyer:get': {
    from: 'extension',
    req: BuyerOnPage,
    res: z.nullable(BuyerCard),
  },
  /** Sidebar: the buyer on screen — created on first sight, lastContactAt bumped; with linked case/evidence counts. */
  'buyer:seen': {
    from: 'extension',
    req: BuyerOnPage,
    res: BuyerCard,
  },
  /** Extension page (sidebar card, dashboard): a buyer's notes and tags. */
  'buyer:update': {
    from: 'extension',
    req: z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(300)), notes: z.string().check(z.maxLength(20_000)), tags: z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(50)) }),
    res: Buyer,
  },
  /** Extension page: switch Xiaoer on/off for a host (the page asked for the host permission from the click); registers the content script, injects it into tabId now. */
  'site:set-enabled': {
    from: 'extension',
    req: z.strictObject({ host: z.string().check(z.minLength(1), z.maxLength(300)), enabled: z.boolean(), tabId: z.nullable(z.int()) }),
    res: z.object({ enabled: z.boolean(), registered: z.array(z.string()) }),
  },

  // ── site profiles (issue 4) ──
  /** Content script (overlay core, on load): the taught profile for the host it reads, or null. Selectors only: nothing private. */
  'profile:get': { from: 'content', req: z.strictObject({ host: HostName }), res: z.nullable(SiteProfile) },
  /** Extension page (sidebar picker): set some selectors of a host's profile (created on first pick; null clears a field); pushed to that host's tabs. */
  'profile:save': {
    from: 'extension',
    req: z.strictObject({ host: HostName, name: z.optional(z.string().check(z.maxLength(200))), fields: z.partialRecord(PickField, Selector) }),
    res: SiteProfile,
  },
  /** Extension page (dashboard Sites): every taught profile, by host. */
  'profile:list': { from: 'extension', req: Empty, res: z.array(SiteProfile) },
  /** Extension page (dashboard Sites): name a host's profile; one no longer stored is refused (not made again, empty). */
  'profile:rename': { from: 'extension', req: z.strictObject({ host: HostName, name: z.string().check(z.maxLength(200)) }), res: SiteProfile },
  /** Extension page: forget a host's profile (its tabs fall back to the built-in reading). */
  'profile:delete': { from: 'extension', req: z.strictObject({ host: HostName }), res: z.object({ deleted: z.boolean() }) },
  /** Extension page: import a profiles JSON file (format xiaoer.site-profiles v1); a bad file is refused whole, naming the place. */
  'profile:import': { from: 'extension', req: z.strictObject({ text: z.string().check(z.maxLength(5_000_000)) }), res: z.object({ imported: z.int(), hosts: z.array(z.string()) }) },
  /** Extension page: the profiles JSON file (all hosts, or the ones named). */
  'profile:export': { from: 'extension', req: z.strictObject({ hosts: z.optional(z.array(HostName).check(z.maxLength(10_000))) }), res: z.object({ text: z.string(), count: z.int() }) },

  // ── team library URL (lib/replies/team-library.ts): the one request Xiaoer makes of its own ──
  /** Extension page (dashboard Library): the team library URL (null: none) and what its last fetches did. */
  'team-library:get': { from: 'extension', req: Empty, res: TeamLibraryState },
  /**
   * Extension page (dashboard Library): use this URL — the page asked for its origin's host permission
   * in the seller's click — and fetch it now. Saved even when that first fetch fails (the status says why).
   */
  'team-library:set': { from: 'extension', req: z.strictObject({ url: z.string().check(z.minLength(1), z.maxLength(2_000)) }), res: TeamLibraryState },
  /** Extension page: fetch the team library now and merge it (all or nothing). */
  'team-library:update': { from: 'extension', req: Empty, res: TeamLibraryState },
  /** Extension page: forget the URL (no more fetches); the replies it brought stay. */
  'team-library:stop': { from: 'extension', req: Empty, res: TeamLibraryState },
} as const;

export type BackgroundRequestType = keyof typeof BackgroundRequests;
export type BackgroundReq<T extends BackgroundRequestType> = z.input<(typeof BackgroundRequests)[T]['req']>;
export type BackgroundRes<T extends BackgroundRequestType> = z.output<(typeof BackgroundRequests)[T]['res']>;


export const InsertResult = z.union([
  // covered: a review's reply box or its submit button is under the open sidebar ('beside': putting the sidebar beside
  // the page uncovers it; 'close': the window is too narrow for that) — core.ts, sidebar-frame.ts covers().
  z.object({ ok: z.literal(true), strategy: z.string(), covered: z.optional(z.enum(['beside', 'close'])) }),
  // copied: on 'clipboard-needed', whether the overlay put the reply on the clipboard itself (core.ts).
  z.object({ ok: z.literal(false), reason: z.string(), message: z.string(), copied: z.optional(z.boolean()) }),
]);
export type InsertResult = z.infer<typeof InsertResult>;

/** The overlay's report on the "Beside page" room (lib/sidebar-room.ts), parsed by the sidebar where received. */
export const SidebarRoom = z.strictObject({ beside: z.boolean(), fits: z.boolean(), minWindow: z.int().check(z.nonnegative(), z.maximum(100_000)) });

/** Commands the overlay content script accepts (only from our extension). */

export const OverlayCommands = {
  'overlay:state': { req: Empty, res: PageState },
  'overlay:insert': {
    req: z.strictObject({
      text: z.string().check(z.maxLength(100_000)),
      cursorOffset: z.nullable(z.int().check(z.nonnegative())),
      /** Insert into this review's reply box instead of the chat composer. */
      reviewKey: z.nullable(z.string().check(z.maxLength(300))),
      /** Replace this many characters before the caret (the shortcut a Tab expansion left waiting for values). */
      replaceBefore: z.nullable(z.int().check(z.nonnegative(), z.maximum(40))),
    }),
    res: InsertResult,
  },
  'overlay:messages': { req: Empty, res: z.array(ChatMessage) },
  /** Whether an input method's word is open in the chat box during a fill-in's hold: the form then does not take the keyboard yet (type-ahead.ts). */
  'overlay:fill-composing': { req: Empty, res: z.strictObject({ composing: z.boolean() }) },
  /** The sidebar's fill-in form has the keyboard: the keys typed into the page since the Tab that asked for it (type-ahead.ts). */
  'overlay:fill-ready': {
    req: Empty,
    res: z.strictObject({ fields: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(20)), submit: z.boolean() }),
  },
  // beside: put the sidebar beside the page (the page narrows) or over it, remembered for the site; the answer says which.
  'overlay:sidebar': { req: z.strictObject({ open: z.optional(z.boolean()), focusSearch: z.optional(z.boolean()), beside: z.optional(z.boolean()) }), res: z.object({ open: z.boolean(), beside: z.boolean() }) },
  'overlay:shortcuts': { req: ShortcutTable, res: z.object({}) },

  // ── evidence, screenshots (issue 5) ──
  /** Start a screenshot: hide Xiaoer's own UI, (element: let the seller pick), report geometry and redaction boxes; a watchdog restores the page if no command follows. */
  'overlay:capture-begin': { req: z.strictObject({ jobId: JobId, mode: z.enum(['visible', 'page', 'element', 'pane']) }), res: CaptureGeometry },
  /** Scroll the capture's scroller to `top` (hiding fixed/sticky elements from the second slice on); replies with the position reached, once painted. */
  // `height`: what is captured measured again at this slice (geometry.scrollHeight at the start): it grew or shrank
  // when a picture loaded or a message arrived mid-capture, and the plan no longer fits (capture.ts starts again).
  'overlay:capture-scroll': { req: z.strictObject({ jobId: JobId, index: z.int().check(z.nonnegative()), top: z.number(), left: z.optional(z.number()) }), res: z.object({ top: z.number(), left: z.optional(z.number()), height: z.optional(z.number()) }) },
  /** End a screenshot: restore scroll positions, hidden elements and Xiaoer's UI. */
  'overlay:capture-end': { req: z.strictObject({ jobId: JobId }), res: z.object({}) },
  /** The conversation for a chat capture: messages, page facts and the pane's HTML (capped, unsanitised: the receiver sanitises). */
  'overlay:chat-snapshot': { req: Empty, res: ChatSnapshot },
  // Scroll the chat pane up (or click its "load more") until the page loads no earlier messages (load-history.ts).
  'overlay:load-history': { req: Empty, res: HistoryLoad },
  'overlay:load-history-cancel': { req: Empty, res: z.object({}) },
  /** The text selected on the page with the surrounding messages ("save the buyer's words"). */
  'overlay:selection': { req: Empty, res: SelectionSnapshot },

  // ── reviews (issue 6) ──

  // ── buyers, sites (issue 7) ──

  // ── site profiles (issue 4) ──
  /** Element picker: the seller points at one page part (hover box, click, Esc cancels, Skip); `prompt`/`skip`/`cancel` are the bar's words in the sidebar's language. */
  'overlay:pick': {
    req: z.strictObject({
      field: PickField,
      prompt: z.string().check(z.maxLength(300)),
      skip: z.string().check(z.maxLength(40)),
      cancel: z.string().check(z.maxLength(40)),
    }),
    res: z.object({ outcome: z.enum(['picked', 'skipped', 'cancelled']), host: z.string(), selector: z.nullable(z.string()), preview: z.string() }),
  },
  /** Stop a running pick (the sidebar's Esc). */
  'overlay:pick-cancel': { req: Empty, res: z.object({}) },
  /** The background pushes a host's profile after a save/delete/import; the overlay keeps it when it reads that host. */
  'overlay:profile': { req: z.strictObject({ host: HostName, profile: z.nullable(SiteProfile) }), res: z.object({ applied: z.boolean() }) },
  /** The agent corrects a context value for the conversation on screen (null removes the correction). */
  'overlay:correct': { req: z.strictObject({ field: CorrectableField, value: z.nullable(z.string().check(z.maxLength(200))) }), res: PageState },
} as const;

export type OverlayCommandType = keyof typeof OverlayCommands;
export type OverlayReq<T extends OverlayCommandType> = z.input<(typeof OverlayCommands)[T]['req']>;
export type OverlayRes<T extends OverlayCommandType> = z.output<(typeof OverlayCommands)[T]['res']>;


/** Sidebar → overlay messages carry the sidebar's language preference. */
export const SidebarLang = Lang;


/** Rough JSON size, refusing oversized payloads before schema work. */
export function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}


/**
 * Parse one incoming message against a table of schemas. Returns the typed
 * request or a typed error; never throws.
 */
export function parseIncoming<Table extends Record<string, { req: z.ZodMiniType }>>(
  table: Table,
  raw: unknown,
): { ok: true; type: keyof Table & string; payload: unknown } | { ok: false; error: ProtocolError } {
  if (jsonSize(raw) > MAX_MESSAGE_BYTES) return fail('too-large', 'message larger than the 8 MB limit');
  const env = Envelope.safeParse(raw);
  if (!env.success) return fail('bad-request', 'not a Xiaoer message');
  const def = Object.prototype.hasOwnProperty.call(table, env.data.type) ? table[env.data.type] : undefined;
  if (!def) return fail('unknown-type', `unknown message type "${env.data.type}"`);
  const parsed = def.req.safeParse(env.data.payload);
  // A value over the protocol's limit (a profiles file of more than 5 million characters) is said as "too large"
  // in the seller's language (failure-text.ts); the zod sentence alone reached the dashboard in English.
  if (!parsed.success) return fail('bad-request', zodMessage(parsed.error), parsed.error.issues[0]?.code === 'too_big' ? { what: 'too-big' } : undefined);
  return { ok: true, type: env.data.type as keyof Table & string, payload: parsed.data };
}

/** Who sent a runtime message, decided from the browser's sender record only. */
export type SenderKind = 'extension' | 'content' | 'foreign';

export function classifySender(
  sender: { id?: string; url?: string; tab?: unknown; origin?: string },
  extensionId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const base = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  // An extension page's document URL is on our origin. A content script's sender.url
  // is the page's URL — whatever it puts inside the message.
  const onOurOrigin = (sender.url ?? '').startsWith(base) && (sender.origin === undefined || `${sender.origin}/` === base);
  if (onOurOrigin) return 'extension';
  if (sender.tab) return 'content';
  return 'foreign';
}


/** Ask the background; the reply is validated against the protocol's schema. */
export async function requestBackground<T extends BackgroundRequestType>(
  send: (message: Envelope) => Promise<unknown>,
  type: T,
  payload: BackgroundReq<T>,
): Promise<BackgroundRes<T>> {
  const raw = await send(envelope(type, payload));
  return unwrapReply(raw, BackgroundRequests[type].res, type) as BackgroundRes<T>;
}

/** Send a command to one tab's overlay; the reply (page data) is validated here. */
export async function commandOverlay<T extends OverlayCommandType>(
  send: (message: Envelope) => Promise<unknown>,
  type: T,
  payload: OverlayReq<T>,
): Promise<OverlayRes<T>> {
  let raw: unknown;
  try {
    raw = await send(envelope(type, payload));
  } catch (e) {
    throw new XiaoerError('not-found', e instanceof Error ? e.message : String(e));
  }
  return unwrapReply(raw, OverlayCommands[type].res, type) as OverlayRes<T>;
}

// ── reply search worker (sidebar, popup; issue 3) ──
// The reply index (folding + pinyin of every reply: seconds on a 10,000-reply library)
// is built in a dedicated worker so the sidebar never freezes; these are the worker's
// messages, parsed on receipt on both sides like every other channel.

/**
 * The most hits one search answers: the dashboard Library's filter asks for every match (its Select all
 * feeds Delete and Move), not a sidebar's first screen; a library larger than this is not a team's.
 */
export const LIBRARY_SEARCH_MAX = 100_000;

/** To the worker: the current library (the index is rebuilt incrementally), or one query. */
export const ReplySearchRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library'), replies: z.array(Reply) }),
  z.strictObject({
    kind: z.literal('search'),
    /** Increases per query; the page keeps only the answer to its latest. */
    id: z.int(),
    query: z.string().check(z.maxLength(500)),
    categoryId: z.nullable(z.string()),
    limit: z.int().check(z.positive(), z.maximum(LIBRARY_SEARCH_MAX)),
  }),
]);
export type ReplySearchRequest = z.infer<typeof ReplySearchRequest>;

/** From the worker: the hits of one query, as reply ids (the page holds the replies). */
export const ReplySearchAnswer = z.strictObject({
  id: z.int(),
  hits: z.array(z.strictObject({ replyId: z.string(), score: z.number(), matched: z.enum(['shortcut', 'prefix', 'title', 'tag', 'body', 'pinyin', 'fuzzy', 'all']) })),
  /** Set when the worker could not answer (bad request); the page shows it. */
  error: z.nullable(z.string()),
});
export type ReplySearchAnswer = z.infer<typeof ReplySearchAnswer>;
