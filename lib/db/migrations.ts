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
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
