/**
 * The backup file: everything Xiaoer stores, screenshots included, in one ZIP.
 *
 *   manifest.json           {"format":"xiaoer.backup","version":1,"dbVersion":1,
 *                            "createdAt":"…","tables":{"replies":{"path":"tables/replies.json",
 *                            "count":42,"sha256":"…"},…},"blobs":[{"path":"blobs/0.bin",
 *                            "artifactId":"art-…","size":1234,"sha256":"…"}]}
 *   tables/<table>.json     one JSON array per table (artifacts without their bytes)
 *   blobs/<n>.bin           each artifact's bytes (screenshot PNG, snapshot HTML, …)
 *
 * A deleted screenshot (a tombstone: `deletedAt` set, no bytes; lib/db/artifacts.ts)
 * is a row of tables/artifacts.json with no blob; it restores as a tombstone. A
 * backup written before tombstones existed has a blob for every row and reads as before.
 *
 * Reading is all-or-nothing: `readBackup` either returns every record, each
 * validated with the same zod schema the store uses, or a BackupProblem naming
 * what is wrong — and the caller writes nothing. The archive is read with the
 * strict ZIP reader (fflate's unzip never checks CRC-32, so a damaged file could
 * "unzip fine"), and every entry's SHA-256 must match the manifest, so a file
 * truncated, flipped or edited by hand is refused rather than half-restored.
 *
 * Pure: no Dexie, no DOM; Node and the dashboard run the same code.
 */
import * as z from 'zod/mini';
import { zipSync, type Zippable } from 'fflate';
import {
  Artifact,
  Buyer,
  Case,
  Category,
  Evidence,
  isTombstone,
  Reply,
  ReviewDraft,
  Settings,
  SiteProfile,
  StoredMessage,
} from '../schema';
import { sha256Hex } from '../evidence/hash';
import { readZip, startsLikeZip, ZipFormatError, type ZipFault } from '../evidence/zip-read';

export { startsLikeZip };
import type { UsageRecord } from '../db';
import { issueReason, parseJsonText } from './json-file';
import { placeText, reasonText, refusal, why, type Refusal, type RefusalPlace, type RefusalReason } from './refusal';

export const BACKUP_FORMAT = 'xiaoer.backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

/** The usage table has no record schema in lib/schema (it is internal); it is checked here. */
export const UsageRow = z.object({
  id: z.int().check(z.positive()),
  replyId: z.string().check(z.maxLength(100)),
  at: z.string().check(z.maxLength(100)),
  site: z.string().check(z.maxLength(50)),
});

/** Artifact metadata as written to tables/artifacts.json (the bytes live in blobs/). */
export const ArtifactMeta = z.omit(Artifact, { data: true });
export type ArtifactMeta = z.infer<typeof ArtifactMeta>;

/** Every table in backup order, with its record schema and primary key. */
export const BACKUP_TABLES = {
  settings: { schema: Settings, key: 'id' },
  categories: { schema: Category, key: 'id' },
  replies: { schema: Reply, key: 'id' },
  usage: { schema: UsageRow, key: 'id' },
  buyers: { schema: Buyer, key: 'id' },
  cases: { schema: Case, key: 'id' },
  evidence: { schema: Evidence, key: 'id' },
  messages: { schema: StoredMessage, key: 'id' },
  artifacts: { schema: ArtifactMeta, key: 'id' },
  reviewDrafts: { schema: ReviewDraft, key: 'id' },
  siteProfiles: { schema: SiteProfile, key: 'host' },
} as const;
export type BackupTable = keyof typeof BACKUP_TABLES;
export const BACKUP_TABLE_NAMES = Object.keys(BACKUP_TABLES) as BackupTable[];

/** Everything in one backup, as the store holds it. */
export interface BackupData {
  settings: Settings[];
  categories: Category[];
  replies: Reply[];
  usage: UsageRecord[];
  buyers: Buyer[];
  cases: Case[];
  evidence: Evidence[];
  messages: StoredMessage[];
  artifacts: Artifact[];
  reviewDrafts: ReviewDraft[];
  siteProfiles: SiteProfile[];
}

/**
 * Rows per table, plus the bytes of live screenshots / all live blobs. `deletedArtifacts`
 * counts tombstones (inside `artifacts`, never in the screenshot figures).
 */
export type BackupCounts = Record<BackupTable, number> & { screenshotBytes: number; blobBytes: number; deletedArtifacts: number };

