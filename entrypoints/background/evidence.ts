/**
 * Evidence capture: "Capture chat" (messages + sanitised pane HTML + MHTML when
 * the seller asked for it and pageCapture is held + a visible screenshot, one record) and "Save the buyer's words"
 * (selected text + the messages around it). Both write through saveEvidence:
 * one transaction, so a worker stopped mid-way leaves no half record.
 *
 * Sanitising needs a DOM (DOMPurify), which a service worker lacks. It runs in
 * an offscreen document (reason DOM_PARSER) rather than in the sidebar: a
 * capture also starts from the popup, the keyboard command and the context
 * menu, when no sidebar is open, and the worker stays the one place that
 * decides what is stored.
 *
 * Also here: the page context menu and the capture keyboard command.
 */
import { browser, type Browser } from 'wxt/browser';
import { SKIPPED_DETAIL_MAX, XiaoerError, captureFailure, captureFailureText, commandOverlay, envelope, SANITIZE_MESSAGE, SanitizeReply, SanitizeRequest, type BackgroundRes, type OverlayCommandType, type OverlayReq, type OverlayRes, type SkippedNote } from '../../lib/messaging';
import { getDb } from '../../lib/db';
import { translate } from '../../lib/i18n';
import { getSettings } from '../../lib/settings';
import { htmlDocument } from '../../lib/evidence/html';
import { isoWithOffset, saveEvidence, type NewArtifact } from '../../lib/evidence/store';
import { emptyContext, isTombstone } from '../../lib/schema';
import { renderRedacted, type Box } from '../../lib/capture/redact-render';
import { shotImages } from '../../lib/evidence/shot-images';
import { selectionHasOthersWords } from '../../lib/evidence/words';
import { evidenceChanged, pageEvidenceFields, screenshotActiveTab, shotArtifacts, takeScreenshot } from './capture';
import type { HandlerMap } from './handlers';
import { caseHandlers, notificationIcon } from './cases';

function ask<T extends OverlayCommandType>(tabId: number, type: T, payload: OverlayReq<T>): Promise<OverlayRes<T>> {
  return commandOverlay((m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }), type, payload);
}

