/**
 * Dashboard Storage and Library views, driven as the seller does:
 * - Storage: space per kind and total against the quota; "delete old
 *   screenshots" previews what goes, deletes exactly those bytes (the rows stay
 *   as tombstones with deletedAt), and the kept evidence records still hash and
 *   chain (checked with the same lib/evidence/hash.ts verifyChain the bundle
 *   verifier uses). The case holding them still exports from the dashboard, the
 *   bundle lists the screenshots as deleted, and the dashboard's verifier says
 *   intact with the deletions noted; the gallery shows "deleted on <date>".
 * - Library: create / rename / reorder a category with its symbol, bulk move,
 *   bulk delete, usage figures (most and least used) from real insertions.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { BundleManifest } from '../../lib/evidence/bundle';
import { verifyChain } from '../../lib/evidence/hash';
import type { Evidence } from '../../lib/schema';
import { ask, chooseFile, countFileReads, deleteRow, expect, fileBytesRead, openDashboard, openMarketplacePage, openSidebar, seedReplies, tabIdOf, test, type TestReply } from './fixtures';

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


test('storage: sizes per kind and against the quota; old screenshots previewed, deleted, and the kept records still chain, export and verify', async ({ ext, page }) => {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const tabId = await tabIdOf(ext, page);
  const dash = await openDashboard(ext);
  // A dispute the platform will ask about after the screenshots were cleaned up.
  const tag = `st${Date.now().toString(36)}`;
  const c = await ask<{ id: string }>(dash, 'case:create', { type: 'dispute', title: `${tag} 物流纠纷`, site: 'pinduoduo', buyerId: null, buyerName: '小王', orderId: `240801-${tag}`, replyDueAt: null, followUpAt: null, note: '' });
  // Three real captures through the background's evidence writer (hashed and chained), filed under the case.
  const seqs: number[] = [];
  const evidenceIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.bringToFront();
    const r = await ask<{ seq: number; evidenceId: string }>(dash, 'capture:screenshot', { tabId, kind: 'visible', jobId: `storage-${i}-${Date.now()}`, note: `storage e2e ${i}`, caseId: c.id });
    seqs.push(r.seq);
    evidenceIds.push(r.evidenceId);
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
  // This clean-up takes every old screenshot: screenshots of open cases too, when the seller unticks keeping them
  // (kept by default; screenshots.spec covers that).
  const keep = view.getByTestId('storage-keep-open-cases');
  if (await keep.count()) await keep.uncheck();
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

  // Exactly the previewed artifacts lost their bytes and became tombstones (recorded size and hash kept,
  // the deletion time set); every other row is as it was; every evidence record is still there, unchanged.
  const artifactsAfter = await readStore<{ id: string; data: string; size: number; sha256: string; deletedAt?: string }>(view, 'artifacts');
  const gone = new Set(doomed.map((a) => a.id));
  expect(artifactsAfter.length).toBe(artifacts.length);
  const byId = new Map(artifacts.map((a) => [a.id, a as unknown as Record<string, unknown>]));
  for (const a of artifactsAfter) {
    const was = byId.get(a.id)!;
    if (gone.has(a.id)) {
      expect(a).toMatchObject({ data: 'blob:0', size: was.size, sha256: was.sha256 });
      expect(a.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    } else expect(a).toEqual(was);
  }
  // Sizes count live bytes only: no screenshot bytes are left; the tombstones are counted apart, and
  // nothing is offered for deletion again.
  const liveImageBytes = artifactsAfter.filter((a) => a.deletedAt === undefined && /^image\//.test(String(byId.get(a.id)!.mime))).reduce((n, a) => n + a.size, 0);
  if (liveImageBytes === 0) await expect(view.getByTestId('storage-screenshots')).toHaveText('0 B');
  await expect(view.getByTestId('storage-deleted')).toBeVisible();
  const evidenceAfter = await readStore<Evidence>(view, 'evidence');
  expect(evidenceAfter).toEqual(evidence);
  // The three captures: same hashes, and the segment still verifies (hash of each record, links between them).
  const mine = evidenceAfter.filter((e) => e.seq >= seqs[0]! && e.seq <= seqs[2]!).sort((a, b) => a.seq - b.seq);
  expect(mine.map((e) => e.seq)).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
  expect(await verifyChain(mine)).toEqual({ ok: true });
  await view.close();

  // The platform asks for the case: export it from the dashboard as the seller does.
  const cases = await openDashboard(ext);
  await cases.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${c.id}`);
  await expect(cases.getByTestId('case-detail')).toContainText(`${tag} 物流纠纷`);
  for (const seq of seqs) await expect(cases.getByTestId('case-timeline')).toContainText(`#${seq}`);
  const download = cases.waitForEvent('download');
  await cases.getByTestId('case-export').click();
  // Before tombstones this is where it ended: "Artifact screenshot-visible.png … is missing from the store".
  await expect(cases.getByTestId('case-status-message')).toBeVisible();
  await expect(cases.getByTestId('case-status-message')).not.toContainText('missing');
  await expect(cases.getByTestId('case-status-message')).toHaveClass(/\bok\b/);
  const bytes = readFileSync(await (await download).path());
  const files = unzipSync(new Uint8Array(bytes));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as BundleManifest;
  const shots = new Map(mine.map((e) => [e.id, e.artifacts.filter((a) => gone.has(a.id))]));
  for (const id of evidenceIds) {
    const m = manifest.records.find((r) => !r.withheld && r.record.id === id);
    if (!m || m.withheld) throw new Error(`evidence ${id} is not in the case bundle`);
    // Listed as deleted under its record, with the recorded name/size/hash; no file for it.
    expect(shots.get(id)!.length).toBeGreaterThan(0);
    expect(m.deleted?.map((d) => [d.artifactId, d.name, d.size, d.sha256])).toEqual(shots.get(id)!.map((a) => [a.id, a.name, a.size, a.sha256]));
    for (const a of shots.get(id)!) expect(manifest.files.some((f) => f.artifactId === a.id)).toBe(false);
  }
  expect(Object.keys(files).some((f) => f.startsWith('screenshots/'))).toBe(false);
  expect(new TextDecoder().decode(files['report.html'])).toMatch(/deleted by the seller on .+, before this export|卖家已于 .+ 删除（在本次导出之前）|賣家已於 .+ 刪除（在本次匯出之前）/);

  // The dashboard's verifier: intact, each deletion noted (not a failure).
  await cases.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
  // The view settled (its count read) before the file is handed over: an input replaced mid-render loses the change.
  await expect(cases.getByTestId('evidence-count')).not.toHaveText('…');
  await chooseFile(cases.getByTestId('verify-input'), 'case.zip', bytes);
  await expect(cases.getByTestId('verify-result')).toContainText(/Intact|完好/);
  await expect(cases.getByTestId('verify-notice')).toHaveCount(evidenceIds.length);
  for (const seq of seqs) await expect(cases.getByTestId('verify-notices')).toContainText(`#${seq}`);
  await expect(cases.getByTestId('verify-notices')).toContainText('screenshot-visible.png');

  // The gallery shows these screenshots as deleted on a date, never as a broken image.
  for (const id of evidenceIds) {
    await expect(cases.locator(`[data-testid="gallery-deleted"][data-evidence="${id}"]`)).toHaveCount(1);
    await expect(cases.locator(`[data-testid="gallery-deleted"][data-evidence="${id}"]`)).toContainText(/Deleted on|删除|刪除/);
    await expect(cases.locator(`[data-testid="gallery-thumb"][data-evidence="${id}"]`)).toHaveCount(0);
  }
  await cases.close();
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

test('library: a category renamed with Enter is saved then — the tab closed next keeps the new name (was saved only on leaving the field)', async ({ ext }) => {
  const tag = `ent${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  const rows = dash.getByTestId('category-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await dash.getByTestId('category-new-name').fill(`${tag} 发票`);
  await dash.getByTestId('category-create').click();
  await expect(rows).toHaveCount(before + 1);
  const field = rows.nth(before).getByTestId('category-name');
  await field.fill(`${tag} 开票`);
  await field.press('Enter');
  const names = async () => (await readStore<{ name: string }>(dash, 'categories')).map((c) => c.name);
  await expect.poll(names).toContain(`${tag} 开票`);
  await expect(field).toBeFocused();
  // The seller closes the dashboard without leaving the field: the name is already stored.
  await dash.close();
  const again = await openDashboard(ext);
  await again.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  const row = again.getByTestId('category-row').nth(before);
  await expect(row.getByTestId('category-name')).toHaveValue(`${tag} 开票`);
  again.once('dialog', (d) => void d.accept());
  await row.getByTestId('category-delete').click();
  await expect(again.getByTestId('category-row')).toHaveCount(before);
  await again.close();
});

test('library: a reply being edited is still open with what was typed after the seller looks at another view (was closed, the edit lost)', async ({ ext }) => {
  const tag = `kept${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-a`, title: `${tag} 发货时间`, shortcut: '', body: { 'zh-CN': '48小时内发货', 'zh-TW': '', en: '' } }]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await dash.getByTestId('library-filter').fill(tag);
  await dash.getByTestId('library-reply-title').filter({ hasText: `${tag} 发货时间` }).click();
  await dash.getByTestId('editor-title').fill(`${tag} 发货时间（大促）`);
  await dash.getByTestId('editor-body-zh-CN').fill('大促期间72小时内发货');
  // The seller checks a buyer's notes, then comes back to the Library.
  await dash.getByTestId('dash-buyers').click();
  await expect(dash.getByTestId('buyers-view')).toBeVisible();
  await dash.getByTestId('dash-library').click();
  await expect(dash.getByTestId('editor-title')).toHaveValue(`${tag} 发货时间（大促）`);
  await expect(dash.getByTestId('editor-body-zh-CN')).toHaveValue('大促期间72小时内发货');
  await dash.getByTestId('editor-save').click();
  await expect(dash.getByTestId('editor-title')).toHaveCount(0);
  await expect.poll(async () => (await readStore<{ id: string; title: string; body: Record<string, string> }>(dash, 'replies')).find((r) => r.id === `${tag}-a`)?.body['zh-CN']).toBe('大促期间72小时内发货');
  // Saved (or cancelled) ends it: the next visit opens no editor.
  await dash.getByTestId('dash-buyers').click();
  await dash.getByTestId('dash-library').click();
  await expect(dash.getByTestId('library-replies')).toBeVisible();
  await expect(dash.getByTestId('editor-title')).toHaveCount(0);
  // A new reply being written is kept the same way.
  await dash.getByTestId('library-new-reply').click();
  await dash.getByTestId('editor-title').fill(`${tag} 新回复`);
  await dash.getByTestId('dash-cases').click();
  await dash.getByTestId('dash-library').click();
  await expect(dash.getByTestId('editor-title')).toHaveValue(`${tag} 新回复`);
  await dash.close();
});

test('the dashboard tab closed with typing not saved asks first — a changed reply in the Library editor, Settings fields; nothing unsaved, it closes at once', async ({ ext }) => {
  const tag = `leave${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-a`, title: `${tag} 发货时间`, shortcut: '', body: { 'zh-CN': '48小时内发货', 'zh-TW': '', en: '' } }]);
  const asked: string[] = [];
  const closeAsking = async (dash: Page) => {
    const dialog = new Promise<void>((ok) => dash.once('dialog', (d) => { asked.push(d.type()); void d.dismiss().then(ok); }));
    await dash.close({ runBeforeUnload: true });
    await Promise.race([dialog, dash.waitForEvent('close')]);
  };
  let dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await dash.getByTestId('library-filter').fill(tag);
  await dash.getByTestId('library-reply-title').filter({ hasText: `${tag} 发货时间` }).click();
  // Opened and not changed: nothing to lose.
  await dash.getByTestId('editor-title').click();
  await closeAsking(dash);
  expect(asked).toEqual([]);
  expect(dash.isClosed()).toBe(true);
  // Was: closed without a word, the edit lost.
  dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await dash.getByTestId('library-filter').fill(tag);
  await dash.getByTestId('library-reply-title').filter({ hasText: `${tag} 发货时间` }).click();
  await dash.getByTestId('editor-title').click();
  await dash.keyboard.press('End');
  await dash.keyboard.type('（大促）');
  await closeAsking(dash);
  expect(asked).toEqual(['beforeunload']);
  expect(dash.isClosed()).toBe(false);
  await dash.getByTestId('editor-save').click();
  await expect(dash.getByTestId('editor-title')).toHaveCount(0);
  // Settings typed and not saved asks too, after a look at another view.
  await dash.getByTestId('dash-settings').click();
  await dash.getByTestId('settings-shop').click();
  await dash.keyboard.type('X');
  await dash.getByTestId('dash-library').click();
  await closeAsking(dash);
  expect(asked).toEqual(['beforeunload', 'beforeunload']);
  await dash.getByTestId('dash-settings').click();
  // The shop name as it was (other tests read it), then saved: nothing unsaved left.
  await dash.getByTestId('settings-shop').click();
  await dash.keyboard.press('End');
  await dash.keyboard.press('Backspace');
  await dash.getByTestId('settings-save').click();
  await expect(dash.getByTestId('settings-status')).not.toHaveText('');
  await closeAsking(dash);
  expect(asked).toHaveLength(2);
  expect(dash.isClosed()).toBe(true);
});

test('library: bulk delete takes only the ticked replies the filter shows — ticks under another filter are kept, not deleted unseen', async ({ ext }) => {
  const tag = `sel${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 发货 顺丰`, shortcut: '', body: { 'zh-CN': '发顺丰', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 发货 圆通`, shortcut: '', body: { 'zh-CN': '发圆通', 'zh-TW': '', en: '' } },
    { id: `${tag}-c`, title: `${tag} 退款 到账`, shortcut: '', body: { 'zh-CN': '三天到账', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await dash.getByTestId('library-filter').fill(`${tag} 发货`);
  await expect(dash.getByTestId('library-reply')).toHaveCount(2);
  await dash.getByTestId('library-select-all').check();
  // The seller moves on to the refund replies and ticks the one to delete.
  await dash.getByTestId('library-filter').fill(`${tag} 退款`);
  await expect(dash.getByTestId('library-reply')).toHaveCount(1);
  await dash.getByTestId('library-reply-select').check();
  await expect(dash.getByTestId('library-bulk')).toContainText('1 selected');
  let asked = '';
  dash.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await dash.getByTestId('library-bulk-delete').click();
  await expect(dash.getByTestId('library-reply')).toHaveCount(0);
  expect(asked).toMatch(/\b1\b/);
  const left = async () => (await readStore<{ id: string }>(dash, 'replies')).map((r) => r.id).filter((id) => id.startsWith(tag)).sort();
  await expect.poll(left).toEqual([`${tag}-a`, `${tag}-b`]);
  // Back under the first filter the ticks are still there.
  await dash.getByTestId('library-filter').fill(`${tag} 发货`);
  await expect(dash.getByTestId('library-select-all')).toBeChecked();
  dash.once('dialog', (d) => void d.accept());
  await dash.getByTestId('library-bulk-delete').click();
  await expect.poll(left).toEqual([]);
  await dash.close();
});

/** Switch the UI language the seller's way (dashboard Settings); returns the one before. */
async function setUiLang(dash: Page, extId: string, lang: string): Promise<string> {
  await dash.goto(`chrome-extension://${extId}/dashboard.html#settings`);
  const select = dash.getByTestId('settings-ui-lang');
  const previous = await select.inputValue();
  await select.selectOption(lang);
  await expect.poll(async () => (await readStore<{ id: string; uiLang: string }>(dash, 'settings')).find((x) => x.id === 'settings')?.uiLang).toBe(lang);
  return previous;
}

