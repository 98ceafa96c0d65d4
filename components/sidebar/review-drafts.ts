/**
 * The sidebar's review-reply drafts, by review key, for the life of the sidebar frame.
 *
 * Why not React state in the card: a card unmounts whenever the page swaps its list (next page, a
 * filter) and the whole Reviews panel unmounts when the agent switches tabs, and each time the
 * typed reply went with it. Keyed by the review key — the page's id, or for the generic adapter a
 * fingerprint of what the review shows — so a reply comes back to the review it was written for
 * and never passes to the next page's review in the same place.
 *
 * Unsaved edits live only here (this frame may not open IndexedDB); saved ones are in the
 * background's `reviewDrafts`, which the card reopens from when this store has nothing.
 */
import { useSyncExternalStore } from 'react';
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
}

const drafts = new Map<string, CardDraft>();
const listeners = new Set<() => void>();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function getCardDraft(key: string): CardDraft | null {
  return drafts.get(key) ?? null;
}

export function setCardDraft(key: string, next: CardDraft | ((prev: CardDraft | null) => CardDraft)): void {
  drafts.set(key, typeof next === 'function' ? next(drafts.get(key) ?? null) : next);
  for (const fn of listeners) fn();
}

/** One review's draft; the card re-renders when it changes. */
export function useCardDraft(key: string): CardDraft | null {
  return useSyncExternalStore(subscribe, () => getCardDraft(key));
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
