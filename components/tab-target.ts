/** Which marketplace tab an extension page works for; without the protocol's schemas (the popup's first frame asks it). */
import { browser } from 'wxt/browser';

/**
 * The marketplace tab a page works for. The sidebar frame lives in that tab; the
 * popup (and a popup opened as a tab in tests) takes `?tab=ID`, else the last
 * focused window's active tab.
 */
export async function targetTabId(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  // Both asked at once (the popup opens on every click; each is a round trip to the browser).
  const [current, activeTabs] = await Promise.all([browser.tabs.getCurrent().catch(() => undefined), browser.tabs.query({ active: true, lastFocusedWindow: true })]);
  if (current?.id !== undefined && !current.url?.startsWith(browser.runtime.getURL('/'))) return current.id;
  return activeTabs[0]?.id ?? null;
}