test('library editor (UI in 繁體中文): "FH" and "ｆｈ" are refused while "fh" exists, naming its reply; "a b" is refused; the field is marked and nothing is stored', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await expect.poll(async () => (await readStore<{ shortcut: string }>(dash, 'replies')).some((r) => r.shortcut === 'fh'), { timeout: 15_000 }).toBe(true);
  const previous = await setUiLang(dash, ext.id, 'zh-TW');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    const holder = (await readStore<{ shortcut: string; title: string }>(dash, 'replies')).find((r) => r.shortcut === 'fh')!;
    const before = (await readStore(dash, 'replies')).length;
    const tag = `dup${Date.now().toString(36)}`;
    await dash.getByTestId('library-new-reply').click();
    await dash.getByTestId('editor-title').fill(`${tag} 大写FH`);
    await dash.getByTestId('editor-body-zh-CN').fill('【大写FH】');
    const shortcut = dash.getByTestId('editor-shortcut');
    for (const typed of ['fh', 'FH', 'ｆｈ']) {
      await shortcut.fill(typed);
      await dash.getByTestId('editor-save').click();
      await expect(dash.getByTestId('editor-error')).toHaveText(`快捷碼「${typed}」已被「${holder.title}」使用。按 Tab 時不分大小寫與全形半形，請換一個。`);
      await expect(shortcut).toHaveAttribute('aria-invalid', 'true');
    }
    // A misspelt variable is pointed out (it would reach the buyer as written), with what was likely meant.
    await dash.getByTestId('editor-body-zh-CN').fill('【大写FH】单号 {odrer}');
    await expect(dash.getByTestId('editor-suspect')).toHaveText('{odrer} 不是變數，會原樣傳給買家。是不是想寫 {order}？');
    await dash.getByTestId('editor-body-zh-CN').fill('【大写FH】单号 {order}');
    await expect(dash.getByTestId('editor-suspect')).toHaveCount(0);
    await dash.getByTestId('editor-body-zh-CN').fill('【大写FH】');
    await shortcut.fill('a b');
    await dash.getByTestId('editor-save').click();
    await expect(dash.getByTestId('editor-error')).toHaveText('快捷碼不能包含空白：要在按 Tab 前當作一個詞輸入。');
    await expect(shortcut).toHaveAttribute('aria-invalid', 'true');
    expect((await readStore<{ title: string }>(dash, 'replies')).filter((r) => r.title.startsWith(tag))).toEqual([]);
    expect((await readStore(dash, 'replies')).length).toBe(before);
    // A shortcut of its own is saved, and the field is no longer marked.
    await shortcut.fill(`${tag}x`);
    await dash.getByTestId('editor-save').click();
    await expect(dash.getByTestId('reply-editor')).toHaveCount(0);
    await expect.poll(async () => (await readStore<{ title: string; shortcut: string }>(dash, 'replies')).find((r) => r.title === `${tag} 大写FH`)?.shortcut).toBe(`${tag}x`);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library: a second category of one name is refused in the form; what the dashboard allows exports and imports back', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const tag = `rt${Date.now().toString(36)}`;
  const rows = dash.getByTestId('category-row');
  const before = await rows.count();
  const newName = dash.getByTestId('category-new-name');
  await newName.fill(`${tag} 活动专用`);
  await dash.getByTestId('category-create').click();
  await expect(rows).toHaveCount(before + 1);
  await newName.fill(` ${tag} 活动专用 `);
  await dash.getByTestId('category-create').click();
  await expect(dash.getByTestId('category-error')).toContainText(`${tag} 活动专用`);
  await expect(newName).toHaveAttribute('aria-invalid', 'true');
  await expect(rows).toHaveCount(before + 1);
  // Renaming another category to that name is refused too, on that field; the stored name stays.
  const other = rows.nth(0).getByTestId('category-name');
  const otherName = await other.inputValue();
  await other.fill(`${tag} 活动专用`);
  await other.blur();
  await expect(dash.getByTestId('category-error')).toContainText(`${tag} 活动专用`);
  await expect(other).toHaveAttribute('aria-invalid', 'true');
  expect((await readStore<{ name: string }>(dash, 'categories')).filter((c) => c.name === `${tag} 活动专用`)).toHaveLength(1);
  expect((await readStore<{ name: string }>(dash, 'categories')).some((c) => c.name === otherName)).toBe(true);

  // A reply with a Chinese shortcut in the new category, through the editor.
  const catId = (await readStore<{ id: string; name: string }>(dash, 'categories')).find((c) => c.name === `${tag} 活动专用`)!.id;
  await dash.getByTestId('library-new-reply').click();
  await dash.getByTestId('editor-title').fill(`${tag} 活动说明`);
  await dash.getByTestId('editor-shortcut').fill(`退款${tag}`);
  await dash.getByTestId('editor-category').selectOption(catId);
  await dash.getByTestId('editor-body-zh-CN').fill('活动期间下单享优惠');
  await dash.getByTestId('editor-save').click();
  await expect(dash.getByTestId('reply-editor')).toHaveCount(0);

  // Round trip: the library's own export, both formats, is accepted by its import.
  for (const [button, name] of [['replies-export-json', 'library.json'], ['replies-export-csv', 'library.csv']] as const) {
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId(button).click()]);
    const bytes = readFileSync((await download.path())!);
    await dash.getByTestId('replies-import').setInputFiles({ name, mimeType: name.endsWith('json') ? 'application/json' : 'text/csv', buffer: bytes });
    await expect(dash.getByTestId('import-preview')).toBeVisible();
    await expect(dash.getByTestId('import-error')).toHaveCount(0);
    await dash.getByTestId('import-apply').click();
    await expect(dash.getByTestId('import-done')).toBeVisible();
  }
  const after = await readStore<{ title: string; shortcut: string; categoryId: string }>(dash, 'replies');
  expect(after.filter((r) => r.title === `${tag} 活动说明`).map((r) => [r.shortcut, r.categoryId])).toEqual([[`退款${tag}`, catId]]);
  await dash.close();
});

