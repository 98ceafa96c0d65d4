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
import { browser } from 'wxt/browser';
import { DATA_CHANGED, type BackgroundRes } from '../../lib/messaging';
import { askBackground } from '../ext';

export type Library = BackgroundRes<'library:get'>;

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
    const onMessage = (raw: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      if ((raw as { type?: unknown } | null)?.type === DATA_CHANGED) void load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
    return () => {
      alive = false;
      browser.runtime.onMessage.removeListener(onMessage as Parameters<typeof browser.runtime.onMessage.removeListener>[0]);
    };
  }, []);
  return { library, error };
}
