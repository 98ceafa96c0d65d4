/**
 * The page side of screenshots and evidence capture. The background drives a
 * capture (it alone may call captureVisibleTab); this file moves the page:
 *
 * - begin: hides Xiaoer's own UI (toggle tab, sidebar) so it is never in a
 *   screenshot, lets the seller pick an element (hover highlight, click, Esc),
 *   measures the region, and maps personal data in its text to boxes for the
 *   redaction editor (lib/capture/redact.ts);
 * - scroll: moves the scroller (document or the chat pane) to one slice and
 *   waits for paint; from the second slice on, fixed and sticky elements are
 *   hidden so headers and floating buttons appear once, not in every slice;
 * - end: puts everything back.
 *
 * MV3 may stop the service worker mid-capture, and the seller's page must not
 * stay scrolled with its header hidden. The background holds a port open to
 * this page for the capture (CAPTURE_LIFELINE_PORT): when the worker dies the
 * port closes and the page is restored at once. A watchdog restores it too if
 * no command arrives for WATCHDOG_MS (a worker that hangs without dying).
 */
import type { CaptureGeometry, ChatSnapshot, RedactionBox, SelectionSnapshot } from '../../lib/messaging';
import { CAPTURE_LIFELINE_PORT, MAX_PANE_HTML } from '../../lib/messaging';
import { findSensitive, joinTextNodes, rangesForMatches, toRanges } from '../../lib/capture/redact';
import type { ChatMessage } from '../../lib/schema';
import { XiaoerError } from '../../lib/xiaoer-error';
import type { PageReader } from './page-reader';
import { pageScroller, scrollingAncestor } from './scroller';
import { ROOM_ATTRIBUTE } from './shell';

/** Longer than the slowest gap between two paced slices (≈1 s) plus a slow capture. */
export const WATCHDOG_MS = 8_000;
const MAX_BOXES = 5_000;

type Mode = 'visible' | 'page' | 'element' | 'pane';

interface Job {
  id: string;
  mode: Mode;
  scroller: Element | null;
  /** Where position 0 of the capture sits in the scroller's content (a tall element: its top), CSS px. */
  offset: number;
  /** The element kept on screen (pane, picked element); its ancestors are never hidden. */
  keep: Element | null;
  restoreScroll: { x: number; y: number; el: Element | null; elTop: number };
  /** Inline styles set for the capture, with what they were (put back in reverse order). */
  hidden: { el: HTMLElement; prop: string; value: string; priority: string }[];
  fixedHidden: boolean;
  watchdog: ReturnType<typeof setTimeout> | null;
  /** Esc pressed on the page during a scrolling capture: the next slice refuses, nothing is stored. */
  cancelled: boolean;
  onKey: ((e: KeyboardEvent) => void) | null;
}

export interface CapturePage {
  begin(p: { jobId: string; mode: Mode }): Promise<CaptureGeometry>;
  scroll(p: { jobId: string; index: number; top: number; left?: number }): Promise<{ top: number; left?: number }>;
  end(p: { jobId: string }): { ok: true };
  chatSnapshot(): ChatSnapshot;
  selection(): SelectionSnapshot;
  /** The background's port for one capture (named CAPTURE_LIFELINE_PORT + jobId): its loss restores that capture's page. */
  watch(port: { name: string; onDisconnect: { addListener(cb: () => void): void } }): void;
  /** Restore now (content script invalidated). */
  dispose(): void;
}

function setForCapture(job: Job, el: HTMLElement, prop: string, value: string): void {
  job.hidden.push({ el, prop, value: el.style.getPropertyValue(prop), priority: el.style.getPropertyPriority(prop) });
  el.style.setProperty(prop, value, 'important');
}

function hide(job: Job, el: HTMLElement): void {
  setForCapture(job, el, 'visibility', 'hidden');
}

