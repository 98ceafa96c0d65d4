/**
 * Switching Xiaoer on for one host from a click (popup switch, dashboard Sites).
 * Kept apart from the views so the popup bundle stays small.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { isBuiltInHost } from '../../lib/sites/hosts';

export { isBuiltInHost };
import { askBackground } from '../ext';


/** Both schemes of one host, as entrypoints/background/sites.ts registers them. */
export function hostOrigins(host: string): string[] {
  return [`https://${host}/*`, `http://${host}/*`];
}

/**
 * Ask the browser for the host permission — this must be the first await of the
 * click handler (permissions.request needs the live user gesture) — then let the
 * background save the host and register the overlay (and inject it into tabId now).
 */
export async function enableHost(host: string, tabId: number | null): Promise<void> {
  // A built-in host already has its permission from the manifest: switching it back on asks nothing.
  if (isBuiltInHost(host)) return void (await askBackground('site:set-enabled', { host, enabled: true, tabId }));
  const granted = await browser.permissions.request({ origins: hostOrigins(host) });
  if (!granted) throw new Error('permission-denied');
  await askBackground('site:set-enabled', { host, enabled: true, tabId });
}

/**
 * The hosts among `hosts` whose site access the browser no longer grants: withdrawn in the browser's own site
 * settings ("On click", or removed in chrome://extensions) after the seller switched them on. The overlay stops
 * there (background/sites.ts re-registers on permissions.onRemoved), while the Sites list and the popup still
 * showed the host as on. Built-in hosts hold theirs from the manifest. Follows grants and withdrawals live.
 */
export function useWithdrawnHosts(hosts: readonly string[]): ReadonlySet<string> {
  const [withdrawn, setWithdrawn] = useState<ReadonlySet<string>>(new Set());
  const key = hosts.join(' ');
  useEffect(() => {
    let current = true;
    const check = async () => {
      const missing = new Set<string>();
      for (const host of hosts) {
        if (isBuiltInHost(host)) continue;
        const held = await Promise.all(hostOrigins(host).map((o) => browser.permissions.contains({ origins: [o] }).catch(() => true)));
        if (!held.some(Boolean)) missing.add(host);
      }
      if (current) setWithdrawn(missing);
    };
    void check();
    const changed = () => void check();
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
    return () => {
      current = false;
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return withdrawn;
}
