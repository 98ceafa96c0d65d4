// Insertion matrix: every composer page × every requirement, with lib/insert
// running in an isolated world like the content script. Reads back each
// editor's OWN model (window.__model in the main world). Prints a table; exits
// non-zero on any ✗ (undo results are compared with expectations.ts, where
// editor-specific undo behaviour is documented).
//   npx tsx test/insert/run-insert-matrix.ts [filter]   (builds the marketplace first unless BENCH_SKIP_BUILD/MATRIX_SKIP_BUILD)
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COMPOSERS, COMPOSER_SELECTOR, HUMAN_PAUSE_MS, INSERT_TEXTS as T, type ComposerExpectation } from './expectations';
import { bundleInsertLib, ContentWorld, insertExpression, type InsertCall } from './content-world';

type Marketplace = { url: string; close: () => Promise<void> };
const { startMarketplace } = (await import('../marketplace/server.mjs' as string)) as {
  startMarketplace: (port?: number) => Promise<Marketplace>;
};

interface Cell {
  pass: boolean;
  /** Shown in the table when it is informative (e.g. the undo result). */
  note?: string;
  detail?: string;
}
type InsertResult = { ok: boolean; strategy?: string; reason?: string; message?: string };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

class Scenario {
  constructor(
    readonly page: Page,
    readonly world: ContentWorld,
  ) {}

  static async open(browser: Browser, base: string, bundle: string, exp: ComposerExpectation): Promise<Scenario> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + exp.page);
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 10_000 });
    // A stand-in for the sidebar: an iframe the agent clicks, which takes focus from the page.
    await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.id = 'xiaoer-test-sidebar';
      frame.srcdoc = '<button id="pick" style="font-size:16px">插入回复 Insert reply</button>';
      frame.style.cssText = 'position:fixed;right:8px;top:8px;width:200px;height:48px;border:1px solid #ccc;background:#fff';
      const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      document.body.append(frame);
      await loaded;
    });
    const world = await ContentWorld.attach(page, bundle);
    if (await ContentWorld.leaksIntoPage(page)) throw new Error('lib/insert leaked into the page world');
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return new Scenario(page, world);
  }

  /** Click the middle of the real editable (found by lib/insert itself, shadow roots included). */
  async clickComposer(): Promise<void> {
    const box = await this.world.run<{ x: number; y: number } | null>(`(() => {
      const t = globalThis.__xiaoerInsert.resolveEditable(document.querySelector(${JSON.stringify(COMPOSER_SELECTOR)}));
      if (!t) return null;
      const r = t.el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 12) };
    })()`);
    if (!box) throw new Error('no editable found');
    await this.page.mouse.click(box.x, box.y);
    await sleep(50);
  }

  async clickSidebar(): Promise<void> {
    await this.page.frameLocator('#xiaoer-test-sidebar').locator('#pick').click();
    await sleep(30);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  async insert(call: InsertCall): Promise<InsertResult> {
    const { result } = await this.world.run<{ result: InsertResult; ms: number }>(insertExpression(COMPOSER_SELECTOR, call));
    return result;
  }

  model(): Promise<string> {
    return this.page.evaluate(() => window.__model!());
  }

  /** Poll the model until it equals `expected` (editors commit asynchronously), then report what it is. */
  async expectModel(expected: string, timeout = 1000): Promise<Cell> {
    await this.page.waitForFunction((e) => window.__model!() === e, expected, { timeout, polling: 20 }).catch(() => {});
    const actual = await this.model();
    return actual === expected ? { pass: true } : { pass: false, detail: `model ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}` };
  }

  async close(): Promise<void> {
    await this.world.detach();
    await this.page.close();
  }
}

const show = (s: string) => JSON.stringify(s);

interface Row {
  exp: ComposerExpectation;
  strategy: string;
  cells: Record<string, Cell>;
}

const COLUMNS: Array<[key: string, title: string]> = [
  ['multiLine', '1 multi-line'],
  ['caret', '2 caret after'],
  ['undo', '3 undo'],
  ['undoQuick', '3b undo, no pause (info)'],
  ['cursor', '4 {cursor}'],
  ['shortcut', '5 shortcut'],
  ['shortcutUndo', '5b shortcut undo'],
  ['shortcutCursor', '5c shortcut, 2 lines + {cursor}'],
  ['send', '6 send'],
  ['selection', '7 selection kept'],
  ['strategy', 'strategy'],
];
const INFO_ONLY = new Set(['undoQuick']);