// ── offscreen DOMPurify ──

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] });
  if (contexts.length) return;
  creating ??= browser.offscreen
    .createDocument({ url, reasons: ['DOM_PARSER' as Browser.offscreen.Reason], justification: 'Sanitise captured chat HTML with DOMPurify (needs a DOM).' })
    .catch((e: unknown) => {
      // Two captures at once: the second create fails with "Only a single offscreen document".
      if (!(e instanceof Error && /single offscreen/i.test(e.message))) throw e;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** The pane's HTML with scripts, handlers and active content removed, as a standalone document. */
export async function sanitizePaneHtml(html: string, title: string): Promise<string> {
  await ensureOffscreen();
  // The request and reply shapes are the protocol's (lib/messaging.ts, evidence section).
  const raw = await browser.runtime.sendMessage(envelope(SANITIZE_MESSAGE, SanitizeRequest.parse({ html })));
  const reply = SanitizeReply.safeParse(raw);
  if (!reply.success) throw new Error('The HTML snapshot could not be sanitised.');
  // The page's language is unknown here; the document's CSP and referrer policy are the shared ones.
  return htmlDocument({ lang: '', title, style: '', body: reply.data.value.html });
}

// ── records ──

/**
 * pageCapture's Blob is backed by a temporary file Chrome deletes once the
 * callback returns; through the promise wrapper the read started too late about
 * one time in ten ("A requested file or directory could not be found", seen in a
 * CI run). So the raw callback API is used and the read starts inside the callback.
 */
function saveMhtml(tabId: number): Promise<ArrayBuffer> {
  const chromeApi = (globalThis as unknown as {
    chrome: { pageCapture: { saveAsMHTML: (d: { tabId: number }, cb: (blob?: Blob) => void) => void }; runtime: { lastError?: { message?: string } } };
  }).chrome;
  return new Promise((ok, fail) => {
    chromeApi.pageCapture.saveAsMHTML({ tabId }, (blob) => {
      const error = chromeApi.runtime.lastError;
      if (error || !blob) return fail(new Error(error?.message ?? 'no MHTML returned'));
      blob.arrayBuffer().then(ok, fail);
    });
  });
}

async function hasPermission(permission: 'pageCapture'): Promise<boolean> {
  return browser.permissions.contains({ permissions: [permission] }).catch(() => false);
}

/** An unexpected error's own words, kept as a note's detail (the UI puts a translated lead before it). */
const detailOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, SKIPPED_DETAIL_MAX);

export interface CaptureChatOptions {
  /** Load the chat's earlier messages into the page first. */
  loadEarlier?: boolean;
  /** The seller asked for an MHTML snapshot (the sidebar's box, remembered for the popup). */
  mhtml?: boolean;
}

export async function captureChat(tabId: number, note: string, caseId: string | null, { loadEarlier = false, mhtml = false }: CaptureChatOptions = {}): Promise<BackgroundRes<'evidence:capture-chat'>> {
  // The chat's earlier messages first, here rather than in the popup that asked: a popup closed meanwhile
  // (a click on the page) would never have asked for the capture after the load.
  const history = loadEarlier ? await ask(tabId, 'overlay:load-history', {}).catch(() => undefined) : undefined;
  if (history?.stopped === 'conversation-changed') {
    throw new XiaoerError('conversation-changed', 'Another conversation was opened while the earlier messages loaded; nothing was captured.');
  }
  const snap = await ask(tabId, 'overlay:chat-snapshot', {});
  const capturedAt = isoWithOffset();
  const artifacts: NewArtifact[] = [];
  // What was left out, as codes: the UI words them in the seller's language.
  const skipped: SkippedNote[] = [];
  const tab = await browser.tabs.get(tabId);
  // The screenshot first: the page is as the seller sees it now.
  if (tab.active) {
    try {
      const shot = await takeScreenshot(tabId, 'visible', `chat-${crypto.randomUUID()}`);
      artifacts.push(...shotArtifacts(shot, 'screenshot-visible'));
    } catch (e) {
      skipped.push({ code: 'screenshot-failed', detail: detailOf(e) });
    }
  } else skipped.push({ code: 'screenshot-not-in-front' });
  if (snap.paneHtml) {
    const html = await sanitizePaneHtml(snap.paneHtml, snap.title);
    artifacts.push({ name: 'chat-pane.html', mime: 'text/html', data: new Blob([html], { type: 'text/html' }) });
    if (snap.htmlTruncated) skipped.push({ code: 'pane-html-cut' });
  } else skipped.push({ code: 'no-message-pane' });
  // MHTML only when the seller asked for it this time: pageCapture may still be held (given back only when the box is
  // unticked; the e2e build holds it), and the whole page — other buyers' conversations too, 180 KB and more — is not kept unasked.
  // Not asked, nothing to say about it.
  if (mhtml) {
    if (await hasPermission('pageCapture')) {
      try {
        const page = await saveMhtml(tabId).catch(() => saveMhtml(tabId));
        artifacts.push({ name: 'page.mhtml', mime: 'multipart/related', data: new Blob([page], { type: 'multipart/related' }) });
      } catch (e) {
        skipped.push({ code: 'mhtml-failed', detail: detailOf(e) });
      }
    } else skipped.push({ code: 'mhtml-not-permitted' });
  }
  const record = await saveEvidence(
    getDb(),
    pageEvidenceFields('chat', snap, caseId, note, capturedAt),
    artifacts,
    snap.messages,
  );
  await evidenceChanged();
  return { evidenceId: record.id, seq: record.seq, messageCount: record.messageCount, artifacts: record.artifacts.map((a) => a.name), skipped, ...(history ? { history } : {}) };
}

export async function saveWords(tabId: number, note: string, caseId: string | null, fallbackText?: string): Promise<BackgroundRes<'evidence:save-words'>> {
  let snap: OverlayRes<'overlay:selection'>;
  try {
    snap = await ask(tabId, 'overlay:selection', {});
  } catch (e) {
    // A page without the overlay (context menu anywhere): the browser's selection text alone.
    if (!fallbackText) throw e;
    const tab = await browser.tabs.get(tabId);
    snap = { url: tab.url ?? '', title: tab.title ?? '', site: 'unknown', context: emptyContext(), text: fallbackText, messages: [], selected: null, sendersRead: false };
  }
  // Stored as kind 'words' the seller's own reply would read as the buyer's words to a reviewer: refused, nothing stored.
  if (selectionHasOthersWords(snap)) {
    throw new XiaoerError('not-buyer', "Not saved: the selection holds a message the buyer did not write (the seller's or the platform's). Select only the buyer's message; nothing was stored.");
  }
  const record = await saveEvidence(
    getDb(),
    pageEvidenceFields('words', snap, caseId, note),
    [{ name: 'selected-words.txt', mime: 'text/plain', data: new Blob([snap.text], { type: 'text/plain' }) }],
    snap.messages,
  );
  await evidenceChanged();
  return { evidenceId: record.id, seq: record.seq, messageCount: record.messageCount, artifacts: record.artifacts.map((a) => a.name), skipped: [] };
}

/**
 * A redacted copy of a stored screenshot, sealed as a screenshot record of its own: the bundle a seller sends the
 * platform can then hold the copy with the buyer's phone and address covered, on the chain like every other record,
 * while the original stays as captured. The copy takes the original's page, buyer, order and case (and is linked to
 * the cases the original was linked to); its note names the original's number. Drawn here from the stored bytes, so the record holds exactly the original under the boxes.
 */
export async function saveRedactedCopy(artifactId: string, boxes: readonly Box[]): Promise<BackgroundRes<'evidence:save-redacted'>> {
  const db = getDb();
  const shot = await db.artifacts.get(artifactId);
  if (!shot || isTombstone(shot)) throw new XiaoerError('not-found', 'This screenshot is no longer stored. Nothing was saved.', { what: 'screenshot' });
  if (shot.mime !== 'image/png') throw new Error(`${shot.name} is not a screenshot; nothing was saved.`);
  const of = await db.evidence.get(shot.evidenceId);
  if (!of) throw new XiaoerError('not-found', 'This screenshot is no longer stored. Nothing was saved.', { what: 'screenshot' });
  const lang = (await getSettings().catch(() => null))?.uiLang ?? 'en';
  const copy = await renderRedacted(shot.data, boxes);
  const record = await saveEvidence(
    db,
    {
      kind: 'screenshot',
      capturedAt: isoWithOffset(),
      url: of.url,
      title: of.title,
      site: of.site,
      buyerId: of.buyerId,
      buyerName: of.buyerName,
      orderId: of.orderId,
      caseId: of.caseId,
      note: translate(lang, 'redactedCopyNote', { seq: of.seq, name: shot.name }),
      extensionVersion: browser.runtime.getManifest().version,
    },
    [{ name: shot.name.replace(/\.png$/, '-redacted.png'), mime: 'image/png', data: copy }],
  );
  // A screenshot put into a case from its timeline (Add evidence) is in that case; so is its copy, by the same link.
  const linkedIn = await db.cases.filter((c) => c.id !== of.caseId && c.timeline.some((e) => e.kind === 'evidence' && e.evidenceId === of.id)).primaryKeys();
  for (const id of linkedIn) await caseHandlers['case:update']({ id, linkEvidence: [record.id] });
  await evidenceChanged();
  return { evidenceId: record.id, seq: record.seq, messageCount: 0, artifacts: record.artifacts.map((a) => a.name), skipped: [] };
}

/** Image `index` of a screenshot record as a data: URL (the sidebar's Copy / Download: shot-actions.tsx). */
async function shotImage(evidenceId: string, index: number): Promise<BackgroundRes<'evidence:shot-image'>> {
  const gone = () => new XiaoerError('not-found', 'This screenshot is no longer stored.', { what: 'screenshot' });
  const { record, images } = await shotImages(evidenceId);
  const image = images[index];
  if (!record || !image) throw gone();
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The screenshot could not be read.'));
    reader.readAsDataURL(image.data);
  });
  return { ...record, count: images.length, name: image.name, dataUrl };
}

