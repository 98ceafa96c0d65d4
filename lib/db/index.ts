/**
 * The store: one Dexie schema class and one singleton. Opened ONLY in extension
 * contexts (background, sidebar, popup, dashboard): in a content script IndexedDB
 * belongs to the marketplace's origin.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Artifact, Buyer, Case, Category, Evidence, Reply, ReviewDraft, Settings, SiteProfile, StoredMessage } from '../schema';
import { DB_NAME, MIGRATIONS } from './migrations';

export { DB_NAME };

/** One use of a reply (usage figures: most/least used, frequency ranking). */
export interface UsageRecord {
  id?: number;
  replyId: string;
  at: string;
  site: string;
}

export class XiaoerDB extends Dexie {
  replies!: EntityTable<Reply, 'id'>;
  categories!: EntityTable<Category, 'id'>;
  buyers!: EntityTable<Buyer, 'id'>;
  evidence!: EntityTable<Evidence, 'id'>;
  artifacts!: EntityTable<Artifact, 'id'>;
  messages!: EntityTable<StoredMessage, 'id'>;
  cases!: EntityTable<Case, 'id'>;
  reviewDrafts!: EntityTable<ReviewDraft, 'id'>;
  settings!: EntityTable<Settings, 'id'>;
  siteProfiles!: EntityTable<SiteProfile, 'host'>;
  usage!: EntityTable<UsageRecord, 'id'>;

  constructor(name = DB_NAME, upTo = Infinity) {
    super(name);
    for (const m of MIGRATIONS) {
      if (m.version > upTo) break;
      const v = this.version(m.version).stores(m.stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
  }
}

let instance: XiaoerDB | null = null;

/** The extension's database (lazy, so importing this module never opens IndexedDB). */
export function getDb(): XiaoerDB {
  if (!instance) instance = new XiaoerDB();
  return instance;
}

/** Tests only: forget the singleton (after deleting the database). */
export function resetDbForTests(): void {
  instance?.close();
  instance = null;
}
