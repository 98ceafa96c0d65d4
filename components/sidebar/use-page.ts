/**
 * The sidebar's link to its tab's overlay: a runtime port for pushed page state
 * (conversation switches), plus typed commands (insert, messages). Every pushed
 * state is parsed with zod here, where it is received.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SidebarPortEvent, type PageState } from '../../lib/messaging';
import { askOverlay, targetTabId } from '../ext';
import { localPref } from '../local-pref';

export interface PageLink {
  tabId: number | null;
  state: PageState | null;
  error: string | null;
  /** Bumped when the overlay asks to focus the search box (keyboard command). */
  focusSignal: number;
  /** A reply the overlay wants filled in (Tab expansion with a missing value), and the shortcut length to replace. */
  fill: { replyId: string; replaceBefore: number; seq: number } | null;
}

/**
 * This frame's tab, asked once: the link and the close both wait on the same answer. An Esc pressed
 * before it came (the search has the keyboard on the first render; under load the two round trips
 * behind the answer took longer than that) closed nothing — CI, session 16.
 */
let tabIdAsked: Promise<number | null> | null = null;
const sidebarTabId = () => (tabIdAsked ??= import.meta.env.MODE === 'e2e' ? lateInE2e(targetTabId()) : targetTabId());

/**
 * e2e builds only: storage.session `e2eSidebarTabLateMs` holds the frame's tab answer back that long —
 * what a loaded machine does — so test/e2e/replies.spec.ts can press Esc before it came. Read
 * alongside the answer, not before it.
 */
async function lateInE2e(answer: Promise<number | null>): Promise<number | null> {
  const [tabId, late] = await Promise.all([answer, browser.storage.session.get('e2eSidebarTabLateMs').catch(() => ({}))]);
  const ms = (late as { e2eSidebarTabLateMs?: unknown }).e2eSidebarTabLateMs;
  if (typeof ms === 'number' && ms > 0) await new Promise((r) => setTimeout(r, ms));
  return tabId;
}

export function usePageLink(): PageLink {
  const [link, setLink] = useState<PageLink>({ tabId: null, state: null, error: null, focusSignal: 0, fill: null });
  useEffect(() => {
    let port: ReturnType<typeof browser.tabs.connect> | null = null;
    let cancelled = false;
    void sidebarTabId().then(async (tabId) => {
      if (cancelled) return;
      if (tabId === null) {
        setLink((l) => ({ ...l, error: 'no-tab' }));
        return;
      }
      setLink((l) => ({ ...l, tabId }));
      try {
        const state = await askOverlay(tabId, 'overlay:state', {});
        if (!cancelled) setLink((l) => ({ ...l, state, error: null }));
      } catch (e) {
        if (!cancelled) setLink((l) => ({ ...l, error: e instanceof Error ? e.message : String(e) }));
      }
      port = browser.tabs.connect(tabId, { name: 'xiaoer-sidebar', frameId: 0 });
      port.onMessage.addListener((raw: unknown) => {
        const parsed = SidebarPortEvent.safeParse(raw);
        if (!parsed.success) return;
        const event = parsed.data;
        if (event.type === 'state') setLink((l) => ({ ...l, state: event.state, error: null }));
        else if (event.type === 'focus-search') setLink((l) => ({ ...l, focusSignal: l.focusSignal + 1 }));
        else {
          // A shortcut longer than any typed one: delete nothing rather than the agent's own text.
          const replaceBefore = event.replaceBefore <= 40 ? event.replaceBefore : 0;
          setLink((l) => ({ ...l, fill: { replyId: event.replyId, replaceBefore, seq: (l.fill?.seq ?? 0) + 1 } }));
        }
      });
    });
    return () => {
      cancelled = true;
      port?.disconnect();
    };
  }, []);
  return link;
}

/** chrome.storage.local: the sites where the seller put the sidebar beside the page. */
const besideHosts = localPref('sidebarBesideHosts', (raw) => (Array.isArray(raw) ? raw.filter((h): h is string => typeof h === 'string') : []));

/** Whether the seller put the sidebar beside the page on `host` (false when storage cannot be read). */
export async function besideStored(host: string): Promise<boolean> {
  return (await besideHosts.read().catch((): string[] => [])).includes(host);
}

/** Throws when storage cannot be read: the other sites' choices are not overwritten with this one alone. */
export async function storeBeside(host: string, beside: boolean): Promise<void> {
  const hosts = (await besideHosts.read()).filter((h) => h !== host);
  await besideHosts.write(beside ? [...hosts, host] : hosts);
}

/**
 * Set whether the page makes room for this sidebar; the answer is what was applied (null: the page did
 * not answer). Open or closed is left as it is: this was sent with open: true, and when the remembered
 * choice was applied after an early Esc (the frame's first answers late under load) it opened the
 * sidebar again, with the keyboard — what the agent typed next went into the hidden frame.
 */
export function sidebarBeside(tabId: number, beside: boolean): Promise<boolean | null> {
  return askOverlay(tabId, 'overlay:sidebar', { beside }).then(
    (r) => r.beside,
    () => null,
  );
}

/** Close this sidebar (the overlay hides the frame) — also when asked before the frame knew its tab. */
export function closeSidebar(): void {
  void sidebarTabId()
    .then((tabId) => (tabId === null ? null : askOverlay(tabId, 'overlay:sidebar', { open: false })))
    .catch(() => null);
}
