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
import { renderTemplate } from '../../../lib/replies/template';

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
