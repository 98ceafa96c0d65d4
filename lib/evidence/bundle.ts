/**
 * The evidence bundle: one ZIP a seller hands to a platform reviewer.
 *
 *   screenshots/<seq>-<evidence>-<name>.png   artifacts as captured (stored, not recompressed)
 *   snapshots/<seq>-<evidence>-<name>.html|mhtml
 *   artifacts/<seq>-<evidence>-<name>         any other artifact kind
 *   transcripts/<seq>-<evidence>.html|.txt    the chat, rendered from the record's messages.json
 *   report.html                               printable report for the reviewer
 *
 * Transcripts and report.html are rendered from chained data only: each record's
 * messages come from its messages.json artifact (whose SHA-256 the record holds),
 * never from the messages store, and everything else from the manifest. The
 * verifier renders them again with the same functions (bundleTranscripts,
 * bundleReport) and compares byte for byte, so an edited transcript or report is
 * caught even when its hash in the manifest was recomputed. Case details (title,
 * status, timeline, promised times) are the seller's notes at export: carried in
 * the manifest under its digest, not in the hash chain.
 *
 * So the renderers and their labels are part of the format: a change to a byte they
 * produce would make every bundle exported before it fail verification. Such a change
 * needs a new BUNDLE_VERSION, with the verifier keeping the old rendering for old bundles.
 *   manifest.json                             files + SHA-256, records with chain fields, digest
 *
 * An artifact whose bytes the seller deleted before the export (Dashboard →
 * Storage keeps a tombstone, lib/db/artifacts.ts) has no file: its record lists it
 * under `deleted` (name, mime, recorded size and SHA-256, deletedAt), the report
 * says so in the seller's language, and the record's hash and the chain are
 * untouched (the record still names the artifact's hash; nothing can stand in for it).
 *
 * Written with fflate's streaming Zip, one file at a time, pulled by the
 * consumer of a ReadableStream: only the artifact being written (plus the
 * report's text sections) is in memory, whatever the size of the export.
 *
 * The ZIP comment carries "xiaoer-archive-sha256:<hex>", the SHA-256 of every
 * archive byte before the comment, so the verifier also catches damage that
 * changes no file content (timestamps, padding bits in deflate streams).
 */
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import { IsoTime, type ArtifactRef, type Case, type ChatMessage, type Evidence, type Lang } from '../schema';
import { EVIDENCE_HASHED_FIELDS, ARTIFACT_HASHED_FIELDS, canonicalJson, sha256Hex, type ChainLink } from './hash';
import { bundleHref, escapeHtml, htmlDocument } from './html';
import { readableTime, rendering, type RenderVersion, type Rendering } from './labels';
import { Sha256Stream } from './sha256-stream';
import { TRANSCRIPT_STYLE, messagesArtifact, metaTableHtml, readBoundMessages, transcriptHtml, transcriptHtmlFragment, transcriptText, type TranscriptMeta } from './transcript';

export const BUNDLE_FORMAT = 'xiaoer.evidence-bundle';
/**
 * The version this build writes: 4 (readable report, Chinese punctuation in Chinese documents, a case's timeline
 * opened by when the case was opened: labels.ts `rendering`); the verifier reads every one of BUNDLE_VERSIONS.
 */
export const BUNDLE_VERSION = 4;
export type BundleVersion = RenderVersion;
export const BUNDLE_VERSIONS: readonly BundleVersion[] = [1, 2, 3, 4];
export const MANIFEST_PATH = 'manifest.json';
export const REPORT_PATH = 'report.html';
export const ARCHIVE_COMMENT_PREFIX = 'xiaoer-archive-sha256:';

export type BundleFileRole = 'screenshot' | 'snapshot' | 'artifact' | 'transcript-html' | 'transcript-txt' | 'report';

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  role: BundleFileRole;
  evidenceId: string | null;
  /** For artifacts: the ArtifactRef id whose recorded sha256 this file must match. */
  artifactId: string | null;
  mime: string;
}

/** An artifact of an exported record whose bytes were deleted before the export: listed, no file. */
export interface ManifestDeletedArtifact {
  artifactId: string;
  name: string;
  mime: string;
  /** Size and SHA-256 recorded at capture (the same as in the record's ArtifactRef). */
  size: number;
  sha256: string;
  /** When the seller deleted the bytes (ISO with offset). */
  deletedAt: string;
}

