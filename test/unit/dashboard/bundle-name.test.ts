import { afterEach, describe, expect, it } from 'vitest';
import { bundleName, bundleSubject } from '../../../components/dashboard/export-bundle';
import { recordFileName } from '../../../components/download';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('bundleName: the export ZIP is stamped with the seller\'s own date and time', () => {
  it('07:30 on the 25th in Shanghai is named the 25th, 07-30 (was the UTC 24th, 23-30)', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(bundleName({ kind: 'case', order: '2611207XKQ3HBN', buyer: null }, new Date('2026-11-24T23:30:05Z'))).toBe('xiaoer-case-order-2611207XKQ3HBN-2026-11-25-07-30-05.zip');
  });
  it('west of UTC too', () => {
    process.env.TZ = 'America/Sao_Paulo';
    expect(bundleName({ kind: 'evidence', order: null, buyer: null, count: 3 }, new Date('2026-11-25T01:00:00Z'))).toBe('xiaoer-evidence-selection-3-2026-11-24-22-00-00.zip');
  });
});

describe('recordFileName: a downloaded screenshot says when it was captured and whose order it is, in a form that sorts', () => {
  const record = { seq: 42, capturedAt: '2026-11-25T06:32:05.120Z', buyerName: '小王 (VIP)', orderId: '2611207XKQ3HBN' };
  it('capture time on the seller\'s clock first, then the record, the order and the buyer (was "xiaoer-42-screenshot-visible.png")', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(recordFileName(record, 'screenshot-visible.png')).toBe('xiaoer-2026-11-25-14-32-05-ev42-order-2611207XKQ3HBN-小王_VIP-screenshot-visible.png');
    // Names sort in capture order: an earlier shot of the same day before a later one, the 9th before the 10th.
    const names = [
      recordFileName({ ...record, seq: 10, capturedAt: '2026-11-25T06:40:00.000Z' }, 'screenshot-page.png'),
      recordFileName({ ...record, seq: 9, capturedAt: '2026-11-25T02:05:00.000Z' }, 'screenshot-page.png'),
    ];
    expect([...names].sort()).toEqual([names[1], names[0]]);
  });
  it('a redacted copy is named by time and number only: the order and buyer it hides would be read off its name', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(recordFileName(record, 'screenshot-visible.png', '-redacted')).toBe('xiaoer-2026-11-25-14-32-05-ev42-screenshot-visible-redacted.png');
    // The redacted copy saved as a record of its own keeps the original's buyer and order in the record, not in its name.
    expect(recordFileName(record, 'screenshot-visible-redacted.png')).toBe('xiaoer-2026-11-25-14-32-05-ev42-screenshot-visible-redacted.png');
  });
  it('no buyer or order read on the page: time and number; nothing a file system refuses', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(recordFileName({ seq: 7, capturedAt: '2026-11-25T06:32:05.000Z', buyerName: null, orderId: null }, 'screenshot-element.png')).toBe('xiaoer-2026-11-25-14-32-05-ev7-screenshot-element.png');
    expect(recordFileName({ ...record, buyerName: 'a/b\\c:*?"<>|d' }, 'shot.png')).toBe('xiaoer-2026-11-25-14-32-05-ev42-order-2611207XKQ3HBN-a_b_c_d-shot.png');
  });
});

describe('bundleName: a bundle is named as a seller files a dispute — case or order, buyer, date', () => {
  const kase = { id: 'case-25a8cfe1-ae95-4c1e-9d1a-2f7f0b1c2d3e', title: '', orderId: '2611207XKQ3HBN', buyerName: '小王 (VIP)', type: 'dispute' } as const;
  const at = new Date('2026-11-25T06:32:05Z');
  it('a case: its order and its buyer (was the order only, and a Chinese name came out as "_")', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(bundleName(bundleSubject([], [kase as never]), at)).toBe('xiaoer-case-order-2611207XKQ3HBN-小王_VIP-2026-11-25-14-32-05.zip');
  });
  it('a case without an order: its title, not its internal id', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(bundleName(bundleSubject([], [{ ...kase, orderId: '', title: '恶意差评 / 敲诈' } as never]), at)).toBe('xiaoer-case-恶意差评_敲诈-小王_VIP-2026-11-25-14-32-05.zip');
    expect(bundleName(bundleSubject([], [{ ...kase, orderId: ' ', title: '', buyerName: '' } as never]), at)).toBe('xiaoer-case-2026-11-25-14-32-05.zip');
  });
  it('a selection of one buyer\'s order: that order and buyer (was "selection-3")', () => {
    process.env.TZ = 'Asia/Shanghai';
    const recs = [1, 2, 3].map(() => ({ orderId: '2611-88', buyerName: '景**' }));
    expect(bundleName(bundleSubject(recs, []), at)).toBe('xiaoer-evidence-order-2611-88-景-2026-11-25-14-32-05.zip');
  });
  it('a selection of one buyer\'s several orders: the buyer; of several buyers: its size', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(bundleName(bundleSubject([{ orderId: '1', buyerName: 'lily_0927' }, { orderId: '2', buyerName: 'lily_0927' }], []), at)).toBe('xiaoer-evidence-lily_0927-2026-11-25-14-32-05.zip');
    expect(bundleName(bundleSubject([{ orderId: '1', buyerName: 'a' }, { orderId: null, buyerName: 'b' }], []), at)).toBe('xiaoer-evidence-selection-2-2026-11-25-14-32-05.zip');
  });
  it('short, and nothing a file system refuses', () => {
    process.env.TZ = 'Asia/Shanghai';
    const name = bundleName({ kind: 'evidence', order: 'A/B\\C:*?"<>|'.repeat(10), buyer: '名'.repeat(60) }, at);
    expect(name).not.toMatch(/[\\/:*?"<>|]/);
    expect(name.length).toBeLessThanOrEqual(100);
  });
});
