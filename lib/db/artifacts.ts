/**
 * Deleting an artifact's bytes without losing the fact that it existed.
 *
 * The evidence record that lists an artifact holds its name, size and SHA-256,
 * and that list is covered by the record's hash and the chain, so the record can
 * never drop it. Removing the row outright left exports unable to say what
 * happened to the file ("missing from the store"). Instead the row stays as a
 * tombstone: `data` becomes an empty Blob (IndexedDB releases the old one) and
 * `deletedAt` says when. Same table, same indexes: no schema version change.
 */
import { isTombstone, type Artifact } from '../schema';
import { isoWithOffset } from '../evidence/store';
import type { XiaoerDB } from './index';

/** Bytes actually held for a row: 0 for a tombstone (its `size` is the size recorded at capture). */
export function liveBytes(a: Pick<Artifact, 'deletedAt' | 'size'>): number {
  return isTombstone(a) ? 0 : a.size;
}

export interface DeletedBytes {
  /** Ids turned into tombstones by this call (already-deleted and unknown ids are left out). */
  ids: string[];
  /** Bytes freed (sizes recorded for those rows). */
  bytes: number;
}

/**
 * Turn the given artifacts into tombstones in one transaction. Deleting again is
 * a no-op (the first `deletedAt` stays); ids with no row are ignored.
 */
export async function deleteArtifactBytes(db: XiaoerDB, ids: readonly string[], deletedAt: string = isoWithOffset()): Promise<DeletedBytes> {
  return db.transaction('rw', db.artifacts, async () => {
    const rows = await db.artifacts.bulkGet([...ids]);
    const tombstones: Artifact[] = [];
    let bytes = 0;
    for (const a of rows) {
      if (!a || isTombstone(a)) continue;
      bytes += a.size;
      tombstones.push({ ...a, data: new Blob([], { type: a.mime }), deletedAt });
    }
    if (tombstones.length) await db.artifacts.bulkPut(tombstones);
    return { ids: tombstones.map((a) => a.id), bytes };
  });
}