export type ManifestRecord =
  /** `deleted` is present only when the record has deleted artifacts (bundles without any keep the v1 layout byte for byte). */
  | { withheld: false; record: Evidence; files: string[]; deleted?: ManifestDeletedArtifact[] }
  /** A record of the chain whose content is not in this bundle (another buyer's, say): chain fields only. */
  | { withheld: true; link: ChainLink };

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: BundleVersion;
  generatedAt: string;
  generator: { name: string; version: string };
  lang: Lang;
  hashing: {
    algorithm: 'SHA-256';
    recordCanonicalForm: 'json, object keys sorted by UTF-16 code units, no whitespace';
    recordFields: string[];
    artifactFields: string[];
  };
  /** The chain this bundle carries, checkable on its own: anchor = first prevHash, head = last hash. */
  chain: { firstSeq: number; lastSeq: number; count: number; anchor: string; head: string };
  records: ManifestRecord[];
  cases: Case[];
  /** Every file in the ZIP except manifest.json itself, in archive order. */
  files: ManifestFile[];
  /** SHA-256 of canonicalJson(manifest without `digest`). */
  digest: string;
}

export interface BundleProgress {
  phase: 'evidence' | 'report' | 'manifest' | 'done';
  /** Evidence records written so far / to write. */
  done: number;
  total: number;
  /** Archive bytes emitted so far. */
  bytes: number;
}

/** What the artifact source answers for an artifact whose bytes the seller deleted (a tombstone). */
export interface DeletedArtifactBytes {
  deletedAt: string;
}

function isDeleted(x: Blob | DeletedArtifactBytes): x is DeletedArtifactBytes {
  return typeof (x as Partial<DeletedArtifactBytes>).deletedAt === 'string';
}

export interface BundleOptions {
  /** A contiguous segment of the hash chain, ascending seq (verifyChain must pass on it). */
  records: readonly Evidence[];
  /** The artifact's bytes, or `{ deletedAt }` when the seller deleted them (listed as deleted, no file). */
  artifacts: (ref: ArtifactRef, record: Evidence) => Promise<Blob | DeletedArtifactBytes>;
  cases?: readonly Case[];
  lang: Lang;
  /**
   * Records that stay in the chain but whose content is left out (chain fields
   * only): lets a case bundle keep the chain checkable without exposing other
   * buyers' evidence. Default: nothing withheld.
   */
  withhold?: (record: Evidence) => boolean;
  /** Default: now, ISO with the local offset. */
  generatedAt?: string;
  generator?: { name: string; version: string };
  onProgress?: (p: BundleProgress) => void;
  signal?: AbortSignal;
  /**
   * The version to write. The extension always writes BUNDLE_VERSION; an older one is written only to
   * prove that bundles a seller exported with an earlier release still verify (tests, golden bundles).
   */
  version?: BundleVersion;
}

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

const encoder = new TextEncoder();

/** Already-compressed formats go in stored; deflating them again costs time and saves nothing. */
function isCompressed(mime: string): boolean {
  return /^(image\/(png|jpe?g|webp|gif|avif)|video\/|audio\/|application\/(zip|gzip|pdf))/i.test(mime);
}

function folderFor(mime: string): { folder: string; role: BundleFileRole; ext: string } {
  const m = mime.toLowerCase();
  if (m.startsWith('image/')) return { folder: 'screenshots', role: 'screenshot', ext: m === 'image/jpeg' ? '.jpg' : `.${m.slice(6).replace(/[^a-z0-9]/g, '')}` };
  if (m === 'text/html') return { folder: 'snapshots', role: 'snapshot', ext: '.html' };
  if (m === 'multipart/related' || m === 'application/x-mimearchive' || m === 'message/rfc822') return { folder: 'snapshots', role: 'snapshot', ext: '.mhtml' };
  if (m === 'application/json') return { folder: 'artifacts', role: 'artifact', ext: '.json' };
  return { folder: 'artifacts', role: 'artifact', ext: '' };
}

/** File-name part derived from ids and names we do not control: ASCII-safe, bounded. */
function safePart(s: string, max = 60): string {
  const cleaned = s.normalize('NFKC').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, max);
  return cleaned || 'x';
}