export const evidenceHandlers = {
  'evidence:capture-chat': async ({ tabId, note, caseId, loadEarlier, mhtml }) => captureChat(tabId, note, caseId, { loadEarlier: loadEarlier ?? false, mhtml: mhtml ?? false }),
  'evidence:save-words': async ({ tabId, note, caseId }) => saveWords(tabId, note, caseId),
  'evidence:save-redacted': async ({ artifactId, boxes }) => saveRedactedCopy(artifactId, boxes),
  'evidence:shot-image': async ({ evidenceId, index }) => shotImage(evidenceId, index),
  'evidence:recent': async ({ buyerId, orderId, limit }) => {
    const db = getDb();
    if (buyerId) return (await db.evidence.where('buyerId').equals(buyerId).sortBy('seq')).reverse().slice(0, limit);
    if (orderId) return (await db.evidence.where('orderId').equals(orderId).sortBy('seq')).reverse().slice(0, limit);
    return db.evidence.orderBy('seq').reverse().limit(limit).toArray();
  },
} satisfies HandlerMap<'evidence:capture-chat' | 'evidence:save-words' | 'evidence:save-redacted' | 'evidence:shot-image' | 'evidence:recent'>;

// ── gestures: context menu and keyboard command (each grants activeTab for the tab) ──

