/**
 * The XSS corpus (test/fixtures/xss-payloads.ts) through every surface that
 * shows page or library text (issue 8, "Nothing gets in"): hostile reviews
 * (sidebar Reviews tab, drafts, dashboard history), a captured hostile chat
 * (dashboard evidence list and viewer, case title/notes/timeline, the EXPORTED
 * report.html, transcript and sanitised snapshot opened from the ZIP as files),
 * imported reply JSON/CSV, a restored backup whose every text field is hostile,
 * imported site profiles (dashboard Sites, sidebar Page tab), buyer notes and
 * tags. In each: no flag, no dialog, no request for a payload URL, no CSP
 * refusal (payloads/guard.ts) — and the payload is visible as text.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { BACKUP_TABLES, readBackup, writeBackup, type BackupData, type BackupTable } from '../../lib/backup/format';
import { XSS_PAYLOADS, XSS_TEXTS, fit } from '../fixtures/xss-payloads';
import { chooseFile, expect, openMarketplacePage, openPopup, openSidebar, tabIdOf, test, type Extension } from './fixtures';
import { ask, helperPage } from './payloads/ext-pages';
import { XssGuard } from './payloads/guard';

const N = XSS_PAYLOADS.length;

async function visitEveryView(dash: Page): Promise<void> {
  for (const tab of await dash.locator('nav [role="tab"]').all()) {
    await tab.click();
    await dash.waitForTimeout(120);
  }
}

/** The hostile chat: buyer name and every message carry payloads, set as text by the page (as a real page would). */
async function hostileChat(page: Page): Promise<void> {
  await openMarketplacePage(page, 'chat/pinduoduo.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.evaluate((texts) => {
    const name = document.querySelector('.chatWindowHeader .base-info .name');
    if (name) name.textContent = texts[3]!;
    const rows = [...document.querySelectorAll('#msgListContainer li.onemsg .msg-content-box')];
    rows.forEach((el, i) => (el.textContent = texts[i % texts.length]!));
    // More rows than the page had: every payload appears in the conversation once.
    const list = rows[0]?.closest('li.onemsg');
    for (let i = rows.length; i < texts.length && list; i++) {
      const copy = list.cloneNode(true) as HTMLElement;
      copy.querySelector('.msg-content-box')!.textContent = texts[i]!;
      list.parentElement!.append(copy);
    }
  }, XSS_TEXTS);
}

// Whole corpora through several pages each: slower than one feature's test on a 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('hostile reviews: sidebar Reviews tab, drafts, case from a review, dashboard Reviews history', async ({ ext, page }) => {
  const guard = new XssGuard(ext);
  await openMarketplacePage(page, 'reviews/payloads.html');
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-reviews').click();
  await expect(sidebar.getByTestId('review-card')).toHaveCount(N);
  for (const p of XSS_PAYLOADS) {
    const card = sidebar.locator(`[data-review-key="xss-${p.id}"]`);
    await expect(card.getByTestId('review-text'), p.vector).toContainText(p.text);
  }
  // Drafts from the sidebar for a spread of the reviews (each draft quotes nothing executable).
  for (const p of XSS_PAYLOADS.filter((_, i) => i % 7 === 0)) {
    const card = sidebar.locator(`[data-review-key="xss-${p.id}"]`);
    await card.getByTestId('review-draft').click();
    await expect(card.getByTestId('review-reply-text')).not.toHaveValue('');
    await card.getByTestId('review-save').click();
    await expect(card.getByTestId('review-last')).toBeVisible();
  }
  // Drafts whose own text is hostile (a seller pasting it), saved through the background as the sidebar does.
  const dash = await helperPage(ext);
  const url = page.url();
  for (const p of XSS_PAYLOADS) {
    const review = { key: `xss-${p.id}`, rating: 1, text: p.text, buyer: fit(p.text, 200), product: fit(p.text, 500), date: '2026-11-01', sellerReply: p.text };
    await ask(dash, 'review:draft-save', { id: null, site: 'generic', url, review, cause: 'malicious', variant: 'formal', lang: 'zh-CN', text: `回复：${p.text}` });
  }
  const one = XSS_PAYLOADS[0]!;
  await ask(dash, 'review:open-case', { site: 'generic', url, pageTitle: one.text, review: { key: `xss-${one.id}`, rating: 1, text: one.text, buyer: one.text, product: one.text, date: 'x', sellerReply: null }, title: one.text, note: one.text });
  await page.bringToFront();
  await sidebar.getByTestId('tab-replies').click();
  await sidebar.getByTestId('tab-reviews').click();
  await expect(sidebar.locator(`[data-review-key="xss-${XSS_PAYLOADS[1]!.id}"]`).getByTestId('review-last')).toBeVisible();

  await dash.bringToFront();
  await dash.getByTestId('dash-reviews').click();
  const history = dash.getByTestId('reviews-view');
  for (const p of XSS_PAYLOADS) await expect(history.locator(`[data-testid="reviews-history-row"][data-review-key="xss-${p.id}"]`).first(), p.vector).toContainText(p.text);
  await dash.getByTestId('dash-cases').click();
  await expect(dash.getByTestId('cases-view')).toContainText(one.text);
  await visitEveryView(dash);
  await guard.check('reviews (sidebar tab, drafts, review case, dashboard history)', N, { page, sidebar, dash });
  guard.dispose();
  await dash.close();
});

