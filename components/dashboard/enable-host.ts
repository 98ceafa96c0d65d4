/**
 * Switching Xiaoer on for one host from a click (popup switch, dashboard Sites).
 * Kept apart from the views so the popup bundle stays small.
 */
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
