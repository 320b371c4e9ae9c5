// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAINT_MARKS, usePaintMarks } from './paint-marks.ts';

function Probe(props: { snapshot: unknown; painted: boolean }) {
  usePaintMarks(props.snapshot, props.painted);
  return null;
}

const marks = (name: string) => performance.getEntriesByName(name, 'mark').length;
let root: HTMLElement;
beforeEach(() => {
  performance.clearMarks();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => render(null, root));

describe('usePaintMarks', () => {
  it('marks nothing until the list is rendered', async () => {
    render(<Probe snapshot={null} painted={false} />, root);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks(PAINT_MARKS.list)).toBe(0);
  });

  it('marks the cached list once, and the fresh list when newer data arrives', async () => {
    const cached = { items: [] };
    render(<Probe snapshot={cached} painted />, root);
    await vi.waitFor(() => expect(marks(PAINT_MARKS.list)).toBe(1));
    expect(marks(PAINT_MARKS.freshList)).toBe(0);

    render(<Probe snapshot={{ items: [1] }} painted />, root);
    await vi.waitFor(() => expect(marks(PAINT_MARKS.freshList)).toBe(1));
    render(<Probe snapshot={{ items: [2] }} painted />, root);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([marks(PAINT_MARKS.list), marks(PAINT_MARKS.freshList)]).toEqual([1, 1]);
  });

  it('marks after the frame that paints the render, even when Preact runs its effects before it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((run) => frames.push(run));
    try {
      render(<Probe snapshot={{ items: [] }} painted />, root);
      // No frame yet: Preact runs its effects after 100 ms without one. The list is not on screen.
      await vi.advanceTimersByTimeAsync(200);
      expect(marks(PAINT_MARKS.list)).toBe(0);
      for (const run of frames.splice(0)) run(performance.now());
      await vi.advanceTimersByTimeAsync(0);
      expect(marks(PAINT_MARKS.list)).toBe(1);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });

  it("marks in a user-blocking task where the browser has one: ahead of the popup's own work after the paint", async () => {
    const tasks: Array<{ run: () => void; priority?: string }> = [];
    vi.stubGlobal('scheduler', {
      postTask: (run: () => void, options?: SchedulerPostTaskOptions) => {
        tasks.push({ run, priority: options?.priority });
        return Promise.resolve();
      },
    });
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((run) => frames.push(run));
    try {
      render(<Probe snapshot={{ items: [] }} painted />, root);
      for (const run of frames.splice(0)) run(performance.now());
      expect(tasks.map((task) => task.priority)).toEqual(['user-blocking']);
      expect(marks(PAINT_MARKS.list)).toBe(0);
      tasks[0]?.run();
      expect(marks(PAINT_MARKS.list)).toBe(1);
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
  });

  it('with an empty cache, the first list painted is also the fresh one', async () => {
    render(<Probe snapshot={null} painted={false} />, root);
    render(<Probe snapshot={{ items: [] }} painted />, root);
    await vi.waitFor(() => expect(marks(PAINT_MARKS.freshList)).toBe(1));
    expect(marks(PAINT_MARKS.list)).toBe(1);
  });
});
