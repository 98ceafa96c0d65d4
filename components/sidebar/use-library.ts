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

export type Library = BackgroundRes<'library:get'>;

/** What library:get returns is read from these tables (entrypoints/background/handlers.ts). */
const LIBRARY_TABLES = new Set(['replies', 'categories', 'settings']);

export function useLibrary(): { library: Library | undefined; error: string | null } {
  const [library, setLibrary] = useState<Library | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      askBackground('library:get', {})
        .then((lib) => {
          if (alive) {
            setLibrary(lib);
            setError(null);
          }
        })
        .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    void load();
    // Only the library's own tables: a buyer note or a capture elsewhere must not refetch (and
    // re-index) thousands of replies.
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