/** Xiaoer's own elements in the page: the toggle tab's host, the sidebar wrapper, the Tab paste notice's host. */
function ownUi(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('xiaoer-toggle, xiaoer-notice, [data-xiaoer]')];
}

/**
 * Two animation frames: the scroll (or the hiding) has been laid out and painted. The tab
 * being captured is the visible active tab, so frames do come; the timeout only guards a
 * tab that lost visibility. It was 250 ms, and on a loaded machine (2 cores, load 10+) two
 * frames took longer: the next slice was taken from the frame before the fixed header was
 * hidden and the header appeared twice (seen in e2e, 1 run in 3). Two frames drawn by the page
 * still do not promise the compositor hands captureVisibleTab the newer one: the worker also
 * takes a slice again when it comes back identical to the slice before (background/capture.ts).
 */
/** How long a capture waits for pictures still loading in what it captures before measuring it. */
const PICTURE_WAIT_MS = 5_000;

/**
 * Until the pictures still loading inside `root` have arrived (or failed), at most `ms`. A picture given no size
 * (a buyer's photo in a chat row, as Qianniu's from alicdn) is a short row until it arrives, then the row grows:
 * measured before that, the stitch plan is short of the pane and the slices taken after it shift under the plan
 * (a whole-chat screenshot came out 189 px short of its pane in CI). Lazy pictures are not waited for: they load
 * only when scrolled to, which the capture itself does (a change they make is caught slice by slice, capture.ts).
 */
async function picturesLoaded(root: Element, ms: number): Promise<void> {
  // A picked element may be the picture itself (a product photo on an order page).
  const pictures = root instanceof HTMLImageElement ? [root] : [...root.querySelectorAll('img')];
  const loading = pictures.filter((img) => !img.complete && img.loading !== 'lazy');
  if (!loading.length) return;
  const done: (() => void)[] = [];
  await Promise.race([
    Promise.all(
      loading.map(
        (img) =>
          new Promise<void>((resolve) => {
            const end = () => {
              img.removeEventListener('load', end);
              img.removeEventListener('error', end);
              resolve();
            };
            done.push(end);
            img.addEventListener('load', end);
            img.addEventListener('error', end);
          }),
      ),
    ),
    new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ]);
  for (const end of done) end();
}

function painted(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/** The rectangle of an element's scrollable area (padding box, without scrollbars), viewport CSS px. */
function clientBox(el: Element) {
  const r = el.getBoundingClientRect();
  return { x: r.left + el.clientLeft, y: r.top + el.clientTop, width: el.clientWidth, height: el.clientHeight };
}

/** Text nodes under root that are rendered (skipping script/style and Xiaoer's UI). */
function visibleTextNodes(root: Element): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) return NodeFilter.FILTER_REJECT;
      if (parent.closest('xiaoer-toggle, [data-xiaoer]')) return NodeFilter.FILTER_REJECT;
      return (node as Text).data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** A text node's nearest ancestor that is not laid out inline (one computed style read per element, cached for one call). */
function blockOf(): (n: Text) => Element | null {
  const seen = new Map<Element, Element | null>();
  const of = (el: Element | null): Element | null => {
    if (!el) return null;
    let found = seen.get(el);
    if (found === undefined) {
      const display = getComputedStyle(el).display;
      found = display === 'inline' || display === 'contents' ? of(el.parentElement) : el;
      seen.set(el, found);
    }
    return found;
  };
  return (n) => of(n.parentElement);
}

/**
 * Personal data in the region's text as boxes in region coordinates (CSS px):
 * `origin(rect)` turns a viewport rect into the region's frame (document y for
 * a full page, content y for a pane, element-relative for an element).
 */
