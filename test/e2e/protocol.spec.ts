/**
 * The protocol from the untrusted side (issue 8, "Nothing gets in → Messages").
 *
 * The requests are sent from the overlay content script's real isolated world on
 * a demo marketplace page (reached through the DevTools protocol, see
 * payloads/content-world.ts): the background sees the same sender record a
 * compromised or page-steered content script would produce. Every `from:
 * 'extension'` type of lib/messaging.ts — enumerated from the table itself, so a
 * new type is covered or this test fails — is sent with a payload the schema
 * accepts, plus spoofing variants, and must come back `forbidden` with nothing
 * stored, registered or scheduled. The `from: 'content'` types get malformed,
 * oversized and hostile payloads and must be refused with a typed error. A web
 * page's own world cannot message the extension at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BackgroundRequests, ErrorCode, MAX_MESSAGE_BYTES, ProtocolError, type BackgroundReq, type BackgroundRequestType } from '../../lib/messaging';
import { EXTENSION_PATH, expect, openMarketplacePage, tabIdOf, test, type Extension } from './fixtures';
import { contentWorld, type ContentWorld } from './payloads/content-world';
import { ask, helperPage, storeSnapshot, type Reply } from './payloads/ext-pages';
import { recordSummary } from './payloads/guard';

type ExtensionType = { [K in BackgroundRequestType]: (typeof BackgroundRequests)[K]['from'] extends 'extension' ? K : never }[BackgroundRequestType];
type ContentType = Exclude<BackgroundRequestType, ExtensionType>;

/** Real ids in the store, so an accepted request would visibly change something. */
interface Facts {
  tabId: number;
  replyId: string;
  caseId: string;
  buyerId: string;
  draftId: string;
  /** A stored screenshot's artifact (a redacted copy of it would add a record). */
  shotId: string;
  shotEvidenceId: string;
  host: string;
  url: string;
  profilesFile: string;
}

