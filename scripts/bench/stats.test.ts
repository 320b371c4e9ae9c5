import { describe, expect, it } from 'vitest';
import { percentile, summarise } from './stats.ts';

describe('percentile', () => {
  it('interpolates between ranks, whatever the input order', () => {
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarise', () => {
  it('gives the median, p95 and the spread', () => {
    const samples = Array.from({ length: 21 }, (_, i) => i * 10); // 0 … 200
    expect(summarise(samples)).toEqual({ n: 21, median: 100, p95: 190, min: 0, max: 200 });
  });
});
