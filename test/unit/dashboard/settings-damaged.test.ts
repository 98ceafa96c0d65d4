import { beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { defaultSettings } from '../../../lib/schema';
import { getSettings, readSettings, saveSettings } from '../../../lib/settings';

describe('stored settings with a damaged field', () => {
  beforeEach(async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
  });

  it('keeps every valid field, puts only the damaged ones at their defaults and names them (it threw zod\'s English at every view)', async () => {
    const saved = { ...defaultSettings('zh-CN'), shopName: '暖暖小铺', agentName: '阿青', signature: '— 暖暖小铺', promotion: '满199减30', enabledHosts: ['shop.example.com'] };
    await saveSettings(saved);
    // Damaged behind the form's back (an old version, a hand-edited backup): a start time "9am", a number for a text.
    await getDb().settings.put({ ...saved, hours: { ...saved.hours, start: '9am', end: '21:30' }, promotion: 42 } as never);
    const { settings, reset } = await readSettings();
    expect(reset).toEqual(['hours.start', 'promotion']);
    expect(settings).toMatchObject({ uiLang: 'zh-CN', shopName: '暖暖小铺', agentName: '阿青', signature: '— 暖暖小铺', enabledHosts: ['shop.example.com'], promotion: '' });
    expect(settings.hours).toEqual({ start: '09:00', end: '21:30', utcOffsetMinutes: saved.hours.utcOffsetMinutes });
    await expect(getSettings()).resolves.toEqual(settings);
    // Reading repairs nothing in the store: the seller's Save does.
    expect((await getDb().settings.get('settings'))?.hours.start).toBe('9am');
  });

  it('a field missing from an older record is its default without a word; a record that is whole says nothing', async () => {
    const saved = defaultSettings('en');
    await saveSettings(saved);
    const { signature: _, ...older } = saved;
    await getDb().settings.put(older as never);
    expect(await readSettings()).toMatchObject({ reset: [], settings: { signature: saved.signature } });
    await saveSettings(saved);
    expect((await readSettings()).reset).toEqual([]);
  });
});
