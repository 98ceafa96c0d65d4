/**
 * The dashboard's Evidence view as a seller works it: the gallery in the list's order (a stitched
 * chat's parts in order, every tile named by its record, deleted ones too), the full-size viewer by
 * keyboard (Esc, arrows, Tab kept inside, focus back on the tile) with its bar in reach over a tall
 * screenshot, the selection limited to what the filter shows, and the record's detail in view with
 * a readable time and the marketplace's name.
 *
 * Records are written raw (made-up hashes) under one buyer name per test, filtered to by that name
 * so other specs' records in this browser stay out of the way, and removed after.
 */
import type { Page } from '@playwright/test';
import { expect, helperPage, setUiLang, test } from './fixtures';

interface SeedImage {
  name: string;
  height: number;
  deleted?: boolean;
}
interface SeedRecord {
  /** Sorts against the list's order on purpose: the old gallery followed the ids' order. */
  id: string;
  seq: number;
  images: SeedImage[];
}

/**
 * Evidence records with PNG screenshots drawn in the page (one colour per image, its height as given).
 * Artifact ids run against the part order too, so an order taken from the store's keys shows.
 */
async function seedGallery(page: Page, buyer: string, records: SeedRecord[]): Promise<void> {
  await page.evaluate(
    async ({ buyer, records }) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const req = indexedDB.open('xiaoer');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const evidence: unknown[] = [];
      const artifacts: unknown[] = [];
      const messages: unknown[] = [];
      for (const [r, rec] of records.entries()) {
        const arts = [];
        for (const [i, img] of rec.images.entries()) {
          const canvas = new OffscreenCanvas(360, img.height);
          const g = canvas.getContext('2d')!;
          g.fillStyle = `hsl(${(r * 90 + i * 40) % 360} 70% 60%)`;
          g.fillRect(0, 0, 360, img.height);
          const blob = await canvas.convertToBlob({ type: 'image/png' });
          const sha = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
          const id = `${rec.id}-art-${String.fromCharCode(122 - i)}`;
          const meta = { id, name: img.name, mime: 'image/png', size: blob.size, sha256: sha };
          arts.push(meta);
          artifacts.push({ ...meta, evidenceId: rec.id, data: img.deleted ? new Blob([], { type: 'image/png' }) : blob, ...(img.deleted ? { deletedAt: '2026-11-20T09:00:00.000+08:00' } : {}) });
        }
        evidence.push({
          id: rec.id, seq: rec.seq, kind: 'screenshot', capturedAt: `2026-11-2${r + 1}T12:29:47.132+00:00`, url: 'https://mms.pinduoduo.com/chat-merchant', title: '聊天', site: 'pinduoduo',
          buyerId: `pinduoduo:${buyer}`, buyerName: buyer, orderId: `2611-${rec.seq}`, caseId: null, note: '', extensionVersion: '0.1.0',
          artifacts: arts, messageCount: 1, prevHash: '', hash: 'b'.repeat(64),
        });
        messages.push({ id: `${rec.id}-m`, evidenceId: rec.id, seq: 0, buyerId: `pinduoduo:${buyer}`, platformId: null, sender: 'buyer', timeText: '20:29', timeIso: null, text: '还没收到货', images: [] });
      }
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction(['evidence', 'artifacts', 'messages'], 'readwrite');
        for (const e of evidence) tx.objectStore('evidence').put(e);
        for (const a of artifacts) tx.objectStore('artifacts').put(a);
        for (const m of messages) tx.objectStore('messages').put(m);
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { buyer, records },
  );
}