/** ISO-8601 with the local offset (the schema wants an explicit offset). */
export function isoWithOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** DOS timestamps cannot hold an offset or anything before 1980; entries get the export time. */
function zipTime(iso: string): Date {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > Date.UTC(1980, 1, 1) ? new Date(t) : new Date(Date.UTC(1980, 1, 1));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Export aborted', 'AbortError');
}

/**
 * Stream the bundle as ZIP bytes. The stream is pull-driven: the next file is
 * produced only when the consumer has taken the previous chunks, so piping it
 * into a file writer keeps memory flat. Errors (an artifact whose bytes no
 * longer match the hash recorded at capture, a broken chain, abort) error the
 * stream.
 */
export function writeBundle(opts: BundleOptions): ReadableStream<Uint8Array> {
  let steps: AsyncGenerator<void, void, void> | undefined;
  let enqueued = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      steps = produceBundle(opts, (chunk) => {
        enqueued++;
        controller.enqueue(chunk);
      });
    },
    async pull(controller) {
      // A pull that enqueues nothing is not called again by the stream, so keep
      // stepping until this read has bytes (a record without files emits none).
      const before = enqueued;
      try {
        while (enqueued === before) {
          const r = await steps!.next();
          if (r.done) {
            controller.close();
            return;
          }
        }
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await steps?.return();
    },
  }, { highWaterMark: 0 }); // produce nothing ahead of a read: the consumer sets the pace
}

/** Collect a bundle stream into one Uint8Array (tests, the verifier, small exports). */
export async function collectBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Collect a bundle stream into a Blob for a download (chunks are handed to the Blob as they come). */
export async function collectBlob(stream: ReadableStream<Uint8Array>): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Blob(parts, { type: 'application/zip' });
}

/**
 * A record's two transcripts, exactly as the bundle holds them. The exporter writes
 * these and the verifier renders them again from the bundle's messages.json to
 * compare: one function, so the two cannot drift apart.
 */
export function bundleTranscripts(record: Evidence, messages: readonly ChatMessage[], lang: Lang, version: BundleVersion): { html: string; txt: string } {
  const meta: TranscriptMeta = {
    evidenceId: record.id, seq: record.seq, buyerName: record.buyerName, buyerId: record.buyerId, orderId: record.orderId,
    site: record.site, url: record.url, title: record.title, capturedAt: record.capturedAt,
  };
  return { html: transcriptHtml(messages, meta, lang, version), txt: transcriptText(messages, meta, lang, version) };
}

function checkSegment(records: readonly Evidence[]): void {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!, b = records[i]!;
    if (b.seq !== a.seq + 1 || b.prevHash !== a.hash) {
      throw new BundleError(`records must be a contiguous chain segment: seq ${b.seq} does not follow seq ${a.seq}`);
    }
  }
}

