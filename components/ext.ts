/** Browser glue shared by the extension pages (sidebar, popup, dashboard). */
import { browser } from 'wxt/browser';
import {
  commandOverlay,
  requestBackground,
  type BackgroundReq,
  type BackgroundRequestType,
  type BackgroundRes,
  type OverlayCommandType,
  type OverlayReq,
  type OverlayRes,
} from '../lib/messaging';

export function askBackground<T extends BackgroundRequestType>(type: T, payload: BackgroundReq<T>): Promise<BackgroundRes<T>> {
  return requestBackground((m) => browser.runtime.sendMessage(m), type, payload);
}

export function askOverlay<T extends OverlayCommandType>(tabId: number, type: T, payload: OverlayReq<T>): Promise<OverlayRes<T>> {
  return commandOverlay((m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }), type, payload);
}

/**
 * The marketplace tab a page works for. The sidebar frame lives in that tab; the
 * popup (and a popup opened as a tab in tests) takes `?tab=ID`, else the last
 * focused window's active tab.
 */
export async function targetTabId(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const current = await browser.tabs.getCurrent().catch(() => undefined);
  if (current?.id !== undefined && !current.url?.startsWith(browser.runtime.getURL('/'))) return current.id;
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return active?.id ?? null;
}
