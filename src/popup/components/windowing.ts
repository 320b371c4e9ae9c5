/**
 * Which rows of a long list to render (issue 19): those in the viewport plus an overscan, and the
 * rows that must stay (the roving tab stop, so Tab always reaches the list, and the focused row,
 * so scrolling away never drops the focus). Between rendered runs, a spacer holds the height of
 * the rows left out, so the scroll bar, the page height and every row's position stay as if all
 * were there. Heights not measured yet are estimated from those that were.
 */

/** A run of rendered rows `[from, to)`, preceded by a spacer of `gapBefore` pixels. */
export interface Run {
  from: number;
  to: number;
  gapBefore: number;
}

export interface WindowPlan {
  runs: Run[];
  /** The spacer after the last run. */
  gapAfter: number;
}

/** Offsets of each row's top (and the total height at index `heights.length`). */
export function offsetsOf(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (heights[i] ?? 0);
  return offsets;
}

/** The first index whose row ends below `y` (binary search over ascending offsets). */
export function indexAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((offsets[mid + 1] ?? 0) <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The runs to render for the rows between `top` and `bottom` (list coordinates, overscan
 * included), plus the rows at `keep` (indices; out-of-range ones are ignored).
 */
export function planWindow(
  offsets: readonly number[],
  top: number,
  bottom: number,
  keep: readonly number[],
): WindowPlan {
  const count = offsets.length - 1;
  if (count <= 0) return { runs: [], gapAfter: 0 };
  const from = indexAt(offsets, Math.max(0, top));
  const to = Math.max(from + 1, Math.min(count, indexAt(offsets, bottom) + 1));
  const ranges: [number, number][] = [[from, to]];
  for (const index of keep) if (index >= 0 && index < count) ranges.push([index, index + 1]);
  ranges.sort((a, b) => a[0] - b[0]);
  const runs: Run[] = [];
  let end = 0;
  for (const [start, stop] of ranges) {
    const last = runs.at(-1);
    if (last && start <= last.to) last.to = Math.max(last.to, stop);
    else runs.push({ from: start, to: stop, gapBefore: (offsets[start] ?? 0) - (offsets[end] ?? 0) });
    end = runs.at(-1)?.to ?? end;
  }
  return { runs, gapAfter: (offsets[count] ?? 0) - (offsets[end] ?? 0) };
}

/**
 * Whether what `rendered` put on the page still serves `next` (a plan for the same scroll position
 * with rows measured since): the same runs, each after a spacer of the same height, and no run
 * needing rows beyond those rendered. Only the spacers after the runs' last rows may differ.
 */
export function stillCovers(rendered: WindowPlan, next: WindowPlan): boolean {
  return (
    rendered.runs.length === next.runs.length &&
    next.runs.every((run, i) => {
      const was = rendered.runs[i];
      return was !== undefined && run.from === was.from && run.gapBefore === was.gapBefore && run.to <= was.to;
    })
  );
}
