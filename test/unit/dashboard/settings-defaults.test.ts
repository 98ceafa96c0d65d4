import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { getSettings, saveSettings } from '../../../lib/settings';

const tz = process.env.TZ;

describe('settings before the seller saves them', () => {
  beforeEach(async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
  });
  afterEach(() => {
    process.env.TZ = tz;
    if (tz === undefined) delete process.env.TZ;
  });

  it("service hours are on the computer's clock, not fixed to UTC+8 (a London seller's {hours} and {time} said China time)", async () => {
    process.env.TZ = 'Europe/London';
    expect((await getSettings()).hours.utcOffsetMinutes).toBe(0 - new Date().getTimezoneOffset());
    process.env.TZ = 'Asia/Kolkata';
    expect((await getSettings()).hours.utcOffsetMinutes).toBe(330);
    process.env.TZ = 'America/Los_Angeles';
    expect((await getSettings()).hours.utcOffsetMinutes).toBe(0 - new Date().getTimezoneOffset());
    expect([-420, -480]).toContain((await getSettings()).hours.utcOffsetMinutes);
    process.env.TZ = 'Asia/Shanghai';
    expect((await getSettings()).hours).toEqual({ start: '09:00', end: '18:00', utcOffsetMinutes: 480 });
  });

  it('a zone once saved stays, wherever the computer is later', async () => {
    process.env.TZ = 'Asia/Shanghai';
    await saveSettings(await getSettings());
    process.env.TZ = 'Asia/Kolkata';
    expect((await getSettings()).hours.utcOffsetMinutes).toBe(480);
    expect((await getDb().settings.get('settings'))?.hours.utcOffsetMinutes).toBe(480);
  });
});
