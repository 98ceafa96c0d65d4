/** Browser glue shared by the extension pages (sidebar, popup, dashboard). */
import { browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import {
  CAPTURE_PROGRESS,
  CaptureProgress,
  DATA_CHANGED,
  DataChanged,
  commandOverlay,
  requestBackground,
  type BackgroundReq,
  type BackgroundRequestType,
  type BackgroundRes,
  type OverlayCommandType,
  type OverlayReq,
  type OverlayRes,
} from '../lib/messaging';

// The tab a page works for: its own light file, as the popup's first frame asks it (components/popup/tab-status.ts).
export { targetTabId } from './tab-target';

type Broadcasts = { [DATA_CHANGED]: z.infer<typeof DataChanged>; [CAPTURE_PROGRESS]: z.infer<typeof CaptureProgress> };
const BROADCAST_SCHEMAS = { [DATA_CHANGED]: DataChanged, [CAPTURE_PROGRESS]: CaptureProgress };

/**
 * Listen to one background broadcast. Only our own contexts without a tab (the
 * service worker, extension pages) count: a content script shares our extension
 * id, and the page it runs in could otherwise make it fake a "data changed" or
 * a capture progress in the sidebar. The payload is parsed on receipt.
 */
export function onBroadcast<T extends keyof Broadcasts>(type: T, listener: (payload: Broadcasts[T]) => void): () => void {
  const onMessage = (raw: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const msg = raw as { xiaoer?: unknown; type?: unknown; payload?: unknown } | null;
    if (msg?.type !== type) return undefined;
    const parsed = BROADCAST_SCHEMAS[type].safeParse(msg.payload);
    if (parsed.success) listener(parsed.data as Broadcasts[T]);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () => browser.runtime.onMessage.removeListener(onMessage as Parameters<typeof browser.runtime.onMessage.removeListener>[0]);
}

export function askBackground<T extends BackgroundRequestType>(type: T, payload: BackgroundReq<T>): Promise<BackgroundRes<T>> {
  return requestBackground((m) => browser.runtime.sendMessage(m), type, payload);
}

export function askOverlay<T extends OverlayCommandType>(tabId: number, type: T, payload: OverlayReq<T>): Promise<OverlayRes<T>> {
  return commandOverlay((m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }), type, payload);
}

