/**
 * Screenshots: visible area, full page, element, whole chat history.
 *
 * The service worker is the only place that may call captureVisibleTab, so it
 * drives the capture: the page (overlay.content/capture-page.ts) scrolls and
 * hides, the worker captures each slice, composes them with OffscreenCanvas +
 * createImageBitmap (lib/capture/stitch.ts createComposer, pieces copied 1:1:
 * pixel-true) and stores the PNG(s) as one evidence record. Each slice is
 * decoded and drawn while the page scrolls to the next, then let go, and each
 * output image is encoded as soon as it is whole: a 2,000-message chat holds one
 * decoded slice and one or two outputs at a time, not every slice to the end.
 *
 * captureVisibleTab allows 2 calls per second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND);
 * slices are paced so no call is refused, and the page scrolls to the next
 * slice while the pacer waits, so a stitch costs little more than the quota.
 */
import { browser, type Browser } from 'wxt/browser';
import { CAPTURE_LIFELINE_PORT, XiaoerError, CAPTURE_PROGRESS, DATA_CHANGED, envelope, type BackgroundRes, type CaptureGeometry, type OverlayCommandType, type OverlayReq, type OverlayRes, type ScreenshotKind, commandOverlay } from '../../lib/messaging';
import { createComposer, createStitcher, planColumns, plannedColumns, plannedPositions, type StitchGeometry, type Stitcher } from '../../lib/capture/stitch';
import { getDb } from '../../lib/db';
import { isoWithOffset, saveEvidence, type EvidenceFields, type NewArtifact } from '../../lib/evidence/store';
import { buyerKey, emptyContext, type PageContext } from '../../lib/schema';
import type { HandlerMap } from './handlers';

const RATE_PER_SECOND = 2;
/** Slack over the quota window: Chrome measures the window on its side of the IPC. */
const PACE_MARGIN_MS = 25;

const recentCalls: number[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wait until a captureVisibleTab call would be inside the quota, then record it. */
async function paceQuota(): Promise<void> {
  for (;;) {
    const now = Date.now();
    while (recentCalls.length && recentCalls[0]! <= now - 1000 - PACE_MARGIN_MS) recentCalls.shift();
    if (recentCalls.length < RATE_PER_SECOND) {
      recentCalls.push(now);
      return;
    }
    await sleep(recentCalls[0]! + 1000 + PACE_MARGIN_MS - now + 1);
  }
}

/** One captureVisibleTab call under the quota; a refusal (another extension page took the quota) is retried. */
export async function captureVisible(windowId: number): Promise<Blob> {
  for (let attempt = 0; ; attempt++) {
    await paceQuota();
    try {
      const url = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
      return await (await fetch(url)).blob();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (attempt < 4 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota/i.test(msg)) {
        await sleep(500);
        continue;
      }
      throw /activeTab|all_urls|permission/i.test(msg) ? new XiaoerError('not-allowed', `Xiaoer may not capture this tab: ${msg}`) : new Error(msg);
    }
  }
}

/** Captures of one slice taken again while they come back identical to the slice before. */
const STALE_RETRIES = 2;

/**
 * e2e seams (test-hooks.ts): `slice` may replace what captureVisibleTab handed back for a slice, as a
 * compositor lagging behind the page does (staleFrameOnce); `retries` counts the slices taken again;
 * `restarts` counts the passes started again (MAX_RESTARTS); `holdBefore` keeps a stitch waiting before it
 * takes that slice, the page scrolled there (holdCaptureBefore: "mid-stitch" without racing the capture
 * quota's clock).
 */
export const captureProbe: { slice: ((index: number, blob: Blob, previous: Blob | null) => Blob) | null; retries: number; restarts: number; holdBefore: number | null } = {
  slice: null,
  retries: 0,
  restarts: 0,
  holdBefore: null,
};

async function captureSlice(windowId: number, index: number, previous: Blob | null): Promise<Blob> {
  // Only ever set by an e2e test, which then stops this worker: the wait ends with it.
  if (captureProbe.holdBefore === index) await new Promise<never>(() => {});
  const blob = await captureVisible(windowId);
  return captureProbe.slice ? captureProbe.slice(index, blob, previous) : blob;
}

/** Whether two captures are the same image file (a deterministic encoder: the same frame gives the same bytes). */
export async function sameBytes(a: Blob, b: Blob): Promise<boolean> {
  if (a.size !== b.size) return false;
  const [x, y] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  const u = new Uint8Array(x);
  const v = new Uint8Array(y);
  for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  return true;
}

function ask<T extends OverlayCommandType>(tabId: number, type: T, payload: OverlayReq<T>): Promise<OverlayRes<T>> {
  return commandOverlay((m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }), type, payload);
}

