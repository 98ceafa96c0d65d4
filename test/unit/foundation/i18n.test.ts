import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_TABLES, MESSAGES, translate } from '../../../lib/i18n';

describe('UI strings', () => {
  it('every feature has every key, non-empty, in every language', () => {
    for (const table of FEATURE_TABLES) {
      const keys = Object.keys(table.en).sort();
      for (const lang of ['zh-CN', 'zh-TW'] as const) {
        expect(Object.keys(table[lang]).sort(), lang).toEqual(keys);
        for (const k of keys) expect(table[lang][k], `${lang}.${k}`).toBeTruthy();
      }
    }
  });
  it('no key is defined by two features', () => {
    const seen = new Set<string>();
    for (const table of FEATURE_TABLES) for (const k of Object.keys(table.en)) {
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });
  it('keeps placeholders in every translation', () => {
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      const vars = text.match(/\{\w+\}/g) ?? [];
      for (const table of Object.values(MESSAGES)) for (const v of vars) expect(table[key as keyof typeof MESSAGES.en], key).toContain(v);
    }
  });
  it('fills variables', () => {
    expect(translate('zh-CN', 'replyCount', { n: 45 })).toBe('共 45 条回复');
  });
  it('the manifest strings exist in every locale', () => {
    const root = join(__dirname, '../../../public/_locales');
    const base = Object.keys(JSON.parse(readFileSync(join(root, 'en/messages.json'), 'utf8')));
    for (const l of ['zh_CN', 'zh_TW']) expect(Object.keys(JSON.parse(readFileSync(join(root, l, 'messages.json'), 'utf8')))).toEqual(base);
  });
});