async function* produceBundle(opts: BundleOptions, emit: (chunk: Uint8Array) => void): AsyncGenerator<void, void, void> {
  const { records, lang, signal } = opts;
  const version = opts.version ?? BUNDLE_VERSION;
  const generatedAt = opts.generatedAt ?? isoWithOffset(new Date());
  const mtime = zipTime(generatedAt);
  if (records.length === 0) throw new BundleError('nothing to export: no evidence records');
  checkSegment(records);

  const archiveHash = new Sha256Stream();
  let bytes = 0;
  // fflate reports errors through the callback; remembered here and thrown at the next step.
  const failure: { error: Error | null } = { error: null };
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failure.error = err;
      return;
    }
    let out = chunk;
    if (final) {
      // fflate writes the end record last with an empty comment; give it ours.
      out = new Uint8Array(chunk);
      const comment = ARCHIVE_COMMENT_PREFIX.length + 64;
      out[out.length - 2] = comment & 0xff;
      out[out.length - 1] = comment >>> 8;
    }
    archiveHash.update(out);
    bytes += out.length;
    emit(out);
    if (final) {
      const comment = encoder.encode(ARCHIVE_COMMENT_PREFIX + archiveHash.digestHex());
      bytes += comment.length;
      emit(comment);
    }
  });

  const files: ManifestFile[] = [];
  const usedPaths = new Set<string>();
  const uniquePath = (folder: string, base: string, ext: string): string => {
    let path = `${folder}/${base}${ext}`;
    for (let n = 2; usedPaths.has(path); n++) path = `${folder}/${base}-${n}${ext}`;
    usedPaths.add(path);
    return path;
  };

  const addFile = async (path: string, data: Uint8Array, mime: string, role: BundleFileRole, evidenceId: string | null, artifactId: string | null, sha?: string) => {
    if (signal?.aborted) throw abortError(signal);
    const sha256 = sha ?? (await sha256Hex(data));
    const entry: ZipInputFile & { push(c: Uint8Array, f?: boolean): void } = isCompressed(mime) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(data, true);
    if (failure.error) throw failure.error;
    files.push({ path, sha256, size: data.length, role, evidenceId, artifactId, mime });
  };

  const casesById = new Map((opts.cases ?? []).map((c) => [c.id, c]));
  const manifestRecords: ManifestRecord[] = [];
  /** Report sections per evidence id, kept until the report is written (text only, no images). */
  const sections = new Map<string, string>();
  const total = records.length;
  let done = 0;
  const progress = (phase: BundleProgress['phase']) => opts.onProgress?.({ phase, done, total, bytes });

  for (const record of records) {
    if (signal?.aborted) throw abortError(signal);
    if (opts.withhold?.(record)) {
      manifestRecords.push({ withheld: true, link: { id: record.id, seq: record.seq, prevHash: record.prevHash, hash: record.hash } });
      done++;
      progress('evidence');
      continue;
    }
    const stem = `${String(record.seq).padStart(4, '0')}-${safePart(record.id, 40)}`;
    const recordFiles: ManifestFile[] = [];
    const deleted: ManifestDeletedArtifact[] = [];
    const messagesRef = messagesArtifact(record);
    let messages: ChatMessage[] = [];
    for (const ref of record.artifacts) {
      const blob = await opts.artifacts(ref, record);
      if (isDeleted(blob)) {
        // The verifier refuses a deletedAt that is not a time; say so here rather than export such a bundle.
        if (!IsoTime.safeParse(blob.deletedAt).success) throw new BundleError(`artifact ${ref.id} (${ref.name}) of evidence ${record.id} is marked deleted at "${blob.deletedAt}", which is not an ISO time`);
        deleted.push({ artifactId: ref.id, name: ref.name, mime: ref.mime, size: ref.size, sha256: ref.sha256, deletedAt: blob.deletedAt });
        continue;
      }
      const data = new Uint8Array(await blob.arrayBuffer());
      const sha = await sha256Hex(data);
      if (sha !== ref.sha256 || data.length !== ref.size) {
        // Exporting it would produce a bundle that cannot verify; say which artifact is wrong instead.
        throw new BundleError(`artifact ${ref.id} (${ref.name}) of evidence ${record.id} no longer matches the hash recorded at capture (stored ${sha}, recorded ${ref.sha256})`);
      }
      if (ref === messagesRef) {
        // The transcripts show what the chain holds, not the messages store (which an edited restore could change).
        const read = readBoundMessages(data);
        if (!read.ok) throw new BundleError(`artifact ${ref.id} (${ref.name}) of evidence ${record.id} is ${read.reason}`);
        messages = read.messages;
      }
      const { folder, role, ext } = folderFor(ref.mime);
      const name = safePart(ref.name.replace(/\.[A-Za-z0-9]{1,8}$/, ''));
      const path = uniquePath(folder, `${stem}-${name}`, ext || (ref.name.match(/\.[A-Za-z0-9]{1,8}$/)?.[0] ?? ''));
      await addFile(path, data, ref.mime, role, record.id, ref.id, sha);
      recordFiles.push(files[files.length - 1]!);
      yield;
    }

    // No messages.json (a screenshot-only capture, or its bytes deleted): no transcript, since none could be checked.
    if (messages.length > 0) {
      const transcripts = bundleTranscripts(record, messages, lang, version);
      await addFile(uniquePath('transcripts', stem, '.html'), encoder.encode(transcripts.html), 'text/html', 'transcript-html', record.id, null);
      recordFiles.push(files[files.length - 1]!);
      await addFile(uniquePath('transcripts', stem, '.txt'), encoder.encode(transcripts.txt), 'text/plain', 'transcript-txt', record.id, null);
      recordFiles.push(files[files.length - 1]!);
    }
    manifestRecords.push({ withheld: false, record, files: recordFiles.map((f) => f.path), ...(deleted.length ? { deleted } : {}) });
    sections.set(record.id, evidenceSection(record, recordFiles, deleted, messages, lang, casesById, version));
    done++;
    progress('evidence');
    yield;
  }

  progress('report');
  const first = records[0]!, last = records[records.length - 1]!;
  const chain = { firstSeq: first.seq, lastSeq: last.seq, count: records.length, anchor: first.prevHash, head: last.hash };
  const report = reportHtml({ lang, version, generatedAt, chain, records, manifestRecords, sections, cases: opts.cases ?? [], files });
  await addFile(REPORT_PATH, encoder.encode(report), 'text/html', 'report', null, null);
  sections.clear();
  yield;

  progress('manifest');
  const body: Omit<BundleManifest, 'digest'> = {
    format: BUNDLE_FORMAT,
    version,
    generatedAt,
    generator: opts.generator ?? { name: 'xiaoer', version: '0' },
    lang,
    hashing: {
      algorithm: 'SHA-256',
      recordCanonicalForm: 'json, object keys sorted by UTF-16 code units, no whitespace',
      recordFields: [...EVIDENCE_HASHED_FIELDS],
      artifactFields: [...ARTIFACT_HASHED_FIELDS],
    },
    chain,
    records: manifestRecords,
    cases: [...(opts.cases ?? [])],
    files,
  };
  const manifest: BundleManifest = { ...body, digest: await sha256Hex(canonicalJson(body)) };
  // Pretty-printed for people reading it; hashing uses the canonical form, never these bytes.
  const manifestEntry = new ZipDeflate(MANIFEST_PATH, { level: 6 });
  manifestEntry.mtime = mtime;
  zip.add(manifestEntry);
  manifestEntry.push(encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
  zip.end();
  if (failure.error) throw failure.error;
  progress('done');
}

