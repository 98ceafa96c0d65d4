import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XiaoerDB } from '../../../lib/db';
import { verifyChain } from '../../../lib/evidence/hash';
import { isoWithOffset, saveEvidence, type EvidenceFields } from '../../../lib/evidence/store';

let n = 0;
const dbs: XiaoerDB[] = [];
function freshDb() {
  const db = new XiaoerDB(`store-${Date.now()}-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const fields = (over: Partial<EvidenceFields> = {}): EvidenceFields => ({
  kind: 'chat',
  capturedAt: isoWithOffset(new Date('2026-11-22T10:00:00Z')),
  url: 'https://mms.pinduoduo.com/chat-merchant/index.html',
  title: 'chat',
  site: 'pinduoduo',
  buyerId: 'pinduoduo:u1',
  buyerName: '小王',
  orderId: '240101-1',
  caseId: null,
  note: '',
  extensionVersion: '0.1.0',
  ...over,
});

describe('saveEvidence', () => {
  it('stores record, artifacts and per-message records in one chain', async () => {
    const db = freshDb();
    const messages = [
      { platformId: 'm1', sender: 'buyer' as const, timeText: '10:00', timeIso: null, text: '不退款就差评', images: [] },
      { platformId: 'm2', sender: 'seller' as const, timeText: '10:01', timeIso: null, text: '您是说退款后就不给差评吗？', images: [] },
    ];
    const a = await saveEvidence(db, fields(), [{ name: 'shot.png', mime: 'image/png', data: new Blob([new Uint8Array([137, 80, 78, 71])]) }], messages);
    const b = await saveEvidence(db, fields({ kind: 'words' }), []);
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(b.prevHash).toBe(a.hash);
    expect(a.artifacts.map((x) => x.name)).toEqual(['shot.png', 'messages.json']);
    expect(await db.messages.where('evidenceId').equals(a.id).count()).toBe(2);
    expect(await db.artifacts.where('evidenceId').equals(a.id).count()).toBe(2);
    expect(await verifyChain(await db.evidence.orderBy('seq').toArray())).toEqual({ ok: true });
  });

  it('keeps the chain linear when captures race', async () => {
    const db = freshDb();
    await Promise.all(Array.from({ length: 8 }, (_, i) => saveEvidence(db, fields({ note: `n${i}` }), [])));
    const all = await db.evidence.orderBy('seq').toArray();
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyChain(all)).toEqual({ ok: true });
  });

  it('refuses an invalid record or artifact and writes nothing', async () => {
    const db = freshDb();
    await saveEvidence(db, fields(), []);
    await expect(saveEvidence(db, fields({ kind: 'nonsense' as never }), [])).rejects.toThrow(/kind/);
    await expect(saveEvidence(db, fields(), [{ name: 'x', mime: 'x', data: 'not a blob' as unknown as Blob }])).rejects.toThrow(/binary/);
    expect(await db.evidence.count()).toBe(1);
    expect(await db.artifacts.count()).toBe(0);
  });

  it('a failure inside the write rolls back every part of the capture', async () => {
    const db = freshDb();
    const messages = [{ platformId: null, sender: 'buyer' as const, timeText: '', timeIso: null, text: 'hi', images: [] }];
    vi.spyOn(db.messages, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    await expect(saveEvidence(db, fields(), [{ name: 'a.png', mime: 'image/png', data: new Blob(['x']) }], messages)).rejects.toThrow('disk full');
    expect(await db.artifacts.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
    const next = await saveEvidence(db, fields(), [], messages);
    expect(next.seq).toBe(1);
  });

  it('formats capture time with its offset', () => {
    expect(isoWithOffset()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
  });
});