function redactionBoxes(root: Element, origin: (r: { left: number; top: number }) => { x: number; y: number }, clip: { width: number; height: number } | null): RedactionBox[] {
  const nodes = visibleTextNodes(root);
  // Concatenated as rendered (rangesForMatches maps offsets back): a line break between blocks only.
  const { text: joined, starts } = joinTextNodes(nodes, blockOf());
  const matches = findSensitive(joined);
  if (!matches.length) return [];
  const boxes: RedactionBox[] = [];
  const shownIn = clipOf(root);
  for (const [i, range] of toRanges(document, rangesForMatches(nodes, matches, starts)).entries()) {
    const kind = matches[i]?.kind ?? 'other';
    const container = range.commonAncestorContainer;
    const shown = shownIn(container instanceof Element ? container : container.parentElement);
    const rects: Rect[] = [];
    for (const r of range.getClientRects()) {
      // Only what shows: text cut off by a list preview's overflow (a buyer's address in the conversation
      // list) boxed past the list, over the chat header; text scrolled out of its box has nothing to hide.
      const seen = intersect(r, shown);
      if (!seen || seen.width < 1 || seen.height < 1) continue;
      // A range over a whole element gives the element's box and its text's box: one box is enough
      // (two stacked boxes over one phone number: removing one left the number hidden, to the seller's surprise).
      if (rects.some((k) => contains(k, seen))) continue;
      for (let j = rects.length - 1; j >= 0; j--) if (contains(seen, rects[j]!)) rects.splice(j, 1);
      rects.push(seen);
    }
    for (const r of rects) {
      const o = origin(r);
      if (clip && (o.x >= clip.width || o.y >= clip.height || o.x + r.width <= 0 || o.y + r.height <= 0)) continue;
      // A little padding: anti-aliased glyph edges reach past the text box.
      boxes.push({ x: o.x - 2, y: o.y - 2, width: r.width + 4, height: r.height + 4, kind });
      if (boxes.length >= MAX_BOXES) return boxes;
    }
  }
  return boxes;
}

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** `a` holds `b` (within half a pixel: layout rounds). */
const contains = (a: Rect, b: Rect) => b.left >= a.left - 0.5 && b.top >= a.top - 0.5 && b.left + b.width <= a.left + a.width + 0.5 && b.top + b.height <= a.top + a.height + 0.5;

function intersect(r: Rect, shown: Rect | null): Rect | null {
  if (!shown) return r;
  const left = Math.max(r.left, shown.left);
  const top = Math.max(r.top, shown.top);
  const right = Math.min(r.left + r.width, shown.left + shown.width);
  const bottom = Math.min(r.top + r.height, shown.top + shown.height);
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : null;
}

/**
 * The part of the viewport where an element's content can show (viewport CSS px): its ancestors inside
 * `root` that clip their overflow, intersected; null when nothing clips it. Not `root` itself nor what holds
 * it: the capture scrolls the region (a chat pane's earlier messages are out of view now and in the shot).
 * Up to a fixed element (its ancestors do not clip it). One computed style read per element, cached for one call.
 */
function clipOf(root: Element): (el: Element | null) => Rect | null {
  const seen = new Map<Element, Rect | null | 'hidden'>();
  const of = (el: Element | null): Rect | null | 'hidden' => {
    if (!el || el === root || !root.contains(el)) return null;
    let found = seen.get(el);
    if (found !== undefined) return found;
    const style = getComputedStyle(el);
    const outer = style.position === 'fixed' ? null : of(el.parentElement);
    if (outer === 'hidden' || (style.overflowX === 'visible' && style.overflowY === 'visible')) found = outer;
    else {
      const b = clientBox(el);
      found = intersect({ left: b.x, top: b.y, width: b.width, height: b.height }, outer) ?? 'hidden';
    }
    seen.set(el, found);
    return found;
  };
  // Wholly clipped away: an empty area, so nothing of it counts as shown.
  return (el) => {
    const r = of(el);
    return r === 'hidden' ? { left: 0, top: 0, width: 0, height: 0 } : r;
  };
}

