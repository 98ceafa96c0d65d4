/**
 * Backups and deleted screenshots (tombstones: the artifact row with `deletedAt`
 * and no bytes, lib/db/artifacts.ts): they survive backup → wipe → restore as
 * tombstones, never count as screenshots in the restore preview, and the restored
 * evidence still exports and verifies with the deletion noted. Backups written
 * before tombstones existed (a blob for every artifact) read as before.
 */
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { deleteArtifactBytes } from '../../../lib/db/artifacts';
import { LATEST_VERSION } from '../../../lib/db/migrations';
import { readBackup, writeBackup, type BackupManifest } from '../../../lib/backup/format';
import { collectBackup, createBackupFile, inspectBackupFile, restoreBackup } from '../../../lib/backup/store';
import { saveEvidence } from '../../../lib/evidence/store';
import { verifyBundle } from '../../../lib/evidence/verify';
import type { Evidence } from '../../../lib/schema';
import { exportEvidence } from '../../../components/dashboard/export-bundle';

const DELETED_AT = '2026-11-23T10:05:00.000+08:00';
const enc = new TextEncoder();

async function capture(name: string, bytes: number[]): Promise<Evidence> {
  const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...bytes])], { type: 'image/png' });
  return saveEvidence(
    getDb(),
    { kind: 'chat', capturedAt: '2026-06-01T18:00:00.000+08:00', url: 'https://seller.shopee.cn/chat', title: 'chat', site: 'shopee', buyerId: 'shopee:b1', buyerName: 'Ana', orderId: '2406-77', caseId: null, note: '', extensionVersion: '0.1.0' },
    [{ name: `${name}.png`, mime: 'image/png', data: png }],
    [{ platformId: 'm1', sender: 'buyer', timeText: '10:00', timeIso: null, text: 'the cup arrived broken', images: [] }],
  );
}

/** Every table, blobs as bytes + type, so two dumps compare by value. */
async function dump(): Promise<Record<string, unknown[]>> {
  const data = await collectBackup(getDb());
  const out: Record<string, unknown[]> = {};
  for (const [k, rows] of Object.entries(data)) {
    out[k] = await Promise.all((rows as Record<string, unknown>[]).map(async (r) => (r.data instanceof Blob ? { ...r, data: [...new Uint8Array(await r.data.arrayBuffer())], type: r.data.type } : r)));
  }
  return out;
}

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  (fakeBrowser.runtime as unknown as { getManifest: () => { version: string } }).getManifest = () => ({ version: '0.1.0' });
});

