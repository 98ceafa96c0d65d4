/**
 * Sites: the built-in marketplace hosts (dedicated adapter or generic reading)
 * with a switch each, the built-in hosts the seller switched off (from here or
 * the popup) with a way back on, hosts the seller switched on, and profiles
 * taught with the element picker (edit name, delete, export/import as JSON).
 *
 * Every switch goes through 'site:set-enabled', the message the popup sends, so
 * switching off stops the running overlays in open tabs at once (the background
 * sends them OVERLAY_SHUTDOWN). Switching back on from here has no tab to inject
 * into: open tabs pick it up on their next load.
 */
import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { DEMO_HOST_PATTERNS, MARKETPLACE_HOST_PATTERNS, isBuiltInHost, isHostEnabled, normalizeHost } from '../../lib/sites/hosts';
import { ADAPTERS, siteIdForHost } from '../../lib/sites/registry';
import { formatDateTime, sentences } from '../../lib/i18n';
import { getSettings } from '../../lib/settings';
import { parseProfilesBytes, SELECTOR_FIELDS } from '../../lib/sites/profile-transfer';
import { refusalText, type Refusal } from '../../lib/backup/refusal';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { downloadFile, fileDate } from '../download';
import { enableHost, useWithdrawnHosts } from './enable-host';
import { SavedOnBlur } from './saved-on-blur';
import { FileChoice } from './file-choice';
import { siteName } from '../site-names';
import { countKey } from '../plural';
import { failureText } from '../failure-text';


