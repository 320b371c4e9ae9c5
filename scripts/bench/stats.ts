// Small statistics for benchmark samples: the median says what is typical, the spread (min–max)
// how much one run can differ, and p95 how bad the slow tail is.

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The value below which `p` percent of the samples lie (linear interpolation between ranks). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export function summarise(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: samples.length ? Math.min(...samples) : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}