const Sha = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const TableEntry = z.strictObject({ path: z.string(), count: z.int().check(z.nonnegative()), sha256: Sha });
const BlobEntry = z.strictObject({ path: z.string(), artifactId: z.string(), size: z.int().check(z.nonnegative()), sha256: Sha });
const ManifestHead = z.object({ format: z.string(), version: z.number(), dbVersion: z.number() });
export const BackupManifest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  /** The database schema version the records follow (lib/db/migrations.ts). */
  dbVersion: z.int().check(z.positive()),
  createdAt: z.string(),
  extensionVersion: z.string(),
  tables: z.record(z.enum(BACKUP_TABLE_NAMES as [BackupTable, ...BackupTable[]]), TableEntry),
  blobs: z.array(BlobEntry),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export type BackupProblemCode = 'not-a-backup' | 'damaged' | 'newer-version' | 'invalid-record' | 'missing-file';

/**
 * Why a file was refused; `where` names the entry/record ("tables/replies.json[3].title"),
 * `detail` the reason (both English; `message` is "where: detail"); `refusal` is the same as
 * data (place, reason code, params) for the seller's language (lib/backup/refusal.ts).
 */
export class BackupProblem extends Error {
  readonly detail: string;
  readonly where: string | null;
  readonly refusal: Refusal;
  constructor(readonly code: BackupProblemCode, place: RefusalPlace | null, reason: RefusalReason) {
    super(refusal(place, reason).message);
    this.name = 'BackupProblem';
    this.refusal = refusal(place, reason);
    this.detail = reasonText('en', reason);
    this.where = place ? placeText('en', place) : null;
  }
}

/** An archive entry, optionally a field path inside it ("[3].title", ".version"). */
const entryAt = (entry: string, path?: string): RefusalPlace => (path ? { kind: 'entry', entry, path } : { kind: 'entry', entry });
const WHOLE_FILE: RefusalPlace = { kind: 'file' };

export type ReadResult = { ok: true; data: BackupData; manifest: BackupManifest; counts: BackupCounts } | { ok: false; problem: BackupProblem };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function isScreenshot(mime: string): boolean {
  return mime.startsWith('image/');
}

export function countBackup(data: BackupData): BackupCounts {
  const counts = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, data[t].length])) as Record<BackupTable, number>;
  let screenshotBytes = 0;
  let blobBytes = 0;
  let deletedArtifacts = 0;
  for (const a of data.artifacts) {
    // A tombstone's `size` is what was recorded at capture; it holds no bytes.
    if (isTombstone(a)) {
      deletedArtifacts++;
      continue;
    }
    blobBytes += a.size;
    if (isScreenshot(a.mime)) screenshotBytes += a.size;
  }
  return { ...counts, screenshotBytes, blobBytes, deletedArtifacts };
}

/**
 * Write a backup ZIP. Blobs are stored uncompressed (screenshots are PNG/JPEG
 * already; deflating them costs time for nothing); JSON is deflated.
 */
