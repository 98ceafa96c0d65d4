import { describe, expect, it } from 'vitest';
import {
  StitchError, createComposer, createStitcher, minimumCaptureTime, planFromPositions, planStitch, plannedPositions, type StitchGeometry, type StitchPlan,
} from '../../../lib/capture/stitch';

/**
 * Check a plan against a model of the page: image row i of the capture taken
 * at scrollTop p shows scroller row y = p + i/scale − pane.y (CSS px). Every
 * destination row must show the document row it stands for (±1 device px of
 * rounding), outputs must be tiled exactly, and sticky bars must never be used
 * outside the first/last slice.
 */
function checkPlan(g: StitchGeometry, plan: StitchPlan) {
  // Plain checks collected into one assertion: thousands of expect() calls per plan are slow.
  const problems: string[] = [];
  const check = (ok: boolean, msg: string) => { if (!ok && problems.length < 5) problems.push(msg); };
  const scale = plan.imageSize.height / g.viewport.height;
  const pane = g.pane ?? { x: 0, y: 0, width: g.viewport.width, height: g.viewport.height };
  const H = g.clientHeight;
  const S = Math.max(g.scrollHeight, H);
  const maxH = g.maxCanvasHeight ?? 16384;
  check(plan.height === Math.round(S * scale), `height ${plan.height} != ${Math.round(S * scale)}`);
  check(plan.outputs.reduce((a, o) => a + o.height, 0) === plan.height, 'outputs do not add up');
  for (const o of plan.outputs) check(o.height <= maxH, `output taller than ${maxH}`);
  const lastSlice = plan.positions.length - 1;
  plan.outputs.forEach((out, oi) => {
    const pieces = plan.pieces.filter((p) => p.output === oi).sort((a, b) => a.dy - b.dy);
    let y = 0;
    for (const p of pieces) {
      check(p.dy === y, `output ${oi}: gap/overlap at ${y} (piece at ${p.dy})`);
      check(p.sh > 0 && p.sw === out.width, 'bad piece size');
      y += p.sh;
    }
    check(y === out.height, `output ${oi} covered to ${y} of ${out.height}`);
  });
  for (const p of plan.pieces) {
    check(p.sx >= 0 && p.sy >= 0 && p.sx + p.sw <= plan.imageSize.width && p.sy + p.sh <= plan.imageSize.height, `piece outside image: ${JSON.stringify(p)}`);
    const pos = plan.positions[p.slice]!;
    for (const j of [0, Math.floor(p.sh / 2), p.sh - 1]) {
      const destRow = p.output * maxH + p.dy + j;
      const viewportY = (p.sy + j + 0.5) / scale;
      const docY = pos + viewportY - pane.y;
      check(Math.abs(docY * scale - (destRow + 0.5)) <= 1.01, `dest row ${destRow} shows doc row ${(docY * scale).toFixed(2)} (slice ${p.slice})`);
      check(viewportY >= pane.y - 1 / scale && viewportY <= pane.y + H + 1 / scale, `row outside the pane (slice ${p.slice})`);
      if (p.slice > 0 && g.stickyTop) check(viewportY - pane.y >= g.stickyTop - 1 / scale, `sticky header reused (slice ${p.slice})`);
      if (p.slice < lastSlice && g.stickyBottom) check(viewportY - pane.y <= H - g.stickyBottom + 1 / scale, `sticky footer reused (slice ${p.slice})`);
    }
  }
  if (problems.length) throw new Error(`${problems.join('; ')} — geometry ${JSON.stringify(g)}`);
}

