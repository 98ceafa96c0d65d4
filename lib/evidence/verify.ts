/**
 * Verify an evidence bundle and name the first thing wrong with it.
 *
 * Checks run in this order; the first failure is returned:
 *   1. zip          the archive parses strictly (see zip-read.ts): headers agree,
 *                   entries tile the file, every CRC-32 and size matches.
 *   2. manifest     manifest.json exists, is UTF-8 JSON in exactly the layout the
 *                   writer produces, has the expected format/version and shape.
 *   3. record-hash  every exported record's hash equals the recomputed one
 *      chain        seq has no gap, each prevHash is the previous hash, and the
 *                   manifest's chain summary (anchor, head, count) matches.
 *   4. manifest     the manifest digest covers everything else in it (file list,
 *                   cases, dates).
 *   5. missing-file / file-hash   every listed file is present with its size and
 *                   SHA-256; artifacts also match the hash recorded at capture
 *                   (inside the chained record). Every artifact a record names
 *                   has a file, or is listed under the record's `deleted` (the
 *                   seller deleted the bytes before the export): that is a
 *                   notice, not a failure, because the record (and so the chain)
 *                   still holds the artifact's hash and no file stands in for it.
 *                   A `deleted` entry must be an artifact of that record with the
 *                   record's own name/mime/size/SHA-256, and not also have a file
 *                   (`manifest` otherwise).
 *   6. derived-file the transcripts and report.html, which the exporter renders,
 *                   equal what the same functions render again from the chained
 *                   data in the bundle: each record's messages.json (its SHA-256 is
 *                   in the record) and the manifest. A hash recomputed for an edited
 *                   transcript passes step 5; this step names the file and its
 *                   first differing line. A transcript whose record has no
 *                   messages.json in the bundle cannot be checked and is refused.
 *                   Case details (title, status, timeline, promised times) in the
 *                   report come from the manifest's cases: the seller's notes at
 *                   export, covered by the manifest digest but not by the hash
 *                   chain (`caseNotes` in the result counts them).
 *   7. extra-file   nothing in the ZIP that the manifest does not list.
 *   8. zip          the archive checksum in the ZIP comment, when present, matches
 *                   every byte before it. A bundle re-zipped by another tool has
 *                   none; its content is still fully verified (archiveChecksum:
 *                   'absent' in the result).
 */
import * as z from 'zod/mini';
import { BACKUP_FORMAT } from '../backup/format';
import { issueText, type IssueLike } from '../backup/json-file';
import { Case, Evidence, IsoTime, type ChatMessage } from '../schema';
import { canonicalJson, hashEvidenceRecord, sha256Hex, verifyLinks, type ChainLink } from './hash';
import { ARCHIVE_COMMENT_PREFIX, BUNDLE_FORMAT, BUNDLE_VERSION, BUNDLE_VERSIONS, MANIFEST_PATH, bundleTranscripts, evidenceSection, reportHtml, type BundleManifest, type ManifestDeletedArtifact, type ManifestFile, type ManifestRecord } from './bundle';
import { messagesArtifact, readBoundMessages } from './transcript';
import { readZip, startsLikeZip, ZipFormatError, type ZipEntry } from './zip-read';

export type BundleProblemKind = 'file-hash' | 'missing-file' | 'extra-file' | 'record-hash' | 'chain' | 'manifest' | 'derived-file' | 'zip';

export interface BundleProblem {
  kind: BundleProblemKind;
  path?: string;
  seq?: number;
  /** derived-file: the first line (from 1) where the file differs from its rendering of the chained data. */
  line?: number;
  /** derived-file: that line as the file has it (cut to 200 characters). */
  found?: string;
  /**
   * Where the kind alone would call the file damaged or edited when it is not: a bundle written by a newer Xiaoer
   * (was told to the seller as 'the manifest is damaged or was edited' — evidence taken for tampered); a file that is
   * empty, not a ZIP at all, a ZIP cut short (an interrupted download: 'damaged or repacked' sent the seller looking
   * for who repacked it), a Xiaoer backup or another ZIP chosen by mistake (both were 'the manifest is damaged').
   */
  reason?: 'newer-version' | 'empty' | 'not-zip' | 'truncated' | 'backup' | 'not-a-bundle';
  /** newer-version: the bundle's version, and the newest this build reads (the dashboard does not load the writer for it). */
  version?: number;
  newest?: number;
  message: string;
}

