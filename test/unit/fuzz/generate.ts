/**
 * The bad-import generator (issue 8, "Bad imports"), shared by the Vitest suite
 * (test/unit/fuzz/imports.test.ts) and the figure script (test/bench/fuzz.bench.ts).
 *
 * Every case is a FILE as a seller would pick it — bytes, not a JS object — so the
 * decode layer (UTF-8, BOM) is fuzzed too. Four kinds:
 *   replies-json  xiaoer.replies JSON library (lib/replies/transfer.ts)
 *   replies-csv   reply CSV (same module)
 *   backup        backup ZIP (lib/backup/format.ts), rebuilt with valid checksums
 *                 after a structural mutation so the mutation reaches record validation
 *   profiles      xiaoer.site-profiles JSON (lib/sites/profile-transfer.ts)
 *
 * Deterministic from the seed (mulberry32): a failure names seed + case id, and
 * FUZZ_SEED=<seed> reproduces it. When the generator knows what a VALID file must
 * import as, the case carries `expected` rows, so a success is checked against the
 * generator's intent and not only against the parser's own output.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { LATEST_VERSION } from '../../../lib/db/migrations';

export type FuzzKind = 'replies-json' | 'replies-csv' | 'backup' | 'profiles';
export const FUZZ_KINDS: readonly FuzzKind[] = ['replies-json', 'replies-csv', 'backup', 'profiles'];

/** What a valid reply file must add/update: title, body texts given, shortcut (when the file has the column/field). */
export interface ExpectedReply {
  title: string;
  shortcut?: string;
  category?: string;
  tags?: string[];
  body: Partial<Record<'zh-CN' | 'zh-TW' | 'en', string>>;
}

export interface FuzzCase {
  id: number;
  kind: FuzzKind;
  mutation: string;
  name: string;
  bytes: Uint8Array;
  mode: 'merge' | 'replace';
  /** Set when the file is valid by construction: exactly these replies (in this order) come from it. */
  expected?: ExpectedReply[];
  /** The records the file carries (backup: per table; profiles: the list), after all mutations, when it is still JSON-shaped. */
  records?: Record<string, unknown[]>;
  /** Backup blobs by artifact id (bytes), for checking restored Blobs. */
  blobs?: Record<string, Uint8Array>;
}

export { mulberry32 } from '../../shared/prng';
import { mulberry32 } from '../../shared/prng';

export function fuzzSeed(): number {
  const env = process.env.FUZZ_SEED;
  if (env && /^\d+$/.test(env)) return Number(env) >>> 0;
  return (Date.now() ^ (process.pid << 8)) >>> 0;
}

type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;
const enc = new TextEncoder();
const NOW = '2026-11-22T10:00:00.000Z';

// ---------------------------------------------------------------- the store before every case

/** Shortcuts the seeded library already has: some file replies hit them (update), most do not (add). */
export const SEEDED_SHORTCUTS = ['/fh', '/th', '/yf'];
export const SEEDED_TITLES = ['发货时间', '退换货', '运费说明', '好评感谢'];
export const SEEDED_HOSTS = ['erp.example.com', 'seller.shop.example.cn'];

export function seedRecords() {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 250, 251, 252]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const reply = (id: string, title: string, shortcut: string, categoryId: string, usageCount: number) => ({
    id, title, shortcut, categoryId, tags: ['售后'], usageCount, lastUsedAt: usageCount ? NOW : null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z',
    body: { 'zh-CN': `亲，${title}～`, 'zh-TW': `親，${title}～`, en: `Hi, ${title}.` },
  });
  const profile = (host: string) => ({ host, name: host, composer: 'textarea#msg', messagePane: '.chat', messageRow: null, buyerName: '.nick', orderNumber: null, reviewRow: null, createdAt: NOW, updatedAt: NOW });
  return {
    settings: [{ id: 'settings', uiLang: 'zh-CN', replyLang: 'zh-CN', shopName: '小二旗舰店', agentName: '阿芳', signature: '', hours: { start: '09:00', end: '18:00', utcOffsetMinutes: 480 }, promotion: '', enabledHosts: [], disabledHosts: [] }],
    categories: [{ id: 'c-ship', name: '物流', symbol: '🚚', order: 0 }, { id: 'c-after', name: '售后', symbol: '↩️', order: 1 }],
    replies: [reply('r-1', SEEDED_TITLES[0]!, '/fh', 'c-ship', 12), reply('r-2', SEEDED_TITLES[1]!, '/th', 'c-after', 3), reply('r-3', SEEDED_TITLES[2]!, '/yf', 'c-ship', 0), reply('r-4', SEEDED_TITLES[3]!, '', '', 1)],
    usage: [{ id: 1, replyId: 'r-1', at: NOW, site: 'pinduoduo' }, { id: 2, replyId: 'r-2', at: NOW, site: 'taobao' }],
    buyers: [{ id: 'pinduoduo:u1', site: 'pinduoduo', platformId: 'u1', name: '小王', notes: '要发票', tags: ['vip'], firstContactAt: NOW, lastContactAt: NOW }],
    cases: [],
    evidence: [{ id: 'ev-1', seq: 1, kind: 'screenshot', capturedAt: NOW, url: 'https://mms.pinduoduo.com/chat', title: 'chat', site: 'pinduoduo', buyerId: 'pinduoduo:u1', buyerName: '小王', orderId: '240101-1', caseId: null, note: '', extensionVersion: '0.1.0', artifacts: [{ id: 'art-1', name: 'shot.png', mime: 'image/png', size: bytes.length, sha256: sha }], messageCount: 1, prevHash: '', hash: 'f'.repeat(64) }],
    messages: [{ id: 'm-1', evidenceId: 'ev-1', seq: 0, buyerId: 'pinduoduo:u1', platformId: 'p1', sender: 'buyer', timeText: '10:00', timeIso: null, text: '东西坏了', images: [] }],
    artifacts: [{ id: 'art-1', evidenceId: 'ev-1', name: 'shot.png', mime: 'image/png', size: bytes.length, sha256: sha, bytes }],
    reviewDrafts: [],
    siteProfiles: SEEDED_HOSTS.map(profile),
  };
}

