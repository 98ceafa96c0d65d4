/**
 * Replies tab: search (pinyin, initials, typos) with results per keystroke,
 * category tabs with symbols, ↑/↓/Enter to insert, Esc to close, a live preview
 * filled from the current page, a fill-in form for values only the agent knows,
 * and inline create / edit / duplicate / delete.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { renderTemplate, type RenderResult } from '../../lib/replies/template';
import { replyLang } from '../../lib/replies/lang';
import { LANGS, type Lang, type Reply } from '../../lib/schema';
import { askBackground, askOverlay } from '../ext';
import { onClipboardForPaste, whyInsertThrew, whyNotInserted } from '../insert-refusal';
import { useReplySearch } from '../use-reply-search';
import { useI18n } from '../i18n';
import { ReplyEditor } from './reply-editor';
import type { PageLink } from './use-page';
import { FIRST_SCREEN, type Library } from './use-library';
import { chooseOnArrow } from '../tab-keys';
import { failureText } from '../failure-text';
import { useOneAtATime, type Click } from '../one-at-a-time';

const LANG_SHORT: Record<Lang, string> = { 'zh-CN': '简', 'zh-TW': '繁', en: 'EN' };

/** The page created this frame for a fill-in's form (sidebar-frame.ts): the keyboard stays in the page until the form takes it. */
const OPENED_FOR_FILL = new URLSearchParams(location.search).get('keys') === 'page';
/**
 * The last fill-in request (PageLink.fill seq) shown. Kept outside the panel's effects, which run again
 * each time the tab is shown: a request taken again brought the finished form back.
 */
let shownFillSeq = 0;
const fillPending = (link: PageLink) => link.fill !== null && link.fill.seq !== shownFillSeq;