export async function writeBackup(data: BackupData, meta: { createdAt: string; extensionVersion: string; dbVersion: number }): Promise<Uint8Array> {
  const files: Zippable = {};
  const tables = {} as BackupManifest['tables'];
  for (const name of BACKUP_TABLE_NAMES) {
    const rows = name === 'artifacts' ? data.artifacts.map(({ data: _bytes, ...rest }) => rest) : data[name];
    const bytes = encoder.encode(JSON.stringify(rows));
    const path = `tables/${name}.json`;
    files[path] = [bytes, { level: 6 }];
    tables[name] = { path, count: rows.length, sha256: await sha256Hex(bytes) };
  }
  const blobs: BackupManifest['blobs'] = [];
  for (let i = 0; i < data.artifacts.length; i++) {
    const a = data.artifacts[i]!;
    // Tombstones have no bytes to keep: their row (with deletedAt) is all there is.
    if (isTombstone(a)) continue;
    const bytes = new Uint8Array(await a.data.arrayBuffer());
    // Numbered paths: artifact ids are ours, but a path must never depend on record text.
    const path = `blobs/${i}.bin`;
    files[path] = [bytes, { level: 0 }];
    blobs.push({ path, artifactId: a.id, size: bytes.length, sha256: await sha256Hex(bytes) });
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, dbVersion: meta.dbVersion, createdAt: meta.createdAt, extensionVersion: meta.extensionVersion, tables, blobs };
  // The manifest goes first so a reader sees the format before anything else.
  return zipSync({ [MANIFEST_PATH]: [encoder.encode(JSON.stringify(manifest, null, 1)), { level: 6 }], ...files }, { mtime: new Date(meta.createdAt) });
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** A damaged archive's refusal, by the kind of damage the ZIP reader found. */
const ZIP_FAULT = {
  truncated: 'zipTruncated',
  structure: 'zipStructure',
  encrypted: 'zipEncrypted',
  unsupported: 'zipUnsupported',
  damaged: 'zipEntryDamaged',
} as const satisfies Record<ZipFault, string>;

/**
 * Read and validate a whole backup. Never throws; never partial.
 * `maxDbVersion` is the newest schema this build can store (LATEST_VERSION).
 */
export async function readBackup(bytes: Uint8Array, maxDbVersion: number): Promise<ReadResult> {
  try {
    return await readStrict(bytes, maxDbVersion);
  } catch (e) {
    if (e instanceof BackupProblem) return { ok: false, problem: e };
    // "(file)": a damage to the archive as a whole (cut short, directory broken) has no finer place.
    // Said by its kind in the seller's language (the ZIP reader's technical sentence is for logs).
    if (e instanceof ZipFormatError) return { ok: false, problem: new BackupProblem('damaged', e.path ? entryAt(e.path) : WHOLE_FILE, why(ZIP_FAULT[e.fault])) };
    return { ok: false, problem: new BackupProblem('damaged', WHOLE_FILE, why('zipDamaged', { detail: e instanceof Error ? e.message : String(e) })) };
  }
}

/** One JSON entry of the archive; the problem names the entry and line/column/field (duplicate keys refused). */
function readJsonEntry(bytes: Uint8Array, path: string): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new BackupProblem('damaged', entryAt(path), why('entryNotUtf8'));
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new BackupProblem('damaged', { kind: 'entry', entry: path, text: json.problem.place }, why('invalidJson', undefined, json.problem.why));
  return json.value;
}

/** lib/evidence/bundle.ts BUNDLE_FORMAT (not imported: the backup reader stays out of the bundle writer's chunk). */
const CASE_EXPORT_FORMAT = 'xiaoer.evidence-bundle';

/**
 * Text that starts as Xiaoer's own exports do — JSON (replies, site profiles) or the replies CSV's header — so the
 * refusal says where that file is imported instead of only "not a ZIP archive".
 */
