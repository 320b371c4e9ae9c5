// The click path reads no list-sized storage (issue 19: at 1,000 groups one read of the cached
// list, validated, cost tens of milliseconds before the activation's POST could leave). The items
// it needs are kept in the background's memory, current through `storage.onChanged`.
import { browser, type Storage } from './browser.ts';
import { onWritten, type StorageItem } from './storage.ts';

/**
 * A reader of `item` that reads storage once and then answers from memory. Every change (from any
 * context, this one included) replaces the value when the browser reports it, validated then, off
 * the click path. Whenever it finds itself no longer listening (first call; a fake browser's reset
 * in tests) it reads again. A failed read is tried again next time. What it returns is shared:
 * callers must not change it.
 */
export function inMemory<T>(item: StorageItem<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    const change = changes[item.key];
    if (area === item.area && change) current = Promise.resolve(item.parse(change.newValue));
  };
  // This context's own writes count at once: nothing promises that storage.onChanged has reported
  // them when the write resolves (Chromium 156 does report them first: checked 2026-12-06), and a
  // click right after a refresh stored the list must not find the list that was there before.
  onWritten(item, (value) => {
    current = Promise.resolve(value);
  });
  return () => {
    if (!browser.storage.onChanged.hasListener(listener)) {
      browser.storage.onChanged.addListener(listener);
      current = undefined;
    }
    if (!current) {
      const reading = item.get();
      current = reading;
      // Forget a failed read (unless a change has replaced it meanwhile), so the next call tries again.
      reading.catch(() => {
        if (current === reading) current = undefined;
      });
    }
    return current;
  };
}

/** An index by key of a list, built once per list value (values are replaced, never changed). */
export function indexedBy<T extends { key: string }>(): (list: readonly T[]) => ReadonlyMap<string, T> {
  const indexes = new WeakMap<readonly T[], Map<string, T>>();
  return (list) => {
    let index = indexes.get(list);
    if (!index) {
      index = new Map(list.map((entry) => [entry.key, entry]));
      indexes.set(list, index);
    }
    return index;
  };
}
