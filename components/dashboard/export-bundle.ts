/**
 * Export evidence as a bundle ZIP from the dashboard (a top-level extension
 * page, so it reads the store itself). writeBundle wants a contiguous chain
 * segment: the records between the first and last chosen seq are all passed,
 * and those not chosen are withheld (chain fields only, no content), so the
 * chain stays checkable without exposing other buyers' evidence. Screenshots the
 * seller deleted in Storage (tombstones, lib/db/artifacts.ts) are listed in the
 * bundle as deleted instead of stopping the export. Transcripts are rendered from
 * each record's chained messages.json, not the messages store (lib/evidence/bundle.ts).
 */
import { useState } from 'react';
import { downloadBlob, fileStamp, recordFileName } from '../download';
import { getDb } from '../../lib/db';
import type { BundleProgress } from '../../lib/evidence/bundle';
import type { Case, Lang } from '../../lib/schema';
import { isTombstone } from '../../lib/schema/tombstone';
import { browser } from 'wxt/browser';
import type { MessageKey } from '../../lib/i18n';
import { failureText } from '../failure-text';
import { useOneAtATime } from '../one-at-a-time';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export async function exportEvidence(opts: {
  evidenceIds: readonly string[];
  cases: readonly Case[];
  lang: Lang;
  onProgress?: (p: BundleProgress) => void;
  signal?: AbortSignal;
}): Promise<Blob> {
  const db = getDb();
  // The bundle writer (fflate, the transcript renderer) loads on the first export, not with the evidence list.
  const { collectBlob, writeBundle } = await import('../../lib/evidence/bundle');
  const chosen = await db.evidence.bulkGet([...opts.evidenceIds]);
  const seqs = chosen.filter((e) => e !== undefined).map((e) => e!.seq);
  if (!seqs.length) throw new Error('Nothing to export: no evidence selected.');
  const wanted = new Set(opts.evidenceIds);
  const records = await db.evidence.where('seq').between(Math.min(...seqs), Math.max(...seqs), true, true).sortBy('seq');
  const stream = writeBundle({
    records,
    withhold: (r) => !wanted.has(r.id),
    cases: opts.cases,
    lang: opts.lang,
    generator: { name: 'Xiaoer', version: browser.runtime.getManifest().version },
    artifacts: async (ref) => {
      const a = await db.artifacts.get(ref.id);
      // No row at all is damage (or a deletion from before tombstones), not a deletion we can date: refuse.
      if (!a) throw new Error(`Artifact ${ref.name} of an evidence record is missing from the store.`);
      // The seller deleted the bytes (Dashboard → Storage): the bundle lists it as deleted, with no file.
      if (isTombstone(a)) return { deletedAt: a.deletedAt };
      return a.data;
    },
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  return collectBlob(stream);
}

/** Hand a Blob to the browser's download shelf through an object URL and <a download>. */
/**
 * The file name a screenshot downloads under: its evidence record's number in front
 * ("xiaoer-42-screenshot-page-redacted.png"), so a seller's downloads of several records
 * do not all arrive as "screenshot-page.png (1)", "(2)"… and each names the record it came from.
 */
export async function artifactFileName(artifact: { evidenceId: string; name: string }, suffix = ''): Promise<string> {
  const record = await getDb().evidence.get(artifact.evidenceId);
  return recordFileName(record ?? { seq: artifact.evidenceId }, artifact.name, suffix);
}

/**
 * The ZIP's name, stamped with the seller's own clock: the UTC stamp named an export made at 07:30 in Shanghai
 * after the day before ("…-2026-11-24-23-30-00.zip" on the 25th), so it sorted and read as yesterday's.
 */
export function bundleName(label: string, now = new Date()): string {
  return `xiaoer-evidence-${label.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40)}-${fileStamp(now)}.zip`;
}

export interface ExportStatus {
  ok: boolean;
  text: string;
}

/**
 * The export flow of the evidence and case views: bundle with a progress bar,
 * hand it to the download shelf, say where it went (or why it failed), in the seller's language.
 */
export function useBundleExport(lang: Lang, t: T) {
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  // One export at a time, from the click on: the button was disabled only once the first progress came, and a double
  // click downloaded the same bundle twice.
  const exporting = useOneAtATime();
  async function run(evidenceIds: readonly string[], cases: readonly Case[], label: string): Promise<void> {
    await exporting.run(async () => {
      setStatus(null);
      try {
        const blob = await exportEvidence({ evidenceIds, cases, lang, onProgress: setProgress });
        const name = bundleName(label);
        downloadBlob(blob, name);
        setStatus({ ok: true, text: t('evExported', { name }) });
      } catch (e) {
        // A failure in the seller's language (was the writer's English: "Artifact … is missing from the store.").
        setStatus({ ok: false, text: failureText(e, t) });
      } finally {
        setProgress(null);
      }
    });
  }
  return { progress, exporting: exporting.busy, status, setStatus, run };
}
