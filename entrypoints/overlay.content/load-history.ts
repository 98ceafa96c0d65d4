/**
 * Loading a conversation's earlier messages before it is captured.
 *
 * Chat backends show the newest messages and load earlier ones when the pane is
 * scrolled to its top, or when a "查看更多消息" / "Load more" control above them is
 * clicked. A capture of what is rendered misses what the buyer said before that —
 * often the very words a dispute is about. So, when the seller asks for the whole
 * chat, the pane is scrolled to its top (or the control clicked) again and again
 * until nothing more arrives, then put back where the seller was (same distance
 * from the bottom, so the newest messages stay in view).
 *
 * "Nothing more arrives": no element added in the pane (or a changed scroll height)
 * for QUIET_MS after the scroll or click. A page that loads nothing is left after
 * one quiet period. Limits: MAX_MS in all, the seller's Esc on the page, or cancel().
 *
 * The seller may open another buyer's chat while this one loads (a new message came in):
 * the load stops there ('conversation-changed') and the caller captures nothing — the
 * capture would be of the other buyer's chat, offered as the first one's evidence.
 */

/** Rows arriving later than this after a scroll to the top count as "no more history". */
const QUIET_MS = 1_500;
/** The longest a load may run (a 5,000-message history at 40 per load and ~300 ms each is ~40 s). */
const MAX_MS = 60_000;

// The load-more controls of IM panes: whole-text matches only, so a message that says "load more" is no control.
const LOAD_MORE = /^(?:查看更多(?:消息|聊天记录|历史消息)?|加载更多(?:消息)?|更多消息|查看历史消息|點擊加載更多|查看更多訊息|載入更多(?:訊息)?|点击加载更多|(?:load|show|view|see) (?:more|earlier|older|previous)(?: messages| history)?|older messages|earlier messages)$/i;

export interface HistoryLoad {
  /** Scrolls to the top (or clicks) that brought messages. */
  loads: number;
  /** Nothing more arrived: the pane holds everything the page would load. */
  complete: boolean;
  /** Stopped by the seller (Esc, cancel), the time limit, or another conversation opened meanwhile. */
  stopped: 'cancelled' | 'time-limit' | 'conversation-changed' | null;
}

/** The pane, or its nearest ancestor, that scrolls vertically: what the page watches to load more. */
function scrollingPart(pane: HTMLElement): HTMLElement | null {
  for (let el: HTMLElement | null = pane; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    if (el.scrollHeight <= el.clientHeight + 1) continue;
    const overflow = getComputedStyle(el).overflowY;
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') return el;
  }
  return null;
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

/**
 * `conversation`: which conversation is on screen (buyer and path; null when it cannot be told), asked
 * between loads.
 */
export function createHistoryLoader(messagePane: () => HTMLElement | null, conversation: () => string | null = () => null) {
  let running: { cancel: () => void } | null = null;

  async function load(): Promise<HistoryLoad> {
    running?.cancel();
    const pane = messagePane();
    if (!pane) throw new Error('No chat message pane found on this page.');
    const scroller = scrollingPart(pane);
    // Nothing to scroll: everything loaded is on screen, and a control would be in view.
    const control0 = scroller ? null : loadMoreControl(pane);
    if (!scroller && !control0) return { loads: 0, complete: true, stopped: null };
    const view = scroller ?? pane;
    const asked = conversation();
    // A conversation read as another one (not as unknown: a header mid-render) is another buyer's chat.
    const switched = () => {
      if (asked === null) return false;
      const now = conversation();
      return now !== null && now !== asked;
    };
    const fromBottom = view.scrollHeight - view.scrollTop;
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
    let complete = false;
    // Rows added without the pane growing (a virtualized list re-rendering at the top, a typing indicator): twice is the end.
    let idle = 0;
    try {
      while (!stop) {
        grew = false;
        const height = view.scrollHeight;
        const control = loadMoreControl(view);
        if (control) control.click();
        else if (scroller) {
          // Away from the top first: a page that loads on reaching the top needs a scroll that reaches it.
          if (scroller.scrollTop === 0) scroller.scrollTop = 1;
          scroller.scrollTop = 0;
          scroller.dispatchEvent(new Event('scroll'));
        } else break;
        // Wait for rows to arrive; then for the page to finish adding them (a loading row goes, rows come).
        const arrived = await new Promise<boolean>((resolve) => {
          const quiet = setTimeout(() => resolve(grew || view.scrollHeight !== height), QUIET_MS);
          wake = () => {
            clearTimeout(quiet);
            resolve(true);
          };
        });
        wake = null;
        if (!stop && switched()) stop = 'conversation-changed';
        if (stop) break;
        if (!arrived) {
          complete = true;
          break;
        }
        // Settle: more rows of the same load come within a frame or two; a loading indicator may come first.
        await settle(view, () => stop !== null);
        if (!stop && switched()) {
          stop = 'conversation-changed';
          break;
        }
        if (view.scrollHeight > height) {
          loads++;
          idle = 0;
        } else if (++idle >= 2) {
          complete = true;
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
      if (stop !== 'conversation-changed') view.scrollTop = Math.max(0, view.scrollHeight - fromBottom);
    }
    return { loads, complete, stopped: stop };
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
