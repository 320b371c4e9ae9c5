import { useLayoutEffect, useState } from 'preact/hooks';
import { followItems, type ValuesOf } from '../platform/follow-storage.ts';
import { accountsItem } from '../platform/items.ts';
import { uiLanguage } from '../platform/locale.ts';
import {
  activationMemoryItem,
  clockOffsetItem,
  draftsItem,
  favouritesItem,
  listHeadItem,
  listStampItem,
  operationsItem,
  policiesItem,
  reactivationsItem,
  recentItem,
  refreshStatusItem,
  snapshotItem,
} from '../platform/pim-items.ts';
import { headHolds, headInputs, type ListHead } from './list-head.ts';
import { afterPaint, PAINT_MARKS } from './paint-marks.ts';

/** What the list's first paint needs besides the list itself. */
const LIST_ITEMS = {
  stamp: listStampItem,
  head: listHeadItem,
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

type Snapshot = ValuesOf<{ snapshot: typeof snapshotItem }>['snapshot'];

/** Everything the popup shows, as stored by the background (and the popup's own favourites and drafts). */
export type PopupData = Omit<ValuesOf<typeof LIST_ITEMS>, 'head'> & {
  snapshot: Snapshot;
  policies: ValuesOf<{ policies: typeof policiesItem }>['policies'];
  /**
   * While `snapshot` holds only the list's first screen (list-head.ts): how many items the whole
   * list has. Undefined once it is the whole list.
   */
  headOf: number | undefined;
};
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
 * The list (200 KB at 1,000 groups) is read from the start, but painted first from the head the
 * last popup left when it still holds (list-head.ts): the list's answer is then parsed, ordered and
 * rendered after that first paint. The policies (one per group: 180 KB at 1,000 groups) are needed
 * to activate, not to paint the list, so they are read once the list has painted, counting as none
 * until then: a click before that asks the background, which reads them itself.
 */
function follow(): Following {
  let markRead = () => {};
  const following: Following = { stop: () => {}, read: new Promise((resolve) => (markRead = resolve)) };
  let values: ValuesOf<typeof LIST_ITEMS> | undefined;
  let list: { snapshot: Snapshot } | undefined;
  let head: ListHead | undefined;
  let policies = policiesItem.parse(undefined);
  let live = true;
  let stopPolicies: (() => void) | undefined;
  let readList = () => {};
  const listRead = new Promise<void>((resolve) => (readList = resolve));
  const deliver = () => {
    if (!values) return;
    const { head: _written, ...rest } = values;
    const shown =
      list ??
      (head && {
        snapshot: { accountId: head.accountId, fetchedAtMs: values.stamp?.fetchedAtMs ?? 0, items: head.items },
      });
    if (!shown) return;
    following.latest = { ...rest, ...shown, policies, headOf: list ? undefined : head?.total };
    following.show?.(following.latest);
    markRead();
  };
  const holding = (v: ValuesOf<typeof LIST_ITEMS>) =>
    headHolds(v.head, {
      revision: v.stamp?.revision,
      accountId: v.accounts.activeId,
      inputs: headInputs(uiLanguage(), v.favourites, v.recent, v.operations),
      operations: v.operations,
      nowMs: Date.now() + v.clockOffset,
    })
      ? v.head
      : undefined;
  // The small items are asked for first: the browser answers in order, and the list takes longest.
  const stopValues = followItems(LIST_ITEMS, (read) => {
    const first = !values;
    values = read;
    // Decided as the popup opens. A head that stops holding before the list is there is dropped and
    // the list taken at once; what the head painted stays until the list replaces it, a moment later.
    if (first) {
      head = holding(read);
      if (head) {
        performance.mark(PAINT_MARKS.fromHead);
        afterPaint(readList);
      }
    } else if (head && !list) head = holding(read);
    if (!head) readList();
    deliver();
  });
  const stopList = followItems(
    { snapshot: snapshotItem },
    (read) => {
      list = read;
      deliver();
      if (stopPolicies) return;
      stopPolicies = () => {};
      afterPaint(() => {
        if (!live) return;
        stopPolicies = followItems({ policies: policiesItem }, (read) => {
          policies = read.policies;
          deliver();
        });
      });
    },
    listRead,
  );
  following.stop = () => {
    live = false;
    stopList();
    stopValues();
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
