/**
 * Library: what a CS supervisor curates before a campaign (domain §1) —
 * categories with order and symbol, replies (create, edit, bulk delete, move),
 * import/export in the public formats of lib/replies/transfer.ts, and usage
 * figures from the usage table (most and least used).
 *
 * The reply list is virtualized: a team library can hold thousands of replies
 * and the first paint must not wait for all of them. What the first screen does
 * not show loads behind it: the import/export panel (library-transfer.tsx, with
 * the file formats' zod schemas), the reply editor, and the protocol for telling
 * open tabs (library-changed.ts) — in the view's own chunk they held its first
 * paint behind zod and every protocol schema.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { getDb } from '../../lib/db';
import type { Category, Reply } from '../../lib/schema';
import type { ReplyDraft } from '../sidebar/reply-editor';
import { formatDateTime } from '../../lib/i18n';
import { useI18n } from '../i18n';
import { SavedOnBlur } from './saved-on-blur';
import { guardUnsaved } from './unsaved-guard';
import { libraryChanged } from './library-changed';
import { orderedCategories, recentlyEditedReplies, useFirstRead } from './first-reads';
import { useFirstRowsMark } from './first-rows-mark';
import { createCategory, renameCategory } from '../../lib/replies/categories';
import { deleteReplies } from '../../lib/replies/delete';
import { shortcutClashes, type ShortcutClash } from '../../lib/replies/shortcut-clashes';
import { CATEGORY_NAME_MAX, categoryNameProblem } from '../../lib/replies/rules';
import { XiaoerError } from '../../lib/xiaoer-error';
import { countKey } from '../plural';
import { failureText } from '../failure-text';
import { useOneAtATime } from '../one-at-a-time';
import type { SearchHit } from '../../lib/replies/search';

// The import panel and the team library's panel (the URL, its status) load together behind the list.
type TransferModule = typeof import('./library-transfer') & typeof import('./team-library-panel');
// The sidebar's search (its worker glue parses with lib/messaging's zod schemas): loaded when the seller first filters.
const LibrarySearch = lazy(() => import('./library-search').then((m) => ({ default: m.LibrarySearch })));
const ReplyEditor = lazy(() => import('../sidebar/reply-editor').then((m) => ({ default: m.ReplyEditor })));

export function LibraryView() {
  const { t, lang } = useI18n();
  // First screen while the whole library loads: the most recently edited replies,
  // in the list's own default order (so nothing jumps when the rest arrives).
  // Asked first: IndexedDB answers a page's requests in turn, and reading 10,000
  // replies takes ~150 ms there — started alongside, it held the first page back.
  // On the dashboard's opening view that page was already asked while this chunk loaded (first-reads.ts).
  const liveFirstPage = useLiveQuery(recentlyEditedReplies, []);
  const liveCategories = useLiveQuery(orderedCategories, []);
  const early = useFirstRead('library', liveFirstPage !== undefined && liveCategories !== undefined);
  const firstPage = liveFirstPage ?? early?.replies;
  const categories = liveCategories ?? early?.categories;
  const firstShown = firstPage !== undefined;
  const wholeLibrary = useLiveQuery(async () => (firstShown ? getDb().replies.toArray() : undefined), [firstShown]);
  // The import/export panel's module loads from the view's first render on; the panels that need the
  // whole library appear together once both are there, so the page below them shifts once, not twice.
  // Asked once the first rows are painted: importing them appends a modulepreload link per module they
  // need (Vite's preload helper) and starts ~10 fetches, main-thread work that held the first rows' render
  // back (the panels wait for the whole library anyway, which is read after the first page).
  const [transfer, setTransfer] = useState<TransferModule | null>(null);
  useEffect(() => {
    if (!firstShown) return;
    let live = true;
    const load = () => void Promise.all([import('./library-transfer'), import('./team-library-panel')]).then(([m, team]) => live && setTransfer({ ...m, ...team }));
    const frame = requestAnimationFrame(() => setTimeout(load, 0));
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [firstShown]);
  const replies = transfer ? wholeLibrary : undefined;
  // How many rows the reply list's filter leaves, null when it is off: "56 replies" stayed over a list
  // the filter had cut to 3, and the seller could not tell whether a search found everything. 'searching'
  // while the typed filter's answer is on its way (see RepliesPanel).
  const [shownCount, setShownCount] = useState<ShownCount>(null);
  if (!categories) return null;
  const count = !replies
    ? '…'
    : shownCount === null
      ? t(countKey(lang, replies.length, 'replyCountOne', 'replyCount'), { n: replies.length })
      : shownCount === 'searching'
        ? t(countKey(lang, replies.length, 'replyCountSearchingOne', 'replyCountSearching'), { n: replies.length })
        : t(countKey(lang, replies.length, 'replyCountFilteredOne', 'replyCountFiltered'), { shown: shownCount, n: replies.length });
  return (
    <section data-testid="library-view" className="library">
      {replies && transfer ? <transfer.TeamLibraryPanel /> : null}
      {replies && transfer ? <transfer.TransferPanel categories={categories} replies={replies} /> : null}
      {replies ? <CategoriesPanel categories={categories} replies={replies} /> : null}
      {replies || firstPage ? <RepliesPanel categories={categories} replies={replies ?? firstPage!} partial={!replies} count={count} onShownCount={setShownCount} /> : null}
      {replies ? <UsagePanel replies={replies} /> : null}
    </section>
  );
}

/** What the count over the list says: the whole library (null), how many the filter shows, or that it is still searching. */
type ShownCount = number | 'searching' | null;