test('library: deleting a category — an empty one after a confirm; one holding replies moves them to the category chosen, then goes', async ({ ext, page }) => {
  const tag = `del${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const rows = dash.getByTestId('category-row');
  for (const name of [`${tag} 空`, `${tag} 旧活动`, `${tag} 新活动`]) {
    const n = await rows.count();
    await dash.getByTestId('category-new-name').fill(name);
    await dash.getByTestId('category-create').click();
    await expect(rows).toHaveCount(n + 1);
  }
  const cats = await readStore<{ id: string; name: string }>(dash, 'categories');
  const idOf = (name: string) => cats.find((c) => c.name === `${tag} ${name}`)!.id;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 满减`, shortcut: '', categoryId: idOf('旧活动'), body: { 'zh-CN': '满300减30', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 赠品`, shortcut: '', categoryId: idOf('旧活动'), body: { 'zh-CN': '下单送赠品', 'zh-TW': '', en: '' } },
  ]);
  // An open sidebar follows the change without a reload.
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  const sidebar = await openSidebar(page);
  const row = (name: string) => dash.locator(`[data-testid="category-row"][data-category="${idOf(name)}"]`);
  await expect(sidebar.getByTestId('category').filter({ hasText: `${tag} 旧活动` })).toHaveCount(1);

  // Empty: a confirm naming it, then it is gone.
  let asked = '';
  dash.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await row('空').getByTestId('category-delete').click();
  await expect(row('空')).toHaveCount(0);
  expect(asked).toContain(`${tag} 空`);

  // Holding two replies: the sentence says so, and the seller picks where they go.
  await row('旧活动').getByTestId('category-delete').click();
  const ask = dash.getByTestId('category-delete-panel');
  await expect(ask).toContainText(`${tag} 旧活动`);
  await expect(ask).toContainText('2');
  await ask.getByTestId('category-delete-target').selectOption(idOf('新活动'));
  await ask.getByTestId('category-delete-confirm').click();
  await expect(row('旧活动')).toHaveCount(0);
  await expect.poll(async () => (await readStore<{ id: string; categoryId: string }>(dash, 'replies')).filter((r) => r.id.startsWith(tag)).map((r) => r.categoryId)).toEqual([idOf('新活动'), idOf('新活动')]);
  const left = (await readStore<{ id: string }>(dash, 'categories')).map((c) => c.id);
  expect(left).toContain(idOf('新活动'));
  expect(left).not.toContain(idOf('旧活动'));
  expect(left).not.toContain(idOf('空'));
  await expect(row('新活动')).toContainText('(2)');
  // The sidebar's category list no longer offers the deleted ones.
  await expect(sidebar.getByTestId('category').filter({ hasText: `${tag} 新活动` })).toHaveCount(1);
  await expect(sidebar.getByTestId('category').filter({ hasText: `${tag} 旧活动` })).toHaveCount(0);
  await dash.close();
});

test('library (UI in 简体中文): the category chosen for the move is deleted in another tab while the delete panel is open — said in Chinese, nothing moved, another can be chosen', async ({ ext }) => {
  const tag = `gone${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    const rows = dash.getByTestId('category-row');
    for (const name of [`${tag} 旧`, `${tag} 甲`, `${tag} 乙`]) {
      const n = await rows.count();
      await dash.getByTestId('category-new-name').fill(name);
      await dash.getByTestId('category-create').click();
      await expect(rows).toHaveCount(n + 1);
    }
    const cats = await readStore<{ id: string; name: string }>(dash, 'categories');
    const idOf = (name: string) => cats.find((c) => c.name === `${tag} ${name}`)!.id;
    await seedReplies(ext, [{ id: `${tag}-a`, title: `${tag} 满减`, shortcut: '', categoryId: idOf('旧'), body: { 'zh-CN': '满300减30', 'zh-TW': '', en: '' } }]);
    const row = (name: string) => dash.locator(`[data-testid="category-row"][data-category="${idOf(name)}"]`);
    await row('旧').getByTestId('category-delete').click();
    const panel = dash.getByTestId('category-delete-panel');
    const target = panel.getByTestId('category-delete-target');

    // 甲 goes from the store before this page hears of it (the other tab's delete lands as the seller clicks).
    await target.selectOption(idOf('甲'));
    await deleteRow(dash, 'categories', idOf('甲'));
    await panel.getByTestId('category-delete-confirm').click();
    const said = panel.getByTestId('category-delete-error');
    await expect(said).toHaveText(`分类“${tag} 甲”刚刚已被删除（可能在其他标签页），没有移动任何回复。请另选一个分类。`);
    await expect(said).not.toContainText(/does not exist|category/i);
    await expect(target).toHaveValue('');
    await expect(panel.getByTestId('category-delete-confirm')).toBeDisabled();

    // 乙, chosen, deleted from a second dashboard tab: this page follows and says so.
    await target.selectOption(idOf('乙'));
    const other = await openDashboard(ext);
    await other.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    other.once('dialog', (d) => void d.accept());
    await other.locator(`[data-testid="category-row"][data-category="${idOf('乙')}"]`).getByTestId('category-delete').click();
    await expect(other.locator(`[data-testid="category-row"][data-category="${idOf('乙')}"]`)).toHaveCount(0);
    await other.close();
    await expect(said).toHaveText(`分类“${tag} 乙”刚刚已被删除（可能在其他标签页），没有移动任何回复。请另选一个分类。`);
    await expect(target).toHaveValue('');
    // Nothing moved, 旧 is still there with its reply.
    expect((await readStore<{ id: string; categoryId: string }>(dash, 'replies')).find((r) => r.id === `${tag}-a`)?.categoryId).toBe(idOf('旧'));
    expect((await readStore<{ id: string }>(dash, 'categories')).map((c) => c.id)).toContain(idOf('旧'));
    await panel.getByTestId('category-delete-cancel').first().click();
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library: two replies stored sharing a shortcut (before the rule) are marked, naming the one Tab inserts; the mark opens the editor on the shortcut and a changed shortcut ends it', async ({ ext }) => {
  const tag = `cl${Date.now().toString(36)}`;
  // As a library saved before shortcuts had to be unique holds them: written straight to IndexedDB. The
  // upper-case one is the team's most used: Tab inserts it (most used, then older, then smaller id). Written
  // with the seed, before any dashboard is open: a raw write after the Library had read the store is seen
  // by no live query (a full run read the clash from before it, "Tab inserts this reply" on the other one).
  await seedReplies(ext, [
    { id: `${tag}-old`, title: `${tag} 发货时间`, shortcut: tag, body: { 'zh-CN': '今天发货', 'zh-TW': '', en: '' } },
    { id: `${tag}-used`, title: `${tag} 大写`, shortcut: tag.toUpperCase(), body: { 'zh-CN': '【大写】', 'zh-TW': '', en: '' }, usageCount: 5 },
  ]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  // In the singular for one shortcut (it read "1 shortcut(s) belong"); other specs in this browser may have left more.
  await expect(dash.getByTestId('library-clash-summary')).toHaveText(/^(1 shortcut belongs|([02-9]|\d\d+) shortcuts belong) to more than one reply/);
  await dash.getByTestId('library-filter').fill(tag);
  const rowOf = (title: string) => dash.getByTestId('library-reply').filter({ has: dash.getByTestId('library-reply-title').filter({ hasText: title }) });
  const oldMark = rowOf(`${tag} 发货时间`).getByTestId('library-shortcut-clash');
  const usedMark = rowOf(`${tag} 大写`).getByTestId('library-shortcut-clash');
  await expect(oldMark).toHaveAttribute('title', `Shortcut “${tag}” is also on “${tag} 大写”: Tab inserts “${tag} 大写”, not this reply. Change one of the shortcuts.`);
  await expect(oldMark).toHaveAttribute('data-tab-uses', 'false');
  await expect(usedMark).toHaveAttribute('title', `Shortcut “${tag.toUpperCase()}” is also on “${tag} 发货时间”: Tab inserts this reply. Change one of the shortcuts.`);
  await expect(usedMark).toHaveAttribute('data-tab-uses', 'true');
  // The fix: the mark opens the editor on the shortcut.
  await oldMark.click();
  const shortcut = dash.getByTestId('editor-shortcut');
  await expect(shortcut).toBeFocused();
  await expect(shortcut).toHaveValue(tag);
  await shortcut.fill(`${tag}2`);
  await dash.getByTestId('editor-save').click();
  await expect(dash.getByTestId('editor-shortcut')).toHaveCount(0);
  await expect(rowOf(`${tag} 发货时间`).getByTestId('library-shortcut-clash')).toHaveCount(0);
  await expect(rowOf(`${tag} 大写`).getByTestId('library-shortcut-clash')).toHaveCount(0);
  await expect(rowOf(`${tag} 大写`)).toContainText('【大写】');
  await dash.close();
});

test('library on a 1366×768 office laptop: a long title or category name stays inside its row (clipped, whole in its tooltip), never over the next row', async ({ ext }) => {
  const tag = `wide${Date.now().toString(36)}`;
  const title = `${tag} Ask the buyer to confirm a demand in writing before we agree to anything`;
  await seedReplies(ext, [{ id: `${tag}-long`, title, shortcut: '', categoryId: 'xiaoer-cat-complaint', body: { 'zh-CN': '', 'zh-TW': '', en: 'Please confirm in writing.' } }]);
  const dash = await openDashboard(ext);
  await dash.setViewportSize({ width: 1366, height: 768 });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await dash.getByTestId('library-filter').fill(tag);
  const row = dash.getByTestId('library-reply').filter({ hasText: tag });
  await expect(row).toHaveCount(1);
  // Every cell's content ends inside the row's box: the rows are 34 px high and placed one under the
  // other, so a title or category wrapped to a second line was drawn over the next reply's row.
  const spill = await row.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll('*')]
      .map((c) => ({ text: (c.textContent ?? '').slice(0, 40), bottom: c.getBoundingClientRect().bottom }))
      .filter((c) => c.bottom > box.bottom + 0.5)
      .map((c) => `${c.text} ends ${Math.round(c.bottom - box.bottom)} px below its row`);
  });
  expect(spill).toEqual([]);
  // What is clipped is still there to read.
  await expect(row.getByTestId('library-reply-title')).toHaveAttribute('title', title);
  await dash.close();
});

