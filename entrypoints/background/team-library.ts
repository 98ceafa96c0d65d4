/**
 * The team library URL in the worker (lib/replies/team-library.ts has the fetch and
 * the reading): saved from the dashboard's click (which asked for the origin's host
 * permission — the worker never has a user gesture), fetched at once, on "Update
 * now", every TEAM_UPDATE_MINUTES by a chrome.alarms alarm (it survives the worker
 * being stopped) and once at browser start-up. The fetch runs here, not in the
 * dashboard, so the automatic updates and the manual one are one code path.
 *
 * A failed update writes nothing to the library; its reason is kept in the status
 * (chrome.storage.local) and shown by the Library's panel the next time it is opened.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { getSettings, saveSettings } from '../../lib/settings';
import { importReplies } from '../../lib/replies/library';
import { TeamLibraryStatus } from '../../lib/schema';
import { isBuiltInHost } from '../../lib/sites/hosts';
import { DATA_CHANGED, XiaoerError, envelope, type TeamLibraryState } from '../../lib/messaging';
import {
  TEAM_ALARM,
  TEAM_STATUS_KEY,
  TEAM_TABLE,
  TEAM_UPDATE_MINUTES,
  fetchTeamLibrary,
  nextStatus,
  normalizeTeamUrl,
  teamOriginPattern,
  teamUrlProblem,
  type TeamFailure,
} from '../../lib/replies/team-library';
import { libraryChanged, type HandlerMap } from './handlers';

async function readStatus(): Promise<TeamLibraryStatus | null> {
  const got = (await browser.storage.local.get(TEAM_STATUS_KEY)) as Record<string, unknown>;
  const parsed = TeamLibraryStatus.safeParse(got[TEAM_STATUS_KEY]);
  return parsed.success ? parsed.data : null;
}

async function teamState(): Promise<TeamLibraryState> {
  const url = (await getSettings()).teamLibraryUrl ?? null;
  const status = await readStatus();
  // A status about another URL (the one before, or one restored from a backup) says nothing about this one.
  return { url, status: url && status?.url === url ? status : null };
}

/** The automatic update's alarm exists exactly while a URL is set. */
export async function syncTeamAlarm(restart = false): Promise<void> {
  const url = (await getSettings()).teamLibraryUrl;
  if (!url || restart) await browser.alarms.clear(TEAM_ALARM);
  if (!url) return;
  if (!restart && (await browser.alarms.get(TEAM_ALARM))) return;
  await browser.alarms.create(TEAM_ALARM, { delayInMinutes: TEAM_UPDATE_MINUTES, periodInMinutes: TEAM_UPDATE_MINUTES });
}

type Outcome = { ok: true; counts: { added: number; updated: number; unchanged: number } } | { ok: false; failure: TeamFailure };

async function updateOnce(automatic: boolean): Promise<TeamLibraryState> {
  const url = (await getSettings()).teamLibraryUrl;
  if (!url) return teamState();
  const at = new Date().toISOString();
  let outcome: Outcome;
  let changed = false;
  if (!(await browser.permissions.contains({ origins: [teamOriginPattern(url)] }))) {
    // Without the host permission the request would go out as a CORS request the server must allow; not sent at all.
    outcome = { ok: false, failure: { kind: 'noPermission' } };
  } else {
    const fetched = await fetchTeamLibrary(url, (u, init) => fetch(u, init));
    if (!fetched.ok) outcome = fetched;
    else {
      try {
        // Merge, as Import does: matched replies updated, new ones added, none removed (nor their usage counts).
        const plan = await importReplies(getDb(), fetched.parsed, 'merge', at);
        outcome = { ok: true, counts: { added: plan.counts.added, updated: plan.counts.updated, unchanged: plan.counts.unchanged } };
        changed = plan.counts.added > 0 || plan.counts.updated > 0 || plan.counts.categoriesAdded > 0;
      } catch (e) {
        outcome = { ok: false, failure: { kind: 'saveFailed', detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) } };
      }
    }
  }
  // Stopped or changed while the fetch ran: no status for a URL that is no longer in use.
  if ((await getSettings()).teamLibraryUrl === url) {
    await browser.storage.local.set({ [TEAM_STATUS_KEY]: nextStatus(await readStatus(), url, outcome, at, automatic) });
  }
  // After the status is written: an open Library panel refetches it on this broadcast (an automatic
  // update's result shows at once); sidebars and tabs refetch only when the library itself changed.
  if (changed) await libraryChanged();
  else await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: [TEAM_TABLE] })).catch(() => null);
  return teamState();
}

/** One update at a time: a click during the alarm's update runs after it (the file may have changed since). */
let queue: Promise<unknown> = Promise.resolve();

export function updateTeamLibrary(automatic: boolean): Promise<TeamLibraryState> {
  const run = queue.then(() => updateOnce(automatic));
  queue = run.catch(() => undefined);
  return run;
}

/** The automatic update's alarm fired (the listener's body; e2e calls it through test-hooks.ts). */
export async function onTeamAlarm(name: string): Promise<void> {
  if (name !== TEAM_ALARM) return;
  await updateTeamLibrary(true).catch(() => null);
}

/** The browser started: the alarm is made sure of (not every browser keeps alarms over a restart), and one update. */
export async function onBrowserStartup(): Promise<void> {
  await syncTeamAlarm().catch(() => null);
  if ((await getSettings()).teamLibraryUrl) await updateTeamLibrary(true).catch(() => null);
}

/** Startup hook (index.ts): the alarm's updates, and one update when the browser starts. */
export function registerTeamLibrary(): void {
  browser.alarms.onAlarm.addListener((alarm) => void onTeamAlarm(alarm.name));
  browser.runtime.onStartup.addListener(() => void onBrowserStartup());
}

export const teamLibraryHandlers = {
  'team-library:get': async () => teamState(),
  'team-library:set': async ({ url: raw }) => {
    const problem = teamUrlProblem(raw);
    if (problem) throw new XiaoerError('bad-request', `Not a team library address (${problem}).`, { problem });
    const url = normalizeTeamUrl(raw);
    // The dashboard asked for it inside the seller's click; without it nothing is saved or fetched.
    if (!(await browser.permissions.contains({ origins: [teamOriginPattern(url)] }))) {
      throw new XiaoerError('forbidden', `Xiaoer has no permission for ${teamOriginPattern(url)}; allow it when the browser asks.`, { what: 'host-permission', host: new URL(url).host.slice(0, 300) });
    }
    await saveSettings({ ...(await getSettings()), teamLibraryUrl: url });
    await syncTeamAlarm(true);
    return updateTeamLibrary(false);
  },
  'team-library:update': async () => updateTeamLibrary(false),
  'team-library:stop': async () => {
    const settings = await getSettings();
    const url = settings.teamLibraryUrl;
    const { teamLibraryUrl: _gone, ...rest } = settings;
    await saveSettings(rest);
    await browser.alarms.clear(TEAM_ALARM);
    await browser.storage.local.remove(TEAM_STATUS_KEY);
    if (url) {
      // The origin's permission was asked for this URL; given back unless a switched-on site uses that host.
      const host = new URL(url).hostname;
      if (!settings.enabledHosts.includes(host) && !isBuiltInHost(host)) {
        await browser.permissions.remove({ origins: [teamOriginPattern(url)] }).catch(() => false);
      }
    }
    // Another open Library panel (a second dashboard tab) stops showing the URL.
    await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: [TEAM_TABLE] })).catch(() => null);
    return teamState();
  },
} satisfies HandlerMap<'team-library:get' | 'team-library:set' | 'team-library:update' | 'team-library:stop'>;
