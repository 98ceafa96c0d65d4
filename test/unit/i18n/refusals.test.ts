/**
 * Import/restore refusals in the seller's language (issue 7): every refusal code
 * has words in zh-CN, zh-TW and en, and every refusal the readers actually
 * produce — the fuzz corpus (test/unit/fuzz/generate.ts, fixed seed) plus the
 * hand-made bad files below — renders in each language with every part of its
 * place (line, column, CSV row and column, field path, backup entry) and with
 * every placeholder of its template filled.
 */
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { FEATURE_TABLES, MESSAGES } from '../../../lib/i18n';
import { refusals } from '../../../lib/i18n/refusals';
import { REFUSAL_CODES, placeText, refusalText, type Refusal, type RefusalPlace, type RefusalReason } from '../../../lib/backup/refusal';
import { readRepliesFile, parseRepliesFile } from '../../../lib/replies/transfer';
import { parseProfilesBytes } from '../../../lib/sites/profile-transfer';
import { inspectBackupFile } from '../../../lib/backup/store';
import { writeBackup, type BackupData } from '../../../lib/backup/format';
import { MAX_IMPORT_BYTES } from '../../../lib/replies/transfer';
import { generateCases, seedRecords } from '../fuzz/generate';
import type { Lang } from '../../../lib/schema';

const LANGS: readonly Lang[] = ['en', 'zh-CN', 'zh-TW'];
const enc = new TextEncoder();
const keyOf = (code: string) => `refuse${code[0]!.toUpperCase()}${code.slice(1)}`;
const CJK = /[\u4e00-\u9fff]/;

/** Codes no reader can reach from a file today; each says why. */
const UNREACHABLE: Record<string, string> = {
  notJson: 'only when the engine disagrees with the scanner, which accepts exactly RFC 8259',
  invalidValue: 'a zod issue with none of the handled codes and no message; or a schema failure without an issue',
  badKey: 'no record key schema in the import formats',
  badUnion: 'no union in the import formats',
  invalidFile: 'a failed zod parse always carries an issue',
  tableNotListed: 'the manifest schema (z.record over the table enum) already requires every table',
  settingsTwice: 'the settings id is the literal "settings": a second record is refused as a duplicate id first',
  tooLarge: 'numeric maximums: none in the import formats',
  tooShort: 'string minimums other than 1: none in the import formats',
  tooFewItems: 'array minimums: none in the import formats',
  tooManyItems: 'profiles array at most 5,000: the fuzz files are small (checked in test/unit/sites)',
  tooSmall: 'numeric minimums: reached through backup records (id positive), rare in the corpus',
  notSelector: 'the selector check needs a DOM (the dashboard) and this suite runs without one: test/unit/sites/profiles.test.ts (jsdom) reaches it and renders it in each language',
  zipDamaged: 'readZip throws only ZipFormatError, said by its kind (zipTruncated…); this is for anything else it might throw',
};

/**
 * A ZIP edited in its headers, the same way in the local header and the central directory
 * entry of every file: `local`/`central` get the offset of each header's signature.
 */
function patchHeaders(bytes: Uint8Array, patch: (u8: Uint8Array, at: number, where: 'local' | 'central') => void): Uint8Array {
  const u8 = Uint8Array.from(bytes);
  const dv = new DataView(u8.buffer);
  for (let i = 0; i + 4 <= u8.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) patch(u8, i, 'local');
    else if (sig === 0x02014b50) patch(u8, i, 'central');
  }
  return u8;
}

async function refusalOf(kind: 'replies' | 'profiles' | 'backup', bytes: Uint8Array, name = 'file'): Promise<Refusal | null> {
  if (kind === 'replies') {
    const r = readRepliesFile(bytes, name);
    return r.ok ? null : r.error.refusal;
  }
  if (kind === 'profiles') {
    const r = parseProfilesBytes(bytes);
    return r.ok ? null : r.refusal;
  }
  const r = await inspectBackupFile(bytes);
  return r.ok ? null : r.problem.refusal;
}