test('library import: a double click on Import imports once and says what came in (was "0 new, 0 updated" from the second run)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const tag = `dbl${Date.now().toString(36)}`;
  const file = {
    format: 'xiaoer.replies',
    version: 1,
    replies: [1, 2, 3].map((i) => ({ title: `${tag} 活动回复 ${i}`, shortcut: `${tag}${i}`, category: `${tag} 大促`, body: { 'zh-CN': `活动第${i}条` } })),
  };
  await chooseFile(dash.getByTestId('replies-import'), 'campaign.json', JSON.stringify(file));
  await expect(dash.getByTestId('import-counts')).toContainText('3 new');
  await dash.getByTestId('import-apply').dblclick();
  await expect(dash.getByTestId('import-done')).toBeVisible();
  // Whatever the second click did has settled by the time the library lists the new replies.
  await dash.getByTestId('library-filter').fill(tag);
  await expect(dash.getByTestId('library-reply')).toHaveCount(3);
  await expect(dash.getByTestId('import-done')).toContainText('3 new');
  const stored = (await readStore<{ title: string }>(dash, 'replies')).filter((r) => r.title.startsWith(tag));
  expect(stored).toHaveLength(3);
  await dash.close();
});

test('library: a double click on Save of a new reply without a shortcut stores one reply (was two of the same)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const title = `双击保存 ${Date.now().toString(36)}`;
  await dash.getByTestId('library-new-reply').click();
  await dash.getByTestId('editor-title').fill(title);
  await dash.getByTestId('editor-body-zh-CN').fill('亲，您好，请问有什么可以帮您？');
  await dash.getByTestId('editor-save').dblclick();
  await expect(dash.getByTestId('reply-editor')).toHaveCount(0);
  await dash.getByTestId('library-filter').fill(title);
  await expect(dash.getByTestId('library-reply')).toHaveCount(1);
  await expect.poll(async () => (await readStore<{ title: string }>(dash, 'replies')).filter((r) => r.title === title).length).toBe(1);
  await dash.close();
});

test('library: a double click on Add category creates it once, with no "already a category named" error', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const name = `双击分类 ${Date.now().toString(36)}`;
  const rows = dash.getByTestId('category-row');
  const before = await rows.count();
  await dash.getByTestId('category-new-name').fill(name);
  await dash.getByTestId('category-create').dblclick();
  await expect(rows).toHaveCount(before + 1);
  await expect(dash.getByTestId('category-new-name')).toHaveValue('');
  // Both clicks' writes have answered once the store holds the category and the list shows it.
  await expect.poll(async () => (await readStore<{ name: string }>(dash, 'categories')).filter((c) => c.name === name).length).toBe(1);
  await expect(dash.getByTestId('category-error')).toHaveCount(0);
  await dash.close();
});

test('library on a 1366×768 office laptop: the reply editor puts each label over its field and gives each language a wide box to write in (was one wrapped line of 140 px boxes)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.setViewportSize({ width: 1366, height: 768 });
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  await dash.getByTestId('library-new-reply').click();
  const editor = dash.getByTestId('reply-editor');
  await expect(editor).toBeVisible();
  const layout = await editor.evaluate((form) => {
    const panel = form.closest('fieldset')!.getBoundingClientRect();
    return [...form.querySelectorAll('label')].map((label) => {
      const field = label.querySelector('input, select, textarea')!;
      const l = label.getBoundingClientRect();
      const f = field.getBoundingClientRect();
      // The label's own words: the text before its field.
      const words = document.createRange();
      words.setStartBefore(label.firstChild!);
      words.setEndBefore(field);
      const w = words.getBoundingClientRect();
      return { id: field.getAttribute('data-testid'), wordsAbove: w.bottom <= f.top + 1, fieldWidth: Math.round(f.width), inside: l.left >= panel.left && l.right <= panel.right };
    });
  });
  for (const f of layout) {
    expect(f.wordsAbove, `${f.id}: label over its field`).toBe(true);
    expect(f.inside, `${f.id}: inside the panel`).toBe(true);
  }
  // A reply is a paragraph or two: each language's box is at least 300 px wide.
  for (const f of layout.filter((x) => x.id?.startsWith('editor-body-'))) expect(f.fieldWidth, f.id!).toBeGreaterThanOrEqual(300);
  await dash.getByTestId('reply-editor').getByRole('button', { name: 'Cancel' }).click();
  await dash.close();
});

test('library (UI in 简体中文): Save on a reply deleted meanwhile in another tab says so in Chinese, not "This reply was deleted meanwhile."', async ({ ext }) => {
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    const tag = `gone${Date.now().toString(36)}`;
    await seedReplies(ext, [{ id: `${tag}-r`, title: `${tag} 催付款`, shortcut: '', body: { 'zh-CN': '亲，订单还没有付款哦', 'zh-TW': '', en: '' } }]);
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await dash.getByTestId('library-filter').fill(tag);
    await dash.getByTestId('library-reply-title').filter({ hasText: tag }).click();
    await dash.getByTestId('editor-body-zh-CN').fill('亲，订单还没有付款哦，今天付款今天发货～');
    // Another tab (the sidebar on a chat page) deletes it while the supervisor is still typing.
    await ask(dash, 'reply:delete', { ids: [`${tag}-r`] });
    await dash.getByTestId('editor-save').click();
    const error = dash.getByTestId('editor-error');
    await expect(error).toBeVisible();
    await expect(error).not.toContainText('deleted meanwhile');
    await expect(error).toContainText('已');
    expect((await readStore<{ id: string }>(dash, 'replies')).some((r) => r.id === `${tag}-r`)).toBe(false);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library usage: "least used" lists replies used equally rarely in A→Z order, as "most used" does (was Z→A)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  const least = dash.getByTestId('usage-least').locator('li');
  await expect(least).toHaveCount(10);
  const rows = (await least.allTextContents()).map((text) => {
    const m = /^(.*) — used (\d+)×/.exec(text)!;
    return { title: m[1]!, n: Number(m[2]) };
  });
  const expected = [...rows].sort((a, b) => a.n - b.n || new Intl.Collator('en').compare(a.title, b.title));
  expect(rows).toEqual(expected);
  await dash.close();
});

