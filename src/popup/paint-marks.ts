import { useLayoutEffect, useRef } from 'preact/hooks';

// User Timing marks for the benchmark (scripts/bench): it reads them with
// `performance.getEntriesByName` to time "popup opened → list on screen". A mark is one timestamp
// in the page's own timeline, never sent anywhere; each is set once per popup.

export const PAINT_MARKS = {
  /** The first list (or empty state) on screen, usually from the cache. */
  list: 'pim:list-painted',
  /** The first list on screen from data the background wrote after the popup opened. */
  freshList: 'pim:fresh-list-painted',
  /** Set as the popup opens when its first list is the last popup's first screen (list-head.ts). */
  fromHead: 'pim:list-from-head',
} as const;

function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** Once the browser has painted what was rendered so far: the next frame, then the task after it. */
export const afterPaint = (then: () => void) => requestAnimationFrame(() => setTimeout(then));

/**
 * The same moment for a mark: the first task after the frame. Our own work after the paint (the
 * policies' read, Preact's effects, the deferred chunks) is queued at normal priority in that
 * frame's callbacks too, before the mark's; a user-blocking task runs ahead of it, so the mark
 * says when the list was painted, not when that work was done. (A timer where there is no
 * `scheduler`.)
 */
const afterPaintFirst = (then: () => void) =>
  requestAnimationFrame(() =>
    typeof scheduler === 'undefined' ? setTimeout(then) : void scheduler.postTask(then, { priority: 'user-blocking' }),
  );

/**
 * Marks the list's paints. `written` changes with each list the background writes (the list's
 * stamp, compared by identity: each write the popup receives is a new object; the whole list
 * taking over from its first screen, list-head.ts, is not a new one); `painted` says whether the
 * list or its empty state is rendered. The mark waits for the frame after the render (a layout effect runs as the render is
 * committed), not for Preact's effects: those wait for a frame only when none is pending already,
 * and a list rendered while one was ran its effects before the frame that painted it.
 */
export function usePaintMarks(written: unknown, painted: boolean): void {
  const atOpen = useRef(written);
  useLayoutEffect(() => {
    if (!painted) return;
    const fresh = written !== atOpen.current;
    afterPaintFirst(() => {
      markOnce(PAINT_MARKS.list);
      if (fresh) markOnce(PAINT_MARKS.freshList);
    });
  }, [written, painted]);
}
