import { useRef } from 'preact/hooks';
import { isPartialList, type PartialList } from '../core/partial-list.ts';
import type { PimSnapshot } from '../core/pim-state.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { useStored } from './useStored.ts';

/**
 * Whether `list` is only the first pages of a read still under way (issue 19's cold open, named in
 * `cache:partialList`); `undefined` until that name is read. The background stores the complete
 * list and then clears the name, and a view can render between the two changes in either order;
 * so the last name seen is kept: the list it names (that account and read time) is the first
 * pages, whichever change arrives first, and no other list is.
 */
export function useFirstPages(list: PimSnapshot | null): boolean | undefined {
  const named = useStored(partialListItem);
  const lastNamed = useRef<PartialList | null>(null);
  if (named) lastNamed.current = named;
  return named === undefined ? undefined : isPartialList(list, named ?? lastNamed.current);
}