describe('backup with deleted screenshots', () => {
  it('round-trips a tombstone through backup → wipe → restore; the preview does not count it as a screenshot', async () => {
    const kept = await capture('kept', [1, 2, 3, 4, 5]);
    const gone = await capture('gone', [9, 9, 9, 9, 9, 9, 9]);
    const goneShot = gone.artifacts.find((a) => a.mime === 'image/png')!;
    await deleteArtifactBytes(getDb(), [goneShot.id], DELETED_AT);
    const before = await dump();
    expect(before.artifacts).toHaveLength(4); // two screenshots (one a tombstone) + two messages.json

    const file = await createBackupFile(getDb(), '0.1.0', new Date('2026-11-23T03:00:00.000Z'));
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(file)['manifest.json'])) as BackupManifest;
    // No bytes kept for the tombstone: three blobs for four artifact rows.
    expect(manifest.blobs.map((b) => b.artifactId)).not.toContain(goneShot.id);
    expect(manifest.blobs).toHaveLength(3);

    const read = await inspectBackupFile(file);
    if (!read.ok) throw read.problem;
    expect(read.counts.artifacts).toBe(4);
    expect(read.counts.deletedArtifacts).toBe(1);
    // Only the kept screenshot's 9 bytes are screenshot bytes.
    expect(read.counts.screenshotBytes).toBe(kept.artifacts.find((a) => a.mime === 'image/png')!.size);
    expect(read.counts.screenshotBytes).toBe(9);

    await Promise.all(getDb().tables.map((t) => t.clear()));
    expect(await dump()).toEqual({ ...before, ...Object.fromEntries(Object.keys(before).map((k) => [k, []])) });
    await restoreBackup(getDb(), read.data);
    expect(await dump()).toEqual(before);
    const row = (await getDb().artifacts.get(goneShot.id))!;
    expect({ deletedAt: row.deletedAt, bytes: row.data.size, size: row.size, sha256: row.sha256 }).toEqual({ deletedAt: DELETED_AT, bytes: 0, size: goneShot.size, sha256: goneShot.sha256 });

    // The restored store exports and verifies, the deletion noted.
    const blob = await exportEvidence({ evidenceIds: [kept.id, gone.id], cases: [], lang: 'zh-TW' });
    const v = await verifyBundle(new Uint8Array(await blob.arrayBuffer()));
    if (!v.ok) throw new Error(v.problem.message);
    expect(v.notices.map((n) => [n.evidenceId, n.artifactId, n.deletedAt])).toEqual([[gone.id, goneShot.id, DELETED_AT]]);
  });

  it('an old backup (a blob for every artifact, no deletedAt anywhere) restores as before', async () => {
    await capture('a', [1, 2, 3]);
    await capture('b', [4, 5, 6]);
    const before = await dump();
    // Written from rows without deletedAt, as every backup made before tombstones was.
    const data = await collectBackup(getDb());
    expect(data.artifacts.every((a) => !('deletedAt' in a))).toBe(true);
    const file = await writeBackup(data, { createdAt: '2026-06-02T00:00:00.000Z', extensionVersion: '0.0.9', dbVersion: 1 });
    const read = await readBackup(file, 1);
    if (!read.ok) throw read.problem;
    expect(read.counts.deletedArtifacts).toBe(0);
    expect(read.manifest.blobs).toHaveLength(4);
    expect(read.data.artifacts.every((a) => a.deletedAt === undefined && a.data.size === a.size)).toBe(true);
    await Promise.all(getDb().tables.map((t) => t.clear()));
    await restoreBackup(getDb(), read.data);
    expect(await dump()).toEqual(before);
  });

  it('refuses bytes listed for a tombstone, and a row without deletedAt whose bytes are gone', async () => {
    const ev = await capture('gone', [7, 7, 7]);
    const shot = ev.artifacts.find((a) => a.mime === 'image/png')!;
    await deleteArtifactBytes(getDb(), [shot.id], DELETED_AT);
    const file = await createBackupFile(getDb(), '0.1.0');

    // A blob added to the manifest for the deleted screenshot (bytes the store says it no longer has).
    const files = unzipSync(file);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as BackupManifest;
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7, 7, 7]);
    manifest.blobs.push({ path: 'blobs/9.bin', artifactId: shot.id, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const withBlob = zipSync({ ...files, 'manifest.json': enc.encode(JSON.stringify(manifest)), 'blobs/9.bin': bytes });
    const r1 = await readBackup(withBlob, LATEST_VERSION);
    expect(r1.ok || r1.problem.code).toBe('damaged');
    if (!r1.ok) expect(r1.problem.message).toContain('2 files for 1 artifacts');

    // The tombstone's deletedAt dropped: a row that claims bytes it does not have.
    const data = await collectBackup(getDb());
    const stripped = { ...data, artifacts: data.artifacts.map(({ deletedAt: _d, ...a }) => a) };
    const r2 = await readBackup(await writeBackup(stripped, { createdAt: '2026-11-23T00:00:00.000Z', extensionVersion: '0.1.0', dbVersion: 1 }), 1);
    expect(r2.ok || r2.problem.code).toBe('damaged');
    if (!r2.ok) expect(r2.problem.message).toMatch(/blobs\/\d\.bin: the file does not match the artifact's recorded size\/SHA-256/);
  });
});
