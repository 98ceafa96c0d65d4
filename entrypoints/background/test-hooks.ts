/**
 * e2e builds only: browser-UI events (context menu clicks, keyboard commands)
 * cannot be produced by Playwright, so tests call the same handlers the
 * listeners call, through a global on the worker. Production builds leave it out.
 *
 * Reliability tests (test/e2e/reliability.spec.ts) also steer the evidence
 * writer through lib/evidence/store.ts's test seam:
 * - holdEvidenceWrite(ms): the next write keeps its transaction open for `ms`
 *   (artifacts and messages added, record not yet) and raises
 *   `__xiaoerWriting`, so the test can stop the worker inside the write;
 * - failNextEvidenceWrite(): the next write fails inside its transaction with
 *   the DOMException IndexedDB raises when storage is full. (The extension holds
 *   unlimitedStorage, so Chromium's quota override cannot make IndexedDB refuse
 *   it; a full disk still can.)
 *
 * staleFrameOnce(index) makes the capture of slice `index` of the next stitched
 * screenshot come back as the slice before, byte for byte — what a compositor
 * lagging behind the page hands captureVisibleTab on a loaded machine;
 * captureRetries() says how many slices were taken again, and how many frames
 * the browser handed back stale on its own. captureRestarts() says how many passes
 * were started again since the worker started (what was captured changed height).
 *
 * holdAnswers(type) keeps every answer to that request back until
 * releaseAnswers(type): with 'library:get' the sidebar has only the first screen
 * (library:head), so test/e2e/sidebar-library.spec.ts can type in that window;
 * with 'shortcuts:get' a chat box's first Tab comes before the overlay's core can
 * expand it (test/e2e/replies.spec.ts).
 *
 * onTeamAlarm(name) / onBrowserStartup() are the team library's alarm and start-up
 * listeners (a 6-hour alarm and a browser restart cannot be waited for in a test);
 * ensureCaseReminders() is what the browser's start and an update run for cases' reminders.
 */
import { onCaptureCommand, onFailureNotificationClick, onMenuClick } from './evidence';
import { ensureCaseReminders, onCaseAlarm, onNotificationClick } from './cases';
import { evidenceWriteProbe } from '../../lib/evidence/store';
import { answerProbe } from './router';
import { captureProbe, sameBytes } from './capture';
import { onBrowserStartup, onTeamAlarm } from './team-library';

type Flags = { __xiaoerWriting?: boolean };

function holdEvidenceWrite(ms: number): void {
  evidenceWriteProbe.insideWrite = async (db) => {
    evidenceWriteProbe.insideWrite = null;
    (globalThis as Flags).__xiaoerWriting = true;
    // A timer would let the transaction commit; back-to-back requests keep it open.
    const until = Date.now() + ms;
    while (Date.now() < until) await db.evidence.count();
    (globalThis as Flags).__xiaoerWriting = false;
  };
}

function failNextEvidenceWrite(): void {
  evidenceWriteProbe.insideWrite = async () => {
    evidenceWriteProbe.insideWrite = null;
    throw new DOMException('', 'QuotaExceededError');
  };
}

/** Every frame captureVisibleTab handed back to the capture since staleFrameOnce, with the slice before it. */
let framesSeen: Array<[Blob, Blob | null]> = [];

/**
 * The next stitch stops before it takes slice `index` (the page scrolled there, bars hidden) and waits
 * for the worker to be stopped: reliability.spec's "mid-stitch" no longer depends on the test looking
 * within the second the capture quota leaves between slices (CI: a 4-slice stitch ended before the look).
 */
function holdCaptureBefore(index: number): void {
  captureProbe.holdBefore = index;
}

function staleFrameOnce(index: number): void {
  captureProbe.retries = 0;
  framesSeen = [];
  let forced = false;
  captureProbe.slice = (k, blob, previous) => {
    if (!forced && k === index && previous) {
      // Replaced by the forced stale frame: the capture never sees this one.
      forced = true;
      return previous;
    }
    framesSeen.push([blob, previous]);
    return blob;
  };
}

/**
 * The slices taken again, and how many frames the browser itself handed back stale (the slice before,
 * byte for byte — a loaded machine's compositor): each of those is rightly taken again too, so a test
 * can say exactly how many retakes there must be. Stops watching.
 */
async function captureRetries(): Promise<{ retries: number; realStale: number }> {
  captureProbe.slice = null;
  let realStale = 0;
  for (const [blob, previous] of framesSeen) if (previous && (await sameBytes(blob, previous))) realStale++;
  framesSeen = [];
  return { retries: captureProbe.retries, realStale };
}

function captureRestarts(): number {
  return captureProbe.restarts;
}

const releases = new Map<string, () => void>();

/** Every answer to `type` waits until releaseAnswers(type). */
function holdAnswers(type: string): void {
  answerProbe.set(type, new Promise<void>((ok) => releases.set(type, ok)));
}

function releaseAnswers(type: string): void {
  answerProbe.delete(type);
  releases.get(type)?.();
  releases.delete(type);
}

export function exposeTestHooks(): void {
  if (import.meta.env.MODE !== 'e2e') return;
  (globalThis as unknown as { __xiaoerHooks: unknown }).__xiaoerHooks = {
    onMenuClick, onCaptureCommand, onCaseAlarm, onNotificationClick, onFailureNotificationClick, holdEvidenceWrite, failNextEvidenceWrite, holdAnswers, releaseAnswers, staleFrameOnce, holdCaptureBefore, captureRetries, captureRestarts, onTeamAlarm, onBrowserStartup, ensureCaseReminders,
  };
}
