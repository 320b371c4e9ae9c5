import * as v from 'valibot';
import { defineItem } from './storage.ts';

// Apart from pim-items.ts, which the popup's first paint loads: only the deferred parts of the
// popup read this (issue 19's cold open), and the first paint has no bytes to spare.

/**
 * Which cached list is only the first pages of a read still under way (core/partial-list.ts
 * `PartialList`): written just before that list, cleared once the complete one is stored.
 */
export const partialListItem = defineItem({
  key: 'cache:partialList',
  area: 'local',
  schema: v.nullable(
    v.object({ accountId: v.pipe(v.string(), v.maxLength(256)), fetchedAtMs: v.pipe(v.number(), v.finite()) }),
  ),
  fallback: null,
});