/** Let the seller click the element to capture; Esc cancels. Resolves null when cancelled. */
function pickElement(): Promise<HTMLElement | null> {
  // Picked from the sidebar, the keyboard is still in its frame, hidden now: Esc closed the sidebar
  // and the pick went on. The page takes the keyboard, so Esc reaches the listener below.
  const active = document.activeElement;
  if (active instanceof HTMLIFrameElement && active.closest('[data-xiaoer]')) active.blur();
  return new Promise((resolve) => {
    const box = document.createElement('div');
    box.setAttribute('data-xiaoer-pick', '');
    Object.assign(box.style, {
      position: 'fixed', pointerEvents: 'none', zIndex: '2147483647', border: '2px solid #e4393c',
      background: 'rgba(228,57,60,.12)', borderRadius: '3px', display: 'none', boxSizing: 'border-box',
    } satisfies Partial<CSSStyleDeclaration>);
    document.documentElement.append(box);
    let current: HTMLElement | null = null;
    // ↑ steps out to the enclosing element, ↓ back in, Enter takes it: a list or an order panel whose
    // rows fill it could not be pointed at with the mouse (the innermost row was always taken).
    let climbed: HTMLElement[] = [];
    const show = (t: HTMLElement) => {
      current = t;
      const r = t.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    };
    const onMove = (e: MouseEvent) => {
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (!t || t === document.body || t === document.documentElement) return;
      // Moving inside the element stepped out to keeps it; leaving it starts over from the pointer.
      if (climbed.length && current?.contains(t)) return;
      climbed = [];
      show(t);
    };
    const finish = (el: HTMLElement | null) => {
      document.removeEventListener('mousemove', onMove, true);
      document.removeEventListener('mouseover', onMove, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('mousedown', swallow, true);
      document.removeEventListener('mouseup', swallow, true);
      document.removeEventListener('keydown', onKey, true);
      box.remove();
      resolve(el);
    };
    // The page must not act on the picking click (an order card may be a link).
    const swallow = (e: Event) => {
      e.preventDefault();
      e.stopPropagation();
    };
    const onClick = (e: MouseEvent) => {
      swallow(e);
      const t = e.target instanceof HTMLElement ? e.target : current;
      finish(climbed.length && current && t && current.contains(t) ? current : t);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        swallow(e);
        finish(null);
      } else if (e.key === 'ArrowUp' && current) {
        swallow(e);
        const up = current.parentElement;
        if (up && up !== document.body && up !== document.documentElement) {
          climbed.push(current);
          show(up);
        }
      } else if (e.key === 'ArrowDown' && climbed.length) {
        swallow(e);
        show(climbed.pop()!);
      } else if (e.key === 'Enter' && current) {
        swallow(e);
        finish(current);
      }
    };
    document.addEventListener('mousemove', onMove, true);
    document.addEventListener('mouseover', onMove, true);
    document.addEventListener('click', onClick, true);
    document.addEventListener('mousedown', swallow, true);
    document.addEventListener('mouseup', swallow, true);
    document.addEventListener('keydown', onKey, true);
  });
}

/**
 * Fixed and sticky elements that are not the kept region or one of its ancestors. Sticky ones only
 * when they show in the first slice (above `shownBelow`, a viewport y): a sticky element further down
 * is content that scrolls into later slices — hidden from the second slice on, the 18 section headings
 * below the first screen of a page of 24 sticky-headed blocks were blank gaps in the stitched image.
 */
function floatingElements(keep: Element | null, shownBelow: number): HTMLElement[] {
  const out: HTMLElement[] = [];
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n as HTMLElement;
    const pos = getComputedStyle(el).position;
    if (pos !== 'fixed' && pos !== 'sticky') continue;
    if (pos === 'sticky' && el.getBoundingClientRect().top >= shownBelow) continue;
    // An ancestor (or the region itself) holds what we capture: hiding it would hide the region.
    if (keep && el.contains(keep)) continue;
    if (el.closest('xiaoer-toggle, [data-xiaoer]')) continue;
    out.push(el);
  }
  return out;
}

