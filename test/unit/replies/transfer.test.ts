import { describe, expect, it } from 'vitest';
import type { Category, Reply } from '../../../lib/schema/index.ts';
import { defaultLibrary } from '../../../lib/replies/defaults.ts';
import {
  CsvTagRefused, DEFAULT_CATEGORY_SYMBOL, MAX_IMPORT_ROWS, exportRepliesCsv, exportRepliesJson, parseCsvRecords, parseRepliesFile, planImport,
  readRepliesFile, type ImportEntry,
} from '../../../lib/replies/transfer.ts';
import { zipSync } from 'fflate';
import { refusalText } from '../../../lib/backup/refusal.ts';

const NOW = '2026-11-22T10:00:00.000Z';
function ids() {
  let n = 0;
  return (kind: 'reply' | 'category') => `${kind}-${++n}`;
}
const EMPTY = { categories: [] as Category[], replies: [] as Reply[] };

function ok(text: string, kind: string) {
  const r = parseRepliesFile(text, kind);
  if (!r.ok) throw new Error(`refused: ${r.error.message}`);
  return r;
}
function refused(text: string, kind: string) {
  const r = parseRepliesFile(text, kind);
  if (r.ok) throw new Error('accepted a bad file');
  return r.error;
}
const json = (replies: unknown[], extra: object = {}) => JSON.stringify({ format: 'xiaoer.replies', version: 1, replies, ...extra });
const good = { title: '发货时间', shortcut: 'fh', category: '物流', tags: ['发货'], body: { 'zh-CN': '48小时内发货', en: 'Ships in 48h' } };

describe('JSON import', () => {
  it('accepts a valid file with optional fields absent', () => {
    const r = ok(json([good, { title: 'Hello', body: { en: 'Hi!' } }]), 'team.json');
    expect(r.kind).toBe('json');
    expect(r.entries[0]).toEqual({ ...good, source: 'replies[0]' });
    expect(r.entries[1]).toEqual({ title: 'Hello', body: { en: 'Hi!' }, source: 'replies[1]' });
  });

  it('names the place and field of each kind of error', () => {
    const cases: Array<[unknown[], string]> = [
      [[good, good, good, { ...good, shortcut: 'x', body: { en: 5 } }], 'line 1, column 455 (replies[3].body.en): expected string'],
      [[{ ...good, title: '' }], 'line 1, column 60 (replies[0].title): must not be empty'],
      [[{ ...good, title: 'x'.repeat(201) }], 'line 1, column 60 (replies[0].title): longer than 200 characters'],
      [[{ ...good, shortcut: 'x'.repeat(41) }], 'line 1, column 78 (replies[0].shortcut): longer than 40 characters'],
      [[{ ...good, shortcut: 'f h' }], 'line 1, column 78 (replies[0].shortcut): must not contain spaces'],
      [[{ ...good, tags: ['a', 3] }], 'line 1, column 111 (replies[0].tags[1]): expected string'],
      [[{ ...good, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }], 'line 1, column 106 (replies[0].tags): more than 50 tags'],
      [[{ ...good, body: { 'zh-CN': '', en: ' ' } }], 'line 1, column 120 (replies[0].body): no text in any language (zh-CN, zh-TW, en)'],
      [[{ ...good, body: { fr: 'Bonjour' } }], 'line 1, column 126 (replies[0].body.fr): unknown field "fr"'],
      [[{ ...good, shortCut: 'fh' }], 'line 1, column 171 (replies[0].shortCut): unknown field "shortCut"'],
      [[{ ...good, body: undefined }], 'line 1, column 51 (replies[0].body): missing (expected object)'],
      [[{ ...good, body: { en: 'x'.repeat(20_001) } }], 'line 1, column 126 (replies[0].body.en): longer than 20000 characters'],
      [['just a string'], 'line 1, column 51 (replies[0]): expected object'],
      [[good, { ...good, shortcut: 'FH', title: 'Other' }], 'line 1, column 189 (replies[1].shortcut): shortcut "FH" is also used by replies[0]'],
    ];
    for (const [replies, message] of cases) expect(refused(json(replies), 'json').message).toBe(message);
    expect(refused(json([{ ...good, body: { en: 5 } }]), 'json').where).toBe('line 1, column 126 (replies[0].body.en)');
  });

  it('a field refused after parsing names its line too, as a file exported and edited by hand shows it (was the path alone)', () => {
    const exported = (replies: unknown[]) => JSON.stringify({ format: 'xiaoer.replies', version: 1, replies }, null, 2);
    // Lines 5–16 hold replies[0]; replies[1] opens on line 17.
    const wrongType = refused(exported([good, { title: 'Hello', body: { en: 5 } }]), 'team.json');
    expect(wrongType.message).toBe('line 20, column 15 (replies[1].body.en): expected string');
    expect(refusalText('zh-CN', wrongType.refusal)).toBe('第 20 行第 15 列（字段 replies[1].body.en）：应为文本');
    // A missing field: the line of the reply that lacks it.
    expect(refused(exported([good, good, { body: { en: 'Hi' } }]), 'team.json').message).toBe('line 29, column 5 (replies[2].title): missing (expected string)');
    // Refused by the library's own rules (not the schema): an empty title, a shortcut used twice.
    expect(refused(exported([good, { ...good, title: ' ', shortcut: 'x' }]), 'team.json').message).toBe('line 18, column 16 (replies[1].title): must not be empty');
    expect(refused(exported([good, { ...good, shortcut: 'FH' }]), 'team.json').message).toBe('line 19, column 19 (replies[1].shortcut): shortcut "FH" is also used by replies[0]');
  });

  it('refuses wrong envelopes and broken JSON', () => {
    expect(refused(JSON.stringify({ format: 'other', version: 1, replies: [] }), 'json').message).toBe('line 1, column 11 (format): must be "xiaoer.replies"');
    expect(refused(JSON.stringify({ format: 'xiaoer.replies', version: 2, replies: [] }), 'json').message).toBe('line 1, column 38 (version): 2 is newer than this Xiaoer reads (1); update Xiaoer');
    expect(refused(JSON.stringify({ format: 'xiaoer.replies', version: '1', replies: [] }), 'json').message).toBe('line 1, column 38 (version): must be 1');
    expect(refused(JSON.stringify({ format: 'xiaoer.replies', version: 1 }), 'json').message).toBe('line 1, column 1 (replies): missing (expected array)');
    expect(refused('{"format": "xiaoer.replies", ', 'json').message).toBe('line 1, column 30: the file ends too early (is it cut short?)');
    expect(refused(json([], { categories: [{ name: 'A' }, { name: 'A' }] }), 'json').message).toBe('line 1, column 88 (categories[1].name): "A" appears twice');
    expect(refused(json([], { categories: [{ name: 'A', symbol: '★★★★★★★★★' }] }), 'json').message).toBe('line 1, column 88 (categories[0].symbol): longer than 8 characters');
  });

  it('detects the kind from the content when the name does not say', () => {
    expect(ok(json([good]), 'export.txt').kind).toBe('json');
    expect(ok('title,en\nHi,Hello\n', 'export.txt').kind).toBe('csv');
  });
});

