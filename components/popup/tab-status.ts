/**
 * The popup's target tab and its Xiaoer state, asked the moment the popup's
 * script runs — in parallel with opening the database and the first render,
 * not after them: the tab status is what makes the search box usable, and it
 * is a round trip to the page.
 */
import { browser } from 'wxt/browser';
import { PageState } from '../../lib/schema/page';
import { envelope, unwrapReply } from '../../lib/wire';
import { targetTabId } from '../tab-target';

export interface TabStatus {
  tabId: number | null;
  /** http(s) host of the tab, when activeTab or a host permission lets us see its URL. */
  host: string | null;
  /** 'off': no overlay answered (not enabled here, or not a web page). */
  state: PageState | 'off';
}

/**
 * 'overlay:state' as components/ext.ts askOverlay sends it, the reply parsed with the schema the
 * protocol names for it (OverlayCommands in lib/messaging.ts; a unit test holds the two together) —
 * without importing the protocol: building all its schemas held the popup's first frame ~25 ms.
 */
export async function pageState(tabId: number): Promise<PageState | 'off'> {
  try {
    return unwrapReply(await browser.tabs.sendMessage(tabId, envelope('overlay:state', {}), { frameId: 0 }), PageState, 'overlay:state');
  } catch {
    return 'off';
  }
}

async function readTabStatus(): Promise<TabStatus> {
  const tabId = await targetTabId();
  if (tabId === null) return { tabId, host: null, state: 'off' };
  const [tab, state] = await Promise.all([browser.tabs.get(tabId).catch(() => null), pageState(tabId)]);
  let host: string | null = null;
  try {
    const u = tab?.url ? new URL(tab.url) : null;
    host = u && /^https?:$/.test(u.protocol) ? u.hostname : null;
  } catch {
    host = null;
  }
  return { tabId, host, state };
}

/** Never rejects: a tab that cannot be asked (closed, a browser page) is a tab Xiaoer does not run in. */
async function safeTabStatus(): Promise<TabStatus> {
  try {
    return await readTabStatus();
  } catch {
    return { tabId: null, host: null, state: 'off' };
  }
}

let early: Promise<TabStatus> | null = null;

/** Started once, by the popup's first frame (entrypoints/popup/main.ts), before React or the store load. */
export function tabStatus(): Promise<TabStatus> {
  early ??= safeTabStatus();
  return early;
}
