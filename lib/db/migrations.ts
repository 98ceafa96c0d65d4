/**
 * Numbered schema versions. Index only what is queried. A version that rewrites
 * data gets an `upgrade`; it runs inside IndexedDB's versionchange transaction,
 * so if it throws, the whole upgrade aborts and the old data stays as it was
 * (the caller shows the error). Every version has golden data under
 * test/unit/db/golden/ and a test that upgrades it to the latest.
 */
import type { Transaction } from 'dexie';

export interface Migration {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/** The database's name (here, not in index.ts, so the dashboard's early read knows it without Dexie). */
export const DB_NAME = 'xiaoer';

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    stores: {
      replies: 'id, shortcut, categoryId, usageCount, updatedAt',
      categories: 'id, order',
      buyers: 'id, site, lastContactAt, *tags',
      evidence: 'id, &seq, capturedAt, buyerId, orderId, caseId, site, kind',
      artifacts: 'id, evidenceId',
      messages: 'id, evidenceId, buyerId',
      cases: 'id, status, buyerId, orderId, replyDueAt, followUpAt, updatedAt',
      reviewDrafts: 'id, status, updatedAt',
      settings: 'id',
      siteProfiles: 'host',
      usage: '++id, replyId, at',
    },
  },
  {
    // No index changes: the usage rows of replies no longer stored go. Builds before delete.ts took them
    // along with their reply left them behind — figures of nothing the seller has, counted by the usage
    // table for ever (backups already leave them out, backup/store.ts). Here, in the version change's own
    // transaction: if it fails, the store stays at v1 with every row as it was.
    version: 2,
    stores: {},
    upgrade: dropOrphanUsage,
  },
];

/** Deletes the usage rows whose reply is not stored (v2's upgrade). */
export async function dropOrphanUsage(tx: Transaction): Promise<void> {
  const replyIds = new Set(await tx.table('replies').toCollection().primaryKeys());
  await tx
    .table('usage')
    .filter((u: { replyId: string }) => !replyIds.has(u.replyId))
    .delete();
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
