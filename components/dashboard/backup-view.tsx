/**
 * Backup / restore: one file with everything, screenshots included
 * (lib/backup). Restore first reads and validates the whole file and shows what
 * it holds; only "Restore" writes, in one transaction. A damaged, truncated or
 * newer-version file is refused and nothing is touched.
 */
import { useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db';
import { BACKUP_TABLE_NAMES, startsLikeZip, type BackupTable, type ReadResult } from '../../lib/backup/format';
import { createBackupFile, inspectBackupFile, restoreBackup, storedNotInBackup } from '../../lib/backup/store';
import { formatDateTime, sentences, type MessageKey } from '../../lib/i18n';
import { refusalText } from '../../lib/backup/refusal';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { downloadFile, fileDate, formatBytes } from '../download';
import { countKey } from '../plural';
import { failureCause, failureText } from '../failure-text';
import { useWordedStatus } from '../worded-status';
import { FileChoice } from './file-choice';

const TABLE_LABEL: Record<BackupTable, MessageKey> = {
  settings: 'backupKindSettings',
  categories: 'backupKindCategories',
  replies: 'backupKindReplies',
  usage: 'backupKindUsage',
  buyers: 'backupKindBuyers',
  cases: 'backupKindCases',
  evidence: 'backupKindEvidence',
  messages: 'backupKindMessages',
  artifacts: 'backupKindArtifacts',
  reviewDrafts: 'backupKindReviewDrafts',
  siteProfiles: 'backupKindSiteProfiles',
};

const PROBLEM_LABEL = {
  'not-a-backup': 'backupNotBackup',
  damaged: 'backupDamaged',
  'newer-version': 'backupNewer',
  'invalid-record': 'backupInvalid',
  'missing-file': 'backupDamaged',
} as const satisfies Record<string, MessageKey>;

export function BackupView() {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  // Worded when shown, not when set: a restore brings back the backup's interface language.
  const { text: status, set: setStatus } = useWordedStatus();
  const [read, setRead] = useState<ReadResult | null>(null);
  /** What the restore would delete (stored now, not in the file); null until compared. */
  const [lost, setLost] = useState<[BackupTable, number][] | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // The backup whose preview is shown: no longer named once it is restored or cancelled.
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <section data-testid="backup-view">
      <fieldset className="panel">
        <legend>{t('backupCreate')}</legend>
        <p className="muted small">{t('backupHelp')}</p>
        <button
          type="button"
          className="primary"
          data-testid="backup-download"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setStatus(null);
            try {
              const bytes = await createBackupFile(getDb(), browser.runtime.getManifest().version);
              downloadFile(`xiaoer-backup-${fileDate()}.zip`, bytes as Uint8Array<ArrayBuffer>, 'application/zip');
              setStatus((tr) => tr('backupMade', { size: formatBytes(bytes.length) }));
            } catch (e) {
              setStatus((tr) => failureText(e, tr));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('backupDownload')}
        </button>{' '}
        <span role="status" data-testid="backup-status">
          {status}
        </span>
      </fieldset>
      <fieldset className="panel">
        <legend>{t('restoreTitle')}</legend>
        <FileChoice
          label={t('restoreChoose')}
          inputRef={inputRef}
          accept=".zip,application/zip"
          testId="backup-restore-file"
          chosen={chosen}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setChosen(f?.name ?? null);
            setRead(null);
            setLost(null);
            setStatus(null);
            if (!f) return;
            setBusy(true);
            try {
              // A file that is no ZIP (a campaign video chosen by mistake) is refused from its first bytes, which
              // say what it is (lib/backup/format.ts): read whole first, a file of GBs stalled the tab to be refused.
              const head = new Uint8Array(await f.slice(0, 64).arrayBuffer());
              const result = await inspectBackupFile(startsLikeZip(head) ? new Uint8Array(await f.arrayBuffer()) : head);
              setRead(result);
              if (result.ok) setLost(await storedNotInBackup(getDb(), result.data).catch(() => null));
            } finally {
              setBusy(false);
            }
          }}
        />
        {read && !read.ok ? (
          <p className="error" role="alert" data-testid="backup-error">
            {sentences(lang, t(PROBLEM_LABEL[read.problem.code]), t('backupNothingChanged'))}
            <br />
            {/* Worded in the UI language from the refusal's code and place (lib/i18n/refusals.ts); English in the tooltip for support. */}
            <span className="small" data-testid="backup-error-detail" title={read.problem.message}>
              {refusalText(lang, read.problem.refusal)}
            </span>
          </p>
        ) : null}
        {read?.ok ? (
          <div className="preview" data-testid="backup-preview" data-compared={lost !== null}>
            <p>{t('restoreFrom', { date: formatDateTime(lang, read.manifest.createdAt), version: read.manifest.extensionVersion })}</p>
            <table className="replies-table">
              <tbody>
                {BACKUP_TABLE_NAMES.map((n) => (
                  <tr key={n} data-testid={`backup-count-${n}`}>
                    <td>{t(TABLE_LABEL[n])}</td>
                    {/* Settings are one row, stored only once the seller saves them: "0" meant "at their defaults", and a restore then resets them. */}
                    <td>{n === 'settings' ? t(read.counts.settings ? 'backupSettingsIncluded' : 'backupSettingsDefaults') : read.counts[n]}</td>
                  </tr>
                ))}
                <tr>
                  <td>{t('storageScreenshots')}</td>
                  <td>{formatBytes(read.counts.screenshotBytes)}</td>
                </tr>
                {/* Screenshots the seller deleted travel as tombstones (hash and date, no bytes): said apart. */}
                {read.counts.deletedArtifacts ? (
                  <tr data-testid="backup-count-deleted">
                    <td colSpan={2}>{t(countKey(lang, read.counts.deletedArtifacts, 'storageDeletedKeptOne', 'storageDeletedKept'), { n: read.counts.deletedArtifacts })}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            {lost?.length ? (
              <p className="warn" data-testid="backup-loses">
                {t('restoreDeletes', { list: lost.map(([n, c]) => `${t(TABLE_LABEL[n])} ${c}`).join(t('listSeparator')) })}
              </p>
            ) : null}
            <p className="warn">{t('restoreReplaces')}</p>
            <button
              type="button"
              className="primary"
              data-testid="backup-apply"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await restoreBackup(getDb(), read.data);
                  await askBackground('data:restored', {}).catch(() => null);
                  setStatus((tr) => tr('restoreDone'));
                  setRead(null);
                  if (inputRef.current) inputRef.current.value = '';
                  setChosen(null);
                } catch (e) {
                  setStatus((tr) => sentences(lang, tr('restoreFailed'), failureCause(e, tr)));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('restoreApply')}
            </button>{' '}
            <button
              type="button"
              data-testid="backup-cancel"
              onClick={() => {
                setRead(null);
                // Chrome fires no change for the file already chosen: picking the same backup again after Cancel did nothing.
                if (inputRef.current) inputRef.current.value = '';
                setChosen(null);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        ) : null}
      </fieldset>
    </section>
  );
}
