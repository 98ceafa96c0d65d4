/**
 * The sidebar's review-reply drafts, by review key, for the life of the sidebar frame.
 *
 * Why not React state in the card: a card unmounts whenever the page swaps its list (next page, a
 * filter) and the whole Reviews panel unmounts when the agent switches tabs, and each time the
 * typed reply went with it. Keyed by the review key — the page's id, or for the generic adapter a
 * fingerprint of what the review shows — so a reply comes back to the review it was written for
 * and never passes to the next page's review in the same place.
 *
 * Unsaved edits live here (this frame may not open IndexedDB) and are mirrored into
 * chrome.storage.session per tab, host and review (keepCardDrafts): a reload of the page makes a new
 * sidebar frame, and a reply typed but not saved went with the old one. Saved ones are in the
 * background's `reviewDrafts`, which the card reopens from when this store has nothing.
 */
import { useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { DRAFT_VARIANTS, type DraftVariant } from '../../lib/reviews/draft';

export interface CardDraft {
  /** The reply per variant, as the agent left it. */
  texts: Record<DraftVariant, string>;
  /**
   * The drafts `texts` started from (made with the settings of that moment): a variant still equal
   * to its base is untouched, and follows settings saved later (see followSettings).
   */
  base: Record<DraftVariant, string>;
  /** The variant shown (and saved/inserted). */
  variant: DraftVariant;
  /** The stored draft this one updates on save; null until first saved. */
  draftId: string | null;
  /**
   * The stored draft as this card last saved or opened it (its variant, text and updatedAt). A draft edited
   * since in the dashboard's history is newer: the card takes that text when the seller has not typed here
   * since (else it keeps their words and says so) — the card showed its old copy, and the next Save here
   * overwrote the history's edit without a word.
   */
  saved?: { variant: DraftVariant; text: string; at: string };
}

const drafts = new Map<string, CardDraft>();
const listeners = new Set<() => void>();

const Texts = z.object({ warm: z.string(), brief: z.string(), formal: z.string() });
/** What storage.session hands back is read, not trusted: another build of ours may have written it. */
const StoredCardDraft = z.object({
  texts: Texts,
  base: Texts,
  variant: z.enum(DRAFT_VARIANTS),
  draftId: z.nullable(z.string()),
  saved: z.optional(z.object({ variant: z.enum(DRAFT_VARIANTS), text: z.string(), at: z.string() })),
});

/** The tab and host whose drafts this frame mirrors ("<tab> <host>"; null until the panel knows its page). */
let keptScope: string | null = null;
const SESSION_PREFIX = 'reviewCardDraft ';
/**
 * One storage key per review, so nothing overwrites another review's reply. Spaces between the parts
 * (neither a tab id nor a host has one): storage cut a key at a U+0000 and every review shared one.
 */
const sessionKey = (scope: string, key: string) => `${SESSION_PREFIX}${scope} ${key}`;

/**
 * Mirror this frame's drafts for this tab and `host` into chrome.storage.session (kept until the
 * browser closes) and take back the ones a previous frame of this tab left there — after a reload,
 * the reply typed but not saved is still under its review. A review already drafted in this frame
 * keeps its own text. Per tab: another tab of the backend starts from the saved drafts, as before,
 * not from words half-typed elsewhere.
 */
export async function keepCardDrafts(tabId: number, host: string): Promise<void> {
  const scope = `${tabId} ${host}`;
  if (!host || keptScope === scope) return;
  keptScope = scope;
  const all = (await browser.storage.session.get(null).catch(() => ({}))) as Record<string, unknown>;
  const prefix = `${SESSION_PREFIX}${scope} `;
  let restored = false;
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(prefix)) continue;
    const key = k.slice(prefix.length);
    const parsed = StoredCardDraft.safeParse(v);
    if (!parsed.success || drafts.has(key)) continue;
    drafts.set(key, parsed.data);
    restored = true;
  }
  if (restored) for (const fn of listeners) fn();
  // Drafts made before the host was known (a card opened while this ran) are mirrored now.
  for (const [key, d] of drafts) void browser.storage.session.set({ [sessionKey(scope, key)]: d }).catch(() => null);
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function getCardDraft(key: string): CardDraft | null {
  return drafts.get(key) ?? null;
}

export function setCardDraft(key: string, next: CardDraft | ((prev: CardDraft | null) => CardDraft)): void {
  const value = typeof next === 'function' ? next(drafts.get(key) ?? null) : next;
  drafts.set(key, value);
  for (const fn of listeners) fn();
  if (keptScope) void browser.storage.session.set({ [sessionKey(keptScope, key)]: value }).catch(() => null);
}

/** One review's draft; the card re-renders when it changes. */
export function useCardDraft(key: string): CardDraft | null {
  return useSyncExternalStore(subscribe, () => getCardDraft(key));
}

/** Whether the seller typed in the card since it last saved or opened its stored draft. */
function typedSinceSaved(d: CardDraft): boolean {
  return d.saved !== undefined && d.texts[d.saved.variant] !== d.saved.text;
}

/**
 * The card against its stored draft (`last`, the history's row for this review): 'newer' when the stored
 * draft was saved elsewhere (the dashboard's Edit, another tab's sidebar) after this card's copy and the
 * card has nothing typed since — the card takes the stored text (adoptStored); 'conflict' when the seller
 * typed here meanwhile — their words stay, and the card says the history holds another text (Save here
 * replaces it: the newest save wins); null otherwise.
 */
export function againstStored(d: CardDraft, last: { id: string; variant: DraftVariant; text: string; updatedAt: string } | null): 'newer' | 'conflict' | null {
  if (!last || !d.saved || d.draftId !== last.id || last.updatedAt <= d.saved.at || d.texts[last.variant] === last.text) return null;
  return typedSinceSaved(d) ? 'conflict' : 'newer';
}

/** The card with the stored draft's text (againstStored said 'newer'). */
export function adoptStored(d: CardDraft, last: { variant: DraftVariant; text: string; updatedAt: string }): CardDraft {
  return { ...d, texts: { ...d.texts, [last.variant]: last.text }, variant: last.variant, saved: { variant: last.variant, text: last.text, at: last.updatedAt } };
}

/**
 * The draft as it reads with today's settings. A variant the agent never touched takes the draft made
 * now: a shop or agent name, signature or promotion saved in Settings after the card was opened reached
 * the reply only through New draft, which then asked to throw away edits nobody had made. A variant the
 * agent edited keeps the text as typed.
 */
export function followSettings(draft: CardDraft, templates: Record<DraftVariant, string>): CardDraft {
  if (DRAFT_VARIANTS.every((v) => draft.base[v] === templates[v])) return draft;
  const texts = { ...draft.texts };
  for (const v of DRAFT_VARIANTS) if (texts[v] === draft.base[v]) texts[v] = templates[v];
  return { ...draft, texts, base: templates };
}