describe('planStitch', () => {
  it('plans a simple page at dpr 1: whole viewports, last slice cropped to the new rows', () => {
    const g: StitchGeometry = { scrollHeight: 2500, clientHeight: 1000, devicePixelRatio: 1, viewport: { width: 1280, height: 1000 } };
    const plan = planStitch(g);
    expect(plan.positions).toEqual([0, 1000, 1500]);
    expect(plan.pieces).toEqual([
      { slice: 0, sx: 0, sy: 0, sw: 1280, sh: 1000, output: 0, dy: 0 },
      { slice: 1, sx: 0, sy: 0, sw: 1280, sh: 1000, output: 0, dy: 1000 },
      // Scrolled to 1500 (clamped): rows 2000–2500 are image rows 500–1000.
      { slice: 2, sx: 0, sy: 500, sw: 1280, sh: 500, output: 0, dy: 2000 },
    ]);
    expect(plan.outputs).toEqual([{ width: 1280, height: 2500 }]);
    checkPlan(g, plan);
  });

  it('the coverage checker itself catches a one-row overlap and a one-row source shift', () => {
    const g: StitchGeometry = { scrollHeight: 2500, clientHeight: 1000, devicePixelRatio: 1, viewport: { width: 1280, height: 1000 } };
    const overlap = planStitch(g);
    overlap.pieces[1] = { ...overlap.pieces[1]!, dy: 999 };
    expect(() => checkPlan(g, overlap)).toThrow(/gap\/overlap/);
    const shifted = planStitch(g);
    shifted.pieces[2] = { ...shifted.pieces[2]!, sy: 498 };
    expect(() => checkPlan(g, shifted)).toThrow(/shows doc row/);
  });

  it('needs one capture when the content fits', () => {
    const g: StitchGeometry = { scrollHeight: 700, clientHeight: 800, devicePixelRatio: 2, viewport: { width: 1000, height: 800 } };
    const plan = planStitch(g);
    expect(plan.positions).toEqual([0]);
    expect(plan.pieces).toEqual([{ slice: 0, sx: 0, sy: 0, sw: 2000, sh: 1600, output: 0, dy: 0 }]);
  });

  it('doubles every device rectangle at dpr 2', () => {
    const g: StitchGeometry = { scrollHeight: 1800, clientHeight: 800, devicePixelRatio: 2, viewport: { width: 1000, height: 800 } };
    const plan = planStitch(g);
    expect(plan.positions).toEqual([0, 800, 1000]);
    expect(plan.pieces.map((p) => [p.sy, p.sh, p.dy])).toEqual([[0, 1600, 0], [0, 1600, 1600], [1200, 400, 3200]]);
    checkPlan(g, plan);
  });

  it('crops the chat pane only, and skips its sticky header after the first slice', () => {
    const g: StitchGeometry = {
      scrollHeight: 5000, clientHeight: 600, devicePixelRatio: 1.5, viewport: { width: 1440, height: 900 },
      pane: { x: 320, y: 120, width: 700, height: 600 }, stickyTop: 40,
    };
    const plan = planStitch(g);
    expect(plan.width).toBe(1050);
    for (const p of plan.pieces) expect(p.sx).toBe(480);
    // Each step advances by the pane height less the sticky header, so the header
    // of the next capture covers rows already taken.
    expect(plan.positions[1]).toBe(560);
    expect(plan.positions[2]).toBe(1120);
    checkPlan(g, plan);
  });

  it('covers every row exactly across many geometries, fractional dpr and sticky bars included', () => {
    const dprs = [1, 1.1, 1.25, 1.5, 1.75, 2, 2.625, 3];
    let plans = 0;
    for (const dpr of dprs) {
      for (const S of [1, 599, 600, 601, 1234.5, 4096, 20_000.4]) {
        for (const H of [300, 599.5, 600]) {
          for (const sticky of [0, 48.5]) {
            for (const pane of [undefined, { x: 10.3, y: 33.7, width: 500.2, height: H }]) {
              const g: StitchGeometry = {
                scrollHeight: S, clientHeight: H, devicePixelRatio: dpr, viewport: { width: 1024, height: 700 },
                pane: pane ?? { x: 0, y: 0, width: 1024, height: H }, stickyTop: sticky, stickyBottom: sticky ? 20 : 0, maxCanvasHeight: 8000,
              };
              checkPlan(g, planStitch(g));
              plans++;
            }
          }
        }
      }
    }
    expect(plans).toBe(dprs.length * 7 * 3 * 2 * 2);
  });

  it('splits very tall captures over several output images, a slice straddling the boundary split in two', () => {
    const g: StitchGeometry = { scrollHeight: 30_000, clientHeight: 900, devicePixelRatio: 2, viewport: { width: 800, height: 900 }, maxCanvasHeight: 16384 };
    const plan = planStitch(g);
    expect(plan.outputs.map((o) => o.height)).toEqual([16384, 16384, 16384, 10848]);
    const straddling = plan.pieces.filter((p) => p.slice === 9);
    expect(straddling.map((p) => [p.output, p.dy, p.sh])).toEqual([[0, 16200, 184], [1, 0, 1616]]);
    expect(straddling[1]!.sy).toBe(straddling[0]!.sy + 184);
    checkPlan(g, plan);
  });
});

