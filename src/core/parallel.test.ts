import { describe, expect, it, vi } from 'vitest';
import { inParallel } from './parallel.ts';

describe('inParallel', () => {
  it('starts items in order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await inParallel([...Array(10).keys()], 4, async (n) => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n % 3));
      running--;
    });
    expect(started).toEqual([...Array(10).keys()]);
    expect(most).toBe(4);
  });

  it('does nothing for no items', async () => {
    const work = vi.fn(async () => {});
    await inParallel([], 4, work);
    expect(work).not.toHaveBeenCalled();
  });
});
