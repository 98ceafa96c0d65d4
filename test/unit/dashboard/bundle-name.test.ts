import { afterEach, describe, expect, it } from 'vitest';
import { bundleName } from '../../../components/dashboard/export-bundle';

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