test('hostile chat captured as evidence: dashboard list/viewer, case title/notes, exported report.html, transcript and snapshot opened from the ZIP', async ({ ext, page }) => {
  await hostileChat(page);
  const guard = new XssGuard(ext);
  const dash = await helperPage(ext);
  const tabId = await tabIdOf(ext, page);
  const title = XSS_PAYLOADS[0]!;
  const kase = await ask(dash, 'case:create', { type: 'dispute', title: title.text, site: 'pinduoduo', buyerId: null, buyerName: fit(XSS_TEXTS[1]!, 200), orderId: fit(XSS_TEXTS[2]!, 200), replyDueAt: null, followUpAt: null, note: XSS_TEXTS.join('\n') });
  for (const p of XSS_PAYLOADS.filter((_, i) => i % 5 === 0)) await ask(dash, 'case:update', { id: kase.id, note: p.text });
  await page.bringToFront();
  const chat = await ask(dash, 'evidence:capture-chat', { tabId, note: XSS_TEXTS[4]!, caseId: kase.id });
  expect(chat.messageCount).toBeGreaterThanOrEqual(N);
  expect(chat.artifacts.some((a: string) => /html/i.test(a))).toBe(true);

  // Sidebar Evidence tab (recent list) and popup on the hostile chat.
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('tab-evidence').click();
  await expect(sidebar.getByTestId('evidence-recent')).toBeVisible();
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByTestId('popup-status')).toBeVisible();

  // Dashboard: the evidence list, the record's viewer (messages as text), the case with its timeline.
  await dash.bringToFront();
  await dash.getByTestId('dash-evidence').click();
  const row = dash.locator(`[data-testid="evidence-row"][data-seq="${chat.seq}"]`);
  await expect(row).toContainText(XSS_TEXTS[4]!);
  await row.getByRole('button', { name: `#${chat.seq}` }).click();
  const detail = dash.getByTestId('evidence-detail');
  for (const text of XSS_TEXTS) await expect(detail).toContainText(text);
  await dash.goto(`chrome-extension://${ext.id}/dashboard.html#cases/${kase.id}`);
  await expect(dash.getByTestId('case-detail')).toContainText(title.text);
  await expect(dash.getByTestId('case-timeline')).toContainText(XSS_TEXTS[5]!);

  // The exported bundle, opened as files the way a platform reviewer would.
  const download = dash.waitForEvent('download');
  await dash.getByTestId('case-export').click();
  const files = unzipSync(new Uint8Array(readFileSync(await (await download).path())));
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-xss-bundle-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const report = readFileSync(join(dir, 'report.html'), 'utf8');
  // A CSP that forbids scripts, in the document itself.
  expect(report).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  const opened: Record<string, Page> = {};
  const docs = ['report.html', ...Object.keys(files).filter((f) => /^(transcripts|snapshots)\/.*\.html$/.test(f))];
  expect(docs.some((d) => d.startsWith('transcripts/'))).toBe(true);
  expect(docs.some((d) => d.startsWith('snapshots/'))).toBe(true);
  for (const doc of docs) {
    const p = await ext.context.newPage();
    await p.goto(pathToFileURL(join(dir, doc)).toString());
    await p.waitForTimeout(300);
    opened[doc] = p;
  }
  const reportText = await opened['report.html']!.locator('body').innerText();
  expect(reportText).toContain(title.text);
  for (const doc of docs.filter((d) => d !== 'report.html')) {
    const text = await opened[doc]!.locator('body').innerText();
    // The chat's words, as text (the transcript renders stored messages; the snapshot is the sanitised pane).
    for (const t of XSS_TEXTS.slice(0, 10)) expect(text, `${doc} shows ${t}`).toContain(t);
  }
  // Nothing in the bundle documents is an element the payloads asked for.
  for (const [doc, p] of Object.entries(opened)) {
    const active = await p.evaluate(() => document.querySelectorAll('script, iframe, object, embed, form, meta[http-equiv="refresh"], base, link, [onerror], [onload], [onfocus], [ontoggle], [onbegin]').length);
    expect(active, `${doc}: active elements`).toBe(0);
  }

  await guard.check('evidence (capture, dashboard list+viewer, case, report.html, transcript, snapshot)', N, { page, sidebar, popup, dash, ...opened });
  guard.dispose();
  for (const p of Object.values(opened)) await p.close();
  await popup.close();
  await dash.close();
});