/** Hand-made bad files reaching codes the random corpus may miss (each from the reader's own tests). */
function handMade(): { kind: 'replies' | 'profiles' | 'backup'; name: string; bytes: Uint8Array }[] {
  const good = { title: 't', body: { en: 'x' } };
  const json = (replies: unknown[], extra: object = {}) => JSON.stringify({ format: 'xiaoer.replies', version: 1, replies, ...extra });
  const replies = (text: string, name = 'f.json') => ({ kind: 'replies' as const, name, bytes: enc.encode(text) });
  const profiles = (text: string) => ({ kind: 'profiles' as const, name: 'p.json', bytes: enc.encode(text) });
  const P = (list: unknown[]) => JSON.stringify({ format: 'xiaoer.site-profiles', version: 1, profiles: list });
  const profile = { host: 'a.example.com', name: '', composer: null, messagePane: null, messageRow: null, buyerName: null, orderNumber: null, reviewRow: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const zip = (files: Record<string, string>) => ({ kind: 'backup' as const, name: 'b.zip', bytes: zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))) });
  return [
    { kind: 'replies', name: 'gbk.csv', bytes: Uint8Array.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x2c, 0x65, 0x6e, 0x0a, 0xc7, 0xeb]) },
    // A backup picked in the replies import by mistake.
    { kind: 'replies', name: 'xiaoer-backup.zip', bytes: zipSync({ 'manifest.json': strToU8('{"format":"xiaoer.backup"}') }) },
    // And in the site-profiles import.
    { kind: 'profiles', name: 'xiaoer-backup.zip', bytes: zipSync({ 'manifest.json': strToU8('{"format":"xiaoer.backup"}') }) },
    replies('{"a": "x\ny"}'),
    replies('{"a": "\\u12"}'),
    replies('{"a": "\\q"}'),
    replies('{"a" 1}'),
    replies('{1: 2}'),
    replies('{"a": NaN}'),
    replies('{"a": ]}'),
    replies('{"a": 1} x'),
    replies('{"a": 1 2}'),
    replies('[1 2]'),
    replies(''),
    replies(json([{ ...good, shortcut: 'a b' }])),
    replies(json([{ ...good, title: ' ' }])),
    replies(json([{ ...good, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }])),
    replies(json([{ ...good, tags: ['x'.repeat(60)] }])),
    replies(json([{ ...good, body: { en: '' } }])),
    replies(json([{ ...good, shortcut: '/a' }, { ...good, shortcut: '/A' }])),
    replies(json([{ ...good, shortCut: 'x' }])),
    replies(json([], { version: 2 })),
    replies(json([], { format: 'other' })),
    replies(json([], { categories: [{ name: 'A' }, { name: 'A' }] })),
    replies(json([{ ...good, title: 5 }])),
    replies(json([{ ...good, title: 'x'.repeat(201) }])),
    replies('title,en\n"a"b,x\n', 'f.csv'),
    replies('title,en\na"b,x\n', 'f.csv'),
    replies('title,en\n"abc,x\n', 'f.csv'),
    replies(' \n', 'f.csv'),
    replies('title,en,foo\n', 'f.csv'),
    replies('title,en,title\n', 'f.csv'),
    replies('en\nx\n', 'f.csv'),
    replies('title,shortcut\nx,y\n', 'f.csv'),
    replies('title,en\nx\n', 'f.csv'),
    replies('title,shortcut,en\na,/x,1\nb,/X,2\n', 'f.csv'),
    profiles('{"format":"other"}'),
    profiles(JSON.stringify({ format: 'xiaoer.site-profiles', version: 9, profiles: [] })),
    profiles(P([{ ...profile, host: 'https://x/' }])),
    profiles(P([profile, profile])),
    profiles(P([{ ...profile, composer: 42 }])),
    { kind: 'backup', name: 'b.zip', bytes: new Uint8Array() },
    { kind: 'backup', name: 'b.zip', bytes: enc.encode('hello') },
    zip({ 'x.txt': 'x' }),
    zip({ 'manifest.json': '{"format":"other","version":1,"dbVersion":1}' }),
    zip({ 'manifest.json': '{"format":"xiaoer.backup","version":7,"dbVersion":1}' }),
    zip({ 'manifest.json': '{"format":"xiaoer.backup",' }),
    zip({ 'manifest.json': '{"format":"xiaoer.backup","version":1,"dbVersion":1}' }),
    // Password-protected (general-purpose flag bit 0), and stored with a compression method Xiaoer never writes (99: AES).
    { kind: 'backup', name: 'b.zip', bytes: patchHeaders(zip({ 'manifest.json': '{}' }).bytes, (u8, at, where) => void (u8[at + (where === 'local' ? 6 : 8)]! |= 1)) },
    { kind: 'backup', name: 'b.zip', bytes: patchHeaders(zip({ 'manifest.json': '{}' }).bytes, (u8, at, where) => void (u8[at + (where === 'local' ? 8 : 10)] = 99)) },
  ];
}

/** Every value a place names, as text: each must appear in the place's words in every language. */
function placeParts(place: RefusalPlace): string[] {
  switch (place.kind) {
    case 'file':
      return [];
    case 'field':
      return [place.path];
    case 'text':
      return [place.line, place.column, place.field].filter((v) => v !== undefined).map(String);
    case 'row':
      return [place.row, place.column, place.columnNo].filter((v) => v !== undefined).map(String);
    case 'entry':
      return [place.entry, place.path, place.text?.line, place.text?.column, place.text?.field].filter((v) => v !== undefined && v !== '').map(String);
  }
}