// ---------------------------------------------------------------- categories

type NameField = 'new' | string;
/** A failure of no name field (a symbol, the order, a delete): said in the panel's error line, no field marked. */
const NO_FIELD = '';

function CategoriesPanel({ categories, replies }: { categories: Category[]; replies: Reply[] }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('📁');
  /** A refused name and the field it belongs to ('new' or a category id), marked aria-invalid. */
  const [refused, setRefused] = useState<{ field: NameField; message: string } | null>(null);
  // A double click on Add category (or Enter twice) created it, then refused the second click's write with
  // "There is already a category named …" under the category just made.
  const creating = useOneAtATime();
  /** The category whose delete asks where its replies go, with how many it holds. */
  const [deleting, setDeleting] = useState<{ id: string; count: number } | null>(null);
  // After a category is deleted, keyboard focus goes to the next one's ✕ (the previous one's for the last row, the
  // new-category name when none is left), unless the seller has moved on: it dropped with the row to the top of the
  // page, and a seller tidying categories from the keyboard tabbed back down past the team library and import.
  const listRef = useRef<HTMLOListElement>(null);
  const newNameRef = useRef<HTMLInputElement>(null);
  const focusAfterDelete = useRef<{ id: string; index: number } | null>(null);
  const deletingAt = (id: string | null) => {
    focusAfterDelete.current = id === null ? null : { id, index: categories.findIndex((c) => c.id === id) };
  };
  useEffect(() => {
    const after = focusAfterDelete.current;
    if (!after || categories.some((c) => c.id === after.id)) return;
    focusAfterDelete.current = null;
    const at = document.activeElement;
    if (at && at !== document.body) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="category-delete"]') ?? [];
    (buttons[Math.min(after.index, buttons.length - 1)] ?? newNameRef.current)?.focus();
  }, [categories]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of replies) m.set(r.categoryId, (m.get(r.categoryId) ?? 0) + 1);
    return m;
  }, [replies]);

  /** The library's name rule (rules.ts, what import applies), worded for the seller; null when the name may be stored. */
  function nameRefusal(clean: string, exceptId: string | null): string | null {
    const problem = categoryNameProblem(clean, categories, exceptId);
    return problem === 'empty' ? t('categoryNameEmpty') : problem === 'tooLong' ? t('categoryNameLong') : problem === 'categoryNameTaken' ? t('categoryNameTaken', { name: clean }) : null;
  }

  /**
   * Runs a write; a refusal of the name rule (another tab took the name meanwhile) is shown on its field,
   * and so is any other failure, worded by failureText: a write the store refused (a broken or full
   * profile's IndexedDB) said nothing, and the renamed field looked saved. Resolves to whether it was stored.
   * `then` runs as soon as it is stored — before tabs are told, which the seller does not wait for
   * (clearing the form after that wiped a name typed meanwhile).
   */
  async function write(field: NameField, clean: string, run: () => Promise<unknown>, then?: () => void): Promise<boolean> {
    try {
      await run();
    } catch (e) {
      if (e instanceof XiaoerError && e.code === 'category-name-taken') setRefused({ field, message: t('categoryNameTaken', { name: clean }) });
      else if (e instanceof XiaoerError && e.code === 'category-gone') setRefused({ field, message: t('categoryGoneMeanwhile') });
      else setRefused({ field, message: failureText(e, t) });
      return false;
    }
    setRefused(null);
    then?.();
    await libraryChanged();
    return true;
  }

  /** For a SavedOnBlur field: rejects when not stored, so Enter (or leaving) on the same text tries again. */
  async function saved(stored: Promise<boolean>): Promise<void> {
    if (!(await stored)) throw new Error('not stored');
  }

  async function rename(id: string, next: string) {
    const clean = next.trim();
    const why = nameRefusal(clean, id);
    if (why) return setRefused({ field: id, message: why });
    await saved(write(id, clean, () => renameCategory(getDb(), id, clean)));
  }

  async function setSymbolOf(id: string, next: string) {
    await saved(write(NO_FIELD, '', () => getDb().categories.update(id, { symbol: [...next.trim()].slice(0, 8).join('') })));
  }

  async function move(index: number, delta: -1 | 1) {
    const other = categories[index + delta];
    const self = categories[index];
    if (!other || !self) return;
    const db = getDb();
    // Renumber all so equal or sparse orders never make a swap a no-op.
    const next = [...categories];
    next[index] = other;
    next[index + delta] = self;
    await write(NO_FIELD, '', () =>
      db.transaction('rw', db.categories, async () => {
        await Promise.all(next.map((c, i) => db.categories.update(c.id, { order: i })));
      }),
    );
  }

  async function create() {
    const clean = name.trim();
    const why = nameRefusal(clean, null);
    if (why) return setRefused({ field: 'new', message: why });
    // Cleared only if it still holds what was stored: a next name typed while this one was being stored stays.
    await write('new', clean, () => createCategory(getDb(), { name: clean, symbol }), () => setName((now) => (now.trim() === clean ? '' : now)));
  }

  async function remove(c: Category) {
    setRefused(null);
    // Counted from the store now, not the list's figure: what another tab or an import filed under it counts too.
    try {
      const held = await getDb().replies.where('categoryId').equals(c.id).count();
      if (held) return setDeleting({ id: c.id, count: held });
      if (!confirm(t('confirmDeleteCategory', { name: c.name }))) return;
      deletingAt(c.id);
      await deleteCategoryAsked(c.id, null);
    } catch (e) {
      focusAfterDelete.current = null;
      // A reply was filed under it between the count and the confirm: ask where the replies go.
      if (e instanceof XiaoerError && e.code === 'category-not-empty') setDeleting({ id: c.id, count: Number(e.detail?.count ?? 1) });
      // Deleted in another tab meanwhile: what the seller asked for is done. Anything else is said, not dropped.
      else if (!(e instanceof XiaoerError && e.code === 'category-gone')) setRefused({ field: NO_FIELD, message: failureText(e, t) });
    }
  }

  const invalid = (field: NameField) => (refused?.field === field ? { 'aria-invalid': true as const, 'aria-errormessage': 'category-error' } : {});
  const pending = deleting ? categories.find((c) => c.id === deleting.id) : undefined;

  return (
    <fieldset className="panel" data-testid="library-categories">
      <legend>{t('categories')}</legend>
      <ol className="category-list" ref={listRef}>
        {categories.map((c, i) => (
          <li key={c.id} data-testid="category-row" data-category={c.id}>
            <SavedOnBlur className="symbol" aria-label={t('categorySymbol')} data-testid="category-symbol" value={c.symbol} onSave={(symbol) => setSymbolOf(c.id, symbol)} />
            <SavedOnBlur aria-label={t('categoryName')} data-testid="category-name" value={c.name} maxLength={CATEGORY_NAME_MAX} onSave={(name) => rename(c.id, name)} {...invalid(c.id)} />
            <span className="muted category-count">({counts.get(c.id) ?? 0})</span>
            <button type="button" aria-label={t('moveUp')} data-testid="category-up" disabled={i === 0} onClick={() => void move(i, -1)}>
              ↑
            </button>
            <button type="button" aria-label={t('moveDown')} data-testid="category-down" disabled={i === categories.length - 1} onClick={() => void move(i, 1)}>
              ↓
            </button>
            <button type="button" aria-label={t('categoryDelete')} title={t('categoryDelete')} data-testid="category-delete" onClick={() => void remove(c)}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      {pending ? <CategoryDeletePanel key={pending.id} category={pending} count={deleting!.count} categories={categories} onDeleting={(going) => deletingAt(going ? pending.id : null)} onDone={() => setDeleting(null)} /> : null}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void creating.run(create);
        }}
      >
        <input className="symbol" aria-label={t('categorySymbol')} data-testid="category-new-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        <input ref={newNameRef} placeholder={t('categoryName')} aria-label={t('categoryName')} data-testid="category-new-name" value={name} maxLength={CATEGORY_NAME_MAX} onChange={(e) => setName(e.target.value)} {...invalid('new')} />
        <button type="submit" data-testid="category-create" disabled={creating.busy}>
          {t('categoryCreate')}
        </button>
      </form>
      {refused ? (
        <p className="error" role="alert" id="category-error" data-testid="category-error">
          {refused.message}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The background deletes (one transaction: replies moved, category gone), then tells sidebars and tabs. */
async function deleteCategoryAsked(id: string, moveTo: string | null): Promise<void> {
  const { askBackground } = await import('../ext');
  await askBackground('category:delete', { id, moveTo });
}

/**
 * Deleting a category that holds replies: the seller says where they go (another
 * category), or — with no other category — is told why it cannot be deleted yet.
 */
function CategoryDeletePanel({ category, count, categories, onDeleting, onDone }: { category: Category; count: number; categories: Category[]; onDeleting: (going: boolean) => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const others = categories.filter((c) => c.id !== category.id);
  const [target, setTarget] = useState('');
  const [error, setError] = useState('');
  // Names of the categories offered, kept after one disappears so the sentence can name it.
  const names = useRef(new Map<string, string>());
  for (const c of others) names.current.set(c.id, c.name);
  const targetGone = (id: string) => {
    setTarget('');
    setError(t('categoryMoveTargetGone', { name: names.current.get(id) ?? '' }));
  };
  // The chosen category was deleted in another tab (this list follows the store): say so, choose again.
  const chosenGone = target !== '' && !others.some((c) => c.id === target);
  useEffect(() => {
    if (chosenGone) targetGone(target);
  }, [chosenGone, target]);
  async function confirmMove() {
    if (chosenGone) return;
    const moveTo = target;
    try {
      onDeleting(true);
      await deleteCategoryAsked(category.id, moveTo);
      onDone();
    } catch (e) {
      if (e instanceof XiaoerError && e.code === 'category-gone' && e.detail?.which !== 'target') return onDone();
      onDeleting(false);
      // Deleted in another tab after this list last heard: nothing moved (one transaction); worded in the UI language.
      if (e instanceof XiaoerError && e.code === 'category-gone') return targetGone(moveTo);
      setError(failureText(e, t));
    }
  }
  return (
    <div className="panel" role="group" aria-label={t('categoryDelete')} data-testid="category-delete-panel">
      {others.length ? (
        <>
          <p>{t(countKey(lang, count, 'categoryHoldsRepliesOne', 'categoryHoldsReplies'), { name: category.name, n: count })}</p>
          <div className="row">
            <select
              aria-label={t('categoryMoveTarget')}
              data-testid="category-delete-target"
              value={chosenGone ? '' : target}
              onChange={(e) => {
                setError('');
                setTarget(e.target.value);
              }}
            >
              <option value="">{t('categoryMoveTarget')}…</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.symbol} {c.name}
                </option>
              ))}
            </select>
            <button type="button" className="primary" data-testid="category-delete-confirm" disabled={!target || chosenGone} onClick={() => void confirmMove()}>
              {t('categoryMoveAndDelete')}
            </button>
            <button type="button" data-testid="category-delete-cancel" onClick={onDone}>
              {t('cancel')}
            </button>
          </div>
        </>
      ) : (
        <p className="error" role="alert" data-testid="category-delete-refused">
          {t(countKey(lang, count, 'categoryCannotDeleteOne', 'categoryCannotDelete'), { name: category.name, n: count })}{' '}
          <button type="button" data-testid="category-delete-cancel" onClick={onDone}>
            {t('cancel')}
          </button>
        </p>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="category-delete-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- replies

const ROW_HEIGHT = 34;

/**
 * The reply open in the editor and what was typed in it, kept while the seller looks at another view
 * (Buyers, Cases…): the Library view unmounts then, and the editor with it — the edit was lost, and the
 * editor closed. Module state, as long as the dashboard tab: Save or Cancel ends it.
 */
let keptEdit: { replyId: string | 'new'; draft: ReplyDraft | null; shortcut: boolean; opened?: string; changed?: boolean } | null = null;
// Closing the tab with a changed reply open asks first (unsaved-guard.ts).
guardUnsaved(() => keptEdit?.changed === true);

function RepliesPanel({ categories, replies, partial, count, onShownCount }: { categories: Category[]; replies: Reply[]; partial: boolean; count: string; onShownCount: (n: ShownCount) => void }) {
  const { t, lang } = useI18n();
  const [filterCat, setFilterCat] = useState<string>('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Reply | 'new' | null>(() => (keptEdit?.replyId === 'new' ? 'new' : (replies.find((r) => r.id === keptEdit?.replyId) ?? null)));
  const [editShortcut, setEditShortcut] = useState(keptEdit?.shortcut ?? false);
  const edit = (r: Reply | 'new' | null, shortcut = false) => {
    keptEdit = r ? { replyId: r === 'new' ? 'new' : r.id, draft: null, shortcut } : null;
    setEditShortcut(shortcut);
    setEditing(r);
  };
  const keepDraft = useCallback((draft: ReplyDraft) => {
    if (!keptEdit) return;
    // The editor's first report is the reply as it opened; a later one that differs is typing not saved.
    const now = JSON.stringify(draft);
    keptEdit.opened ??= now;
    keptEdit.changed = now !== keptEdit.opened;
    keptEdit.draft = draft;
  }, []);
  // The view's first rows may not hold the reply being edited yet (first-reads.ts): opened once it is listed.
  useEffect(() => {
    if (editing || !keptEdit || keptEdit.replyId === 'new') return;
    const id = keptEdit.replyId;
    const r = replies.find((x) => x.id === id);
    if (r) setEditing(r);
  }, [replies, editing]);
  const [moveTo, setMoveTo] = useState('');
  // Shortcuts two replies share (a library stored before the rule): index keys only, see shortcut-clashes.ts.
  const clashes = useLiveQuery(() => shortcutClashes(getDb()), []);
  const clashCount = useMemo(() => new Set([...(clashes?.values() ?? [])].map((c) => c.key)).size, [clashes]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const catById = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  // A category chosen here and deleted since (its ✕, another tab, an import): the filter's select showed
  // "All" over an empty list — it still filtered by the deleted id — and Move looked ready and did nothing.
  // Both go back to no choice.
  const category = filterCat && catById.has(filterCat) ? filterCat : '';
  const target = moveTo && catById.has(moveTo) ? moveTo : '';
  // One collator, not localeCompare per comparison: ~10× faster on a 10,000-reply sort.
  const collator = useMemo(() => new Intl.Collator(lang), [lang]);
  const q = query.trim();
  // The sidebar's matcher (search.ts, in its worker), not a substring of our own: "thh", "fahuo" and 發貨
  // for 发货 found nothing here, though the sidebar finds them. It starts when the seller first goes to the
  // filter (a dashboard opened only to look at the list clones no 10,000 replies for a worker): indexing
  // runs while they type the first letters.
  const [searchOn, setSearchOn] = useState(false);
  const filtered = searchOn || q !== '';
  // The latest answer (the previous query's while the next is on its way: the list does not flash empty),
  // with what it was asked: for the first render after a keystroke it is still the previous query's, not pending.
  const [found, setFound] = useState<{ hits: SearchHit[]; pending: boolean; query: string; categoryId: string | null }>({ hits: [], pending: true, query: '', categoryId: null });
  const onFound = useCallback((hits: SearchHit[], pending: boolean, query: string, categoryId: string | null) => setFound({ hits, pending, query, categoryId }), []);
  const shown = useMemo(() => {
    const byLatest = (a: Reply, b: Reply) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : collator.compare(a.title, b.title));
    // Default order: most recently edited first (what a supervisor just changed is on top); the category filter narrows.
    if (!q) return replies.filter((r) => !category || r.categoryId === category).sort(byLatest);
    // A typo guess ("refudn" → refund) helps an agent mid-chat, not a filter whose Select all feeds Delete
    // and Move: only what the text, its pinyin or its other script matches. Best matches first, as in the sidebar.
    // Rows from the library as it is now: an answer still on its way is about the replies as they were.
    const now = new Map(replies.map((r) => [r.id, r]));
    const score = new Map<string, number>();
    for (const h of found.hits) if (h.matched !== 'fuzzy' && now.has(h.reply.id)) score.set(h.reply.id, h.score);
    return [...score.keys()].map((id) => now.get(id)!).filter((r) => !category || r.categoryId === category).sort((a, b) => score.get(b.id)! - score.get(a.id)! || byLatest(a, b));
  }, [replies, category, q, found.hits, collator]);
  // .vlist is 420 px high (dashboard.css): the first render already holds the rows that fill it (from the
  // default 0×0 rect it rendered the overscan only, then again once measured).
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, initialRect: { width: 0, height: 420 } });
  useFirstRowsMark('library', virtual.getVirtualItems().length > 0);
  // Where keyboard focus goes when the editor closes (Save, Cancel, Escape) with focus in it: back to the reply's
  // title in the list (the new-reply button for a new one, or one no longer listed). It dropped to the top of
  // the page, and a seller going through replies from the keyboard tabbed past the team library, import and
  // every category each time. Kept on the row until the seller acts: a saved reply moves to the top of the list
  // when the store's answer arrives, and its row is rendered anew there.
  const newReplyRef = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<string | null>(null);
  const closeEditor = () => {
    const at = document.activeElement;
    if (!at || at === document.body || at.closest('[data-testid="reply-editor"]')) focusAfter.current = editing && editing !== 'new' ? editing.id : '';
    edit(null);
  };
  useEffect(() => {
    const stop = () => {
      focusAfter.current = null;
    };
    // Focus the seller (or their screen reader) moved elsewhere ends it too; the row's own focus does not.
    const moved = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && e.target.dataset.reply !== focusAfter.current) stop();
    };
    document.addEventListener('keydown', stop, true);
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('focusin', moved, true);
    return () => {
      document.removeEventListener('keydown', stop, true);
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('focusin', moved, true);
    };
  }, []);
  useEffect(() => {
    const id = focusAfter.current;
    if (id === null || editing) return;
    const index = id ? shown.findIndex((r) => r.id === id) : -1;
    if (index < 0) {
      focusAfter.current = null;
      newReplyRef.current?.focus();
      return;
    }
    const title = [...(scrollRef.current?.querySelectorAll<HTMLElement>('[data-testid="library-reply-title"]') ?? [])].find((el) => el.dataset.reply === id);
    if (!title) virtual.scrollToIndex(index);
    else if (document.activeElement !== title) title.focus();
  });
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));
  // What the bulk actions take: the ticked replies the filter shows, as in Evidence. Ticks hidden by a narrower
  // filter stay (they come back with it) but are not deleted or moved unseen — "Delete 15" took 13 the seller
  // had ticked under another filter and no longer saw.
  const shownIds = useMemo(() => new Set(shown.map((r) => r.id)), [shown]);
  // The count over the view says "N of M" while a category or text narrows the list. A query still being
  // searched says so: it kept the previous query's "3 of 56" (the list, too, still shows the previous
  // answer), which the seller read as this query's result. Off on leaving the view.
  const narrowed = category !== '' || q !== '';
  const settled = !q || (!found.pending && found.query === q && found.categoryId === (category || null));
  useEffect(() => {
    if (!narrowed) onShownCount(null);
    else if (!settled) onShownCount('searching');
    else if (!partial) onShownCount(shown.length);
  }, [narrowed, settled, partial, shown.length, onShownCount]);
  useEffect(() => () => onShownCount(null), [onShownCount]);
  const ids = [...selected].filter((id) => shownIds.has(id));
  // A bulk write the store refused (a broken or full profile's IndexedDB): it said nothing, the ticks stayed and
  // the rows with them, and the seller took it for done. Said in the UI language; nothing changed (one transaction).
  const [bulkError, setBulkError] = useState<string | null>(null);

  /** Runs one bulk write; true when stored. A refusal is shown over the list and the ticks stay for another try. */
  async function bulkWrite(write: () => Promise<unknown>): Promise<boolean> {
    setBulkError(null);
    try {
      await write();
      return true;
    } catch (e) {
      setBulkError(failureText(e, t));
      return false;
    }
  }

  async function bulkDelete() {
    if (!ids.length || !confirm(t(countKey(lang, ids.length, 'confirmBulkDeleteOne', 'confirmBulkDelete'), { n: ids.length }))) return;
    // With their usage rows, in one write (delete.ts deleteReplies).
    if (!(await bulkWrite(() => deleteReplies(getDb(), ids)))) return;
    // The ticks under other filters stay for their own turn.
    const done = new Set(ids);
    setSelected(new Set([...selected].filter((id) => !done.has(id))));
    await libraryChanged();
  }

  async function bulkMove() {
    if (!ids.length || !target) return;
    const db = getDb();
    const now = new Date().toISOString();
    // Only those not in it already: a reply "moved" where it was was stamped edited and jumped to the top of the list.
    const byId = new Map(replies.map((r) => [r.id, r]));
    const moving = ids.filter((id) => byId.get(id)?.categoryId !== target);
    const moved = await bulkWrite(() =>
      db.transaction('rw', db.replies, async () => {
        await Promise.all(moving.map((id) => db.replies.update(id, { categoryId: target, updatedAt: now })));
      }),
    );
    if (!moved) return;
    const done = new Set(ids);
    setSelected(new Set([...selected].filter((id) => !done.has(id))));
    await libraryChanged();
  }

  return (
    <fieldset className="panel" data-testid="library-replies">
      <legend>{t('replies')}</legend>
      <div className="row">
        <button type="button" className="primary" data-testid="library-new-reply" ref={newReplyRef} onClick={() => edit('new')}>
          {t('newReply')}
        </button>
        <select data-testid="library-filter-category" value={category} onChange={(e) => setFilterCat(e.target.value)}>
          <option value="">{t('allCategories')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.symbol} {c.name}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="library-filter"
          data-testid="library-filter"
          placeholder={t('filterReplies')}
          value={query}
          onFocus={() => setSearchOn(true)}
          onChange={(e) => {
            setSearchOn(true);
            setQuery(e.target.value);
          }}
        />
        {/* Beside the filter it counts for: over the whole view it was a screen above the list at 1366×768,
            out of sight while the seller read the rows the filter left. */}
        <span className="muted" data-testid="library-count">
          {count}
        </span>
      </div>
      {filtered ? (
        <Suspense fallback={null}>
          <LibrarySearch replies={replies} query={q} categoryId={category || null} onHits={onFound} />
        </Suspense>
      ) : null}
      {editing ? (
        <Suspense fallback={<p className="muted">…</p>}>
          <ReplyEditor
            key={editing === 'new' ? 'new' : editing.id}
            reply={editing === 'new' ? null : editing}
            categories={categories}
            focusShortcut={editShortcut}
            // The category the list is filtered to: a new reply started in the first category and, saved,
            // was not in the list the seller was looking at (as the sidebar does with its chosen category).
            newCategoryId={category || null}
            draft={keptEdit?.draft}
            onDraft={keepDraft}
            onDone={closeEditor}
          />
        </Suspense>
      ) : null}
      {clashCount ? (
        <p className="warn small" role="status" data-testid="library-clash-summary">
          {t(countKey(lang, clashCount, 'shortcutClashSummaryOne', 'shortcutClashSummary'), { n: clashCount })}
        </p>
      ) : null}
      <div className="row bulk" data-testid="library-bulk" hidden={partial}>
        <span className="muted">{t('selectedCount', { n: ids.length })}</span>
        <button type="button" data-testid="library-bulk-delete" disabled={!ids.length} onClick={() => void bulkDelete()}>
          {t('deleteSelected')}
        </button>
        <select data-testid="library-move-target" value={target} onChange={(e) => setMoveTo(e.target.value)}>
          <option value="">{t('moveToCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.symbol} {c.name}
            </option>
          ))}
        </select>
        <button type="button" data-testid="library-bulk-move" disabled={!ids.length || !target} onClick={() => void bulkMove()}>
          {t('moveReplies')}
        </button>
      </div>
      {bulkError ? (
        <p className="error" role="alert" data-testid="library-bulk-error">
          {bulkError}
        </p>
      ) : null}
      <div className="vrow vhead" role="row">
        <input
          type="checkbox"
          aria-label={t('selectAll')}
          data-testid="library-select-all"
          checked={allShownSelected}
          // While the typed filter is still being searched, the rows listed are the previous search's answer:
          // Select all ticked those, and Delete or Move then took replies this filter does not match.
          disabled={!settled}
          onChange={() => setSelected(allShownSelected ? new Set([...selected].filter((id) => !shownIds.has(id))) : new Set([...selected, ...shownIds]))}
        />
        <span>{t('title')}</span>
        <span>{t('shortcut')}</span>
        {/* One reply's category: "Categories" over it read as a list of them. */}
        <span>{t('categoryHeader')}</span>
        <span>{t('usedHeader')}</span>
        <span>{t('preview')}</span>
      </div>
      <div ref={scrollRef} className="vlist" data-testid="library-list">
        {/* An empty list said nothing: while the first search of a large library was still indexing, the
            seller read it as "nothing matches". */}
        {q && !shown.length ? (
          <p className="muted vempty" role="status" data-testid="library-filter-status">
            {found.pending ? t('filterSearching') : t('noReplies')}
          </p>
        ) : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const r = shown[item.index]!;
            const c = catById.get(r.categoryId);
            return (
              <div key={r.id} className="vrow" role="row" data-testid="library-reply" style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                <input
                  type="checkbox"
                  aria-label={r.title}
                  data-testid="library-reply-select"
                  checked={selected.has(r.id)}
                  onChange={() => {
                    const next = new Set(selected);
                    if (next.has(r.id)) next.delete(r.id);
                    else next.add(r.id);
                    setSelected(next);
                  }}
                />
                {/* One line per cell: the rows are ROW_HEIGHT high, one under the other, so a title or category
                    wrapped to a second line was drawn over the next reply (a 1366 px laptop, 125% zoom). The
                    whole text is in the tooltip. */}
                <button type="button" className="link clip" data-testid="library-reply-title" data-reply={r.id} title={r.title} onClick={() => edit(r)}>
                  {r.title}
                </button>
                <code className="clip" title={r.shortcut}>{r.shortcut}</code>
                <span className="clip" title={c ? c.name : undefined}>{c ? `${c.symbol} ${c.name}` : '—'}</span>
                <span>{r.usageCount}</span>
                {clashes?.has(r.id) ? (
                  <ClashMark reply={r} clash={clashes.get(r.id)!} onEdit={() => edit(r, true)} />
                ) : (
                  <span className="muted clip">{r.body[lang] || r.body['zh-CN'] || r.body['zh-TW'] || r.body.en}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </fieldset>
  );
}

/**
 * In a clashing reply's row (where its preview was): that its shortcut is also another reply's, which
 * one Tab inserts, and a click to change this one's shortcut. Titles are text nodes (React), never HTML.
 */
function ClashMark({ reply, clash, onEdit }: { reply: Reply; clash: ShortcutClash; onEdit: () => void }) {
  const { t } = useI18n();
  const others = clash.replies.filter((x) => x.id !== reply.id).map((x) => t('quotedTitle', { title: x.title })).join(t('listSeparator'));
  const mine = clash.tabUses.id === reply.id;
  const text = mine ? t('shortcutClashTabThis', { shortcut: reply.shortcut, others }) : t('shortcutClashTabOther', { shortcut: reply.shortcut, others, uses: clash.tabUses.title });
  return (
    <button type="button" className="link warn clip" style={{ textAlign: 'left' }} data-testid="library-shortcut-clash" data-tab-uses={mine} title={text} onClick={onEdit}>
      ⚠ {text}
    </button>
  );
}

// ---------------------------------------------------------------- usage

function UsagePanel({ replies }: { replies: Reply[] }) {
  const { t, lang } = useI18n();
  // Counted from the usage table (one row per insertion), not the cached counter on the reply.
  const usage = useLiveQuery(async () => {
    const counts = new Map<string, { n: number; last: string }>();
    await getDb().usage.each((u) => {
      const c = counts.get(u.replyId);
      if (c) {
        c.n++;
        if (u.at > c.last) c.last = u.at;
      } else counts.set(u.replyId, { n: 1, last: u.at });
    });
    return counts;
  }, []);
  if (!usage) return null;
  const collator = new Intl.Collator(lang);
  const counted = replies.map((r) => ({ r, n: usage.get(r.id)?.n ?? 0, last: usage.get(r.id)?.last ?? null }));
  const byTitle = (a: (typeof counted)[number], b: (typeof counted)[number]) => collator.compare(a.r.title, b.r.title);
  const most = counted.filter((x) => x.n > 0).sort((a, b) => b.n - a.n || byTitle(a, b)).slice(0, 10);
  // Sorted on its own, not the "most used" order reversed: replies used equally rarely came Z→A.
  const least = [...counted].sort((a, b) => a.n - b.n || byTitle(a, b)).slice(0, 10);
  const row = (x: (typeof counted)[number]) => (
    <li key={x.r.id}>
      {x.r.title} — {t('usedTimes', { n: x.n })}
      {x.last ? <span className="muted"> · {formatDateTime(lang, x.last)}</span> : null}
    </li>
  );
  return (
    <fieldset className="panel" data-testid="library-usage">
      <legend>{t('usageFigures')}</legend>
      <div className="columns">
        <div>
          <h3>{t('mostUsed')}</h3>
          {most.length ? <ol data-testid="usage-most">{most.map(row)}</ol> : <p className="muted">{t('noUsageYet')}</p>}
        </div>
        <div>
          <h3>{t('leastUsed')}</h3>
          <ol data-testid="usage-least">{least.map(row)}</ol>
        </div>
      </div>
    </fieldset>
  );
}
