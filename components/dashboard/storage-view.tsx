/**
 * Storage: space used per kind and in total against the browser's quota, and
 * deleting old screenshots with a preview of what goes.
 *
 * Deleting a screenshot removes only its bytes: its row in `artifacts` becomes a
 * tombstone (empty data, `deletedAt`; lib/db/artifacts.ts). The evidence record —
 * with the screenshot's name, size and SHA-256 — stays, so the hash chain still
 * verifies, and an export lists the screenshot as deleted by the seller on that
 * date instead of failing. Sizes, the list and the preview count live bytes only,
 * so a tombstone is never offered for deletion again.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../lib/db';
import { deleteArtifactBytes } from '../../lib/db/artifacts';
import { isScreenshot } from '../../lib/backup/format';
import { isTombstone } from '../../lib/schema';
import { formatDateTime } from '../../lib/i18n';
import { useI18n } from '../i18n';
import { caseName } from '../../lib/evidence/case-name';
import { formatBytes, quotaShare } from './download';
import { countKey } from '../plural';

interface Shot {
  id: string;
  size: number;
  capturedAt: string;
  /** Title of the unresolved case this screenshot is evidence in (captured for it or linked on its timeline). */
  openCase: string | null;
}

const AGES = [30, 90, 180, 365] as const;
/** Record tables, sized by their JSON (IndexedDB's own overhead is not visible to a page). */
const RECORD_TABLES = ['replies', 'categories', 'buyers', 'evidence', 'messages', 'cases', 'reviewDrafts', 'settings', 'siteProfiles', 'usage'] as const;

