/**
 * Backup and restore against the store (Dexie). Called from the dashboard, a
 * top-level extension page that owns first-party storage (the sidebar cannot).
 *
 * Restore is atomic: the file is read and validated completely first
 * (readBackup, no storage touched), then ONE read-write transaction over every
 * table clears and refills them. If anything fails inside — quota, a record
 * IndexedDB refuses — the transaction aborts and IndexedDB rolls back, so the
 * seller's current data stays exactly as it was.
 */
import type { XiaoerDB } from '../db';
import { LATEST_VERSION } from '../db/migrations';
import { BACKUP_TABLE_NAMES, BACKUP_TABLES, readBackup, writeBackup, type BackupData, type BackupTable, type ReadResult } from './format';

/**
 * Everything in the store, read in one transaction so the snapshot is consistent — but the usage rows of
 * replies no longer stored: deleting a reply left them behind until delete.ts took them along, and every
 * backup carried those orphans (figures of nothing the seller has).
 */
export async function collectBackup(db: XiaoerDB): Promise<BackupData> {
  const tables = BACKUP_TABLE_NAMES.map((n) => db.table(n));
  return db.transaction('r', tables, async () => {
    const entries = await Promise.all(BACKUP_TABLE_NAMES.map(async (n) => [n, await db.table(n).toArray()] as const));
    const data = Object.fromEntries(entries) as unknown as BackupData;
    const replyIds = new Set(data.replies.map((r) => r.id));
    data.usage = data.usage.filter((u) => replyIds.has(u.replyId));
    return data;
  });
}

export async function createBackupFile(db: XiaoerDB, extensionVersion: string, now = new Date()): Promise<Uint8Array> {
  const data = await collectBackup(db);
  return writeBackup(data, { createdAt: now.toISOString(), extensionVersion, dbVersion: LATEST_VERSION });
}

/**
 * Parse a file for the restore preview (counts per kind); nothing is written. A file written before
 * backups left orphaned usage rows out (schema v1) still carries them: they are dropped here, as the v2
 * upgrade dropped them from the store (migrations.ts), so the preview counts what the restore stores.
 */
export async function inspectBackupFile(bytes: Uint8Array): Promise<ReadResult> {
  const read = await readBackup(bytes, LATEST_VERSION);
  if (!read.ok) return read;
  const usage = usageOfRepliesIn(read.data);
  if (usage.length === read.data.usage.length) return read;
  return { ...read, data: { ...read.data, usage }, counts: { ...read.counts, usage: usage.length } };
}

/** The backup's usage rows whose reply it holds. */
function usageOfRepliesIn(data: BackupData): BackupData['usage'] {
  const replyIds = new Set(data.replies.map((r) => r.id));
  return data.usage.filter((u) => replyIds.has(u.replyId));
}

/**
 * Per kind, how many records are stored now and not in `data` (by primary key): what a restore of it
 * deletes. The preview showed only the file's counts, and an older backup chosen by mistake took the
 * evidence captured since without a word. Settings (one row, replaced either way) are not counted.
 */
export async function storedNotInBackup(db: XiaoerDB, data: BackupData): Promise<[BackupTable, number][]> {
  const tables = BACKUP_TABLE_NAMES.filter((n) => n !== 'settings');
  return db.transaction('r', tables.map((n) => db.table(n)), async () => {
    const out: [BackupTable, number][] = [];
    for (const name of tables) {
      const key = BACKUP_TABLES[name].key;
      const inFile = new Set((data[name] as unknown as Record<string, unknown>[]).map((r) => r[key]));
      // Orphaned usage rows (their reply deleted before delete.ts took them along) are no figure of the
      // seller's: a backup leaves them out, so its restore "deleting" them is not said as a loss.
      const stored = name === 'usage' ? await liveUsageKeys(db) : await db.table(name).toCollection().primaryKeys();
      const gone = stored.filter((k) => !inFile.has(k)).length;
      if (gone) out.push([name, gone]);
    }
    return out;
  });
}

/** The keys of the usage rows whose reply is stored; inside a transaction holding replies and usage. */
async function liveUsageKeys(db: XiaoerDB): Promise<unknown[]> {
  const replyIds = new Set(await db.replies.toCollection().primaryKeys());
  return (await db.usage.toArray()).filter((u) => replyIds.has(u.replyId)).map((u) => u.id);
}

/** Replace everything in the store with a validated backup, in one transaction. */
export async function restoreBackup(db: XiaoerDB, data: BackupData): Promise<void> {
  const tables = BACKUP_TABLE_NAMES.map((n) => db.table(n));
  await db.transaction('rw', tables, async () => {
    for (const name of BACKUP_TABLE_NAMES) {
      const table = db.table(name);
      await table.clear();
      // Never the orphaned usage rows of an older file (inspectBackupFile): restored, they came back for good
      // into a store whose upgrade had already dropped them.
      const rows = (name === 'usage' ? usageOfRepliesIn(data) : data[name]) as unknown[];
      if (rows.length) await table.bulkAdd(rows);
    }
  });
}
