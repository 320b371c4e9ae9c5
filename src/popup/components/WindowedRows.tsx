import type { RefObject, VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GroupItem } from '../../core/pim-state.ts';
import { popupScrollItem } from '../../platform/popup-items.ts';
import { afterPaint } from '../paint-marks.ts';
import { rowId } from './GroupRow.tsx';
import { offsetsOf, planWindow, stillCovers, type WindowPlan } from './windowing.ts';

/** A row's height before any row was measured: one line of name, one of state. */
const ESTIMATED_ROW_PX = 52;
/**
 * A reopened popup goes back to where its list was scrolled only this soon after: a user back
 * from a coffee finds the list from the top, with what is happening now.
 */
const SCROLL_MEMORY_MS = 10 * 60_000;
const SAVE_AFTER_MS = 150;
/** The overscan waits for an idle moment at most this long: typing fast, it waits for a pause. */
const WIDEN_WITHIN_MS = 200;
/**
 * Lists up to this long are rendered whole (once the page is idle, see `wide`): it costs little,
 * and the browser's own find-in-page keeps working. Longer ones are windowed.
 */
export const RENDER_ALL_UP_TO = 60;

export interface WindowedRowsProps {
  items: readonly GroupItem[];
  renderRow(item: GroupItem, index: number): VNode;
  /** Keys whose rows stay rendered wherever the list is scrolled (the tab stop, the open form). */
  keep: readonly (string | undefined)[];
  list: RefObject<HTMLUListElement | null>;
  /** Remember the scroll position for the next opening, and go back to the last one (the unfiltered list). */
  remember: boolean;
}

/** Each row's offset: its measured height, or the average of those measured for rows not measured yet. */
function offsetsFor(items: readonly GroupItem[], heights: ReadonlyMap<string, number>): number[] {
  const known = [...heights.values()];
  const estimate = known.length ? known.reduce((a, b) => a + b, 0) / known.length : ESTIMATED_ROW_PX;
  return offsetsOf(items.map((item) => heights.get(item.key) ?? estimate));
}

/** The viewport's top in list coordinates (how far the list is scrolled past it). */
const viewTopOf = (list: HTMLElement | null) => (list ? -list.getBoundingClientRect().top : 0);

/** The row at the top of the viewport, and how far below the viewport's top its own top is. */
function topRow(list: HTMLElement | null): { key: string; offset: number } | undefined {
  for (const row of list?.querySelectorAll<HTMLElement>('li[data-key]') ?? []) {
    const box = row.getBoundingClientRect();
    if (box.bottom > 0 && row.dataset.key) return { key: row.dataset.key, offset: box.top };
  }
  return undefined;
}

/** What the user sees: the top row of a list, where it is, and the scroll position then. */
interface Shown {
  items: readonly GroupItem[];
  /** The user's whole list, not a search's results: a newer read of it is the same list. */
  unfiltered: boolean;
  top: { key: string; offset: number } | undefined;
  scrollY: number;
}

/**
 * The row the user saw at the top of this list, if it is still what they see: the same list (or a
 * newer read of the whole list: a group added above it must not move it), not scrolled since (by
 * the user; the rows opt out of the browser's scroll anchoring, popup.css). A search's results are
 * another list: they start at their own top.
 */
const stillShown = (shown: Shown | undefined, items: readonly GroupItem[], unfiltered: boolean) =>
  shown && (shown.items === items || (shown.unfiltered && unfiltered)) && shown.scrollY === scrollY
    ? shown.top
    : undefined;

/**
 * The rows of the list that are on screen or near it (issue 19), with spacers for the rest: a
 * thousand groups cost what twenty do, on opening and on every keystroke. Rows are measured as
 * they render; heights not measured yet are the average of those that were.
 */