test('library: the category the reply list is filtered by is deleted — the list shows every reply under "All" (it showed "All" over an empty list); a move target deleted is chosen again', async ({ ext }) => {
  const tag = `flt${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const rows = dash.getByTestId('category-row');
  for (const name of [`${tag} 旧活动`, `${tag} 新活动`]) {
    const n = await rows.count();
    await dash.getByTestId('category-new-name').fill(name);
    await dash.getByTestId('category-create').click();
    await expect(rows).toHaveCount(n + 1);
  }
  const cats = await readStore<{ id: string; name: string }>(dash, 'categories');
  const idOf = (name: string) => cats.find((c) => c.name === `${tag} ${name}`)!.id;
  await seedReplies(ext, [{ id: `${tag}-a`, title: `${tag} 满减`, shortcut: '', categoryId: idOf('旧活动'), body: { 'zh-CN': '满300减30', 'zh-TW': '', en: '' } }]);
  // Written behind Dexie's back (raw IndexedDB): read again.
  await dash.reload();
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  await dash.getByTestId('library-filter-category').selectOption(idOf('旧活动'));
  await expect(dash.getByTestId('library-reply')).toHaveCount(1);
  // The bulk move's target is the other new category, ticked reply ready to go.
  await dash.getByTestId('library-move-target').selectOption(idOf('新活动'));
  await dash.getByTestId('library-reply-select').first().check();

  await dash.locator(`[data-testid="category-row"][data-category="${idOf('旧活动')}"]`).getByTestId('category-delete').click();
  await dash.getByTestId('category-delete-target').selectOption(idOf('新活动'));
  await dash.getByTestId('category-delete-confirm').click();
  await expect(dash.locator(`[data-testid="category-row"][data-category="${idOf('旧活动')}"]`)).toHaveCount(0);
  await expect(dash.getByTestId('library-filter-category')).toHaveValue('');
  await expect(dash.getByTestId('library-reply').first()).toBeVisible();
  await dash.getByTestId('library-filter').fill(tag);
  await expect(dash.getByTestId('library-reply')).toHaveCount(1);

  // The move target deleted meanwhile: the select asks again and Move waits for a choice (it looked ready and did nothing).
  await dash.locator(`[data-testid="category-row"][data-category="${idOf('新活动')}"]`).getByTestId('category-delete').click();
  await dash.getByTestId('category-delete-target').selectOption({ index: 1 });
  await dash.getByTestId('category-delete-confirm').click();
  await expect(dash.locator(`[data-testid="category-row"][data-category="${idOf('新活动')}"]`)).toHaveCount(0);
  await expect(dash.getByTestId('library-move-target')).toHaveValue('');
  await expect(dash.getByTestId('library-bulk-move')).toBeDisabled();
  await dash.close();
});

test('library filter finds what the sidebar search finds: pinyin initials, full pinyin, 繁體 for 简体 and back (was a plain substring match — "thh" or 發貨 found nothing)', async ({ ext }) => {
  const tag = `py${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-return`, title: `${tag} 退换货运费`, shortcut: '', body: { 'zh-CN': '退换货的运费由我们承担', 'zh-TW': '', en: '' } },
    { id: `${tag}-ship`, title: `${tag} 發貨時間`, shortcut: '', body: { 'zh-CN': '', 'zh-TW': '48小時內發貨', en: '' } },
    { id: `${tag}-other`, title: `${tag} 开发票`, shortcut: '', body: { 'zh-CN': '可以开电子发票', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  const titles = dash.getByTestId('library-reply-title');
  const filter = dash.getByTestId('library-filter');
  await filter.fill(tag);
  await expect(titles).toHaveCount(3);
  // Pinyin initials of the title, as typed in the sidebar.
  await filter.fill(`${tag} thh`);
  await expect(titles).toHaveText([`${tag} 退换货运费`]);
  // Full pinyin.
  await filter.fill(`${tag} fahuo`);
  await expect(titles).toHaveText([`${tag} 發貨時間`]);
  // Simplified finds the traditional title, traditional finds the simplified one.
  await filter.fill(`${tag} 发货`);
  await expect(titles).toHaveText([`${tag} 發貨時間`]);
  await filter.fill(`${tag} 退換貨`);
  await expect(titles).toHaveText([`${tag} 退换货运费`]);
  // Select-all and the bulk actions take what the filter shows.
  await dash.getByTestId('library-select-all').check();
  await expect(dash.getByTestId('library-bulk')).toContainText('1 selected');
  await dash.close();
});

test('library import: a reply whose shortcut was changed in the file updates that reply, as the preview says (a re-import added a second copy)', async ({ ext }) => {
  const tag = `rs${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-ship`, title: `${tag} 发货时间`, shortcut: `${tag}fh`, usageCount: 7, body: { 'zh-CN': '48小时内发货', 'zh-TW': '', en: '' } }]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const file = { format: 'xiaoer.replies', version: 1, replies: [{ title: `${tag} 发货时间`, shortcut: `${tag}ship`, body: { 'zh-CN': '大促期间72小时内发货' } }] };
  await chooseFile(dash.getByTestId('replies-import'), 'team.json', JSON.stringify(file));
  await expect(dash.getByTestId('import-counts')).toContainText('0 new');
  await expect(dash.getByTestId('import-counts')).toContainText('1 updated');
  await expect(dash.getByTestId('import-match-rule')).toContainText('with a shortcut no reply has yet, updates the reply with the same title');
  await dash.getByTestId('import-apply').click();
  await expect(dash.getByTestId('import-done')).toBeVisible();
  const mine = (await readStore<{ id: string; title: string; shortcut: string; usageCount: number }>(dash, 'replies')).filter((r) => r.title.startsWith(tag));
  expect(mine).toEqual([expect.objectContaining({ id: `${tag}-ship`, shortcut: `${tag}ship`, usageCount: 7 })]);
  await dash.close();
});

test('library import (UI in 简体中文): a hand-edited export with a wrong field is refused naming its line and field, and nothing is written (was the field path alone)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    const tag = `ln${Date.now().toString(36)}`;
    const stored = async () => (await readStore<{ title: string }>(dash, 'replies')).length;
    const count = await stored();
    const file = {
      format: 'xiaoer.replies',
      version: 1,
      replies: [
        { title: `${tag} 发货时间`, shortcut: `${tag}fh`, category: '物流', tags: ['发货'], body: { 'zh-CN': '48小时内发货', en: 'Ships in 48h' } },
        { title: `${tag} 退款`, body: { 'zh-CN': '已退款', en: 5 } },
      ],
    };
    // As the dashboard exports it (two-space indent): replies[1].body.en is on line 21.
    await chooseFile(dash.getByTestId('replies-import'), 'team.json', JSON.stringify(file, null, 2));
    await expect(dash.getByTestId('import-error')).toContainText('第 21 行第 15 列（字段 replies[1].body.en）：应为文本');
    // Chinese runs on after its full-width colon (it read "未做任何更改： 第 21 行", an English space in Chinese).
    await expect(dash.getByTestId('import-error')).toHaveText('“team.json”未导入，未做任何更改：第 21 行第 15 列（字段 replies[1].body.en）：应为文本');
    await expect(dash.getByTestId('import-preview')).toHaveCount(0);
    expect(await stored()).toBe(count);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library on a 1366×768 office laptop: the ↑↓✕ of every category line up whatever its count (a two-digit count pushed them right), and the filter shows its whole hint in each language (English was cut off)', async ({ ext }) => {
  const tag = `col${Date.now().toString(36)}`;
  // Two-digit counts: twelve more replies in one category.
  await seedReplies(ext, Array.from({ length: 12 }, (_, i) => ({ id: `${tag}-${i}`, title: `${tag} 投诉 ${i}`, shortcut: '', categoryId: 'xiaoer-cat-complaint', body: { 'zh-CN': '非常抱歉', 'zh-TW': '', en: '' } })));
  const dash = await openDashboard(ext);
  await dash.setViewportSize({ width: 1366, height: 768 });
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    for (const lang of ['en', 'zh-CN', 'zh-TW']) {
      await setUiLang(dash, ext.id, lang);
      await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
      await expect(dash.getByTestId('library-count')).not.toHaveText('…');
      await expect(dash.getByTestId('category-row').filter({ hasText: /\(\d\d+\)/ }).first()).toBeVisible();
      for (const id of ['category-up', 'category-down', 'category-delete']) {
        const lefts = await dash.getByTestId(id).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
        expect(new Set(lefts).size, `${lang} ${id} ${lefts.join(',')}`).toBe(1);
      }
      // The hint as text in the box: does it fit without scrolling? (The placeholder is drawn the same way.)
      const hint = await dash.getByTestId('library-filter').evaluate((el: HTMLInputElement) => {
        el.value = el.placeholder;
        const cut = el.scrollWidth > el.clientWidth;
        el.value = '';
        return { cut, hint: el.placeholder };
      });
      expect(hint.cut, `${lang}: “${hint.hint}” is cut off`).toBe(false);
    }
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library filter: nothing matching says so, and a match shows its rows (an empty box said nothing — while the first search was still indexing it read as "no match")', async ({ ext }) => {
  const tag = `nm${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' } }]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  const status = dash.getByTestId('library-filter-status');
  await dash.getByTestId('library-filter').fill(`${tag} qqqzzz`);
  await expect(status).toHaveText('No reply matches.');
  await expect(dash.getByTestId('library-reply')).toHaveCount(0);
  await dash.getByTestId('library-filter').fill(`${tag} cuifahuo`);
  await expect(dash.getByTestId('library-reply-title')).toHaveText([`${tag} 催发货`]);
  await expect(status).toHaveCount(0);
  await dash.close();
});

test('library import in Replace mode asks before deleting the replies the file lacks — dismissed, nothing changes (one click deleted them without a question)', async ({ ext }) => {
  const tag = `rep${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-keep`, title: `${tag} 老客户问候`, shortcut: '', body: { 'zh-CN': '欢迎回来', 'zh-TW': '', en: '' } }]);
  const dash = await openDashboard(ext);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
  await expect(dash.getByTestId('library-count')).not.toHaveText('…');
  const ids = async () => (await readStore<{ id: string }>(dash, 'replies')).map((r) => r.id).sort();
  const before = await ids();
  const file = { format: 'xiaoer.replies', version: 1, replies: [{ title: `${tag} 新话术`, body: { 'zh-CN': '新的' } }] };
  await chooseFile(dash.getByTestId('replies-import'), 'only-one.json', JSON.stringify(file));
  await dash.getByTestId('import-mode-replace').check();
  await expect(dash.getByTestId('import-counts')).toContainText(`${before.length} removed`);
  let asked = '';
  dash.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await dash.getByTestId('import-apply').click();
  await expect.poll(() => asked).toBe(`Replace the library with “only-one.json”? ${before.length} replies not in the file will be deleted, with their usage figures. This cannot be undone.`);
  await expect(dash.getByTestId('import-preview')).toBeVisible();
  await expect(dash.getByTestId('import-done')).toHaveCount(0);
  expect(await ids()).toEqual(before);
  // Merge deletes nothing: it imports without a question (a dialog would fail the click's wait here).
  // (Replace confirmed is not run: this browser's other tests use the library it would delete.)
  await dash.getByTestId('import-mode-merge').check();
  await dash.getByTestId('import-apply').click();
  await expect(dash.getByTestId('import-done')).toContainText('1 new');
  expect(await ids()).toHaveLength(before.length + 1);
  await dash.close();
});