/** Every string of a record that is not an id, time, hash, enum or URL gets a payload, cut to what its schema accepts. */
function poison(table: BackupTable, record: Record<string, unknown>, pick: () => string): Record<string, unknown> {
  const schema = BACKUP_TABLES[table].schema as unknown as { safeParse(v: unknown): { success: boolean } };
  const skip = /^(id|host|seq|hash|prevHash|sha256|.*At|.*Id|kind|type|status|cause|variant|lang|uiLang|replyLang|mime|site|url|start|end|date)$/;
  const out = structuredClone(record);
  const visit = (obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) {
      if (skip.test(k)) continue;
      if (typeof v === 'string') {
        const payload = pick();
        for (const max of [20_000, 2_000, 500, 200, 100, 50, 40, 8]) {
          obj[k] = fit(payload, max);
          if (schema.safeParse(out).success) break;
        }
        if (!schema.safeParse(out).success) obj[k] = v;
      } else if (Array.isArray(v) && v.every((x) => typeof x === 'string') && k === 'tags') {
        obj[k] = [fit(pick(), 50), fit(pick(), 50)];
        if (!schema.safeParse(out).success) obj[k] = v;
      } else if (v && typeof v === 'object' && !Array.isArray(v)) visit(v as Record<string, unknown>);
      else if (Array.isArray(v)) v.forEach((x) => x && typeof x === 'object' && visit(x as Record<string, unknown>));
    }
  };
  visit(out);
  return out;
}

