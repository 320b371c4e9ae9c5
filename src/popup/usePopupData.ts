import { useLayoutEffect, useState } from 'preact/hooks';
import { followItems, type ValuesOf } from '../platform/follow-storage.ts';
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
import { afterPaint } from './paint-marks.ts';

/** What the list's first paint needs. */
const LIST_ITEMS = {
  snapshot: snapshotItem,
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

/** Everything the popup shows, as stored by the background (and the popup's own favourites and drafts). */
export type PopupData = ValuesOf<typeof LIST_ITEMS & { policies: typeof policiesItem }>;
export type Draft = PopupData['drafts'][string];
export type Memory = PopupData['memory'];
export type Policies = PopupData['policies'];

/** Items followed from before the popup mounts: their newest values, and whom to tell. */
interface Following {
  latest?: PopupData;
  show?: (data: PopupData) => void;
  stop: () => void;
  /** Settles when the list's items have first been read. */
  read: Promise<void>;
}

/**
 * The policies (one per group: 180 KB at 1,000 groups) are needed to activate, not to paint the
 * list, and reading them costs the main thread as much as the list does (issue 19's warm open).
 * So they are read once the list has painted, counting as none until then: a click before that
 * asks the background, which reads them itself.
 */
function follow(): Following {
  let markRead = () => {};
  const following: Following = { stop: () => {}, read: new Promise((resolve) => (markRead = resolve)) };
  let list: ValuesOf<typeof LIST_ITEMS> | undefined;
  let policies = policiesItem.parse(undefined);
  let live = true;
  let stopPolicies: (() => void) | undefined;
  const deliver = () => {
    if (!list) return;
    following.latest = { ...list, policies };
    following.show?.(following.latest);
    markRead();
  };
  const stopList = followItems(LIST_ITEMS, (values) => {
    list = values;
    deliver();
    if (stopPolicies) return;
    stopPolicies = () => {};
    afterPaint(() => {
      if (!live) return;
      stopPolicies = followItems({ policies: policiesItem }, (values) => {
        policies = values.policies;
        deliver();
      });
    });
  });
  following.stop = () => {
    live = false;
    stopList();
    stopPolicies?.();
  };
  return following;
}

let early: Following | undefined;

/**
 * Starts the storage reads as soon as the popup's script runs, not in an effect after the first
 * (empty) paint: the list then paints a frame or two sooner (issue 8's warm open). Changes that
 * arrive before the popup takes the result over are kept.
 */
export function startPopupData(): Promise<void> {
  early ??= follow();
  return early.read;
}

/**
 * Starts the reads, and calls `render` once they have answered, or after `capMs` when they have not
 * (a read that fails is not waited for). Rendered before them, the empty popup takes a frame of its
 * own, and its effects (more reads, the deferred chunks) run ahead of the list's frame (issue 19).
 */
export function renderWhenRead(render: () => void, capMs = 100): void {
  let rendered = false;
  const once = () => {
    if (rendered) return;
    rendered = true;
    render();
  };
  void startPopupData().then(once);
  setTimeout(once, capMs);
}

/**
 * Reads every item the popup shows in one go (local storage, no network), then follows changes,
 * the newest value winning (platform/follow-storage.ts). `undefined` only until that first read resolves.
 */
export function usePopupData(): PopupData | undefined {
  // Read before the first render when the popup waited for them (main.tsx): no render without them.
  const [data, setData] = useState<PopupData | undefined>(() => early?.latest);
  // A layout effect, not an effect: Preact runs effects after a frame, and the reads started with
  // the script have often answered by then; their list would wait a frame of the empty popup.
  useLayoutEffect(() => {
    // The early reads are taken over once; a popup mounted again reads afresh.
    const following = early ?? follow();
    early = undefined;
    following.show = setData;
    if (following.latest) setData(following.latest);
    return following.stop;
  }, []);
  return data;
}
