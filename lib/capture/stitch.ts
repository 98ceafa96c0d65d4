/**
 * Scroll-and-stitch planning for full-page and chat-history screenshots.
 *
 * captureVisibleTab only sees the viewport, so a long page or a long chat pane
 * is captured as several viewport images at successive scroll positions and
 * composed into one tall image. This file is the pure math: where to scroll,
 * which rectangle of each captured image to keep, and where it lands. The
 * content script does the scrolling (and reports the scroll positions the page
 * actually reached); the background composes with an OffscreenCanvas.
 *
 * Units: "CSS px" for page geometry, "device px" for images. Destination rows
 * come from rounding document y × scale once per boundary, so neighbouring
 * pieces share their boundary exactly: no gap, no overlap, at any dpr.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StitchGeometry {
  /** Scrollable height of the scroller (document or chat pane), CSS px. */
  scrollHeight: number;
  /** Visible height of the scroller (innerHeight, or the pane's clientHeight), CSS px. */
  clientHeight: number;
  devicePixelRatio: number;
  /** Viewport size in CSS px: what one captured image shows. */
  viewport: { width: number; height: number };
  /**
   * Where the scroller's visible area sits in the viewport, CSS px (chat
   * history: the pane's client rect; only this part of each image is kept).
   * Default: the whole viewport, for a full-page capture.
   */
  pane?: Rect;
  /** Height of a sticky header inside the scroller, repeated in every image; kept only in the first slice. */
  stickyTop?: number;
  /** Height of a sticky footer, kept only in the last slice. */
  stickyBottom?: number;
  /** Device-px size of each captured image, when known (default: viewport × dpr, rounded). */
  imageSize?: { width: number; height: number };
  /** Tallest output image in device px; longer captures are split into several images. Default 16384 (Chrome's canvas limit is 32767). */
  maxCanvasHeight?: number;
}

/** One drawImage: a rectangle of captured image `slice` copied 1:1 into output image `output` at row `dy`. */
export interface StitchPiece {
  slice: number;
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  output: number;
  dy: number;
}

export interface StitchPlan {
  /** scrollTop for each capture, CSS px, ascending. */
  positions: number[];
  pieces: StitchPiece[];
  /** Output images, top to bottom. */
  outputs: { width: number; height: number }[];
  /** Total stitched size in device px (sum of output heights). */
  width: number;
  height: number;
  /** Size each captured image is expected to have. */
  imageSize: { width: number; height: number };
}

export class StitchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StitchError';
  }
}

/** Half a CSS px: scroll positions read back from a page are rounded to device pixels. */
const EPS = 0.5;

function normalise(g: StitchGeometry) {
  const dpr = g.devicePixelRatio;
  if (!(dpr > 0) || !Number.isFinite(dpr)) throw new StitchError(`bad devicePixelRatio ${dpr}`);
  if (!(g.clientHeight > 0) || !(g.viewport.width > 0) || !(g.viewport.height > 0)) throw new StitchError('empty viewport or scroller');
  const S = Math.max(g.scrollHeight, g.clientHeight);
  const H = g.clientHeight;
  const pane = g.pane ?? { x: 0, y: 0, width: g.viewport.width, height: g.viewport.height };
  const image = g.imageSize ?? { width: Math.round(g.viewport.width * dpr), height: Math.round(g.viewport.height * dpr) };
  if (pane.y < -EPS || pane.y + H > g.viewport.height + EPS) {
    throw new StitchError(`the scroller's visible area (y ${pane.y}, height ${H}) is not inside the ${g.viewport.height}px viewport; scroll it into view first`);
  }
  const top = g.stickyTop ?? 0;
  const bottom = g.stickyBottom ?? 0;
  if (H - top - bottom <= 0) throw new StitchError(`sticky header (${top}) and footer (${bottom}) leave nothing of a ${H}px scroller`);
  // Scale from the real image when given: Chrome rounds image sizes, and zoom changes the effective ratio.
  const scaleX = image.width / g.viewport.width;
  const scaleY = image.height / g.viewport.height;
  return { S, H, pane, image, top, bottom, scaleX, scaleY, maxH: Math.max(1, Math.floor(g.maxCanvasHeight ?? 16384)) };
}

