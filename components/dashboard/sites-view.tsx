/**
 * Sites: the built-in marketplace hosts (dedicated adapter or generic reading),
 * hosts the seller switched on, and profiles taught with the element picker
 * (edit name, delete, export/import as JSON).
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { MARKETPLACE_HOST_PATTERNS } from '../../lib/sites/hosts';
import { ADAPTERS, siteIdForHost } from '../../lib/sites/registry';
import { formatDateTime } from '../../lib/i18n';
import { getSettings } from '../../lib/settings';
import { decodeUtf8 } from '../../lib/backup/json-file';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { downloadFile, fileDate } from './download';
import { enableHost } from './enable-host';


/** The hosts the seller switched on, with a field to add one. Used in Settings and Sites. */
export function EnabledHosts() {
  const { t } = useI18n();
  const settings = useLiveQuery(() => getSettings(), []);
  const [host, setHost] = useState('');
  const [status, setStatus] = useState('');
  if (!settings) return null;
  return (
    <fieldset className="panel" data-testid="enabled-hosts">
      <legend>{t('enabledSites')}</legend>
      <p className="muted small">{t('enabledSitesHelp')}</p>
      <ul>
        {settings.enabledHosts.map((h) => (
          <li key={h} data-testid="enabled-host">
            <code>{h}</code>{' '}
            <button
              type="button"
              onClick={async () => {
                try {
                  await askBackground('site:set-enabled', { host: h, enabled: false, tabId: null });
                } catch (e) {
                  setStatus(e instanceof Error ? e.message : String(e));
                }
              }}
            >
              {t('disableSite')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input data-testid="enabled-host-input" placeholder="erp.example.com" value={host} onChange={(e) => setHost(e.target.value)} />
        <button
          type="button"
          data-testid="enabled-host-add"
          onClick={() => {
            const clean = host.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').split('/')[0] ?? '';
            if (!/^[a-z0-9.-]+$/.test(clean)) return setStatus(t('hostInvalid'));
            // No await before request(): the click's user gesture must still be live.
            enableHost(clean, null).then(
              () => {
                setHost('');
                setStatus(t('siteEnabled', { host: clean }));
              },
              (e: unknown) => setStatus(e instanceof Error && e.message === 'permission-denied' ? t('permissionDenied') : String(e instanceof Error ? e.message : e)),
            );
          }}
        >
          {t('enableSite')}
        </button>
        <span role="status" data-testid="enabled-host-status">
          {status}
        </span>
      </div>
    </fieldset>
  );
}

export function SitesView() {
  const { t, lang } = useI18n();
  const profiles = useLiveQuery(() => getDb().siteProfiles.toArray(), []);
  const [status, setStatus] = useState('');
  const builtIn = MARKETPLACE_HOST_PATTERNS.map((p) => {
    const host = /^[a-z*]+:\/\/([^/]+)\//.exec(p)?.[1] ?? p;
    const id = siteIdForHost(host.replace(/^\*\./, 'x.'));
    const adapter = ADAPTERS.find((a) => a.id === id);
    return { pattern: p, reading: adapter ? adapter.name : null };
  });
  return (
    <section data-testid="sites-view">
      <fieldset className="panel">
        <legend>{t('builtInSites')}</legend>
        <table className="replies-table">
          <tbody>
            {builtIn.map((b) => (
              <tr key={b.pattern}>
                <td>
                  <code>{b.pattern}</code>
                </td>
                <td>{b.reading ? `${t('sourceDedicated')} · ${b.reading}` : t('sourceGeneric')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <EnabledHosts />
      <fieldset className="panel" data-testid="site-profiles">
        <legend>{t('taughtProfiles')}</legend>
        {profiles?.length ? null : <p className="muted">{t('noProfiles')}</p>}
        <ul>
          {(profiles ?? []).map((p) => (
            // Keyed by the stored name too: the name field is uncontrolled, and an import over an existing host must show the new name.
            <li key={`${p.host}\n${p.name}`}>
              <input
                aria-label={t('profileName')}
                defaultValue={p.name}
                maxLength={200}
                onBlur={(e) => e.target.value !== p.name && void getDb().siteProfiles.update(p.host, { name: e.target.value, updatedAt: new Date().toISOString() })}
              />{' '}
              <code>{p.host}</code> <span className="muted">{formatDateTime(lang, p.updatedAt)}</span>{' '}
              <button type="button" onClick={() => confirm(t('confirmDeleteProfile', { host: p.host })) && void askBackground('profile:delete', { host: p.host })}>
                {t('delete')}
              </button>
            </li>
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            disabled={!profiles?.length}
            onClick={async () => {
              const { text } = await askBackground('profile:export', {});
              downloadFile(`xiaoer-site-profiles-${fileDate()}.json`, text, 'application/json');
            }}
          >
            {t('exportJson')}
          </button>
          <label>
            {t('importFile')}{' '}
            <input
              type="file"
              accept=".json,application/json"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                // The background validates the whole file (lib/sites/profile-transfer.ts), refuses
                // it naming the place, and pushes the new profiles to open tabs.
                try {
                  // Bytes decoded strictly here (f.text() would hide non-UTF-8 bytes as U+FFFD).
                  const decoded = decodeUtf8(new Uint8Array(await f.arrayBuffer()));
                  if (!decoded.ok) throw new Error(`${decoded.problem.where}: ${decoded.problem.reason}`);
                  const res = await askBackground('profile:import', { text: decoded.text });
                  setStatus(t('profilesImported', { n: res.imported }));
                } catch (err) {
                  setStatus(t('profilesInvalid', { where: err instanceof Error ? err.message : f.name }));
                }
              }}
            />
          </label>
          <span role="status">{status}</span>
        </div>
      </fieldset>
    </section>
  );
}
