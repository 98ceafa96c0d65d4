import { beforeEach, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { getDb, resetDbForTests, DB_NAME } from '../../../lib/db';
import { LATEST_VERSION } from '../../../lib/db/migrations';
import { BACKUP_FORMAT, readBackup, writeBackup, type BackupData } from '../../../lib/backup/format';
import { collectBackup, createBackupFile, inspectBackupFile, restoreBackup, storedNotInBackup } from '../../../lib/backup/store';
import { saveEvidence } from '../../../lib/evidence/store';
import { defaultSettings, ReviewDraft, type Reply } from '../../../lib/schema';
import Dexie from 'dexie';

const now = '2026-03-01T10:00:00.000Z';

function reply(id: string, title: string): Reply {
  return { id, title, shortcut: `/${id}`, categoryId: 'c1', tags: ['售后'], body: { 'zh-CN': `您好 ${title}`, 'zh-TW': '', en: 'Hi' }, usageCount: 3, lastUsedAt: now, createdAt: now, updatedAt: now };
}

async function seed(): Promise<void> {
  const db = getDb();
  // The team library URL is a setting a backup carries (its last-update status is the browser's own).
  await db.settings.put({ ...defaultSettings('zh-CN'), shopName: '小二旗舰店', teamLibraryUrl: 'https://kf.example.com/team/replies.json' });
  await db.categories.put({ id: 'c1', name: '售后', symbol: '🔧', order: 0 });
  await db.replies.bulkPut([reply('r1', '退换货'), reply('r2', '发货时间')]);
  await db.usage.bulkAdd([{ replyId: 'r1', at: now, site: 'pinduoduo' }, { replyId: 'r2', at: now, site: 'shopee' }]);
  await db.buyers.put({ id: 'pinduoduo:b1', site: 'pinduoduo', platformId: 'b1', name: '小王', notes: '要发票', tags: ['vip'], firstContactAt: now, lastContactAt: now });
  const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5])], { type: 'image/png' });
  await saveEvidence(
    db,
    { kind: 'chat', capturedAt: '2026-03-01T18:00:00.000+08:00', url: 'https://mms.pinduoduo.com/chat', title: 'chat', site: 'pinduoduo', buyerId: 'pinduoduo:b1', buyerName: '小王', orderId: '123', caseId: null, note: '', extensionVersion: '0.0.0' },
    [{ name: 'shot.png', mime: 'image/png', data: png }],
    [{ platformId: 'm1', sender: 'buyer', timeText: '10:00', timeIso: null, text: '东西坏了', images: [] }],
  );
}

async function dump(): Promise<Record<string, unknown[]>> {
  const data = await collectBackup(getDb());
  const out: Record<string, unknown[]> = {};
  for (const [k, rows] of Object.entries(data)) {
    out[k] = await Promise.all(
      (rows as Record<string, unknown>[]).map(async (r) => (r.data instanceof Blob ? { ...r, data: [...new Uint8Array(await r.data.arrayBuffer())], type: r.data.type } : r)),
    );
  }
  return out;
}

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
});

