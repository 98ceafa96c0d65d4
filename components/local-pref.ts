/**
 * A choice the seller made in our pages that is kept in chrome.storage.local rather than in the
 * settings record: the sidebar's "Whole conversation" and "MHTML snapshot" boxes, the sites where the sidebar sits beside
 * the page. (The sidebar frame's localStorage is refused; chrome.storage.local works in every page of ours.)
 */
import { browser } from 'wxt/browser';

export interface LocalPref<T> {
  /** The stored value as `parse` reads it (absent or malformed: whatever `parse` makes of undefined or junk). Throws when storage cannot be read. */
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

/** `key` stays what it was when the choice was first stored: a new one would lose every seller's setting. */
export function localPref<T>(key: string, parse: (raw: unknown) => T): LocalPref<T> {
  return {
    async read() {
      const got = (await browser.storage.local.get(key)) as Record<string, unknown>;
      return parse(got[key]);
    },
    write: (value) => browser.storage.local.set({ [key]: value }),
  };
}
