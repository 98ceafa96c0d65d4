/**
 * Dashboard Storage and Library views, driven as the seller does:
 * - Storage: space per kind and total against the quota; "delete old
 *   screenshots" previews what goes, deletes exactly that (artifact rows), and
 *   the kept evidence records still hash and chain (checked with the same
 *   lib/evidence/hash.ts verifyChain the bundle verifier uses).
 * - Library: create / rename / reorder a category with its symbol, bulk move,
 *   bulk delete, usage figures (most and least used) from real insertions.
 */
import type { Page } from '@playwright/test';
import { verifyChain } from '../../lib/evidence/hash';
import type { Evidence } from '../../lib/schema';
import { ask, expect, openDashboard, openMarketplacePage, seedReplies, tabIdOf, test } from './fixtures';

/** Rows of one store, read raw from an extension page's own IndexedDB. */
function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<unknown[]>((ok, fail) => {
        const req = indexedDB.open('xiaoer');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            // Blobs do not cross evaluate(); their presence is what matters here.
            ok((all.result as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Blob ? `blob:${v.size}` : v]))));
            req.result.close();
          };
          all.onerror = () => fail(all.error);
        };
      }),
    store,
  ) as Promise<T[]>;
}


test('storage: sizes per kind and against the quota; old screenshots previewed, deleted, and the kept records still chain', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await openDashboard(ext);
  // Three real captures through the background's evidence writer (hashed and chained).
  const seqs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.bringToFront();
    const r = await ask<{ seq: number; evidenceId: string }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: `storage-${i}-${Date.now()}`, note: `storage e2e ${i}`, caseId: null });
    seqs.push(r.seq);
  }
  await dash.close();

  // This dashboard tab's clock 100 days ahead: today's screenshots are "older than 90 days" there.
  // Date.now of this one page only: Playwright's clock.install is per browser context, and it
  // left every later page of this worker 100 days ahead (a reminder alarm set from one never fired).
  const view = await ext.context.newPage();
  await view.addInitScript((shift) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + shift;
  }, 100 * 86_400_000);
  await view.goto(`chrome-extension://${ext.id}/dashboard.html#storage`);
  await expect(view.getByTestId('storage-view')).toBeVisible();
  for (const id of ['storage-screenshots', 'storage-snapshots', 'storage-records', 'storage-total']) await expect(view.getByTestId(id)).toHaveText(/^\d+(\.\d)? (B|KB|MB|GB)$/);
  await expect(view.getByTestId('storage-screenshots')).not.toHaveText('0 B');
  await expect(view.getByTestId('storage-quota')).toContainText('%');

  // What the preview must name: every screenshot in the store captured before the cutoff.
  const evidence = await readStore<Evidence>(view, 'evidence');
  const artifacts = await readStore<{ id: string; evidenceId: string; mime: string; size: number }>(view, 'artifacts');
  const capturedAt = new Map(evidence.map((e) => [e.id, Date.parse(e.capturedAt)]));
  const cutoff = Date.now() + 100 * 86_400_000 - 90 * 86_400_000;
  const doomed = artifacts.filter((a) => /^image\/(png|jpeg|webp)$/.test(a.mime) && (capturedAt.get(a.evidenceId) ?? Infinity) < cutoff);
  expect(doomed.length).toBeGreaterThanOrEqual(3);
  await view.getByTestId('storage-age').selectOption('90');
  await expect(view.getByTestId('storage-preview')).toContainText(String(doomed.length));
  // 365 days: nothing of today's captures goes.
  await view.getByTestId('storage-age').selectOption('365');
  const olderThanYear = artifacts.filter((a) => /^image\//.test(a.mime) && (capturedAt.get(a.evidenceId) ?? Infinity) < cutoff - 275 * 86_400_000);
  if (!olderThanYear.length) await expect(view.getByTestId('storage-delete')).toBeDisabled();
  await view.getByTestId('storage-age').selectOption('90');

  view.once('dialog', (d) => void d.accept());
  await view.getByTestId('storage-delete').click();
  await expect(view.getByTestId('storage-status')).toContainText(String(doomed.length));
  await expect(view.getByTestId('storage-preview')).not.toContainText(String(doomed.length));
  await expect(view.getByTestId('storage-delete')).toBeDisabled();

  // Exactly the previewed artifact rows are gone; every evidence record is still there, unchanged.
  const artifactsAfter = await readStore<{ id: string }>(view, 'artifacts');
  const gone = new Set(doomed.map((a) => a.id));
  expect(artifactsAfter.filter((a) => gone.has(a.id))).toEqual([]);
  expect(artifactsAfter.length).toBe(artifacts.length - doomed.length);
  const evidenceAfter = await readStore<Evidence>(view, 'evidence');
  expect(evidenceAfter).toEqual(evidence);
  // The three captures: same hashes, and the segment still verifies (hash of each record, links between them).
  const mine = evidenceAfter.filter((e) => e.seq >= seqs[0]! && e.seq <= seqs[2]!).sort((a, b) => a.seq - b.seq);
  expect(mine.map((e) => e.seq)).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
  expect(await verifyChain(mine)).toEqual({ ok: true });
  await view.close();
});

