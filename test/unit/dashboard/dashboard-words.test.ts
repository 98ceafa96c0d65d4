import { describe, expect, it } from 'vitest';
import { MESSAGES, sentences, translate, type MessageKey } from '../../../lib/i18n';
import { formatCapturedAt } from '../../../components/dashboard/captured-time';
import { quotaShare } from '../../../components/download';
import { countKey } from '../../../components/plural';
import { siteName } from '../../../components/site-names';
import type { Lang } from '../../../lib/schema';

const LANGS = ['en', 'zh-CN', 'zh-TW'] as const;

describe('counts in the dashboard', () => {
  it('English says "1 record" and "2 records"; Chinese has one form', () => {
    const say = (lang: Lang, n: number) => translate(lang, countKey(lang, n, 'evCountOne', 'evCount'), { n });
    expect([0, 1, 2, 21].map((n) => say('en', n))).toEqual(['0 records', '1 record', '2 records', '21 records']);
    expect(say('zh-CN', 1)).toBe('1 条记录');
    expect(say('zh-TW', 1)).toBe('1 筆紀錄');
  });
  it('no sentence for one thing in English says "1 …s" (the screenshots, cases and buyers QA found)', () => {
    const pairs: [MessageKey, MessageKey][] = [
      ['linkedCasesOne', 'linkedCases'],
      ['linkedEvidenceOne', 'linkedEvidence'],
      ['screenshotsPreviewOne', 'screenshotsPreview'],
      ['confirmDeleteScreenshotsOne', 'confirmDeleteScreenshots'],
      ['screenshotsDeletedOne', 'screenshotsDeleted'],
      ['storageInOpenCasesOne', 'storageInOpenCases'],
      ['buyerCountOne', 'buyerCount'],
      ['ageDaysOne', 'ageDays'],
      ['importFoundOne', 'importFound'],
      ['categoryHoldsRepliesOne', 'categoryHoldsReplies'],
      ['categoryCannotDeleteOne', 'categoryCannotDelete'],
      ['confirmBulkDeleteOne', 'confirmBulkDelete'],
      ['profilesImportedOne', 'profilesImported'],
      ['shortcutClashSummaryOne', 'shortcutClashSummary'],
      ['replyCountOne', 'replyCount'],
      ['redactBoxesOne', 'redactBoxes'],
      ['storageDeletedKeptOne', 'storageDeletedKept'],
    ];
    const vars = { n: 1, size: '54.8 KB', from: 'a', to: 'b', cases: 'c', name: 'n', file: 'f' };
    for (const [one, other] of pairs) {
      const text = translate('en', countKey('en', 1, one, other), vars);
      expect(text, one).toMatch(/\b1 [a-z]+/);
      expect(text, one).not.toMatch(/\b1 (records|cases|screenshots|screenshot files|deleted screenshots|buyers|days|replies|profiles|shortcuts|boxes)\b/);
      expect(text, one).not.toContain('(s)');
      expect(translate('en', countKey('en', 2, one, other), { ...vars, n: 2 }), other).not.toContain('(s)');
      // Chinese: one sentence, whatever the count.
      for (const lang of ['zh-CN', 'zh-TW'] as const) expect(translate(lang, one, vars), `${lang}.${one}`).toBe(translate(lang, other, vars));
    }
  });
});

describe('the age of screenshots to delete (Storage)', () => {
  it('says "older than" in every language: "拍摄于 90 天前" read as captured on that one day', () => {
    const label = (lang: Lang) => `${translate(lang, 'olderThan')} ${translate(lang, 'ageDays', { n: 90 })}`;
    expect(label('en')).toBe('Captured more than 90 days ago');
    expect(label('zh-CN')).toBe('拍摄时间早于 90 天前');
    expect(label('zh-TW')).toBe('拍攝時間早於 90 天前');
  });
});

describe('capture time in the evidence detail', () => {
  const iso = '2026-11-24T12:29:47.132+00:00';
  it('is the UI language\'s date and time with seconds and the zone, never the stored ISO', () => {
    expect(formatCapturedAt('en', iso, 'Asia/Shanghai')).toBe('Nov 24, 2026, 8:29:47 PM GMT+8');
    for (const lang of LANGS) {
      const text = formatCapturedAt(lang, iso, 'Asia/Shanghai');
      expect(text, lang).not.toContain('T12:29');
      expect(text, lang).toContain('GMT+8');
      expect(text, lang).toMatch(/2026/);
    }
    expect(formatCapturedAt('zh-CN', iso, 'UTC')).toContain('12:29:47');
  });
  it('shows a stored value that is no time as it is (an old record), without throwing', () => {
    expect(formatCapturedAt('en', 'yesterday')).toBe('yesterday');
  });
});