describe('planFromPositions', () => {
  it('uses the positions the page really reached (rounded, snapped)', () => {
    const g: StitchGeometry = { scrollHeight: 3000, clientHeight: 1000, devicePixelRatio: 1.25, viewport: { width: 1000, height: 1000 } };
    const plan = planFromPositions(g, [0, 999.2, 1998.4, 2000]);
    checkPlan(g, plan);
  });

  it('ignores captures already covered and refuses gaps, reversals and short runs', () => {
    const g: StitchGeometry = { scrollHeight: 3000, clientHeight: 1000, devicePixelRatio: 1, viewport: { width: 1000, height: 1000 } };
    const plan = planFromPositions(g, [0, 500, 1000, 2000, 2000]);
    expect(plan.pieces.map((p) => [p.slice, p.sy, p.sh])).toEqual([[0, 0, 1000], [1, 500, 500], [2, 500, 500], [3, 0, 1000]]);
    checkPlan(g, plan);
    expect(planFromPositions(g, [0, 1000, 1000, 2000]).pieces.map((p) => p.slice)).toEqual([0, 1, 3]);
    checkPlan(g, plan);
    expect(() => planFromPositions(g, [0, 1200, 2000])).toThrow(StitchError);
    expect(() => planFromPositions(g, [0, 1000, 500, 2000])).toThrow(/backwards/);
    expect(() => planFromPositions(g, [0, 1000])).toThrow(/end at 2000 of 3000/);
    expect(() => planFromPositions(g, [])).toThrow(/no captures/);
    expect(() => planFromPositions(g, [100, 1000, 2000])).toThrow(/never on screen/);
    // A sticky header hides the top of a capture that advanced a full viewport.
    expect(() => planFromPositions({ ...g, stickyTop: 50 }, [0, 1000, 2000])).toThrow(/never on screen/);
  });

  it('refuses impossible geometry', () => {
    const base: StitchGeometry = { scrollHeight: 3000, clientHeight: 600, devicePixelRatio: 1, viewport: { width: 1000, height: 800 } };
    expect(() => planStitch({ ...base, devicePixelRatio: 0 })).toThrow(StitchError);
    expect(() => planStitch({ ...base, stickyTop: 400, stickyBottom: 200 })).toThrow(/leave nothing/);
    expect(() => planStitch({ ...base, pane: { x: 0, y: 300, width: 500, height: 600 } })).toThrow(/not inside/);
  });
});

describe('minimumCaptureTime', () => {
  it('is the captureVisibleTab quota lower bound', () => {
    expect(minimumCaptureTime(0)).toBe(0);
    expect(minimumCaptureTime(1)).toBe(0);
    expect(minimumCaptureTime(2)).toBe(0);
    expect(minimumCaptureTime(3)).toBe(1000);
    expect(minimumCaptureTime(10)).toBe(4000);
    expect(minimumCaptureTime(10, 1)).toBe(9000);
    const plan = planStitch({ scrollHeight: 5000, clientHeight: 1000, devicePixelRatio: 1, viewport: { width: 800, height: 1000 } });
    expect(minimumCaptureTime(plan)).toBe(2000);
  });
});