async function runEditor(browser: Browser, base: string, bundle: string, exp: ComposerExpectation): Promise<Row> {
  const cells: Record<string, Cell> = {};
  const strategies = new Set<string>();
  const guard = async (key: string, body: (s: Scenario) => Promise<Cell>) => {
    let s: Scenario | null = null;
    try {
      s = await Scenario.open(browser, base, bundle, exp);
      cells[key] = await body(s);
    } catch (e) {
      cells[key] = { pass: false, detail: `threw: ${(e as Error).message.split('\n')[0]}` };
    } finally {
      await s?.close().catch(() => {});
    }
  };
  const inserted = (r: InsertResult): Cell | null => {
    if (r.ok) {
      strategies.add(r.strategy!);
      return null;
    }
    return { pass: false, detail: `insert failed: ${r.reason} (${r.message})` };
  };

  // (1) multi-line into the empty editor, after the agent clicked the sidebar; (6) Send sends exactly the model.
  await guard('multiLine', async (s) => {
    await s.clickComposer();
    await s.clickSidebar();
    const r = await s.insert({ text: T.multiLine, restore: true });
    const fail = inserted(r);
    if (fail) return fail;
    const cell = await s.expectModel(T.multiLine);
    const before = await s.model();
    await s.page.click('[data-testid="send"]');
    await sleep(100);
    const sent = await s.page.evaluate(() => window.__sent ?? []);
    const after = await s.model();
    cells.send =
      sent.at(-1) === before && before === T.multiLine && after === ''
        ? { pass: true }
        : { pass: false, detail: `sent ${show(sent.at(-1) ?? '(nothing)')}, model before ${show(before)}, after ${show(after)}` };
    return cell;
  });

  // (2) typed text, insert, keep typing: caret lands after the insert.
  await guard('caret', async (s) => {
    await s.clickComposer();
    await s.type(T.typedBefore);
    await s.clickSidebar();
    const fail = inserted(await s.insert({ text: T.word, restore: true }));
    if (fail) return fail;
    const mid = await s.expectModel(T.typedBefore + T.word);
    if (!mid.pass) return mid;
    await s.type(T.typedAfter);
    return s.expectModel(T.typedBefore + T.word + T.typedAfter);
  });

  // (3) one Ctrl+Z removes the insert (after a human pause) — and (3b) without the pause, for information.
  for (const [key, pause] of [['undo', HUMAN_PAUSE_MS], ['undoQuick', 0]] as const) {
    await guard(key, async (s) => {
      await s.clickComposer();
      await s.type(T.typedBefore);
      await sleep(pause);
      await s.clickSidebar();
      const fail = inserted(await s.insert({ text: T.word, restore: true }));
      if (fail) return fail;
      const mid = await s.expectModel(T.typedBefore + T.word);
      if (!mid.pass) return mid;
      await s.page.keyboard.press('Control+z');
      const want = key === 'undo' ? exp.undoAfterInsert : T.typedBefore;
      const cell = await s.expectModel(want, 600);
      return { ...cell, note: show(await s.model()) };
    });
  }

  // (4) {cursor}: caret placed inside the reply.
  await guard('cursor', async (s) => {
    await s.clickComposer();
    await s.clickSidebar();
    const fail = inserted(await s.insert({ text: T.cursorText, cursorOffset: T.cursorOffset, restore: true }));
    if (fail) return fail;
    const mid = await s.expectModel(T.cursorText);
    if (!mid.pass) return mid;
    await s.type(T.typedAtCursor);
    return s.expectModel(T.cursorText.slice(0, T.cursorOffset) + T.typedAtCursor + T.cursorText.slice(T.cursorOffset));
  });

  // (5) shortcut expansion while the agent types: "/ship" replaced by the reply; (5b) one Ctrl+Z after it.
  await guard('shortcut', async (s) => {
    await s.clickComposer();
    await s.type(T.shortcutTyped);
    const fail = inserted(await s.insert({ text: T.shortcutReply, replaceBefore: T.shortcutLength }));
    if (fail) return fail;
    const expected = T.shortcutTyped.slice(0, -T.shortcutLength) + T.shortcutReply;
    const cell = await s.expectModel(expected);
    if (cell.pass) {
      await sleep(HUMAN_PAUSE_MS);
      await s.page.keyboard.press('Control+z');
      const undo = await s.expectModel(exp.undoAfterReplace, 600);
      cells.shortcutUndo = { ...undo, note: show(await s.model()) };
    } else {
      cells.shortcutUndo = { pass: false, detail: 'not run: shortcut insert failed' };
    }
    return cell;
  });

  // (5c) shortcut expansion of a multi-line reply with a {cursor} mark on its second line, in the
  // focused composer (the Tab path: no focus change, no wait): the shortcut is replaced, the lines
  // become the editor's own, and typing lands at the mark.
  await guard('shortcutCursor', async (s) => {
    await s.clickComposer();
    await s.type(T.shortcutTyped);
    const fail = inserted(await s.insert({ text: T.multiLine, replaceBefore: T.shortcutLength, cursorOffset: T.multiLineCursorOffset }));
    if (fail) return fail;
    const kept = T.shortcutTyped.slice(0, -T.shortcutLength);
    const mid = await s.expectModel(kept + T.multiLine);
    if (!mid.pass) return mid;
    await s.type(T.typedAtCursor);
    const at = T.multiLineCursorOffset;
    return s.expectModel(kept + T.multiLine.slice(0, at) + T.typedAtCursor + T.multiLine.slice(at));
  });

  // (7) a selection made before the sidebar click is restored exactly and replaced.
  await guard('selection', async (s) => {
    await s.clickComposer();
    await s.type(T.selectionTyped);
    for (let i = 0; i < T.selectionLength; i++) await s.page.keyboard.press('Shift+ArrowLeft');
    await s.clickSidebar();
    const fail = inserted(await s.insert({ text: T.selectionReply, restore: true }));
    if (fail) return fail;
    return s.expectModel(T.selectionTyped.slice(0, -T.selectionLength) + T.selectionReply);
  });

  const used = [...strategies].join('+') || '—';
  cells.strategy = used === exp.strategy ? { pass: true, note: used } : { pass: false, note: used, detail: `strategy ${used}, expected ${exp.strategy}` };
  return { exp, strategy: used, cells };
}

