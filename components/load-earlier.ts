/**
 * "Whole conversation": before a chat is captured (sidebar Evidence tab, popup), the overlay loads the
 * chat's earlier messages into the page (entrypoints/overlay.content/load-history.ts). One setting for
 * both places — the popup's Capture chat kept only the 40 newest of a 300-message chat while the
 * sidebar's kept them all, and said nothing about it.
 */
import { browser } from 'wxt/browser';
import type { MessageKey } from '../lib/i18n';
import { askOverlay } from './ext';

/** chrome.storage.local: false when the seller unticked "load earlier messages first" (the sidebar's box). */
export const WHOLE_HISTORY_KEY = 'sidebarWholeHistory';

/** On unless the seller unticked it; on when storage cannot be read. */
export async function wholeHistoryWanted(): Promise<boolean> {
  const got = (await browser.storage.local.get(WHOLE_HISTORY_KEY).catch(() => ({}))) as Record<string, unknown>;
  return got[WHOLE_HISTORY_KEY] !== false;
}

export function storeWholeHistory(on: boolean): Promise<void> {
  return browser.storage.local.set({ [WHOLE_HISTORY_KEY]: on }).catch(() => undefined);
}

/**
 * Loads the tab's earlier chat messages. `note`: what to tell the seller about it (null: nothing worth saying,
 * or no chat pane). `abort`: capture nothing, say this instead — another conversation was opened meanwhile.
 */
export async function loadEarlierMessages(
  tabId: number,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): Promise<{ note: string | null; abort: string | null }> {
  try {
    const h = await askOverlay(tabId, 'overlay:load-history', {});
    if (h.stopped === 'conversation-changed') return { note: null, abort: t('evHistoryConversationChanged') };
    if (h.stopped === 'cancelled') return { note: t('evHistoryCancelled'), abort: null };
    if (h.stopped === 'time-limit') return { note: t('evHistoryTimeLimit'), abort: null };
    return { note: h.loads ? t('evHistoryLoaded', { n: h.loads }) : null, abort: null };
  } catch {
    // No pane, or the page went away: the capture itself says what it can.
    return { note: null, abort: null };
  }
}

export function cancelEarlierMessages(tabId: number): void {
  void askOverlay(tabId, 'overlay:load-history-cancel', {}).catch(() => null);
}
