/**
 * A redacted copy of a screenshot: the image with every box filled black. One drawing for the editor's Copy and
 * Download (dashboard) and for "Save as evidence" (the background seals the copy as a record of its own), so what the
 * seller copied and what the chain holds cover the same pixels. Runs wherever createImageBitmap and OffscreenCanvas
 * do: an extension page and the service worker.
 */

/** A box in image pixels (a 2× screenshot has about two per CSS pixel). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The whole pixels a box covers in the copy: every pixel it touches, so a digit's anti-aliased edge
 * half under the box's border is covered too (rounding each side separately could leave a column showing).
 */
export function coveredPixels(box: Box): Box {
  const x = Math.floor(box.x), y = Math.floor(box.y);
  return { x, y, width: Math.ceil(box.x + box.width) - x, height: Math.ceil(box.y + box.height) - y };
}

/** The redacted copy as a PNG. */
export async function renderRedacted(image: Blob, boxes: readonly Box[]): Promise<Blob> {
  const bmp = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  bmp.close();
  ctx.fillStyle = '#000';
  for (const b of boxes) {
    const c = coveredPixels(b);
    ctx.fillRect(c.x, c.y, c.width, c.height);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}
