import { afterEach, describe, expect, it } from 'vitest';
import { bundleName } from '../../../components/dashboard/export-bundle';
import { recordFileName } from '../../../components/download';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('bundleName: the export ZIP is stamped with the seller\'s own date and time', () => {
  it('07:30 on the 25th in Shanghai is named the 25th, 07-30 (was the UTC 24th, 23-30)', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(bundleName('case-2611207XKQ3HBN', new Date('2026-11-24T23:30:05Z'))).toBe('xiaoer-evidence-case-2611207XKQ3HBN-2026-11-25-07-30-05.zip');
  });
  it('west of UTC too', () => {
    process.env.TZ = 'America/Sao_Paulo';
    expect(bundleName('selection-3', new Date('2026-11-25T01:00:00Z'))).toBe('xiaoer-evidence-selection-3-2026-11-24-22-00-00.zip');
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