const jobs = new Map<string, { cancelled: boolean }>();

export function cancelJob(jobId: string): boolean {
  const j = jobs.get(jobId);
  if (!j) return false;
  j.cancelled = true;
  return true;
}

function progress(jobId: string, done: number, total: number, tabId: number): void {
  void browser.runtime.sendMessage(envelope(CAPTURE_PROGRESS, { jobId, done, total })).catch(() => null);
  // The sidebar (with its progress and Cancel) is hidden from the page while it is captured: the
  // toolbar icon shows how far a stitched capture is, where no slice can see it.
  if (total > 1) void browser.action.setBadgeText({ tabId, text: done < total ? `${done}/${total}` : '' }).catch(() => null);
}

/** The tab must be the active tab of its window: captureVisibleTab sees only that one. */
async function activeTab(tabId: number) {
  const tab = await browser.tabs.get(tabId).catch((e: unknown) => {
    throw new XiaoerError('tab-gone', e instanceof Error ? e.message : String(e));
  });
  if (!tab.active) throw new XiaoerError('not-active', 'The tab to capture is not the active tab of its window; bring it to the front and try again.');
  if (tab.windowId === undefined) throw new Error('The tab has no window.');
  return tab;
}

export interface Shot {
  /** PNG images, top to bottom (several when taller than the canvas limit). */
  images: Blob[];
  width: number;
  height: number;
  slices: number;
  /** Personal-data boxes in output image pixels (over the images stacked). */
  redactions: { x: number; y: number; width: number; height: number; kind: string }[];
  ms: number;
  /** The last pass saw what it captured change height (the restarts did not settle it): rows may be repeated or missing. */
  unsteady?: boolean;
}

const MODE: Record<ScreenshotKind, 'visible' | 'page' | 'element' | 'pane'> = { visible: 'visible', page: 'page', element: 'element', 'chat-history': 'pane' };

/** Each tab's last queued screenshot (settled either way): the next one starts after it. */
const tabTurns = new Map<number, Promise<void>>();

/**
 * One screenshot at a time per tab: the page's overlay holds one capture job (scroll position, hidden
 * bars), and a second capture started meanwhile replaced it — both screenshots then failed with "No
 * screenshot in progress on this page", and a chat capture was stored without its image. A capture
 * asked while another runs waits its turn (and can be cancelled while it waits).
 */
export function takeScreenshot(tabId: number, kind: ScreenshotKind, jobId: string): Promise<Shot> {
  const job = { cancelled: false };
  jobs.set(jobId, job);
  const before = tabTurns.get(tabId) ?? Promise.resolve();
  const shot = before.then(() => {
    if (job.cancelled) throw new Error('cancelled');
    return shootNow(tabId, kind, jobId, job);
  });
  const turn = shot.then(
    () => undefined,
    () => undefined,
  );
  tabTurns.set(tabId, turn);
  void turn.then(() => {
    if (tabTurns.get(tabId) === turn) tabTurns.delete(tabId);
  });
  return shot.finally(() => jobs.delete(jobId));
}

/**
 * Passes of a scrolled screenshot started again because what it captures changed height under it: a lazy
 * picture arrived as its row was scrolled to, a message came in. The plan (geometry.scrollHeight) no longer
 * fits, and the slices after the change are shifted against it (rows twice or missing). The last pass keeps
 * what it gets, marked `unsteady` for the seller to be told (a chat that never stops growing still gets its
 * screenshot).
 */
const MAX_RESTARTS = 2;

class CaptureOutgrown extends Error {}

