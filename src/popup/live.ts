// What the popup's "Now" section holds (issue 19): everything in motion, so it is never buried
// under favourites and hundreds of groups.
import type { GroupItem, Operation } from '../core/pim-state.ts';
import { effectiveOp } from './model.ts';
import type { LocalView } from './useActions.ts';

/**
 * Keys of the items in motion: active for a time (not a permanent assignment), waiting for approval,
 * scheduled, or with a request running (not one this popup just started) or failed. Returned
 * as one string (keys joined by a space, which no key contains) so a caller can memoise on it: the
 * list is re-ordered only when this set changes, not on every tick or unrelated state change.
 */
export function liveKeys(
  items: readonly GroupItem[],
  operations: Readonly<Record<string, Operation>>,
  local: LocalView,
  nowMs: number,
): string {
  const keys: string[] = [];
  for (const item of items) {
    const ending = item.active?.endMs;
    // A request this popup just started keeps its row where the pointer is: a row that moved into
    // "Now" at the first click of a double click would put another group's button under the second.
    // It moves when its outcome lands (active, pending, failed). A request running when the popup
    // opened (a preset, the address bar, another popup) is in "Now" from the start.
    const startedHere = local.ops[item.key]?.phase === 'running';
    if (
      (ending != null && ending > nowMs) ||
      item.pending ||
      item.scheduled ||
      (!startedHere && effectiveOp(operations[item.key], local.ops[item.key], local.dismissed[item.key]))
    ) {
      keys.push(item.key);
    }
  }
  return keys.join(' ');
}
