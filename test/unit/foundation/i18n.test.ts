import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES, translate } from '../../../lib/i18n';
import { en } from '../../../lib/i18n/en';

describe('UI strings', () => {
  it('every key exists, non-empty, in every language', () => {
    for (const [lang, table] of Object.entries(MESSAGES)) {
      for (const key of Object.keys(en)) expect(table[key as keyof typeof en], `${lang}.${key}`).toBeTruthy();
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    }
  });
  it('keeps placeholders in every translation', () => {
    for (const [key, text] of Object.entries(en)) {
      const vars = text.match(/\{\w+\}/g) ?? [];
      for (const table of Object.values(MESSAGES)) for (const v of vars) expect(table[key as keyof typeof en]).toContain(v);
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