describe('CSV import', () => {
  it('parses RFC 4180: quotes, doubled quotes, newlines, CRLF, BOM, free header order', () => {
    const csv = '\uFEFFen,Title,TAGS,shortcut\r\n"Line one,\r\nline ""two""",退换货,"售后|退货",th\r\nplain,标题2,"a, b，c",\r\n';
    const r = ok(csv, 'replies.csv');
    expect(r.entries).toEqual([
      { title: '退换货', shortcut: 'th', tags: ['售后', '退货'], body: { en: 'Line one,\r\nline "two"' }, source: 'CSV row 2' },
      { title: '标题2', shortcut: '', tags: ['a', 'b', 'c'], body: { en: 'plain' }, source: 'CSV row 3' },
    ]);
  });

  it('reads the Chinese column headers of a seller spreadsheet (简体 and 繁體) — they were refused as unknown', () => {
    const zhCN = ok('标题,内容,分类,快捷短语,标签\n发货时间,48小时内发货,物流,fh,发货|时效\n', 'replies.csv');
    expect(zhCN.entries).toEqual([{ title: '发货时间', shortcut: 'fh', category: '物流', tags: ['发货', '时效'], body: { 'zh-CN': '48小时内发货' }, source: 'CSV row 2' }]);
    // 繁體: 內容 is the zh-TW text.
    const zhTW = ok('標題,內容,分類,快捷短語,標籤\n出貨時間,48小時內出貨,物流,ch,出貨\n', 'replies.csv');
    expect(zhTW.entries).toEqual([{ title: '出貨時間', shortcut: 'ch', category: '物流', tags: ['出貨'], body: { 'zh-TW': '48小時內出貨' }, source: 'CSV row 2' }]);
    // All three languages named in Chinese, with the UI's word for a shortcut.
    const three = ok('标题,快捷码,简体中文,繁體中文,英文\n退款,tk,已退款,已退款,Refunded\n', 'replies.csv');
    expect(three.entries[0]).toMatchObject({ title: '退款', shortcut: 'tk', body: { 'zh-CN': '已退款', 'zh-TW': '已退款', en: 'Refunded' } });
    // A column named twice, once in each language, is still refused.
    expect(refused('title,标题,内容\na,b,c\n', 'csv').message).toBe('CSV row 1, column 2: column "title" appears twice');
    // Said in the seller's language, naming the Chinese headers too.
    expect(refusalText('zh-CN', refused('标题,正文\na,b\n', 'csv').refusal)).toContain('标题、内容、分类、快捷短语、标签');
  });

  it('skips blank lines and handles a last line without a newline', () => {
    const r = ok('title,zh-CN\n\nA,甲\n,\nB,乙', 'csv');
    expect(r.entries.map((e) => [e.title, e.source])).toEqual([['A', 'CSV row 3'], ['B', 'CSV row 5']]);
  });

  it('names the row and column of each kind of error', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `T${i},s${i},ok`).join('\n');
    const cases: Array<[string, string]> = [
      [`title,shortcut,en\n${rows}\nT,${'x'.repeat(41)},ok\n`, 'CSV row 12, column "shortcut": longer than 40 characters'],
      ['title,shortcut,en\n,a,ok\n', 'CSV row 2, column "title": must not be empty'],
      ['title,shortcut,en\nA,a,\n', 'CSV row 2: no text in any language (zh-CN, zh-TW, en)'],
      ['title,shortcut,en\nA,a,ok,extra\n', 'CSV row 2: 4 fields, the header has 3'],
      ['title,shortcut,en,colour\n', 'CSV row 1, column 4: unknown column "colour" (known: title, shortcut, category, tags, zh-CN, zh-TW, en)'],
      ['title,en,EN\n', 'CSV row 1, column 3: column "en" appears twice'],
      ['shortcut,en\n', 'CSV row 1: no "title" column'],
      ['title,shortcut\n', 'CSV row 1: no text column (zh-CN, zh-TW or en)'],
      ['title,en\nA,"open\n', 'CSV row 2: a quoted field opened here (offset 11) is never closed'],
      ['title,en\nA,say "hi"\n', 'CSV row 2: a quote inside an unquoted field (quote the whole field and write "" for a quote)'],
      ['title,en\nA,"hi"x\n', 'CSV row 2: text after a closing quote (write "" for a quote inside a quoted field)'],
      ['title,shortcut,en\nA,fh,x\nB,c,y\nC,FH,z\n', 'CSV row 4, column "shortcut": shortcut "FH" is also used by row 2'],
      [`title,en,tags\nA,x,${Array.from({ length: 51 }, (_, i) => `t${i}`).join('|')}\n`, 'CSV row 2, column "tags": more than 50 tags'],
      ['', 'CSV row 1: the file is empty (a header row is required)'],
    ];
    for (const [text, message] of cases) expect(refused(text, 'csv').message).toBe(message);
    expect(refused(cases[0]![0], 'csv').where).toBe('CSV row 12, column "shortcut"');
  });

  it('reads formula-guarded cells back', () => {
    const r = ok("title,en\n'=SUM(A1),'-dash\n", 'csv');
    expect(r.entries[0]).toMatchObject({ title: '=SUM(A1)', body: { en: '-dash' } });
  });

  it('record parser keeps empty fields and quoted empties', () => {
    expect(parseCsvRecords('a,,""\n,\n')).toEqual([['a', '', ''], ['', '']]);
  });
});

