import { useEffect, useState } from 'preact/hooks';
import { accountsItem } from '../platform/items.ts';
import {
  activationMemoryItem,
  clockOffsetItem,
  draftsItem,
  favouritesItem,
  operationsItem,
  policiesItem,
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
};

type ValueOf<I> = I extends StorageItem<infer T> ? T : never;
/** Everything the popup shows, as stored by the background (and the popup's own favourites and drafts). */
export type PopupData = { [K in keyof typeof ITEMS]: ValueOf<(typeof ITEMS)[K]> };
export type Draft = PopupData['drafts'][string];
export type Memory = PopupData['memory'];
export type Policies = PopupData['policies'];

const NAMES = Object.keys(ITEMS) as (keyof PopupData)[];

/**
 * Reads every item the popup shows in one go (local storage, no network), then follows changes.
 * `undefined` only until that first read resolves.
 */
export function usePopupData(): PopupData | undefined {
  const [data, setData] = useState<PopupData>();
  useEffect(() => {
    let live = true;
    // Changes that arrive before the first read finishes win over what that read returns.
    const early: Partial<PopupData> = {};
    let loaded = false;
    const stops = NAMES.map((name) =>
      (ITEMS[name] as StorageItem<unknown>).watch((value) => {
        if (!loaded) (early as Record<string, unknown>)[name] = value;
        else setData((current) => current && { ...current, [name]: value });
      }),
    );
    void Promise.all(NAMES.map((name) => (ITEMS[name] as StorageItem<unknown>).get())).then((values) => {
      if (!live) return;
      loaded = true;
      const read = Object.fromEntries(NAMES.map((name, i) => [name, values[i]])) as PopupData;
      setData({ ...read, ...early });
    });
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, []);
  return data;
}