// ---------------------------------------------------------------------------
// report.html

const REPORT_STYLE = `${TRANSCRIPT_STYLE}
h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #333;margin-top:32px}h3{font-size:16px;margin-top:24px}
.evidence{border:1px solid #ddd;padding:8px 12px;margin:12px 0;break-inside:auto}
.thumbs{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.thumbs figure{margin:0;max-width:320px}.thumbs img{max-width:320px;max-height:480px;border:1px solid #ccc}
.thumbs figcaption{font-size:11px;word-break:break-all}
.deleted{border-left:3px solid #b58900;padding-left:8px;margin:8px 0}
table.files{border-collapse:collapse;font-size:12px;margin:8px 0}
table.files th,table.files td{border:1px solid #ccc;padding:2px 6px;text-align:left;word-break:break-all}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;word-break:break-all}
ol.timeline{padding-left:20px}
@media print{.evidence{break-inside:avoid-page}a{color:inherit;text-decoration:none}}
`;

function filesTable(files: readonly ManifestFile[], L: Rendering['L']): string {
  if (files.length === 0) return '';
  const rows = files.map((f) => `<tr><td><a href="${escapeHtml(bundleHref(f.path))}">${escapeHtml(f.path)}</a></td><td>${f.size}</td><td class="hash">${escapeHtml(f.sha256)}</td></tr>`).join('');
  return `<table class="files"><tr><th>${escapeHtml(L.file)}</th><th>${escapeHtml(L.size)}</th><th>${escapeHtml(L.sha256)}</th></tr>${rows}</table>`;
}

function deletedSection(deleted: readonly ManifestDeletedArtifact[], show: Rendering): string {
  if (deleted.length === 0) return '';
  const { L } = show;
  const lines = deleted.map((d) => `<li data-deleted-artifact="${escapeHtml(d.artifactId)}">${escapeHtml(L.deletedBySeller(d.name, readableTime(d.deletedAt)))}</li>`).join('');
  const rows = deleted.map((d) => `<tr><td>${escapeHtml(d.name)}</td><td>${escapeHtml(d.mime)}</td><td>${d.size}</td><td class="hash">${escapeHtml(d.sha256)}</td><td>${escapeHtml(show.time(d.deletedAt))}</td></tr>`).join('');
  return `<div class="deleted"><h4>${escapeHtml(L.deletedTitle)}</h4><ul>${lines}</ul><table class="files"><tr><th>${escapeHtml(L.file)}</th><th>MIME</th><th>${escapeHtml(L.size)}</th><th>${escapeHtml(L.sha256)}</th><th>${escapeHtml(L.deletedAt)}</th></tr>${rows}</table></div>`;
}