export const MENU = { visible: 'xiaoer-shot-visible', page: 'xiaoer-shot-page', words: 'xiaoer-save-words' } as const;

const FAILURE_NOTIFICATION = 'xiaoer-capture-failed:';

/**
 * Context menu and keyboard captures have no UI of ours to show a failure in, so the
 * seller gets a notification in their language (storage full says what to delete, and a
 * click opens Dashboard → Storage). A cancel (Esc) is the seller's own doing: no notice.
 */
async function notifyFailure(e: unknown): Promise<void> {
  console.warn('[xiaoer] capture failed:', e);
  if (e instanceof XiaoerError && e.code === 'cancelled') return;
  const lang = (await getSettings().catch(() => null))?.uiLang ?? 'en';
  const why = captureFailure(e);
  const message = captureFailureText(e, (key, vars) => translate(lang, key, vars));
  await browser.notifications
    .create(`${FAILURE_NOTIFICATION}${why ?? 'other'}:${Date.now()}`, { type: 'basic', iconUrl: await notificationIcon(), title: translate(lang, 'evCaptureFailedTitle'), message })
    .catch(() => undefined);
}

export async function onFailureNotificationClick(id: string): Promise<void> {
  if (!id.startsWith(FAILURE_NOTIFICATION)) return;
  await browser.notifications.clear(id).catch(() => false);
  if (id.startsWith(`${FAILURE_NOTIFICATION}quota:`)) await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html#storage') });
}

export async function onMenuClick(info: { menuItemId: string | number; selectionText?: string }, tab?: { id?: number }): Promise<void> {
  try {
    if (info.menuItemId === MENU.visible) await screenshotActiveTab('visible', tab);
    else if (info.menuItemId === MENU.page) await screenshotActiveTab('page', tab);
    else if (info.menuItemId === MENU.words && tab?.id !== undefined) await saveWords(tab.id, '', null, info.selectionText);
  } catch (e) {
    await notifyFailure(e);
  }
}

export async function onCaptureCommand(command: string): Promise<void> {
  try {
    if (command === 'capture-visible') await screenshotActiveTab('visible');
  } catch (e) {
    await notifyFailure(e);
  }
}

/** Context menu items in the seller's UI language (settings), not the browser's. */
export async function createMenus(): Promise<void> {
  const lang = (await getSettings().catch(() => null))?.uiLang ?? 'en';
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU.visible, title: translate(lang, 'menuShotVisible'), contexts: ['page', 'image', 'link'] });
  browser.contextMenus.create({ id: MENU.page, title: translate(lang, 'menuShotPage'), contexts: ['page'] });
  browser.contextMenus.create({ id: MENU.words, title: translate(lang, 'menuSaveWords'), contexts: ['selection'] });
}

export function registerEvidence(): void {
  browser.notifications.onClicked.addListener((id) => void onFailureNotificationClick(id));
  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  browser.commands.onCommand.addListener((command) => void onCaptureCommand(command));
}
