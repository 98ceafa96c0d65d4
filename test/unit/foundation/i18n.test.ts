import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_KIND_KEY, FEATURE_TABLES, MESSAGES, formatDateTime, translate } from '../../../lib/i18n';
import { EVIDENCE_KINDS } from '../../../lib/schema';

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
  it('formats dates per language, whichever language asked before (one formatter kept per language)', () => {
    const at = '2026-03-01T18:05:00.000+08:00';
    const fresh = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', ...(lang === 'zh-TW' ? { hourCycle: 'h23' as const } : {}) }).format(new Date(at));
    for (const lang of ['en', 'zh-CN', 'zh-TW', 'en', 'zh-TW', 'zh-CN'] as const) expect(formatDateTime(lang, at), lang).toBe(fresh(lang));
    expect(formatDateTime('en', at)).not.toBe(formatDateTime('zh-CN', at));
    expect(formatDateTime('zh-CN', new Date(at))).toBe(fresh('zh-CN'));
  });
  it('writes zh-TW times on the 24-hour clock, with no period of the day in words (it read "清晨7:48", "晚上11:05")', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const local = (h: number, m: number) => new Date(2026, 2, 1, h, m);
    expect(formatDateTime('zh-TW', local(7, 48))).toContain('07:48');
    expect(formatDateTime('zh-TW', local(23, 5))).toContain('23:05');
    for (const h of [0, 5, 7, 12, 18, 23]) expect(formatDateTime('zh-TW', local(h, 5)), `${h}:05 ${zone}`).not.toMatch(/清晨|凌晨|早上|上午|中午|下午|晚上|午夜/);
    expect(formatDateTime('en', local(23, 5))).toContain('11:05 PM');
  });
  it('shows a value that is no time as given instead of throwing (one such record blanked a dashboard view)', () => {
    expect(formatDateTime('en', 'yesterday')).toBe('yesterday');
    expect(formatDateTime('zh-CN', '2026-13-45T99:00:00+08:00')).toBe('2026-13-45T99:00:00+08:00');
    expect(formatDateTime('zh-TW', new Date(Number.NaN))).toBe('Invalid Date');
  });
  it('names every evidence kind in every language, each with its own word', () => {
    expect(Object.keys(EVIDENCE_KIND_KEY).sort()).toEqual([...EVIDENCE_KINDS].sort());
    for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
      const words = EVIDENCE_KINDS.map((k) => translate(lang, EVIDENCE_KIND_KEY[k]));
      expect(new Set(words).size, lang).toBe(words.length);
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