describe('marketplace names', () => {
  const t = (lang: Lang) => (key: MessageKey) => translate(lang, key);
  it('names a marketplace in the UI language, not by its id', () => {
    expect(siteName(t('en'), 'pinduoduo')).toBe('Pinduoduo');
    expect(siteName(t('zh-CN'), 'pinduoduo')).toBe('拼多多');
    expect(siteName(t('zh-CN'), 'qianniu')).toBe('千牛（淘宝/天猫）');
    expect(siteName(t('zh-TW'), 'qianniu')).toBe('千牛（淘寶/天貓）');
    for (const id of ['pinduoduo', 'qianniu', 'aliexpress', 'amazon', 'shopee', 'jd', 'ebay', 'lazada', 'etsy', 'tiktok-shop', 'generic', 'unknown'])
      for (const lang of LANGS) expect(siteName(t(lang), id), `${lang} ${id}`).not.toBe(id);
  });
  it("a backend read by the generic reader is named by the record's host; an id it does not know is shown as stored", () => {
    expect(siteName(t('en'), 'generic', 'https://erp.example.com/chat?id=1')).toBe('erp.example.com');
    expect(siteName(t('en'), 'generic', 'not a url')).toBe('Other backend');
    expect(siteName(t('en'), 'generic')).toBe('Other backend');
    expect(siteName(t('en'), 'newmarket')).toBe('newmarket');
    // A known marketplace keeps its name whatever the page's address.
    expect(siteName(t('en'), 'jd', 'https://dd.jd.com/')).toBe('JD');
  });
});

describe('counts in the review replies', () => {
  it('English says "1 finding", "1 review", "1 draft or inserted reply"; never "(s)"; Chinese has one form', () => {
    const pairs: [MessageKey, MessageKey, string, string][] = [
      ['rvToneFindingsOne', 'rvToneFindings', 'Tone check: 1 finding', 'Tone check: 2 findings'],
      ['rvCountOne', 'rvCount', '1 review on this page', '2 reviews, most urgent first'],
      ['rvHistoryCountOne', 'rvHistoryCount', '1 draft or inserted reply', '2 drafts and inserted replies'],
    ];
    for (const [one, other, said1, said2] of pairs) {
      expect(translate('en', countKey('en', 1, one, other), { n: 1 })).toBe(said1);
      expect(translate('en', countKey('en', 2, one, other), { n: 2 })).toBe(said2);
      for (const lang of ['zh-CN', 'zh-TW'] as const) expect(translate(lang, one, { n: 1 }), `${lang}.${one}`).toBe(translate(lang, other, { n: 1 }));
    }
  });
});

describe('one word for a case', () => {
  it('简体中文 says 工单 everywhere, never 案件 (the zh-TW word): the storage view and the export check said 案件', () => {
    const mixed = Object.entries(MESSAGES['zh-CN']).filter(([, text]) => text.includes('案件')).map(([key]) => key);
    expect(mixed).toEqual([]);
  });

  it('the Reviews tab calls a case what the dashboard nav calls it (zh-CN 工单), so the seller finds it there', () => {
    for (const lang of LANGS) {
      const nav = translate(lang, 'evCases');
      for (const key of ['rvOpenCase', 'rvCaseOpened', 'rvCaseExisting', 'rvCaseFailed'] as const) {
        const said = translate(lang, key, { message: '' });
        expect(said.toLowerCase(), `${lang}.${key}`).toContain(nav === 'Cases' ? 'case' : nav);
      }
    }
  });
});

describe('share of the quota in Storage', () => {
  it('says a small store is not nothing (was "0.00%" for a few MB of a large quota)', () => {
    const GB = 1024 ** 3;
    expect(quotaShare(0, 100 * GB)).toBe('0');
    expect(quotaShare(5 * 1024 ** 2, 100 * GB)).toBe('<0.01');
    expect(quotaShare(30 * 1024 ** 2, 100 * GB)).toBe('0.029');
    expect(quotaShare(1.5 * GB, 100 * GB)).toBe('1.5');
    expect(quotaShare(42.4 * GB, 100 * GB)).toBe('42');
    expect(quotaShare(100 * GB, 100 * GB)).toBe('100');
  });
});

describe('two sentences side by side', () => {
  it('a space after an English full stop, none after a Chinese one (was "此檔案不是小二備份。 未做任何變更。")', () => {
    const two = (lang: Lang) => sentences(lang, translate(lang, 'backupNotBackup'), translate(lang, 'backupNothingChanged'));
    expect(two('zh-TW')).toBe('此檔案不是小二備份。未做任何變更。');
    expect(two('zh-CN')).toBe('此文件不是小二备份。未做任何更改。');
    expect(two('en')).toBe('This file is not a Xiaoer backup. Nothing was changed.');
    expect(sentences('zh-CN', translate('zh-CN', 'siteEnabled', { host: 'erp.example.com' }), translate('zh-CN', 'reloadToApply'))).toBe('已在 erp.example.com 启用。刷新页面后生效。');
  });
});