export function WindowedRows(props: WindowedRowsProps) {
  const { items, renderRow, keep, list, remember } = props;
  const heights = useRef(new Map<string, number>());
  const [viewTop, setViewTop] = useState(() => viewTopOf(list.current));
  // A list of another length (a search typed, a refresh that brought other groups) first renders
  // the rows on screen; the overscan (a viewport each way, for smooth scrolling), or the rest of a
  // short list, follows when the browser is idle. A keystroke's frame pays for the rows it shows.
  const [wideAt, setWideAt] = useState(-1);
  const wide = wideAt === items.length;
  const [measured, setMeasured] = useState(0);
  const [anchor, setAnchor] = useState<{ key: string; offset: number }>();
  const windowed = useRef(false);
  // Read by the listeners at the time they run: a save that was pending when the user started a
  // search must not keep a row of the filtered list.
  const remembering = useRef(remember);
  remembering.current = remember;
  // Rows measured for the first time change the height estimated for every row not measured yet,
  // and with it the spacer above the rows on screen: thousands of pixels deep in a long list. The
  // browser's scroll anchoring did not make up for it (a reopened popup went back 5 to 56 rows away
  // from where the list was), so the list keeps its top row where the user saw it, itself.
  const shown = useRef<Shown | undefined>(undefined);
  const current = useRef(items);
  current.current = items;
  const see = () => {
    shown.current = { items: current.current, unfiltered: remembering.current, top: topRow(list.current), scrollY };
  };

  useEffect(() => {
    let frame = 0;
    let saving: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(saving);
      saving = undefined;
      if (!remembering.current) return;
      const top = scrollY > 0 ? topRow(list.current) : undefined;
      // At the top, nothing to go back to: a reopened popup starts with "Now".
      if (top) void popupScrollItem.set({ ...top, atMs: Date.now() });
      else void popupScrollItem.remove();
    };
    const onScroll = () => {
      // The user's scroll (or ours) is what the user sees now, not a shift to undo.
      see();
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setViewTop(viewTopOf(list.current));
      });
      if (!remembering.current) return;
      clearTimeout(saving);
      saving = setTimeout(save, SAVE_AFTER_MS);
    };
    const flush = () => saving !== undefined && save();
    // Find-in-page (Ctrl+F, ⌘F) goes to the search box: rows off screen are not rendered, so the
    // page's own find would miss them.
    const onFind = (event: KeyboardEvent) => {
      const search = document.getElementById('search') as HTMLInputElement | null;
      if (event.key.toLowerCase() !== 'f' || !(event.ctrlKey || event.metaKey) || event.altKey || !search) return;
      if (!windowed.current) return;
      event.preventDefault();
      search.focus();
      search.select();
    };
    addEventListener('keydown', onFind);
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll);
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('keydown', onFind);
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
      removeEventListener('pagehide', flush);
      cancelAnimationFrame(frame);
      flush();
    };
  }, [list]);

  // Back to where the list was, once per opening.
  const restored = useRef(false);
  useEffect(() => {
    if (!remember || restored.current) return;
    restored.current = true;
    void popupScrollItem.get().then((saved) => {
      if (saved.key && Date.now() - saved.atMs < SCROLL_MEMORY_MS && scrollY === 0) setAnchor(saved);
    });
  }, [remember]);

  const offsets = useMemo(() => offsetsFor(items, heights.current), [items, measured]);
  // The window is planned around the row the user sees, where the offsets now put it (they move as
  // rows are measured), not around the scroll position, which means another row once they moved.
  const seen = stillShown(shown.current, items, remember);
  const seenAt = seen ? items.findIndex((item) => item.key === seen.key) : -1;
  const planTop = seen && seenAt >= 0 ? (offsets[seenAt] ?? 0) - seen.offset : viewTop;
  const keepIndices = [...keep, anchor?.key].map((key) => (key ? items.findIndex((i) => i.key === key) : -1));
  const short = items.length <= RENDER_ALL_UP_TO;
  const whole = short && wide;
  const overscan = wide ? innerHeight : 0;
  windowed.current = !short;
  const planAt = (at: readonly number[]): WindowPlan =>
    whole
      ? { runs: [{ from: 0, to: items.length, gapBefore: 0 }], gapAfter: 0 }
      : planWindow(at, planTop - overscan, planTop + innerHeight + overscan, keepIndices);
  const plan = planAt(offsets);

  // The re-plan waiting for the frame to be painted (see below); a newer one, or unmounting, drops it.
  const replan = useRef<(() => void) | undefined>(undefined);
  useEffect(
    () => () => {
      replan.current = undefined;
    },
    [],
  );

  /**
   * After a render of the same list at the same scroll position: the row that was at the top goes
   * back to where it was, if the rows or spacers above it changed height, or a newer list put a
   * group above it. (Scrolled since, or another list: nothing to keep.)
   */
  const keepShown = () => {
    const was = stillShown(shown.current, items, remember);
    const row = was && document.getElementById(rowId(was.key));
    const moved = row ? row.getBoundingClientRect().top - (was?.offset ?? 0) : 0;
    if (Math.abs(moved) >= 1) scrollBy(0, moved);
  };

  useLayoutEffect(() => {
    let changed = false;
    // A list rendered whole has no spacers to size: its rows are not measured (no forced layout).
    for (const row of whole ? [] : (list.current?.querySelectorAll<HTMLElement>('li[data-key]') ?? [])) {
      const key = row.dataset.key;
      const height = row.offsetHeight;
      if (key && height > 0 && heights.current.get(key) !== height) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    // Rows measured for the first time (a search's results, rows scrolled to) move the rows after
    // them. When what is rendered still covers the plan those heights give (stillCovers), only
    // spacers below rendered rows change: that waits until this frame is painted, so a keystroke's
    // frame pays for the rows it shows, not for a second pass over the list.
    if (changed) {
      replan.current = undefined;
      if (stillCovers(plan, planAt(offsetsFor(items, heights.current)))) {
        const bump = () => {
          if (replan.current !== bump) return;
          replan.current = undefined;
          setMeasured((n) => n + 1);
        };
        replan.current = bump;
        afterPaint(bump);
      } else setMeasured((n) => n + 1);
    }
    if (anchor) {
      const row = document.getElementById(rowId(anchor.key));
      if (row) scrollBy(0, row.getBoundingClientRect().top - anchor.offset);
      setAnchor(undefined);
      setViewTop(viewTopOf(list.current));
    } else keepShown();
    // Not for a short search's results, rendered whole: nothing to keep in them, and a keystroke's
    // frame need not read the layout.
    if (remember || !whole) see();
  });

  useEffect(() => {
    if (wide) return;
    const idle = requestIdleCallback(() => setWideAt(items.length), { timeout: WIDEN_WITHIN_MS });
    return () => cancelIdleCallback(idle);
  }, [items.length, wide]);

  const parts: VNode[] = [];
  const spacer = (height: number, at: string) =>
    height > 0 && parts.push(<li key={at} class="rows__spacer" aria-hidden="true" style={{ height: `${height}px` }} />);
  for (const run of plan.runs) {
    spacer(run.gapBefore, `gap-${run.from}`);
    for (let index = run.from; index < run.to; index++) {
      const item = items[index];
      if (item) parts.push(renderRow(item, index));
    }
  }
  spacer(plan.gapAfter, 'gap-end');
  return <>{parts}</>;
}
