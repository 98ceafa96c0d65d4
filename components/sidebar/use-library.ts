/**
 * The sidebar's view of the library and settings, through the background.
 *
 * Why not Dexie here like the dashboard: the sidebar is an extension frame
 * inside a marketplace page, i.e. a third-party frame. With third-party storage
 * blocked (measured in Chromium 156: `indexedDB.open` → "UnknownError: The user
 * denied permission to access the database", `hasStorageAccess()` false), it
 * cannot open IndexedDB at all. The background refetch signal (DATA_CHANGED)
 * keeps it live like useLiveQuery would.
 */
import { useEffect, useState } from 'react';
import { DATA_CHANGED, type BackgroundRes } from '../../lib/messaging';
import { askBackground, onBroadcast } from '../ext';

/** How many replies the list shows without a query (replies-panel.tsx): the first screen. */
export const FIRST_SCREEN = 60;

export type Library = BackgroundRes<'library:get'> & {
  /**
   * False while only the first screen is in (library:head: the most used
   * replies, categories, settings): shipping 10,000 replies through runtime
   * messaging and parsing them takes about a second, and the agent usually wants
   * one of the most used ones. Searching and category lists wait for the rest.
   */
  complete: boolean;
  /** Replies in the library. */
  total: number;
};

/** What library:get returns is read from these tables (entrypoints/background/handlers.ts). */
const LIBRARY_TABLES = new Set(['replies', 'categories', 'settings']);

export function useLibrary(): { library: Library | undefined; error: string | null } {
  const [library, setLibrary] = useState<Library | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let asked = 0;
    let haveWhole = false;
    const load = async () => {
      const ask = ++asked;
      const current = () => alive && ask === asked;
      try {
        if (!haveWhole) {
          const head = await askBackground('library:head', { limit: FIRST_SCREEN });
          if (!current()) return;
          const complete = head.replies.length >= head.total;
          haveWhole = complete;
          setLibrary({ categories: head.categories, replies: head.replies, settings: head.settings, complete, total: head.total });
          setError(null);
          if (complete) return;
        }
        const whole = await askBackground('library:get', {});
        if (!current()) return;
        haveWhole = true;
        setLibrary({ ...whole, complete: true, total: whole.replies.length });
        setError(null);
      } catch (e) {
        if (current()) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    // Only the library's own tables: a buyer note or a capture elsewhere must not refetch (and
    // re-index) thousands of replies. A refetch reads the whole library (the first screen is shown).
    const off = onBroadcast(DATA_CHANGED, ({ tables }) => {
      if (tables.some((t) => LIBRARY_TABLES.has(t))) void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, []);
  return { library, error };
}