/** Scroll positions to request: each next viewport starts where the last one's usable part ended. */
export function plannedPositions(g: StitchGeometry): number[] {
  const { S, H, top, bottom } = normalise(g);
  const positions: number[] = [];
  let p = 0;
  for (;;) {
    positions.push(p);
    if (p + H >= S - EPS) break;
    const usableEnd = p + H - bottom;
    const next = Math.min(usableEnd - top, S - H);
    if (next <= p) throw new StitchError('scroll would not advance');
    p = next;
  }
  return positions;
}

/** Full plan with the planned positions. */
export function planStitch(g: StitchGeometry): StitchPlan {
  return planFromPositions(g, plannedPositions(g));
}

/**
 * Plan for the scroll positions the page actually reached (pages clamp,
 * round, or snap scrollTop). Throws StitchError if consecutive captures leave
 * a strip of the scroller unseen; positions after full coverage are ignored.
 */
export function planFromPositions(g: StitchGeometry, positions: readonly number[]): StitchPlan {
  const stitcher = createStitcher(g);
  const pieces: StitchPiece[] = [];
  for (const p of positions) {
    if (stitcher.done) break;
    pieces.push(...stitcher.add(p));
  }
  stitcher.finish();
  return { positions: [...positions], pieces, outputs: stitcher.outputs, width: stitcher.width, height: stitcher.height, imageSize: stitcher.imageSize };
}

/**
 * The plan built one capture at a time, as the captures come: a capture's
 * pieces depend only on the captures before it (what they covered) and on
 * the scroller's size, known before the first. A long chat's slices can then
 * be drawn as soon as each is decoded and let go, instead of all held to the end.
 */
export interface Stitcher {
  /** Output images, top to bottom (known before any capture). */
  readonly outputs: { width: number; height: number }[];
  readonly width: number;
  readonly height: number;
  readonly imageSize: { width: number; height: number };
  /** The captures so far cover the whole scroller: later ones add nothing. */
  readonly done: boolean;
  /** How many outputs, from the top, are wholly drawn by the pieces given so far. */
  readonly outputsDone: number;
  /** The pieces of the next capture, taken at scrollTop `position` (CSS px); [] when earlier captures cover it. */
  add(position: number): StitchPiece[];
  /** Throws unless the captures so far cover the whole scroller. */
  finish(): void;
}

