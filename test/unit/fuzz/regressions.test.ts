/**
 * Focused regressions for what the bad-import fuzz (imports.test.ts) found:
 * each was a crash, a silent change of data, or a refusal a seller could not place.
 */
import Dexie from 'dexie';
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, getDb, resetDbForTests } from '../../../lib/db';
import { decodeUtf8, parseJsonText } from '../../../lib/backup/json-file';
import { readBackup } from '../../../lib/backup/format';
import { importReplies } from '../../../lib/replies/library';
import { parseRepliesFile, planImport, readRepliesFile } from '../../../lib/replies/transfer';
import { parseProfiles, parseProfilesBytes, PROFILES_FORMAT } from '../../../lib/sites/profile-transfer';

const enc = new TextEncoder();

function refusal(text: string, kind = 'json'): string {
  const r = parseRepliesFile(text, kind);
  if (r.ok) throw new Error('expected a refusal');
  return r.error.message;
}

describe('reading the bytes of a picked file', () => {
  it('refuses a GBK CSV (Excel on Chinese Windows) with the line of the first bad byte, where Blob.text() would import U+FFFD', async () => {
    const gbk = new Uint8Array([...enc.encode('title,zh-CN\r\n'), 0xc7, 0xd7, 0x2c, 0xc4, 0xfa, 0xba, 0xc3, 0x0d, 0x0a]); // 亲,您好 in GBK
    expect(await new Blob([gbk]).text()).toContain('\uFFFD'); // the layer the bug lived in
    const r = readRepliesFile(gbk, 'replies.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe('line 2');
      expect(r.error.message).toMatch(/^line 2: not UTF-8 text \(byte 0xC7 at offset 13\); save the file as UTF-8/);
    }
  });

  it('drops a BOM and reads UTF-8 as is', () => {
    const d = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('亲')]));
    expect(d).toEqual({ ok: true, text: '亲' });
    expect(decodeUtf8(new Uint8Array([0x41, 0x0a, 0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, problem: { where: 'line 2' } });
  });
});