/** Removes what seedGallery wrote: made-up hashes would break the chain other specs in this browser verify. */
async function unseedGallery(page: Page, records: SeedRecord[]): Promise<void> {
  await page.evaluate(async (records) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const req = indexedDB.open('xiaoer');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction(['evidence', 'artifacts', 'messages'], 'readwrite');
      for (const r of records) {
        tx.objectStore('evidence').delete(r.id);
        tx.objectStore('messages').delete(`${r.id}-m`);
        r.images.forEach((_, i) => tx.objectStore('artifacts').delete(`${r.id}-art-${String.fromCharCode(122 - i)}`));
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, records);
}

/** Three records, oldest first: a visible-area shot (and one deleted), a whole chat in two parts (22,000 px), a full page. */
function records(tag: string): SeedRecord[] {
  const base = 700_000 + Math.floor(Math.random() * 90_000) * 3;
  return [
    // Ids run z → a while the seqs run up: the store's index order is the reverse of the list's.
    { id: `z-${tag}`, seq: base + 1, images: [{ name: 'screenshot-visible.png', height: 240 }, { name: 'screenshot-visible-2.png', height: 240, deleted: true }] },
    { id: `m-${tag}`, seq: base + 2, images: [{ name: 'screenshot-chat-1.png', height: 11_000 }, { name: 'screenshot-chat-2.png', height: 11_000 }] },
    { id: `a-${tag}`, seq: base + 3, images: [{ name: 'screenshot-full.png', height: 900 }] },
  ];
}

async function openEvidenceOf(page: Page, extId: string, buyer: string): Promise<void> {
  await page.goto(`chrome-extension://${extId}/dashboard.html#evidence`);
  await page.getByTestId('filter-buyer').fill(buyer);
  await expect(page.getByTestId('evidence-row')).toHaveCount(3);
}

test('evidence gallery: tiles in the list’s order (newest first), a stitched chat’s parts in order, each tile — a deleted one too — named by its record', async ({ ext }) => {
  const dash = await helperPage(ext);
  const tag = `gal-order-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    const [oldest, chat, newest] = recs;
    const tiles = dash.locator('[data-testid="gallery-thumb"], [data-testid="gallery-deleted"]');
    await expect(tiles).toHaveCount(5);
    const order = await tiles.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-evidence')}/${el.getAttribute('data-name')}`));
    expect(order).toEqual([
      `${newest!.id}/screenshot-full.png`,
      `${chat!.id}/screenshot-chat-1.png`,
      `${chat!.id}/screenshot-chat-2.png`,
      `${oldest!.id}/screenshot-visible.png`,
      `${oldest!.id}/screenshot-visible-2.png`,
    ]);
    // The same order as the list's rows.
    const rowSeqs = await dash.getByTestId('evidence-row').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
    expect(rowSeqs).toEqual([newest!.seq, chat!.seq, oldest!.seq]);
    await expect(tiles.nth(0).getByTestId('gallery-label')).toContainText(`#${newest!.seq}`);
    await expect(tiles.nth(2).getByTestId('gallery-label')).toContainText(`#${chat!.seq}`);
    // A deleted screenshot still says which record it was.
    const deleted = dash.getByTestId('gallery-deleted');
    await expect(deleted.getByTestId('gallery-label')).toContainText(`#${oldest!.seq}`);
    await expect(deleted).toContainText(/Deleted on|删除|刪除/);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});

