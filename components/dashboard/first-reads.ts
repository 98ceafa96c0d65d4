/**
 * The opening view's first rows, asked before React renders anything.
 *
 * A dashboard opened on #evidence used to wait for the view's chunk, then
 * render, then ask IndexedDB for the newest page: three steps in a row.
 * Now the read starts before the page's modules have even loaded
 * (dashboard-early.js, early-reads.ts) and main.tsx adopts it, else starts it
 * through Dexie before the first render; the view takes the result once, on
 * its first render, and its own live query takes over from there.
 */
import { useEffect, useRef, useState } from 'react';
import { getDb } from '../../lib/db';
import type { Category, Evidence, Reply } from '../../lib/schema';
import { EVIDENCE_PAGE, LIBRARY_FIRST_PAGE, takeEarlyRows, type EarlyView } from './early-reads';

export { EVIDENCE_PAGE, LIBRARY_FIRST_PAGE };

/** The evidence list's newest page (the view's live query asks the same). */
export const newestEvidence = (): Promise<Evidence[]> => getDb().evidence.orderBy('seq').reverse().limit(EVIDENCE_PAGE).toArray();
/** The library's first screen (the view's live query asks the same). */
export const recentlyEditedReplies = (): Promise<Reply[]> => getDb().replies.orderBy('updatedAt').reverse().limit(LIBRARY_FIRST_PAGE).toArray();
export const orderedCategories = (): Promise<Category[]> => getDb().categories.orderBy('order').toArray();

const READS = {
  evidence: newestEvidence,
  library: async (): Promise<{ replies: Reply[]; categories: Category[] }> => {
    const [replies, categories] = await Promise.all([recentlyEditedReplies(), orderedCategories()]);
    return { replies, categories };
  },
} satisfies Record<EarlyView, () => Promise<unknown>>;
type ReadView = keyof typeof READS;
type Row<V extends ReadView> = Awaited<ReturnType<(typeof READS)[V]>>;

interface Early {
  promise: Promise<unknown>;
  value?: unknown;
}
const started = new Map<string, Early>();

/**
 * Starts the opening view's read (a view without one: nothing) — or takes the
 * one dashboard-early.js started before this module loaded (early-reads.ts),
 * reading through Dexie if that one could not (no database yet, an upgrade due).
 */
export function startFirstRead(view: string): Promise<unknown> | null {
  if (!(view in READS)) return null;
  const already = started.get(view);
  if (already) return already.promise;
  const read = READS[view as ReadView];
  const raw = takeEarlyRows(view as ReadView);
  const early: Early = { promise: raw ? raw.then((rows) => rows ?? read()) : read() };
  early.promise.then(
    (v) => (early.value = v),
    // A failed open is shown by DbGuard; the view's own query reports anything else.
    () => undefined,
  );
  started.set(view, early);
  return early.promise;
}

/**
 * The early rows, once: later visits to the view read live (an early result
 * kept around would show stale rows for a frame). `liveAnswered`: the view's own
 * query has answered at least once — from then on the early rows are never
 * shown again (e.g. while a later query of the view is pending).
 */
export function useFirstRead<V extends ReadView>(view: V, liveAnswered: boolean): Row<V> | undefined {
  const retired = useRef(false);
  if (liveAnswered) retired.current = true;
  const [early] = useState(() => started.get(view));
  const [value, setValue] = useState(early?.value as Row<V> | undefined);
  useEffect(() => {
    started.delete(view);
    if (!early || value !== undefined) return;
    let live = true;
    early.promise.then(
      (v) => live && setValue(v as Row<V>),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [early]);
  return retired.current ? undefined : value;
}
