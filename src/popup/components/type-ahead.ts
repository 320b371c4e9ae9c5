import type { GroupItem } from '../../core/pim-state.ts';
import { searchText } from '../../core/search-fold.ts';

/** Letters typed within this time make one type-ahead prefix ("sg-d"), as in a native list box. */
const TYPE_AHEAD_MS = 700;

/** What was typed on the list so far, and when (one popup, one list). */
export const typed = { text: '', atMs: Number.NEGATIVE_INFINITY };

/**
 * The row type-ahead moves to when `event` is typed on row `index` (`typed` keeps what was typed): one
 * letter, or the same letter again ("s", "s"), goes on to the next row whose name starts with it,
 * round to the top; a longer prefix ("sg-d") looks from this row on, which may still match. Names
 * are matched as the search matches them (folded). Undefined for other keys and when no row matches.
 */
export function typeAhead(
  event: KeyboardEvent,
  rows: readonly GroupItem[],
  index: number,
  searchOf: (item: GroupItem) => string,
): number | undefined {
  const key = event.key;
  if (key.length !== 1 || key === ' ' || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  typed.text = (event.timeStamp - typed.atMs < TYPE_AHEAD_MS ? typed.text : '') + key;
  typed.atMs = event.timeStamp;
  const repeated = [...typed.text].every((char) => char === key);
  const prefix = searchText(repeated ? key : typed.text);
  const from = repeated ? index + 1 : index;
  for (let step = 0; step < rows.length; step++) {
    const at = (from + step) % rows.length;
    const row = rows[at];
    if (row && searchOf(row).startsWith(prefix)) return at;
  }
  return undefined;
}
