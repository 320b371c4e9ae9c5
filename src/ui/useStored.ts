import { useEffect, useMemo, useState } from 'preact/hooks';
import { followItems, type PolicyOver, type StoredItems, type ValuesOf } from '../platform/follow-storage.ts';
import type { StorageItem } from '../platform/storage.ts';

// How views read storage: read once, then follow changes, the newest value winning
// (platform/follow-storage.ts). `undefined` means "not read yet".

/** One item's value, kept current. */
export function useStored<T>(item: StorageItem<T>): T | undefined {
  // Boxed: the value itself may be `undefined` (a policy that is not set) once it is read.
  const [box, setBox] = useState<{ value: T }>();
  useEffect(() => followItems({ item }, ({ item: value }) => setBox({ value: value as T })), [item]);
  return box?.value;
}

/** Several items' values, once every one is read, kept current. `items` must keep its identity (a module constant). */
export function useStoredItems<I extends StoredItems>(items: I): ValuesOf<I> | undefined {
  const [values, setValues] = useState<ValuesOf<I>>();
  useEffect(() => followItems(items, setValues), [items]);
  return values;
}

/**
 * A setting with the organisation's policy on top of the user's value (platform: `policyOver`),
 * kept current. Nothing until the policy is read too: a value the policy overrides is never shown,
 * nor offered for editing, even for the seconds the first managed read can take.
 */
export function usePolicyOver<I extends StoredItems, V>(setting: PolicyOver<I, V>): V | undefined {
  const values = useStoredItems(setting.items);
  return useMemo(() => values && setting.merge(values), [values, setting]);
}