export function createStitcher(g: StitchGeometry): Stitcher {
  const { S, H, pane, image, top, bottom, scaleX, scaleY, maxH } = normalise(g);
  const row = (y: number) => Math.round(y * scaleY);
  // Horizontal crop: the pane, clamped into the image.
  const sx = Math.max(0, Math.min(image.width - 1, Math.round(pane.x * scaleX)));
  const sw = Math.max(1, Math.min(image.width - sx, Math.round(pane.width * scaleX)));
  const total = row(S);
  const outputs: { width: number; height: number }[] = [];
  for (let y = 0; y < total; y += maxH) outputs.push({ width: sw, height: Math.min(maxH, total - y) });
  // Scroller rows (CSS px) covered so far, from the top; captures given so far; the last one's position.
  let covered = 0;
  let k = 0;
  let previous = 0;
  // Device rows drawn so far, from the top.
  let filled = 0;
  const done = () => covered >= S - EPS;

  return {
    outputs,
    width: sw,
    height: total,
    imageSize: image,
    get done() {
      return done();
    },
    get outputsDone() {
      return filled >= total ? outputs.length : Math.floor(filled / maxH);
    },
    add(p) {
      const slice = k++;
      if (done()) return [];
      if (slice > 0 && p < previous - EPS) throw new StitchError(`scroll positions go backwards at capture ${slice}`);
      previous = p;
      const isLast = p + H >= S - EPS;
      const visibleFrom = p + (slice === 0 ? 0 : top);
      const visibleTo = isLast ? S : p + H - bottom;
      if (visibleFrom > covered + EPS) {
        throw new StitchError(`rows ${Math.round(covered)}–${Math.round(visibleFrom)} were never on screen between capture ${slice - 1} and ${slice}`);
      }
      const end = Math.min(S, visibleTo);
      if (end <= covered + EPS) return []; // fully overlapped by earlier captures
      const start = covered;
      covered = isLast ? S : end;
      const d0 = row(start);
      const d1 = covered >= S ? total : row(covered);
      if (d1 <= d0) return [];
      // Where document y=start appears in the captured image.
      let sy = Math.round((pane.y + start - p) * scaleY);
      const sh = d1 - d0;
      // Rounding can push the last row past the image; shift up by that pixel instead of stretching.
      const excess = sy + sh - image.height;
      if (excess > 1) throw new StitchError(`capture ${slice} ends ${excess}px short of rows ${d0}–${d1}`);
      if (excess > 0) sy -= excess;
      if (sy < 0) throw new StitchError(`capture ${slice} cannot supply rows ${d0}–${d1}`);
      // Split across output images.
      const pieces: StitchPiece[] = [];
      for (let a = d0; a < d1;) {
        const output = Math.floor(a / maxH);
        const b = Math.min(d1, (output + 1) * maxH);
        pieces.push({ slice, sx, sy: sy + (a - d0), sw, sh: b - a, output, dy: a - output * maxH });
        a = b;
      }
      filled = d1;
      return pieces;
    },
    finish() {
      if (k === 0) throw new StitchError('no captures');
      if (!done()) throw new StitchError(`captures end at ${Math.round(covered)} of ${Math.round(S)}px`);
    },
  };
}

/**
 * Lower bound on wall time for N captures under captureVisibleTab's quota
 * (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND = 2). Chrome's quota is a token
 * bucket of `ratePerSecond` calls refilled every second, so the first
 * `ratePerSecond` calls can go at once: N calls need at least
 * (ceil(N / rate) − 1) seconds. Scrolling and repaint come on top.
 */
export function minimumCaptureTime(slices: number | StitchPlan, ratePerSecond = 2): number {
  const n = typeof slices === 'number' ? slices : slices.positions.length;
  if (n <= 0) return 0;
  return (Math.ceil(n / ratePerSecond) - 1) * 1000;
}