/**
 * Take one screenshot of a tab through its overlay. Without an overlay (a page
 * Xiaoer does not run on), only the visible area can be taken, as is.
 */
async function shootNow(tabId: number, kind: ScreenshotKind, jobId: string, job: { cancelled: boolean }): Promise<Shot> {
  const t0 = performance.now();
  for (let pass = 0; ; pass++) {
    try {
      const shot = await shootOnce(tabId, kind, jobId, job, pass < MAX_RESTARTS);
      return { ...shot, ms: performance.now() - t0 };
    } catch (e) {
      if (!(e instanceof CaptureOutgrown)) throw e;
      captureProbe.restarts++;
    }
  }
}

async function shootOnce(tabId: number, kind: ScreenshotKind, jobId: string, job: { cancelled: boolean }, watchHeight: boolean): Promise<Shot> {
  const t0 = performance.now();
  const tab = await activeTab(tabId);
  const windowId = tab.windowId!;
  let geometry: CaptureGeometry;
  let lifeline: Browser.runtime.Port | null = null;
  try {
    try {
      geometry = await ask(tabId, 'overlay:capture-begin', { jobId, mode: MODE[kind] });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (msg === 'cancelled') throw new Error('cancelled');
      if (kind !== 'visible' || !/Receiving end|not-found|Could not establish/i.test(msg)) throw e;
      const image = await captureVisible(windowId);
      const bmp = await createImageBitmap(image);
      const shot = { images: [image], width: bmp.width, height: bmp.height, slices: 1, redactions: [], ms: performance.now() - t0 };
      bmp.close();
      return shot;
    }
    // Held open until the capture ends: if this worker is stopped mid-capture the port
    // closes and the overlay restores the page at once (capture-page.ts watch()).
    lifeline = browser.tabs.connect(tabId, { name: `${CAPTURE_LIFELINE_PORT}${jobId}`, frameId: 0 });
    try {
      const g: StitchGeometry = {
        scrollHeight: geometry.scrollHeight,
        clientHeight: geometry.clientHeight,
        devicePixelRatio: geometry.devicePixelRatio,
        viewport: geometry.viewport,
        pane: geometry.pane,
      };
      const planned = geometry.scrolls ? plannedPositions(g) : [0];
      // A full page wider than the screen: the rows again for each column, left to right.
      const lefts = geometry.scrollWidth !== undefined ? plannedColumns(geometry.scrollWidth, geometry.pane.width) : null;
      const total = planned.length * (lefts?.length ?? 1);
      let unsteady = false;
      let previous: Blob | null = null;
      let previousAt: { top: number; left: number } | null = null;
      let done = 0;
      let sx = 0;
      let sy = 0;
      // A full page wider than the screen keeps each column strip's outputs until the last column
      // (they are laid side by side at the end); otherwise each output is encoded as soon as it is whole.
      const sideways = (lefts?.length ?? 1) > 1;
      const strips: { canvases: OffscreenCanvas[]; left: number }[] = [];
      const encoded: Promise<Blob>[] = [];
      let stitcher: Stitcher | null = null;
      progress(jobId, 0, total, tabId);
      for (const wantLeft of lefts ?? [undefined]) {
        let reachedLeft = 0;
        const strip: OffscreenCanvas[] = [];
        let composer: ReturnType<typeof createComposer<ImageBitmap, OffscreenCanvas>> | null = null;
        // Slices are decoded and drawn one after another, each while the next scrolls and waits for the quota.
        let drawing = Promise.resolve();
        let drawFailed = null as { error: unknown } | null;
        for (let k = 0; k < planned.length; k++) {
          if (job.cancelled) throw new Error('cancelled');
          if (drawFailed) throw drawFailed.error;
          const at = await ask(tabId, 'overlay:capture-scroll', { jobId, index: done, top: planned[k]!, ...(wantLeft === undefined ? {} : { left: wantLeft }) }).catch((e: unknown) => {
            // Esc on the page (capture-page.ts): the seller's own cancel, as the sidebar's Cancel is.
            throw e instanceof Error && /(^|: )cancelled$/.test(e.message) ? new Error('cancelled') : e;
          });
          const { top } = at;
          if (at.height !== undefined && Math.abs(at.height - geometry.scrollHeight) > 1) {
            if (watchHeight) throw new CaptureOutgrown();
            unsteady = true;
          }
          if (k === 0) reachedLeft = at.left ?? 0;
          if (job.cancelled) throw new Error('cancelled');
          let blob = await captureSlice(windowId, done, previous);
          // The page has drawn this slice (two frames after its scroll), but on a loaded machine the
          // compositor can still hand captureVisibleTab the frame before: the last slice again, byte for
          // byte, with the fixed header not yet hidden (e2e, 1 run in ~20 on this 2-core machine). The page
          // moved, so the same image means a stale frame: taken again (each retry waits for the quota).
          const moved = previousAt !== null && (top !== previousAt.top || (at.left ?? 0) !== previousAt.left);
          for (let retry = 0; retry < STALE_RETRIES && moved && (await sameBytes(blob, previous!)); retry++) {
            captureProbe.retries++;
            blob = await captureSlice(windowId, done, previous);
          }
          previous = blob;
          previousAt = { top, left: at.left ?? 0 };
          const slice = blob;
          drawing = drawing.then(async () => {
            const bmp = await createImageBitmap(slice);
            try {
              if (!composer) {
                // The plan's image size is the real capture's (Chrome rounds it; zoom changes the ratio).
                stitcher = createStitcher({ ...g, imageSize: { width: bmp.width, height: bmp.height } });
                sx = bmp.width / geometry.viewport.width;
                sy = bmp.height / geometry.viewport.height;
                composer = createComposer<ImageBitmap, OffscreenCanvas>(stitcher, (w, h) => new OffscreenCanvas(w, h), (i, canvas) => {
                  if (sideways) strip[i] = canvas;
                  else encoded[i] = canvas.convertToBlob({ type: 'image/png' });
                });
              }
              composer.draw(top, bmp);
            } finally {
              bmp.close();
            }
          });
          drawing.catch((error: unknown) => {
            drawFailed = { error };
          });
          progress(jobId, ++done, total, tabId);
          if (top + geometry.clientHeight >= geometry.scrollHeight - 0.5) break;
        }
        await drawing;
        composer!.finish();
        strips.push({ canvases: strip, left: reachedLeft });
      }
      await ask(tabId, 'overlay:capture-end', { jobId }).catch(() => null);
      const plan = stitcher!;
      let width = plan.width;
      if (sideways) {
        // The column strips side by side, each from where the one before it ended; each output encoded
        // as soon as it is laid out, and the strips' part of it let go.
        const columns = planColumns(strips.map((s) => s.left), geometry.pane.width, geometry.scrollWidth!, sx, plan.width);
        width = columns.width;
        plan.outputs.forEach((o, i) => {
          const out = new OffscreenCanvas(columns.width, o.height);
          const ctx = out.getContext('2d')!;
          for (const p of columns.pieces) ctx.drawImage(strips[p.column]!.canvases[i]!, p.sx, 0, p.sw, o.height, p.dx, 0, p.sw, o.height);
          for (const s of strips) delete s.canvases[i];
          encoded[i] = out.convertToBlob({ type: 'image/png' });
        });
      }
      const images = await Promise.all(encoded);
      const redactions = geometry.redactions.map((b) => ({
        x: Math.round(b.x * sx), y: Math.round(b.y * sy), width: Math.round(b.width * sx), height: Math.round(b.height * sy), kind: b.kind,
      }));
      return { images, width, height: plan.height, slices: done, redactions, ms: performance.now() - t0, ...(unsteady ? { unsteady } : {}) };
    } catch (e) {
      await ask(tabId, 'overlay:capture-end', { jobId }).catch(() => null);
      throw e;
    }
  } finally {
    lifeline?.disconnect();
    if (lifeline) void browser.action.setBadgeText({ tabId, text: '' }).catch(() => null);
  }
}

