// Following stored values from a page: one `storage.onChanged` listener per area for everything a
// page follows, and the one race rule for reading, "the newest value wins". The views' hooks
// (ui/useStored.ts) are built on this; the background reads with `readItems`/`readPolicyOver`.
import { browser, type Storage } from './browser.ts';
import { log } from './log.ts';
import type { AreaName, StorageItem } from './storage.ts';

export type StoredItems = Readonly<Record<string, StorageItem<unknown>>>;
export type ValuesOf<I extends StoredItems> = { [K in keyof I]: I[K] extends StorageItem<infer T> ? T : never };

type Follower = (newValue: unknown) => void;
type AreaListener = (changes: Record<string, Storage.StorageChange>, area: string) => void;

/** Per area: its one listener and who follows which key. */
const areas = new Map<AreaName, { listener: AreaListener; keys: Map<string, Set<Follower>> }>();

function areaOf(area: AreaName) {
  let entry = areas.get(area);
  if (!entry) {
    const keys = new Map<string, Set<Follower>>();
    const listener: AreaListener = (changes, changedArea) => {
      if (changedArea !== area) return;
      for (const [key, change] of Object.entries(changes)) {
        for (const follower of [...(keys.get(key) ?? [])]) follower(change.newValue);
      }
    };
    entry = { listener, keys };
    areas.set(area, entry);
  }
  return entry;
}

/** Calls back with the raw new value of one key whenever it changes; all keys of an area share one listener. */
export function onStoredChange(area: AreaName, key: string, follower: Follower): () => void {
  const entry = areaOf(area);
  const followers = entry.keys.get(key) ?? new Set<Follower>();
  entry.keys.set(key, followers);
  followers.add(follower);
  // Checked on every follow, not remembered: the listener may have been taken off from outside (a
  // test's fake browser resets its events).
  if (!browser.storage.onChanged.hasListener(entry.listener)) browser.storage.onChanged.addListener(entry.listener);
  return () => {
    followers.delete(follower);
    if (followers.size === 0) entry.keys.delete(key);
    if (entry.keys.size > 0) return;
    browser.storage.onChanged.removeListener(entry.listener);
    areas.delete(area);
  };
}

/**
 * Reads every item, calls back with all their values once each is known, and again after every
 * change of any of them. The newest value wins: a change carries its value, and a read that
 * answers after a change of its item is dropped (it may have read what was there before).
 * With `ready`, the reads still start at once but their answers are validated (and called back)
 * only once it settles: a large value's read overlaps other work without its parse costing that work.
 */
export function followItems<I extends StoredItems>(
  items: I,
  callback: (values: ValuesOf<I>) => void,
  ready?: Promise<void>,
): () => void {
  const names = Object.keys(items) as Array<keyof I & string>;
  const values: Partial<Record<keyof I, unknown>> = {};
  const known = new Set<keyof I>();
  const changes = new Map<keyof I, number>();
  let live = true;
  const put = (name: keyof I, value: unknown) => {
    values[name] = value;
    known.add(name);
    if (live && known.size === names.length) callback({ ...values } as ValuesOf<I>);
  };
  const stops = names.map((name) => {
    const item = items[name] as StorageItem<unknown>;
    const stop = onStoredChange(item.area, item.key, (raw) => {
      changes.set(name, (changes.get(name) ?? 0) + 1);
      put(name, item.parse(raw));
    });
    const seen = changes.get(name) ?? 0;
    item
      .getRaw()
      .then(async (raw) => {
        if (ready) await ready;
        if ((changes.get(name) ?? 0) === seen) put(name, item.parse(raw));
      })
      .catch((error: unknown) => log.warn('storage', `could not read ${item.key}`, error));
    return stop;
  });
  return () => {
    live = false;
    for (const stop of stops) stop();
  };
}

/** Every item's value, read at once. */
export async function readItems<I extends StoredItems>(items: I): Promise<ValuesOf<I>> {
  const names = Object.keys(items);
  const read = await Promise.all(names.map((name) => (items[name] as StorageItem<unknown>).get()));
  return Object.fromEntries(names.map((name, i) => [name, read[i]])) as ValuesOf<I>;
}

/**
 * A setting the user chooses and the organisation's policy may set over it: the items it is read
 * from (the user's and the policy's), and the one rule that puts the policy on top.
 */
export interface PolicyOver<I extends StoredItems, V> {
  readonly items: I;
  merge(values: ValuesOf<I>): V;
}

/* @__NO_SIDE_EFFECTS__ */
export function policyOver<I extends StoredItems, V>(items: I, merge: (values: ValuesOf<I>) => V): PolicyOver<I, V> {
  return { items, merge };
}

export async function readPolicyOver<I extends StoredItems, V>(setting: PolicyOver<I, V>): Promise<V> {
  return setting.merge(await readItems(setting.items));
}
