/**
 * Loading a conversation's earlier messages before it is captured.
 *
 * Chat backends show the newest messages and load earlier ones when the pane is
 * scrolled to its top, or when a "查看更多消息" / "Load more" control above them is
 * clicked. A capture of what is rendered misses what the buyer said before that —
 * often the very words a dispute is about. So, when the seller asks for the whole
 * chat, the pane is scrolled to its top (or the control clicked) again and again
 * until nothing more arrives, then put back where the seller was (same distance
 * from the bottom, so the newest messages stay in view). A page with no inner pane,
 * whose document grows with the conversation, has its window scrolled instead.
 *
 * "Nothing more arrives": no element added in the pane (or a changed scroll height)
 * for QUIET_MS after the scroll or click. Limits: MAX_MS in all, the seller's Esc on
 * the page, or cancel().
 *
 * Chats the page already shows whole are not held for a quiet period when that is
 * known: a pane with nothing to scroll and no control ends at once ('all-shown'); so
 * does a conversation loaded to its first message earlier on this page whose rows are
 * still the same ('loaded-before': the whole-chat screenshot after Capture chat). A pane
 * that merely stays still after the scroll to its top still waits the whole quiet
 * period: a backend may answer late and show no loading row (a 400 ms "no reaction"
 * cut-off was tried and lost 260 of 300 messages on such a page, ?latency=900&spinner=0,
 * while telling the seller the chat was whole) — an evidence record missing the buyer's
 * earlier words costs more than 1.5 s on the first capture of a conversation.
 *
 * The seller may open another buyer's chat while this one loads (a new message came in):
 * the load stops there ('conversation-changed') and the caller captures nothing — the
 * capture would be of the other buyer's chat, offered as the first one's evidence.
 */

import type { HistoryLoad } from '../../lib/messaging';
import { pageScroller, scrollingAncestor } from './scroller';

/** Rows arriving later than this after a scroll to the top count as "no more history". */
const QUIET_MS = 1_500;
/** The longest a load may run (a 5,000-message history at 40 per load and ~300 ms each is ~40 s). */
const MAX_MS = 60_000;

// The load-more controls of IM panes: whole-text matches only, so a message that says "load more" is no control.
const LOAD_MORE = /^(?:查看更多(?:消息|聊天记录|历史消息)?|加载更多(?:消息)?|更多消息|查看历史消息|點擊加載更多|查看更多訊息|載入更多(?:訊息)?|点击加载更多|(?:load|show|view|see) (?:more|earlier|older|previous)(?: messages| history)?|older messages|earlier messages)$/i;


/**
 * The page itself, when it is what scrolls the conversation (no inner pane): its scroller, if the pane's top is scrolled
 * out of view above. A pane whose top is in view shows its first rendered message already.
 */
function pageScrollingPane(pane: HTMLElement): HTMLElement | null {
  return pane.getBoundingClientRect().top < 0 ? pageScroller() : null;
}

/** A visible load-more control in the top part of the scroller (its first screen), if the page has one. */
function loadMoreControl(scroller: HTMLElement): HTMLElement | null {
  const top = scroller.getBoundingClientRect().top;
  const walker = document.createTreeWalker(scroller, NodeFilter.SHOW_ELEMENT);
  let seen = 0;
  for (let n = walker.nextNode() as HTMLElement | null; n && seen < 400; n = walker.nextNode() as HTMLElement | null, seen++) {
    const text = n.childElementCount === 0 ? (n.textContent ?? '').trim() : '';
    if (!text || text.length > 20 || !LOAD_MORE.test(text)) continue;
    const r = n.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top - top > scroller.clientHeight) continue;
    return (n.closest('button, a, [role="button"]') as HTMLElement | null) ?? n;
  }
  return null;
}