export interface PageFacts {
  url: string;
  title: string;
  site: string;
  context: PageContext;
}

/** What the overlay knows about the page; a page without the overlay gives the tab's URL and title only. */
export async function pageFacts(tabId: number): Promise<PageFacts> {
  try {
    const s = await ask(tabId, 'overlay:state', {});
    return { url: s.url, title: s.title, site: s.site, context: s.context };
  } catch {
    const tab = await browser.tabs.get(tabId);
    return { url: tab.url ?? '', title: tab.title ?? '', site: 'unknown', context: emptyContext() };
  }
}

/** What a page says about itself, as the overlay reports it with a capture (or the tab's own, without an overlay). */
export interface PageFacts {
  url: string;
  title: string;
  site: string;
  context: PageContext;
}

/** A new evidence record's fields from the page it was captured on (one place for the three capture kinds). */
export function pageEvidenceFields(kind: EvidenceFields['kind'], page: PageFacts, caseId: string | null, note: string, capturedAt = isoWithOffset()): EvidenceFields {
  return {
    kind,
    capturedAt,
    url: page.url.slice(0, 8_000),
    title: page.title.slice(0, 1_000),
    site: page.site,
    buyerId: buyerKey(page.site, page.context.buyer.id, page.context.buyer.name),
    buyerName: page.context.buyer.name,
    orderId: page.context.order.number,
    caseId,
    note,
    extensionVersion: browser.runtime.getManifest().version,
  };
}