test('library import preview names WHICH replies are updated, take a new shortcut and (Replace) are removed, in English and Chinese (it gave counts only)', async ({ ext }) => {
  const tag = `wh${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-ship`, title: `${tag} 发货时间`, shortcut: `${tag}fh`, body: { 'zh-CN': '48小时内发货', 'zh-TW': '', en: '' } },
    { id: `${tag}-refund`, title: `${tag} 退款`, shortcut: `${tag}tk`, body: { 'zh-CN': '已退款', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    const stored = (await readStore<{ id: string }>(dash, 'replies')).length;
    const file = {
      format: 'xiaoer.replies',
      version: 1,
      replies: [
        { title: `${tag} 发货时间`, shortcut: `${tag}fh`, body: { 'zh-CN': '大促期间72小时内发货' } },
        // The supervisor changed this shortcut in the file: the reply of that title takes it.
        { title: `${tag} 退款`, shortcut: `${tag}refund`, body: { 'zh-CN': '已退款' } },
        { title: `${tag} 新话术`, body: { 'zh-CN': '新的' } },
      ],
    };
    const choose = () => chooseFile(dash.getByTestId('replies-import'), 'team.json', JSON.stringify(file));
    await choose();
    await expect(dash.getByTestId('import-updated-titles')).toHaveText(`“${tag} 发货时间”, “${tag} 退款”`);
    await expect(dash.getByTestId('import-shortcut-titles')).toHaveText(`“${tag} 退款” → ${tag}refund`);
    await expect(dash.getByTestId('import-counts')).toContainText(`1 matched by title takes the file's shortcut:`);
    await expect(dash.getByTestId('import-removed-titles')).toHaveCount(0);
    // Replace: the replies the file lacks are named — the first ten, then how many more.
    await dash.getByTestId('import-mode-replace').check();
    await expect(dash.getByTestId('import-removed-titles')).toHaveText(new RegExp(`^(“[^”]+”, ){9}“[^”]+” and ${stored - 2 - 10} more$`));
    await expect(dash.getByTestId('import-removed-titles')).not.toContainText(tag);

    await setUiLang(dash, ext.id, 'zh-CN');
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    await choose();
    await expect(dash.getByTestId('import-updated-titles')).toHaveText(`“${tag} 发货时间”、“${tag} 退款”`);
    await expect(dash.getByTestId('import-counts')).toContainText('1 条按标题匹配，改用文件中的快捷码：');
    await dash.getByTestId('import-mode-replace').check();
    await expect(dash.getByTestId('import-removed-titles')).toHaveText(new RegExp(`^(“[^”]+”、){9}“[^”]+”，另有 ${stored - 2 - 10} 条$`));
    // Nothing was applied: the preview only.
    expect((await readStore<{ id: string }>(dash, 'replies')).length).toBe(stored);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library count says "N of M replies" while the filter narrows the list, and the whole count again once it is cleared (it kept the whole library\'s total over 3 rows)', async ({ ext }) => {
  const tag = `cnt${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', categoryId: 'xiaoer-cat-complaint', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 发货延迟`, shortcut: '', body: { 'zh-CN': '抱歉，发货延迟了', 'zh-TW': '', en: '' } },
    { id: `${tag}-c`, title: `${tag} 换货`, shortcut: '', body: { 'zh-CN': '可以换货', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const count = dash.getByTestId('library-count');
    await expect(count).not.toHaveText('…');
    const total = (await readStore<{ id: string }>(dash, 'replies')).length;
    await expect(count).toHaveText(`${total} replies`);
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(3);
    await expect(count).toHaveText(`3 of ${total} replies`);
    await dash.getByTestId('library-filter-category').selectOption('xiaoer-cat-complaint');
    await expect(dash.getByTestId('library-reply')).toHaveCount(1);
    await expect(count).toHaveText(`1 of ${total} replies`);
    await dash.getByTestId('library-filter').fill('');
    const inCategory = (await readStore<{ categoryId: string }>(dash, 'replies')).filter((r) => r.categoryId === 'xiaoer-cat-complaint').length;
    await expect(count).toHaveText(`${inCategory} of ${total} replies`);
    await dash.getByTestId('library-filter-category').selectOption('');
    await expect(count).toHaveText(`${total} replies`);

    await setUiLang(dash, ext.id, 'zh-CN');
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(count).toHaveText(`共 ${total} 条回复`);
    await dash.getByTestId('library-filter').fill(tag);
    await expect(count).toHaveText(`显示 3 条，共 ${total} 条回复`);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library export (UI in 简体中文): a failed Export JSON or Export CSV says so in Chinese (CSV showed the browser\'s raw English, JSON nothing at all)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    // A failure injected where the browser makes the file's blob URL: the error path, whatever the cause.
    await dash.evaluate(() => {
      URL.createObjectURL = () => {
        throw new TypeError('Failed to execute createObjectURL');
      };
    });
    const error = dash.getByTestId('export-error');
    await dash.getByTestId('replies-export-json').click();
    await expect(error).toHaveText('失败：Failed to execute createObjectURL');
    await dash.getByTestId('replies-export-csv').click();
    await expect(error).toHaveText('失败：Failed to execute createObjectURL');
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library (UI in 简体中文): a bulk Move or Delete the store refuses says so in Chinese, keeps the ticks and changes nothing (it said nothing, as if done); once the store takes it, it goes', async ({ ext }) => {
  const tag = `bf${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 发货延迟`, shortcut: '', body: { 'zh-CN': '抱歉，发货延迟了', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(2);
    await dash.getByTestId('library-select-all').check();
    await expect(dash.getByTestId('library-bulk')).toContainText('已选 2 条');
    // The store refuses every write, as a broken or full profile's IndexedDB does.
    await dash.evaluate(() => {
      const w = window as unknown as { realWrites: unknown };
      w.realWrites = { put: IDBObjectStore.prototype.put, del: IDBObjectStore.prototype.delete, cput: IDBCursor.prototype.update, cdel: IDBCursor.prototype.delete };
      const refuse = function (): never {
        throw new DOMException('Internal error writing to the backing store.', 'UnknownError');
      };
      IDBObjectStore.prototype.put = refuse;
      IDBObjectStore.prototype.delete = refuse;
      IDBCursor.prototype.update = refuse;
      IDBCursor.prototype.delete = refuse;
    });
    const error = dash.getByTestId('library-bulk-error');
    await dash.getByTestId('library-move-target').selectOption('xiaoer-cat-complaint');
    await dash.getByTestId('library-bulk-move').click();
    await expect(error).toContainText('失败：');
    await expect(error).toContainText('backing store');
    await expect(dash.getByTestId('library-select-all')).toBeChecked();
    dash.once('dialog', (d) => void d.accept());
    await dash.getByTestId('library-bulk-delete').click();
    await expect(error).toContainText('失败：');
    await expect(error).toContainText('backing store');
    // Nothing changed: both replies still listed, in their category, still ticked for another try.
    await expect(dash.getByTestId('library-reply')).toHaveCount(2);
    await expect(dash.getByTestId('library-bulk')).toContainText('已选 2 条');
    const mine = async () => (await readStore<{ id: string; categoryId: string }>(dash, 'replies')).filter((r) => r.id.startsWith(tag)).map((r) => `${r.id}:${r.categoryId}`).sort();
    expect(await mine()).toEqual([`${tag}-a:greeting`, `${tag}-b:greeting`]);
    // The store takes writes again: the same click deletes them, and the error line goes.
    await dash.evaluate(() => {
      const real = (window as unknown as { realWrites: { put: typeof IDBObjectStore.prototype.put; del: typeof IDBObjectStore.prototype.delete; cput: typeof IDBCursor.prototype.update; cdel: typeof IDBCursor.prototype.delete } }).realWrites;
      IDBObjectStore.prototype.put = real.put;
      IDBObjectStore.prototype.delete = real.del;
      IDBCursor.prototype.update = real.cput;
      IDBCursor.prototype.delete = real.cdel;
    });
    dash.once('dialog', (d) => void d.accept());
    await dash.getByTestId('library-bulk-delete').click();
    await expect.poll(mine).toEqual([]);
    await expect(error).toHaveCount(0);
  } finally {
    // From a page whose store writes (this one's may still refuse them).
    await dash.close();
    const again = await openDashboard(ext);
    await setUiLang(again, ext.id, previous);
    await again.close();
  }
});

test('library import preview names the NEW replies too — the first ten, then how many more — in English, 简体 and 繁體 (it named updated and removed ones only)', async ({ ext }) => {
  const tag = `nw${Date.now().toString(36)}`;
  await seedReplies(ext, [{ id: `${tag}-ship`, title: `${tag} 发货时间`, shortcut: `${tag}fh`, body: { 'zh-CN': '48小时内发货', 'zh-TW': '', en: '' } }]);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  const fresh = Array.from({ length: 12 }, (_, i) => `${tag} 新话术 ${String(i + 1).padStart(2, '0')}`);
  const file = {
    format: 'xiaoer.replies',
    version: 1,
    replies: [{ title: `${tag} 发货时间`, shortcut: `${tag}fh`, body: { 'zh-CN': '大促期间72小时内发货' } }, ...fresh.map((title) => ({ title, body: { 'zh-CN': title } }))],
  };
  const cases: [string, (title: string) => string, string, string][] = [
    ['en', (t) => `“${t}”`, ', ', ' and 2 more'],
    ['zh-CN', (t) => `“${t}”`, '、', '，另有 2 条'],
    ['zh-TW', (t) => `「${t}」`, '、', '，另有 2 則'],
  ];
  try {
    for (const [lang, quote, sep, more] of cases) {
      await setUiLang(dash, ext.id, lang);
      await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
      await expect(dash.getByTestId('library-count')).not.toHaveText('…');
      await chooseFile(dash.getByTestId('replies-import'), 'team.json', JSON.stringify(file));
      await expect(dash.getByTestId('import-added-titles'), lang).toHaveText(fresh.slice(0, 10).map(quote).join(sep) + more);
      // The updated one is named where it was, and not as new.
      await expect(dash.getByTestId('import-updated-titles'), lang).toHaveText(quote(`${tag} 发货时间`));
    }
    // Nothing was applied: the preview only.
    expect((await readStore<{ title: string }>(dash, 'replies')).filter((r) => r.title.startsWith(`${tag} 新话术`))).toEqual([]);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

/** Three replies titled `<tag> …`: a filter by the tag lists all three, by "<tag> 换货" one. */
async function seedSearchTrio(ext: Parameters<typeof seedReplies>[0], tag: string): Promise<void> {
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 发货延迟`, shortcut: '', body: { 'zh-CN': '抱歉，发货延迟了', 'zh-TW': '', en: '' } },
    { id: `${tag}-c`, title: `${tag} 换货`, shortcut: '', body: { 'zh-CN': '可以换货', 'zh-TW': '', en: '' } },
  ]);
}

/** The page's questions to the search worker are held from now on, until releaseSearchAnswers (a slow search). */
async function holdSearchAnswers(dash: Page): Promise<void> {
  await dash.evaluate(() => {
    const w = window as unknown as { held: [Worker, unknown][]; release: () => void };
    const real = Worker.prototype.postMessage;
    w.held = [];
    Worker.prototype.postMessage = function (this: Worker, m: unknown) {
      w.held.push([this, m]);
    } as typeof Worker.prototype.postMessage;
    w.release = () => {
      Worker.prototype.postMessage = real;
      for (const [worker, m] of w.held) real.call(worker, m);
    };
  });
}

async function releaseSearchAnswers(dash: Page): Promise<void> {
  await dash.evaluate(() => (window as unknown as { release: () => void }).release());
}

test('library count while a typed filter is still being searched says so, not the previous filter\'s "N of M" (it showed "3 of 60" over a search that then found 1)', async ({ ext }) => {
  const tag = `sc${Date.now().toString(36)}`;
  await seedSearchTrio(ext, tag);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const count = dash.getByTestId('library-count');
    await expect(count).not.toHaveText('…');
    const total = (await readStore<{ id: string }>(dash, 'replies')).length;
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(3);
    await expect(count).toHaveText(`3 of ${total} replies`);
    // The search worker answers late (a large library still indexing, a busy laptop): its questions are held.
    await holdSearchAnswers(dash);
    await dash.getByTestId('library-filter').fill(`${tag} 换货`);
    await expect(count).toHaveText(`Searching… (${total} replies)`);
    await releaseSearchAnswers(dash);
    await expect(count).toHaveText(`1 of ${total} replies`);
    await expect(dash.getByTestId('library-reply')).toHaveCount(1);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library: Select all waits while a typed filter is still being searched (it ticked the previous search\'s rows, which Delete then took)', async ({ ext }) => {
  const tag = `sa${Date.now().toString(36)}`;
  await seedSearchTrio(ext, tag);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(3);
    const selectAll = dash.getByTestId('library-select-all');
    await expect(selectAll).toBeEnabled();
    await holdSearchAnswers(dash);
    await dash.getByTestId('library-filter').fill(`${tag} 换货`);
    await expect(dash.getByTestId('library-count')).toHaveText(/^Searching…/);
    // The three rows of the previous search are still listed, but Select all would tick them for this one.
    await expect(dash.getByTestId('library-reply')).toHaveCount(3);
    await expect(selectAll).toBeDisabled();
    await releaseSearchAnswers(dash);
    await expect(dash.getByTestId('library-reply')).toHaveCount(1);
    await expect(selectAll).toBeEnabled();
    await selectAll.check();
    await expect(dash.getByTestId('library-bulk').getByText('1 selected')).toBeVisible();
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library (UI in 简体中文): a category rename, symbol or reorder the store refuses says so in Chinese and nothing changes (it said nothing and the field looked saved); Enter on the same name tries again', async ({ ext }) => {
  const tag = `cf${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const rows = dash.getByTestId('category-row');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();
    await dash.getByTestId('category-new-name').fill(`${tag} 发票`);
    await dash.getByTestId('category-create').click();
    await expect(rows).toHaveCount(before + 1);
    const row = rows.nth(before);
    const stored = async () => (await readStore<{ id: string; name: string; symbol: string; order: number }>(dash, 'categories')).sort((a, b) => a.order - b.order).map((c) => `${c.symbol} ${c.name}`);
    const was = await stored();
    // The store refuses every write, as a broken or full profile's IndexedDB does.
    await dash.evaluate(() => {
      const w = window as unknown as { realPut: typeof IDBObjectStore.prototype.put };
      w.realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('Internal error writing to the backing store.', 'UnknownError');
      };
    });
    const error = dash.getByTestId('category-error');
    const name = row.getByTestId('category-name');
    await name.fill(`${tag} 开票`);
    await name.press('Enter');
    await expect(error).toContainText('失败：');
    await expect(error).toContainText('backing store');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await row.getByTestId('category-symbol').fill('🧾');
    await row.getByTestId('category-symbol').press('Tab');
    await expect(error).toContainText('backing store');
    await row.getByTestId('category-up').click();
    await expect(error).toContainText('backing store');
    expect(await stored()).toEqual(was);
    // The store takes writes again: Enter on the same name stores it (it was taken as saved, and did nothing).
    await dash.evaluate(() => {
      IDBObjectStore.prototype.put = (window as unknown as { realPut: typeof IDBObjectStore.prototype.put }).realPut;
    });
    await name.press('Enter');
    await expect(error).toHaveCount(0);
    await expect.poll(async () => (await readStore<{ name: string }>(dash, 'categories')).map((c) => c.name)).toContain(`${tag} 开票`);
    dash.once('dialog', (d) => void d.accept());
    await row.getByTestId('category-delete').click();
    await expect(rows).toHaveCount(before);
  } finally {
    await dash.close();
    const again = await openDashboard(ext);
    await setUiLang(again, ext.id, previous);
    await again.close();
  }
});

test('library from the keyboard: closing the reply editor (Escape, or Enter to save) puts focus back on that reply in the list, the saved one at the top — it dropped to the top of the page; a new reply closed returns to New reply', async ({ ext }) => {
  const tag = `kb${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  try {
    await dash.setViewportSize({ width: 1366, height: 768 });
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    const title = dash.getByTestId('library-reply-title').nth(5);
    const id = await title.getAttribute('data-reply');
    const was = (await title.textContent())!;
    const focusedReply = () => dash.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.reply ?? document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    await title.focus();
    await dash.keyboard.press('Enter');
    await expect(dash.getByTestId('editor-title')).toBeFocused();
    await dash.keyboard.press('Escape');
    await expect(dash.getByTestId('reply-editor')).toHaveCount(0);
    await expect.poll(focusedReply).toBe(id);
    // Open it again, change the title and save with Enter: the reply, now edited last, is at the top — and focused.
    await dash.keyboard.press('Enter');
    await expect(dash.getByTestId('editor-title')).toBeFocused();
    await dash.getByTestId('editor-title').fill(`${was} ${tag}`);
    await dash.keyboard.press('Enter');
    await expect(dash.getByTestId('reply-editor')).toHaveCount(0);
    await expect(dash.getByTestId('library-reply-title').first()).toHaveText(`${was} ${tag}`);
    await expect.poll(focusedReply).toBe(id);
    await expect(dash.getByTestId('library-reply-title').first()).toBeFocused();
    // Put the title back (the seeded library is shared by this worker's tests).
    await dash.keyboard.press('Enter');
    await dash.getByTestId('editor-title').fill(was);
    await dash.keyboard.press('Enter');
    await expect(dash.getByTestId('library-reply-title').first()).toHaveText(was);
    // New reply, then Escape: back on New reply.
    await dash.getByTestId('library-new-reply').focus();
    await dash.keyboard.press('Enter');
    await expect(dash.getByTestId('editor-title')).toBeFocused();
    await dash.keyboard.press('Escape');
    await expect(dash.getByTestId('library-new-reply')).toBeFocused();
  } finally {
    await dash.close();
  }
});

test('library: New reply while the list is filtered to a category starts in that category, and the saved reply shows in the list the seller is looking at (it started in the first category, and vanished from the filtered list on Save)', async ({ ext }) => {
  const tag = `nc${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    await dash.getByTestId('library-filter-category').selectOption('xiaoer-cat-complaint');
    await dash.getByTestId('library-new-reply').click();
    await expect(dash.getByTestId('editor-category')).toHaveValue('xiaoer-cat-complaint');
    await dash.getByTestId('editor-title').fill(`${tag} 投诉安抚`);
    await dash.getByTestId('editor-body-zh-CN').fill('非常抱歉给您带来不便');
    await dash.getByTestId('editor-save').click();
    await expect(dash.getByTestId('reply-editor')).toHaveCount(0);
    await expect(dash.getByTestId('library-reply-title').filter({ hasText: tag })).toHaveCount(1);
    const mine = (await readStore<{ id: string; title: string; categoryId: string }>(dash, 'replies')).filter((r) => r.title.startsWith(tag));
    expect(mine.map((r) => r.categoryId)).toEqual(['xiaoer-cat-complaint']);
    await deleteRow(dash, 'replies', mine[0]!.id);
    // With no category chosen, a new reply starts in the first one, as before.
    await dash.getByTestId('library-filter-category').selectOption('');
    await dash.getByTestId('library-new-reply').click();
    const first = await dash.getByTestId('category-row').first().getAttribute('data-category');
    await expect(dash.getByTestId('editor-category')).toHaveValue(first!);
  } finally {
    await dash.close();
  }
});

test('library on a 1366×768 office laptop: the "N of M" count is in sight with the rows the filter leaves (it was at the top of the view, a screen above the list)', async ({ ext }) => {
  const tag = `vc${Date.now().toString(36)}`;
  await seedReplies(ext, [
    { id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' } },
    { id: `${tag}-b`, title: `${tag} 发货延迟`, shortcut: '', body: { 'zh-CN': '抱歉，发货延迟了', 'zh-TW': '', en: '' } },
  ]);
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'zh-CN');
  try {
    await dash.setViewportSize({ width: 1366, height: 768 });
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const count = dash.getByTestId('library-count');
    await expect(count).not.toHaveText('…');
    const total = (await readStore<{ id: string }>(dash, 'replies')).length;
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(2);
    // The seller looks at the whole list box (its bottom at the bottom of the screen).
    await dash.getByTestId('library-list').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await expect(dash.getByTestId('library-reply').first()).toBeInViewport();
    await expect(count).toHaveText(`显示 2 条，共 ${total} 条回复`);
    await expect(count).toBeInViewport();
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library (UI in English): the list\'s column over each reply\'s category reads "Category" (it read "Categories", as if it listed several)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-reply').first()).toBeVisible();
    await expect(dash.getByTestId('library-replies').locator('.vhead > span')).toHaveText(['Title', 'Shortcut', 'Category', 'Used', 'Preview']);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library import: a file over the 20 MB limit (a video chosen by mistake) is refused from its size, its bytes not read into the page (they were read whole first)', async ({ ext }) => {
  const dash = await openDashboard(ext);
  const previous = await setUiLang(dash, ext.id, 'en');
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('library-count')).not.toHaveText('…');
    await countFileReads(dash);
    await chooseFile(dash.getByTestId('replies-import'), 'campaign-video.mp4', new Uint8Array(21 * 1024 * 1024));
    await expect(dash.getByTestId('import-error')).toContainText('“campaign-video.mp4” was not imported');
    await expect(dash.getByTestId('import-error')).toContainText('20 MB');
    await expect(dash.getByTestId('import-preview')).toHaveCount(0);
    expect(await fileBytesRead(dash)).toBe(0);
  } finally {
    await setUiLang(dash, ext.id, previous);
    await dash.close();
  }
});

test('library bulk Move: a ticked reply already in the target category stays as it was — it was stamped edited and jumped to the top of the list', async ({ ext }) => {
  const tag = `mv${Date.now().toString(36)}`;
  const old = '2026-01-05T08:00:00.000Z';
  // Last edited long ago (seedReplies stores a row's own updatedAt over its default).
  const rows: (TestReply & { updatedAt: string })[] = [
    { id: `${tag}-a`, title: `${tag} 催发货`, shortcut: '', categoryId: 'xiaoer-cat-greeting', body: { 'zh-CN': '亲，已经在催仓库了', 'zh-TW': '', en: '' }, updatedAt: old },
    { id: `${tag}-b`, title: `${tag} 投诉安抚`, shortcut: '', categoryId: 'xiaoer-cat-complaint', body: { 'zh-CN': '非常抱歉', 'zh-TW': '', en: '' }, updatedAt: old },
  ];
  await seedReplies(ext, rows);
  const dash = await openDashboard(ext);
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await dash.getByTestId('library-filter').fill(tag);
    await expect(dash.getByTestId('library-reply')).toHaveCount(2);
    await dash.getByTestId('library-select-all').check();
    await dash.getByTestId('library-move-target').selectOption('xiaoer-cat-complaint');
    await dash.getByTestId('library-bulk-move').click();
    const mine = async () => (await readStore<{ id: string; categoryId: string; updatedAt: string }>(dash, 'replies')).filter((r) => r.id.startsWith(tag)).sort((a, b) => a.id.localeCompare(b.id));
    await expect.poll(async () => (await mine()).map((r) => r.categoryId)).toEqual(['xiaoer-cat-complaint', 'xiaoer-cat-complaint']);
    const [moved, stayed] = await mine();
    expect(moved!.updatedAt).not.toBe(old);
    expect(stayed!.updatedAt).toBe(old);
  } finally {
    await dash.close();
  }
});

test('library from the keyboard: after a category is deleted (✕, or moving its replies first), focus is on the next category\'s ✕ — it dropped with the row to the top of the page', async ({ ext }) => {
  const tag = `kd${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    const rows = dash.getByTestId('category-row');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();
    for (const name of ['甲', '乙', '丙']) {
      await dash.getByTestId('category-new-name').fill(`${tag} ${name}`);
      await dash.getByTestId('category-create').click();
    }
    await expect(rows).toHaveCount(before + 3);
    const row = (name: string) => rows.filter({ has: dash.locator(`input[value="${tag} ${name}"]`) });
    // ✕ on an empty category, from the keyboard.
    await row('甲').getByTestId('category-delete').focus();
    dash.once('dialog', (d) => void d.accept());
    await dash.keyboard.press('Enter');
    await expect(rows).toHaveCount(before + 2);
    await expect(row('乙').getByTestId('category-delete')).toBeFocused();
    // One holding a reply: its replies go to 丙, then it goes.
    const 丙 = await row('丙').getAttribute('data-category');
    await seedReplies(ext, [{ id: `${tag}-r`, title: `${tag} 回复`, shortcut: '', categoryId: (await row('乙').getAttribute('data-category'))!, body: { 'zh-CN': '内容', 'zh-TW': '', en: '' } }]);
    // Written from another page, behind this one's live queries: read again.
    await dash.reload();
    await expect(row('乙').locator('.category-count')).toHaveText('(1)');
    await row('乙').getByTestId('category-delete').focus();
    await dash.keyboard.press('Enter');
    await dash.getByTestId('category-delete-target').selectOption(丙!);
    await dash.getByTestId('category-delete-confirm').focus();
    await dash.keyboard.press('Enter');
    await expect(rows).toHaveCount(before + 1);
    // The next row's ✕: 丙's.
    await expect(row('丙').getByTestId('category-delete')).toBeFocused();
    await deleteRow(dash, 'replies', `${tag}-r`);
    dash.once('dialog', (d) => void d.accept());
    await dash.keyboard.press('Enter');
    await expect(rows).toHaveCount(before);
  } finally {
    await dash.close();
  }
});

test('a next category name typed while the last one is being stored stays in the box (it was wiped when the store answered)', async ({ ext }) => {
  const tag = `kn${Date.now().toString(36)}`;
  const dash = await openDashboard(ext);
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#library`);
    await expect(dash.getByTestId('category-row').first()).toBeVisible();
    // Hold the categories store from a second connection, so the create waits on it as on a slow disk.
    await dash.evaluate(
      () =>
        new Promise<void>((held, fail) => {
          const req = indexedDB.open('xiaoer');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const store = req.result.transaction('categories', 'readwrite').objectStore('categories');
            const w = window as unknown as { releaseCategories?: boolean };
            const spin = () => {
              if (w.releaseCategories) return req.result.close();
              store.count().onsuccess = spin;
            };
            spin();
            held();
          };
        }),
    );
    const name = dash.getByTestId('category-new-name');
    await name.fill(`${tag} 甲`);
    await dash.getByTestId('category-create').click();
    await expect(dash.getByTestId('category-create')).toBeDisabled();
    await name.fill(`${tag} 乙`);
    await dash.evaluate(() => void ((window as unknown as { releaseCategories?: boolean }).releaseCategories = true));
    await expect(dash.locator(`input[value="${tag} 甲"]`)).toHaveCount(1);
    await expect(dash.getByTestId('category-create')).toBeEnabled();
    await expect(name).toHaveValue(`${tag} 乙`);
    await dash.getByTestId('category-create').click();
    await expect(dash.locator(`input[value="${tag} 乙"]`)).toHaveCount(1);
    await expect(name).toHaveValue('');
  } finally {
    await dash.close();
  }
});
