// The popup's first screen without the whole list (issue 19's warm open at 1,000 groups): each
// popup, and the background after each list it stores, saves the rows the list starts with
// (save-list-head.ts), and the next popup paints them
// while the whole list, 200 KB at 1,000 groups, is read and ordered after that first paint. Only a
// head that is still exactly the list's first screen is painted; anything else waits for the list.
import type { Operation } from '../core/pim-state.ts';
import type { ValuesOf } from '../platform/follow-storage.ts';
import type { listHeadItem } from '../platform/pim-items.ts';
import { liveKeys } from './live.ts';
import { effectiveOp } from './model.ts';
import type { LocalView } from './useActions.ts';

/**
 * Rows rendered before the deferred chunk brings the windowed list (components/WindowedRows.tsx), a moment
 * after the first paint: enough to fill the tallest popup (600 px; the list starts about 90 px
 * down, and a row is at least 45 px), and not more: each costs the first paint.
 */
export const FIRST_ROWS = 13;

export type ListHead = NonNullable<ValuesOf<{ head: typeof listHeadItem }>['head']>;

/** The popup's own state as it opens: nothing started, dismissed or opened in it yet. */
export const AT_OPEN: LocalView = { expanded: null, ops: {}, notes: {}, overlays: {}, dismissed: {} };

/**
 * What orders the list besides its items (core/list.ts's orderSections): the language (for A–Z),
 * favourites, recently used, and which items have an operation (live.ts puts them in "Now").
 */
export function headInputs(
  locale: string,
  favourites: readonly string[],
  recent: Readonly<Record<string, number>>,
  operations: Readonly<Record<string, Operation>>,
): string {
  const withOperation = Object.keys(operations).filter((key) => effectiveOp(operations[key], undefined));
  return JSON.stringify([locale, favourites, recent, withOperation.sort()]);
}

/**
 * Whether `head` is still the first screen of the stored list: written from the list stored now
 * (its revision), for the active account, with the same inputs, and with the same of its items live
 * at `nowMs` as when it was written. Time alone only ends an activation (live.ts): one ending in
 * the head changes `live`; one ending further down moves that row further down, never up into it.
 */
export function headHolds(
  head: ListHead | null,
  now: {
    revision: string | undefined;
    accountId: string | undefined;
    inputs: string;
    operations: Readonly<Record<string, Operation>>;
    nowMs: number;
  },
): head is ListHead {
  return (
    head !== null &&
    head.revision === now.revision &&
    head.accountId === now.accountId &&
    head.inputs === now.inputs &&
    liveKeys(head.items, now.operations, AT_OPEN, now.nowMs) === head.live
  );
}
