import type { PimSnapshot } from './pim-state.ts';

// Apart from pim-state.ts, which the popup's first paint carries: only the popup's deferred parts,
// the options page and the background compare lists with the name of the first pages.

/**
 * Names the cached list that holds only the first pages of Graph's answer, the rest still being
 * read (issue 19's cold open): the list with this account and read time. Kept beside the list, not
 * in it, so the popup's first paint reads nothing more. Whatever compares lists or reacts to an
 * item leaving must treat that list as "not known yet": a group on a later page is not gone.
 */
export interface PartialList {
  accountId: string;
  fetchedAtMs: number;
}

/** Whether `snapshot` is the first pages `partial` names. */
export const isPartialList = (snapshot: PimSnapshot | null, partial: PartialList | null): boolean =>
  snapshot !== null &&
  partial !== null &&
  snapshot.accountId === partial.accountId &&
  snapshot.fetchedAtMs === partial.fetchedAtMs;