test('library: create, rename and reorder a category with its symbol; bulk move, bulk delete; most and least used', async ({ ext }) => {
  const tag = `lib${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 发货提醒`, shortcut: '', body: { 'zh-CN': '今天发货', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 退款说明`, shortcut: '', body: { 'zh-CN': '退款三天到账', 'zh-TW': '', en: '' } },
    { id: `${tag}-c`, title: `${tag} 尺码建议`, shortcut: '', body: { 'zh-CN': '建议大一码', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  // Usage from real insertions (the same message the popup sends after inserting).
  for (let i = 0; i < 3; i++) await ask(dash, 'reply:use', { replyId: `${tag}-b`, site: 'pinduoduo' });
  await ask(dash, 'reply:use', { replyId: `${tag}-a`, site: 'pinduoduo' });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');

  // Create with a symbol; it lands last.
  const rows = dash.getByTestId('category-row');
  const before = await rows.count();
  await dash.getByTestId('category-new-symbol').fill('🧾');
  await dash.getByTestId('category-new-name').fill(`${tag} 发票`);
  await dash.getByTestId('category-create').click();
  await expect(rows).toHaveCount(before + 1);
  const created = rows.nth(before);
  await expect(created.getByTestId('category-name')).toHaveValue(`${tag} 发票`);
  await expect(created.getByTestId('category-symbol')).toHaveValue('🧾');
  // Rename and change the symbol (saved on blur).
  await created.getByTestId('category-name').fill(`${tag} 开票`);
  await created.getByTestId('category-symbol').fill('📮');
  await created.getByTestId('category-name').focus();
  await created.getByTestId('category-name').blur();
  const stored = async () => (await readStore<{ id: string; name: string; symbol: string; order: number }>(dash, 'categories')).sort((a, b) => a.order - b.order);
  await expect.poll(async () => (await stored()).find((c) => c.name === `${tag} 开票`)?.symbol).toBe('📮');
  // Reorder: one step up.
  await created.getByTestId('category-up').click();
  await expect(rows.nth(before - 1).getByTestId('category-name')).toHaveValue(`${tag} 开票`);
  await expect.poll(async () => (await stored()).map((c) => c.name).indexOf(`${tag} 开票`)).toBe(before - 1);
  const categoryId = (await stored()).find((c) => c.name === `${tag} 开票`)!.id;

  // Bulk move the three replies into it.
  await dash.getByTestId('library-filter').fill(tag);
  await expect(dash.getByTestId('library-reply')).toHaveCount(3);
  await dash.getByTestId('library-select-all').check();
  await dash.getByTestId('library-move-target').selectOption(categoryId);
  await dash.getByTestId('library-bulk-move').click();
  const mine = async () => (await readStore<{ id: string; categoryId: string }>(dash, 'replies')).filter((r) => r.id.startsWith(tag));
  await expect.poll(async () => (await mine()).map((r) => r.categoryId)).toEqual([categoryId, categoryId, categoryId]);
  await expect(dash.getByTestId('library-reply').first()).toContainText('📮');

  // Usage figures: the reply used three times tops "most used", the once-used one follows it; "least used"
  // lists unused replies (the library has many), never the used ones.
  const most = dash.getByTestId('usage-most').locator('li');
  await expect(most.first()).toContainText(`${tag} 退款说明`);
  await expect(most.first()).toContainText('3');
  await expect(most.nth(1)).toContainText(`${tag} 发货提醒`);
  const least = dash.getByTestId('usage-least').locator('li');
  await expect(least).toHaveCount(10);
  for (const text of await least.allTextContents()) expect(text).toMatch(/\b0\b/);
  await expect(dash.getByTestId('usage-least')).not.toContainText(`${tag} 退款说明`);
  await expect(dash.getByTestId('usage-least')).not.toContainText(`${tag} 发货提醒`);

  // Bulk delete two of them (the seller confirms).
  await dash.getByTestId('library-select-all').uncheck();
  await dash.getByTestId('library-reply').filter({ hasText: '发货提醒' }).getByTestId('library-reply-select').check();
  await dash.getByTestId('library-reply').filter({ hasText: '尺码建议' }).getByTestId('library-reply-select').check();
  dash.once('dialog', (d) => void d.accept());
  await dash.getByTestId('library-bulk-delete').click();
  await expect(dash.getByTestId('library-reply')).toHaveCount(1);
  await expect.poll(async () => (await mine()).map((r) => r.id)).toEqual([`${tag}-b`]);
  await dash.close();
});