const review = { key: 'rv-1004', rating: 1, text: '快递太慢了', buyer: 't***1', product: '陶瓷马克杯 350ml', date: '2026-11-19', sellerReply: null };
const replyFields = { title: 'planted by a content script', shortcut: 'pwn', categoryId: 'greeting', tags: [], body: { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' } };

/**
 * One payload per privileged type that its schema ACCEPTS (checked below), so a
 * refusal can only come from the sender check. Typed as a complete map: adding
 * an extension-only type to lib/messaging.ts without an entry here fails tsc,
 * and the runtime enumeration below fails the test.
 */
const PRIVILEGED: { [K in ExtensionType]: (f: Facts) => BackgroundReq<K> } = {
  'library:changed': () => ({}),
  'library:relabel': () => ({ uiLang: 'en' }),
  'data:restored': () => ({}),
  'library:get': () => ({}),
  'library:head': () => ({ limit: 60 }),
  'settings:remember': () => ({ shopName: 'planted by a content script', agentName: 'planted' }),
  'reply:create': () => ({ fields: replyFields }),
  'reply:update': (f) => ({ id: f.replyId, fields: replyFields }),
  'reply:duplicate': (f) => ({ id: f.replyId }),
  'reply:delete': (f) => ({ ids: [f.replyId] }),
  'reply:use': (f) => ({ replyId: f.replyId, site: 'pinduoduo' }),
  // A built-in category holding replies, moved into another: accepted, it would visibly change both stores.
  'category:delete': () => ({ id: 'xiaoer-cat-greeting', moveTo: 'xiaoer-cat-promotion' }),
  'sidebar:toggle': (f) => ({ tabId: f.tabId, open: true }),
  'capture:screenshot': (f) => ({ tabId: f.tabId, kind: 'visible', jobId: 'pwn-1', note: '', caseId: null }),
  'capture:cancel': () => ({ jobId: 'pwn-1' }),
  'evidence:capture-chat': (f) => ({ tabId: f.tabId, note: '', caseId: f.caseId }),
  'evidence:save-words': (f) => ({ tabId: f.tabId, note: '', caseId: null }),
  'evidence:save-redacted': (f) => ({ artifactId: f.shotId, boxes: [{ x: 0, y: 0, width: 10, height: 10 }] }),
  'evidence:shot-image': (f) => ({ evidenceId: f.shotEvidenceId, index: 0 }),
  'evidence:recent': () => ({ buyerId: null, limit: 50 }),
  'case:create': () => ({ type: 'complaint', title: 'planted', site: 'pinduoduo', buyerId: null, buyerName: '', orderId: '', replyDueAt: null, followUpAt: null, note: '' }),
  'case:update': (f) => ({ id: f.caseId, status: 'resolved', note: 'closed by a content script' }),
  'case:list': () => ({ buyerId: null }),
  'review:draft-save': (f) => ({ id: null, site: 'generic', url: f.url, review, cause: 'logistics', variant: 'warm', lang: 'zh-CN', text: 'planted' }),
  'review:mark-sent': (f) => ({ id: f.draftId }),
  'review:mark-submitted': (f) => ({ id: f.draftId }),
  'review:draft-delete': (f) => ({ id: f.draftId }),
  'review:history': (f) => ({ url: f.url }),
  'review:open-case': (f) => ({ site: 'generic', url: f.url, pageTitle: 'x', review, title: 'planted', note: '' }),
  'buyer:seen': () => ({ site: 'pinduoduo', platformId: 'planted-buyer', name: 'planted' }),
  'buyer:get': () => ({ site: 'pinduoduo', platformId: 'planted-buyer', name: 'planted' }),
  'buyer:update': (f) => ({ id: f.buyerId, notes: 'planted', tags: ['risky'] }),
  'site:set-enabled': (f) => ({ host: 'evil.example', enabled: true, tabId: f.tabId }),
  'profile:save': (f) => ({ host: f.host, fields: { composer: '#planted' } }),
  'profile:rename': (f) => ({ host: f.host, name: 'planted' }),
  'profile:list': () => ({}),
  'profile:delete': (f) => ({ host: f.host }),
  'profile:import': (f) => ({ text: f.profilesFile }),
  'profile:export': () => ({}),
  // A page steering its content script must not make Xiaoer fetch (or stop fetching) an address of its choosing.
  'team-library:get': () => ({}),
  'team-library:set': (f) => ({ url: `${new URL(f.url).origin}/planted-team-library.json` }),
  'team-library:update': () => ({}),
  'team-library:stop': () => ({}),
};

/** A payload each content type accepts (the control: the channel itself works). */
const CONTENT_OK: { [K in ContentType]: (f: Facts) => BackgroundReq<K> } = {
  'shortcuts:get': () => ({}),
  'reply:used': (f) => ({ replyId: f.replyId, site: 'pinduoduo' }),
  'page:enabled': () => ({ host: '127.0.0.1' }),
  'profile:get': (f) => ({ host: f.host }),
};

const typesFrom = (from: 'extension' | 'content') =>
  (Object.keys(BackgroundRequests) as BackgroundRequestType[]).filter((t) => BackgroundRequests[t].from === from).sort();

/** Send raw messages from the content script's world; returns each raw reply (or the thrown error's text). */
async function sendAll(world: ContentWorld, messages: unknown[]): Promise<Array<Reply<unknown> | { thrown: string }>> {
  return world.run(async (msgs: unknown[]) => {
    const out: unknown[] = [];
    for (const m of msgs) {
      try {
        out.push(await chrome.runtime.sendMessage(m));
      } catch (e) {
        out.push({ thrown: String(e) });
      }
    }
    return out;
  }, messages);
}

function expectRefused(res: unknown, codes: ErrorCode[], label: string): void {
  const r = res as Reply<unknown>;
  expect(r && typeof r === 'object' && 'ok' in r, `${label}: a typed reply, got ${JSON.stringify(res)}`).toBe(true);
  expect(r.ok, `${label}: refused, got ${JSON.stringify(res).slice(0, 300)}`).toBe(false);
  if (r.ok) return;
  expect(ProtocolError.safeParse(r.error).success, `${label}: error is a ProtocolError`).toBe(true);
  expect(codes, `${label}: code ${r.error.code} (${r.error.message})`).toContain(r.error.code);
}

async function gatherFacts(ext: Extension, dash: Page, page: Page): Promise<Facts> {
  const tabId = await tabIdOf(ext, page);
  const reply = await ask(dash, 'reply:create', { fields: { ...replyFields, title: 'protocol victim reply', shortcut: '' } });
  const kase = await ask(dash, 'case:create', { type: 'dispute', title: 'protocol victim case', site: 'pinduoduo', buyerId: null, buyerName: '', orderId: '', replyDueAt: null, followUpAt: null, note: '' });
  const buyer = await ask(dash, 'buyer:seen', { site: 'pinduoduo', platformId: 'protocol-victim', name: 'victim' });
  const url = 'http://127.0.0.1/reviews/protocol-victim';
  const draft = await ask(dash, 'review:draft-save', { id: null, site: 'generic', url, review, cause: 'logistics', variant: 'warm', lang: 'zh-CN', text: 'victim draft' });
  await page.bringToFront();
  const shot = await ask<{ evidenceId: string }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: 'protocol-victim', note: '', caseId: null });
  const [record] = await ask<{ id: string; artifacts: { id: string; name: string }[] }[]>(dash, 'evidence:recent', { buyerId: null, limit: 1 });
  expect(record!.id).toBe(shot.evidenceId);
  const shotId = record!.artifacts.find((a) => a.name.endsWith('.png'))!.id;
  const host = 'protocol-victim.example';
  await ask(dash, 'profile:save', { host, name: 'victim', fields: { composer: '#victim' } });
  const exported = await ask<{ text: string }>(dash, 'profile:export', { hosts: [host] });
  // The import file describes another host, so an accepted import would add a row.
  const profilesFile = exported.text.replaceAll(host, 'planted-by-import.example');
  return { tabId, replyId: reply.id, caseId: kase.id, buyerId: buyer.buyer.id, draftId: draft.id, shotId, shotEvidenceId: shot.evidenceId, host, url, profilesFile };
}

