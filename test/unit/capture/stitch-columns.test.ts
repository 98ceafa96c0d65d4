import { describe, expect, it } from 'vitest';
import { StitchError, planColumns, plannedColumns } from '../../../lib/capture/stitch';

/**
 * Every device-px column of the full-width image must come from a strip that showed that document
 * column: strip column i of the capture at scroll left L shows document x = L + i / scale.
 */
function checkColumns(reached: number[], clientWidth: number, scrollWidth: number, scale: number) {
  const strip = Math.round(clientWidth * scale);
  const { pieces, width } = planColumns(reached, clientWidth, scrollWidth, scale, strip);
  expect(width).toBe(Math.round(scrollWidth * scale));
  let x = 0;
  for (const p of pieces) {
    expect(p.dx).toBe(x); // tiled: no gap, no overlap
    expect(p.sx).toBeGreaterThanOrEqual(0);
    expect(p.sx + p.sw).toBeLessThanOrEqual(strip);
    for (const i of [0, p.sw - 1]) {
      const docX = reached[p.column]! + (p.sx + i) / scale;
      expect(Math.abs(docX - (p.dx + i) / scale)).toBeLessThanOrEqual(1 / scale + 1e-9);
    }
    x += p.sw;
  }
  expect(x).toBe(width);
}

describe('full page wider than the screen: columns', () => {
  it('fits: one column', () => {
    expect(plannedColumns(1280, 1280)).toEqual([0]);
    expect(plannedColumns(1000, 1280)).toEqual([0]);
  });

  it('a 2616 px page on a 1280 px screen: three columns, the last flush with the right edge', () => {
    expect(plannedColumns(2616, 1280)).toEqual([0, 1280, 1336]);
  });

  for (const scale of [1, 1.25, 1.5, 2, 3]) {
    it(`every document column once at scale ${scale}`, () => {
      checkColumns(plannedColumns(2616, 1280), 1280, 2616, scale);
      checkColumns(plannedColumns(3001.5, 1265), 1265, 3001.5, scale);
      checkColumns([0], 1280, 1280, scale);
    });
  }

  it('the lefts the page reached (a page clamping its scroll) are used, and a gap is refused', () => {
    checkColumns([0, 1000, 1336], 1280, 2616, 2);
    expect(() => planColumns([0, 1400], 1280, 2616, 1, 1280)).toThrow(StitchError);
    expect(() => planColumns([0, 1280], 1280, 2616, 1, 1280)).toThrow(/captures end/);
  });
});