// ---------------------------------------------------------------- text pieces

const TEXTS = [
  '亲，您好～48小时内发货哦', '親，您好，商品已出貨', 'Hi {buyer?}, your order {order} ships today.', '退货地址：浙江省杭州市 "仓库" 3号',
  'line one\nline two', 'comma, separated, text', '表情😀🚚📦', 'tab\there', '引号 "quoted" and \'single\'', 'ＦＵＬＬ　ＷＩＤＴＨ', '\u2028separator\u2029', '<script>alert(1)</script>',
  '  padded  ', '=SUM(A1:A9)', '+86 138', '-5%', '@mention', '{{constructor.constructor("alert(1)")()}}', '零宽\u200b字符', 'é composed e\u0301',
];
const TITLES = ['催发货', '物流查询', '缺货说明', '尺码推荐', '发票', 'Return policy', 'Shipping delay', '差评挽回', '优惠券', '预售说明', '好评返现?', '换货流程'];

function bodyOf(r: Rng): Partial<Record<'zh-CN' | 'zh-TW' | 'en', string>> {
  const body: Partial<Record<'zh-CN' | 'zh-TW' | 'en', string>> = {};
  for (const l of ['zh-CN', 'zh-TW', 'en'] as const) if (r() < 0.7) body[l] = pick(r, TEXTS);
  if (!Object.values(body).some((t) => t && t.trim())) body['zh-CN'] = pick(r, TEXTS.slice(0, 4));
  return body;
}