function looksLikeExport(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') || head.startsWith('[') || /^"?title"?,/i.test(head);
}

async function readStrict(bytes: Uint8Array, maxDbVersion: number): Promise<ReadResult> {
  if (!startsLikeZip(bytes)) throw new BackupProblem('not-a-backup', WHOLE_FILE, why(!bytes.length ? 'emptyFile' : looksLikeExport(bytes) ? 'exportNotBackup' : 'notZip'));
  const archive = readZip(bytes);
  const entries = new Map(archive.entries.map((e) => [e.name, e.data]));
  const manifestBytes = entries.get(MANIFEST_PATH);
  if (!manifestBytes) throw new BackupProblem('not-a-backup', entryAt(MANIFEST_PATH), why('noManifest'));
  const rawManifest = readJsonEntry(manifestBytes, MANIFEST_PATH);
  // A case export is a ZIP with a manifest.json too, kept in the same Downloads folder: said what it is and where it goes.
  if ((rawManifest as { format?: unknown } | null)?.format === CASE_EXPORT_FORMAT) throw new BackupProblem('not-a-backup', WHOLE_FILE, why('caseExportNotBackup'));
  const head = ManifestHead.safeParse(rawManifest);
  if (!head.success || head.data.format !== BACKUP_FORMAT) throw new BackupProblem('not-a-backup', entryAt(MANIFEST_PATH), why('manifestNotBackup'));
  // Checked before the strict shape: a newer version may add fields this build does not know.
  if (head.data.version > BACKUP_VERSION || head.data.dbVersion > maxDbVersion) {
    const field = head.data.version > BACKUP_VERSION ? 'version' : 'dbVersion';
    throw new BackupProblem('newer-version', entryAt(MANIFEST_PATH, `.${field}`), why('backupNewer', { format: head.data.version, data: head.data.dbVersion, maxFormat: BACKUP_VERSION, maxData: maxDbVersion }));
  }
  const parsedManifest = BackupManifest.safeParse(rawManifest);
  if (!parsedManifest.success) {
    const issue = parsedManifest.error.issues[0];
    throw new BackupProblem('damaged', entryAt(MANIFEST_PATH, issuePath(issue?.path ?? [])), issue ? issueReason(issue, rawManifest) : why('invalidValue'));
  }
  const manifest = parsedManifest.data;

  const verified = async (path: string, sha256: string): Promise<Uint8Array> => {
    const data = entries.get(path);
    if (!data) throw new BackupProblem('missing-file', entryAt(path), why('listedButMissing'));
    if ((await sha256Hex(data)) !== sha256) throw new BackupProblem('damaged', entryAt(path), why('checksumMismatch'));
    return data;
  };

  const out = {} as Record<BackupTable, unknown[]>;
  for (const name of BACKUP_TABLE_NAMES) {
    const entry = manifest.tables[name];
    if (!entry) throw new BackupProblem('missing-file', entryAt(`tables/${name}.json`), why('tableNotListed'));
    const data = await verified(entry.path, entry.sha256);
    const rows = readJsonEntry(data, entry.path);
    if (!Array.isArray(rows)) throw new BackupProblem('invalid-record', entryAt(entry.path), why('expectedRecords'));
    if (rows.length !== entry.count) throw new BackupProblem('damaged', entryAt(entry.path), why('recordCount', { rows: rows.length, count: entry.count }));
    const { schema, key } = BACKUP_TABLES[name];
    const keys = new Set<unknown>();
    const parsedRows: unknown[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = (schema as z.ZodMiniType).safeParse(rows[i]);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new BackupProblem('invalid-record', entryAt(entry.path, `[${i}]${issuePath(issue?.path ?? [])}`), issue ? issueReason(issue, rows[i]) : why('invalidValue'));
      }
      const k = (r.data as Record<string, unknown>)[key];
      if (keys.has(k)) throw new BackupProblem('invalid-record', entryAt(entry.path, `[${i}]`), why('duplicateKey', { key, value: String(k) }));
      keys.add(k);
      parsedRows[i] = r.data;
    }
    out[name] = parsedRows;
  }
  if (out.settings.length > 1) throw new BackupProblem('invalid-record', entryAt('tables/settings.json'), why('settingsTwice'));
  const seqs = new Set<number>();
  for (const [i, ev] of (out.evidence as Evidence[]).entries()) {
    if (seqs.has(ev.seq)) throw new BackupProblem('invalid-record', entryAt('tables/evidence.json', `[${i}]`), why('duplicateSeq', { seq: ev.seq }));
    seqs.add(ev.seq);
  }

  // Every artifact needs its bytes, and the bytes must be the ones the evidence record hashed;
  // a tombstone (deleted by the seller) has none and must have none.
  const metas = out.artifacts as ArtifactMeta[];
  const live = metas.filter((m) => !isTombstone(m)).length;
  const blobByArtifact = new Map(manifest.blobs.map((b) => [b.artifactId, b]));
  if (blobByArtifact.size !== manifest.blobs.length || manifest.blobs.length !== live) {
    throw new BackupProblem('damaged', entryAt(MANIFEST_PATH), why('blobCount', { blobs: manifest.blobs.length, artifacts: live }));
  }
  const artifacts: Artifact[] = [];
  for (const [i, meta] of metas.entries()) {
    const b = blobByArtifact.get(meta.id);
    if (isTombstone(meta)) {
      // A blob listed for a deleted row would be bytes the store says it no longer has.
      if (b) throw new BackupProblem('damaged', entryAt(MANIFEST_PATH), why('blobCount', { blobs: manifest.blobs.length, artifacts: live }));
      artifacts.push({ ...meta, data: new Blob([], { type: meta.mime }) });
      continue;
    }
    if (!b) throw new BackupProblem('missing-file', entryAt('tables/artifacts.json', `[${i}]`), why('noFileForArtifact', { id: meta.id }));
    const data = await verified(b.path, b.sha256);
    if (b.sha256 !== meta.sha256 || data.length !== meta.size) {
      throw new BackupProblem('damaged', entryAt(b.path), why('blobMismatch'));
    }
    artifacts.push({ ...meta, data: new Blob([data as Uint8Array<ArrayBuffer>], { type: meta.mime }) });
  }

  const data = { ...(out as unknown as BackupData), artifacts };
  return { ok: true, data, manifest, counts: countBackup(data) };
}
