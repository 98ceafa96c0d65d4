/**
 * Moving and resizing a redaction box in image pixels (the redaction editor shows the image scaled,
 * so a 2× screenshot has about two image pixels per CSS pixel; the editor converts before calling).
 * A box always stays inside the image — a box dragged half off the picture would cover less than it
 * shows — and never shrinks below MIN_SIDE, where it could no longer be grabbed.
 */

import type { Box } from '../../lib/capture/redact-render';

export type { Box };
export { coveredPixels } from '../../lib/capture/redact-render';

export interface ImageSize {
  width: number;
  height: number;
}

/** Which sides a handle drags: 'e' the right edge, 'nw' the top-left corner, … */
export type Edges = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const EDGES: readonly Edges[] = ['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw'];

/** Smallest side a moved edge leaves, in image pixels (a drawn box needs more than 3 to count). */
export const MIN_SIDE = 4;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** The box shifted by (dx, dy) whole image pixels, stopped at the image's sides. */
export function moveBox(box: Box, dx: number, dy: number, image: ImageSize): Box {
  return {
    x: clamp(box.x + Math.round(dx), 0, image.width - box.width),
    y: clamp(box.y + Math.round(dy), 0, image.height - box.height),
    width: box.width,
    height: box.height,
  };
}

/** The box with the given edges dragged by (dx, dy); an edge stops at the image's side and MIN_SIDE before the opposite edge. */
export function resizeBox(box: Box, edges: Edges, dx: number, dy: number, image: ImageSize): Box {
  let left = box.x, top = box.y, right = box.x + box.width, bottom = box.y + box.height;
  if (edges.includes('w')) left = clamp(left + Math.round(dx), 0, right - MIN_SIDE);
  if (edges.includes('e')) right = clamp(right + Math.round(dx), left + MIN_SIDE, image.width);
  if (edges.includes('n')) top = clamp(top + Math.round(dy), 0, bottom - MIN_SIDE);
  if (edges.includes('s')) bottom = clamp(bottom + Math.round(dy), top + MIN_SIDE, image.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A point clamped into the image (a box drawn past the picture's edge ends at the edge). */
export function inImage(p: { x: number; y: number }, image: ImageSize): { x: number; y: number } {
  return { x: clamp(p.x, 0, image.width), y: clamp(p.y, 0, image.height) };
}

