/**
 * Run code in the overlay content script's own isolated world — the real
 * context a compromised or page-influenced content script would send from, with
 * its `chrome.runtime` and the extension's sender record (tab + page URL).
 *
 * Playwright's page.evaluate only reaches the page's main world, and a test hook
 * in the product would be one more thing to keep out of production. The DevTools
 * protocol lists every execution context of a frame, including extensions'
 * isolated worlds (origin chrome-extension://<id>, auxData.type 'isolated'), and
 * evaluates in any of them — so no product code is involved.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { Extension } from '../fixtures';

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

export interface ContentWorld {
  /** Evaluate an expression (a function's source is called with `arg`) in the content script's world; the value comes back by JSON. */
  run<T>(fn: (arg: any) => unknown, arg?: unknown): Promise<T>;
  /** The isolated world's context id (stable until the page navigates). */
  contextId: number;
  detach(): Promise<void>;
}

export async function contentWorld(ext: Extension, page: Page): Promise<ContentWorld> {
  const cdp: CDPSession = await ext.context.newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ExecutionContext }) => contexts.push(e.context));
  const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const mainFrameId = tree.frameTree.frame.id;
  // Runtime.enable reports every existing context before it returns.
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${ext.id}`;
  const find = () => contexts.find((c) => c.origin === origin && c.auxData?.type === 'isolated' && c.auxData.frameId === mainFrameId);
  const deadline = Date.now() + 10_000;
  while (!find() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const ctx = find();
  if (!ctx) throw new Error(`no Xiaoer isolated world in ${page.url()} (contexts: ${contexts.map((c) => `${c.origin}/${c.auxData?.type}`).join(', ')})`);

  async function run<T>(fn: (arg: any) => unknown, arg?: unknown): Promise<T> {
    const res = (await cdp.send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`,
      contextId: ctx!.id,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (res.exceptionDetails) throw new Error(`content world: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
    return res.result.value as T;
  }
  return { run, contextId: ctx.id, detach: () => cdp.detach() };
}
