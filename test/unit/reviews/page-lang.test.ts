// @vitest-environment jsdom
/** The hint for wordless reviews: other reviews, else the page's declared `lang`, else the setting. */
import { describe, expect, it } from 'vitest';
import { declaredReviewLang, langOfTag, wordlessReviewLang } from '../../../lib/reviews/page-lang.ts';
import { classifyReview } from '../../../lib/reviews/classify.ts';

describe('langOfTag', () => {
  it.each([
    ['zh-CN', 'zh-CN'], ['zh', 'zh-CN'], ['zh-Hans-CN', 'zh-CN'], ['zh-SG', 'zh-CN'], ['ZH_cn', 'zh-CN'],
    ['zh-TW', 'zh-TW'], ['zh-HK', 'zh-TW'], ['zh-Hant', 'zh-TW'], ['zh-Hant-TW', 'zh-TW'], ['zh-MO', 'zh-TW'],
    ['en', 'en'], ['en-GB', 'en'],
  ] as const)('%s → %s', (tag, lang) => expect(langOfTag(tag)).toBe(lang));
  it.each(['', ' ', 'th', 'ms-MY', 'vi', 'english', 'zhx', null, undefined])('%s → none of ours', (tag) => expect(langOfTag(tag)).toBeNull());
});

describe('declaredReviewLang', () => {
  it('the <html lang> when nothing nearer says', () => {
    document.documentElement.lang = 'zh-TW';
    document.body.innerHTML = '<div id="list"><article class="r">★★★★★</article><article class="r">👍</article></div>';
    expect(declaredReviewLang([...document.querySelectorAll('.r')])).toBe('zh-TW');
  });
  it('the review list\'s own lang wins over the page\'s', () => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = '<div id="list" lang="zh-CN"><article class="r">★★★★★</article><article class="r">👍</article></div>';
    expect(declaredReviewLang([...document.querySelectorAll('.r')])).toBe('zh-CN');
  });
  it('null when the page declares none of the reply languages', () => {
    document.documentElement.lang = 'th';
    document.body.innerHTML = '<article class="r">★★★★★</article>';
    expect(declaredReviewLang([...document.querySelectorAll('.r')])).toBeNull();
    document.documentElement.removeAttribute('lang');
    expect(declaredReviewLang([...document.querySelectorAll('.r')])).toBeNull();
  });
});

describe('wordlessReviewLang', () => {
  it('the page\'s other reviews decide first', () => {
    expect(wordlessReviewLang(['物流很慢', '', '👍'], 'en', 'en')).toBe('zh-CN');
  });
  it('no other review has words: the page\'s declared language, not the setting', () => {
    expect(wordlessReviewLang(['', '👍👍👍', '...'], 'zh-TW', 'en')).toBe('zh-TW');
  });
  it('nothing declared: the seller\'s reply-language setting', () => {
    expect(wordlessReviewLang(['', '👍'], null, 'zh-CN')).toBe('zh-CN');
    expect(wordlessReviewLang(['', '👍'], undefined, 'en')).toBe('en');
  });
  // A Taiwan backend's reviews are often short and use only characters both scripts share ("很好",
  // "物流很快"): counted as simplified, they outvoted the traditional ones and QA's zh-TW page, with
  // the reply language set to zh-TW, answered five of eight buyers in mainland wording ("亲，…").
  const taiwan = ['很好', '物流很快', '很好用', '品質很好，會回購', '包裝破損，東西還好', '不推', '尺寸剛好', '客服很有耐心'];
  it('Chinese the scripts share, on a page declared zh-TW: traditional', () => {
    const hint = wordlessReviewLang(taiwan, 'zh-TW', 'zh-CN');
    expect(hint).toBe('zh-TW');
    for (const text of taiwan) expect(classifyReview({ text, rating: 5, lang: hint }).lang, text).toBe('zh-TW');
  });
  it('nothing (or English) declared: traditional reviews on the page and a zh-TW reply setting decide', () => {
    expect(wordlessReviewLang(taiwan, null, 'zh-TW')).toBe('zh-TW');
    expect(wordlessReviewLang(taiwan, 'en', 'zh-TW')).toBe('zh-TW');
  });
  it('a mainland page stays simplified: declared zh-CN, or no traditional review, or a zh-CN setting', () => {
    expect(wordlessReviewLang(taiwan, 'zh-CN', 'zh-TW')).toBe('zh-CN');
    expect(wordlessReviewLang(['很好', '物流很快', '质量不错'], null, 'zh-TW')).toBe('zh-CN');
    expect(wordlessReviewLang(taiwan, null, 'zh-CN')).toBe('zh-CN');
  });
});
