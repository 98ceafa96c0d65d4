/**
 * The Library's Team library panel: the address of the file a CS supervisor keeps
 * the team's replies in (lib/replies/team-library.ts). Save asks for that origin's
 * host permission inside the click, then the background saves the URL and fetches
 * it; Update now fetches again; Stop using forgets the URL (the replies stay). The
 * last update's time, what it brought, and the last error are the background's
 * status, shown in the seller's language. Loaded behind the reply list, like the
 * import panel.
 */
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { DATA_CHANGED, type TeamLibraryState } from '../../lib/messaging';
import { formatDateTime, type MessageKey } from '../../lib/i18n';
import { TEAM_TABLE, isUnencrypted, normalizeTeamUrl, teamOriginPattern, teamUrlProblem, type TeamUrlProblem } from '../../lib/replies/team-library';
import { askBackground, onBroadcast } from '../ext';
import { useI18n } from '../i18n';
import { failureText } from '../failure-text';
import { useOneAtATime } from '../one-at-a-time';

const PROBLEM_TEXT: Record<TeamUrlProblem, MessageKey> = {
  empty: 'teamUrlEmpty',
  notUrl: 'teamUrlNotUrl',
  scheme: 'teamUrlScheme',
  credentials: 'teamUrlCredentials',
  tooLong: 'teamUrlTooLong',
};

/** permissions.request must be the click's first await (the user gesture); held permissions are granted without a prompt. */
function askOrigin(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [teamOriginPattern(url)] }).catch(() => false);
}

export function TeamLibraryPanel() {
  const { t, lang } = useI18n();
  const [team, setTeam] = useState<TeamLibraryState | null>(null);
  const [draft, setDraft] = useState('');
  /** The seller has typed in the box: the stored address, when it arrives, no longer replaces what they typed. */
  const typed = useRef(false);
  // One click's work at a time, from the click on (the permission prompt included): a double click on Save
  // fetched the file twice, and the second fetch's "0 added, 0 updated, 2 unchanged" replaced what it brought.
  const { busy, run: once } = useOneAtATime();
  /** This click's own message (a refused address, a denied permission, stopped). */
  const [note, setNote] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    const load = (fillDraft: boolean) =>
      askBackground('team-library:get', {}).then(
        (s) => {
          if (!live) return;
          setTeam(s);
          // Asked at mount: a worker that was asleep answers after the seller may have pasted an address.
          if (fillDraft && !typed.current) setDraft(s.url ?? '');
        },
        () => null,
      );
    void load(true);
    // An automatic update (alarm, start-up) that lands while the panel is open changes the library: show its status.
    const off = onBroadcast(DATA_CHANGED, ({ tables }) => {
      // An update's status, or the settings (a restore may bring another URL; a stop in another tab).
      if (tables.includes(TEAM_TABLE) || tables.includes('settings')) void load(false);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  /** Resolves to whether the background carried it out; a failure is this click's note. */
  async function run(ask: () => Promise<TeamLibraryState>): Promise<boolean> {
    try {
      setTeam(await ask());
      return true;
    } catch (e) {
      setNote({ kind: 'error', text: failureText(e, t) });
      return false;
    }
  }

  async function save() {
    setNote(null);
    const problem = teamUrlProblem(draft);
    if (problem) return setNote({ kind: 'error', text: t(PROBLEM_TEXT[problem]) });
    const url = normalizeTeamUrl(draft);
    if (!(await askOrigin(url))) return setNote({ kind: 'error', text: t('teamPermissionDenied', { origin: teamOriginPattern(url) }) });
    setDraft(url);
    await run(() => askBackground('team-library:set', { url }));
  }

  async function updateNow() {
    if (!team?.url) return;
    setNote(null);
    // Asked again in this click: the seller may have taken the permission back in the browser's settings.
    await askOrigin(team.url);
    await run(() => askBackground('team-library:update', {}));
  }

  async function stop() {
    if (!window.confirm(t('teamStopConfirm'))) return;
    setNote(null);
    // Not carried out (the background did not answer): its failure stays said — "Stopped" replaced it, and
    // emptied the box, while the address was still fetched every 6 hours.
    if (!(await run(() => askBackground('team-library:stop', {})))) return;
    setDraft('');
    setNote({ kind: 'ok', text: t('teamStopped') });
  }

  const status = team?.status ?? null;
  return (
    <fieldset className="panel" data-testid="team-library">
      <legend>{t('teamTitle')}</legend>
      <p className="muted">{t('teamIntro')}</p>
      <p className="muted">{t('teamPrivacy')}</p>
      <div className="row">
        <label>
          {t('teamUrlLabel')}{' '}
          <input
            type="url"
            size={60}
            data-testid="team-url"
            value={draft}
            placeholder="https://"
            onChange={(e) => {
              typed.current = true;
              setDraft(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void once(save);
            }}
          />
        </label>
        <button type="button" className="primary" data-testid="team-save" disabled={busy} onClick={(e) => void once(save, e)}>
          {t('teamSave')}
        </button>
      </div>
      {isUnencrypted(draft) ? (
        <p className="warn" data-testid="team-http-warning">
          {t('teamHttpWarning')}
        </p>
      ) : null}
      {note ? (
        <p className={note.kind} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="team-note">
          {note.text}
        </p>
      ) : null}
      {team?.url ? (
        <div data-testid="team-in-use">
          <p data-testid="team-current">{t('teamCurrent', { url: team.url })}</p>
          <p className="ok" role="status" data-testid="team-last-update">
            {busy
              ? t('teamUpdating')
              : status?.lastSuccessAt && status.lastCounts
                ? t('teamLastUpdate', { time: formatDateTime(lang, status.lastSuccessAt), ...status.lastCounts })
                : t('teamNeverUpdated')}
          </p>
          {status?.lastError && !busy ? (
            <p className="error" role="alert" data-testid="team-last-error">
              {t('teamLastError', {
                time: formatDateTime(lang, status.lastError.at),
                auto: status.lastError.automatic ? t('teamLastErrorAuto') : '',
                error: status.lastError.text[lang],
              })}
            </p>
          ) : null}
          <div className="row">
            <button type="button" data-testid="team-update" disabled={busy} onClick={(e) => void once(updateNow, e)}>
              {t('teamUpdateNow')}
            </button>
            <button type="button" data-testid="team-stop" disabled={busy} onClick={(e) => void once(stop, e)}>
              {t('teamStop')}
            </button>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