/** Something a reviewer should know about an intact bundle. */
export interface BundleNotice extends ManifestDeletedArtifact {
  /** An artifact of an exported record whose bytes the seller deleted before the export (no file, hash still chained). */
  kind: 'deleted-artifact';
  seq: number;
  evidenceId: string;
  message: string;
}

export interface VerifiedFile {
  path: string;
  sha256: string;
  size: number;
}

export type VerifyResult =
  | {
    ok: true; files: VerifiedFile[]; records: ManifestRecord[]; manifest: BundleManifest; archiveChecksum: 'match' | 'absent'; notices: BundleNotice[];
    /** Cases in the bundle: their details are the seller's notes, checked against the manifest digest, not the hash chain. */
    caseNotes: number;
  }
  | { ok: false; problem: BundleProblem };

// zod/mini like lib/schema (classic zod cost ~90 KB gzip in the dashboard bundle).
const Hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const HashOrEmpty = z.union([Hex64, z.literal('')]);
const Count = z.int().check(z.positive());

const ManifestFileSchema = z.object({
  path: z.string().check(z.minLength(1)),
  sha256: Hex64,
  size: z.int().check(z.nonnegative()),
  role: z.enum(['screenshot', 'snapshot', 'artifact', 'transcript-html', 'transcript-txt', 'report']),
  evidenceId: z.nullable(z.string()),
  artifactId: z.nullable(z.string()),
  mime: z.string(),
});

const DeletedArtifactSchema = z.object({
  artifactId: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.int().check(z.nonnegative()),
  sha256: Hex64,
  deletedAt: IsoTime,
});

const ManifestRecordSchema = z.discriminatedUnion('withheld', [
  z.object({ withheld: z.literal(false), record: Evidence, files: z.array(z.string()), deleted: z.optional(z.array(DeletedArtifactSchema).check(z.minLength(1))) }),
  z.object({ withheld: z.literal(true), link: z.object({ id: z.string(), seq: Count, prevHash: HashOrEmpty, hash: Hex64 }) }),
]);

const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  // Every version this verifier renders (an old bundle is checked against its own version's rendering).
  version: z.literal(BUNDLE_VERSIONS),
  generatedAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  lang: z.enum(['zh-CN', 'zh-TW', 'en']),
  hashing: z.object({
    algorithm: z.literal('SHA-256'),
    recordCanonicalForm: z.string(),
    recordFields: z.array(z.string()),
    artifactFields: z.array(z.string()),
  }),
  chain: z.object({ firstSeq: Count, lastSeq: Count, count: Count, anchor: HashOrEmpty, head: Hex64 }),
  records: z.array(ManifestRecordSchema).check(z.minLength(1)),
  cases: z.array(Case),
  files: z.array(ManifestFileSchema),
  digest: Hex64,
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(kind: BundleProblemKind, message: string, extra: Omit<BundleProblem, 'kind' | 'message'> = {}): VerifyResult {
  return { ok: false, problem: { kind, message, ...extra } };
}

/** Whether the file ends in a ZIP's end-of-central-directory record ("PK\x05\x06", its comment running to the end). */
function endsLikeZip(bytes: Uint8Array): boolean {
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (bytes[o] === 0x50 && bytes[o + 1] === 0x4b && bytes[o + 2] === 0x05 && bytes[o + 3] === 0x06 && o + 22 + (bytes[o + 20]! | (bytes[o + 21]! << 8)) === bytes.length) return true;
  }
  return false;
}

