/**
 * "Whole conversation": before a chat is captured (sidebar Evidence tab, popup), the overlay loads the
 * chat's earlier messages into the page (entrypoints/overlay.content/load-history.ts). One setting for
 * both places — the popup's Capture chat kept only the 40 newest of a 300-message chat while the
 * sidebar's kept them all, and said nothing about it. (The popup asks the background to load them as part
 * of the capture, so a popup closed meanwhile still gets its chat saved.)
 */
import type { MessageKey } from '../lib/i18n';
import type { HistoryLoad } from '../lib/messaging';
import type { Lang } from '../lib/schema';
import { countKey } from './plural';
import { askOverlay } from './ext';
import { localPref } from './local-pref';

/** chrome.storage.local: false when the seller unticked "load earlier messages first" (the sidebar's box); on otherwise. */
const wholeHistory = localPref('sidebarWholeHistory', (raw) => raw !== false);

/** On unless the seller unticked it; on when storage cannot be read. */
export function wholeHistoryWanted(): Promise<boolean> {
  return wholeHistory.read().catch(() => true);
}

export function storeWholeHistory(on: boolean): Promise<void> {
  return wholeHistory.write(on).catch(() => undefined);
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What to tell the seller about a load of earlier messages (null: nothing worth saying). */
export function historyNote(h: HistoryLoad | undefined, t: T, lang: Lang): string | null {
  if (!h) return null;
  if (h.stopped === 'conversation-changed') return t('evHistoryConversationChanged');
  if (h.stopped === 'cancelled') return t('evHistoryCancelled');
  if (h.stopped === 'time-limit') return t('evHistoryTimeLimit');
  // Counted in the language's own plural (English said "loaded (1 times)").
  return h.loads ? t(countKey(lang, h.loads, 'evHistoryLoadedOne', 'evHistoryLoaded'), { n: h.loads }) : null;
}

/** "Chat saved as evidence #12: 1 message" — the sidebar's and the popup's line (English said "1 messages"). */
export function chatSavedText(seq: number, messages: number, t: T, lang: Lang): string {
  return t(countKey(lang, messages, 'evChatSavedOne', 'evChatSaved'), { seq, n: messages });
}

/**
 * Loads the tab's earlier chat messages. `note`: what to tell the seller about it (null: nothing worth saying,
 * or no chat pane). `abort`: capture nothing, say this instead — another conversation was opened meanwhile.
 */
export async function loadEarlierMessages(tabId: number, t: T, lang: Lang): Promise<{ note: string | null; abort: string | null }> {
  // No pane, or the page went away: the capture itself says what it can.
  const h = await askOverlay(tabId, 'overlay:load-history', {}).catch(() => undefined);
  if (h?.stopped === 'conversation-changed') return { note: null, abort: historyNote(h, t, lang) };
  return { note: historyNote(h, t, lang), abort: null };
}

export function cancelEarlierMessages(tabId: number): void {
  void askOverlay(tabId, 'overlay:load-history-cancel', {}).catch(() => null);
}
