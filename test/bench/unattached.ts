// Extension pages loaded with no DevTools client attached to them, as a seller's are.
//
// Playwright attaches to every page of its browser and enables its network, runtime and page
// instrumentation before the page runs; for extension pages that cost ~45 ms a load on this machine
// (dashboard evidence view, 28 loads each way in one run: first row p50 187.7 ms attached, 142.9 ms
// not; the empty floor page 78.4 vs 68.4). Here Chromium is started by hand with a CDP pipe
// (--remote-debugging-pipe, NUL-separated JSON on fds 3/4): Target.createTarget opens a page without
// attaching to it, the page loads alone, and only afterwards a session attaches to read the
// performance marks the page itself recorded (entrypoints/popup-first.ts, components/dashboard/
// early-reads.ts, first-rows-mark.ts). A mark still missing when the session attaches is waited for
// and the load counted as "late" (its remaining time was instrumented).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

export interface UnattachedBrowser {
  /** Opens `url` in a new tab, nothing attached; resolves with its target id. */
  open(url: string): Promise<string>;
  /** Attaches to `targetId` and evaluates `expression` (by value), then detaches. */
  evaluate<T>(targetId: string, expression: string): Promise<T>;
  /** Evaluates in the extension's service worker (to ask chrome.tabs for a tab id). */
  evaluateInWorker<T>(extensionId: string, expression: string): Promise<T>;
  closeTarget(targetId: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchUnattached(chromiumPath: string, userDataDir: string, args: string[]): Promise<UnattachedBrowser> {
  const child: ChildProcess = spawn(chromiumPath, ['--headless=new', `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', ...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const msg = JSON.parse(buffered.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      buffered = buffered.slice(end + 1);
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result ?? {});
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const evaluateIn = async <T>(targetId: string, expression: string): Promise<T> => {
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      const r = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as { result: { value: T }; exceptionDetails?: { text: string } };
      if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.text}`);
      return r.result.value;
    } finally {
      await send('Target.detachFromTarget', { sessionId }).catch(() => null);
    }
  };
  // The extension loads with the browser; wait for its worker to be listed.
  await send('Target.setDiscoverTargets', { discover: true });
  return {
    async open(url) {
      const { targetId } = (await send('Target.createTarget', { url })) as { targetId: string };
      return targetId;
    },
    evaluate: evaluateIn,
    async evaluateInWorker<T>(extensionId: string, expression: string) {
      for (let i = 0; i < 100; i++) {
        const { targetInfos } = (await send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
        const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
        if (worker) return evaluateIn<T>(worker.targetId, expression);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the extension service worker did not start');
    },
    async closeTarget(targetId) {
      await send('Target.closeTarget', { targetId });
    },
    async close() {
      await send('Browser.close').catch(() => null);
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGKILL');
    },
  };
}

/**
 * Loads `url` in a fresh tab with nothing attached, waits `settleMs`, then reads `marks` (performance
 * entry names) from the page: their start times (ms from navigation start), NaN for one never made.
 * `late`: the first mark was not there yet when the session attached (waited for, with it attached).
 */
export async function unattachedLoad(b: UnattachedBrowser, url: string, marks: string[], settleMs: number): Promise<{ at: Record<string, number>; late: boolean }> {
  const target = await b.open(url);
  await new Promise((r) => setTimeout(r, settleMs));
  const read = `(() => { const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null; return ${JSON.stringify(marks)}.map(m); })()`;
  let values = await b.evaluate<(number | null)[]>(target, read);
  const late = values[values.length - 1] === null;
  for (let i = 0; i < 50 && values[values.length - 1] === null; i++) {
    await new Promise((r) => setTimeout(r, 100));
    values = await b.evaluate<(number | null)[]>(target, read);
  }
  await b.closeTarget(target);
  return { at: Object.fromEntries(marks.map((m, i) => [m, values[i] ?? Number.NaN])), late };
}