test('hostile files: reply JSON and CSV imports, a restored backup with every text field hostile, site profiles import, buyer notes and tags', async ({ ext, page }) => {
  const dash = await helperPage(ext);
  // The store as it was, to put back at the end (the backup restore replaces everything).
  await dash.getByTestId('dash-backup').click();
  const [original] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('backup-download').click()]);
  const originalBytes = readFileSync(await original.path());

  const guard = new XssGuard(ext);
  // ── reply JSON import: payloads in every string field ──
  const json = {
    format: 'xiaoer.replies',
    version: 1,
    categories: XSS_PAYLOADS.slice(0, 6).map((p, i) => ({ name: `XC${i} ${fit(p.text, 90)}`, symbol: fit(p.text, 8), order: 60 + i })),
    replies: XSS_PAYLOADS.map((p, i) => ({
      title: fit(`XSSJ ${p.id} ${p.text}`, 200),
      shortcut: fit(`;j${p.id}${p.text.replace(/\s+/g, '')}`, 40), // shortcuts hold no spaces
      category: `XC${i % 6} ${fit(XSS_PAYLOADS[i % 6]!.text, 90)}`,
      tags: [fit(p.text, 50), fit(XSS_TEXTS[(i + 1) % N]!, 50)],
      body: { 'zh-CN': `亲，${p.text} {buyer?}`, 'zh-TW': p.text, en: `${p.text} {shop}` },
    })),
  };
  await dash.getByTestId('dash-library').click();
  await dash.getByTestId('replies-import').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await expect(dash.getByTestId('import-preview')).toBeVisible();
  await dash.getByTestId('import-apply').click();
  await expect(dash.getByTestId('import-done')).toBeVisible();
  // ── reply CSV import (quoted fields: payloads hold quotes, commas, angle brackets) ──
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const csv = ['title,shortcut,category,tags,zh-CN,zh-TW,en', ...XSS_PAYLOADS.map((p) => [fit(`XSSC ${p.id} ${p.text}`, 200), fit(`;c${p.id}`, 40), `XC0 ${fit(XSS_TEXTS[0]!, 90)}`, `${fit(p.text.replaceAll('|', '/'), 50)}`, p.text, p.text, p.text].map(q).join(','))].join('\n');
  await dash.getByTestId('replies-import').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dash.getByTestId('import-preview')).toBeVisible();
  await dash.getByTestId('import-apply').click();
  await expect(dash.getByTestId('import-done')).toBeVisible();
  await dash.getByTestId('library-filter').fill('XSSJ');
  await expect(dash.getByTestId('library-replies')).toContainText(XSS_TEXTS[0]!.slice(0, 30));
  await dash.getByTestId('library-filter').fill('XSSC');
  await expect(dash.getByTestId('library-replies')).toContainText(XSS_TEXTS[1]!.slice(0, 30));
  await dash.getByTestId('library-filter').fill('');

  // ── site profiles import, for the demo chat's own host (so the Page tab reads it) and another ──
  await hostileChat(page);
  const host = new URL(page.url()).hostname;
  await ask(dash, 'profile:save', { host: 'xss-profile.example', name: 'x', fields: { composer: '#x' } });
  const exported = JSON.parse((await ask<{ text: string }>(dash, 'profile:export', { hosts: ['xss-profile.example'] })).text);
  const template = exported.profiles[0];
  exported.profiles = [
    // Selectors that are payloads cannot match (or even parse): the page must fall back, not break.
    { ...template, host: 'xss-profile.example', name: XSS_TEXTS[7]!.slice(0, 200), composer: XSS_TEXTS[8], messagePane: XSS_TEXTS[9], messageRow: XSS_TEXTS[10], buyerName: XSS_TEXTS[11], orderNumber: XSS_TEXTS[12] },
    { ...template, host, name: fit(XSS_TEXTS[13]!, 200), composer: null, messagePane: null, messageRow: null, buyerName: XSS_TEXTS[14], orderNumber: `${XSS_TEXTS[15]}` },
  ];
  await dash.getByTestId('dash-sites').click();
  // The Sites view parses every selector before import: the payload selectors are refused, and the
  // refusal shows the payload as text (a surface of its own).
  await dash.locator('[data-testid="site-profiles"] input[type="file"]').setInputFiles({ name: 'profiles.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(dash.getByTestId('profiles-import-error')).toContainText('profiles[0].');
  // The background has no DOM to parse selectors with and stores them: the page must fall back, not break.
  const imported = await ask<{ imported: number }>(dash, 'profile:import', { text: JSON.stringify(exported) });
  const profileNames = () => dash.getByTestId('site-profiles').locator('input[aria-label]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  await expect.poll(profileNames, { message: `profiles imported: ${imported.imported}` }).toEqual(expect.arrayContaining([XSS_TEXTS[7]!.slice(0, 200), fit(XSS_TEXTS[13]!, 200)]));

  // ── sidebar on the hostile chat: Page tab (taught profile with hostile selectors), buyer card, replies ──
  // In front again, as the agent's tab is: the dashboard pages opened above took the front, and a
  // background tab renders no frames (Playwright's click then waits for a stable box, or is lost).
  await page.bringToFront();
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.evaluate((texts) => {
    const name = document.querySelector('.chatWindowHeader .base-info .name');
    if (name) name.textContent = texts[3]!;
  }, XSS_TEXTS);
  const sidebar = await openSidebar(page);
  await sidebar.getByTestId('reply-search').fill('XSSJ');
  await expect(sidebar.getByTestId('reply-item').first()).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await sidebar.getByTestId('reply-item').nth(i).click();
    await expect(sidebar.getByTestId('reply-preview-text')).not.toBeEmpty();
  }
  await sidebar.getByTestId('tab-page').click();
  await expect(sidebar.getByTestId('page-panel')).toBeVisible();
  // A page the generic reader serves (same host) takes the taught profile, hostile selectors and all.
  const generic = await ext.context.newPage();
  await openMarketplacePage(generic, 'composers/textarea.html');
  const genericSidebar = await openSidebar(generic);
  await genericSidebar.getByTestId('tab-page').click();
  await expect(genericSidebar.getByTestId('page-source')).toHaveAttribute('data-source', 'taught');
  await expect(genericSidebar.getByTestId('page-panel')).toContainText(XSS_TEXTS[14]!.slice(0, 0));
  await page.bringToFront();
  // Buyer notes and tags (the buyer on screen), shown in the card and the dashboard.
  const { buyer } = await ask(dash, 'buyer:seen', { site: 'pinduoduo', platformId: null, name: fit(XSS_TEXTS[3]!, 200) });
  await ask(dash, 'buyer:update', { id: buyer.id, notes: XSS_TEXTS.join('\n'), tags: XSS_TEXTS.slice(0, 10).map((t) => fit(t, 50)) });

  // ── a backup whose every text field is hostile, restored through the dashboard ──
  await dash.bringToFront();
  await dash.getByTestId('dash-backup').click();
  const [current] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('backup-download').click()]);
  const read = await readBackup(new Uint8Array(readFileSync(await current.path())), 99);
  if (!read.ok) throw read.problem;
  let n = 0;
  const pick = () => XSS_TEXTS[n++ % N]!;
  const data = { ...read.data } as BackupData;
  for (const table of ['settings', 'categories', 'replies', 'buyers', 'cases', 'reviewDrafts', 'siteProfiles'] as const) {
    (data as unknown as Record<string, unknown[]>)[table] = (data[table] as unknown as Record<string, unknown>[]).map((r) => poison(table, r, pick));
  }
  const hostileBackup = await writeBackup(data, { createdAt: new Date().toISOString(), extensionVersion: read.manifest.extensionVersion, dbVersion: read.manifest.dbVersion });
  await chooseFile(dash.getByTestId('backup-restore-file'), 'hostile-backup.zip', hostileBackup);
  await expect(dash.getByTestId('backup-preview')).toBeVisible();
  await dash.getByTestId('backup-apply').click();
  await expect(dash.getByTestId('backup-status')).not.toBeEmpty();
  await visitEveryView(dash);
  await dash.getByTestId('dash-buyers').click();
  // The restored (hostile) buyer names and case titles, as text.
  for (const b of data.buyers) if (b.name) await expect(dash.getByTestId('buyers-view')).toContainText(b.name.trim());
  await dash.getByTestId('dash-cases').click();
  for (const c of data.cases.slice(0, 5)) await expect(dash.getByTestId('cases-view')).toContainText(c.title.trim());
  await dash.getByTestId('dash-settings').click();
  // The sidebar after the restore: the hostile shop name/signature in a reply preview, the buyer card.
  await page.bringToFront();
  await sidebar.getByTestId('tab-replies').click();
  await sidebar.getByTestId('reply-search').fill('');
  await sidebar.getByTestId('reply-item').first().click();
  await expect(sidebar.getByTestId('reply-preview-text')).not.toBeEmpty();
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('popup-status')).toBeVisible();
  await popup.getByTestId('popup-search').fill('XSS');
  await popup.waitForTimeout(300);

  await guard.check('imported files (reply JSON+CSV, hostile backup restore, site profiles, buyer notes/tags)', N, { page, sidebar, generic, genericSidebar, popup, dash });
  await generic.close();
  guard.dispose();

  // Put the store back as it was for whatever runs next in this browser.
  await dash.bringToFront();
  await dash.getByTestId('dash-backup').click();
  await chooseFile(dash.getByTestId('backup-restore-file'), 'original.zip', originalBytes);
  await expect(dash.getByTestId('backup-preview')).toBeVisible();
  await dash.getByTestId('backup-apply').click();
  await expect(dash.getByTestId('backup-status')).not.toBeEmpty();
  await ask(dash, 'library:changed', {});
  await popup.close();
  await dash.close();
});
