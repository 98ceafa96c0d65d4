// Runs lib/insert the way the extension does: bundled, inside an isolated world
// of the page (what an MV3 content script gets), driven over CDP. Shared by the
// insertion matrix and the insert benchmark.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';

const ENTRY = fileURLToPath(new URL('../../lib/insert/index.ts', import.meta.url));

/** lib/insert as one IIFE exposing globalThis.__xiaoerInsert. */
export async function bundleInsertLib(): Promise<{ code: string; bytes: number }> {
  const out = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: '__xiaoerInsert',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code) };
}

export class ContentWorld {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly contextId: number,
  ) {}

  /** Create the isolated world in the page's main frame, load the bundle, start tracking the composer like the content script. */
  static async attach(page: Page, bundle: string): Promise<ContentWorld> {
    const cdp = await page.context().newCDPSession(page);
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'xiaoer',
      grantUniveralAccess: false,
    })) as { executionContextId: number };
    const world = new ContentWorld(cdp, executionContextId);
    await world.run(`${bundle}\n;globalThis.__xiaoerInsert.trackComposer(document); true`);
    return world;
  }

  /** Evaluate `expression` in the isolated world (awaiting promises), returning its JSON value. */
  async run<T = unknown>(expression: string): Promise<T> {
    const res = (await this.cdp.send('Runtime.evaluate', {
      expression,
      contextId: this.contextId,
      awaitPromise: true,
      returnByValue: true,
      userGesture: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (res.exceptionDetails) {
      throw new Error(`isolated world: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
    }
    return res.result.value as T;
  }

  /** The page's main world must not see our code. */
  static async leaksIntoPage(page: Page): Promise<boolean> {
    return page.evaluate(() => '__xiaoerInsert' in globalThis);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}

export interface InsertCall {
  text: string;
  cursorOffset?: number;
  replaceBefore?: number;
  /** Restore the remembered composer first (the agent clicked in the sidebar). */
  restore?: boolean;
}

/** Call insertIntoComposer in the isolated world on the page's composer; returns the result plus elapsed ms. */
export function insertExpression(selector: string, call: InsertCall): string {
  const opts = JSON.stringify({ cursorOffset: call.cursorOffset, replaceBefore: call.replaceBefore });
  return `(async () => {
    const X = globalThis.__xiaoerInsert;
    const composer = ${call.restore ? 'X.restoreComposer() ?? ' : ''}document.querySelector(${JSON.stringify(selector)});
    const t0 = performance.now();
    const result = await X.insertIntoComposer(composer, ${JSON.stringify(call.text)}, ${opts});
    return { result, ms: performance.now() - t0 };
  })()`;
}