export function StorageView() {
  const { t, lang } = useI18n();
  const [age, setAge] = useState<number>(90);
  const [status, setStatus] = useState('');
  // Kept unless the seller unticks it: a clean-up of old images must not take the screenshots a dispute still open rests on.
  const [keepOpenCases, setKeepOpenCases] = useState(true);
  const usage = useLiveQuery(async () => {
    const db = getDb();
    const shots: Shot[] = [];
    let screenshots = 0;
    let snapshots = 0;
    let deleted = 0;
    const capturedAt = new Map<string, string>();
    await db.evidence.each((e) => capturedAt.set(e.id, e.capturedAt));
    // Evidence of cases still running: the seller is told before their screenshots go, and may keep them.
    const openCase = new Map<string, string>();
    const caseOf = new Map<string, string>();
    for (const c of await db.cases.toArray()) {
      if (c.status === 'resolved') continue;
      const title = caseName(c, t);
      caseOf.set(c.id, title);
      for (const e of c.timeline) if (e.kind === 'evidence' && e.evidenceId) openCase.set(e.evidenceId, title);
    }
    if (caseOf.size) await db.evidence.each((e) => {
      if (e.caseId && caseOf.has(e.caseId)) openCase.set(e.id, caseOf.get(e.caseId)!);
    });
    // Only metadata is read per artifact: the sizes are stored with each row.
    await db.artifacts.each((a) => {
      // A tombstone holds no bytes: it counts nowhere but in the "deleted" line.
      if (isTombstone(a)) deleted++;
      else if (isScreenshot(a.mime)) {
        screenshots += a.size;
        shots.push({ id: a.id, size: a.size, capturedAt: capturedAt.get(a.evidenceId) ?? '', openCase: openCase.get(a.evidenceId) ?? null });
      } else snapshots += a.size;
    });
    let records = 0;
    const encoder = new TextEncoder();
    for (const name of RECORD_TABLES) await db.table(name).each((r) => (records += encoder.encode(JSON.stringify(r)).length));
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    return { screenshots, snapshots, records, shots, deleted, used: estimate?.usage ?? null, quota: estimate?.quota ?? null };
  }, []);
  const old = useMemo(() => {
    if (!usage) return [];
    const cutoff = Date.now() - age * 86_400_000;
    return usage.shots.filter((s) => s.capturedAt && Date.parse(s.capturedAt) < cutoff);
  }, [usage, age]);
  const inOpenCases = old.filter((s) => s.openCase !== null);
  const doomed = keepOpenCases ? old.filter((s) => s.openCase === null) : old;
  if (!usage) return <p className="muted">…</p>;
  const total = usage.screenshots + usage.snapshots + usage.records;
  const dates = doomed.map((s) => s.capturedAt).sort();
  const doomedBytes = doomed.reduce((n, s) => n + s.size, 0);
  return (
    <section data-testid="storage-view">
      <fieldset className="panel">
        <legend>{t('storageUsed')}</legend>
        <dl className="facts" data-testid="storage-kinds">
          <dt>{t('storageScreenshots')}</dt>
          <dd data-testid="storage-screenshots">{formatBytes(usage.screenshots)}</dd>
          <dt>{t('storageSnapshots')}</dt>
          <dd data-testid="storage-snapshots">{formatBytes(usage.snapshots)}</dd>
          <dt>{t('storageRecords')}</dt>
          <dd data-testid="storage-records">{formatBytes(usage.records)}</dd>
          <dt>{t('storageTotal')}</dt>
          <dd data-testid="storage-total">{formatBytes(total)}</dd>
          <dt>{t('storageBrowser')}</dt>
          <dd data-testid="storage-quota">
            {usage.used === null || usage.quota === null ? t('notFound') : t('storageOfQuota', { used: formatBytes(usage.used), quota: formatBytes(usage.quota), pct: quotaShare(usage.used, usage.quota) })}
          </dd>
        </dl>
        {usage.quota ? <progress max={usage.quota} value={usage.used ?? 0} /> : null}
        {usage.deleted ? (
          <p className="muted small" data-testid="storage-deleted">
            {t(countKey(lang, usage.deleted, 'storageDeletedKeptOne', 'storageDeletedKept'), { n: usage.deleted })}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="panel" data-testid="storage-cleanup">
        <legend>{t('deleteOldScreenshots')}</legend>
        <label>
          {t('olderThan')}{' '}
          <select data-testid="storage-age" value={age} onChange={(e) => setAge(Number(e.target.value))}>
            {AGES.map((d) => (
              <option key={d} value={d}>
                {t(countKey(lang, d, 'ageDaysOne', 'ageDays'), { n: d })}
              </option>
            ))}
          </select>
        </label>
        <p data-testid="storage-preview">
          {doomed.length
            ? t(countKey(lang, doomed.length, 'screenshotsPreviewOne', 'screenshotsPreview'), { n: doomed.length, size: formatBytes(doomedBytes), from: formatDateTime(lang, dates[0]!), to: formatDateTime(lang, dates[dates.length - 1]!) })
            : t('noOldScreenshots')}
        </p>
        {inOpenCases.length ? (
          <div className="warn small" data-testid="storage-open-cases">
            <p>{t(countKey(lang, inOpenCases.length, 'storageInOpenCasesOne', 'storageInOpenCases'), { n: inOpenCases.length, cases: [...new Set(inOpenCases.map((s) => s.openCase!))].join(t('listSeparator')) })}</p>
            <label>
              <input type="checkbox" data-testid="storage-keep-open-cases" checked={keepOpenCases} onChange={(e) => setKeepOpenCases(e.target.checked)} /> {t('storageKeepOpenCases')}
            </label>
          </div>
        ) : null}
        <p className="muted small">{t('screenshotsKeepHash')}</p>
        <button
          type="button"
          className="primary"
          data-testid="storage-delete"
          disabled={!doomed.length}
          onClick={async () => {
            if (!confirm(t(countKey(lang, doomed.length, 'confirmDeleteScreenshotsOne', 'confirmDeleteScreenshots'), { n: doomed.length }))) return;
            // Only the bytes go (tombstones keep name, hash and the deletion time); evidence records stay intact.
            const done = await deleteArtifactBytes(getDb(), doomed.map((s) => s.id));
            setStatus(t(countKey(lang, done.ids.length, 'screenshotsDeletedOne', 'screenshotsDeleted'), { n: done.ids.length, size: formatBytes(done.bytes) }));
          }}
        >
          {t('deleteScreenshots')}
        </button>{' '}
        <span role="status" data-testid="storage-status">
          {status}
        </span>
      </fieldset>
    </section>
  );
}
