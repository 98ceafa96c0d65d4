/**
 * The popup's target tab and its Xiaoer state, asked by the popup's first
 * frame (entrypoints/popup-first.ts) the moment it runs, while the app's
 * modules load (on a page just loaded the overlay's core loads meanwhile). The
 * answer is parsed with the protocol's schema before any use. The tab status
 * is what makes the search box usable, and it is a round trip to the page.
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
  return stateOf(await browser.tabs.sendMessage(tabId, envelope('overlay:state', {}), { frameId: 0 }).catch(() => null));
}

/** An 'overlay:state' reply as received (raw), parsed with the protocol's schema; anything else is a tab Xiaoer does not run in. */
function stateOf(raw: unknown): PageState | 'off' {
  try {
    return raw === null ? 'off' : unwrapReply(raw, PageState, 'overlay:state');
  } catch {
    return 'off';
  }
}

function hostOf(url: string | null | undefined): string | null {
  try {
    const u = url ? new URL(url) : null;
    return u && /^https?:$/.test(u.protocol) ? u.hostname : null;
  } catch {
    return null;
  }
}

async function readTabStatus(): Promise<TabStatus> {
  const tabId = await targetTabId();
  if (tabId === null) return { tabId, host: null, state: 'off' };
  const [tab, state] = await Promise.all([browser.tabs.get(tabId).catch(() => null), pageState(tabId)]);
  return { tabId, host: hostOf(tab?.url), state };
}

/**
 * Asked once, by the popup's first frame (entrypoints/popup-first.ts), before React or the store load;
 * the app reads it from the shell. Never rejects: a tab that cannot be asked (closed, a browser page)
 * is a tab Xiaoer does not run in.
 */
export async function tabStatus(): Promise<TabStatus> {
  try {
    return await readTabStatus();
  } catch {
    return { tabId: null, host: null, state: 'off' };
  }
}