/** One record's part of report.html (the verifier renders it again from the manifest and messages.json). */
export function evidenceSection(record: Evidence, files: readonly ManifestFile[], deleted: readonly ManifestDeletedArtifact[], messages: readonly ChatMessage[], lang: Lang, casesById: ReadonlyMap<string, Case>, version: BundleVersion): string {
  const show = rendering(lang, version);
  const { L } = show;
  const caseTitle = record.caseId ? casesById.get(record.caseId)?.title ?? record.caseId : '';
  const rows: [string, string][] = [
    [L.kind, L.kinds[record.kind]],
    [L.capturedAt, show.time(record.capturedAt)],
    [L.site, show.site(record.site, record.url)],
    [L.title, record.title],
    [L.url, record.url],
    [L.buyer, record.buyerName ?? ''],
    [L.buyerId, record.buyerId ?? ''],
    [L.order, record.orderId ?? ''],
    ...(caseTitle ? [[L.case, caseTitle] as [string, string]] : []),
    ...(record.note ? [[L.note, record.note] as [string, string]] : []),
    [L.messages, String(record.messageCount)],
    [L.recordHash, record.hash],
    [L.prevHash, record.prevHash],
  ];
  const images = files.filter((f) => f.role === 'screenshot');
  const thumbs = images.length
    ? `<div class="thumbs">${images.map((f) => `<figure><a href="${escapeHtml(bundleHref(f.path))}"><img src="${escapeHtml(bundleHref(f.path))}" alt="${escapeHtml(f.path)}" loading="lazy"></a><figcaption>${escapeHtml(f.path)}<br><span class="hash">${escapeHtml(f.sha256)}</span></figcaption></figure>`).join('')}</div>`
    : '';
  const transcript = messages.length ? `<h4>${escapeHtml(L.transcript)}</h4>${transcriptHtmlFragment(messages, show)}` : '';
  return `<section class="evidence" id="ev-${escapeHtml(String(record.seq))}"><h3>${escapeHtml(L.evidence)} #${record.seq} · ${escapeHtml(L.kinds[record.kind])} · ${escapeHtml(show.time(record.capturedAt))}</h3>${metaTableHtml(rows)}${thumbs}${filesTable(files, L)}${deletedSection(deleted, show)}${transcript}</section>`;
}

export interface ReportInput {
  lang: Lang;
  /** The bundle's version: how its report is rendered (the verifier passes the manifest's). */
  version: BundleVersion;
  generatedAt: string;
  chain: BundleManifest['chain'];
  records: readonly Evidence[];
  manifestRecords: readonly ManifestRecord[];
  sections: Map<string, string>;
  cases: readonly Case[];
  files: readonly ManifestFile[];
}

/**
 * A timeline entry's text; a status change is stored as the status code and reads as its word, a record
 * taken off the case as its chain number (#seq: the record is not in the case's part of the report).
 * 'unlinked' entries are newer than BUNDLE_VERSION 1 but need no new version: no bundle written before
 * holds one, and every line of the other kinds is rendered byte for byte as before, so old bundles
 * verify as they did (test: "byte for byte what BUNDLE_VERSION 1 always wrote").
 */
function eventText(e: Case['timeline'][number], L: Rendering['L']): string {
  if (e.kind === 'unlinked') return `#${e.text}`;
  // A reminder stored as which one fired (no bundle written before holds one: its lines held their words).
  if (e.kind === 'reminder' && Object.hasOwn(L.reminders, e.text)) return L.reminders[e.text as keyof typeof L.reminders];
  return e.kind === 'status' && Object.hasOwn(L.caseStatuses, e.text) ? L.caseStatuses[e.text as Case['status']] : e.text;
}

function timeValue(s: string): number {
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : Number.POSITIVE_INFINITY;
}

