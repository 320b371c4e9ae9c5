import type { GroupItem } from '../core/pim-state.ts';
import { type RowChange, withChange } from '../core/row-change.ts';
import { indexedBy, inMemory } from '../platform/in-memory.ts';
import { snapshotItem } from '../platform/pim-items.ts';

// Changes an item of the cached list at once after an operation, so the popup shows the outcome
// before the follow-up refresh lands. Every writer of `cache:snapshot` goes through its `update`
// (one queue per key), so a patch never puts back a list older than the one a refresh just stored.

let patches = 0;

/**
 * How many patches this worker has made. A list read that began before one may have been answered
 * by Graph before the change it records, and arrive after it: refresh.ts does not store such a list
 * (the operation reads the list again once it is done), or the change would be undone on screen
 * and the watcher would take an activation just made for one that ended.
 */
export const patchCount = (): number => patches;

export function patchItem(key: string, change: (item: GroupItem) => RowChange | undefined): Promise<void> {
  patches += 1;
  return snapshotItem
    .update((snapshot) => {
      const index = snapshot?.items.findIndex((i) => i.key === key) ?? -1;
      const item = snapshot?.items[index];
      const rowChange = item && change(item);
      if (!snapshot || !item || !rowChange) return snapshot;
      return { ...snapshot, items: snapshot.items.with(index, withChange(item, rowChange)) };
    })
    .then(() => undefined);
}

const snapshotNow = inMemory(snapshotItem);
const byKey = indexedBy<GroupItem>();

/** Reads the cached list into memory now, if it is not there, so a click soon after finds it (click-path.ts). */
export const readListAhead = (): void => void snapshotNow().catch(() => {});

/** The item as the cached list has it, if it is there (from memory: see in-memory.ts). Read only. */
export async function listedItem(key: string): Promise<GroupItem | undefined> {
  const snapshot = await snapshotNow();
  return snapshot ? byKey(snapshot.items).get(key) : undefined;
}

/** What an item is called when the cached list does not have it: its group id. */
export const itemNameFallback = (key: string): string => key.split(':')[0] ?? key;

export async function itemName(key: string): Promise<string> {
  return (await listedItem(key))?.groupName ?? itemNameFallback(key);
}