export function RepliesPanel({ link, library }: { link: PageLink; library: Library }) {
  const { t, settings } = useI18n();
  const { categories, replies, complete } = library;
  const [query, setQuery] = useState('');
  const [chosenCategory, setCategoryId] = useState<string | null>(null);
  // A category deleted meanwhile (the dashboard, an import): the list went empty under no chosen category.
  // It goes back to All.
  const categoryId = chosenCategory !== null && categories.some((c) => c.id === chosenCategory) ? chosenCategory : null;
  const [selected, setSelected] = useState(0);
  const [langOverride, setLangOverride] = useState<Lang | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [filling, setFilling] = useState(false);
  // The shop and agent names typed into a fill-in are kept in Settings (unless unticked): a new install
  // knows neither, and every greeting asked for both again until the seller found the dashboard's Settings.
  const [rememberNames, setRememberNames] = useState(true);
  // The shortcut a Tab expansion left in the composer; the filled reply replaces it.
  const [replaceBefore, setReplaceBefore] = useState<number | null>(null);
  const [editing, setEditing] = useState<Reply | 'new' | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLFormElement>(null);
  const fillFor = useRef<string | null>(null);

  // Indexed and searched in a worker: a 10,000-reply library never freezes the sidebar.
  const search = useReplySearch(replies, query, categoryId, FIRST_SCREEN);
  // Only the first screen of a large library is in yet (use-library.ts): it is exactly the list
  // without a query or category; anything else waits for the whole library (Enter is queued).
  const partial = !complete && (query.trim() !== '' || categoryId !== null);
  const pending = search.pending || partial;
  const hits = partial ? [] : search.hits;
  // Enter pressed before the worker answered the latest keystroke inserts the right reply once it has.
  const enterQueued = useRef(false);
  // A Tab expansion waiting for values pins its reply, whatever the search ranks first,
  // until the agent searches or moves the selection.
  const [pinnedId, setPinnedId] = useState<string | null>(null);
  const pinned = pinnedId ? replies.find((r) => r.id === pinnedId) ?? null : null;
  const current = pinned ?? hits[Math.min(selected, hits.length - 1)]?.reply ?? null;

  const context = link.state?.context ?? null;
  const lang: Lang = langOverride ?? context?.buyerLang ?? settings?.replyLang ?? 'zh-CN';
  // A language picked for one buyer is theirs: the next conversation starts from its own language
  // again (it carried over — the next, English-writing buyer got 繁體 replies in the sidebar while Tab gave English).
  // So are the values typed into a fill-in: a price typed for one buyer stayed in the form when the agent
  // opened the next conversation, and Enter sent it to that buyer.
  const buyerKey = context ? `${context.buyer.id ?? ''}|${context.buyer.name ?? ''}` : null;
  const langBuyer = useRef(buyerKey);
  useEffect(() => {
    // A moment without a page state (a refresh) is not another buyer.
    if (buyerKey === null || langBuyer.current === buyerKey) return;
    const switched = langBuyer.current !== null;
    langBuyer.current = buyerKey;
    if (!switched) return;
    setLangOverride(null);
    // Not a Tab's form: its shortcut was typed in the conversation on screen, and this state may only just
    // have caught up with a switch made right before it (the keys the form took would go).
    if (replaceBefore === null) setAnswers({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buyerKey]);
  const bodyLang = current ? replyLang(current.body, lang) : lang;
  // What the form asks for: everything missing before the agent's answers, so a
  // field does not vanish from under the agent as soon as they type into it.
  const asks = current ? renderTemplate(current.body[bodyLang], { lang: bodyLang, context, settings, uiLang: settings?.uiLang }).missing : [];
  // A field shows its guess (the courier read from the tracking number, the buyer's id for a name) until
  // the agent types: the reply is rendered with what the fields show, so a guess left as it is counts.
  const shown: Record<string, string> = {};
  for (const m of asks) if (m.guess) shown[m.name] = m.guess;
  Object.assign(shown, answers);
  const asksNames = asks.some((m) => m.kind === 'var' && (m.name === 'shop' || m.name === 'agent'));
  const rendered: RenderResult | null = current
    ? renderTemplate(current.body[bodyLang], { lang: bodyLang, context, settings, answers: shown, uiLang: settings?.uiLang })
    : null;

  // ── Who has the keyboard in this panel: decided here, and only here. ──
  // The search; or, while a reply's values are being filled, the form's first value still missing ("88"
  // typed for {?新价格} went into the search before, which then showed another reply, and the request was lost).
  // The committed `filling`, for the keyboard decisions below and the focus listener (updated first in each commit).
  const fillingNow = useRef(filling);
  useLayoutEffect(() => {
    fillingNow.current = filling;
  }, [filling]);
  const fillInputs = () => [...(fillRef.current?.querySelectorAll<HTMLInputElement>('input[data-name]') ?? [])];
  const keyboardTarget = (): HTMLInputElement | null => {
    const inputs = fillingNow.current ? fillInputs() : [];
    return inputs.find((i) => i.required && !i.value.trim()) ?? inputs[0] ?? searchRef.current;
  };
  // Asked again by a reply that needs values (a Tab expansion's request, or Enter on such a reply).
  const [fillFocus, setFillFocus] = useState(0);
  // A Tab's form, once it has the keyboard, takes the keys the page held for it meanwhile (type-ahead.ts).
  const takeHeld = useRef(false);
  const [submitHeld, setSubmitHeld] = useState(0);
  const shownBefore = useRef(false);
  const lastSignal = useRef(link.focusSignal);
  // Runs when the panel is shown (first, and again each time the agent comes back to this tab: a hidden
  // tab's effects run again when it is shown, sidebar-app.tsx), when the overlay asks (keyboard command:
  // the search), when the editor closes, and when a form asks for values. Never while a fill-in's form is
  // on its way, nor on the first showing of a frame the page opened for a fill-in: focus() here takes the
  // keyboard from the page (Chromium lets a cross-origin frame do so) while the page is holding the agent's
  // keys for the form, and "Happy Shop" went half to the search, which then dropped the form (e2e "first
  // fill-in", 2 in 20). A layout effect: the keyboard moves in the commit that shows the field.
  useLayoutEffect(() => {
    if (editing) return;
    const first = !shownBefore.current;
    shownBefore.current = true;
    const signalled = lastSignal.current !== link.focusSignal;
    lastSignal.current = link.focusSignal;
    if (fillPending(link)) return;
    if (takeHeld.current && link.tabId !== null) {
      takeHeld.current = false;
      return takeKeysFromPage(link.tabId);
    }
    if (signalled) return void searchRef.current?.focus();
    if (first && OPENED_FOR_FILL && link.focusSignal === 0) return;
    keyboardTarget()?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link.focusSignal, editing === null, fillFocus]);
  useEffect(() => {
    // The keyboard arrives with nowhere to go (the toggle tab opened us before we were loaded, or the page
    // hands it over to a fill-in once the agent's word is done): where it belongs.
    const onFocus = () => {
      const active = document.activeElement;
      if (!active || active === document.body) keyboardTarget()?.focus();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  /**
   * A Tab's form takes the keyboard at once (focus() in this frame takes it from the page; the keys still
   * held there come with the answer) — unless a pinyin word is still being picked in the chat box: taking
   * the keyboard then commits it half-picked. The page answers once the word is done (type-ahead.ts) and
   * hands the keyboard over; whatever this frame had focused (the Evidence tab's note, now hidden) lets
   * go first, so the keyboard arrives with nowhere to go and the window's focus listener above puts it
   * in the form.
   */
  function takeKeysFromPage(tabId: number) {
    const names = asks.map((m) => m.name);
    const inputs = fillInputs();
    const toForm = () => keyboardTarget()?.focus();
    void askOverlay(tabId, 'overlay:fill-composing', {})
      .then(({ composing }) => {
        if (composing) (document.activeElement as HTMLElement | null)?.blur();
        else toForm();
        return askOverlay(tabId, 'overlay:fill-ready', {});
      })
      .then(
        (held) => {
          const fields = held.fields.slice(0, names.length);
          if (fields.some((f) => f !== '')) {
            // Held keys came first; anything typed in the field since follows them. Rendered at once: the
            // frame has the keyboard now, and a key typed before a deferred render reached the field would
            // set the field's value without the held ones ("appy Shop" when "H" was held — e2e first run).
            flushSync(() => setAnswers((a) => {
              const next = { ...a };
              fields.forEach((f, i) => {
                if (f !== '') next[names[i]!] = f + (a[names[i]!] ?? '');
              });
              return next;
            }));
          }
          // The frame has the keyboard now: the field the agent typed into last, or tabbed to.
          if (inputs[0]?.isConnected && !inputs.includes(document.activeElement as HTMLInputElement)) inputs[0].focus();
          if (fields.length > 1) inputs[fields.length - 1]?.focus();
          if (held.submit) setSubmitHeld((n) => n + 1);
        },
        toForm,
      );
  }
  // Enter held with the keys: insert once they are in the form (or say which value is missing).
  // Counted, not just non-zero: effects run again when the tab is shown again, and that inserted the reply twice.
  const submittedHeld = useRef(0);
  useEffect(() => {
    if (submitHeld === submittedHeld.current) return;
    submittedHeld.current = submitHeld;
    void insert(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitHeld]);
  // Tab expansion that needs a value: show that reply with its fill-in form.
  // Once per request; the reply may only be in the whole library, which can arrive after the request.
  useEffect(() => {
    if (!link.fill || !fillPending(link)) return;
    const reply = replies.find((r) => r.id === link.fill?.replyId);
    if (!reply) return;
    shownFillSeq = link.fill.seq;
    setQuery(reply.title);
    setPinnedId(reply.id);
    setCategoryId(null);
    setSelected(0);
    setAnswers({});
    setFilling(true);
    takeHeld.current = true;
    setFillFocus((n) => n + 1);
    // The last insert's "Inserted" is not this reply's: under a form still waiting for a value it read as
    // done, and the agent sent the bare shortcut.
    setStatus(null);
    setReplaceBefore(link.fill.replaceBefore);
    fillFor.current = reply.id;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link.fill?.seq, replies]);
  // A new search starts at its first hit — a new search only: showing the tab again keeps the agent's pick.
  const searched = useRef<string | null>(null);
  useEffect(() => {
    const key = `${categoryId ?? ''}\u0000${query}`;
    if (searched.current !== null && searched.current !== key) setSelected(0);
    searched.current = key;
  }, [query, categoryId]);
  // Switching to another reply drops the answers and the pending shortcut, except
  // when the switch is to the reply a Tab expansion asked us to fill. Only a real
  // switch counts: effects also run on mount, with the reply ranked first before
  // the pin applies.
  const prevCurrent = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const prev = prevCurrent.current;
    const now = current?.id ?? null;
    prevCurrent.current = now;
    if (prev === undefined || prev === now) return;
    if (now !== null && now === fillFor.current) return;
    fillFor.current = null;
    setAnswers({});
    setFilling(false);
    setReplaceBefore(null);
  }, [current?.id]);

  /** `fromForm`: Enter or Insert in the fill-in form (not Enter on the search). */
  // A double click on Insert (or on a reply in the list, or Enter twice) put the reply into the chat box twice
  // and counted it twice: the second ran while the first was still on its way to the page.
  const inserting = useOneAtATime();
  function insert(fromForm = false, click?: Click) {
    return inserting.run(() => insertNow(fromForm), click);
  }

  // Duplicate opens the copy in the editor: it is made to be changed (a title, a shortcut of its own), and
  // nothing showed that it was there — it has no shortcut, so the search on screen did not list it. One at a
  // time: a double click made two copies.
  const duplicating = useOneAtATime();
  async function duplicate(of: Reply) {
    try {
      setEditing(await askBackground('reply:duplicate', { id: of.id }));
    } catch (e) {
      setStatus({ kind: 'error', text: failureText(e, t) });
    }
  }

  async function insertNow(fromForm: boolean) {
    if (!current || !rendered || link.tabId === null) return;
    if (!rendered.complete) {
      // Enter in the form with a value still missing: say which, and take the keyboard there
      // (the Insert button only looked disabled, and Enter did nothing without a word).
      const missing = fromForm ? asks.find((m) => !m.optional && !(answers[m.name] ?? m.guess ?? '').trim()) : undefined;
      if (missing) setStatus({ kind: 'error', text: t('fillMissing', { label: missing.label }) });
      setFilling(true);
      setFillFocus((n) => n + 1);
      return;
    }
    try {
      const res = await askOverlay(link.tabId, 'overlay:insert', { text: rendered.text, cursorOffset: rendered.cursor, reviewKey: null, replaceBefore });
      if (res.ok) {
        setStatus({ kind: 'ok', text: t('inserted') });
        if (asksNames && rememberNames) {
          // With the reply's language: typed for an English reply, they may be the English names (handlers.ts).
          const names = { shopName: shown.shop?.trim() || undefined, agentName: shown.agent?.trim() || undefined, lang: bodyLang };
          await askBackground('settings:remember', names).catch(() => null);
        }
        setFilling(false);
        setAnswers({});
        setReplaceBefore(null);
        setPinnedId(null);
        await askBackground('reply:use', { replyId: current.id, site: link.state?.site ?? '' }).catch(() => null);
      } else if (res.reason === 'clipboard-needed') {
        const copied = await onClipboardForPaste(res, rendered.text);
        setStatus({ kind: 'error', text: t(copied ? 'copyInstead' : 'copyFailed') });
        // Picked and handed over for the agent's Ctrl+V: used, as an inserted one is (the paste itself happens in the
        // page, out of the sidebar's sight). Its usage never grew, so the most used never showed it first.
        if (copied) await askBackground('reply:use', { replyId: current.id, site: link.state?.site ?? '' }).catch(() => null);
      } else {
        setStatus({ kind: 'error', text: t('insertFailedWhy', { why: whyNotInserted(t, 'chat', res) }) });
      }
    } catch (e) {
      setStatus({ kind: 'error', text: t('insertFailedWhy', { why: whyInsertThrew(t, e) }) });
    }
  }

  // A pick moved by ↑/↓ is scrolled into sight above the preview, which stays over the list's lower part
  // (sticky): the 12th ↓ picked a reply far below the sidebar's edge, and the agent inserted it unseen.
  // Not on a mouse pick: the reply under the pointer is in sight already, and scrolling moved it away.
  const keyMoved = useRef(false);
  useLayoutEffect(() => {
    if (!keyMoved.current) return;
    keyMoved.current = false;
    const item = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    const scroller = item?.closest<HTMLElement>('.sidebar-body');
    if (!item || !scroller) return;
    const view = scroller.getBoundingClientRect();
    const top = view.top;
    const bottom = Math.min(view.bottom, previewRef.current?.getBoundingClientRect().top ?? view.bottom);
    const at = item.getBoundingClientRect();
    if (at.bottom > bottom) scroller.scrollTop += Math.min(at.bottom - bottom, at.top - top);
    else if (at.top < top) scroller.scrollTop -= top - at.top;
  }, [selected]);

  // The pointer picks the reply it moves onto — when it moves. A list redrawn under a still pointer (a new
  // search after a delete, the hand left on the mouse) put another reply under it, and the browser's
  // boundary events made that reply the pick: Enter inserted it instead of the first hit.
  const pointerAt = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    // Bubble phase, after the list's own handler: that one compares with where the pointer was before.
    const onMove = (e: MouseEvent) => void (pointerAt.current = { x: e.screenX, y: e.screenY });
    window.addEventListener('mousemove', onMove);
    return () => window.removeEventListener('mousemove', onMove);
  }, []);
  const pointerMoved = (e: MouseEvent) => pointerAt.current === null || pointerAt.current.x !== e.screenX || pointerAt.current.y !== e.screenY;

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setPinnedId(null);
      keyMoved.current = true;
      setSelected((s) => Math.max(0, Math.min(s + 1, hits.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setPinnedId(null);
      keyMoved.current = true;
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (pending && !pinned) enterQueued.current = true;
      else void insert();
    } else if (e.key === 'Escape' && query) {
      // First Esc clears the search; the next one (handled by the sidebar) closes it.
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  }

  useEffect(() => {
    if (pending || !enterQueued.current) return;
    enterQueued.current = false;
    void insert();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);

  if (editing) {
    // ＋ with a category chosen: the new reply starts there (it started in the first category, whatever was on screen).
    return <ReplyEditor reply={editing === 'new' ? null : editing} categories={categories} newCategoryId={categoryId} onDone={() => setEditing(null)} />;
  }

  return (
    <section className="replies" data-testid="replies-panel">
      <div className="search-row">
        <input
          ref={searchRef}
          type="search"
          data-testid="reply-search"
          placeholder={t('searchReplies')}
          value={query}
          onChange={(e) => {
            setPinnedId(null);
            setQuery(e.target.value);
          }}
          onKeyDown={onSearchKey}
          aria-controls="reply-results"
        />
        <select data-testid="reply-lang" aria-label={t('replyLanguage')} value={lang} onChange={(e) => setLangOverride(e.target.value as Lang)}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {LANG_SHORT[l]}
            </option>
          ))}
        </select>
        <button type="button" data-testid="reply-new" title={t('newReply')} onClick={() => setEditing('new')}>
          ＋
        </button>
      </div>
      <div className="categories" role="tablist" aria-label={t('categories')} onKeyDown={chooseOnArrow}>
        <button type="button" role="tab" aria-selected={categoryId === null} onClick={() => setCategoryId(null)}>
          {t('allCategories')}
        </button>
        {categories.map((c) => (
          <button key={c.id} type="button" role="tab" data-testid="category" aria-selected={categoryId === c.id} onClick={() => setCategoryId(c.id)}>
            {c.symbol} {c.name}
          </button>
        ))}
      </div>
      <ul ref={listRef} className="reply-list" id="reply-results" role="listbox" data-testid="reply-results">
        {hits.length === 0 && !pending ? <li className="muted">{t('noReplies')}</li> : null}
        {partial ? (
          <li className="muted" data-testid="reply-results-loading">
            …
          </li>
        ) : null}
        {search.error ? <li className="error">{search.error}</li> : null}
        {hits.map((hit, i) => (
          <li
            key={hit.reply.id}
            role="option"
            aria-selected={i === selected}
            data-testid="reply-item"
            data-reply-id={hit.reply.id}
            onMouseMove={(e) => {
              if (!pointerMoved(e.nativeEvent)) return;
              keyMoved.current = false;
              setSelected(i);
            }}
            onClick={() => {
              setPinnedId(null);
              setSelected(i);
            }}
            onDoubleClick={() => void insert()}
          >
            <div className="reply-line">
              <strong>{hit.reply.title}</strong>
              {hit.reply.shortcut ? <code className="chip">{hit.reply.shortcut}</code> : null}
              {hit.reply.usageCount ? <span className="muted small">{t('usedTimes', { n: hit.reply.usageCount })}</span> : null}
            </div>
            <div className="muted snippet">{hit.reply.body[replyLang(hit.reply.body, lang)]}</div>
          </li>
        ))}
      </ul>
      {current && rendered ? (
        <div ref={previewRef} className="preview" data-testid="reply-preview">
          <div className="preview-head">
            <span className="muted">{t('preview')}</span>
            <span className="actions">
              <button type="button" data-testid="reply-edit" onClick={() => setEditing(current)}>
                {t('edit')}
              </button>
              <button type="button" data-testid="reply-duplicate" onClick={(e) => void duplicating.run(() => duplicate(current), e)}>
                {t('duplicate')}
              </button>
              <button
                type="button"
                data-testid="reply-delete"
                onClick={() => {
                  if (confirm(t('confirmDeleteReply', { title: current.title }))) void askBackground('reply:delete', { ids: [current.id] }).catch((e: unknown) => setStatus({ kind: 'error', text: failureText(e, t) }));
                }}
              >
                {t('delete')}
              </button>
            </span>
          </div>
          <pre className="preview-text" data-testid="reply-preview-text">
            <PreviewText rendered={rendered} />
          </pre>
          {asks.length ? (
            <form
              ref={fillRef}
              className="fill"
              // Our own check (insert): the browser's bubble speaks the browser's language, not the UI's.
              noValidate
              data-testid="reply-fill"
              onSubmit={(e) => {
                e.preventDefault();
                void insert(true);
              }}
            >
              {asks.map((m) => (
                <label key={m.name}>
                  {m.label}
                  {m.optional ? <span className="muted small"> ({t('optional')})</span> : null}
                  <input
                    data-testid="reply-fill-input"
                    data-name={m.name}
                    value={answers[m.name] ?? m.guess ?? ''}
                    required={!m.optional}
                    onChange={(e) => {
                      // The value now: an updater runs again later when React rebases it, and the field by then holds more.
                      const value = e.target.value;
                      setAnswers((a) => ({ ...a, [m.name]: value }));
                    }}
                  />
                </label>
              ))}
              {asksNames ? (
                <label className="remember">
                  <input type="checkbox" data-testid="reply-fill-remember" checked={rememberNames} onChange={(e) => setRememberNames(e.target.checked)} /> {t('rememberInSettings')}
                </label>
              ) : null}
              {/* aria-disabled, not disabled: a form whose default button is disabled ignores Enter (implicit submission). */}
              <button type="submit" className="primary" data-testid="reply-fill-insert" aria-disabled={!rendered.complete}>
                {t('insert')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="primary"
              data-testid="reply-insert"
              onClick={(e) => void insert(false, e)}
            >
              {t('insert')} ⏎
            </button>
          )}
          {status ? (
            <p role="status" className={status.kind === 'ok' ? 'ok' : 'error'} data-testid="reply-status">
              {status.text}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * The reply as it will go, with each value still missing shown by its label where it goes ("welcome to
 * [Shop name]!"): the bare text read "welcome to ! I'm , happy to help", as if the reply were broken.
 * Text nodes only: labels are the seller's own ({?新价格}) and never HTML.
 */
function PreviewText({ rendered }: { rendered: RenderResult }) {
  if (!rendered.gaps.length) return <>{rendered.text}</>;
  const parts: ReactNode[] = [];
  let from = 0;
  rendered.gaps.forEach((gap, i) => {
    parts.push(rendered.text.slice(from, gap.at));
    const label = rendered.missing.find((m) => m.name === gap.name)?.label ?? gap.name;
    parts.push(
      <mark key={i} className="gap" data-testid="reply-preview-gap" data-name={gap.name}>
        {label}
      </mark>,
    );
    from = gap.at;
  });
  parts.push(rendered.text.slice(from));
  return <>{parts}</>;
}
