/**
 * The overlay core: page reading through the site adapters, Tab expansion,
 * insertion into the composer, the page observer and the command channel from
 * our extension pages. Loaded on first use (see index.ts).
 */
import { browser } from 'wxt/browser';
import { CAPTURE_LIFELINE_PORT, OverlayCommands, ShortcutTable as ShortcutTableSchema, envelope, fail, parseIncoming, type CorrectableField, type OverlayCommandType, type OverlayWords, type PageState, type Result, type ShortcutTable } from '../../lib/messaging';
import { SiteProfile, notAChat } from '../../lib/schema';
import { XiaoerError } from '../../lib/xiaoer-error';
import { createElementPicker, type PickOptions } from './element-picker';
import { copyForPaste } from '../../lib/insert/clipboard-fallback';
import { collapseToEnd, insertIntoComposer, rememberComposer, resolveEditable, restoreComposer, trackComposer } from '../../lib/insert';
import { createPasteNotice } from './paste-notice';
import { giveTabBack } from './give-tab-back';
import { createPageReader } from './page-reader';
import { reviewReplyOpener } from '../../lib/sites/reply-opener';
import { isShown } from '../../lib/sites/layout';
import { createShortcutExpander } from './shortcut-expansion';
import { createTypeAhead } from './type-ahead';
import { createCapturePage } from './capture-page';
import { createHistoryLoader } from './load-history';
import type { OverlayCore, OverlayShell } from './shell';

type Port = ReturnType<typeof browser.runtime.connect>;

