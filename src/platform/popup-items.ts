import * as v from 'valibot';
import { defineItem } from './storage.ts';

// What only the popup keeps between its openings (read by its deferred chunk, so declared apart
// from pim-items.ts, which the first paint loads).

/**
 * Where the user had scrolled the group list: the row at the top of the viewport and how far
 * above the viewport's top its own top was, so a reopened popup shows the same rows even when
 * rows above it were added or measured differently.
 */
export const popupScrollItem = defineItem({
  key: 'session:popupScroll',
  area: 'session',
  schema: v.object({
    key: v.pipe(v.string(), v.maxLength(200)),
    offset: v.pipe(v.number(), v.finite()),
    atMs: v.pipe(v.number(), v.finite()),
  }),
  fallback: { key: '', offset: 0, atMs: 0 },
});