/** The slice of the 2D canvas API createComposer uses (OffscreenCanvas and HTMLCanvasElement both fit). */
export interface StitchCanvas<B> {
  getContext(kind: '2d'): { drawImage(image: B, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void } | null;
}

/**
 * Draws each capture as it comes (in capture order, after the stitcher's
 * size is known): draw() copies the capture's pieces 1:1, never scaled, and
 * the bitmap can be closed as soon as it returns. Each output is made when its
 * first piece comes and handed to `onOutput` as soon as it is wholly drawn
 * (nothing draws into it after), so a long chat holds one or two outputs and
 * one decoded capture at a time, not every capture until the end.
 * canvasFactory(width, height) makes an output (in the service worker:
 * `(w, h) => new OffscreenCanvas(w, h)`).
 */
export function createComposer<B extends { width: number; height: number }, C extends StitchCanvas<B>>(
  stitcher: Stitcher,
  canvasFactory: (width: number, height: number) => C,
  onOutput: (index: number, canvas: C) => void,
): { draw(position: number, bitmap: B): void; finish(): void } {
  const open = new Map<number, { canvas: C; ctx: NonNullable<ReturnType<StitchCanvas<B>['getContext']>> }>();
  let handed = 0;
  const outputFor = (index: number) => {
    let o = open.get(index);
    if (!o) {
      const { width, height } = stitcher.outputs[index]!;
      const canvas = canvasFactory(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new StitchError('no 2d context');
      o = { canvas, ctx };
      open.set(index, o);
    }
    return o;
  };
  return {
    draw(position, bmp) {
      const pieces = stitcher.add(position);
      for (const p of pieces) {
        if (p.sx + p.sw > bmp.width || p.sy + p.sh > bmp.height) {
          throw new StitchError(`capture ${p.slice} is ${bmp.width}×${bmp.height}, plan expected ${stitcher.imageSize.width}×${stitcher.imageSize.height}`);
        }
        outputFor(p.output).ctx.drawImage(bmp, p.sx, p.sy, p.sw, p.sh, 0, p.dy, p.sw, p.sh);
      }
      for (; handed < stitcher.outputsDone; handed++) {
        // An output no piece landed in cannot happen (outputs tile the rows), but it still gets its canvas.
        const o = open.get(handed) ?? outputFor(handed);
        open.delete(handed);
        onOutput(handed, o.canvas);
      }
    },
    finish() {
      stitcher.finish();
    },
  };
}

/** One column strip of a page wider than the screen, placed in the full-width image: its x range `sx…sx+sw` goes to `dx`. */
export interface ColumnPiece {
  column: number;
  sx: number;
  sw: number;
  dx: number;
}

/**
 * Left scroll positions for a full page wider than the screen (CSS px): each next column starts
 * where the last one ended, the last one flush with the page's right edge. One column when it fits.
 */
export function plannedColumns(scrollWidth: number, clientWidth: number): number[] {
  if (!(clientWidth > 0)) throw new StitchError('empty viewport');
  const lefts = [0];
  for (let x = 0; x + clientWidth < scrollWidth - EPS;) {
    x = Math.min(x + clientWidth, scrollWidth - clientWidth);
    lefts.push(x);
  }
  return lefts;
}

/**
 * Where each column strip (`stripWidth` device px, the viewport's columns at scroll left `reached[c]`)
 * lands in the full-width image, for the lefts the page actually reached. Boundaries come from
 * rounding document x × scale once, as rows do, so neighbouring strips neither gap nor overlap.
 */
export function planColumns(reached: readonly number[], clientWidth: number, scrollWidth: number, scaleX: number, stripWidth: number): { pieces: ColumnPiece[]; width: number } {
  const W = Math.max(scrollWidth, clientWidth);
  const col = (x: number) => Math.round(x * scaleX);
  const width = col(W);
  const pieces: ColumnPiece[] = [];
  // Device px of the full-width image filled so far.
  let covered = 0;
  for (let c = 0; c < reached.length && covered < width; c++) {
    const left = col(reached[c]!);
    const last = reached[c]! + clientWidth >= W - EPS;
    let sx = covered - left;
    if (sx < -1) throw new StitchError(`columns ${Math.round(covered / scaleX)}–${reached[c]} were never on screen between capture column ${c - 1} and ${c}`);
    sx = Math.max(0, sx);
    let sw = (last ? width : Math.min(width, col(reached[c]! + clientWidth))) - covered;
    if (sw <= 0) continue;
    if (sx + sw > stripWidth) {
      // Rounding: the last strip shifts left by that pixel; an inner one gives it to the next strip.
      if (last) sx = Math.max(0, stripWidth - sw);
      else sw = stripWidth - sx;
      if (sw <= 0 || sx + sw > stripWidth) throw new StitchError(`column ${c} is ${stripWidth}px wide, cannot supply columns ${covered}–${covered + sw}`);
    }
    pieces.push({ column: c, sx, sw, dx: covered });
    covered += sw;
  }
  if (covered < width) throw new StitchError(`captures end at column ${Math.round(covered / scaleX)} of ${Math.round(W)}px`);
  return { pieces, width };
}
