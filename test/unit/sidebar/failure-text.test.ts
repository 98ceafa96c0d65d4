import { afterEach, describe, expect, it } from 'vitest';
import { buyersHandlers } from '../../../entrypoints/background/buyers';
import { caseHandlers } from '../../../entrypoints/background/cases';
import { sitesHandlers } from '../../../entrypoints/background/sites';
import { failureCause, failureText, knownFailure } from '../../../components/failure-text';
import { whyInsertThrew } from '../../../components/insert-refusal';
import { getDb, resetDbForTests } from '../../../lib/db';
import { translate, type MessageKey } from '../../../lib/i18n';
import { BackgroundRequests, commandOverlay, envelope, parseIncoming, XiaoerError } from '../../../lib/messaging';
import { LANGS, type Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

afterEach(async () => {
  await getDb().delete();
  resetDbForTests();
});

/** What the router hands the UI: the thrown error's code and detail, as the protocol's client rebuilds it. */
async function refusal(run: () => Promise<unknown>): Promise<XiaoerError> {
  const e = await run().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(XiaoerError);
  const x = e as XiaoerError;
  return new XiaoerError(x.code, x.message, x.detail);
}

describe('failureText: a refusal in the seller\'s language', () => {
  it('a buyer or case no longer stored: a sentence per language, never the English message', async () => {
    const buyerGone = await refusal(() => buyersHandlers['buyer:update']({ id: 'shopee:gone', notes: 'x', tags: [] }));
    const caseGone = await refusal(() => caseHandlers['case:update']({ id: 'case-gone', note: 'x' } as Parameters<(typeof caseHandlers)['case:update']>[0]));
    for (const lang of LANGS) {
      const t = tIn(lang);
      expect(failureText(buyerGone, t)).toBe(t('errBuyerGone'));
      expect(failureText(caseGone, t)).toBe(t('errCaseGone'));
      if (lang !== 'en') {
        expect(failureText(buyerGone, t)).not.toMatch(/[A-Za-z]{4}/);
        expect(failureText(caseGone, t)).not.toMatch(/[A-Za-z]{4}/);
      }
    }
    expect(failureText(caseGone, tIn('zh-CN'))).toContain('工单');
  });

  it('a host field that holds no host, and a host the browser has not granted, are said in the seller\'s language', async () => {
    const notAHost = await refusal(() => sitesHandlers['site:set-enabled']({ host: 'not a host!', enabled: true, tabId: null }));
    expect(failureText(notAHost, tIn('zh-CN'))).toBe('“not a host!”不是网站地址（例如 seller.example.com）。');
    const denied = new XiaoerError('forbidden', 'Xiaoer has no permission for kf.example.com; allow it when the browser asks.', { what: 'host-permission', host: 'kf.example.com' });
    expect(failureText(denied, tIn('zh-TW'))).toBe('小二沒有讀取 kf.example.com 的權限：瀏覽器詢問時請點「允許」。');
  });

  it('storage full (the store\'s own DOMException or the typed code) and a worker gone mid-request', () => {
    const t = tIn('zh-CN');
    expect(failureText(new DOMException('quota', 'QuotaExceededError'), t)).toBe(t('errStorageFull'));
    expect(failureText(new XiaoerError('quota', 'full'), t)).toBe(t('errStorageFull'));
    expect(failureText(new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'), t)).toBe(t('errInterrupted'));
  });

  it('a request over the protocol\'s limit (a profiles file of more than 5 million characters) is "too large", never the zod sentence', () => {
    const res = parseIncoming(BackgroundRequests, envelope('profile:import', { text: 'x'.repeat(5_000_001) }));
    expect(res.ok).toBe(false);
    const { code, message, detail } = (res as { ok: false; error: { code: XiaoerError['code']; message: string; detail?: Record<string, string> } }).error;
    const e = new XiaoerError(code, message, detail);
    for (const lang of LANGS) expect(failureText(e, tIn(lang))).toBe(tIn(lang)('errTooBig'));
    expect(failureText(e, tIn('zh-CN'))).not.toMatch(/[A-Za-z]{4}/);
    expect(failureText(new XiaoerError('too-large', 'message larger than the 8 MB limit'), tIn('zh-TW'))).toBe(tIn('zh-TW')('errTooBig'));
  });

  it('anything else: the lead in the seller\'s language, the error\'s own text after it', () => {
    expect(failureText(new Error('Dexie: boom'), tIn('zh-CN'))).toBe('失败：Dexie: boom');
    expect(failureText(new Error('Dexie: boom'), tIn('zh-TW'))).toBe('失敗：Dexie: boom');
    expect(knownFailure(new Error('Dexie: boom'), tIn('en'))).toBeNull();
    // A not-found without a known subject is not guessed at.
    expect(knownFailure(new XiaoerError('not-found', 'no tab'), tIn('en'))).toBeNull();
  });

  it('a store error whose cause repeats its own sentence (Dexie) is said once', () => {
    const twice = new Error('Internal error writing to the backing store. UnknownError: Internal error writing to the backing store.');
    expect(failureText(twice, tIn('zh-CN'))).toBe('失败：Internal error writing to the backing store.');
    // A cause that says something else stays.
    const two = new Error('Transaction aborted. ConstraintError: Key already exists in the object store.');
    expect(failureText(two, tIn('en'))).toContain('ConstraintError: Key already exists');
  });

  it('an insert that never reached the page: the extension reloaded under the sidebar, or no overlay in the tab — said in the seller\'s language', async () => {
    const threw = (message: string) =>
      commandOverlay(() => Promise.reject(new Error(message)), 'overlay:state', {}).then(
        () => null,
        (e: unknown) => e,
      );
    const reloaded = await threw('Extension context invalidated.');
    const noOverlay = await threw('Could not establish connection. Receiving end does not exist.');
    for (const lang of LANGS) {
      const t = tIn(lang);
      expect(whyInsertThrew(t, reloaded)).toBe(t('errReloaded'));
      expect(failureText(reloaded, t)).toBe(t('errReloaded'));
      expect(whyInsertThrew(t, noOverlay)).toBe(t('notConnected'));
    }
    expect(whyInsertThrew(tIn('zh-CN'), reloaded)).not.toMatch(/[A-Za-z]{3}/);
  });
});

describe('failureCause: the cause alone, after a line that already says what failed', () => {
  it('a known cause is its sentence; anything else is the error text without the "Failed:" lead failureText puts on it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (const lang of LANGS) expect(failureCause(quota, tIn(lang))).toBe(knownFailure(quota, tIn(lang)));
    const odd = new Error('Unexpected end of ZIP data');
    expect(failureCause(odd, tIn('zh-CN'))).toBe('Unexpected end of ZIP data');
    expect(failureText(odd, tIn('zh-CN'))).not.toBe('Unexpected end of ZIP data');
    expect(failureText(odd, tIn('zh-CN'))).toContain('Unexpected end of ZIP data');
  });
});
