import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { XiaoerDB } from '../../../lib/db';
import { LATEST_VERSION, MIGRATIONS } from '../../../lib/db/migrations';

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