/**
 * What scrolls a picked element: the nearest ancestor that scrolls vertically
 * and is itself no taller than the viewport (seller backends often scroll a main panel, not the page),
 * else the page when it scrolls. Null: nothing scrolls it, it is captured as far as it shows.
 */
function scrollerFor(el: Element): { el: Element; box: { x: number; y: number; width: number; height: number } } | null {
  const panel = scrollingAncestor(el.parentElement, { fitsScreen: true });
  if (panel) return { el: panel, box: clientBox(panel) };
  const page = pageScroller();
  if (!page) return null;
  const root = document.documentElement;
  return { el: page, box: { x: 0, y: 0, width: root.clientWidth, height: root.clientHeight } };
}

export function createCapturePage(reader: PageReader, messagePane: () => HTMLElement | null): CapturePage {
  let job: Job | null = null;

  const restore = (j: Job) => {
    if (j.watchdog) clearTimeout(j.watchdog);
    if (j.onKey) document.removeEventListener('keydown', j.onKey, true);
    for (const h of j.hidden.reverse()) {
      if (h.value) h.el.style.setProperty(h.prop, h.value, h.priority);
      else h.el.style.removeProperty(h.prop);
    }
    if (j.restoreScroll.el) (j.restoreScroll.el as HTMLElement).scrollTop = j.restoreScroll.elTop;
    window.scrollTo({ left: j.restoreScroll.x, top: j.restoreScroll.y, behavior: 'instant' });
    if (job === j) job = null;
  };

  const arm = (j: Job) => {
    if (j.watchdog) clearTimeout(j.watchdog);
    j.watchdog = setTimeout(() => restore(j), WATCHDOG_MS);
  };

  const current = (jobId: string): Job => {
    if (!job || job.id !== jobId) throw new Error('No screenshot in progress on this page (it was restored after a pause).');
    arm(job);
    return job;
  };

  return {
    async begin({ jobId, mode }) {
      if (job) restore(job);
      const scrollingElement = document.scrollingElement ?? document.documentElement;
      const base = { x: window.scrollX, y: window.scrollY };
      let keep: Element | null = null;
      if (mode === 'pane') {
        keep = messagePane();
        if (!keep) throw new Error('No chat message pane found on this page.');
      }
      const j: Job = {
        id: jobId, mode, scroller: null, offset: 0, keep,
        restoreScroll: { ...base, el: mode === 'pane' ? keep : null, elTop: keep ? keep.scrollTop : 0 },
        hidden: [], fixedHidden: false, watchdog: null, cancelled: false, onKey: null,
      };
      job = j;
      for (const el of ownUi()) hide(j, el);
      // The sidebar put beside the page (sidebar-frame.ts) is hidden for the shot: the page takes its width back,
      // else every screenshot would end in an empty band where the sidebar was.
      if (document.documentElement.hasAttribute(ROOM_ATTRIBUTE)) setForCapture(j, document.documentElement, 'margin-right', '0px');
      if (mode === 'element') {
        // Picking waits for the seller: no watchdog until the pick is made.
        const picked = await pickElement();
        if (job !== j) throw new Error('Screenshot replaced by another one.');
        if (!picked) {
          restore(j);
          throw new Error('cancelled');
        }
        keep = picked;
        j.keep = picked;
      }
      arm(j);
      if (mode !== 'visible') {
        await picturesLoaded(mode === 'page' ? (document.body ?? document.documentElement) : keep!, PICTURE_WAIT_MS);
        if (job !== j) throw new Error('Screenshot replaced by another one.');
        arm(j);
      }
      const dpr = window.devicePixelRatio || 1;
      const viewport = { width: window.innerWidth, height: window.innerHeight };
      const root = document.documentElement;
      let geometry: CaptureGeometry;
      if (mode === 'page') {
        j.scroller = scrollingElement;
        // Measured where the first slice is taken (the page's top): a fixed header is in the image
        // where it shows at the top, and its text must be boxed there. Measured where the seller had
        // scrolled to, a buyer's phone in a fixed header got its box 300 px lower, over an order card.
        // A page wider than the screen is captured column by column from its left edge: the whole width
        // is in the image (it kept only the columns on screen where the seller had scrolled sideways).
        window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
        const pane = { x: 0, y: 0, width: root.clientWidth, height: root.clientHeight };
        const scrollWidth = Math.max(scrollingElement.scrollWidth, root.clientWidth);
        geometry = {
          scrollHeight: scrollingElement.scrollHeight, clientHeight: root.clientHeight, devicePixelRatio: dpr, viewport, pane, scrolls: true,
          ...(scrollWidth > root.clientWidth + 0.5 ? { scrollWidth } : {}),
          redactions: redactionBoxes(document.body ?? root, (r) => ({ x: r.left + window.scrollX, y: r.top + window.scrollY }), { width: scrollWidth, height: scrollingElement.scrollHeight }),
        };
      } else if (mode === 'pane') {
        const el = keep!;
        // The pane must be wholly inside the viewport for each slice to show it.
        let box = clientBox(el);
        if (box.y < 0 || box.y + box.height > viewport.height) {
          el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
          box = clientBox(el);
        }
        j.scroller = el;
        const top = el.scrollTop;
        geometry = {
          scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, devicePixelRatio: dpr, viewport, pane: box, scrolls: true,
          redactions: redactionBoxes(el, (r) => ({ x: r.left - box.x, y: r.top - box.y + top }), null),
        };
      } else if (mode === 'element') {
        const el = keep!;
        let r = el.getBoundingClientRect();
        const scroller = scrollerFor(el);
        const tall = scroller && r.height > scroller.box.height ? scroller : null;
        if (tall) {
          // Taller than what shows of it (an order's detail panel, a long review thread): scrolled and
          // stitched like a chat history, through the nearest ancestor that scrolls it (or the page),
          // with position 0 at the element's top — it was cut to the viewport without a word before.
          if (tall.el !== scrollingElement) {
            j.restoreScroll = { ...j.restoreScroll, el: tall.el, elTop: tall.el.scrollTop };
            // Its visible area must be wholly on screen for each slice to show it (as for a chat pane).
            if (tall.box.y < 0 || tall.box.y + tall.box.height > viewport.height) {
              tall.el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
              tall.box = clientBox(tall.el);
              r = el.getBoundingClientRect();
            }
          }
          const box = tall.box;
          j.scroller = tall.el;
          // Slice positions count from the element's top in the scroller's content, as far as the
          // scroller can reach it: scrollTop lands on device pixels, and a fractional top (827.5)
          // read back as 828 put the first slice past the element's first row (stitch refused it).
          tall.el.scrollTo({ top: r.top - box.y + tall.el.scrollTop, behavior: 'instant' });
          j.offset = tall.el.scrollTop;
          r = el.getBoundingClientRect();
          const x = Math.max(box.x, r.left);
          const pane = { x, y: box.y, width: Math.min(box.x + box.width, r.right) - x, height: box.height };
          geometry = {
            scrollHeight: r.height, clientHeight: box.height, devicePixelRatio: dpr, viewport, pane, scrolls: true,
            // Scrolled to position 0: the scroller's visible top is the capture's row 0.
            redactions: redactionBoxes(el, (b) => ({ x: b.left - pane.x, y: b.top - box.y }), { width: pane.width, height: r.height }),
          };
        } else {
          if (r.top < 0 || r.bottom > viewport.height || r.left < 0 || r.right > viewport.width) {
            el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
            r = el.getBoundingClientRect();
          }
          // Wider than the viewport (or tall with nothing that scrolls it): what is on screen.
          const x = Math.max(0, r.left), y = Math.max(0, r.top);
          const pane = { x, y, width: Math.min(viewport.width, r.right) - x, height: Math.min(viewport.height, r.bottom) - y };
          geometry = {
            scrollHeight: pane.height, clientHeight: pane.height, devicePixelRatio: dpr, viewport, pane, scrolls: false,
            redactions: redactionBoxes(el, (b) => ({ x: b.left - pane.x, y: b.top - pane.y }), pane),
          };
        }
      } else {
        const pane = { x: 0, y: 0, width: viewport.width, height: viewport.height };
        geometry = {
          scrollHeight: viewport.height, clientHeight: viewport.height, devicePixelRatio: dpr, viewport, pane, scrolls: false,
          redactions: redactionBoxes(document.body ?? root, (b) => ({ x: b.left, y: b.top }), pane),
        };
      }
      if (geometry.scrolls && geometry.scrollHeight > geometry.clientHeight + 0.5) {
        // A bar fixed at the bottom of what is captured (a cart or chat footer) covers the first
        // slice's last rows, and the next slice starts below them: those rows were in no slice
        // (a 60 px footer hid rows 844–899 of a page's evidence). Hidden from the first slice on.
        const top = geometry.pane.y;
        const bottom = top + geometry.clientHeight;
        for (const el of floatingElements(j.keep, bottom)) {
          const r = el.getBoundingClientRect();
          if (!(r.height > 0 && r.top >= top + geometry.clientHeight / 2 && r.top < bottom && r.bottom > top)) continue;
          // A bar: fixed, or sticky to the bottom. A sticky heading (top: 0) in the lower half is content.
          const style = getComputedStyle(el);
          if (style.position === 'fixed' || style.bottom !== 'auto') hide(j, el);
        }
      }
      if (geometry.scrolls) {
        // Xiaoer's own UI (the sidebar's Cancel) is hidden while the page scrolls itself: Esc on the page cancels.
        j.onKey = (e: KeyboardEvent) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          e.stopPropagation();
          j.cancelled = true;
        };
        document.addEventListener('keydown', j.onKey, true);
      }
      await painted();
      return geometry;
    },

    async scroll({ jobId, index, top, left }) {
      const j = current(jobId);
      if (j.cancelled) {
        restore(j);
        throw new Error('cancelled');
      }
      if (index > 0 && !j.fixedHidden && j.scroller) {
        j.fixedHidden = true;
        // Still at the first slice's position: what shows now is what the first slice holds.
        const bottom = j.scroller === (document.scrollingElement ?? document.documentElement) ? window.innerHeight : j.scroller.getBoundingClientRect().bottom;
        for (const el of floatingElements(j.keep, bottom)) hide(j, el);
      }
      if (!j.scroller) {
        await painted();
        return { top: 0 };
      }
      if (j.mode === 'page') window.scrollTo({ left: left ?? window.scrollX, top, behavior: 'instant' });
      else j.scroller.scrollTo({ top: top + j.offset, behavior: 'instant' });
      await painted();
      arm(j);
      if (j.mode === 'page') return { top: window.scrollY, left: window.scrollX, height: j.scroller.scrollHeight };
      // A tall element is measured itself (its scroller holds more than it); a chat pane by what it scrolls.
      const height = j.mode === 'element' ? (j.keep?.getBoundingClientRect().height ?? 0) : j.scroller.scrollHeight;
      return { top: j.scroller.scrollTop - j.offset, height };
    },

    end({ jobId }) {
      if (job && job.id === jobId) restore(job);
      return { ok: true };
    },

    chatSnapshot() {
      const state = reader.state();
      const pane = messagePane();
      let html = pane ? pane.outerHTML : null;
      let truncated = false;
      if (html && html.length > MAX_PANE_HTML) {
        // Keep the newest part of the pane (a dispute is about the latest words) within the cap.
        html = html.slice(html.length - MAX_PANE_HTML);
        truncated = true;
      }
      return { url: state.url, title: state.title, site: state.site, context: state.context, messages: reader.messages(), paneHtml: html, htmlTruncated: truncated };
    },

    selection() {
      const sel = window.getSelection();
      const text = sel ? sel.toString() : '';
      // Typed: the sidebar, popup and notification word it in the seller's language (the English sentence showed
      // in a Chinese sidebar: "未保存：Select the buyer's words on the page first.").
      if (!text.trim()) throw new XiaoerError('no-selection', 'Select the buyer\'s words on the page first.');
      const messages = reader.messages();
      const needle = text.replace(/\s+/g, ' ').trim();
      const norm = (m: ChatMessage) => m.text.replace(/\s+/g, ' ').trim();
      const at = selectedMessage(messages.map(norm), needle, occurrencesBefore(sel!, messagePane(), needle));
      let around: ChatMessage[] = [];
      let selected: { first: number; last: number } | null = null;
      if (at) {
        const from = Math.max(0, at.first - 3);
        around = messages.slice(from, Math.min(messages.length, at.last + 4, from + 200));
        // Where the selected messages sit in `around`, for the background to check who wrote them.
        selected = { first: at.first - from, last: Math.min(at.last, from + around.length - 1) - from };
      }
      const c = reader.context();
      return {
        url: location.href, title: document.title, site: reader.siteId(), context: c, text: text.slice(0, 50_000), messages: around,
        selected, sendersRead: reader.source() === 'dedicated',
      };
    },

    watch(port) {
      const jobId = port.name.slice(CAPTURE_LIFELINE_PORT.length);
      // A normal end restored the page before the background let go; this only acts when the worker vanished.
      port.onDisconnect.addListener(() => {
        if (job && job.id === jobId) restore(job);
      });
    },

    dispose() {
      if (job) restore(job);
    },
  };
}

