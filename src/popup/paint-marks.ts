import { useEffect, useRef } from 'preact/hooks';

// User Timing marks for the benchmark (scripts/bench): it reads them with
// `performance.getEntriesByName` to time "popup opened → list on screen". A mark is one timestamp
// in the page's own timeline, never sent anywhere; each is set once per popup.

export const PAINT_MARKS = {
  /** The first list (or empty state) on screen, usually from the cache. */
  list: 'pim:list-painted',
  /** The first list on screen from data the background wrote after the popup opened. */
  freshList: 'pim:fresh-list-painted',
} as const;

function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/**
 * Marks the list's paints. `snapshot` is the list's data as stored (compared by identity: each
 * write the popup receives is a new object); `painted` says whether the list or its empty state is
 * rendered. Effects run after the browser has painted the render that scheduled them.
 */
export function usePaintMarks(snapshot: unknown, painted: boolean): void {
  const atOpen = useRef(snapshot);
  useEffect(() => {
    if (!painted) return;
    markOnce(PAINT_MARKS.list);
    if (snapshot !== atOpen.current) markOnce(PAINT_MARKS.freshList);
  }, [snapshot, painted]);
}