describe('JSON text', () => {
  it('refuses a key written twice (JSON.parse keeps the last silently) and names the field', () => {
    const text = '{"format":"xiaoer.replies","version":1,"replies":[{"title":"发货","title":"退货","body":{"zh-CN":"亲"}}]}';
    expect(refusal(text)).toBe('line 1, column 65 (replies[0].title): field "title" appears twice in the same object');
  });

  it('names line and column of a file cut short (Node/older Chrome say only "Unexpected end of JSON input")', () => {
    expect(refusal('{\n  "format": "xiaoer.replies",\n  "version": 1,\n  "replies": [{"title": "a", "bo')).toBe('line 4, column 30 (replies[0]): a text value in quotes is never closed (is the file cut short?)');
  });

  it('refuses a depth bomb without overflowing the stack (JSON.stringify of 100,000 levels throws RangeError)', () => {
    const bomb = `{"format":"xiaoer.replies","version":1,"replies":[{"title":"a","body":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
    expect(refusal(bomb)).toMatch(/^line 1, column \d+ \(replies\[0\]\.body\[0\]\[0\].*\): nested more than 64 levels deep$/);
  });

  it('refuses NaN / Infinity with words, not an engine message', () => {
    const r = parseJsonText('{"order": NaN}');
    expect(r).toMatchObject({ ok: false, problem: { where: 'line 1, column 11 (order)' } });
  });
});

describe('reply library files', () => {
  it('a file with 150,000 categories is refused at the limit (planning it spread them into Math.max: RangeError)', () => {
    const categories = Array.from({ length: 150_000 }, (_, i) => ({ name: `分类${i}` }));
    const text = JSON.stringify({ format: 'xiaoer.replies', version: 1, categories, replies: [] });
    expect(refusal(text)).toBe('line 1, column 16944 (categories[1000]): 150000 categories; at most 1000 per file');
    // And planning itself no longer spreads: large lists are fine.
    const plan = planImport({ categories: [], replies: [] }, { entries: [], categories: categories.map((c, i) => ({ ...c, symbol: '📁', order: i })) }, 'merge', 'now', (k) => `${k}-${Math.random()}`);
    expect(plan.categories).toHaveLength(150_000);
  }, 60_000);

  it('an unknown top-level field is named (it had no place)', () => {
    expect(refusal('{"format":"xiaoer.replies","version":1,"replies":[],"shortCut":"x"}')).toBe('line 1, column 64 (shortCut): unknown field "shortCut"');
  });

  it('a newer format version says so', () => {
    expect(refusal('{"format":"xiaoer.replies","version":3,"replies":[]}')).toBe('line 1, column 38 (version): 3 is newer than this Xiaoer reads (1); update Xiaoer');
  });
});

describe('importReplies (the write of an import)', () => {
  beforeEach(async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
  });

  it('plans inside its transaction: a reply saved after the file was read is kept by a merge', async () => {
    const db = getDb();
    const parsed = parseRepliesFile('title,zh-CN\n催发货,亲，马上发\n', 'csv');
    if (!parsed.ok) throw new Error(parsed.error.message);
    // Another tab adds a reply between reading the file and applying it.
    await db.replies.add({ id: 'r-late', title: '后来的', shortcut: '/late', categoryId: '', tags: [], body: { 'zh-CN': '亲', 'zh-TW': '', en: '' }, usageCount: 0, lastUsedAt: null, createdAt: 'x', updatedAt: 'x' });
    await importReplies(db, parsed, 'merge');
    const titles = (await db.replies.toArray()).map((r) => r.title);
    expect(titles).toHaveLength(2);
    expect(titles).toEqual(expect.arrayContaining(['后来的', '催发货']));
  });

  it('all or nothing: a write IndexedDB refuses rolls back the clear as well', async () => {
    const db = getDb();
    await db.categories.add({ id: 'c1', name: '物流', symbol: '🚚', order: 0 });
    await db.replies.add({ id: 'r1', title: '发货', shortcut: '/fh', categoryId: 'c1', tags: [], body: { 'zh-CN': '亲', 'zh-TW': '', en: '' }, usageCount: 7, lastUsedAt: null, createdAt: 'x', updatedAt: 'x' });
    const parsed = parseRepliesFile('title,zh-CN\n新的,亲\n', 'csv');
    if (!parsed.ok) throw new Error(parsed.error.message);
    // An id IndexedDB cannot use as a key makes bulkPut fail after clear() ran.
    await expect(importReplies(db, parsed, 'replace', 'now', () => ({}) as unknown as string)).rejects.toThrow();
    expect(await db.replies.toArray()).toMatchObject([{ id: 'r1', usageCount: 7 }]);
    expect(await db.categories.count()).toBe(1);
  });
});

describe('site profiles and backups: readable messages with a place', () => {
  const profile = { host: 'erp.example.com', name: '', composer: null, messagePane: null, messageRow: null, buyerName: null, orderNumber: null, reviewRow: null, createdAt: 'x', updatedAt: 'x' };

  it('profiles: zod/mini "Invalid input" became words', () => {
    const r = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [{ ...profile, composer: 5 }] }));
    expect(r).toMatchObject({ ok: false, where: 'profiles[0].composer', error: 'profiles[0].composer: expected string' });
    const missing = parseProfiles(JSON.stringify({ format: PROFILES_FORMAT, version: 1, profiles: [{ host: 'a.example.com' }] }));
    expect(missing).toMatchObject({ ok: false, error: 'profiles[0].name: missing (expected string)' });
    expect(parseProfilesBytes(new Uint8Array([0x7b, 0xff]))).toMatchObject({ ok: false, where: 'line 1' });
  });

  it('backups: a bad record, a newer version and an empty file each name their place', async () => {
    const sha = async (b: Uint8Array) => Buffer.from(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)).toString('hex');
    const tables: Record<string, Uint8Array> = {};
    const names = ['settings', 'categories', 'replies', 'usage', 'buyers', 'cases', 'evidence', 'messages', 'artifacts', 'reviewDrafts', 'siteProfiles'];
    for (const n of names) tables[`tables/${n}.json`] = strToU8(n === 'categories' ? '[{"id":"c1","name":"物流","symbol":"🚚","order":"1"}]' : '[]');
    const manifest = async (version: number) => ({
      format: 'xiaoer.backup', version, dbVersion: 1, createdAt: 'x', extensionVersion: '1', blobs: [],
      tables: Object.fromEntries(await Promise.all(names.map(async (n) => [n, { path: `tables/${n}.json`, count: n === 'categories' ? 1 : 0, sha256: await sha(tables[`tables/${n}.json`]!) }]))),
    });
    const zip = async (version: number) => zipSync({ 'manifest.json': strToU8(JSON.stringify(await manifest(version))), ...tables });
    const bad = await readBackup(await zip(1), 1);
    expect(bad.ok ? null : bad.problem.message).toBe('tables/categories.json[0].order: expected number');
    const newer = await readBackup(await zip(2), 1);
    expect(newer.ok ? null : newer.problem.where).toBe('manifest.json.version');
    const empty = await readBackup(new Uint8Array(0), 1);
    expect(empty.ok ? null : empty.problem.message).toBe('(file): the file is empty');
  });
});
