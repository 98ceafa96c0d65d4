import { unzipSync, zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../../components/dashboard/evidence-view';
import { BACKUP_TABLE_NAMES, writeBackup, type BackupData } from '../../../lib/backup/format';
import { canonicalJson } from '../../../lib/evidence/hash';
import { verifyBundle } from '../../../lib/evidence/verify';
import { translate, type MessageKey } from '../../../lib/i18n';
import type { Lang } from '../../../lib/schema';

const tIn = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('Verify: what a tampered bundle is said to have, in the language\'s punctuation', () => {
  it('Chinese joins the file and the finding with a full-width colon (was an ASCII ": " inside Chinese)', () => {
    const changed = { kind: 'file-hash' as const, path: 'evidence/0003/screenshot-visible.png', message: 'sha256 mismatch' };
    expect(problemText(changed, tIn('zh-CN'))).toBe('不完好：evidence/0003/screenshot-visible.png：此文件在导出后被改动（其 SHA-256 与记录不符）');
    expect(problemText({ kind: 'record-hash', seq: 12, message: 'x' }, tIn('zh-TW'))).toBe('不完好：紀錄 #12：證據紀錄在擷取後被改動（雜湊不再相符）');
    expect(problemText(changed, tIn('en'))).toBe('Not intact: evidence/0003/screenshot-visible.png: this file was changed after the export (its SHA-256 is not the one recorded)');
  });
  it('no file or record: the finding alone', () => {
    expect(problemText({ kind: 'zip', message: 'x' }, tIn('zh-CN'))).toBe('不完好：ZIP 压缩包已损坏或被重新打包');
  });
});

const golden = (name: string) => new Uint8Array(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../evidence/golden', name)));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** The bundle's manifest edited and its digest recomputed, re-packed the way another tool would. */
function withManifest(zip: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const files = unzipSync(zip);
  const m = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  edit(m);
  const { digest: _d, ...body } = m;
  m.digest = sha(new TextEncoder().encode(canonicalJson(body)));
  files['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])) as Zippable);
}

describe('Verify: what the seller reads for a bundle that is not damaged', () => {
  it('a bundle exported by a newer Xiaoer says to update, not that the manifest is damaged or was edited', async () => {
    const r = await verifyBundle(withManifest(golden('bundle-v4-zh-CN.zip'), (m) => { m.version = 9; }));
    if (r.ok) throw new Error('a version 9 bundle verified');
    const zh = problemText(r.problem, tIn('zh-CN'));
    expect(zh).toBe('暂时无法校验：此证据包由较新版本的小二导出（证据包版本 9，当前版本最高可读 4）。这并不表示被改动过，请更新小二后再校验。');
    expect(zh).not.toContain('损坏');
    expect(problemText(r.problem, tIn('zh-TW'))).toContain('請更新小二後再驗證');
    const en = problemText(r.problem, tIn('en'));
    expect(en).toContain('exported by a newer Xiaoer (bundle version 9; this one reads up to version 4)');
    expect(en).not.toContain('damaged');
  });
  it('a file cut short, not a ZIP, a backup or another ZIP chosen by mistake is said as what it is, not as damaged or edited', async () => {
    const bundle = golden('bundle-v4-zh-CN.zip');
    const backup = await writeBackup(Object.fromEntries(BACKUP_TABLE_NAMES.map((n) => [n, []])) as unknown as BackupData, { createdAt: '2026-11-20T10:00:00.000Z', extensionVersion: '0.1.0', dbVersion: 1 });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const photos = zipSync({ 'IMG_0001.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) });
    const said = async (bytes: Uint8Array, lang: 'zh-CN' | 'zh-TW' | 'en') => {
      const r = await verifyBundle(bytes);
      if (r.ok) throw new Error('verified');
      return problemText(r.problem, tIn(lang));
    };
    expect(await said(bundle.subarray(0, Math.floor(bundle.length / 2)), 'zh-CN')).toBe('无法校验：ZIP 压缩包不完整，在最后一部分之前就结束了（下载或复制中断了？）。请从导出的位置重新复制，或重新导出工单。');
    expect(await said(bundle.subarray(0, bundle.length - 10), 'en')).toContain('the ZIP archive is incomplete');
    expect(await said(new Uint8Array(0), 'zh-TW')).toBe('無法驗證：檔案是空的（下載或複製中斷了？）。請從匯出的位置重新複製，或重新匯出案件。');
    expect(await said(png, 'zh-CN')).toBe('不是证据包：这个文件不是 ZIP 压缩包。请选择“导出工单（ZIP）”或“导出所选（ZIP）”保存的 .zip 文件。');
    expect(await said(backup, 'zh-CN')).toBe('不是证据包：这是小二的备份（请在“备份”页恢复）。请选择“导出工单（ZIP）”或“导出所选（ZIP）”保存的 .zip 文件。');
    expect(await said(backup, 'en')).toContain('this is a Xiaoer backup (restore it under Backup)');
    expect(await said(photos, 'zh-TW')).toBe('不是證據包：這個 ZIP 壓縮檔中沒有 manifest.json，不是小二匯出的。請選擇「匯出案件（ZIP）」或「匯出所選（ZIP）」儲存的 .zip 檔案。');
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      for (const bytes of [bundle.subarray(0, 200), png, backup, photos]) expect(await said(bytes, lang)).not.toMatch(/损坏|損毀|damaged|repacked|重新打包|重新封裝/);
    }
  });
  it('a record edited inside manifest.json is named by its number, not only as manifest.json', async () => {
    const r = await verifyBundle(withManifest(golden('bundle-v4-zh-CN.zip'), (m) => {
      const rec = (m.records as Array<{ withheld: boolean; record?: { seq: number; note?: string } }>).find((x) => !x.withheld && x.record!.seq === 2)!;
      rec.record!.note = '买家已同意退款';
    }));
    if (r.ok) throw new Error('an edited record verified');
    expect(problemText(r.problem, tIn('zh-CN'))).toBe('不完好：manifest.json（记录 #2）：证据记录在采集后被改动（哈希不再相符）');
    expect(problemText(r.problem, tIn('zh-TW'))).toBe('不完好：manifest.json（紀錄 #2）：證據紀錄在擷取後被改動（雜湊不再相符）');
    expect(problemText(r.problem, tIn('en'))).toBe('Not intact: manifest.json (record #2): an evidence record was changed after capture (its hash no longer matches)');
  });
});

describe('Verify: a bundle whose first byte was damaged', () => {
  it('still ends like a ZIP, so it is said to be damaged, not "not a ZIP" (which sent the seller looking for another file)', async () => {
    const bundle = golden('bundle-v4-zh-CN.zip').slice();
    bundle[0] = 0x00;
    const r = await verifyBundle(bundle);
    if (r.ok) throw new Error('a damaged bundle verified');
    expect(r.problem.kind).toBe('zip');
    expect(r.problem.reason).toBeUndefined();
    expect(problemText(r.problem, tIn('zh-CN'))).toContain('ZIP 压缩包已损坏或被重新打包');
    expect(problemText(r.problem, tIn('zh-TW'))).toContain('ZIP 壓縮檔已損毀或被重新打包');
    expect(problemText(r.problem, tIn('en'))).toContain('the ZIP archive is damaged or was repacked');
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) expect(problemText(r.problem, tIn(lang))).not.toMatch(/不是 ZIP|not a ZIP/);
  });
  it('a file that is no ZIP at either end is still "not a ZIP"', async () => {
    const text = new TextEncoder().encode('x'.repeat(100));
    const r = await verifyBundle(text);
    expect(!r.ok && r.problem.reason).toBe('not-zip');
  });
});