describe('backup', () => {
  it('round-trips every table, blobs included, through wipe and restore', async () => {
    await seed();
    const before = await dump();
    expect(before.artifacts!.length).toBe(2);
    const file = await createBackupFile(getDb(), '1.0.0', new Date(now));
    const read = await inspectBackupFile(file);
    if (!read.ok) throw read.problem;
    expect(read.counts.replies).toBe(2);
    expect(read.counts.evidence).toBe(1);
    expect(read.counts.messages).toBe(1);
    expect(read.counts.artifacts).toBe(2);
    expect(read.counts.screenshotBytes).toBe(9);
    await Promise.all(getDb().tables.map((t) => t.clear()));
    expect((await dump()).replies).toEqual([]);
    await restoreBackup(getDb(), read.data);
    expect(await dump()).toEqual(before);
    expect((await getDb().settings.get('settings'))?.teamLibraryUrl).toBe('https://kf.example.com/team/replies.json');
  });

  it('carries a review reply the page showed as submitted, and still reads the drafts and inserted replies of older records', async () => {
    const review = { key: 'rv-1004', rating: 1, text: '快递太慢了', buyer: '小王', product: '马克杯', date: '2026-11-20', sellerReply: '亲，抱歉' };
    const draft = (id: string, status: string) => ({ id, site: 'generic', url: 'https://shop.example/reviews', review, cause: 'logistics', variant: 'warm', lang: 'zh-CN', text: '亲，抱歉', status, createdAt: now, updatedAt: now });
    // Records written before 'submitted' existed parse as they were.
    expect(ReviewDraft.parse(draft('rd-old-1', 'draft')).status).toBe('draft');
    expect(ReviewDraft.parse(draft('rd-old-2', 'sent')).status).toBe('sent');
    await getDb().reviewDrafts.bulkPut([draft('rd-1', 'submitted'), draft('rd-2', 'sent')].map((d) => ReviewDraft.parse(d)));
    const file = await createBackupFile(getDb(), '1.0.0', new Date(now));
    const read = await inspectBackupFile(file);
    if (!read.ok) throw read.problem;
    await Promise.all(getDb().tables.map((t) => t.clear()));
    await restoreBackup(getDb(), read.data);
    expect((await getDb().reviewDrafts.get('rd-1'))?.status).toBe('submitted');
    expect((await getDb().reviewDrafts.get('rd-2'))?.status).toBe('sent');
  });

  it('leaves out the usage rows of replies no longer stored (orphans of deletes before the rows went with the reply), and its restore does not count them as lost', async () => {
    await seed();
    const db = getDb();
    await db.usage.bulkAdd([{ replyId: 'r-deleted-long-ago', at: now, site: 'pinduoduo' }, { replyId: 'r-deleted-long-ago', at: now, site: 'shopee' }]);
    const data = await collectBackup(db);
    expect(data.usage.map((u) => u.replyId).sort()).toEqual(['r1', 'r2']);
    expect(await storedNotInBackup(db, data)).toEqual([]);
    // A row of a stored reply missing from the file is still said.
    expect(await storedNotInBackup(db, { ...data, usage: data.usage.slice(1) })).toEqual([['usage', 1]]);
  });

  it('restores a backup written at schema v1 (before backups left orphaned usage rows out): every record but those rows, which preview and restore leave out alike', async () => {
    await seed();
    const data = await collectBackup(getDb());
    const before = await dump();
    // The file a v1 build wrote: its usage carried the rows of a reply deleted long before.
    const v1 = { ...data, usage: [...data.usage, { id: 999, replyId: 'r-deleted-long-ago', at: now, site: 'pinduoduo' }] };
    const read = await inspectBackupFile(await writeBackup(v1, { createdAt: now, extensionVersion: '0.1.0', dbVersion: 1 }));
    if (!read.ok) throw read.problem;
    expect(read.manifest.dbVersion).toBe(1);
    expect(read.counts.usage).toBe(2);
    await Promise.all(getDb().tables.map((t) => t.clear()));
    await restoreBackup(getDb(), read.data);
    expect(await dump()).toEqual(before);
    expect(await getDb().usage.where('replyId').equals('r-deleted-long-ago').count()).toBe(0);
    // Handed the file's rows directly, the restore leaves the orphan out too.
    await restoreBackup(getDb(), v1);
    expect(await getDb().usage.count()).toBe(2);
  });

  it('writes its own schema version into the file and reads it back', async () => {
    await seed();
    const read = await inspectBackupFile(await createBackupFile(getDb(), '1.0.0'));
    if (!read.ok) throw read.problem;
    expect(read.manifest.dbVersion).toBe(LATEST_VERSION);
  });

  it('refuses a truncated file', async () => {
    await seed();
    const file = await createBackupFile(getDb(), '1.0.0');
    for (const cut of [10, Math.floor(file.length / 2), file.length - 1]) {
      const r = await readBackup(file.subarray(0, cut), 1);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe('damaged');
    }
  });

  it('refuses a file with a flipped byte inside an entry', async () => {
    await seed();
    const file = await createBackupFile(getDb(), '1.0.0');
    // Flip a byte in the middle of the stored (level 0) screenshot bytes: find the PNG signature.
    const at = file.findIndex((b, i) => b === 0x89 && file[i + 1] === 0x50 && file[i + 2] === 0x4e && file[i + 3] === 0x47);
    expect(at).toBeGreaterThan(0);
    const bad = file.slice();
    bad[at + 5] = (bad[at + 5] ?? 0) ^ 0xff;
    const r = await readBackup(bad, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('damaged');
      expect(r.problem.message).toMatch(/blobs\/\d\.bin/);
    }
  });

  it('refuses a newer version, naming it', async () => {
    const enc = new TextEncoder();
    const file = zipSync({ 'manifest.json': enc.encode(JSON.stringify({ format: BACKUP_FORMAT, version: 2, dbVersion: 5, createdAt: now, extensionVersion: '9', tables: {}, blobs: [], extra: 1 })) });
    const r = await readBackup(file, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('newer-version');
      expect(r.problem.message).toContain('newer');
    }
  });

  it('refuses a record that breaks the schema, naming table, row and field', async () => {
    await seed();
    const data = await collectBackup(getDb());
    const broken = { ...data, replies: [data.replies[0]!, { ...data.replies[1]!, title: '' }] } as BackupData;
    const file = await writeBackup(broken, { createdAt: now, extensionVersion: '1', dbVersion: 1 });
    const r = await readBackup(file, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('invalid-record');
      expect(r.problem.where).toBe('tables/replies.json[1].title');
    }
  });

  it('refuses a site profile whose date is not a date (the Sites view threw on it), naming the field', async () => {
    await seed();
    const data = await collectBackup(getDb());
    const profile = { host: 'erp.example.com', name: 'ERP', composer: '#reply', messagePane: null, messageRow: null, buyerName: null, orderNumber: null, reviewRow: null, createdAt: now, updatedAt: 'yesterday' };
    const file = await writeBackup({ ...data, siteProfiles: [profile] } as BackupData, { createdAt: now, extensionVersion: '1', dbVersion: 1 });
    const r = await readBackup(file, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('invalid-record');
      expect(r.problem.where).toBe('tables/siteProfiles.json[0].updatedAt');
    }
  });

  it('refuses something that is not a backup', async () => {
    const r1 = await readBackup(new TextEncoder().encode('{"format":"xiaoer.replies"}'), 1);
    expect(r1.ok || r1.problem.code).toBe('not-a-backup');
    const r2 = await readBackup(zipSync({ 'a.txt': new Uint8Array([1]) }), 1);
    expect(r2.ok || r2.problem.code).toBe('not-a-backup');
  });

  it('says what a Xiaoer file chosen by mistake is and where it goes: an exported case, a replies or profiles export', async () => {
    // Both Xiaoer's backups and its case exports are .zip files in the same Downloads folder; the seller was told
    // only "manifest.json does not describe a Xiaoer backup".
    const bundle = zipSync({ 'manifest.json': new TextEncoder().encode(JSON.stringify({ format: 'xiaoer.evidence-bundle', version: 2 })) });
    const r1 = await readBackup(bundle, 1);
    expect(r1.ok || [r1.problem.code, r1.problem.refusal.code]).toEqual(['not-a-backup', 'caseExportNotBackup']);
    if (!r1.ok) expect(r1.problem.message).toBe('(file): this is an exported case (an evidence bundle), not a backup; check it under Evidence → Verify a bundle');
    for (const text of ['{"format":"xiaoer.replies","version":1,"replies":[]}', '\uFEFF  [ ]', 'title,shortcut,category,tags,zh-CN,zh-TW,en\n']) {
      const r = await readBackup(new TextEncoder().encode(text), 1);
      expect(r.ok || [r.problem.code, r.problem.refusal.code]).toEqual(['not-a-backup', 'exportNotBackup']);
    }
    // Anything else keeps its plain reason.
    const r3 = await readBackup(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 1);
    expect(r3.ok || r3.problem.refusal.code).toBe('notZip');
  });

  it('leaves the store untouched when the restore transaction fails midway', async () => {
    await seed();
    const before = await dump();
    const data = await collectBackup(getDb());
    // Two messages with one id pass nothing in the file check here (we bypass readBackup)
    // but make bulkAdd throw inside the transaction after earlier tables were cleared.
    const bad: BackupData = { ...data, replies: [reply('x1', 'new')], messages: [data.messages[0]!, data.messages[0]!] };
    await expect(restoreBackup(getDb(), bad)).rejects.toThrow();
    expect(await dump()).toEqual(before);
  });
});