export function shotArtifacts(shot: Shot, prefix: string): NewArtifact[] {
  const out: NewArtifact[] = shot.images.map((data, i) => ({ name: shot.images.length > 1 ? `${prefix}-${i + 1}.png` : `${prefix}.png`, mime: 'image/png', data }));
  if (shot.redactions.length) {
    // Suggestions for the redaction editor, in stacked image pixels; the values themselves are not stored here.
    const json = JSON.stringify({ image: out.map((a) => a.name), width: shot.width, height: shot.height, boxes: shot.redactions });
    out.push({ name: `${prefix}-redactions.json`, mime: 'application/json', data: new Blob([json], { type: 'application/json' }) });
  }
  return out;
}

async function screenshotToEvidence(tabId: number, kind: ScreenshotKind, jobId: string, note: string, caseId: string | null): Promise<BackgroundRes<'capture:screenshot'>> {
  const facts = await pageFacts(tabId);
  const shot = await takeScreenshot(tabId, kind, jobId).catch((e: unknown) => {
    // The seller's own cancel (Cancel, Esc on the page): typed, so no UI words it as a failure and no
    // notification follows a keyboard or menu capture (it said "Nothing was stored: cancelled", in English).
    throw e instanceof Error && e.message === 'cancelled' ? new XiaoerError('cancelled', 'Screenshot cancelled; nothing was stored.') : e;
  });
  const record = await saveEvidence(
    getDb(),
    pageEvidenceFields('screenshot', facts, caseId, note),
    shotArtifacts(shot, `screenshot-${kind}`),
  );
  await evidenceChanged();
  return {
    evidenceId: record.id, seq: record.seq, width: shot.width, height: shot.height, images: shot.images.length, slices: shot.slices, ms: shot.ms,
    ...(shot.unsteady ? { unsteady: true } : {}),
  };
}

/** Tell extension pages (dashboard lists, sidebars) to refetch. */
export async function evidenceChanged(): Promise<void> {
  await browser.runtime.sendMessage(envelope(DATA_CHANGED, { tables: ['evidence', 'cases'] })).catch(() => null);
}

export const captureHandlers = {
  'capture:screenshot': async ({ tabId, kind, jobId, note, caseId }) => screenshotToEvidence(tabId, kind, jobId, note, caseId),
  'capture:cancel': async ({ jobId }) => ({ cancelled: cancelJob(jobId) }),
} satisfies HandlerMap<'capture:screenshot' | 'capture:cancel'>;

/** Gesture paths (keyboard command, context menu, popup): the active tab of the focused window. */
export async function screenshotActiveTab(kind: ScreenshotKind, tab?: { id?: number }): Promise<void> {
  let id = tab?.id;
  if (id === undefined) {
    const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    id = active?.id;
  }
  if (id === undefined) return;
  await screenshotToEvidence(id, kind, `gesture-${crypto.randomUUID()}`, '', null);
}
