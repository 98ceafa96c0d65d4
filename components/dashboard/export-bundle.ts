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
import type { Case, Evidence, Lang } from '../../lib/schema';
import { caseFileSubject } from '../../lib/evidence/case-name';
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

/** What a bundle is about, for its file name: a case, or the evidence a seller ticked in the list. */
export interface BundleSubject {
  kind: 'case' | 'evidence';
  /** The one order the bundle is about, if it is about one. */
  order: string | null;
  /** A case without an order: its title. */
  title?: string | null;
  /** The one buyer the bundle is about, if it is about one. */
  buyer: string | null;
  /** How many records a selection holds (named by its size when it spans several orders and buyers). */
  count?: number;
}

/** A buyer's, order's or title's text as a file-name part: letters (Chinese too), digits, '-' and '_'; kept short. */
function filePart(text: string | null | undefined, max: number): string {
  return (text ?? '').replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, max).replace(/_+$/, '');
}

/**
 * The ZIP's name, stamped with the seller's own clock: the UTC stamp named an export made at 07:30 in Shanghai
 * after the day before ("…-2026-11-24-23-30-00.zip" on the 25th), so it sorted and read as yesterday's.
 * Named as a seller files a dispute: case or order, buyer, date — "xiaoer-case-order-2611207XKQ3HBN-小王-2026-11-25-07-30-05.zip".
 * A case's ZIP was named by its order only, a selection's by its size only ("selection-3"): in Downloads, or attached
 * to a platform's complaint form, nothing said whose dispute it was.
 */
export function bundleName(label: BundleSubject, now = new Date()): string {
  const order = filePart(label.order, 30);
  const title = order ? '' : filePart(label.title, 24);
  const buyer = filePart(label.buyer, 20);
  const parts = ['xiaoer', label.kind, ...(order ? [`order-${order}`] : title ? [title] : []), ...(buyer ? [buyer] : [])];
  if (parts.length === 2 && label.kind === 'evidence') parts.push(`selection-${label.count ?? 0}`);
  return `${parts.join('-')}-${fileStamp(now)}.zip`;
}

/**
 * What the exported records are about: the case when one case is exported, else the order and the buyer the chosen
 * records share (none when they differ).
 */
export function bundleSubject(records: readonly Pick<Evidence, 'orderId' | 'buyerName'>[], cases: readonly Case[]): BundleSubject {
  if (cases.length === 1) return { kind: 'case', ...caseFileSubject(cases[0]!) };
  const only = (values: (string | null)[]) => {
    const set = new Set(values.map((v) => v?.trim() || ''));
    return set.size === 1 ? [...set][0]! || null : null;
  };
  return { kind: 'evidence', order: only(records.map((r) => r.orderId)), buyer: only(records.map((r) => r.buyerName)), count: records.length };
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
  // Named from the records and the case themselves (bundleSubject).
  async function run(evidenceIds: readonly string[], cases: readonly Case[]): Promise<void> {
    await exporting.run(async () => {
      setStatus(null);
      try {
        const blob = await exportEvidence({ evidenceIds, cases, lang, onProgress: setProgress });
        const chosen = (await getDb().evidence.bulkGet([...evidenceIds])).filter((e) => e !== undefined);
        const name = bundleName(bundleSubject(chosen, cases));
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