test('every extension-only request type is refused from the content script world, with no effect', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await helperPage(ext);
  const facts = await gatherFacts(ext, dash, page);

  const privileged = typesFrom('extension');
  // The enumeration is the protocol table itself: every extension-only type has a payload here.
  expect(privileged.filter((t) => !(t in PRIVILEGED)), 'extension-only types without a payload in PRIVILEGED').toEqual([]);
  expect(privileged.length).toBeGreaterThan(20);
  for (const t of privileged) {
    const p = BackgroundRequests[t].req.safeParse(PRIVILEGED[t as ExtensionType](facts));
    expect(p.success, `the ${t} payload passes its own schema`).toBe(true);
  }

  await page.bringToFront();
  const world = await contentWorld(ext, page);
  // Proof of where we are: the overlay's load-once flag lives only in its isolated world.
  expect(await world.run(() => (globalThis as any).__xiaoerOverlay === true && location.href)).toBe(page.url());
  expect(await page.evaluate(() => (window as any).__xiaoerOverlay)).toBeUndefined();
  // Content scripts have no tabs API: they cannot command another tab's overlay.
  expect(await world.run(() => typeof (chrome as any).tabs)).toBe('undefined');

  // Control: the same channel carries content requests fine.
  for (const t of typesFrom('content')) {
    const [res] = await sendAll(world, [{ xiaoer: 1, type: t, payload: CONTENT_OK[t as ContentType](facts) }]);
    expect((res as Reply<unknown>).ok, `${t} from the content script is served: ${JSON.stringify(res).slice(0, 200)}`).toBe(true);
  }

  const before = await storeSnapshot(ext, dash);
  const extOrigin = `chrome-extension://${ext.id}/`;
  const messages: { label: string; msg: unknown }[] = [];
  for (const t of privileged) {
    const payload = PRIVILEGED[t as ExtensionType](facts);
    messages.push({ label: t, msg: { xiaoer: 1, type: t, payload } });
    // However the request is formed: claims of origin in the envelope are not the sender record.
    messages.push({
      label: `${t} (claims to be the dashboard)`,
      msg: { xiaoer: 1, type: t, payload, from: 'extension', sender: { id: ext.id, url: `${extOrigin}dashboard.html`, origin: extOrigin.slice(0, -1) }, url: `${extOrigin}dashboard.html` },
    });
  }
  const replies = await sendAll(world, messages.map((m) => m.msg));
  recordSummary({ surface: 'protocol: extension-only requests from the content script', contexts: ['content script'], payloads: messages.length, executed: replies.filter((r) => (r as Reply<unknown>)?.ok !== false).length, ran: [] });
  replies.forEach((res, i) => expectRefused(res, ['forbidden'], `content → ${messages[i]!.label}`));

  // Look-alike names are other (unknown) types, never the privileged one.
  const lookalikes = ['Reply:Delete', ' reply:delete', 'reply:delete ', 'reply:delete\u0000', 'reply\u2236delete', 'profile:import\u200b', '__proto__', 'constructor', 'hasOwnProperty', 'toString'];
  const looked = await sendAll(world, lookalikes.map((type) => ({ xiaoer: 1, type, payload: { ids: [facts.replyId] } })));
  looked.forEach((res, i) => expectRefused(res, ['unknown-type'], `look-alike ${JSON.stringify(lookalikes[i])}`));

  // Give any accepted async work (a capture, an import, a registration) time to land before comparing.
  await page.waitForTimeout(500);
  expect(await storeSnapshot(ext, dash), 'store, storage, registrations and alarms unchanged').toBe(before);
  // sidebar:toggle was refused: no sidebar opened on the page.
  await expect(page.locator('[data-xiaoer="sidebar"]')).toBeHidden();
  // The background's prototypes are untouched.
  expect(await ext.worker.evaluate(() => (({}) as any).polluted ?? null)).toBeNull();
  await world.detach();
  await dash.close();
});