describe('size guards', () => {
  it('refuses more than 50,000 rows', () => {
    const csv = `title,en\n${'A,x\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(refused(csv, 'csv').message).toBe('CSV row 50002: more than 50000 replies; at most 50000 per file');
    const big = json(Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => 0));
    expect(refused(big, 'json').message).toBe('line 1, column 100051 (replies[50000]): 50001 replies; at most 50000 per file');
  });

  it('refuses files over 20 MB (counted in UTF-8)', () => {
    // 7M CJK characters = 21 MB in UTF-8 though only 7M UTF-16 units.
    const text = `title,zh-CN\nA,${'货'.repeat(7_000_000)}\n`;
    expect(refused(text, 'csv').message).toBe('the file is larger than 20 MB');
  });
});

describe('export and round trip', () => {
  for (const uiLang of ['zh-CN', 'en'] as const) {
    const lib = defaultLibrary({ uiLang });
    it(`JSON round-trips the ${uiLang} default library exactly`, () => {
      const text = exportRepliesJson(lib.categories, lib.replies);
      const parsed = ok(text, 'json');
      const plan = planImport(EMPTY, parsed, 'replace', NOW, ids());
      expect(exportRepliesJson(plan.categories, plan.replies)).toBe(text);
      expect(plan.categories.map(({ name, symbol, order }) => ({ name, symbol, order })))
        .toEqual(lib.categories.map(({ name, symbol, order }) => ({ name, symbol, order })));
      expect(plan.replies.map(({ title, shortcut, tags, body }) => ({ title, shortcut, tags, body })))
        .toEqual(lib.replies.map(({ title, shortcut, tags, body }) => ({ title, shortcut, tags, body })));
      expect(plan.counts).toMatchObject({ added: lib.replies.length, removed: 0, categoriesAdded: 9 });
    });

    it(`CSV round-trips the ${uiLang} default library exactly`, () => {
      const text = exportRepliesCsv(lib.categories, lib.replies);
      expect(text.startsWith('\uFEFFtitle,shortcut,category,tags,zh-CN,zh-TW,en\r\n')).toBe(true);
      const parsed = ok(text, 'library.csv');
      const plan = planImport(EMPTY, parsed, 'replace', NOW, ids());
      expect(exportRepliesCsv(plan.categories, plan.replies)).toBe(text);
      expect(plan.replies.map((r) => r.body)).toEqual(lib.replies.map((r) => r.body));
      expect(plan.categories.every((c) => c.symbol === DEFAULT_CATEGORY_SYMBOL)).toBe(true);
    });
  }

  it('CSV keeps awkward content: commas in single tags, formulas, quotes, edge spaces', () => {
    const cat: Category = { id: 'c', name: 'A, "quoted" cat', symbol: '★', order: 0 };
    const r: Reply = {
      ...defaultLibrary().replies[0]!,
      title: '=HYPERLINK("x")', shortcut: '-x', categoryId: 'c', tags: ['a,b'],
      body: { 'zh-CN': ' 前后空格 ', 'zh-TW': "'=literal quote", en: '@mention\n"line"\r\n' },
    };
    const text = exportRepliesCsv([cat], [r]);
    expect(text).toContain("'=HYPERLINK");
    const plan = planImport(EMPTY, ok(text, 'csv'), 'replace', NOW, ids());
    expect(plan.replies[0]).toMatchObject({ title: r.title, shortcut: '-x', tags: ['a,b'], body: r.body });
    expect(plan.categories[0]!.name).toBe(cat.name);
  });

  it('CSV export refuses a tag containing "|", naming the reply and the tag (shown in the seller\'s language)', () => {
    const r = { ...defaultLibrary().replies[0]!, tags: ['ok', 'a|b'] };
    expect(() => exportRepliesCsv([], [r])).toThrow(/contains "\|"/);
    try {
      exportRepliesCsv([], [r]);
    } catch (e) {
      expect(e).toBeInstanceOf(CsvTagRefused);
      expect(e).toMatchObject({ title: r.title, tag: 'a|b' });
    }
  });
});

describe('planImport', () => {
  const base = () => {
    const lib = defaultLibrary({ uiLang: 'en' });
    lib.replies[0] = { ...lib.replies[0]!, usageCount: 42, lastUsedAt: '2026-11-01T08:00:00.000Z' };
    return lib;
  };
  const entry = (e: Partial<ImportEntry> & { title: string }): ImportEntry => ({ body: { en: 'text' }, source: 'test', ...e });

  it('merge: matches by shortcut (case-insensitive), keeps usage, adds new, removes nothing', () => {
    const lib = base();
    const first = lib.replies[0]!;
    const plan = planImport(lib, {
      entries: [
        entry({ title: 'Hello there', shortcut: first.shortcut.toUpperCase(), category: 'Greetings', body: { en: 'New greeting' } }),
        entry({ title: 'Brand new', shortcut: 'bn', category: 'Campaign 11.11' }),
      ],
    }, 'merge', NOW, ids());
    expect(plan.counts).toEqual({ added: 1, updated: 1, unchanged: 0, removed: 0, categoriesAdded: 1, categoriesRemoved: 0 });
    expect(plan.replies).toHaveLength(lib.replies.length + 1);
    const updated = plan.replies.find((r) => r.id === first.id)!;
    expect(updated).toMatchObject({
      title: 'Hello there', shortcut: first.shortcut.toUpperCase(), usageCount: 42, lastUsedAt: '2026-11-01T08:00:00.000Z',
      createdAt: first.createdAt, updatedAt: NOW, categoryId: first.categoryId,
    });
    // Languages absent from the file keep the existing text.
    expect(updated.body).toEqual({ ...first.body, en: 'New greeting' });
    const added = plan.replies[plan.replies.length - 1]!;
    expect(added).toMatchObject({ id: 'reply-2', usageCount: 0, lastUsedAt: null, body: { 'zh-CN': '', 'zh-TW': '', en: 'text' } });
    const newCat = plan.categories.find((c) => c.name === 'Campaign 11.11')!;
    expect(newCat).toEqual({ id: 'category-1', name: 'Campaign 11.11', symbol: DEFAULT_CATEGORY_SYMBOL, order: 9 });
    expect(added.categoryId).toBe(newCat.id);
  });

  it('merge: without a shortcut matches by title; absent fields keep existing values', () => {
    const lib = base();
    const target = lib.replies[5]!;
    const plan = planImport(lib, { entries: [entry({ title: target.title, body: { 'zh-TW': '新的繁體內容' } })] }, 'merge', NOW, ids());
    const r = plan.replies.find((x) => x.id === target.id)!;
    expect(r).toMatchObject({ shortcut: target.shortcut, tags: target.tags, categoryId: target.categoryId });
    expect(r.body).toEqual({ ...target.body, 'zh-TW': '新的繁體內容' });
    expect(plan.counts).toMatchObject({ updated: 1, added: 0 });
  });

  it('merge: an identical entry counts as unchanged and keeps updatedAt', () => {
    const lib = base();
    const parsed = ok(exportRepliesJson(lib.categories, lib.replies), 'json');
    const plan = planImport(lib, parsed, 'merge', NOW, ids());
    expect(plan.counts).toEqual({ added: 0, updated: 0, unchanged: lib.replies.length, removed: 0, categoriesAdded: 0, categoriesRemoved: 0 });
    expect(plan.replies).toEqual(lib.replies);
    expect(plan.categories).toEqual(lib.categories);
  });

  it('replace: the library becomes the file, matched replies keep ids and usage, unused categories go', () => {
    const lib = base();
    const first = lib.replies[0]!;
    const plan = planImport(lib, {
      entries: [
        entry({ title: 'New one', shortcut: 'n1', category: 'Fresh' }),
        entry({ title: first.title, shortcut: first.shortcut, category: 'Greetings', body: { en: 'Hi' } }),
      ],
    }, 'replace', NOW, ids());
    expect(plan.replies.map((r) => r.title)).toEqual(['New one', first.title]);
    expect(plan.replies[1]).toMatchObject({ id: first.id, usageCount: 42, body: { ...first.body, en: 'Hi' } });
    expect(plan.counts).toEqual({
      added: 1, updated: 1, unchanged: 0, removed: lib.replies.length - 1, categoriesAdded: 1, categoriesRemoved: 8,
    });
    expect(plan.categories.map((c) => c.name).sort()).toEqual(['Fresh', 'Greetings']);
    expect(plan.categories.find((c) => c.name === 'Greetings')!.id).toBe(lib.categories[0]!.id);
  });

  it('replace with JSON categories applies their symbols and order', () => {
    const lib = base();
    const plan = planImport(lib, {
      entries: [entry({ title: 'A', category: 'Greetings' })],
      categories: [{ name: 'Greetings', symbol: '🙂', order: 5 }, { name: 'Empty but listed', symbol: '⭐', order: 1 }],
    }, 'replace', NOW, ids());
    expect(plan.categories.map((c) => [c.name, c.symbol, c.order])).toEqual([['Empty but listed', '⭐', 1], ['Greetings', '🙂', 5]]);
  });

  it('a reply whose shortcut was changed in the file updates the reply of that title (a re-import added a second copy)', () => {
    const lib = base();
    const first = lib.replies[0]!;
    const parsed = ok(exportRepliesJson(lib.categories, lib.replies), 'json');
    // The supervisor renames one shortcut in the exported file and imports it back.
    parsed.entries[0] = { ...parsed.entries[0]!, shortcut: `${first.shortcut}2`, body: { ...parsed.entries[0]!.body, en: 'Hello again' } };
    for (const mode of ['merge', 'replace'] as const) {
      const plan = planImport(lib, parsed, mode, NOW, ids());
      expect(plan.counts, mode).toEqual({ added: 0, updated: 1, unchanged: lib.replies.length - 1, removed: 0, categoriesAdded: 0, categoriesRemoved: 0 });
      expect(plan.replies, mode).toHaveLength(lib.replies.length);
      expect(plan.replies.find((r) => r.id === first.id), mode).toMatchObject({ title: first.title, shortcut: `${first.shortcut}2`, usageCount: 42, body: { en: 'Hello again' } });
    }
  });

  it('a shortcut the file gives to another reply wins over the title: the renamed entry does not take that reply', () => {
    const lib = base();
    const first = lib.replies[0]!;
    const plan = planImport(lib, {
      entries: [
        entry({ title: first.title, shortcut: 'new1' }),
        entry({ title: 'Took over the shortcut', shortcut: first.shortcut }),
      ],
    }, 'merge', NOW, ids());
    expect(plan.replies.find((r) => r.id === first.id)).toMatchObject({ title: 'Took over the shortcut', shortcut: first.shortcut });
    expect(plan.counts).toMatchObject({ updated: 1, added: 1 });
    const keys = plan.replies.map((r) => r.shortcut.toLowerCase()).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names WHICH replies are removed, updated and take a new shortcut, not only how many (a Replace deleted replies the seller could not see)', () => {
    const lib = base();
    const [first, second, third] = lib.replies as [Reply, Reply, Reply];
    const parsed = {
      entries: [
        entry({ title: first.title, shortcut: first.shortcut, body: { en: 'Changed text' } }),
        // The supervisor changed this one's shortcut in the file: matched by its title, it takes the new one.
        entry({ title: second.title, shortcut: `${second.shortcut}x` }),
        entry({ title: 'Brand new', shortcut: 'bn' }),
      ],
    };
    const merge = planImport(lib, parsed, 'merge', NOW, ids());
    expect(merge.changes).toEqual({
      added: ['Brand new'],
      removed: [],
      updated: [first.title, second.title],
      newShortcut: [{ title: second.title, was: second.shortcut, shortcut: `${second.shortcut}x` }],
    });
    const replace = planImport(lib, parsed, 'replace', NOW, ids());
    expect(replace.changes.removed).toEqual(lib.replies.slice(2).map((r) => r.title));
    expect(replace.changes.removed).toContain(third.title);
    expect(replace.changes.removed).toHaveLength(replace.counts.removed);
    // Unchanged replies are not listed as updated.
    const same = planImport(lib, ok(exportRepliesJson(lib.categories, lib.replies), 'json'), 'replace', NOW, ids());
    expect(same.changes).toEqual({ added: [], removed: [], updated: [], newShortcut: [] });
  });

  it('names the NEW replies, in file order, and not those it updates — "2 new" alone did not tell a new reply from an edited title copied in', () => {
    const lib = base();
    const [first] = lib.replies as [Reply];
    const parsed = {
      entries: [
        entry({ title: 'Second new', body: { en: 'b' } }),
        entry({ title: first.title, shortcut: first.shortcut, body: { en: 'Changed text' } }),
        entry({ title: 'First new', shortcut: 'fnew' }),
      ],
    };
    for (const mode of ['merge', 'replace'] as const) {
      const plan = planImport(lib, parsed, mode, NOW, ids());
      expect(plan.changes.added).toEqual(['Second new', 'First new']);
      expect(plan.changes.added).toHaveLength(plan.counts.added);
    }
  });

  it('an entry never matches the same existing reply twice', () => {
    const lib = base();
    const t = lib.replies[3]!;
    const plan = planImport(lib, { entries: [entry({ title: t.title }), entry({ title: t.title })] }, 'merge', NOW, ids());
    expect(plan.counts).toMatchObject({ updated: 1, added: 1 });
  });
});

describe('a ZIP chosen in the replies import (a backup or an exported case picked by mistake)', () => {
  it('is refused as a ZIP in every language, not as a CSV to re-save as UTF-8 in Excel', () => {
    const backup = zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"xiaoer.backup"}') });
    for (const [bytes, name] of [[backup, 'xiaoer-backup-2026-11-24.zip'], [backup, 'renamed.csv'], [zipSync({}), 'empty.zip']] as const) {
      const r = readRepliesFile(bytes, name);
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      expect(r.error.message, name).toContain('ZIP archive');
      expect(r.error.message, name).not.toContain('UTF-8');
      expect(refusalText('zh-CN', r.error.refusal), name).toContain('ZIP 压缩包');
      expect(refusalText('zh-TW', r.error.refusal), name).toContain('ZIP 壓縮檔');
    }
  });
});