export async function verifyBundle(zipBytes: Uint8Array): Promise<VerifyResult> {
  // 1. Archive structure. Every ZIP starts with "PK": anything else was never one (a screenshot, a PDF chosen by mistake).
  if (zipBytes.length === 0) return fail('zip', 'the file is empty', { reason: 'empty' });
  if (!startsLikeZip(zipBytes)) {
    // A bundle whose first bytes were damaged (a bad sector, a tool that wrote over its start) still ends in a ZIP's
    // end-of-archive record: it was a ZIP, and is damaged — it was told as "not a ZIP", choose the exported .zip file.
    if (endsLikeZip(zipBytes)) return fail('zip', 'the archive is damaged: its first bytes are not a ZIP\'s, though it ends with a ZIP\'s end-of-archive record');
    return fail('zip', 'the file is not a ZIP archive', { reason: 'not-zip' });
  }
  let archive;
  try {
    archive = readZip(zipBytes);
  } catch (e) {
    if (e instanceof ZipFormatError) return fail('zip', e.message, { ...(e.path !== undefined ? { path: e.path } : {}), ...(e.fault === 'truncated' ? { reason: 'truncated' as const } : {}) });
    return fail('zip', `unreadable archive: ${(e as Error).message}`);
  }
  const entries = new Map<string, ZipEntry>(archive.entries.map((e) => [e.name, e]));

  // 2. Manifest shape.
  const manifestEntry = entries.get(MANIFEST_PATH);
  if (!manifestEntry) return fail('manifest', 'manifest.json is missing', { path: MANIFEST_PATH, reason: 'not-a-bundle' });
  let text: string;
  let raw: unknown;
  try {
    text = utf8.decode(manifestEntry.data);
    raw = JSON.parse(text);
  } catch (e) {
    return fail('manifest', `manifest.json is not UTF-8 JSON: ${(e as Error).message}`, { path: MANIFEST_PATH });
  }
  // A backup sits beside exported cases in Downloads, also a ZIP with a manifest.json, in its own layout (lib/backup/format.ts BACKUP_FORMAT).
  if ((raw as { format?: unknown } | null)?.format === BACKUP_FORMAT) return fail('manifest', 'this is a Xiaoer backup, not an evidence bundle', { path: MANIFEST_PATH, reason: 'backup' });
  // The writer's exact layout: any other byte (even whitespace) means the file was edited.
  if (text !== `${JSON.stringify(raw, null, 2)}\n`) {
    return fail('manifest', 'manifest.json was edited: its bytes are not the layout the exporter writes', { path: MANIFEST_PATH });
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BUNDLE_VERSION) {
    return fail('manifest', `manifest.json is ${BUNDLE_FORMAT} v${version}, written by a newer Xiaoer: this one reads versions ${BUNDLE_VERSIONS.join(', ')} — update Xiaoer to verify it`, { path: MANIFEST_PATH, reason: 'newer-version', version, newest: BUNDLE_VERSION });
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('manifest', `manifest.json does not match ${BUNDLE_FORMAT} v${BUNDLE_VERSIONS.join('/v')}: ${issue ? `${issue.path.join('.')}: ${issueText(issue as IssueLike, raw)}` : 'invalid'}`, { path: MANIFEST_PATH });
  }
  const manifest = parsed.data as BundleManifest;
  const rawManifest = raw as Record<string, unknown> & { records: Array<{ record?: unknown }> };

  // 3. Records and chain. Hash the raw record objects: zod would drop unknown keys.
  const links: (ChainLink & { index: number })[] = manifest.records.map((m, index) => (m.withheld ? { ...m.link, index } : { id: m.record.id, seq: m.record.seq, prevHash: m.record.prevHash, hash: m.record.hash, index }));
  const chain = await verifyLinks(links, async (link) => {
    const m = manifest.records[link.index]!;
    return m.withheld ? null : hashEvidenceRecord(rawManifest.records[link.index]!.record as Evidence);
  });
  if (!chain.ok) {
    const kind = chain.reason === 'hash' ? 'record-hash' : 'chain';
    return fail(kind, chain.message, { seq: chain.seq, path: MANIFEST_PATH });
  }
  const first = links[0]!, last = links[links.length - 1]!;
  const summary = manifest.chain;
  if (summary.firstSeq !== first.seq || summary.lastSeq !== last.seq || summary.count !== links.length || summary.anchor !== first.prevHash || summary.head !== last.hash) {
    return fail('chain', `the manifest's chain summary (seq ${summary.firstSeq}–${summary.lastSeq}, head ${summary.head}) does not match its records (seq ${first.seq}–${last.seq}, head ${last.hash})`, { path: MANIFEST_PATH });
  }

  // 4. Digest over the rest of the manifest.
  const { digest: _digest, ...body } = rawManifest;
  const digest = await sha256Hex(canonicalJson(body));
  if (digest !== manifest.digest) {
    return fail('manifest', `manifest digest mismatch: content hashes to ${digest}, manifest says ${manifest.digest}`, { path: MANIFEST_PATH });
  }

  // Internal consistency between file list and records.
  const listed = new Map<string, (typeof manifest.files)[number]>();
  for (const f of manifest.files) {
    if (listed.has(f.path) || f.path === MANIFEST_PATH) return fail('manifest', `file ${f.path} is listed twice`, { path: MANIFEST_PATH });
    listed.set(f.path, f);
  }
  const recordsById = new Map<string, Evidence>();
  const notices: BundleNotice[] = [];
  for (const m of manifest.records) {
    if (m.withheld) continue;
    const seq = m.record.seq;
    recordsById.set(m.record.id, m.record);
    for (const p of m.files) if (!listed.has(p)) return fail('manifest', `record seq ${seq} names ${p}, which the file list lacks`, { path: MANIFEST_PATH, seq });
    // A deletion claim can only withhold an artifact the chained record names, exactly as it names it.
    const deleted = new Map<string, NonNullable<typeof m.deleted>[number]>();
    for (const d of m.deleted ?? []) {
      const ref = m.record.artifacts.find((a) => a.id === d.artifactId);
      if (!ref) return fail('manifest', `record seq ${seq} lists artifact ${d.artifactId} (${d.name}) as deleted, but the record does not reference it`, { path: MANIFEST_PATH, seq });
      if (ref.name !== d.name || ref.mime !== d.mime || ref.size !== d.size || ref.sha256 !== d.sha256) {
        return fail('manifest', `record seq ${seq} lists artifact ${ref.name} as deleted with other details than the record holds (${d.name}, ${d.mime}, ${d.size} bytes, ${d.sha256})`, { path: MANIFEST_PATH, seq });
      }
      if (deleted.has(d.artifactId)) return fail('manifest', `record seq ${seq} lists artifact ${ref.name} as deleted twice`, { path: MANIFEST_PATH, seq });
      deleted.set(d.artifactId, d);
    }
    for (const a of m.record.artifacts) {
      const hasFile = manifest.files.some((f) => f.evidenceId === m.record.id && f.artifactId === a.id);
      const d = deleted.get(a.id);
      if (d) {
        if (hasFile) return fail('manifest', `artifact ${a.name} of record seq ${seq} is listed as deleted, yet the bundle has a file for it`, { path: MANIFEST_PATH, seq });
        notices.push({
          kind: 'deleted-artifact', seq, evidenceId: m.record.id, artifactId: a.id, name: a.name, mime: a.mime, size: a.size, sha256: a.sha256, deletedAt: d.deletedAt,
          message: `artifact ${a.name} of record seq ${seq} was deleted by the seller at ${d.deletedAt}, before the export; its recorded SHA-256 ${a.sha256} is still chained`,
        });
        continue;
      }
      if (!hasFile) {
        return fail('missing-file', `artifact ${a.name} of record seq ${seq} is not in the bundle`, { seq });
      }
    }
  }

  // 5. Every listed file: present, same size, same SHA-256, and artifacts equal to what was chained at capture.
  const verified: VerifiedFile[] = [];
  for (const f of manifest.files) {
    const entry = entries.get(f.path);
    if (!entry) return fail('missing-file', `${f.path} is listed in the manifest but not in the archive`, { path: f.path });
    const sha = await sha256Hex(entry.data);
    if (sha !== f.sha256 || entry.data.length !== f.size) {
      return fail('file-hash', `${f.path} has SHA-256 ${sha} (${entry.data.length} bytes); the manifest lists ${f.sha256} (${f.size} bytes)`, { path: f.path });
    }
    if (f.artifactId !== null) {
      const record = f.evidenceId !== null ? recordsById.get(f.evidenceId) : undefined;
      const ref = record?.artifacts.find((a) => a.id === f.artifactId);
      if (!record || !ref) return fail('manifest', `${f.path} claims to be artifact ${f.artifactId} of ${f.evidenceId}, which no exported record has`, { path: f.path });
      if (ref.sha256 !== sha || ref.size !== entry.data.length) {
        return fail('file-hash', `${f.path} differs from the hash recorded at capture time in record seq ${record.seq} (${ref.sha256})`, { path: f.path, seq: record.seq });
      }
    }
    verified.push({ path: f.path, sha256: sha, size: entry.data.length });
  }

  // 6. Files rendered at export, against what the chained data renders to now.
  const derived = checkDerivedFiles(manifest, entries);
  if (derived) return derived;

  // 7. Nothing unlisted.
  for (const e of archive.entries) {
    if (e.name !== MANIFEST_PATH && !listed.has(e.name)) return fail('extra-file', `${e.name} is in the archive but not in the manifest`, { path: e.name });
  }

  // 8. Archive checksum (bytes outside any file's content).
  let archiveChecksum: 'match' | 'absent' = 'absent';
  if (archive.comment.length > 0) {
    let comment = '';
    try {
      comment = utf8.decode(archive.comment);
    } catch {
      return fail('zip', 'the archive comment is not UTF-8');
    }
    const m = comment.startsWith(ARCHIVE_COMMENT_PREFIX) ? /^[0-9a-f]{64}$/.exec(comment.slice(ARCHIVE_COMMENT_PREFIX.length)) : null;
    if (!m) return fail('zip', 'the archive comment is not an archive checksum');
    // The whole archive is in memory here, so WebCrypto (several times faster than the streaming hasher) does it.
    const actual = await sha256Hex(zipBytes.subarray(0, archive.commentOffset));
    if (actual !== m[0]) return fail('zip', `archive checksum mismatch: the archive's bytes hash to ${actual}, its comment says ${m[0]}`);
    archiveChecksum = 'match';
  }

  return { ok: true, files: verified, records: manifest.records, manifest, archiveChecksum, notices, caseNotes: manifest.cases.length };
}