describe('createComposer', () => {
  class FakeCanvas {
    calls: unknown[][] = [];
    handed = false;
    constructor(readonly width: number, readonly height: number) {}
    getContext(_kind: '2d') {
      return {
        drawImage: (...args: unknown[]) => {
          if (this.handed) throw new Error('drawn into after it was handed over');
          this.calls.push(args);
        },
      };
    }
  }
  const bitmap = (name: string, width: number, height: number) => ({ name, width, height });

  it('draws each piece 1:1 from its capture into its output, as the plan does', () => {
    const g: StitchGeometry = { scrollHeight: 30_000, clientHeight: 900, devicePixelRatio: 2, viewport: { width: 800, height: 900 } };
    const plan = planStitch(g);
    const bitmaps = plan.positions.map((_, i) => bitmap(`cap${i}`, 1600, 1800));
    const outputs: FakeCanvas[] = [];
    const composer = createComposer(createStitcher(g), (w, h) => new FakeCanvas(w, h), (i, c) => { outputs[i] = c; c.handed = true; });
    plan.positions.forEach((p, i) => composer.draw(p, bitmaps[i]!));
    composer.finish();
    expect(outputs.map((c) => [c.width, c.height])).toEqual(plan.outputs.map((o) => [o.width, o.height]));
    const calls = outputs.flatMap((c, output) => c.calls.map((args) => ({ output, args })));
    expect(calls).toHaveLength(plan.pieces.length);
    plan.pieces.forEach((p, i) => {
      expect(calls[i]).toEqual({ output: p.output, args: [bitmaps[p.slice], p.sx, p.sy, p.sw, p.sh, 0, p.dy, p.sw, p.sh] });
    });
  });

  it('hands each output over as soon as it is drawn: a long chat holds at most two outputs at once', () => {
    // 150 slices of a chat pane, outputs of 4,000 rows: 17 outputs.
    const g: StitchGeometry = { scrollHeight: 120_000, clientHeight: 800, devicePixelRatio: 1, viewport: { width: 1366, height: 900 }, pane: { x: 400, y: 60, width: 700, height: 800 }, maxCanvasHeight: 4000 };
    const positions = plannedPositions(g);
    expect(positions.length).toBe(150);
    let made = 0;
    let handed = 0;
    let mostOpen = 0;
    const handedAt: number[] = [];
    let slice = 0;
    const composer = createComposer(createStitcher(g), (w, h) => { made++; return new FakeCanvas(w, h); }, (i, c) => {
      expect(i).toBe(handed);
      c.handed = true;
      handed++;
      handedAt.push(slice);
    });
    for (const p of positions) {
      composer.draw(p, bitmap(`cap${slice}`, 1366, 900));
      mostOpen = Math.max(mostOpen, made - handed);
      slice++;
    }
    composer.finish();
    expect(handed).toBe(30);
    expect(mostOpen).toBeLessThanOrEqual(2);
    // The first output (rows 0–3999) is complete after the 5th slice (800 rows each), not at the end.
    expect(handedAt[0]).toBe(4);
  });

  it('refuses captures of the wrong size and a run that stops short', () => {
    const g: StitchGeometry = { scrollHeight: 2000, clientHeight: 1000, devicePixelRatio: 1, viewport: { width: 800, height: 1000 } };
    const short = createComposer(createStitcher(g), (w, h) => new FakeCanvas(w, h), () => {});
    short.draw(0, bitmap('a', 800, 1000));
    expect(() => short.finish()).toThrow(/end at 1000 of 2000/);
    const wrong = createComposer(createStitcher(g), (w, h) => new FakeCanvas(w, h), () => {});
    wrong.draw(0, bitmap('a', 800, 1000));
    expect(() => wrong.draw(1000, bitmap('b', 800, 500))).toThrow(/expected 800×1000/);
  });
});