/** 1–8 valid replies; some take a seeded shortcut (update), the rest new, never two on one shortcut/title. */
function validReplies(r: Rng, count = 1 + int(r, 8)): ExpectedReply[] {
  const out: ExpectedReply[] = [];
  const usedShortcuts = new Set<string>();
  const usedTitles = new Set<string>();
  for (let i = 0; i < count; i++) {
    let title = `${pick(r, TITLES)} ${i + 1}`;
    if (r() < 0.1 && !usedTitles.has(SEEDED_TITLES[3]!)) title = SEEDED_TITLES[3]!; // matched by title
    usedTitles.add(title);
    const e: ExpectedReply = { title, body: bodyOf(r) };
    if (title !== SEEDED_TITLES[3] && r() < 0.8) {
      let s = r() < 0.3 ? pick(r, SEEDED_SHORTCUTS) : `/q${i}${int(r, 1000)}`;
      if (usedShortcuts.has(s)) s = `/n${i}`;
      usedShortcuts.add(s);
      e.shortcut = s;
    }
    if (r() < 0.7) e.category = pick(r, ['物流', '售后', '新分类', 'Returns', '']);
    if (r() < 0.6) e.tags = pick(r, [['催单'], ['物流', '发货'], [], ['vip', '售后', 'en']]);
    out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------- mutations on JSON values

const WRONG_VALUES: unknown[] = [123, -1, 1.5, true, false, null, [], {}, 'text', ['a', 1], { nested: { deep: 1 } }, '', 0];
const EXTRA_KEYS = ['shortCut', 'extra', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'id2'];

/** Own enumerable property even for "__proto__", so JSON.stringify writes it. */
function setOwn(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function objectsIn(v: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
  if (depth > 6 || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) for (const x of v) objectsIn(x, out, depth + 1);
  else {
    out.push(v as Record<string, unknown>);
    for (const x of Object.values(v)) objectsIn(x, out, depth + 1);
  }
  return out;
}

const HUGE = `亲${'x'.repeat((1 << 20) - 3)}`; // 1 MB as UTF-8

/** One structural mutation of a JSON document (in place); returns its name. */
function mutateValue(r: Rng, doc: Record<string, unknown>, versionKey: string | null): string {
  const objs = objectsIn(doc);
  const target = objs.length > 1 && r() < 0.9 ? objs[1 + int(r, objs.length - 1)]! : doc;
  const keys = Object.keys(target);
  const key = keys.length ? pick(r, keys) : 'x';
  const m = int(r, 9);
  switch (m) {
    case 0:
      target[key] = pick(r, WRONG_VALUES);
      return `wrong-type:${key}`;
    case 1:
      delete target[key];
      return `missing-field:${key}`;
    case 2: {
      const k = pick(r, EXTRA_KEYS);
      setOwn(target, k, r() < 0.5 ? { polluted: 'yes' } : 'x');
      return `extra-field:${k}`;
    }
    case 3: {
      const strings = keys.filter((k) => typeof target[k] === 'string');
      const k = strings.length ? pick(r, strings) : key;
      target[k] = HUGE;
      return `huge-field:${k}`;
    }
    case 4: {
      const nums = objs.flatMap((o) => Object.keys(o).filter((k) => typeof o[k] === 'number').map((k) => [o, k] as const));
      if (!nums.length) return mutateValue(r, doc, versionKey);
      const [o, k] = pick(r, nums);
      o[k] = String(o[k]);
      return `number-as-string:${k}`;
    }
    case 5:
      if (!versionKey) return mutateValue(r, doc, versionKey);
      doc[versionKey] = pick(r, [2, 99, 1.5, '2', 0, -1, 1e9]);
      return `version-newer:${String(doc[versionKey])}`;
    case 6:
      doc.format = pick(r, ['xiaoer.replies', 'xiaoer.site-profiles', 'xiaoer.backup', 'other', 1, null]);
      return 'format-wrong';
    case 7: {
      const arrays = objs.flatMap((o) => Object.keys(o).filter((k) => Array.isArray(o[k])).map((k) => [o, k] as const));
      if (!arrays.length) return mutateValue(r, doc, versionKey);
      const [o, k] = pick(r, arrays);
      const arr = o[k] as unknown[];
      if (arr.length) arr.push(structuredClone(arr[int(r, arr.length)]));
      else arr.push(pick(r, WRONG_VALUES));
      return `duplicate-record:${k}`;
    }
    default: {
      const strings = objs.flatMap((o) => Object.keys(o).filter((k) => typeof o[k] === 'string').map((k) => [o, k] as const));
      if (!strings.length) return mutateValue(r, doc, versionKey);
      const [o, k] = pick(r, strings);
      o[k] = pick(r, ['', ' ', '\u0000', '\ud800', 'x'.repeat(201), 'x'.repeat(41), '/with space', 'UPPER.EXAMPLE.COM', 'https://a.example.com/x', '__proto__', 'constructor']);
      return `odd-string:${k}`;
    }
  }
}

/** Mutations on JSON TEXT (what a hand edit or a cut download does). */
function mutateJsonText(r: Rng, text: string): [string, string] {
  switch (int(r, 5)) {
    case 0: {
      // Repeat an existing key inside its own object: JSON.parse would silently keep the last.
      const hits = [...text.matchAll(/\{\s*"([A-Za-z-]+)"\s*:/g)];
      if (!hits.length) return ['duplicate-key:none', text];
      const h = pick(r, hits);
      const at = h.index! + 1;
      return [`duplicate-key:${h[1]}`, `${text.slice(0, at)}"${h[1]}":"dup",${text.slice(at)}`];
    }
    case 1: {
      const hits = [...text.matchAll(/:\s*(-?\d+(\.\d+)?)/g)];
      const v = pick(r, ['NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '01', '1.']);
      if (!hits.length) return [`nan:${v}`, text.replace(/"/, `${v},"`)];
      const h = pick(r, hits);
      return [`nan-infinity:${v}`, `${text.slice(0, h.index! + 1)}${v}${text.slice(h.index! + h[0].length)}`];
    }
    case 2: {
      const hits = [...text.matchAll(/\{/g)];
      const h = pick(r, hits);
      const payload = pick(r, ['"__proto__":{"polluted":"yes"},', '"constructor":{"prototype":{"polluted":"yes"}},', '"__proto__":{"__proto__":{"polluted":"yes"}},']);
      return [`proto-pollution`, `${text.slice(0, h.index! + 1)}${payload}${text.slice(h.index! + 1)}`];
    }
    case 3: {
      const depth = pick(r, [65, 1000, 100_000]);
      const hits = [...text.matchAll(/:\s*"[^"]*"/g)];
      const bomb = r() < 0.8 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      if (!hits.length) return [`depth-bomb:${depth}`, bomb];
      const h = pick(r, hits);
      return [`depth-bomb:${depth}`, `${text.slice(0, h.index! + 1)}${bomb}${text.slice(h.index! + h[0].length)}`];
    }
    default: {
      const trailing = pick(r, [',]', ',}', '//comment\n', "'single'", 'undefined']);
      const at = int(r, text.length);
      return [`syntax:${trailing}`, text.slice(0, at) + trailing + text.slice(at)];
    }
  }
}

// ---------------------------------------------------------------- mutations on bytes

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
}

const BAD_UTF8: readonly number[][] = [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe4, 0xb8], [0x80], [0xc7, 0xd7, 0xbb, 0xf5] /* GBK "亲货" */];

function mutateBytes(r: Rng, bytes: Uint8Array): [string, Uint8Array] {
  switch (int(r, 7)) {
    case 0: {
      const at = int(r, bytes.length);
      return [`truncated@${at}`, bytes.slice(0, at)];
    }
    case 1:
      return ['zero-byte', new Uint8Array(0)];
    case 2: {
      const at = int(r, bytes.length + 1);
      const bad = pick(r, BAD_UTF8);
      return [`invalid-utf8@${at}`, concat(bytes.slice(0, at), new Uint8Array(bad), bytes.slice(at))];
    }
    case 3:
      return ['bom', concat(new Uint8Array([0xef, 0xbb, 0xbf]), bytes)];
    case 4: {
      const out = bytes.slice();
      const at = int(r, out.length);
      if (out.length) out[at] = out[at]! ^ (1 << int(r, 8));
      return [`bit-flip@${at}`, out];
    }
    case 5: {
      // GBK: what Excel on Chinese Windows writes for "CSV". Every CJK char becomes two high bytes.
      const text = new TextDecoder().decode(bytes);
      const parts: number[] = [];
      for (const ch of text) {
        if (ch.charCodeAt(0) < 0x80) parts.push(ch.charCodeAt(0));
        else parts.push(0xb0 + (ch.codePointAt(0)! % 0x40), 0xa1 + (ch.codePointAt(0)! % 0x5e));
      }
      return ['gbk-encoded', new Uint8Array(parts)];
    }
    default: {
      const text = new TextDecoder().decode(bytes);
      const eol = pick(r, ['\r\n', '\r', '\n']);
      return [`line-ends:${JSON.stringify(eol)}`, enc.encode(text.replace(/\r\n|\n/g, eol))];
    }
  }
}

// ---------------------------------------------------------------- replies JSON

function repliesDoc(rows: ExpectedReply[], r: Rng): Record<string, unknown> {
  const doc: Record<string, unknown> = { format: 'xiaoer.replies', version: 1 };
  if (r() < 0.5) doc.categories = [{ name: '物流', symbol: '🚚', order: 0 }, { name: '新分类', symbol: '📁', order: 5 }];
  doc.replies = rows.map((e) => {
    const o: Record<string, unknown> = { title: e.title };
    if (e.shortcut !== undefined) o.shortcut = e.shortcut;
    if (e.category !== undefined) o.category = e.category;
    if (e.tags !== undefined) o.tags = e.tags;
    o.body = { ...e.body };
    return o;
  });
  return doc;
}

function manyReplies(n: number): ExpectedReply[] {
  return Array.from({ length: n }, (_, i) => ({ title: `批量回复 ${i}`, shortcut: `/b${i}`, body: { 'zh-CN': `亲，第${i}条，"引号", 逗号\n换行` } }));
}

function repliesJsonCase(r: Rng, id: number, big: number | false): FuzzCase {
  const mode = r() < 0.5 ? 'merge' : 'replace';
  const name = pick(r, ['library.json', 'export.JSON', 'replies.txt']);
  if (big) {
    const n = big;
    const rows = manyReplies(n);
    const bytes = enc.encode(JSON.stringify(repliesDoc(rows, r)));
    return { id, kind: 'replies-json', mutation: `rows:${n}`, name, bytes, mode, expected: n <= 50_000 ? rows : undefined };
  }
  const rows = validReplies(r);
  const doc = repliesDoc(rows, r);
  const layer = int(r, 10);
  if (layer < 2) {
    const pretty = r() < 0.5;
    let text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
    if (pretty && r() < 0.5) text = text.replace(/\n/g, '\r\n');
    return { id, kind: 'replies-json', mutation: pretty ? 'valid:pretty' : 'valid', name, bytes: enc.encode(text), mode, expected: rows };
  }
  if (layer < 5) {
    const m = mutateValue(r, doc, 'version');
    return { id, kind: 'replies-json', mutation: m, name, bytes: enc.encode(JSON.stringify(doc)), mode };
  }
  if (layer < 8) {
    const [m, text] = mutateJsonText(r, JSON.stringify(doc, null, r() < 0.5 ? 2 : undefined));
    return { id, kind: 'replies-json', mutation: m, name, bytes: enc.encode(text), mode };
  }
  const [m, bytes] = mutateBytes(r, enc.encode(JSON.stringify(doc, null, 1)));
  const keeps = m === 'bom' || (m.startsWith('line-ends') && !m.includes('\\r"'));
  return { id, kind: 'replies-json', mutation: m, name, bytes, mode, expected: keeps ? rows : undefined };
}

// ---------------------------------------------------------------- replies CSV

const CSV_COLS = ['title', 'shortcut', 'category', 'tags', 'zh-CN', 'zh-TW', 'en'] as const;

/** RFC 4180 cell, with the formula guard a seller's exporter uses (' before = + - @). */
function cell(v: string): string {
  const g = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(g) ? `"${g.replace(/"/g, '""')}"` : g;
}

function csvText(rows: ExpectedReply[], cols: readonly string[], eol: string): string {
  const lines = [cols.join(',')];
  for (const e of rows) {
    lines.push(cols.map((c) => {
      if (c === 'title') return cell(e.title);
      if (c === 'shortcut') return cell(e.shortcut ?? '');
      if (c === 'category') return cell(e.category ?? '');
      if (c === 'tags') return cell((e.tags ?? []).join('|'));
      return cell(e.body[c as 'en'] ?? '');
    }).join(','));
  }
  return lines.join(eol) + eol;
}

/** The rows as the importer must see them with only `cols` present (absent column = field absent). */
function projectRows(rows: ExpectedReply[], cols: readonly string[]): ExpectedReply[] {
  return rows.map((e) => {
    const body: ExpectedReply['body'] = {};
    for (const l of ['zh-CN', 'zh-TW', 'en'] as const) if (cols.includes(l)) body[l] = e.body[l] ?? '';
    const out: ExpectedReply = { title: e.title, body };
    if (cols.includes('shortcut')) out.shortcut = e.shortcut ?? '';
    if (cols.includes('category')) out.category = e.category ?? '';
    if (cols.includes('tags')) out.tags = e.tags ?? [];
    return out;
  });
}

function csvColumns(r: Rng): string[] {
  const langs = (['zh-CN', 'zh-TW', 'en'] as const).filter(() => r() < 0.7);
  if (!langs.length) langs.push('zh-CN');
  const cols = ['title', ...(['shortcut', 'category', 'tags'] as const).filter(() => r() < 0.8), ...langs];
  for (let i = cols.length - 1; i > 0; i--) {
    const j = int(r, i + 1);
    [cols[i], cols[j]] = [cols[j]!, cols[i]!];
  }
  return cols;
}

function csvCase(r: Rng, id: number, big: number | false): FuzzCase {
  const mode = r() < 0.5 ? 'merge' : 'replace';
  const name = pick(r, ['replies.csv', 'REPLIES.CSV', 'from-excel.csv']);
  if (big) {
    const n = big;
    const rows = manyReplies(n);
    const cols = ['title', 'shortcut', 'zh-CN'];
    return { id, kind: 'replies-csv', mutation: `rows:${n}`, name, bytes: enc.encode(`\uFEFF${csvText(rows, cols, '\r\n')}`), mode, expected: n <= 50_000 ? projectRows(rows, cols) : undefined };
  }
  let rows = validReplies(r);
  // Tags with a "|" cannot be written to CSV (the exporter refuses them), and a lone tag with a comma needs a trailing "|".
  rows = rows.map((e) => ({ ...e, tags: e.tags?.filter((t) => !/[|,，、]/.test(t)) }));
  // Rows whose every present cell is blank are skipped by the importer: never generate one.
  const cols = csvColumns(r);
  const eol = pick(r, ['\r\n', '\n']);
  const expected = projectRows(rows, cols).filter((e) => Object.values(e.body).some((t) => t.trim()));
  rows = rows.filter((e) => expected.some((x) => x.title === e.title));
  const base = csvText(rows, cols, eol);
  const layer = int(r, 10);
  if (layer < 3 || !rows.length) {
    const bom = r() < 0.5;
    return { id, kind: 'replies-csv', mutation: `valid:${bom ? 'bom+' : ''}${eol === '\n' ? 'lf' : 'crlf'}`, name, bytes: enc.encode(`${bom ? '\uFEFF' : ''}${base}`), mode, expected };
  }
  if (layer < 7) {
    const lines = base.split(eol);
    let m: string;
    let text: string;
    switch (int(r, 10)) {
      case 0: {
        // A bare quote inside an unquoted cell.
        const k = 1 + int(r, Math.max(1, lines.length - 2));
        lines[k] = `${lines[k] ?? ''}x"y`;
        (m = 'unquoted-quote'), (text = lines.join(eol));
        break;
      }
      case 1:
        (m = 'unclosed-quote'), (text = `${base.slice(0, base.length - 2)},"never closed${eol}`);
        break;
      case 2:
        (m = 'unknown-column'), (text = base.replace(/^[^\r\n]*/, (h) => `${h},${pick(r, ['notes', '__proto__', 'constructor', 'Shortcut ', 'zh_cn'])}`));
        break;
      case 3:
        (m = 'duplicate-column'), (text = base.replace(/^[^\r\n]*/, (h) => `${h},title`));
        break;
      case 4: {
        const k = 1 + int(r, Math.max(1, lines.length - 2));
        lines[k] = r() < 0.5 ? `${lines[k] ?? ''},extra` : (lines[k] ?? '').replace(/,[^,]*$/, '');
        (m = 'field-count'), (text = lines.join(eol));
        break;
      }
      case 5:
        (m = pick(r, ['semicolon-delimited', 'tab-delimited'])), (text = base.replace(/,/g, m === 'tab-delimited' ? '\t' : ';'));
        break;
      case 6:
        (m = 'header-only'), (text = `${lines[0]}${eol}`);
        break;
      case 7: {
        const k = 1 + int(r, Math.max(1, lines.length - 2));
        const bad = pick(r, [`"${'长'.repeat(50_001)}"`, `"/has space"`, `"${'x'.repeat(41)}"`, `""`, `"${HUGE}"`]);
        const cells = (lines[k] ?? '').split(',');
        cells[int(r, cells.length)] = bad;
        (m = 'bad-cell'), (text = lines.join(eol).replace(lines[k] ?? '\u0000', cells.join(',')));
        break;
      }
      case 8:
        (m = 'no-title-column'), (text = base.replace(/^[^\r\n]*/, (h) => h.replace('title', 'name')));
        break;
      default: {
        // Two rows on one shortcut.
        const dup = rows.find((e) => e.shortcut);
        if (!dup || !cols.includes('shortcut')) return csvCase(r, id, false);
        const copy = { ...dup, title: `${dup.title} copy` };
        (m = 'duplicate-shortcut'), (text = csvText([...rows, copy], cols, eol));
      }
    }
    return { id, kind: 'replies-csv', mutation: m, name, bytes: enc.encode(text), mode };
  }
  const [m, bytes] = mutateBytes(r, enc.encode(base));
  // A BOM or other line ends keep the meaning; CR-only line ends too (RFC 4180 readers accept them) except inside quoted cells.
  const keeps = m === 'bom' || (m.startsWith('line-ends') && !rows.some((e) => Object.values(e.body).some((t) => /[\r\n]/.test(t ?? ''))));
  return { id, kind: 'replies-csv', mutation: m, name, bytes, mode, expected: keeps ? expected : undefined };
}

// ---------------------------------------------------------------- site profiles

function profilesDoc(r: Rng): Record<string, unknown> {
  const n = 1 + int(r, 4);
  const hosts = [...SEEDED_HOSTS.slice(0, int(r, 3)), 'mms.pinduoduo.com', 'sellercentral.amazon.com', 'erp.shop-a.cn', 'kefu.example.org'].slice(0, n);
  return {
    format: 'xiaoer.site-profiles',
    version: 1,
    profiles: hosts.map((host) => ({
      host, name: pick(r, ['自建ERP', 'Amazon', '', '客服台 "2"']), composer: pick(r, ['textarea#reply', 'div[contenteditable="true"]', null]),
      messagePane: pick(r, ['.msg-list', null]), messageRow: pick(r, ['.msg-item', null]), buyerName: pick(r, ['.buyer > span:nth-child(2)', null]),
      orderNumber: pick(r, ['[data-order]', null]), reviewRow: null, createdAt: NOW, updatedAt: NOW,
    })),
  };
}

function profilesCase(r: Rng, id: number): FuzzCase {
  const doc = profilesDoc(r);
  const layer = int(r, 10);
  const records = () => ({ profiles: (JSON.parse(JSON.stringify(doc)) as { profiles?: unknown[] }).profiles ?? [] });
  if (layer < 2) return { id, kind: 'profiles', mutation: 'valid', name: 'profiles.json', bytes: enc.encode(JSON.stringify(doc, null, 2)), mode: 'merge', records: records() };
  if (layer < 6) {
    const m = mutateValue(r, doc, 'version');
    let rec: Record<string, unknown[]> | undefined;
    try {
      rec = Array.isArray(doc.profiles) ? { profiles: JSON.parse(JSON.stringify(doc.profiles)) as unknown[] } : undefined;
    } catch {
      rec = undefined;
    }
    return { id, kind: 'profiles', mutation: m, name: 'profiles.json', bytes: enc.encode(JSON.stringify(doc)), mode: 'merge', records: rec };
  }
  if (layer < 8) {
    const [m, text] = mutateJsonText(r, JSON.stringify(doc, null, 2));
    return { id, kind: 'profiles', mutation: m, name: 'profiles.json', bytes: enc.encode(text), mode: 'merge' };
  }
  const [m, bytes] = mutateBytes(r, enc.encode(JSON.stringify(doc, null, 2)));
  return { id, kind: 'profiles', mutation: m, name: 'profiles.json', bytes, mode: 'merge', records: m === 'bom' || m.startsWith('line-ends') ? records() : undefined };
}

// ---------------------------------------------------------------- backups

const BACKUP_TABLES = ['settings', 'categories', 'replies', 'usage', 'buyers', 'cases', 'evidence', 'messages', 'artifacts', 'reviewDrafts', 'siteProfiles'] as const;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A backup as the product writes it (lib/backup/format.ts layout), assembled here so a mutated table still has a valid checksum. */
function backupZip(tables: Record<string, string>, blobs: { artifactId: string; bytes: Uint8Array }[], manifestEdit?: (m: Record<string, unknown>) => void): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const entries: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(tables)) {
    const b = enc.encode(text);
    files[`tables/${name}.json`] = b;
    let count = 0;
    try {
      const v = JSON.parse(text) as unknown;
      count = Array.isArray(v) ? v.length : 0;
    } catch {
      count = (text.match(/\{/g) ?? []).length;
    }
    entries[name] = { path: `tables/${name}.json`, count, sha256: sha(b) };
  }
  const blobList = blobs.map((b, i) => {
    files[`blobs/${i}.bin`] = b.bytes;
    return { path: `blobs/${i}.bin`, artifactId: b.artifactId, size: b.bytes.length, sha256: sha(b.bytes) };
  });
  const manifest: Record<string, unknown> = { format: 'xiaoer.backup', version: 1, dbVersion: 1, createdAt: NOW, extensionVersion: '0.1.0', tables: entries, blobs: blobList };
  manifestEdit?.(manifest);
  return zipSync({ 'manifest.json': enc.encode(JSON.stringify(manifest)), ...files }, { mtime: new Date(NOW) });
}

function backupCase(r: Rng, id: number): FuzzCase {
  // The backup holds a DIFFERENT library than the store, so a restore visibly replaces it.
  const seed = seedRecords();
  const data: Record<string, unknown[]> = {
    ...seed,
    replies: validReplies(r, 2 + int(r, 4)).map((e, i) => ({ id: `rb-${i}`, title: e.title, shortcut: e.shortcut ?? '', categoryId: 'c-ship', tags: e.tags ?? [], body: { 'zh-CN': e.body['zh-CN'] ?? '', 'zh-TW': e.body['zh-TW'] ?? '', en: e.body.en ?? '' }, usageCount: int(r, 5), lastUsedAt: null, createdAt: NOW, updatedAt: NOW })),
    // The figures of the backup's own replies: a backup never carries usage rows of replies it lacks
    // (collectBackup leaves them out, and a restore drops those of an older file).
    usage: [{ id: 1, replyId: 'rb-0', at: NOW, site: 'pinduoduo' }, { id: 2, replyId: 'rb-1', at: NOW, site: 'taobao' }],
    siteProfiles: [(profilesDoc(r).profiles as unknown[])[0]!],
    artifacts: seed.artifacts.map(({ bytes: _b, ...meta }) => meta),
  };
  const blobs = seed.artifacts.map((a) => ({ artifactId: a.id, bytes: a.bytes }));
  const blobMap = Object.fromEntries(blobs.map((b) => [b.artifactId, b.bytes]));
  const tablesText = () => Object.fromEntries(BACKUP_TABLES.map((t) => [t, JSON.stringify(data[t] ?? [])]));
  const layer = int(r, 12);
  if (layer < 2) return { id, kind: 'backup', mutation: 'valid', name: 'backup.zip', bytes: backupZip(tablesText(), blobs), mode: 'replace', records: structuredClone(data), blobs: blobMap };
  if (layer < 6) {
    // A record mutated, checksums recomputed: the reader must catch it by validation, not by hash.
    const table = pick(r, BACKUP_TABLES.filter((t) => (data[t] ?? []).length));
    const doc: Record<string, unknown> = { rows: data[table] };
    const m = mutateValue(r, doc, null);
    data[table] = Array.isArray(doc.rows) ? doc.rows : [];
    const rows = doc.rows;
    const text = { ...tablesText(), [table]: JSON.stringify(rows ?? null) };
    return { id, kind: 'backup', mutation: `${table}:${m}`, name: 'backup.zip', bytes: backupZip(text, blobs), mode: 'replace', records: structuredClone(data), blobs: blobMap };
  }
  if (layer < 8) {
    const table = pick(r, BACKUP_TABLES.filter((t) => (data[t] ?? []).length));
    const [m, text] = mutateJsonText(r, JSON.stringify(data[table]));
    // The edit may land inside a string and leave valid JSON: then the file's records are what it now says.
    let records: Record<string, unknown[]> | undefined;
    try {
      records = { ...structuredClone(data), [table]: JSON.parse(text) as unknown[] };
    } catch {
      records = undefined;
    }
    return { id, kind: 'backup', mutation: `${table}:${m}`, name: 'backup.zip', bytes: backupZip({ ...tablesText(), [table]: text }, blobs), mode: 'replace', records, blobs: blobMap };
  }
  if (layer < 10) {
    const edits: [string, (m: Record<string, unknown>) => void][] = [
      ['manifest:version-newer', (m) => (m.version = 2)],
      ['manifest:dbVersion-newer', (m) => (m.dbVersion = LATEST_VERSION + 1)],
      ['manifest:dbVersion-string', (m) => (m.dbVersion = '1')],
      ['manifest:extra-field', (m) => (m.encrypted = true)],
      ['manifest:proto', (m) => setOwn(m, '__proto__', { polluted: 'yes' })],
      ['manifest:table-missing', (m) => delete (m.tables as Record<string, unknown>).replies],
      ['manifest:count-wrong', (m) => ((m.tables as Record<string, { count: number }>).replies!.count += 1)],
      ['manifest:blob-dropped', (m) => (m.blobs = [])],
      ['manifest:blob-size', (m) => ((m.blobs as { size: number }[])[0]!.size = 1)],
      ['manifest:format', (m) => (m.format = 'xiaoer.evidence')],
    ];
    const [m, edit] = pick(r, edits);
    const keeps = m === 'manifest:extra-field' || m === 'manifest:proto' || m === 'manifest:blob-size';
    return { id, kind: 'backup', mutation: m, name: 'backup.zip', bytes: backupZip(tablesText(), blobs, edit), mode: 'replace', records: keeps ? structuredClone(data) : undefined, blobs: blobMap };
  }
  // Byte damage to the ZIP itself (cut download, flipped bit, wrong file).
  const zip = backupZip(tablesText(), blobs);
  const [m, bytes] = int(r, 3) === 0 ? (['not-a-zip', enc.encode(JSON.stringify(data))] as [string, Uint8Array]) : mutateBytes(r, zip);
  // A flip in a field no reader uses (a timestamp, "version made by") leaves the backup whole:
  // accepting it is right, but then what lands must be exactly the original records and bytes.
  const intact = m.startsWith('bit-flip') || m === 'bom' ? { records: structuredClone(data), blobs: blobMap } : {};
  return { id, kind: 'backup', mutation: `zip:${m}`, name: 'backup.zip', bytes, mode: 'replace', ...intact };
}

// ---------------------------------------------------------------- the stream

export interface GenerateOptions {
  /** Cases in total, spread over the kinds (~30/30/20/20 %). */
  count: number;
  /**
   * How many of them are large-row files, in this rotation: 100,000-row JSON, 100,000-row CSV
   * (both over the 50,000-reply limit: refused), 5,000-row CSV, 5,000-row JSON (imported).
   */
  big: number;
}

const BIG: readonly ['json' | 'csv', number][] = [['json', 100_000], ['csv', 100_000], ['csv', 5_000], ['json', 5_000]];

export function* generateCases(seed: number, opts: GenerateOptions): Generator<FuzzCase> {
  const r = mulberry32(seed);
  const bigAt = new Map<number, (typeof BIG)[number]>();
  for (let k = 0; k < opts.big; k++) bigAt.set(Math.floor(((k + 0.5) * opts.count) / Math.max(1, opts.big)), BIG[k % BIG.length]!);
  for (let id = 0; id < opts.count; id++) {
    const big = bigAt.get(id);
    const x = r();
    if (big) yield big[0] === 'json' ? repliesJsonCase(r, id, big[1]) : csvCase(r, id, big[1]);
    else if (x < 0.3) yield repliesJsonCase(r, id, false);
    else if (x < 0.6) yield csvCase(r, id, false);
    else if (x < 0.8) yield backupCase(r, id);
    else yield profilesCase(r, id);
  }
}

/** Case `id` of the run with this seed and options, exactly as that run made it (the generator is one stream). */
export function caseAt(seed: number, id: number, opts: GenerateOptions): FuzzCase {
  for (const c of generateCases(seed, opts)) if (c.id === id) return c;
  throw new Error(`seed ${seed} has no case ${id} with ${opts.count} cases`);
}
