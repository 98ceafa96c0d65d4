/**
 * The shortcut table reaches every marketplace tab's content script (pushShortcutTables), so it
 * carries only the settings a template reads. Guards the allow-list: the team library's address and
 * the seller's host choices stayed in the table when it was a deny-list of one field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildShortcutTable } from '../../../entrypoints/background/handlers';
import { getDb, resetDbForTests } from '../../../lib/db';
import { ShortcutTable } from '../../../lib/messaging';
import { defaultSettings, Settings, TemplateSettings } from '../../../lib/schema';
import { saveSettings } from '../../../lib/settings';
import { keptNames, renderTemplate } from '../../../lib/replies/template';

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

describe('buildShortcutTable settings', () => {
  it('sends the template fields by name and nothing else', async () => {
    await saveSettings({
      ...defaultSettings('en'),
      shopName: 'Happy Shop',
      agentName: 'Xiao Li',
      signature: '— {shop}',
      promotion: '10% off',
      hours: { start: '08:30', end: '22:00', utcOffsetMinutes: 420 },
      replyLang: 'zh-TW',
      enabledHosts: ['shop.example.com'],
      disabledHosts: ['seller.shopee.cn'],
      teamLibraryUrl: 'https://team.example.com/library.json',
    });
    const table = await buildShortcutTable();
    expect(table.settings).toEqual({
      replyLang: 'zh-TW',
      shopName: 'Happy Shop',
      agentName: 'Xiao Li',
      // The English names are template fields too ({shop} {agent} in English replies); none set here.
      shopNameEn: '',
      agentNameEn: '',
      signature: '— {shop}',
      promotion: '10% off',
      hours: { start: '08:30', end: '22:00', utcOffsetMinutes: 420 },
    });
    expect(Object.keys(table.settings).sort()).toEqual(Object.keys(TemplateSettings.shape).sort());
    const wire = JSON.stringify(table);
    expect(wire).not.toContain('team.example.com');
    expect(wire).not.toContain('shop.example.com');
    expect(wire).not.toContain('seller.shopee.cn');
    // What the content script parses is what it renders with: the signature's {shop} filled.
    const parsed = ShortcutTable.parse(JSON.parse(wire));
    expect(renderTemplate('{signature}', { lang: 'en', settings: parsed.settings }).text).toBe('— Happy Shop');
  });

  it('a table from an older worker that still sends the whole record is stripped on receipt', () => {
    const whole = Settings.parse({ ...defaultSettings('zh-CN'), teamLibraryUrl: 'https://team.example.com/x.json' });
    const parsed = ShortcutTable.parse({ entries: [], settings: whole, revision: 1 });
    expect(JSON.stringify(parsed)).not.toContain('team.example.com');
    expect(parsed.settings.replyLang).toBe('zh-CN');
  });
});

describe('English names', () => {
  it('reach the tabs with the other template fields', async () => {
    await saveSettings({ ...defaultSettings('zh-CN'), shopName: '暖暖小铺', shopNameEn: 'Warm Home', agentNameEn: 'Qing' });
    const table = await buildShortcutTable();
    expect(table.settings).toMatchObject({ shopName: '暖暖小铺', shopNameEn: 'Warm Home', agentNameEn: 'Qing' });
    expect(renderTemplate('Welcome to {shop}, I am {agent}', { lang: 'en', settings: table.settings }).text).toBe('Welcome to Warm Home, I am Qing');
  });

  it('typed for an English reply under a Chinese name, are kept as the English names; on a new install, as the names', () => {
    const chinese = { shopName: '暖暖小铺', agentName: '' };
    // The Chinese shop name stays for Chinese replies; the empty agent name takes the Latin one (it serves both).
    expect(keptNames(chinese, { shopName: 'Warm Home', agentName: 'Qing' }, 'en')).toEqual({ shopNameEn: 'Warm Home', agentName: 'Qing' });
    expect(keptNames(chinese, { shopName: '暖暖家居' }, 'zh-CN')).toEqual({ shopName: '暖暖家居' });
    expect(keptNames({ shopName: '', agentName: '' }, { shopName: 'Happy Shop', agentName: ' ' }, 'en')).toEqual({ shopName: 'Happy Shop' });
  });
});
