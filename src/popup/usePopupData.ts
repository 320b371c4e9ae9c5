import { useEffect, useState } from 'preact/hooks';
import { accountsItem } from '../platform/items.ts';
import {
  activationMemoryItem,
  clockOffsetItem,
  draftsItem,
  favouritesItem,
  operationsItem,
  policiesItem,
  reactivationsItem,
  recentItem,
  refreshStatusItem,
  snapshotItem,
} from '../platform/pim-items.ts';
import type { StorageItem } from '../platform/storage.ts';

const ITEMS = {
  snapshot: snapshotItem,
  policies: policiesItem,
  clockOffset: clockOffsetItem,
  operations: operationsItem,
  refresh: refreshStatusItem,
  favourites: favouritesItem,
  recent: recentItem,
  memory: activationMemoryItem,
  drafts: draftsItem,
  accounts: accountsItem,
  reactivations: reactivationsItem,
};

type ValueOf<I> = I extends StorageItem<infer T> ? T : never;
/** Everything the popup shows, as stored by the background (and the popup's own favourites and drafts). */
export type PopupData = { [K in keyof typeof ITEMS]: ValueOf<(typeof ITEMS)[K]> };
export type Draft = PopupData['drafts'][string];
export type Memory = PopupData['memory'];
export type Policies = PopupData['policies'];

const NAMES = Object.keys(ITEMS) as (keyof PopupData)[];

const readAll = (): Promise<PopupData> =>
  Promise.all(NAMES.map((name) => (ITEMS[name] as StorageItem<unknown>).get())).then(
    (values) => Object.fromEntries(NAMES.map((name, i) => [name, values[i]])) as PopupData,
  );

/** Changes to the items while `read` runs: they win over what it returns. */
const watchChanges = (changed: Partial<PopupData>, onChange?: (name: keyof PopupData, value: unknown) => void) =>
  NAMES.map((name) =>
    (ITEMS[name] as StorageItem<unknown>).watch((value) => {
      (changed as Record<string, unknown>)[name] = value;
      onChange?.(name, value);
    }),
  );

let early: { read: Promise<PopupData>; changed: Partial<PopupData>; stops: (() => void)[] } | undefined;

/**
 * Starts the storage reads as soon as the popup's script runs, not in an effect after the first
 * (empty) paint: the list then paints a frame or two sooner (issue 8's warm open). Changes that
 * arrive before the popup takes the result over are kept.
 */
export function startPopupData(): void {
  if (early) return;
  const changed: Partial<PopupData> = {};
  early = { changed, stops: watchChanges(changed), read: readAll() };
}

/**
 * Reads every item the popup shows in one go (local storage, no network), then follows changes.
 * `undefined` only until that first read resolves.
 */
export function usePopupData(): PopupData | undefined {
  const [data, setData] = useState<PopupData>();
  useEffect(() => {
    let live = true;
    let loaded = false;
    // Changes that arrive before the first read finishes win over what that read returns.
    const changed: Partial<PopupData> = {};
    const stops = watchChanges(changed, (name, value) => {
      if (loaded) setData((current) => current && { ...current, [name]: value });
    });
    // The early read (with what changed since it started) is used once; a popup mounted again reads afresh.
    const taken = early;
    early = undefined;
    for (const stop of taken?.stops ?? []) stop();
    void (taken?.read ?? readAll()).then((read) => {
      if (!live) return;
      loaded = true;
      setData({ ...read, ...taken?.changed, ...changed });
    });
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, []);
  return data;
}