function placeholders(template: string): string[] {
  return (template.match(/\{(\w+)\}/g) ?? []).map((m) => m.slice(1, -1));
}

function checkReason(reason: RefusalReason, problems: string[], label: string) {
  const template = (refusals.en as Record<string, string>)[keyOf(reason.code)];
  if (template === undefined) return void problems.push(`${label}: unknown code ${reason.code}`);
  for (const name of placeholders(template)) {
    const filled = name === 'inner' ? reason.inner !== undefined : Object.prototype.hasOwnProperty.call(reason.params ?? {}, name);
    if (!filled) problems.push(`${label}: {${name}} of ${reason.code} has no value`);
  }
  if (reason.inner) checkReason(reason.inner, problems, label);
}

function codesOf(r: RefusalReason): string[] {
  return r.inner ? [r.code, ...codesOf(r.inner)] : [r.code];
}

/** A real backup of the fuzz suite's seeded store, edited as data and/or as ZIP entries. */
async function backupBytes(edit?: (d: BackupData) => void, zipEdit?: (files: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const s = seedRecords();
  const data = { ...s, artifacts: s.artifacts.map(({ bytes, ...meta }) => ({ ...meta, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: meta.mime }) })) } as unknown as BackupData;
  edit?.(data);
  let bytes = await writeBackup(data, { createdAt: '2026-01-01T00:00:00.000Z', extensionVersion: '0.1.0', dbVersion: 1 });
  if (zipEdit) {
    const files = unzipSync(bytes);
    zipEdit(files);
    bytes = zipSync(files);
  }
  return bytes;
}

function editManifest(files: Record<string, Uint8Array>, edit: (m: { tables: Record<string, unknown>; blobs: { artifactId: string }[] }) => void) {
  const m = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  edit(m);
  files['manifest.json'] = strToU8(JSON.stringify(m));
}

async function handMadeBig(): Promise<{ kind: 'replies' | 'backup'; name: string; bytes: Uint8Array }[]> {
  const json = (extra: object) => enc.encode(JSON.stringify({ format: 'xiaoer.replies', version: 1, replies: [], ...extra }));
  return [
    { kind: 'replies', name: 'huge.csv', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) },
    { kind: 'replies', name: 'many.json', bytes: json({ replies: new Array(50_001).fill(0) }) },
    { kind: 'replies', name: 'cats.json', bytes: json({ categories: new Array(1_001).fill(0) }) },
    { kind: 'replies', name: 'rows.csv', bytes: enc.encode(`title,en
${'a,b\n'.repeat(50_001)}`) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes(undefined, (f) => void (f['manifest.json'] = Uint8Array.from([0x7b, 0xff]))) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes(undefined, (f) => void delete f['tables/replies.json']) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes(undefined, (f) => void (f['tables/replies.json'] = strToU8('[]'))) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes(undefined, (f) => editManifest(f, (m) => void delete m.tables.replies)) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes(undefined, (f) => editManifest(f, (m) => void (m.blobs[0]!.artifactId = 'art-elsewhere'))) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes((d) => void d.evidence.push({ ...d.evidence[0]!, id: 'ev-2' })) },
    { kind: 'backup', name: 'b.zip', bytes: await backupBytes((d) => void (d.artifacts[0]!.sha256 = '0'.repeat(64))) },
    // An exported case chosen as a backup (both are Xiaoer .zip files in the same folder).
    { kind: 'backup', name: 'case.zip', bytes: zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'xiaoer.evidence-bundle', version: 2 })) }) },
  ];
}

async function collect(): Promise<{ label: string; refusal: Refusal }[]> {
  const out: { label: string; refusal: Refusal }[] = [];
  // The fuzz suite's own generator at a fixed seed: the same files issue 8 throws at the importers.
  for (const c of generateCases(20261122, { count: 800, big: 0 })) {
    const kind = c.kind === 'backup' ? 'backup' : c.kind === 'profiles' ? 'profiles' : 'replies';
    const r = await refusalOf(kind, c.bytes, c.name);
    if (r) out.push({ label: `fuzz case ${c.id} ${c.kind} ${c.mutation}`, refusal: r });
  }
  for (const [i, f] of [...handMade(), ...(await handMadeBig())].entries()) {
    const r = await refusalOf(f.kind, f.bytes, f.name);
    if (r) out.push({ label: `hand-made #${i} ${f.name}`, refusal: r });
  }
  return out;
}