/**
 * How often `needle` occurs in the message pane's text before the selection starts: which of the
 * buyer's repeated words ("赠品没收到", sent seven times in a long chat) the agent selected.
 * 0 when the selection is outside the pane or the pane is unknown.
 */
function occurrencesBefore(sel: Selection, pane: Element | null, needle: string): number {
  if (!sel.rangeCount || !needle || !pane) return 0;
  const range = sel.getRangeAt(0);
  // Counted in the pane only: the conversation list's previews repeat the buyer's last words.
  if (!pane.contains(range.startContainer)) return 0;
  const before = document.createRange();
  before.setStart(pane, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const text = before.toString().replace(/\s+/g, ' ');
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * The messages a selection stands for, as indexes into `texts` (each whitespace-collapsed): the one
 * holding the `occurrence`-th appearance of `needle` (0-based, counted in message order; the last
 * holding it when the count runs past them), or — a selection over several messages — the longest run
 * of consecutive messages the selection contains (the newest of equal runs). Was: the first message
 * containing the words, so a phrase the buyer repeated kept the context of its first appearance.
 */
export function selectedMessage(texts: readonly string[], needle: string, occurrence: number): { first: number; last: number } | null {
  if (!needle) return null;
  let seen = 0;
  let lastHolding = -1;
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    if (!t.includes(needle)) continue;
    lastHolding = i;
    for (let k = t.indexOf(needle); k >= 0; k = t.indexOf(needle, k + needle.length)) {
      if (seen++ === occurrence) return { first: i, last: i };
    }
  }
  if (lastHolding >= 0) return { first: lastHolding, last: lastHolding };
  let best: { first: number; last: number } | null = null;
  for (let i = 0; i < texts.length; i++) {
    if (!texts[i] || !needle.includes(texts[i]!)) continue;
    let j = i;
    while (j + 1 < texts.length && texts[j + 1] && needle.includes(texts[j + 1]!)) j++;
    if (!best || j - i >= best.last - best.first) best = { first: i, last: j };
    i = j;
  }
  return best;
}
