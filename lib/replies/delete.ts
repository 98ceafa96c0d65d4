/**
 * Deleting replies. Its own small module (no zod, no import formats): the dashboard's reply list
 * loads it with its first screen.
 */
import type { XiaoerDB } from '../db';

/**
 * Deletes the replies with their usage rows, in one transaction: the rows stayed behind — figures of a
 * reply the seller deleted, carried by every backup as orphans. Either both go or neither (a failure
 * keeps the reply and its figures).
 */
export async function deleteReplies(db: XiaoerDB, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.transaction('rw', db.replies, db.usage, async () => {
    await db.replies.bulkDelete(ids);
    await deleteUsageOf(db, ids);
  });
}

/** The usage rows of replies being deleted; called inside the transaction that deletes them (it must hold db.usage). */
export async function deleteUsageOf(db: XiaoerDB, replyIds: readonly string[]): Promise<void> {
  if (replyIds.length) await db.usage.where('replyId').anyOf([...replyIds]).delete();
}