/** Outcomes other than success: they must be reported, and never insert twice. */
async function runEdgeChecks(browser: Browser, base: string, bundle: string): Promise<Array<[string, Cell]>> {
  const out: Array<[string, Cell]> = [];
  const byEditor = (name: string) => COMPOSERS.find((c) => c.editor === name)!;
  const check = async (name: string, editor: string, body: (s: Scenario) => Promise<Cell>) => {
    const s = await Scenario.open(browser, base, bundle, byEditor(editor));
    try {
      out.push([name, await body(s)]);
    } catch (e) {
      out.push([name, { pass: false, detail: `threw: ${(e as Error).message.split('\n')[0]}` }]);
    } finally {
      await s.close();
    }
  };
  const reason = (r: InsertResult, want: string): Cell =>
    !r.ok && r.reason === want ? { pass: true } : { pass: false, detail: `got ${JSON.stringify(r)}` };

  await check('composer gone → no-target', 'textarea', async (s) =>
    reason(await s.world.run<InsertResult>(`globalThis.__xiaoerInsert.insertIntoComposer(null, 'x')`), 'no-target'),
  );
  await check('read-only textarea → not-editable', 'textarea', async (s) => {
    await s.page.evaluate(() => document.querySelector('textarea')!.setAttribute('readonly', ''));
    return reason(await s.insert({ text: 'x' }), 'not-editable');
  });
  await check('paste taken but nothing shown → unchanged, no double insert', 'contenteditable', async (s) => {
    // A page that cancels paste and does nothing (e.g. an async handler that failed).
    await s.page.evaluate(() => document.addEventListener('paste', (e) => e.preventDefault(), true));
    await s.clickComposer();
    const r = await s.insert({ text: 'once' });
    await sleep(300);
    const model = await s.model();
    const cell = reason(r, 'unchanged');
    return cell.pass && model === '' ? cell : { pass: false, detail: `${cell.detail ?? ''} model ${show(model)}` };
  });
  return out;
}

function printTable(rows: Row[]): void {
  const header = ['editor', ...COLUMNS.map(([, t]) => t)];
  const lines = rows.map((r) => [
    r.exp.editor,
    ...COLUMNS.map(([k]) => {
      const c = r.cells[k];
      if (!c) return '·';
      if (k === 'strategy') return `${c.pass ? '' : '✗ '}${c.note}`;
      const mark = INFO_ONLY.has(k) ? (c.pass ? '=' : '≠') : c.pass ? '✓' : '✗';
      return c.note ? `${mark} ${c.note}` : mark;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  if (!process.env.MATRIX_SKIP_BUILD && !process.env.BENCH_SKIP_BUILD) {
    const b = spawnSync('node', ['test/marketplace/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) process.exit(1);
  }
  const { code, bytes } = await bundleInsertLib();
  const { gzipSync } = await import('node:zlib');
  console.log(`lib/insert bundle: ${bytes} B minified, ${gzipSync(code).length} B gzip`);
  const market = await startMarketplace(0);
  const browser = await launchChromium();
  console.log(`Chromium ${browser.version()} · ${market.url}`);
  const rows: Row[] = [];
  const edges: Array<[string, Cell]> = [];
  try {
    for (const exp of COMPOSERS.filter((e) => e.editor.includes(filter))) {
      rows.push(await runEditor(browser, market.url, code, exp));
    }
    if (!filter) edges.push(...(await runEdgeChecks(browser, market.url, code)));
  } finally {
    await browser.close();
    await market.close();
  }
  printTable(rows);
  console.log('(3b is information only: "=" means one Ctrl+Z right after typing still removed only the insert)');
  let failures = 0;
  for (const r of rows) {
    for (const [k, c] of Object.entries(r.cells)) {
      if (c.detail && (!c.pass || INFO_ONLY.has(k))) console.log(`  ${r.exp.editor} · ${k}: ${c.detail}`);
      if (!c.pass && !INFO_ONLY.has(k)) failures++;
    }
    for (const note of r.exp.caveats ?? []) console.log(`  ${r.exp.editor} · caveat: ${note}`);
  }
  for (const [name, c] of edges) {
    console.log(`${c.pass ? '✓' : '✗'} ${name}${c.detail ? ` — ${c.detail}` : ''}`);
    if (!c.pass) failures++;
  }
  console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
  process.exit(failures ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
