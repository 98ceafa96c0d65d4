import { describe, expect, it } from 'vitest';
import { coveredPixels, MIN_SIDE, moveBox, resizeBox } from '../../../components/dashboard/redact-box-edit';

const image = { width: 200, height: 100 };

describe('redaction box moves and resizes', () => {
  it('moves by whole image pixels and stops at the picture\'s sides', () => {
    expect(moveBox({ x: 10, y: 10, width: 20, height: 10 }, 5.4, -3.6, image)).toEqual({ x: 15, y: 6, width: 20, height: 10 });
    expect(moveBox({ x: 10, y: 10, width: 20, height: 10 }, 500, 500, image)).toEqual({ x: 180, y: 90, width: 20, height: 10 });
    expect(moveBox({ x: 10, y: 10, width: 20, height: 10 }, -500, -500, image)).toEqual({ x: 0, y: 0, width: 20, height: 10 });
  });
  it('an edge stops at the picture and short of the opposite edge; a corner moves two sides', () => {
    const b = { x: 50, y: 40, width: 30, height: 10 };
    expect(resizeBox(b, 'e', 12, 99, image)).toEqual({ x: 50, y: 40, width: 42, height: 10 });
    expect(resizeBox(b, 'e', 500, 0, image)).toEqual({ x: 50, y: 40, width: 150, height: 10 });
    expect(resizeBox(b, 'w', 100, 0, image)).toEqual({ x: 80 - MIN_SIDE, y: 40, width: MIN_SIDE, height: 10 });
    expect(resizeBox(b, 'nw', -60, -60, image)).toEqual({ x: 0, y: 0, width: 80, height: 50 });
    expect(resizeBox(b, 'se', 5, 70, image)).toEqual({ x: 50, y: 40, width: 35, height: 60 });
  });
  it('the copy covers every pixel a fractional box touches', () => {
    expect(coveredPixels({ x: 10.4, y: 5.6, width: 20.2, height: 3.1 })).toEqual({ x: 10, y: 5, width: 21, height: 4 });
  });
});
