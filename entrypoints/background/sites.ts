/**
 * Seller-enabled sites: a backend Xiaoer has no built-in pattern for, switched on
 * from the popup or the dashboard. The page asks for the host permission from
 * the seller's click (permissions.request needs a user gesture, which the
 * background never has); here the host is saved in settings and the overlay
 * content script is registered for it with chrome.scripting, so it loads on
 * that host from then on — and is injected into the tab now, without a reload.
 */
import { browser } from 'wxt/browser';
import { getSettings, saveSettings } from '../../lib/settings';
import { isBuiltInHost, isHostEnabled, normalizeHost } from '../../lib/sites/hosts';
import type { HandlerMap } from './handlers';
import { libraryChanged } from './handlers';
import { envelope, OVERLAY_SHUTDOWN, XiaoerError } from '../../lib/messaging';
import { translate } from '../../lib/i18n';
import { toggleTabTitle } from './overlay-words';
import { teamOriginPattern } from '../../lib/replies/team-url';

const SCRIPT_ID = 'xiaoer-enabled-hosts';
/** The overlay's built file (WXT names content scripts content-scripts/<entry>.js). */
const OVERLAY_FILE = 'content-scripts/overlay.js';

/** Match patterns for one host: both schemes (many in-house backends are plain http on a LAN). */
export function hostOrigins(host: string): string[] {
  return [`https://${host}/*`, `http://${host}/*`];
}

type Scripting = {
  getRegisteredContentScripts: (filter?: { ids?: string[] }) => Promise<Array<{ id: string; matches?: string[] }>>;
  registerContentScripts: (scripts: Array<{ id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean }>) => Promise<void>;
  unregisterContentScripts: (filter?: { ids?: string[] }) => Promise<void>;
  executeScript: (injection: { target: { tabId: number }; files: string[] }) => Promise<unknown>;
};

function scripting(): Scripting | null {
  return ((browser as unknown as { scripting?: Scripting }).scripting ?? null);
}

/** Make the registered overlay match exactly the enabled hosts whose permission is still granted. */
export async function syncSiteRegistrations(): Promise<string[]> {
  const api = scripting();
  if (!api) return [];
  const settings = await getSettings();
  const granted: string[] = [];
  for (const host of settings.enabledHosts) {
    if (isBuiltInHost(host)) continue;
    const origins = hostOrigins(host);
    for (const o of origins) if (await browser.permissions.contains({ origins: [o] })) granted.push(o);
  }
  const existing = await api.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await api.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) await api.registerContentScripts([{ id: SCRIPT_ID, matches: granted, js: [OVERLAY_FILE], runAt: 'document_idle', persistAcrossSessions: true }]);
  return granted;
}

/** Startup hook (index.ts): re-sync after an update, and when the seller revokes a host in the browser. */
export function registerSites(): void {
  void syncSiteRegistrations().catch(() => null);
  browser.permissions.onRemoved.addListener(() => void syncSiteRegistrations().catch(() => null));
}

/**
 * Stops the running overlays of a host just switched off, in every open tab of it (no reload
 * needed). Every tab is asked and each overlay compares the host itself: without host access
 * (built-in marketplaces run on content-script matches alone) tab URLs are not visible here.
 */
async function shutDownOverlays(host: string): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.filter((t) => t.id !== undefined).map((t) => browser.tabs.sendMessage(t.id!, envelope(OVERLAY_SHUTDOWN, { host }), { frameId: 0 }).catch(() => null)),
  );
}

/**
 * After a restore (every setting replaced): the overlay runs on exactly the hosts the restored settings
 * enable. Registrations were left as they were, so a backend the restored backup did not enable kept its
 * overlay — on pages the Sites list no longer showed, with nothing there to switch it off — and one it did
 * enable stayed without. A host dropped is switched off as the Sites button does it: its open tabs' overlays
 * stop and its permission is given back (unless the team library's address uses that origin).
 */
export async function followRestoredSites(): Promise<void> {
  const api = scripting();
  const before = api ? (await api.getRegisteredContentScripts({ ids: [SCRIPT_ID] })).flatMap((s) => s.matches ?? []) : [];
  const after = await syncSiteRegistrations();
  const settings = await getSettings();
  const team = settings.teamLibraryUrl ? teamOriginPattern(settings.teamLibraryUrl) : null;
  const dropped = new Set(before.filter((o) => !after.includes(o)).map((o) => /^[a-z]+:\/\/([^/]+)\//.exec(o)?.[1] ?? ''));
  for (const host of dropped) {
    if (!host || settings.enabledHosts.includes(host)) continue;
    const origins = hostOrigins(host).filter((o) => o !== team);
    if (origins.length) await browser.permissions.remove({ origins }).catch(() => false);
    await shutDownOverlays(host);
  }
}

export const sitesHandlers = {
  'site:set-enabled': async ({ host: raw, enabled, tabId }) => {
    const host = normalizeHost(raw);
    if (!host) throw new XiaoerError('bad-request', `"${raw}" is not a host name.`, { what: 'host-name', host: raw.slice(0, 300) });
    const builtIn = isBuiltInHost(host);
    if (enabled && !builtIn) {
      const ok = await Promise.all(hostOrigins(host).map((o) => browser.permissions.contains({ origins: [o] })));
      if (!ok.some(Boolean)) throw new XiaoerError('forbidden', `Xiaoer has no permission for ${host}; allow it when the browser asks.`, { what: 'host-permission', host });
    }
    const settings = await getSettings();
    const without = (list: string[]) => list.filter((h) => h !== host);
    await saveSettings({
      ...settings,
      enabledHosts: enabled && !builtIn ? [...without(settings.enabledHosts), host] : without(settings.enabledHosts),
      disabledHosts: !enabled && builtIn ? [...without(settings.disabledHosts), host] : without(settings.disabledHosts),
    });
    const registered = await syncSiteRegistrations();
    if (!enabled && !builtIn) await browser.permissions.remove({ origins: hostOrigins(host) }).catch(() => false);
    if (enabled && tabId !== null) await scripting()?.executeScript({ target: { tabId }, files: [OVERLAY_FILE] }).catch(() => null);
    if (!enabled) await shutDownOverlays(host);
    await libraryChanged();
    return { enabled, registered };
  },
  // Asked by the overlay base before it shows its toggle tab or handles Tab (a switched-off built-in host stays quiet).
  'page:enabled': async ({ host }) => {
    const settings = await getSettings();
    // The overlay's own words in the UI language: it shows them before any sidebar (which names its frame live) loads.
    const names = { tab: await toggleTabTitle(settings.uiLang), frame: translate(settings.uiLang, 'sidebarFrameTitle') };
    return { enabled: isHostEnabled(host, settings), names };
  },
} satisfies HandlerMap<'site:set-enabled' | 'page:enabled'>;
