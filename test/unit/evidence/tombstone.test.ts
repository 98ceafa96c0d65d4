/**
 * Deleted screenshots (tombstones) and evidence export/verify.
 *
 * The bug this guards: Dashboard → Storage deleted screenshot rows outright, and
 * exporting any record that had listed one threw "missing from the store", so the
 * seller could not export that case at all. Now the row stays as a tombstone
 * (lib/db/artifacts.ts) and the bundle lists the screenshot as deleted, with no
 * file; the record hash and the chain still verify and the verifier says so as a
 * notice. What a deletion claim must NOT be able to do is checked too.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { deleteArtifactBytes, liveBytes } from '../../../lib/db/artifacts';
import { canonicalJson, hashEvidenceRecord, verifyChain } from '../../../lib/evidence/hash';
import { BundleError, collectBytes, writeBundle, type BundleManifest, type BundleOptions } from '../../../lib/evidence/bundle';
import { saveEvidence } from '../../../lib/evidence/store';
import { verifyBundle } from '../../../lib/evidence/verify';
import { Artifact, isTombstone, type Evidence } from '../../../lib/schema';
import { exportEvidence } from '../../../components/dashboard/export-bundle';
import { makeChain, type FixtureChain } from './make-evidence';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const rezip = (files: Record<string, Uint8Array>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])) as Zippable);
const readManifest = (files: Record<string, Uint8Array>): BundleManifest => JSON.parse(new TextDecoder().decode(files['manifest.json']));

/** Forge a manifest edit that keeps the manifest self-consistent (digest recomputed), as a tamperer would. */
async function forgeManifest(files: Record<string, Uint8Array>, edit: (m: BundleManifest) => void | Promise<void>): Promise<Uint8Array> {
  const m = readManifest(files);
  await edit(m);
  const { digest: _d, ...body } = m;
  m.digest = sha(new TextEncoder().encode(canonicalJson(body)));
  return rezip({ ...files, 'manifest.json': new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`) });
}

const DELETED_AT = '2026-11-23T10:05:00.000+08:00';

/** A bundle of the fixture chain where `deleted` artifact ids come back as deleted by the seller. */
function bundleOptions(chain: FixtureChain, deleted: ReadonlySet<string>, extra: Partial<BundleOptions> = {}): BundleOptions {
  return {
    records: chain.records,
    artifacts: async (ref) => (deleted.has(ref.id) ? { deletedAt: DELETED_AT } : chain.blobs.get(ref.id)!),
    cases: chain.cases,
    lang: 'zh-CN',
    generatedAt: '2026-11-23T18:31:27.000+08:00',
    generator: { name: 'xiaoer', version: '0.1.0' },
    ...extra,
  };
}

async function chainWithDeletion(): Promise<{ chain: FixtureChain; files: Record<string, Uint8Array>; bytes: Uint8Array }> {
  const chain = await makeChain({ count: 4, artifactsPerRecord: 3, artifactSize: 2000, messagesPerRecord: 4, seed: 23 });
  // ev-2's first screenshot deleted by the seller.
  const bytes = await collectBytes(writeBundle(bundleOptions(chain, new Set(['ev-2-art-1']))));
  return { chain, files: unzipSync(bytes), bytes };
}

describe('writeBundle + verifyBundle with a deleted screenshot', () => {
  it('lists it under its record as deleted with no file, says so in the report, and verifies with a notice', async () => {
    const { chain, files, bytes } = await chainWithDeletion();
    const ref = chain.records[1]!.artifacts[0]!;
    expect(ref.id).toBe('ev-2-art-1');
    const m = readManifest(files);
    const r2 = m.records[1]!;
    if (r2.withheld) throw new Error('ev-2 should be exported');
    expect(r2.deleted).toEqual([{ artifactId: ref.id, name: ref.name, mime: ref.mime, size: ref.size, sha256: ref.sha256, deletedAt: DELETED_AT }]);
    // The record itself is unchanged: it still names the artifact, with the capture-time hash.
    expect(r2.record).toEqual(chain.records[1]);
    // No file for it anywhere; its sibling screenshot is there.
    expect(m.files.some((f) => f.artifactId === ref.id)).toBe(false);
    expect(Object.keys(files).some((p) => p.includes('0002-ev-2-chat-1'))).toBe(false);
    expect(Object.keys(files)).toContain('screenshots/0002-ev-2-chat-2.png');
    // Other records carry no `deleted` key (the layout of bundles without deletions is unchanged).
    for (const [i, rec] of m.records.entries()) if (i !== 1) expect(rec).not.toHaveProperty('deleted');

    const report = new TextDecoder().decode(files['report.html']);
    expect(report).toContain('卖家已于 2026-11-23 10:05:00 (UTC+08:00) 删除（在本次导出之前）');
    expect(report).toContain('导出前已删除的文件');
    expect(report).toContain(ref.sha256);
    expect(report).not.toMatch(/<img[^>]+0002-ev-2-chat-1/);

    const v = await verifyBundle(bytes);
    if (!v.ok) throw new Error(v.problem.message);
    expect(v.archiveChecksum).toBe('match');
    expect(v.notices).toEqual([
      expect.objectContaining({ kind: 'deleted-artifact', seq: 2, evidenceId: 'ev-2', artifactId: ref.id, name: ref.name, sha256: ref.sha256, size: ref.size, deletedAt: DELETED_AT }),
    ]);
    // Records in the bundle hash and chain exactly as in the store.
    expect(await verifyChain(m.records.map((x) => (x.withheld ? null : x.record)).filter((x): x is Evidence => x !== null))).toEqual({ ok: true });
  });

  it('words the deletion in each language', async () => {
    const chain = await makeChain({ count: 1, artifactsPerRecord: 1, artifactSize: 500, messagesPerRecord: 0, seed: 3 });
    const wanted = { en: 'deleted by the seller on 2026-11-23 10:05:00 (UTC+08:00), before this export', 'zh-TW': '賣家已於 2026-11-23 10:05:00 (UTC+08:00) 刪除（在本次匯出之前）' } as const;
    for (const [lang, text] of Object.entries(wanted) as [keyof typeof wanted, string][]) {
      const bytes = await collectBytes(writeBundle(bundleOptions(chain, new Set(['ev-1-art-1']), { lang })));
      const report = new TextDecoder().decode(unzipSync(bytes)['report.html']);
      expect(report).toContain(text);
      // A record whose only artifact was deleted and that has no messages: no file at all, still intact.
      expect((await verifyBundle(bytes)).ok).toBe(true);
    }
  });

  it('a file missing WITHOUT being listed as deleted still fails missing-file', async () => {
    const { files } = await chainWithDeletion();
    // Removed from the archive only: the manifest still lists it.
    const path = 'screenshots/0003-ev-3-chat-1.png';
    const { [path]: _gone, ...without } = files;
    expect(await verifyBundle(rezip(without))).toMatchObject({ ok: false, problem: { kind: 'missing-file', path } });
    // Removed from the archive and the file list, manifest digest recomputed: the record still names it.
    const unlisted = await forgeManifest(without, (m) => {
      m.files = m.files.filter((f) => f.path !== path);
      const r = m.records[2]!;
      if (!r.withheld) r.files = r.files.filter((p) => p !== path);
    });
    expect(await verifyBundle(unlisted)).toMatchObject({ ok: false, problem: { kind: 'missing-file', seq: 3 } });
    // The deleted entry itself dropped from the manifest: that screenshot is now simply missing.
    const undeclared = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) delete r.deleted;
    });
    expect(await verifyBundle(undeclared)).toMatchObject({ ok: false, problem: { kind: 'missing-file', seq: 2 } });
  });

  it('a deletion claim for an artifact the record does not reference fails', async () => {
    const { chain, files } = await chainWithDeletion();
    // ev-3's artifact claimed as deleted under ev-2.
    const other = chain.records[2]!.artifacts[1]!;
    const foreign = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) r.deleted!.push({ artifactId: other.id, name: other.name, mime: other.mime, size: other.size, sha256: other.sha256, deletedAt: DELETED_AT });
    });
    expect(await verifyBundle(foreign)).toMatchObject({ ok: false, problem: { kind: 'manifest', seq: 2, path: 'manifest.json' } });
    // An id no record has at all.
    const invented = await forgeManifest(files, (m) => {
      const r = m.records[0]!;
      if (!r.withheld) r.deleted = [{ artifactId: 'art-invented', name: 'x.png', mime: 'image/png', size: 1, sha256: 'a'.repeat(64), deletedAt: DELETED_AT }];
    });
    expect(await verifyBundle(invented)).toMatchObject({ ok: false, problem: { kind: 'manifest', seq: 1 } });
  });

  it('a deletion claim must match the record and cannot sit beside a file for the same artifact', async () => {
    const { chain, files } = await chainWithDeletion();
    const wrongHash = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) r.deleted![0]!.sha256 = 'b'.repeat(64);
    });
    expect(await verifyBundle(wrongHash)).toMatchObject({ ok: false, problem: { kind: 'manifest', seq: 2 } });
    const twice = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) r.deleted!.push({ ...r.deleted![0]! });
    });
    expect(await verifyBundle(twice)).toMatchObject({ ok: false, problem: { kind: 'manifest', seq: 2 } });
    const notATime = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) r.deleted![0]!.deletedAt = 'yesterday';
    });
    expect(await verifyBundle(notATime)).toMatchObject({ ok: false, problem: { kind: 'manifest' } });
    // Claimed deleted while the (intact) file is in the bundle too.
    const full = unzipSync(await collectBytes(writeBundle(bundleOptions(chain, new Set()))));
    const both = await forgeManifest(full, (m) => {
      const r = m.records[1]!;
      const ref = chain.records[1]!.artifacts[1]!;
      if (!r.withheld) r.deleted = [{ artifactId: ref.id, name: ref.name, mime: ref.mime, size: ref.size, sha256: ref.sha256, deletedAt: DELETED_AT }];
    });
    expect(await verifyBundle(both)).toMatchObject({ ok: false, problem: { kind: 'manifest', seq: 2 } });
  });

  it('other tampering is still caught in a bundle with a deletion', async () => {
    const { files } = await chainWithDeletion();
    const edited = await forgeManifest(files, (m) => {
      const r = m.records[1]!;
      if (!r.withheld) r.record.note = '买家已同意';
    });
    expect(await verifyBundle(edited)).toMatchObject({ ok: false, problem: { kind: 'record-hash', seq: 2 } });
    // Dropping the artifact from the record (rehashed) breaks the chain at the next record.
    const resealed = await forgeManifest(files, async (m) => {
      const r = m.records[1]!;
      if (!r.withheld) {
        r.record.artifacts = r.record.artifacts.slice(1);
        delete r.deleted;
        r.record.hash = await hashEvidenceRecord(r.record);
      }
    });
    expect(await verifyBundle(resealed)).toMatchObject({ ok: false, problem: { kind: 'chain', seq: 3 } });
    const path = 'screenshots/0002-ev-2-chat-2.png';
    const flipped = new Uint8Array(files[path]!);
    flipped[100] = flipped[100]! ^ 1;
    expect(await verifyBundle(rezip({ ...files, [path]: flipped }))).toMatchObject({ ok: false, problem: { kind: 'file-hash', path } });
  });

  it('refuses a deletion time that is not an ISO time at export', async () => {
    const chain = await makeChain({ count: 1, artifactsPerRecord: 1, artifactSize: 500, messagesPerRecord: 0, seed: 3 });
    const opts = { ...bundleOptions(chain, new Set()), artifacts: async () => ({ deletedAt: 'last week' }) };
    await expect(collectBytes(writeBundle(opts))).rejects.toBeInstanceOf(BundleError);
  });
});

describe('Storage deletion → dashboard export → verify (store, fake-indexeddb)', () => {
  beforeEach(async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
    // The dashboard's export names the generator from the manifest; the fake browser has none.
    (fakeBrowser.runtime as unknown as { getManifest: () => { version: string } }).getManifest = () => ({ version: '0.1.0' });
  });

  async function capture(name: string) {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, ...name.split('').map((c) => c.charCodeAt(0))])], { type: 'image/png' });
    return saveEvidence(
      getDb(),
      { kind: 'chat', capturedAt: '2026-08-01T18:00:00.000+08:00', url: 'https://mms.pinduoduo.com/chat', title: 'chat', site: 'pinduoduo', buyerId: 'pinduoduo:b1', buyerName: '小王', orderId: '240801-1234', caseId: null, note: '', extensionVersion: '0.1.0' },
      [{ name: `${name}.png`, mime: 'image/png', data: png }],
      [{ platformId: 'm1', sender: 'buyer', timeText: '10:00', timeIso: null, text: '东西坏了', images: [] }],
    );
  }

  it('keeps a tombstone, frees the bytes, and the record still exports and verifies with the deletion noted', async () => {
    const db = getDb();
    const a = await capture('shot-a');
    const b = await capture('shot-b');
    const shotA = a.artifacts.find((x) => x.mime === 'image/png')!;

    const first = await deleteArtifactBytes(db, [shotA.id, 'art-no-such-row'], DELETED_AT);
    expect(first).toEqual({ ids: [shotA.id], bytes: shotA.size });
    const row = (await db.artifacts.get(shotA.id))!;
    expect(isTombstone(row)).toBe(true);
    expect(row.data.size).toBe(0);
    expect(liveBytes(row)).toBe(0);
    expect({ size: row.size, sha256: row.sha256, deletedAt: row.deletedAt }).toEqual({ size: shotA.size, sha256: shotA.sha256, deletedAt: DELETED_AT });
    // The row still passes the store's schema (deletedAt is optional; old rows without it stay valid).
    expect(Artifact.safeParse(row).success).toBe(true);
    expect(Artifact.safeParse({ ...row, deletedAt: undefined }).success).toBe(true);
    // Deleting again is a no-op: the first deletion time stays.
    expect(await deleteArtifactBytes(db, [shotA.id], '2027-01-01T00:00:00.000+08:00')).toEqual({ ids: [], bytes: 0 });
    expect((await db.artifacts.get(shotA.id))!.deletedAt).toBe(DELETED_AT);
    // Evidence records untouched.
    expect(await db.evidence.get(a.id)).toEqual(a);

    const blob = await exportEvidence({ evidenceIds: [a.id, b.id], cases: [], lang: 'en' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const v = await verifyBundle(bytes);
    if (!v.ok) throw new Error(v.problem.message);
    expect(v.notices.map((n) => [n.seq, n.artifactId, n.deletedAt])).toEqual([[a.seq, shotA.id, DELETED_AT]]);
    const files = unzipSync(bytes);
    expect(Object.keys(files).filter((p) => p.startsWith('screenshots/'))).toEqual([expect.stringContaining('shot-b')]);
    expect(new TextDecoder().decode(files['report.html'])).toContain('shot-a.png: deleted by the seller on 2026-11-23 10:05:00 (UTC+08:00), before this export');
  });

  it('a row gone without a tombstone still stops the export (damage is not a deletion)', async () => {
    const a = await capture('shot-a');
    await getDb().artifacts.delete(a.artifacts[0]!.id);
    await expect(exportEvidence({ evidenceIds: [a.id], cases: [], lang: 'zh-CN' })).rejects.toThrow(/missing from the store/);
  });
});
