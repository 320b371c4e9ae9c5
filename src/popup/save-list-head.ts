// Writes the list's first screen for the next popup (list-head.ts). In the deferred chunk: it runs
// after the popup has painted the whole list, and orders it once more the way the next popup
// opens (nothing started or dismissed in it yet). The background runs it too, after each list it
// stores (background/refresh.ts): so it imports no view code (src/layers.test.ts checks).
import { listCollator, orderEntries } from '../core/list.ts';
import { listRevision } from '../core/list-revision.ts';
import { isPartialList } from '../core/partial-list.ts';
import type { Operation, PimSnapshot } from '../core/pim-state.ts';
import { nameLook } from '../core/shown-name.ts';
import { t } from '../platform/i18n.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { listHeadItem, listStampItem } from '../platform/pim-items.ts';
import { AT_OPEN, FIRST_ROWS, headHolds, headInputs, type ListHead } from './list-head.ts';
import { liveKeys } from './live.ts';

export interface HeadSource {
  snapshot: PimSnapshot;
  favourites: readonly string[];
  recent: Readonly<Record<string, number>>;
  operations: Readonly<Record<string, Operation>>;
  locale: string;
  nowMs: number;
}

/**
 * The first screen's items in the list's order, and after them every other item whose name looks
 * like one of theirs: the next popup tells those names apart (shown-name.ts) as the whole list does.
 */
export async function listHeadOf(source: HeadSource): Promise<ListHead> {
  const { snapshot, favourites, recent, operations, locale, nowMs } = source;
  const live = new Set(liveKeys(snapshot.items, operations, AT_OPEN, nowMs).split(' '));
  const ordered = orderEntries(snapshot.items, { favourites, recent, collator: listCollator(locale), live });
  const unnamed = (id: string) => t('groupNameUnavailable', id);
  const looks = new Set(ordered.slice(0, FIRST_ROWS).map((item) => nameLook(item, unnamed).look));
  const items = ordered.filter((item, index) => index < FIRST_ROWS || looks.has(nameLook(item, unnamed).look));
  return {
    revision: await listRevision(snapshot.accountId, snapshot.items),
    accountId: snapshot.accountId,
    inputs: headInputs(locale, favourites, recent, operations),
    live: liveKeys(items, operations, AT_OPEN, nowMs),
    total: snapshot.items.length,
    items,
  };
}

/**
 * Stores the head of `source`'s list, unless that list is only its first pages (a cold open's), or
 * the stored head still holds for the stored list: then it is what this would write, and most
 * popups open to a list that has not changed, so they skip ordering 1,000 rows again. Only the
 * stored list's head is written, checked as it is written: a list replaced meanwhile (another read,
 * an account switched or signed out, which also drops its head) leaves nothing of it behind.
 */
export async function saveListHead(source: HeadSource): Promise<void> {
  const { snapshot, locale, favourites, recent, operations, nowMs } = source;
  const [partial, stored, stamp] = await Promise.all([partialListItem.get(), listHeadItem.get(), listStampItem.get()]);
  if (isPartialList(snapshot, partial)) return;
  const inputs = headInputs(locale, favourites, recent, operations);
  const now = { revision: stamp?.revision, accountId: snapshot.accountId, inputs, operations, nowMs };
  if (headHolds(stored, now)) return;
  const head = await listHeadOf(source);
  await listHeadItem.update(async (current) =>
    (await listStampItem.get())?.revision === head.revision ? head : current,
  );
}