/** report.html: everything in it comes from the manifest and the sections (see evidenceSection). */
export function reportHtml(input: ReportInput): string {
  const show = rendering(input.lang, input.version);
  const { L } = show;
  const { records, sections } = input;
  const exported = new Map(records.filter((r) => sections.has(r.id)).map((r) => [r.id, r]));
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(L.report)}</h1>`);
  parts.push(metaTableHtml([
    [L.generatedAt, show.time(input.generatedAt)],
    [`${L.seq}`, `${input.chain.firstSeq}–${input.chain.lastSeq} (${input.chain.count})`],
    [L.chainHead, input.chain.head],
  ]));

  const filed = new Set<string>();
  for (const c of input.cases) {
    // A case's evidence: records filed under it, and records its timeline points at.
    const ids = new Set<string>();
    for (const r of exported.values()) if (r.caseId === c.id) ids.add(r.id);
    for (const e of c.timeline) if (e.evidenceId && exported.has(e.evidenceId)) ids.add(e.evidenceId);
    const caseRecords = [...ids].map((id) => exported.get(id)!).sort((a, b) => a.seq - b.seq);
    for (const r of caseRecords) filed.add(r.id);

    const events: { at: string; text: string }[] = [
      // From version 4 the first line says when the case was opened: the platform read how long the buyer had
      // waited from nowhere (the timeline began at the first note). First on a tie: the sort below is stable.
      ...(input.version >= 4 ? [{ at: c.createdAt, text: L.caseOpened }] : []),
      // A timeline entry linking a record of this bundle is that record's own line below (it was listed twice, once by raw id).
      ...c.timeline
        .filter((e) => !(e.kind === 'evidence' && e.evidenceId && exported.has(e.evidenceId)))
        .map((e) => ({ at: e.at, text: `${L.events[e.kind]}${show.colon}${eventText(e, L)}${e.evidenceId ? show.aside(`${L.evidence} ${e.evidenceId}`) : ''}` })),
      ...caseRecords.map((r) => ({ at: r.capturedAt, text: `${L.evidence} #${r.seq} · ${L.kinds[r.kind]}` })),
    ].sort((a, b) => timeValue(a.at) - timeValue(b.at));
    parts.push(`<h2>${escapeHtml(L.case + show.colon)}${escapeHtml(c.title)}</h2>`);
    parts.push(metaTableHtml([
      [L.caseType, L.caseTypes[c.type]], [L.caseStatus, L.caseStatuses[c.status]], [L.site, show.site(c.site, caseRecords[0]?.url ?? '')], [L.buyer, c.buyerName], [L.buyerId, c.buyerId ?? ''],
      [L.order, c.orderId], [L.replyDueAt, c.replyDueAt ? show.time(c.replyDueAt) : ''], [L.followUpAt, c.followUpAt ? show.time(c.followUpAt) : ''],
    ]));
    parts.push(`<h3>${escapeHtml(L.timeline)}</h3><ol class="timeline">${events.map((e) => `<li><time>${escapeHtml(show.time(e.at))}</time> — ${escapeHtml(e.text)}</li>`).join('')}</ol>`);
    for (const r of caseRecords) parts.push(sections.get(r.id)!);
  }

  const rest = [...exported.values()].filter((r) => !filed.has(r.id));
  if (rest.length) {
    if (input.cases.length) parts.push(`<h2>${escapeHtml(L.uncasedEvidence)}</h2>`);
    for (const r of rest) parts.push(sections.get(r.id)!);
  }
  const withheld = input.manifestRecords.filter((m) => m.withheld);
  if (withheld.length) {
    parts.push(`<h2>${escapeHtml(L.withheld)}</h2><table class="files"><tr><th>${escapeHtml(L.seq)}</th><th>${escapeHtml(L.recordHash)}</th></tr>${withheld.map((m) => (m.withheld ? `<tr><td>${m.link.seq}</td><td class="hash">${escapeHtml(m.link.hash)}</td></tr>` : '')).join('')}</table>`);
  }

  parts.push(`<h2>${escapeHtml(L.files)}</h2>${filesTable(input.files, L)}`);
  // Said only when something was deleted, so a bundle without deletions reads as it always did.
  const howTo = input.manifestRecords.some((m) => !m.withheld && m.deleted?.length) ? [...L.howToVerify, L.deletedHowToVerify] : L.howToVerify;
  parts.push(`<h2>${escapeHtml(L.howToVerifyTitle)}</h2>${howTo.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p><code>manifest.json</code> · <code>${escapeHtml(BUNDLE_FORMAT)}</code> v${input.version}</p>`);
  return htmlDocument({ lang: input.lang, title: L.report, style: REPORT_STYLE, body: parts.join('\n') });
}
