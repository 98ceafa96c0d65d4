import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { XiaoerDB } from '../../../lib/db';
import { dropOrphanUsage, LATEST_VERSION, MIGRATIONS } from '../../../lib/db/migrations';

const GOLDEN_DIR = join(__dirname, 'golden');
const goldens = readdirSync(GOLDEN_DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')) as { version: number; tables: Record<string, unknown[]> });

let n = 0;
const freshName = () => `golden-${Date.now()}-${n++}`;

/** Write golden data with the schema of its own version, as that release would have. */
async function writeGolden(name: string, golden: (typeof goldens)[number]) {
  const old = new XiaoerDB(name, golden.version);
  await old.open();
  expect(old.verno).toBe(golden.version);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(golden.tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
}

describe('schema migrations', () => {
  it('has golden data for every schema version', () => {
    expect(goldens.map((g) => g.version).sort()).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const golden of goldens) {
    it(`upgrades golden v${golden.version} data to v${LATEST_VERSION} with every record intact`, async () => {
      const name = freshName();
      await writeGolden(name, golden);
      const db = new XiaoerDB(name);
      await db.open();
      expect(db.verno).toBe(LATEST_VERSION);
      for (const [table, rows] of Object.entries(golden.tables)) {
        const stored = await db.table(table).toArray();
        expect(stored).toHaveLength(rows.length);
        for (const row of rows) expect(stored).toContainEqual(expect.objectContaining(row as object));
      }
      db.close();
      await Dexie.delete(name);
    });
  }

  /** A v1 store (before delete.ts took usage rows with their reply): two replies, one's figures, and rows of deleted ones. */
  async function v1WithOrphans(name: string) {
    const v1 = new XiaoerDB(name, 1);
    await v1.open();
    const at = '2026-11-20T10:00:00.000Z';
    await v1.replies.bulkAdd(['r-kept', 'r-unused'].map((id) => ({ id, title: id, shortcut: '', categoryId: '', tags: [], body: { 'zh-CN': '在的', 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: at, updatedAt: at })));
    await v1.usage.bulkAdd([
      { replyId: 'r-kept', at, site: 'pinduoduo' },
      { replyId: 'r-deleted-2025', at, site: 'pinduoduo' },
      { replyId: 'r-kept', at, site: 'shopee' },
      { replyId: 'r-deleted-2026', at, site: 'taobao' },
    ]);
    v1.close();
  }

  it('v2 drops the usage rows whose reply is gone (left by builds that deleted a reply without its rows); the rest stay', async () => {
    const name = freshName();
    await v1WithOrphans(name);
    const db = new XiaoerDB(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect((await db.usage.toArray()).map((u) => `${u.replyId}@${u.site}`).sort()).toEqual(['r-kept@pinduoduo', 'r-kept@shopee']);
    expect(await db.replies.count()).toBe(2);
    db.close();
    await Dexie.delete(name);
  });

  it('v2 failing after its delete keeps every v1 row (the delete runs in the version change transaction)', async () => {
    const name = freshName();
    await v1WithOrphans(name);
    class FailsAfterDrop extends XiaoerDB {
      constructor() {
        super(name, 1);
        this.version(2)
          .stores({})
          .upgrade(async (tx) => {
            await dropOrphanUsage(tx);
            throw new Error('upgrade exploded');
          });
      }
    }
    const failing = new FailsAfterDrop();
    await expect(failing.open()).rejects.toThrow(/upgrade exploded/);
    failing.close();
    const old = new XiaoerDB(name, 1);
    await old.open();
    expect(old.verno).toBe(1);
    expect(await old.usage.count()).toBe(4);
    old.close();
    await Dexie.delete(name);
  });

  it('a failing upgrade leaves the old data readable and reports the error', async () => {
    const name = freshName();
    await writeGolden(name, goldens[0]!);
    // A hypothetical next version whose upgrade throws half-way through.
    class Broken extends XiaoerDB {
      constructor() {
        super(name);
        this.version(LATEST_VERSION + 1)
          .stores({})
          .upgrade(async (tx) => {
            await tx.table('replies').toCollection().modify({ title: 'half-rewritten' });
            throw new Error('upgrade exploded');
          });
      }
    }
    const broken = new Broken();
    await expect(broken.open()).rejects.toThrow(/upgrade exploded/);
    broken.close();
    const again = new XiaoerDB(name);
    await again.open();
    expect(again.verno).toBe(LATEST_VERSION);
    const replies = await again.replies.toArray();
    expect(replies.map((r) => r.title)).toEqual(['发货时间']);
    again.close();
    await Dexie.delete(name);
  });
});