/** The hosts the seller switched on, with a field to add one. Used in Settings and Sites. */
export function EnabledHosts() {
  const { t } = useI18n();
  const settings = useLiveQuery(() => getSettings(), []);
  const [host, setHost] = useState('');
  const [status, setStatus] = useState('');
  const withdrawn = useWithdrawnHosts(settings?.enabledHosts ?? []);
  if (!settings) return null;
  const enable = () => {
    const clean = normalizeHost(host);
    if (!clean) return setStatus(t('hostInvalid'));
    // No await before request(): the click's (or Enter's) user gesture must still be live.
    enableHost(clean, null).then(
      () => {
        setHost('');
        setStatus(t('siteEnabled', { host: clean }));
      },
      (e: unknown) => setStatus(e instanceof Error && e.message === 'permission-denied' ? t('permissionDenied') : failureText(e, t)),
    );
  };
  return (
    <fieldset className="panel" data-testid="enabled-hosts">
      <legend>{t('enabledSites')}</legend>
      <p className="muted small">{t('enabledSitesHelp')}</p>
      <ul>
        {settings.enabledHosts.map((h) => (
          <li key={h} data-testid="enabled-host">
            <code>{h}</code>{' '}
            {withdrawn.has(h) ? (
              <>
                <span className="error small" data-testid="enabled-host-withdrawn">
                  {t('hostAccessWithdrawn', { host: h })}
                </span>{' '}
                <button
                  type="button"
                  data-testid="enabled-host-allow"
                  // The request is the click's first await: the browser asks only from a live user gesture.
                  onClick={() => enableHost(h, null).catch((e: unknown) => setStatus(e instanceof Error && e.message === 'permission-denied' ? t('permissionDenied') : failureText(e, t)))}
                >
                  {t('hostAccessAllow')}
                </button>{' '}
              </>
            ) : null}
            <button
              type="button"
              onClick={async () => {
                try {
                  await askBackground('site:set-enabled', { host: h, enabled: false, tabId: null });
                } catch (e) {
                  setStatus(failureText(e, t));
                }
              }}
            >
              {t('disableSite')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        {/* Enter does what the button does, as in the team library's address (it did nothing). */}
        <input
          data-testid="enabled-host-input"
          placeholder="erp.example.com"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            // And only that: in Settings this field sits inside the settings form, and Enter also submitted it —
            // a half-typed shop name was saved, or a half-typed form refused with the caret taken to the hours.
            e.preventDefault();
            enable();
          }}
        />
        <button type="button" data-testid="enabled-host-add" onClick={enable}>
          {t('enableSite')}
        </button>
        <span role="status" data-testid="enabled-host-status">
          {status}
        </span>
      </div>
    </fieldset>
  );
}

/** The built-in patterns this build runs on: the marketplaces, and the demo marketplace in the e2e build (isBuiltInHost). */
function builtInPatterns(): readonly string[] {
  return import.meta.env.MODE === 'e2e' ? [...MARKETPLACE_HOST_PATTERNS, ...DEMO_HOST_PATTERNS] : MARKETPLACE_HOST_PATTERNS;
}

/** Switch a built-in host off or on, as the popup's switch does. */
async function switchBuiltIn(host: string, on: boolean): Promise<void> {
  await askBackground('site:set-enabled', { host, enabled: on, tabId: null });
}

/** Built-in hosts the seller switched off (settings.disabledHosts), each with a way back on, and a field to switch one off by name. */
function SwitchedOffHosts({ disabled, onStatus }: { disabled: readonly string[]; onStatus: (s: string) => void }) {
  const { t, lang } = useI18n();
  const [host, setHost] = useState('');
  const fail = (e: unknown) => onStatus(failureText(e, t));
  const switchOff = () => {
    const clean = normalizeHost(host);
    if (!clean) return onStatus(t('hostInvalid'));
    // A host the seller added is switched off in "Sites you enabled" (that also drops its permission).
    if (!isBuiltInHost(clean)) return onStatus(t('sitesNotBuiltIn', { host: clean }));
    switchBuiltIn(clean, false).then(() => {
      setHost('');
      onStatus(t('sitesSwitchedOff', { host: clean }));
    }, fail);
  };
  return (
    <fieldset className="panel" data-testid="switched-off-hosts">
      <legend>{t('sitesSwitchedOffTitle')}</legend>
      <p className="muted small">{t('sitesSwitchedOffHelp')}</p>
      {disabled.length ? null : <p className="muted" data-testid="switched-off-none">{t('sitesNoneSwitchedOff')}</p>}
      <ul>
        {disabled.map((h) => (
          <li key={h} data-testid="switched-off-host" data-host={h}>
            <code>{h}</code> <span className="warn">{t('sitesHostOff')}</span>{' '}
            <button
              type="button"
              data-testid="switched-off-host-on"
              onClick={() => switchBuiltIn(h, true).then(() => onStatus(sentences(lang, t('siteEnabled', { host: h }), t('reloadToApply'))), fail)}
            >
              {t('sitesSwitchOnHost')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          data-testid="switch-off-host-input"
          aria-label={t('sitesSwitchOffHost')}
          placeholder="xx.qianniu.taobao.com"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) switchOff();
          }}
        />
        <button type="button" data-testid="switch-off-host" onClick={switchOff}>
          {t('sitesSwitchOffHost')}
        </button>
      </div>
    </fieldset>
  );
}

export function SitesView() {
  const { t, lang, settings } = useI18n();
  const profiles = useLiveQuery(() => getDb().siteProfiles.toArray(), []);
  const [status, setStatus] = useState('');
  const [siteStatus, setSiteStatus] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLLegendElement>(null);
  // A file the reader refused (worded from its refusal), or one the background did not take (worded by failureText).
  const [refused, setRefused] = useState<{ file: string; refusal: Refusal } | { file: string; failure: string } | null>(null);
  const disabled = settings?.disabledHosts ?? [];
  const builtInGroups: { key: string; name: string; rows: { pattern: string; address: string; host: string | null; dedicated: boolean }[] }[] = [];
  for (const p of builtInPatterns()) {
    const host = /^[a-z*]+:\/\/([^/]+)\//.exec(p)?.[1] ?? p;
    const id = siteIdForHost(host.replace(/^\*\./, 'x.'));
    // A wildcard pattern covers many hosts: those are switched off one by one, by name.
    // Named in the UI language as everywhere else in the dashboard: the adapter's own name is one mixed string
    // ("AliExpress 速卖通"), Simplified in the zh-TW UI and Chinese in the English one. A host no marketplace
    // claims (the demo marketplace of the e2e build) is its own group.
    const key = id ?? host;
    const row = { pattern: p, address: p.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, ''), host: host.startsWith('*.') ? null : host, dedicated: ADAPTERS.some((a) => a.id === id) };
    const group = builtInGroups.find((g) => g.key === key);
    if (group) group.rows.push(row);
    else builtInGroups.push({ key, name: id ? siteName(t, id) : host, rows: [row] });
  }
  return (
    <section data-testid="sites-view">
      {/* The seller's own first — what they taught, the backends they enabled — then the built-ins: the taught
          profiles sat below 30+ built-in rows, and a seller looking for what they taught had to scroll for it. */}
      <fieldset className="panel" data-testid="site-profiles">
        {/* Focusable from script only: where focus goes when the last profile is deleted. */}
        <legend ref={headingRef} tabIndex={-1}>
          {t('taughtProfiles')}
        </legend>
        {profiles?.length ? null : <p className="muted">{t('noProfiles')}</p>}
        <ul ref={listRef}>
          {(profiles ?? []).map((p) => (
            // An import over an existing host shows its new name (SavedOnBlur follows the stored value).
            <li key={p.host} data-testid="site-profile" data-host={p.host}>
              {/* A profile taught with the picker has no name yet: the field said nothing, a bare box beside the host. */}
              <SavedOnBlur
                aria-label={t('profileName')}
                placeholder={t('profileName')}
                data-testid="profile-name"
                value={p.name}
                maxLength={200}
                onSave={(name) => {
                  setStatus('');
                  // Through the background, which alone writes profiles (and pushes them to open tabs); a rename it
                  // did not make is said, and SavedOnBlur lets Enter try it again.
                  return askBackground('profile:rename', { host: p.host, name }).catch((e: unknown) => {
                    setStatus(failureText(e, t));
                    throw e;
                  });
                }}
              />{' '}
              <code>{p.host}</code> <span className="muted">{formatDateTime(lang, p.updatedAt)}</span>{' '}
              <button
                type="button"
                data-testid="profile-delete"
                onClick={(e) => {
                  if (!confirm(t('confirmDeleteProfile', { host: p.host }))) return;
                  setStatus('');
                  const button = e.currentTarget;
                  const hosts = (profiles ?? []).map((x) => x.host);
                  const at = hosts.indexOf(p.host);
                  const next = hosts[at + 1] ?? hosts[at - 1] ?? null;
                  askBackground('profile:delete', { host: p.host }).then(
                    () => {
                      // Focus went down with the row, to the top of the page: a keyboard seller deleting a few
                      // profiles tabbed all the way back. It goes to the next profile's Delete (the previous one's
                      // for the last row), or to the list's heading when none is left — unless the seller is elsewhere.
                      const now = document.activeElement;
                      if (now !== button && now !== document.body && now !== null) return;
                      const target = next === null ? null : listRef.current?.querySelector<HTMLElement>(`li[data-host="${CSS.escape(next)}"] [data-testid="profile-delete"]`);
                      (target ?? headingRef.current)?.focus();
                    },
                    // A delete the background did not make said nothing: the row stayed, and the seller clicked again and again.
                    (err: unknown) => setStatus(failureText(err, t)),
                  );
                }}
              >
                {t('delete')}
              </button>
              {/* A profile is read only where Xiaoer runs: an imported one for a backend not switched on here did nothing, unsaid. */}
              {settings && !isHostEnabled(p.host, settings) ? (
                <div className="small">
                  <span className="warn" data-testid="profile-host-off">
                    {t('profileHostOff', { host: p.host })}
                  </span>{' '}
                  <button
                    type="button"
                    data-testid="profile-host-on"
                    onClick={() =>
                      // No await before enableHost: the permission request needs the click's gesture.
                      enableHost(p.host, null).then(
                        () => setStatus(t('siteEnabled', { host: p.host })),
                        (e: unknown) => setStatus(e instanceof Error && e.message === 'permission-denied' ? t('permissionDenied') : failureText(e, t)),
                      )
                    }
                  >
                    {t('enableSite')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            disabled={!profiles?.length}
            data-testid="profiles-export"
            onClick={async () => {
              setStatus('');
              try {
                const { text } = await askBackground('profile:export', {});
                downloadFile(`xiaoer-site-profiles-${fileDate()}.json`, text, 'application/json');
              } catch (err) {
                // A failed export said nothing: the seller waited for a file that never came.
                setStatus(failureText(err, t));
              }
            }}
          >
            {t('exportJson')}
          </button>
          {/* Not the library's importFile ("JSON or CSV"): profiles come as JSON only. */}
          <FileChoice
            label={t('profilesImportFile')}
            accept=".json,application/json"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              // Emptied at once (the refusal names the file): Chrome fires no change for the file already chosen,
              // so a profiles file fixed after a refusal and chosen again did nothing.
              e.target.value = '';
              setRefused(null);
              setStatus('');
              if (!f) return;
              try {
                // Checked here first (the same reader the background runs, lib/sites/profile-transfer.ts),
                // so a refusal arrives as data and is worded in the seller's language; bytes decoded
                // strictly (f.text() would hide non-UTF-8 bytes as U+FFFD).
                const bytes = new Uint8Array(await f.arrayBuffer());
                const parsed = parseProfilesBytes(bytes);
                if (!parsed.ok) return setRefused({ file: f.name, refusal: parsed.refusal });
                // A profile taught here for a host the file also holds is replaced whole: asked first, naming the
                // hosts (an agent's own profile was overwritten by the owner's file without a word).
                const replaced = parsed.profiles
                  .filter((p) => {
                    const old = profiles?.find((o) => o.host === p.host);
                    return old && (old.name !== p.name || SELECTOR_FIELDS.some((k) => old[k] !== p[k]));
                  })
                  .map((p) => p.host);
                if (replaced.length && !confirm(t(countKey(lang, replaced.length, 'profilesReplaceOne', 'profilesReplace'), { hosts: replaced.join(t('listSeparator')) }))) return;
                // The background validates again, writes all or nothing, and pushes the new profiles to open tabs.
                const res = await askBackground('profile:import', { text: new TextDecoder().decode(bytes) });
                setStatus(t(countKey(lang, res.imported, 'profilesImportedOne', 'profilesImported'), { n: res.imported }));
              } catch (err) {
                // The file was read and found good here; what the background answers instead (stopped
                // mid-request, storage full, a file too large to send) is said in the seller's language.
                // It read "Not a profiles file (profile:import: no reply)", in English in every UI.
                setRefused({ file: f.name, failure: failureText(err, t) });
              }
            }}
          />
          <span role="status" data-testid="profiles-status">
            {status}
          </span>
        </div>
        {refused ? (
          <p className="error" role="alert" data-testid="profiles-import-error">
            {sentences(lang, t('importRefused', { file: refused.file }), 'refusal' in refused ? refusalText(lang, refused.refusal) : refused.failure)}
          </p>
        ) : null}
      </fieldset>
      <EnabledHosts />
      <fieldset className="panel" data-testid="builtin-sites">
        <legend>{t('builtInSites')}</legend>
        {/* One group per marketplace, named once (its six Amazon regions read "dedicated adapter · Amazon Seller
            Central" six times), each address as the seller types it; the full match pattern in its tooltip. */}
        <table className="replies-table builtin-sites">
          <thead>
            <tr>
              <th scope="col">{t('sitesColMarketplace')}</th>
              <th scope="col">{t('sitesColAddress')}</th>
              <th scope="col">{t('sitesColReading')}</th>
              <th scope="col">{t('sitesColSwitch')}</th>
            </tr>
          </thead>
          {builtInGroups.map((group) => (
            <tbody key={group.key} className="builtin-group">
              {group.rows.map((b, i) => {
                const on = b.host !== null && !disabled.includes(b.host);
                return (
                  <tr key={b.pattern} data-testid="builtin-site" data-host={b.host ?? ''}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={group.rows.length} data-testid="builtin-site-market">
                        {group.name}
                      </th>
                    ) : null}
                    <td>
                      <code title={b.pattern}>{b.address}</code>
                    </td>
                    <td>{b.dedicated ? t('sourceDedicated') : t('sourceGeneric')}</td>
                    <td>
                      {b.host === null ? (
                        <span className="muted small">{t('sitesWildcardHint')}</span>
                      ) : (
                        <label>
                          {/* Controlled by the stored setting: the box turns once the background has saved it. */}
                          <input
                            type="checkbox"
                            data-testid="builtin-site-switch"
                            aria-label={b.host}
                            checked={on}
                            disabled={!settings}
                            onChange={(e) => {
                              const host = b.host!;
                              const next = e.target.checked;
                              switchBuiltIn(host, next).then(
                                () => setSiteStatus(next ? sentences(lang, t('siteEnabled', { host }), t('reloadToApply')) : t('sitesSwitchedOff', { host })),
                                (err: unknown) => setSiteStatus(failureText(err, t)),
                              );
                            }}
                          />{' '}
                          {on ? t('sitesHostOn') : t('sitesHostOff')}
                        </label>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
        <span role="status" data-testid="builtin-site-status">
          {siteStatus}
        </span>
      </fieldset>
      <SwitchedOffHosts disabled={disabled} onStatus={setSiteStatus} />
    </section>
  );
}