test('content request types: malformed, oversized and hostile payloads from the content script are refused with typed errors', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await helperPage(ext);
  const facts = await gatherFacts(ext, dash, page);
  await page.bringToFront();
  const world = await contentWorld(ext, page);
  const before = await storeSnapshot(ext, dash);

  const cases: { label: string; msg: unknown; codes: ErrorCode[] }[] = [];
  const big = 'x'.repeat(100_000);
  for (const t of typesFrom('content')) {
    const good = CONTENT_OK[t as ContentType](facts) as Record<string, unknown>;
    const env = (payload: unknown) => ({ xiaoer: 1, type: t, payload });
    cases.push({ label: `${t}: payload null`, msg: env(null), codes: ['bad-request'] });
    cases.push({ label: `${t}: payload a string`, msg: env(JSON.stringify(good)), codes: ['bad-request'] });
    cases.push({ label: `${t}: payload an array`, msg: env([good]), codes: ['bad-request'] });
    cases.push({ label: `${t}: unknown extra field`, msg: env({ ...good, admin: true }), codes: ['bad-request'] });
    for (const key of Object.keys(good)) {
      const { [key]: _dropped, ...rest } = good;
      cases.push({ label: `${t}: ${key} missing`, msg: env(rest), codes: ['bad-request'] });
      cases.push({ label: `${t}: ${key} a number`, msg: env({ ...good, [key]: 42 }), codes: ['bad-request'] });
      cases.push({ label: `${t}: ${key} an object`, msg: env({ ...good, [key]: { toString: 'x' } }), codes: ['bad-request'] });
      cases.push({ label: `${t}: ${key} 100k characters`, msg: env({ ...good, [key]: big }), codes: ['bad-request'] });
    }
    cases.push({ label: `${t}: no envelope marker`, msg: { type: t, payload: good }, codes: ['bad-request'] });
    cases.push({ label: `${t}: envelope version 2`, msg: { xiaoer: 2, type: t, payload: good }, codes: ['bad-request'] });
    cases.push({ label: `${t}: type padded past 64 chars`, msg: { xiaoer: 1, type: t.padEnd(80, ' '), payload: good }, codes: ['bad-request'] });
  }
  cases.push({ label: 'not an object', msg: 'shortcuts:get', codes: ['bad-request'] });
  cases.push({ label: 'null', msg: null, codes: ['bad-request'] });
  cases.push({ label: 'unknown type', msg: { xiaoer: 1, type: 'db:drop', payload: {} }, codes: ['unknown-type'] });
  cases.push({ label: 'the offscreen sanitiser type', msg: { xiaoer: 1, type: 'offscreen:sanitize', payload: { html: '<b>x</b>' } }, codes: ['unknown-type', 'forbidden'] });
  const replies = await sendAll(world, cases.map((c) => c.msg));
  recordSummary({ surface: 'protocol: malformed/oversized content requests', contexts: ['content script'], payloads: cases.length, executed: replies.filter((r) => (r as Reply<unknown>)?.ok !== false).length, ran: [] });
  replies.forEach((res, i) => expectRefused(res, cases[i]!.codes, cases[i]!.label));

  // Built inside the content world: larger than the 8 MB cap, refused before any schema work.
  const huge = await world.run(async (n: number) => {
    try {
      return await chrome.runtime.sendMessage({ xiaoer: 1, type: 'profile:get', payload: { host: 'x'.repeat(n) } });
    } catch (e) {
      return { thrown: String(e) };
    }
  }, MAX_MESSAGE_BYTES + 1024);
  expectRefused(huge, ['too-large'], 'profile:get with a 8 MB host');
  // Prototype keys in a payload (JSON keeps "__proto__" as an own key across messaging).
  const proto = await world.run(async (host: string) => {
    const payload = JSON.parse(`{"host":${JSON.stringify(host)},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}`);
    return chrome.runtime.sendMessage({ xiaoer: 1, type: 'profile:get', payload });
  }, facts.host);
  expectRefused(proto, ['bad-request'], 'profile:get with __proto__ keys');
  expect(await ext.worker.evaluate(() => (({}) as any).polluted ?? null)).toBeNull();

  await page.waitForTimeout(300);
  expect(await storeSnapshot(ext, dash), 'nothing stored by refused content requests').toBe(before);
  await world.detach();
  await dash.close();
});