export function startCore(shell: OverlayShell): OverlayCore {
  const { ctx, sidebar } = shell;
  const reader = createPageReader();
  /** What the last insert left in each review's reply box, by review key: to tell it from the seller's own words. */
  const insertedReviewReplies = new Map<string, string>();
  // The adapters' row memos observe the message pane once read: let go with the content script.
  ctx.onInvalidated(() => reader.dispose());

  /**
   * Click a review's own 回复 / Reply link and wait for the backend to render its reply box under the
   * review (lib/sites/reply-opener.ts); null when the review has no such link or no box came. Clicked
   * only when the box is not shown: on such pages the link toggles, and a second click closed it.
   */
  const OPEN_REPLY_WAIT_MS = 5_000;
  function openReviewReply(key: string): Promise<HTMLElement | null> {
    const row = reader.reviewRow(key);
    const opener = row ? reviewReplyOpener(row) : null;
    if (!opener) return Promise.resolve(null);
    const shownBox = () => {
      const box = reader.reviewReplyBox(key);
      return box && isShown(box) ? box : null;
    };
    opener.click();
    return new Promise((resolve) => {
      let checking = 0;
      const done = (box: HTMLElement | null) => {
        observer.disconnect();
        clearTimeout(timer);
        clearTimeout(checking);
        resolve(box);
      };
      // Checked at most every 50 ms: reading the reviews is a walk over the list. (Not per animation
      // frame: those stop in a tab that is not shown.)
      const observer = new MutationObserver(() => {
        if (checking) return;
        checking = window.setTimeout(() => {
          checking = 0;
          const box = shownBox();
          if (box) done(box);
        }, 50);
      });
      observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'style', 'class'] });
      const timer = setTimeout(() => done(shownBox()), OPEN_REPLY_WAIT_MS);
      const now = shownBox();
      if (now) done(now);
    });
  }
  const capture = createCapturePage(reader, () => reader.messagePane());
  // A review list's or an order page's rows read as "messages" (buyers' reviews stored as the seller's words):
  // wrong evidence. Capture chat and loading history are refused there; screenshots stay allowed.
  const refuseNonChat = () => {
    // The kind alone: state() would also read the context and the composer, for nothing here.
    const kind = reader.kind();
    if (notAChat(kind)) throw new XiaoerError('not-a-chat', `This page is ${kind === 'reviews' ? 'a review list' : 'an order page'}, not a chat: nothing was captured.`);
  };
  const history = createHistoryLoader(
    () => reader.messagePane(),
    // The conversation as the page shows it: a switch to another buyer's chat during a load stops the capture.
    () => {
      const buyer = reader.context().buyer;
      const who = buyer.id ?? buyer.name;
      return who ? `${who}|${location.pathname}` : null;
    },
  );
  ctx.onInvalidated(() => capture.dispose());
  const ports = new Set<Port>();
  // A Tab expansion waiting for the agent's values; replayed to a sidebar that connects late.
  let pendingFill: { type: 'fill'; replyId: string; replaceBefore: number } | null = null;
  // The shortcut that Tab expansion is waiting to replace, as typed: the insert deletes it only if the caret still follows it.
  let pendingTyped: string | null = null;

  // Remember the composer the agent was typing in: a click in the sidebar frame
  // moves focus out of the page, and insertion must go back to the same place.
  ctx.onInvalidated(trackComposer(document));

  // The overlay's words in the UI language, from the shortcut table; English until it is in (an older worker sends none).
  let words: Pick<OverlayWords, 'copied' | 'copyFailed'> = {
    copied: 'Reply copied: press Ctrl+V to paste it into the chat box.',
    copyFailed: 'This chat box does not take replies from Xiaoer, and the reply could not be copied: open the sidebar (the 小二 tab at the page\'s right edge) and insert it from there.',
  };
  const notice = createPasteNotice(ctx);
  // What the agent types after that Tab, held until the sidebar's form has the keyboard.
  const typeAhead = createTypeAhead();
  ctx.onInvalidated(() => typeAhead.dispose());
  const expander = createShortcutExpander({
    reader,
    onUsed: (replyId) => void request('reply:used', { replyId, site: reader.siteId() }),
    onNeedsInput: (replyId, typed, composer) => {
      typeAhead.start(composer);
      sidebar.openKeepingKeys();
      pendingTyped = typed;
      pendingFill = { type: 'fill', replyId, replaceBefore: typed.length };
      push(pendingFill);
    },
    onClipboardNeeded: async (composer, text, onPasted) => {
      // Copied here, in the page the agent is typing in (focused, and the Tab was their own key).
      const copied = await copyForPaste(text);
      const target = resolveEditable(composer);
      // The shortcut stays selected so the paste replaces it (a script cannot delete it from such a box); an agent
      // who types on instead lets it go, and the key goes after it rather than over it.
      notice.show(composer, copied ? words.copied : words.copyFailed, copied ? 'copied' : 'failed', {
        declined: () => target && collapseToEnd(target),
        // Counted when it goes in, as an inserted reply is (it never was: the most used did not rise to the top).
        pasted: onPasted,
      });
    },
  });
  /** A table in: Tab expansion uses it, and the overlay's own words follow the UI language it was built in. */
  const takeTable = (table: ShortcutTable) => {
    if (!expander.setTable(table) || !table.words) return;
    words = table.words;
    shell.rename(table.words);
  };
  // The shortcut table: requested by the base as it imported us, pushed by the background on change.
  // Parsed here like any message: the reply crossed a context boundary.
  // Settled either way: without a table (the worker failed) a held Tab is given back, not kept waiting.
  const tableIn = (shell.shortcutTable ?? request('shortcuts:get', {})).then((raw) => {
    const res = raw as Result<unknown> | null;
    if (!res?.ok) return;
    const table = ShortcutTableSchema.safeParse(res.value);
    if (table.success) takeTable(table.data);
  });

  // The page observer runs only while a sidebar is connected: one batched
  // MutationObserver whose records are only counted, handled in an animation frame.
  // The state (context) goes out in that frame; the message count follows when the
  // page is idle: after a switch to a long conversation, the count reads every row
  // and the new buyer must not wait for it.
  let observer: MutationObserver | null = null;
  let scheduled = false;
  let countScheduled = false;
  /** What the sidebar was last sent: the state as read (count left out, compared on each change) and as sent. */
  let shown: { json: string; state: PageState } | null = null;
  const send = (read: PageState, json: string, count: number | null): PageState => {
    const state = { ...read, messageCount: count };
    shown = { json, state };
    push({ type: 'state', state });
    return state;
  };
  const pushStateIfChanged = () => {
    scheduled = false;
    if (ports.size === 0) return;
    const read = reader.state();
    const json = JSON.stringify(read);
    // Same context: the count shown stays until the recount (a new message: one more, a moment later).
    // Another one: no count rather than the last conversation's.
    if (json !== shown?.json) send(read, json, null);
    scheduleCount();
  };
  const countWhenIdle = () => {
    countScheduled = false;
    // A change since the last push: its frame sends the new context first and asks for a count again
    // (counting now would pair this conversation's count with the previous one's buyer).
    if (ports.size === 0 || !shown || scheduled) return;
    const n = reader.messageCount();
    if (n !== shown.state.messageCount) send(shown.state, shown.json, n);
  };
  const scheduleCount = () => {
    if (countScheduled) return;
    countScheduled = true;
    // A page that is never idle (a ticking timer, a typing indicator) still gets its count.
    requestIdleCallback(countWhenIdle, { timeout: 300 });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(pushStateIfChanged);
  };
  const startObserver = () => {
    if (observer) return;
    observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['currentuid', 'title', 'class'] });
  };
  const stopObserver = () => {
    observer?.disconnect();
    observer = null;
  };
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  ctx.addEventListener(window, 'hashchange', schedule);
  ctx.onInvalidated(stopObserver);

  // ── site profiles (issue 4): the element picker and this host's taught profile ──
  const picker = createElementPicker();
  ctx.onInvalidated(() => picker.dispose());
  const refresh = () => {
    shown = null;
    schedule();
  };
  {
    const host = reader.host();
    void request('profile:get', { host }).then((res) => {
      if (!res.ok || res.value === null) return;
      // Parsed where received, like every message: the reply shapes how this page is read.
      const parsed = SiteProfile.safeParse(res.value);
      if (parsed.success && reader.setProfile(host, parsed.data)) refresh();
    });
  }

  function push(event: unknown) {
    for (const port of ports) {
      try {
        port.postMessage(event);
      } catch {
        ports.delete(port);
      }
    }
  }

  const extensionOrigin = browser.runtime.getURL('/');

  type Handlers = { [T in OverlayCommandType]: (payload: never) => Promise<unknown> | unknown };
  const handlers: Handlers = {
    // Without the count (messageCount null): the popup and capture need the context, the sidebar gets the count pushed.
    'overlay:state': () => reader.state(),
    'overlay:messages': () => reader.messages(),
    'overlay:fill-composing': () => ({ composing: typeAhead.composing() }),
    'overlay:fill-ready': async () => {
      const { fields, submit, inChatBox } = await typeAhead.take();
      // An input method's words went into the chat box after the shortcut: the reply replaces them too.
      if (inChatBox && pendingTyped !== null) pendingTyped += inChatBox;
      sidebar.focusFrame();
      return { fields, submit };
    },
    'overlay:insert': async (p: { text: string; cursorOffset: number | null; reviewKey: string | null; replaceBefore: number | null }) => {
      let target = p.reviewKey ? reader.reviewReplyBox(p.reviewKey) : restoreComposer() ?? reader.composer();
      // A review whose box opens only from its own 回复 / Reply link (none on the page yet, or a hidden one).
      if (p.reviewKey && (!target || !isShown(target))) target = (await openReviewReply(p.reviewKey)) ?? target;
      if (!target) return { ok: false, reason: 'no-target', message: 'No chat input found on this page.' };
      if (p.reviewKey) target.focus();
      // A review's box still holding exactly the reply inserted into it last: a corrected reply replaces it
      // (it went in after it, and the review would have got both). Words the seller typed there are kept.
      const inserted = p.reviewKey ? insertedReviewReplies.get(p.reviewKey) : undefined;
      const replaceAll = inserted !== undefined && boxText(target) === inserted;
      // A replaceBefore names the shortcut of the last Tab expansion that asked for values; unknown here: delete nothing.
      const expectBefore = p.replaceBefore ? pendingTyped : null;
      pendingFill = null;
      pendingTyped = null;
      const result = await insertIntoComposer(target, p.text, {
        cursorOffset: p.cursorOffset ?? undefined,
        replaceBefore: expectBefore === null ? undefined : expectBefore.length,
        expectBefore: expectBefore ?? undefined,
        replaceAll,
      });
      if (p.reviewKey && result.ok) {
        insertedReviewReplies.set(p.reviewKey, boxText(target));
        // The seller submits it on the page: say so when the box or its submit button is under the sidebar.
        const covered = sidebar.covers(replyControls(target));
        if (covered) return { ...result, covered };
      }
      if (!result.ok && result.reason === 'clipboard-needed') {
        // The copy is made here, in the page: the chat box has the focus now (restoreComposer), and the agent's click
        // in the sidebar activated this page too (an ancestor of its frame). The sidebar, no longer focused by the
        // time this answer reaches it, was refused ("Document is not focused") and said "Copied" all the same.
        const copied = await copyForPaste(p.text);
        return { ok: false, reason: result.reason, message: result.message, copied };
      }
      return result;
    },
    'overlay:sidebar': (p: { open?: boolean; focusSearch?: boolean; beside?: boolean }) => {
      // No `open`: the toolbar command toggles; a `beside` alone leaves the sidebar as it is.
      const open = p.open ?? (p.beside === undefined ? !sidebar.isOpen() : sidebar.isOpen());
      if (open) sidebar.open();
      else sidebar.close();
      if (open && p.focusSearch) push({ type: 'focus-search' });
      if (p.beside !== undefined) sidebar.setBeside(p.beside);
      return { open, beside: sidebar.beside() };
    },
    'overlay:shortcuts': (table: ShortcutTable) => {
      takeTable(table);
      return {};
    },
    // The whole chat as a screenshot: like Capture chat, not of a review list or an order page (it stitched
    // whatever list the page had, or failed with the stitcher's own words).
    'overlay:capture-begin': (p: Parameters<typeof capture.begin>[0]) => (p.mode === 'pane' && refuseNonChat(), capture.begin(p)),
    'overlay:capture-scroll': (p: Parameters<typeof capture.scroll>[0]) => capture.scroll(p),
    'overlay:capture-end': (p: { jobId: string }) => (capture.end(p), {}),
    'overlay:chat-snapshot': () => (refuseNonChat(), capture.chatSnapshot()),
    'overlay:load-history': () => (refuseNonChat(), history.load()),
    'overlay:load-history-cancel': () => (history.cancel(), {}),
    'overlay:selection': () => capture.selection(),
    'overlay:pick': async (p: PickOptions) => ({ ...(await picker.pick(p)), host: reader.host() }),
    'overlay:pick-cancel': () => (picker.cancel(), {}),
    'overlay:profile': (p: { host: string; profile: SiteProfile | null }) => {
      const applied = reader.setProfile(p.host, p.profile);
      if (applied) refresh();
      return { applied };
    },
    'overlay:correct': (p: { field: CorrectableField; value: string | null }) => {
      reader.correct(p.field, p.value);
      const read = reader.state();
      // Same conversation: the count shown stays.
      return send(read, JSON.stringify(read), shown?.state.messageCount ?? null);
    },
  };

  return {
    remember: (el) => rememberComposer(el),
    returnFocus: () => {
      if (!restoreComposer()) (document.activeElement as HTMLElement | null)?.blur();
    },
    whenReady: () => tableIn,
    keydown: (event) => {
      if (!typeAhead.keydown(event)) expander.keydown(event);
    },
    takeEarlyTab({ composer, keys, expand }) {
      const outcome = expand ? expander.expand(composer) : null;
      // The sidebar asks for values (onNeedsInput started the hold): the keys typed meanwhile are the form's first.
      if (outcome?.asked) return typeAhead.replay(keys);
      // No shortcut before the caret: the Tab was the page's all along, and was swallowed (focus stayed, no indent).
      // Given back when nothing was typed after it; keys typed after it were meant for the chat box (the agent
      // expected a reply there), and go back into it below.
      if (expand && !outcome && !keys.length) return giveTabBack(composer);
      if (!keys.length) return;
      // No form: the keys go back into the chat box as typed, after the reply if one went in.
      void Promise.resolve(outcome?.inserted).then(() => {
        typeAhead.start(composer);
        typeAhead.replay(keys);
        typeAhead.giveBack();
      });
    },
    handleMessage(raw): Promise<Result<unknown>> {
      const parsed = parseIncoming(OverlayCommands, raw);
      if (!parsed.ok) return Promise.resolve(parsed);
      const handler = handlers[parsed.type] as (payload: unknown) => unknown;
      return Promise.resolve()
        .then(() => handler(parsed.payload))
        .then((value) => ({ ok: true as const, value }))
        // A typed refusal keeps its code, so the UI can word it (not-a-chat); anything else is 'failed'.
        .catch((e: unknown) => (e instanceof XiaoerError ? fail(e.code, e.message, e.detail) : fail('failed', e instanceof Error ? e.message : String(e))));
    },
    connect(port) {
      // The background's lifeline for a running screenshot (capture-page.ts restores the page when it drops).
      if (port.name.startsWith(CAPTURE_LIFELINE_PORT) && port.sender?.id === browser.runtime.id && !port.sender.tab) return capture.watch(port);
      // Only our own sidebar page may connect: decided by the browser's sender record.
      const url = port.sender?.url ?? '';
      if (port.name !== 'xiaoer-sidebar' || port.sender?.id !== browser.runtime.id || !url.startsWith(extensionOrigin)) {
        port.disconnect();
        return;
      }
      ports.add(port);
      shown = null;
      startObserver();
      schedule();
      if (pendingFill) port.postMessage(pendingFill);
      port.onDisconnect.addListener(() => {
        ports.delete(port);
        if (ports.size === 0) stopObserver();
      });
    },
  };
}

async function request(type: string, payload: unknown): Promise<Result<unknown>> {
  try {
    const res = (await browser.runtime.sendMessage(envelope(type, payload))) as Result<unknown> | undefined;
    return res ?? fail('failed', 'no reply');
  } catch (e) {
    // The extension was reloaded or the worker is starting: the caller degrades.
    return fail('failed', e instanceof Error ? e.message : String(e));
  }
}

/** A reply box's text, spaces collapsed (a rich editor lays the same reply out in its own blocks). */
function boxText(box: HTMLElement): string {
  const raw = box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement ? box.value : box.innerText;
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * A review's reply box and the buttons that send it: its form's, or its row's (a box with no form around it),
 * at most a few — what the seller must reach on the page after an insert.
 */
function replyControls(box: HTMLElement): Element[] {
  const around = box.closest('form') ?? box.parentElement;
  const buttons = around ? [...around.querySelectorAll('button, input[type="submit"]')].slice(0, 4) : [];
  return [box, ...buttons];
}