describe('refusal strings', () => {
  it('every refusal code has a string in every language, and every place/type/joining key too', () => {
    expect(REFUSAL_CODES.length).toBeGreaterThan(60);
    for (const lang of LANGS) {
      const table = refusals[lang] as Record<string, string>;
      for (const code of REFUSAL_CODES) expect(table[keyOf(code)], `${lang} ${code}`).toBeTruthy();
      for (const key of Object.keys(refusals.en)) expect(table[key], `${lang} ${key}`).toBeTruthy();
      // Registered in FEATURES: the app-wide tables (and the foundation completeness test) see them.
      for (const code of REFUSAL_CODES) expect((MESSAGES[lang] as Record<string, string>)[keyOf(code)]).toBe(table[keyOf(code)]);
    }
    expect(FEATURE_TABLES).toContain(refusals);
  });

  it('Chinese strings are Chinese, and 简体 and 繁體 are written apart where the wording differs', () => {
    let differ = 0;
    for (const key of Object.keys(refusals.en) as (keyof typeof refusals.en)[]) {
      const cn = refusals['zh-CN'][key];
      const tw = refusals['zh-TW'][key];
      if (cn !== tw) differ++;
      // Pure punctuation/technical keys (joiners, "{path}", type names like null) may be equal across languages.
      if (CJK.test(cn) || /[a-z]{3}/.test(refusals.en[key].replace(/\{\w+\}/g, ''))) {
        if (!['refuseTypeNull', 'refuseTypeBoolean'].includes(key)) expect(cn, `zh-CN ${key}`).toMatch(CJK);
      }
    }
    expect(differ).toBeGreaterThan(Object.keys(refusals.en).length * 0.7);
    // Words that differ between the two, not a character conversion: file, column, row, text.
    expect(refusals['zh-CN'].refuseEmptyFile).toContain('文件');
    expect(refusals['zh-TW'].refuseEmptyFile).toContain('檔案');
    expect(refusals['zh-CN'].refusePlaceRowColumn).toMatch(/行.*列/);
    expect(refusals['zh-TW'].refusePlaceRowColumn).toMatch(/列.*欄/);
  });

  it('the English rendering is the message the readers always gave (unit tests read it)', () => {
    const r = parseRepliesFile('title,shortcut,en\nx,a b,y\n', 'f.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('CSV row 2, column "shortcut": must not contain spaces');
    expect(r.error.where).toBe('CSV row 2, column "shortcut"');
    expect(r.error.refusal).toMatchObject({ code: 'shortcutSpaces', place: { kind: 'row', row: 2, column: 'shortcut' } });
    expect(refusalText('zh-CN', r.error.refusal)).toBe('CSV 第 2 行“shortcut”列：不能包含空格');
    expect(refusalText('zh-TW', r.error.refusal)).toBe('CSV 第 2 列「shortcut」欄：不能包含空白');
  });

  it('a value from the file is never filled in as a placeholder', () => {
    const r = parseRepliesFile(JSON.stringify({ format: 'xiaoer.replies', version: 1, categories: [{ name: '{max}' }, { name: '{max}' }], replies: [] }), 'f.json');
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.message).toBe('line 1, column 79 (categories[1].name): "{max}" appears twice');
    expect(refusalText('zh-CN', r.error.refusal)).toBe('第 1 行第 79 列（字段 categories[1].name）：“{max}”出现了两次');
  });

  it('every refusal the fuzz corpus and the hand-made files produce renders with its place in each language', async () => {
    const all = await collect();
    const problems: string[] = [];
    const seen = new Map<string, number>();
    for (const { label, refusal } of all) {
      for (const c of codesOf(refusal)) seen.set(c, (seen.get(c) ?? 0) + 1);
      checkReason(refusal, problems, label);
      const en = refusalText('en', refusal);
      if (en !== refusal.message) problems.push(`${label}: English rendering differs from the message`);
      for (const lang of LANGS) {
        const text = refusalText(lang, refusal);
        if (refusal.place) {
          const place = placeText(lang, refusal.place);
          if (!text.startsWith(place)) problems.push(`${label}: ${lang} does not start with its place`);
          for (const part of placeParts(refusal.place)) if (!place.includes(part)) problems.push(`${label}: ${lang} place "${place}" lacks "${part}"`);
        }
        if (lang !== 'en') {
          if (!CJK.test(text)) problems.push(`${label}: ${lang} has no Chinese: ${text}`);
          if (text === en) problems.push(`${label}: ${lang} is the English text`);
        }
      }
      // zh-TW must not be the zh-CN text where the two languages word it differently.
      if (refusalText('zh-CN', refusal) === refusalText('zh-TW', refusal)) problems.push(`${label}: zh-TW equals zh-CN`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(all.length).toBeGreaterThan(300);
    console.log(`refusals rendered: ${all.length}; codes seen: ${[...seen].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    // Coverage: a code no file reaches must say why in UNREACHABLE (so a new reader code gets a case here).
    const missing = REFUSAL_CODES.filter((c) => !seen.has(c) && !(c in UNREACHABLE));
    expect(missing).toEqual([]);
    // And the list stays honest: a code some file does reach is not called unreachable.
    expect(Object.keys(UNREACHABLE).filter((c) => seen.has(c))).toEqual([]);
  }, 120_000);
});
