/** Library writes from extension pages; each tells the background so open tabs get the new shortcuts. */
import { getDb } from '../../lib/db';
import type { Reply } from '../../lib/schema';
import { askBackground } from '../ext';

function newId(): string {
  return `r-${crypto.randomUUID()}`;
}

async function notify(): Promise<void> {
  await askBackground('library:changed', {}).catch(() => null);
}

export async function saveReply(reply: Reply): Promise<void> {
  await getDb().replies.put({ ...reply, updatedAt: new Date().toISOString() });
  await notify();
}

export async function createReply(fields: Pick<Reply, 'title' | 'shortcut' | 'categoryId' | 'tags' | 'body'>): Promise<Reply> {
  const now = new Date().toISOString();
  const reply: Reply = { ...fields, id: newId(), usageCount: 0, lastUsedAt: null, createdAt: now, updatedAt: now };
  await getDb().replies.add(reply);
  await notify();
  return reply;
}

export async function duplicateReply(reply: Reply): Promise<Reply> {
  // The copy gets no shortcut: two replies on one shortcut would make Tab ambiguous.
  return createReply({ title: `${reply.title} (2)`, shortcut: '', categoryId: reply.categoryId, tags: [...reply.tags], body: { ...reply.body } });
}

export async function deleteReply(id: string): Promise<void> {
  await getDb().replies.delete(id);
  await notify();
}

export async function saveReplyUsage(replyId: string, site: string): Promise<void> {
  const db = getDb();
  const at = new Date().toISOString();
  await db.transaction('rw', db.replies, db.usage, async () => {
    const reply = await db.replies.get(replyId);
    if (!reply) return;
    await db.replies.update(replyId, { usageCount: reply.usageCount + 1, lastUsedAt: at });
    await db.usage.add({ replyId, at, site });
  });
}
