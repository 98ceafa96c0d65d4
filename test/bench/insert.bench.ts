// Insert latency: time from insertIntoComposer() (isolated world, like the
// content script) until the editor's OWN model holds the reply (polled in the
// page's main world), and until the call resolves. Two paths: composer focused
// (shortcut expansion while typing) and after a click in the sidebar (focus and
// selection restored). Prints p50/p95 over RUNS inserts per editor.
//   BENCH_SKIP_BUILD=1 node test/bench/run.mjs insert
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { bundleInsertLib, ContentWorld, insertExpression } from '../insert/content-world';
import { launchChromium } from '../insert/run-insert-matrix';
import { COMPOSER_SELECTOR } from '../insert/expectations';

type Marketplace = { url: string; close: () => Promise<void> };
const { startMarketplace } = (await import('../marketplace/server.mjs' as string)) as {
  startMarketplace: (port?: number) => Promise<Marketplace>;
};

const RUNS = Number(process.env.INSERT_BENCH_RUNS ?? 30);
const REPLY = '亲，您好！订单已发货 Your order has shipped.\n单号 Tracking: SF1234567890';
const EDITORS = ['textarea', 'contenteditable', 'react-textarea', 'slate', 'lexical', 'tiptap', 'ckeditor5'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (x: number) => x.toFixed(1).padStart(6);

/** Main world: when the isolated world fires `xiaoer-bench-start`, spin (MessageChannel) until the model equals the reply. */
async function armModelWatch(page: Page, expected: string): Promise<void> {
  // A string, not a function: tsx would wrap named inner functions in a __name() helper the page does not have.
  await page.evaluate(`(() => {
    const want = ${JSON.stringify(expected)};
    window.__benchDone = new Promise((resolve) => {
      document.addEventListener('xiaoer-bench-start', () => {
        const t0 = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          if (window.__model() === want) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 3000) resolve(NaN);
          else channel.port2.postMessage(0);
        };
        channel.port1.onmessage();
      }, { once: true });
    });
  })()`);
}

async function clickComposer(page: Page, world: ContentWorld): Promise<void> {
  const box = await world.run<{ x: number; y: number }>(`(() => {
    const r = globalThis.__xiaoerInsert.resolveEditable(document.querySelector(${JSON.stringify(COMPOSER_SELECTOR)})).el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 12) };
  })()`);
  await page.mouse.click(box.x, box.y);
}

const { code } = await bundleInsertLib();
console.log(`lib/insert bundle: ${Buffer.byteLength(code)} B minified, ${gzipSync(code).length} B gzip`);
const market = await startMarketplace(0);
const browser = await launchChromium();
console.log(`Chromium ${browser.version()}, ${RUNS} inserts per editor and path, reply ${REPLY.length} chars (2 lines)`);
console.log('editor          | path     | to model p50 / p95 ms | call resolves p50 / p95 ms | strategy');
try {
  for (const editor of EDITORS) {
    const page = await browser.newPage();
    await page.goto(`${market.url}composers/${editor}.html`);
    await page.waitForFunction(() => window.__ready === true);
    await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.id = 'sidebar';
      frame.srcdoc = '<button id="pick">Insert</button>';
      frame.style.cssText = 'position:fixed;right:8px;top:8px;width:120px;height:40px';
      const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      document.body.append(frame);
      await loaded;
    });
    const world = await ContentWorld.attach(page, code);
    for (const path of ['focused', 'sidebar'] as const) {
      const toModel: number[] = [];
      const toResolve: number[] = [];
      const strategies = new Set<string>();
      for (let i = 0; i < RUNS; i++) {
        await clickComposer(page, world);
        if (path === 'sidebar') await page.frameLocator('#sidebar').locator('#pick').click();
        await armModelWatch(page, REPLY);
        const { result, ms } = await world.run<{ result: { ok: boolean; strategy?: string }; ms: number }>(
          insertExpression(COMPOSER_SELECTOR, { text: REPLY, restore: path === 'sidebar' }).replace(
            'const t0 = performance.now();',
            "document.dispatchEvent(new Event('xiaoer-bench-start')); const t0 = performance.now();",
          ),
        );
        const modelMs = await page.evaluate(() => (window as unknown as { __benchDone: Promise<number> }).__benchDone);
        if (!result.ok || Number.isNaN(modelMs)) throw new Error(`${editor}/${path}: insert failed (${JSON.stringify(result)})`);
        strategies.add(result.strategy!);
        toModel.push(modelMs);
        toResolve.push(ms);
        // Send clears the composer like a real chat; the next run starts empty.
        await page.click('[data-testid="send"]');
        await page.waitForFunction(() => window.__model!() === '');
      }
      console.log(
        `${editor.padEnd(15)} | ${path.padEnd(8)} | ${fmt(pct(toModel, 50))} / ${fmt(pct(toModel, 95))}       | ${fmt(pct(toResolve, 50))} / ${fmt(pct(toResolve, 95))}            | ${[...strategies].join('+')}`,
      );
    }
    await world.detach();
    await page.close();
  }
} finally {
  await browser.close();
  await market.close();
}
