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
import { formatBytes, quotaShare } from '../download';
import { countKey } from '../plural';
import { failureText } from '../failure-text';

interface Shot {
  id: string;
  size: number;
  capturedAt: string;
  /** Title of the unresolved case this screenshot is evidence in (captured for it or linked on its timeline). */
  openCase: string | null;
  /** Whose it is: the record's buyer id ('' when the page named none) and name as captured. */
  buyerId: string;
  buyerName: string;
  /** Every case it is evidence in, resolved ones too. */
  cases: string[];
}

/** The preview's lines: whose screenshots go, how many, and the cases they are evidence in. */
interface PreviewGroup {
  key: string;
  name: string;
  n: number;
  bytes: number;
  cases: Set<string>;
  open: Set<string>;
}

/** Buyers with the most screenshots first; the seller sees whose records thin out before confirming. */
function previewGroups(shots: readonly Shot[]): PreviewGroup[] {
  const groups = new Map<string, PreviewGroup>();
  for (const s of shots) {
    const key = s.buyerId || s.buyerName;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, name: s.buyerName || s.buyerId, n: 0, bytes: 0, cases: new Set(), open: new Set() }));
    g.n++;
    g.bytes += s.size;
    for (const c of s.cases) g.cases.add(c);
    if (s.openCase) g.open.add(s.openCase);
  }
  return [...groups.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
}

/** Buyers listed in the preview; the rest are counted in one line. */
const PREVIEW_BUYERS = 30;

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
    const evidence = new Map<string, { capturedAt: string; buyerId: string; buyerName: string; caseId: string | null }>();
    await db.evidence.each((e) => evidence.set(e.id, { capturedAt: e.capturedAt, buyerId: e.buyerId ?? '', buyerName: e.buyerName ?? '', caseId: e.caseId }));
    // Evidence of cases still running: the seller is told before their screenshots go, and may keep them.
    const openCase = new Map<string, string>();
    // Every case a record is evidence in (captured for it, or linked on its timeline), for the preview's lines.
    const inCases = new Map<string, Set<string>>();
    const title = new Map<string, string>();
    const unresolved = new Set<string>();
    const addCase = (evidenceId: string, name: string) => {
      let set = inCases.get(evidenceId);
      if (!set) inCases.set(evidenceId, (set = new Set()));
      set.add(name);
    };
    for (const c of await db.cases.toArray()) {
      const name = caseName(c, t);
      title.set(c.id, name);
      for (const e of c.timeline) {
        if (e.kind !== 'evidence' || !e.evidenceId) continue;
        addCase(e.evidenceId, name);
        if (c.status !== 'resolved') openCase.set(e.evidenceId, name);
      }
      if (c.status !== 'resolved') unresolved.add(c.id);
    }
    for (const [id, r] of evidence) {
      if (!r.caseId || !title.has(r.caseId)) continue;
      addCase(id, title.get(r.caseId)!);
      if (unresolved.has(r.caseId)) openCase.set(id, title.get(r.caseId)!);
    }
    // Only metadata is read per artifact: the sizes are stored with each row.
    await db.artifacts.each((a) => {
      // A tombstone holds no bytes: it counts nowhere but in the "deleted" line.
      if (isTombstone(a)) deleted++;
      else if (isScreenshot(a.mime)) {
        screenshots += a.size;
        const r = evidence.get(a.evidenceId);
        shots.push({
          id: a.id,
          size: a.size,
          capturedAt: r?.capturedAt ?? '',
          openCase: openCase.get(a.evidenceId) ?? null,
          buyerId: r?.buyerId ?? '',
          buyerName: r?.buyerName ?? '',
          cases: [...(inCases.get(a.evidenceId) ?? [])],
        });
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
  const groups = previewGroups(doomed);
  const sep = t('listSeparator');
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
        {/* Whose screenshots go, and the cases they are evidence in: the preview said only how many and when, and
            the seller could not tell a clean-up of old chats from the photos of a dispute still running. */}
        {groups.length ? (
          <ul className="small storage-preview-list" data-testid="storage-preview-list">
            {groups.slice(0, PREVIEW_BUYERS).map((g) => (
              <li key={g.key} data-testid="storage-preview-buyer" className={g.open.size ? 'warn' : undefined}>
                <strong>{g.name || t('storageNoBuyer')}</strong>
                {t('colon')}
                {t(countKey(lang, g.n, 'storageBuyerShotsOne', 'storageBuyerShots'), { n: g.n, size: formatBytes(g.bytes) })}
                {g.cases.size ? t('storageBuyerCases', { cases: [...g.cases].map((c) => (g.open.has(c) ? t('storageCaseNotResolved', { title: c }) : c)).join(sep) }) : null}
              </li>
            ))}
            {groups.length > PREVIEW_BUYERS ? (
              <li className="muted">{t(countKey(lang, groups.length - PREVIEW_BUYERS, 'storageMoreBuyersOne', 'storageMoreBuyers'), { n: groups.length - PREVIEW_BUYERS })}</li>
            ) : null}
          </ul>
        ) : null}
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
            setStatus('');
            try {
              // Only the bytes go (tombstones keep name, hash and the deletion time); evidence records stay intact.
              const done = await deleteArtifactBytes(getDb(), doomed.map((s) => s.id));
              setStatus(t(countKey(lang, done.ids.length, 'screenshotsDeletedOne', 'screenshotsDeleted'), { n: done.ids.length, size: formatBytes(done.bytes) }));
            } catch (e) {
              // A delete the store refused (one transaction: nothing went) said nothing, and the seller took the space
              // as freed. Said why; the preview stays as it was, so the same screenshots can be deleted again.
              setStatus(failureText(e, t));
            }
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