/** The pane's texts with something written in them (whitespace between rows left out). */
function texts(view: HTMLElement): TreeWalker {
  return document.createTreeWalker(view, NodeFilter.SHOW_TEXT, { acceptNode: (n) => ((n as Text).data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
}

/** The first text on the pane (its oldest row's, or a header's): an earlier message loaded above would come before it. */
const firstText = (view: HTMLElement) => texts(view).firstChild() as Text | null;

/** The last text on the pane: a row of this rendering of the conversation (rendered afresh, it is another node). */
const lastText = (view: HTMLElement) => texts(view).lastChild() as Text | null;

/**
 * `conversation`: which conversation is on screen (buyer and path; null when it cannot be told), asked
 * between loads.
 */
export function createHistoryLoader(messagePane: () => HTMLElement | null, conversation: () => string | null = () => null) {
  let running: { cancel: () => void } | null = null;
  /**
   * The conversation last loaded to its first message, and its oldest and newest text then. The same
   * conversation with the same oldest text still first and the same newest text still in the pane (not
   * re-rendered, e.g. after a switch to another chat and back) has nothing more above it.
   */
  let whole: { conversation: string; view: HTMLElement; first: Text; firstData: string; last: Text } | null = null;

  async function load(): Promise<HistoryLoad> {
    running?.cancel();
    const pane = messagePane();
    if (!pane) throw new Error('No chat message pane found on this page.');
    // The pane, or its nearest ancestor, that scrolls vertically: what the page watches to load more.
    const inner = scrollingAncestor(pane);
    // The page scrolls the conversation (no inner pane): its window scrolled to the top is what loads more.
    const scroller = inner ?? pageScrollingPane(pane);
    // Nothing to scroll: everything loaded is on screen, and a control would be in view.
    const control0 = scroller ? null : loadMoreControl(pane);
    if (!scroller && !control0) return { loads: 0, complete: true, stopped: null, end: 'all-shown' };
    // Where rows arrive and a control is looked for (the pane, not the whole document); `extent`: what grows and scrolls.
    const view = inner ?? pane;
    const extent = scroller ?? pane;
    const asked = conversation();
    if (
      whole &&
      asked !== null &&
      whole.conversation === asked &&
      whole.view === view &&
      firstText(view) === whole.first &&
      whole.first.data === whole.firstData &&
      view.contains(whole.last) &&
      !loadMoreControl(view)
    ) {
      return { loads: 0, complete: true, stopped: null, end: 'loaded-before' };
    }
    whole = null;
    // A conversation read as another one (not as unknown: a header mid-render) is another buyer's chat.
    const switched = () => {
      if (asked === null) return false;
      const now = conversation();
      return now !== null && now !== asked;
    };
    const fromBottom = extent.scrollHeight - extent.scrollTop;
    let stop: HistoryLoad['stopped'] = null;
    let wake: (() => void) | null = null;
    const cancel = () => {
      stop ??= 'cancelled';
      wake?.();
    };
    const me = { cancel };
    running = me;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel();
    };
    document.addEventListener('keydown', onKey, true);
    const deadline = setTimeout(() => {
      stop ??= 'time-limit';
      wake?.();
    }, MAX_MS);
    let grew = false;
    const observer = new MutationObserver((records) => {
      if (records.some((r) => r.addedNodes.length > 0)) {
        grew = true;
        wake?.();
      }
    });
    observer.observe(view, { childList: true, subtree: true });
    let loads = 0;
    let end: HistoryLoad['end'] = null;
    // Rows added without the pane growing (a virtualized list re-rendering at the top, a typing indicator): twice is the end.
    let idle = 0;
    try {
      while (!stop) {
        grew = false;
        const height = extent.scrollHeight;
        const control = loadMoreControl(view);
        if (control) control.click();
        else if (scroller) {
          // Away from the top first: a page that loads on reaching the top needs a scroll that reaches it.
          if (scroller.scrollTop === 0) scroller.scrollTop = 1;
          scroller.scrollTop = 0;
          // A document's scroll event is fired at the document and bubbles to the window, where pages listen.
          if (scroller === inner) scroller.dispatchEvent(new Event('scroll'));
          else document.dispatchEvent(new Event('scroll', { bubbles: true }));
        } else {
          // The control went with the last load, and there is nothing to scroll.
          end = 'no-more';
          break;
        }
        // Wait for rows to arrive; then for the page to finish adding them (a loading row goes, rows come).
        const arrived = await new Promise<boolean>((resolve) => {
          const quiet = setTimeout(() => resolve(grew || extent.scrollHeight !== height), QUIET_MS);
          wake = () => {
            clearTimeout(quiet);
            resolve(true);
          };
        });
        wake = null;
        if (!stop && switched()) stop = 'conversation-changed';
        if (stop) break;
        if (!arrived) {
          end = 'no-more';
          break;
        }
        // Settle: more rows of the same load come within a frame or two; a loading indicator may come first.
        await settle(extent, () => stop !== null);
        if (!stop && switched()) {
          stop = 'conversation-changed';
          break;
        }
        if (extent.scrollHeight > height) {
          loads++;
          idle = 0;
        } else if (++idle >= 2) {
          end = 'no-more';
          break;
        }
      }
    } finally {
      observer.disconnect();
      clearTimeout(deadline);
      document.removeEventListener('keydown', onKey, true);
      if (running === me) running = null;
      // Back where the seller was: the same distance from the bottom (the newest messages in view). Not in
      // another conversation: the page put that one where it shows it.
      if (stop !== 'conversation-changed') extent.scrollTop = Math.max(0, extent.scrollHeight - fromBottom);
    }
    const complete = end !== null && !stop;
    if (complete && asked !== null) {
      const first = firstText(view);
      const last = lastText(view);
      if (first && last) whole = { conversation: asked, view, first, firstData: first.data, last };
    }
    return { loads, complete, stopped: stop, end: stop ? null : end };
  }

  return { load, cancel: () => running?.cancel() };
}

/** Until the scroller's height has not changed for 400 ms (rows of one load, images sizing them), at most QUIET_MS. */
async function settle(view: HTMLElement, stopped: () => boolean): Promise<void> {
  const until = performance.now() + QUIET_MS;
  let last = view.scrollHeight;
  let since = performance.now();
  while (!stopped() && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    if (view.scrollHeight !== last) {
      last = view.scrollHeight;
      since = performance.now();
    } else if (performance.now() - since >= 400) return;
  }
}
