import type { GroupItem } from '../core/pim-state.ts';
import { indexedBy, inMemory } from '../platform/in-memory.ts';
import { snapshotItem } from '../platform/pim-items.ts';

// Changes an item of the cached list at once after an operation, so the popup shows the outcome
// before the follow-up refresh lands. Serialised like every read-modify-write of shared storage.
let queue: Promise<unknown> = Promise.resolve();

export function patchItem(key: string, change: (item: GroupItem) => void): Promise<void> {
  const next = queue.then(async () => {
    const snapshot = await snapshotItem.get();
    const item = snapshot?.items.find((i) => i.key === key);
    if (!snapshot || !item) return;
    change(item);
    await snapshotItem.set(snapshot);
  });
  queue = next.catch(() => undefined);
  return next;
}

const snapshotNow = inMemory(snapshotItem);
const byKey = indexedBy<GroupItem>();

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