const DERIVED_ROLES = new Set<ManifestFile['role']>(['transcript-html', 'transcript-txt', 'report']);

/**
 * Step 6. Runs after step 5, so every byte read here (messages.json included) already
 * matches the manifest and, for artifacts, the hash chained at capture.
 */
function checkDerivedFiles(manifest: BundleManifest, entries: Map<string, ZipEntry>): VerifyResult | null {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const lang = manifest.lang;
  const casesById = new Map(manifest.cases.map((c) => [c.id, c]));
  const exported: ManifestRecord[] = [];
  const sections = new Map<string, string>();
  const checked = new Set<string>();
  for (const m of manifest.records) {
    if (m.withheld) continue;
    const { record } = m;
    const seq = record.seq;
    const files = m.files.map((p) => listed.get(p)!);
    for (const f of manifest.files) {
      if (f.evidenceId === record.id && (f.role === 'transcript-html' || f.role === 'transcript-txt') && !m.files.includes(f.path)) {
        return fail('manifest', `${f.path} claims to be a transcript of record seq ${seq}, which does not name it`, { path: f.path, seq });
      }
    }
    const transcripts = files.filter((f) => f.role === 'transcript-html' || f.role === 'transcript-txt');
    const ref = messagesArtifact(record);
    const messagesFile = ref ? manifest.files.find((f) => f.evidenceId === record.id && f.artifactId === ref.id) : undefined;
    let messages: ChatMessage[] = [];
    if (messagesFile) {
      const read = readBoundMessages(entries.get(messagesFile.path)!.data);
      if (!read.ok) return fail('derived-file', `${messagesFile.path}, the chained messages of record seq ${seq}, is ${read.reason}`, { path: messagesFile.path, seq });
      messages = read.messages;
    }
    if (transcripts.length && !messagesFile) {
      // Nothing chained to render them from: whatever they say is unchecked.
      return fail('derived-file', `${transcripts[0]!.path} is a transcript of record seq ${seq}, which has no messages.json in the bundle to check it against`, { path: transcripts[0]!.path, seq });
    }
    const want = messages.length ? bundleTranscripts(record, messages, lang, manifest.version) : null;
    for (const role of ['transcript-html', 'transcript-txt'] as const) {
      const mine = transcripts.filter((f) => f.role === role);
      if (mine.length !== (want ? 1 : 0)) {
        return fail('manifest', `record seq ${seq} has ${mine.length} ${role} files; its chained messages call for ${want ? 1 : 0}`, { path: MANIFEST_PATH, seq });
      }
      if (!want) continue;
      const f = mine[0]!;
      const differs = compareRendered(f.path, entries.get(f.path)!.data, role === 'transcript-html' ? want.html : want.txt, `the transcript rendered from the chained messages of record seq ${seq}`);
      if (differs) return fail('derived-file', differs.message, { path: f.path, seq, line: differs.line, found: differs.found });
      checked.add(f.path);
    }
    exported.push(m);
    sections.set(record.id, evidenceSection(record, files, m.deleted ?? [], messages, lang, casesById, manifest.version));
  }

  const reports = manifest.files.filter((f) => f.role === 'report');
  if (reports.length !== 1) return fail('manifest', `the bundle lists ${reports.length} report files; the exporter writes one`, { path: MANIFEST_PATH });
  const report = reports[0]!;
  // The exporter writes the report after every other file and lists those before it.
  const before = manifest.files.slice(0, manifest.files.indexOf(report));
  const want = reportHtml({
    lang,
    version: manifest.version,
    generatedAt: manifest.generatedAt,
    chain: manifest.chain,
    records: exported.map((m) => (m.withheld ? null : m.record)).filter((r) => r !== null),
    manifestRecords: manifest.records,
    sections,
    cases: manifest.cases,
    files: before,
  });
  const differs = compareRendered(report.path, entries.get(report.path)!.data, want, 'the report rendered from the manifest and the chained messages');
  if (differs) return fail('derived-file', differs.message, { path: report.path, line: differs.line, found: differs.found });
  checked.add(report.path);

  for (const f of manifest.files) {
    if (DERIVED_ROLES.has(f.role) && !checked.has(f.path)) return fail('manifest', `${f.path} is listed as a ${f.role} of no exported record`, { path: f.path });
  }
  return null;
}

const lenient = new TextDecoder('utf-8');

/** Valid UTF-8 as a string, or null: decoding is one-to-one on valid UTF-8, so equal strings are equal bytes. */
function exactText(data: Uint8Array): string | null {
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}

/**
 * Byte-for-byte comparison, as a string comparison of the strictly decoded file (a per-byte
 * `every` was the largest avoidable cost of verifying transcripts: 449 KB in 12.5 ms, decoded and
 * compared in 3.6–5.6 ms); on a difference, the first differing line (from 1) and that line as
 * the file has it.
 */
function compareRendered(path: string, data: Uint8Array, expected: string, what: string): { line: number; found: string; message: string } | null {
  if (exactText(data) === expected) return null;
  const got = lenient.decode(data).split('\n');
  const exp = expected.split('\n');
  let i = 0;
  while (i < got.length && i < exp.length && got[i] === exp[i]) i++;
  const found = (got[i] ?? '').slice(0, 200);
  const line = i + 1;
  const said = i < got.length ? `"${found}"` : 'the end of the file';
  return { line, found, message: `${path} differs from ${what} at line ${line}: the file has ${said}, the chained data renders ${i < exp.length ? `"${exp[i]!.slice(0, 200)}"` : 'the end of the file'}` };
}