test('evidence viewer by keyboard: focus moves in, → and ← walk the gallery, Tab stays inside, Esc closes and focus is back on the tile; the bar stays over a 22,000 px screenshot', async ({ ext }) => {
  const dash = await helperPage(ext);
  await dash.setViewportSize({ width: 1366, height: 768 });
  const tag = `gal-view-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    const [oldest, chat, newest] = recs;
    const thumbs = dash.getByTestId('gallery-thumb');
    await expect(thumbs).toHaveCount(4);
    await thumbs.nth(0).click();
    const viewer = dash.getByTestId('image-viewer');
    await expect(viewer).toBeVisible();
    const focusInViewer = () => dash.evaluate(() => !!document.activeElement?.closest('[data-testid="image-viewer"]'));
    await expect.poll(focusInViewer).toBe(true);
    await expect(dash.getByTestId('viewer-where')).toHaveText(`#${newest!.seq} · 1/4`);
    await expect(dash.getByTestId('viewer-prev')).toBeDisabled();

    await dash.keyboard.press('ArrowRight');
    await expect(dash.getByTestId('viewer-image')).toHaveAttribute('alt', 'screenshot-chat-1.png');
    await expect(dash.getByTestId('viewer-where')).toHaveText(`#${chat!.seq} · 2/4`);

    // Tab goes round the dialog's controls and never onto the page behind it.
    for (let i = 0; i < 8; i++) {
      await dash.keyboard.press('Tab');
      expect(await focusInViewer(), `Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < 3; i++) {
      await dash.keyboard.press('Shift+Tab');
      expect(await focusInViewer(), `Shift+Tab ${i + 1}`).toBe(true);
    }

    // The whole chat's part is 11,000 px tall: scrolled to its end, Close / Redact / Download are still on screen.
    const body = dash.getByTestId('viewer-body');
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(5_000);
    for (const id of ['viewer-close', 'viewer-redact', 'viewer-download', 'viewer-where']) await expect(dash.getByTestId(id), id).toBeInViewport({ ratio: 1 });
    const bar = await dash.getByTestId('viewer-bar').boundingBox();
    const box = await viewer.boundingBox();
    expect(bar!.y).toBeLessThan(box!.y + 40);

    // The next image opens at its top, and ← goes back.
    await body.focus();
    await dash.keyboard.press('ArrowRight');
    await expect(dash.getByTestId('viewer-image')).toHaveAttribute('alt', 'screenshot-chat-2.png');
    expect(await body.evaluate((el) => el.scrollTop)).toBe(0);
    await dash.keyboard.press('ArrowRight');
    await expect(dash.getByTestId('viewer-where')).toHaveText(`#${oldest!.seq} · 4/4`);
    await expect(dash.getByTestId('viewer-next')).toBeDisabled();
    await dash.keyboard.press('ArrowLeft');
    await expect(dash.getByTestId('viewer-image')).toHaveAttribute('alt', 'screenshot-chat-2.png');

    await dash.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    // Focus is on the tile of the image last shown, where the seller now is in the gallery.
    await expect(dash.locator(`[data-testid="gallery-thumb"][data-name="screenshot-chat-2.png"]`)).toBeFocused();
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});

test('evidence selection is what the filter shows: a filter matching nothing leaves 0 selected and nothing to export; the ticks come back with the filter', async ({ ext }) => {
  const dash = await helperPage(ext);
  const tag = `gal-sel-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await dash.goto(`chrome-extension://${ext.id}/dashboard.html#evidence`);
    await dash.getByTestId('filter-buyer').fill(tag);
    await expect(dash.getByTestId('evidence-row')).toHaveCount(3);
    for (const r of recs) await dash.locator(`[data-testid="evidence-row"][data-seq="${r.seq}"] input[type="checkbox"]`).check();
    await expect(dash.getByTestId('export-selection')).toBeEnabled();

    await dash.getByTestId('filter-order').fill('no-such-order-0000');
    await expect(dash.getByTestId('evidence-count')).toHaveText(/^0\b/);
    // Nothing shown, nothing to export (it exported the 3 the seller could no longer see).
    await expect(dash.getByTestId('export-selection')).toBeDisabled();
    await expect(dash.getByTestId('selection-add-to-case')).toBeDisabled();
    const selected = dash.getByTestId('evidence-selected');
    await expect(selected).toHaveText(/\b0\b/);

    // One record shown: one selected, and the count in the singular.
    await dash.getByTestId('filter-order').fill(`2611-${recs[1]!.seq}`);
    await expect(dash.getByTestId('evidence-count')).toHaveText(/^1 (record|条记录|筆紀錄)$/);
    await expect(selected).toHaveText(/\b1\b/);
    await expect(dash.getByTestId('export-selection')).toBeEnabled();

    await dash.getByTestId('filter-order').fill('');
    await expect(selected).toHaveText(/\b3\b/);
    // The ✕ is named (it was a bare glyph to a screen reader), and clears the selection.
    await dash.getByRole('button', { name: /^(Clear the selection|取消全部选择|取消全部選取)$/ }).click();
    await expect(selected).toHaveText(/\b0\b/);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});

test('evidence detail on a 1366×768 laptop: opened from the list it is brought into view, with the capture time in the UI language and its zone; the site is named, not its id', async ({ ext }) => {
  const dash = await helperPage(ext);
  await dash.setViewportSize({ width: 1366, height: 768 });
  const tag = `gal-detail-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    const row = dash.locator(`[data-testid="evidence-row"][data-seq="${recs[0]!.seq}"]`);
    await expect(row).toContainText(/Pinduoduo|拼多多/);
    await expect(row).not.toContainText('pinduoduo');
    await expect(dash.getByTestId('filter-site').locator('option[value="pinduoduo"]')).toHaveText(/Pinduoduo|拼多多/);
    await row.getByRole('button', { name: `#${recs[0]!.seq}` }).click();
    const detail = dash.getByTestId('evidence-detail');
    // Whole on screen (sub-pixel rounding aside).
    await expect(detail).toBeInViewport({ ratio: 0.98 });
    const captured = dash.getByTestId('detail-captured');
    await expect(captured).not.toContainText('T12:29');
    await expect(captured).toContainText(/2026/);
    await expect(captured).toContainText(/GMT|UTC/);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});

test('evidence detail in 简体中文: who wrote each message is said in Chinese (was "[buyer]")', async ({ ext }) => {
  const before = await setUiLang(ext, 'zh-CN');
  const dash = await helperPage(ext);
  const tag = `gal-sender-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    await dash.locator(`[data-testid="evidence-row"][data-seq="${recs[0]!.seq}"]`).getByRole('button', { name: `#${recs[0]!.seq}` }).click();
    const messages = dash.getByTestId('detail-messages');
    await expect(messages).toContainText('[买家] 20:29 还没收到货');
    await expect(messages).not.toContainText('buyer');
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
    await setUiLang(ext, before);
  }
});

test('an export that fails says so in the UI language (was the bundle writer\'s English)', async ({ ext }) => {
  const before = await setUiLang(ext, 'zh-CN');
  const dash = await helperPage(ext);
  const tag = `gal-fail-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    // The seeded records' made-up hashes do not chain: the bundle writer refuses them (as it would a damaged store).
    await openEvidenceOf(dash, ext.id, tag);
    for (const r of recs) await dash.locator(`[data-testid="evidence-row"][data-seq="${r.seq}"] input[type="checkbox"]`).check();
    await dash.getByTestId('export-selection').click();
    const status = dash.getByTestId('export-status');
    await expect(status).toHaveClass(/error/);
    await expect(status).toHaveText(/^失败：/);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
    await setUiLang(ext, before);
  }
});

test('export selection: a double click downloads the bundle once', async ({ ext }) => {
  const dash = await helperPage(ext);
  const tag = `gal-twice-${Date.now()}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    await dash.locator(`[data-testid="evidence-row"][data-seq="${recs[2]!.seq}"] input[type="checkbox"]`).check();
    const downloads: string[] = [];
    dash.on('download', (d) => downloads.push(d.suggestedFilename()));
    // Two clicks in one go, before the page re-renders (a quick double click).
    await dash.getByTestId('export-selection').evaluate((b: HTMLButtonElement) => {
      b.click();
      b.click();
    });
    await expect(dash.getByTestId('export-status')).toHaveClass(/ok/);
    await expect.poll(() => downloads.length).toBeGreaterThan(0);
    // A second download would follow the first within moments.
    await dash.waitForTimeout(1_500);
    expect(downloads).toHaveLength(1);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});

test('export selection: the bundle is named by the order and buyer it is about, and the date (was "xiaoer-evidence-selection-1-…", naming neither)', async ({ ext }) => {
  const dash = await helperPage(ext);
  // A Chinese buyer name, as most are: the old name's character rule turned it into "_".
  const tag = `小王${Date.now() % 100_000_000}`;
  const recs = records(tag);
  await seedGallery(dash, tag, recs);
  try {
    await openEvidenceOf(dash, ext.id, tag);
    const one = recs[2]!;
    await dash.locator(`[data-testid="evidence-row"][data-seq="${one.seq}"] input[type="checkbox"]`).check();
    const download = dash.waitForEvent('download');
    await dash.getByTestId('export-selection').click();
    await expect(dash.getByTestId('export-status')).toHaveClass(/ok/);
    const name = (await download).suggestedFilename();
    // The seeded record's order and buyer as the store holds them, and today on the seller's clock.
    const [stored] = await dash.evaluate(async (id) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open('xiaoer');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const row = await new Promise<any>((ok) => {
        const r = db.transaction('evidence').objectStore('evidence').get(id);
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      return [{ orderId: row.orderId as string, buyerName: row.buyerName as string }];
    }, one.id);
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    expect(name.startsWith(`xiaoer-evidence-order-${stored!.orderId}-${stored!.buyerName}-${day}-`), name).toBe(true);
    expect(name).toMatch(/-\d{2}-\d{2}-\d{2}\.zip$/);
    await expect(dash.getByTestId('export-status')).toContainText(name);
  } finally {
    await unseedGallery(dash, recs);
    await dash.close();
  }
});