test('the content script world can neither read nor write the extension\'s storage.local (seed flag)', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const world = await contentWorld(ext, page);
  const outcome = await world.run<{ read: string; write: string }>(async () => {
    const tryIt = async (f: () => Promise<unknown>) => {
      try {
        const v = await f();
        return `ok ${JSON.stringify(v)}`;
      } catch (e) {
        return `refused ${e instanceof Error ? e.message : String(e)}`;
      }
    };
    const area = (globalThis as unknown as { chrome: { storage?: { local?: { get(k: null): Promise<unknown>; set(v: object): Promise<void> } } } }).chrome.storage?.local;
    if (!area) return { read: 'refused (no storage.local in this world)', write: 'refused (no storage.local in this world)' };
    return { read: await tryIt(() => area.get(null)), write: await tryIt(() => area.set({ seededAt: null })) };
  });
  expect(outcome.read).toMatch(/^refused/);
  expect(outcome.write).toMatch(/^refused/);
  // The worker still reads its flag.
  expect(await ext.worker.evaluate(async () => (await chrome.storage.local.get('seededAt')).seededAt ?? null)).not.toBeNull();
  await world.detach();
});

test('a web page cannot message the extension at all (no externally_connectable), and window messages do nothing', async ({ ext, page }) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(manifest.externally_connectable).toBeUndefined();
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const dash = await helperPage(ext);
  const facts = await gatherFacts(ext, dash, page);
  const before = await storeSnapshot(ext, dash);
  await page.bringToFront();
  const outcome = await page.evaluate(
    async ([id, replyId]) => {
      const rt = (window as any).chrome?.runtime;
      const result: Record<string, string> = { runtime: typeof rt, sendMessage: typeof rt?.sendMessage, connect: typeof rt?.connect };
      // Even if a runtime object appeared, sending to our id must fail.
      if (rt?.sendMessage) {
        try {
          await rt.sendMessage(id, { xiaoer: 1, type: 'reply:delete', payload: { ids: [replyId] } });
          result.send = 'delivered';
        } catch (e) {
          result.send = `refused: ${String(e)}`;
        }
      }
      // The overlay listens to no window messages or DOM events: these must do nothing.
      const msg = { xiaoer: 1, type: 'reply:delete', payload: { ids: [replyId] } };
      window.postMessage(msg, '*');
      window.postMessage(JSON.stringify(msg), '*');
      for (const name of ['xiaoer', 'xiaoer:message', 'xiaoer-e2e-send']) {
        window.dispatchEvent(new CustomEvent(name, { detail: msg }));
        document.dispatchEvent(new CustomEvent(name, { detail: msg }));
      }
      return result;
    },
    [ext.id, facts.replyId] as const,
  );
  expect(outcome.sendMessage, `page world runtime: ${JSON.stringify(outcome)}`).toBe('undefined');
  expect(outcome.send ?? 'not sendable').not.toBe('delivered');
  await page.waitForTimeout(500);
  expect(await storeSnapshot(ext, dash)).toBe(before);
  await dash.close();
});
