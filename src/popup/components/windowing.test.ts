import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexAt, offsetsOf, planWindow, stillCovers } from './windowing.ts';

describe('windowing', () => {
  it('renders the rows between top and bottom, with spacers of the rest', () => {
    const offsets = offsetsOf([10, 20, 30, 40, 50]); // tops 0 10 30 60 100, total 150
    expect(offsets).toEqual([0, 10, 30, 60, 100, 150]);
    expect(planWindow(offsets, 15, 65, [])).toEqual({ runs: [{ from: 1, to: 4, gapBefore: 10 }], gapAfter: 50 });
    expect(planWindow(offsets, -100, 1000, [])).toEqual({ runs: [{ from: 0, to: 5, gapBefore: 0 }], gapAfter: 0 });
    expect(planWindow(offsetsOf([]), 0, 100, [0])).toEqual({ runs: [], gapAfter: 0 });
  });

  it('keeps a row far from the window rendered on its own, between spacers', () => {
    const offsets = offsetsOf(Array.from({ length: 100 }, () => 10));
    expect(planWindow(offsets, 0, 25, [90, -1, 100])).toEqual({
      runs: [
        { from: 0, to: 3, gapBefore: 0 },
        { from: 90, to: 91, gapBefore: 870 },
      ],
      gapAfter: 90,
    });
    // A kept row next to the window joins it.
    expect(planWindow(offsets, 0, 25, [3]).runs).toEqual([{ from: 0, to: 4, gapBefore: 0 }]);
  });

  it('says when the rows rendered still serve a plan made with heights measured since', () => {
    const rendered = planWindow(offsetsOf(Array.from({ length: 100 }, () => 50)), 0, 600, [90]);
    const measured = (first: number) =>
      planWindow(offsetsOf([first, ...Array.from({ length: 99 }, () => 50)]), 0, 600, [90]);
    expect(stillCovers(rendered, measured(50))).toBe(true);
    // The first row taller: the kept row far below now sits after a taller spacer.
    expect(stillCovers(rendered, measured(80))).toBe(false);
    // Taller rows: fewer are needed, and only the spacer after the rendered rows changes.
    const alone = planWindow(offsetsOf(Array.from({ length: 100 }, () => 50)), 0, 600, []);
    expect(stillCovers(alone, planWindow(offsetsOf(Array.from({ length: 100 }, () => 60)), 0, 600, []))).toBe(true);
    // Shorter rows: more are needed than were rendered.
    expect(stillCovers(alone, planWindow(offsetsOf(Array.from({ length: 100 }, () => 40)), 0, 600, []))).toBe(false);
    // Scrolled down: the rows above, not measured, are estimated anew, and the window's spacer moves.
    const below = planWindow(offsetsOf(Array.from({ length: 100 }, () => 50)), 1000, 1600, []);
    expect(stillCovers(below, planWindow(offsetsOf(Array.from({ length: 100 }, () => 51)), 1000, 1600, []))).toBe(
      false,
    );
  });

  it('finds the row at a height', () => {
    const offsets = offsetsOf([10, 10, 10]);
    expect([-5, 0, 9.9, 10, 29, 30, 99].map((y) => indexAt(offsets, y))).toEqual([0, 0, 0, 1, 2, 2, 2]);
  });

  it('always adds up to the whole list: spacers and rendered rows, in order, each row at most once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 200 }),
        fc.integer({ min: -500, max: 20_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.array(fc.integer({ min: -5, max: 205 }), { maxLength: 3 }),
        (heights, top, span, keep) => {
          const offsets = offsetsOf(heights);
          const plan = planWindow(offsets, top, top + span, keep);
          let y = 0;
          let next = 0;
          for (const run of plan.runs) {
            expect(run.from).toBeGreaterThanOrEqual(next);
            expect(run.to).toBeGreaterThan(run.from);
            y += run.gapBefore;
            expect(y).toBe(offsets[run.from]);
            y += (offsets[run.to] ?? 0) - (offsets[run.from] ?? 0);
            next = run.to;
          }
          expect(y + plan.gapAfter).toBe(offsets[heights.length]);
          const rendered = new Set(
            plan.runs.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i)),
          );
          for (const index of keep) if (index >= 0 && index < heights.length) expect(rendered.has(index)).toBe(true);
          // Every row that overlaps the window is rendered.
          heights.forEach((_, i) => {
            if ((offsets[i + 1] ?? 0) > top && (offsets[i] ?? 0) < top + span) expect(rendered.has(i)).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
