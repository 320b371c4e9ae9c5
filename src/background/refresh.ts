import { activeAccount } from '../auth/accounts.ts';
import { SCOPES } from '../auth/scopes.ts';
import { byName, listCollator } from '../core/list.ts';
import { isPartialList } from '../core/partial-list.ts';
import type { GroupItem, PimSnapshot } from '../core/pim-state.ts';
import { GraphCallOptions } from '../graph/call-options.ts';
import { type FirstPages, type MyPimData, readMyPimData } from '../graph/pim.ts';
import { buildItems } from '../graph/snapshot.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { log } from '../platform/log.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { favouritesItem, operationsItem, recentItem, refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { saveListHead } from '../popup/save-list-head.ts';
import { describeFailure } from './failures.ts';
import { graphClient } from './graph.ts';
import { prefetchRequirements } from './requirements.ts';
import { clockConfirmed, serverNow } from './server-time.ts';
import { patchCount } from './snapshot-store.ts';

/**
 * A popup opened twice in a few seconds does not need two refreshes, unless something waits on a
 * decision, or this worker has not heard Graph's clock since it started: an "activate now" starts
 * at Graph's now, and without a confirmed clock the click would read Graph before its request
 * (server-time.ts; a worker stopped while idle starts again with none).
 */
export const MIN_REFRESH_INTERVAL_MS = 10_000;

const read = new GraphCallOptions(SCOPES.read, false);
let inflight: Promise<void> | undefined;

/** What a refresh reads: the user's PIM state, then the policies the cache lacks. */
export interface RefreshDeps {
  /** `firstPages` hears the first pages when more are to come (graph/pim.ts). */
  readPimData(firstPages: FirstPages): Promise<MyPimData>;
  prefetchRequirements(items: GroupItem[]): Promise<void>;
}

/** The worker's: Graph through its client. */
const graphReads: RefreshDeps = {
  readPimData: async (firstPages) => readMyPimData(await graphClient(), read, firstPages),
  prefetchRequirements: (items) => prefetchRequirements(items),
};

/**
 * `refresh` reading through `deps` (tests pass their own). Every such function shares the worker's
 * one read under way.
 */
export function refreshWith(deps: RefreshDeps): (request?: { force?: boolean }) => Promise<undefined> {
  return async (request = {}) => {
    if (inflight && request.force) await inflight.catch(() => undefined);
    inflight ??= run(request.force === true, deps).finally(() => {
      inflight = undefined;
    });
    await inflight;
    return undefined;
  };
}

/**
 * Re-reads the user's PIM state (one `$batch`), then the policies the cache lacks. Concurrent calls
 * share one read; a forced call during a read waits for it and then reads again, because it asks
 * for state newer than what that read may have seen (after an activation, or another account).
 */
export const refresh = refreshWith(graphReads);

const listReadListeners: Array<(items: GroupItem[]) => Promise<void>> = [];

/** Called with every list read and stored (index.ts: settle what a stopped worker left unfinished). */
export function onListRead(listener: (items: GroupItem[]) => Promise<void>): void {
  listReadListeners.push(listener);
}

/** Whether this worker is reading the list now. */
export const refreshUnderWay = (): boolean => inflight !== undefined;

/** Resolves once the list read under way, if any, has ended (stored or failed). */
export const listReadEnded = (): Promise<void> =>
  (inflight ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );

/** A request waits for an approver or a start: it can change any moment, so a popup opening always looks. */
async function awaitingDecision(): Promise<boolean> {
  return (await snapshotItem.get())?.items.some((i) => i.pending || i.scheduled) ?? false;
}

/**
 * Stores a list read for `accountId`, unless the user switched accounts meanwhile (one account's
 * list is never stored as another's). A partial list (the first pages, more to come) is stored only
 * where no complete list of this account is: a cold open paints it at once, while a complete list,
 * however old, stays until the new one is complete. Merging the two would show a mix of two reads
 * (an ended activation from the old next to fresh rows), and the old list is on screen already.
 * The partial list is named in `cache:partialList` before it is stored, so no reader ever takes it
 * for complete; the complete list (read later, so another read time) is complete at once, and the
 * name is then cleared.
 */
async function storeList(
  accountId: string,
  data: MyPimData,
  partial: boolean,
  patchesBefore: number,
): Promise<{ stored: boolean; snapshot: PimSnapshot }> {
  const now = await serverNow();
  // Stored in the list's A–Z order: the popup orders the list as it opens (core/list.ts), and
  // sorting a thousand rows that are in order already is one pass, not a sort (issue 19).
  const items = buildItems(data, now, (groupId) => t('groupNameUnavailable', groupId)).sort(
    byName(listCollator(uiLanguage())),
  );
  const list: PimSnapshot = { accountId, fetchedAtMs: now, items };
  let stored = false;
  await snapshotItem.update(async (snapshot) => {
    if ((await activeAccount())?.id !== accountId) return snapshot;
    // An operation changed the list while this read was under way: it may predate the change, and
    // the operation's own read follows (snapshot-store.ts's `patchCount`).
    if (patchCount() !== patchesBefore) return snapshot;
    if (partial) {
      const mine = snapshot?.accountId === accountId ? snapshot : null;
      if (mine && !isPartialList(mine, await partialListItem.get())) return snapshot;
      await partialListItem.set({ accountId, fetchedAtMs: now });
    }
    stored = true;
    return list;
  });
  if (stored && !partial) await partialListItem.update(() => null);
  return { stored, snapshot: list };
}

/**
 * The first screen of the list just stored, for the next popup (popup/save-list-head.ts): the
 * popup's own code, so the two cannot disagree. A popup saves it too, but only while one is open:
 * a list that changed with none open (an activation that ended, an approval) otherwise cost the next
 * popup its whole-list path once (about 25 ms more at 1,000 groups). Nothing is written when the
 * stored head still holds.
 */
async function saveHeadOf(snapshot: PimSnapshot): Promise<void> {
  const [favourites, recent, operations, nowMs] = await Promise.all([
    favouritesItem.get(),
    recentItem.get(),
    operationsItem.get(),
    serverNow(),
  ]);
  await saveListHead({ snapshot, favourites, recent, operations, locale: uiLanguage(), nowMs });
}

async function run(force: boolean, deps: RefreshDeps): Promise<void> {
  const [status, account] = await Promise.all([refreshStatusItem.get(), activeAccount()]);
  const recent = Date.now() - status.lastSuccessMs < MIN_REFRESH_INTERVAL_MS;
  if (!force && recent && clockConfirmed() && !(await awaitingDecision())) return;
  if (!account) return;
  // Not waited for: the read need not wait for a status write. The status writes after the read
  // queue behind this one (storage.ts), so "refreshing" can never land after them.
  void refreshStatusItem
    .update((now) => ({ refreshing: true, lastSuccessMs: now.lastSuccessMs }))
    .catch((error: unknown) => log.warn('refresh', 'the status was not written', error));
  try {
    const patchesBefore = patchCount();
    const data = await deps.readPimData((first) =>
      storeList(account.id, first, true, patchesBefore).then(() => undefined),
    );
    for (const reason of data.unreadable) log.warn('refresh', `an item was left out: ${reason}`);
    const { stored, snapshot } = await storeList(account.id, data, false, patchesBefore);
    if (!stored) return;
    const { items } = snapshot;
    for (const listener of listReadListeners) {
      await listener(items).catch((error: unknown) => log.warn('refresh', 'a list listener failed', error));
    }
    const unreadable = data.unreadable.length;
    await refreshStatusItem.set({
      refreshing: false,
      lastSuccessMs: Date.now(),
      ...(unreadable ? { unreadable } : {}),
    });
    // The list is painted; the policies follow (needed only to activate), and the first screen for
    // the next popup is written while they are read.
    deps
      .prefetchRequirements(items.filter((i) => i.eligible))
      .catch((error: unknown) => log.warn('refresh', 'policies not read', error));
    await saveHeadOf(snapshot).catch((error: unknown) => log.warn('refresh', 'first screen not saved', error));
  } catch (error) {
    const failure = describeFailure(error, { operation: 'refresh', groupName: '', accessId: 'member' });
    log.warn('refresh', `failed: ${failure.code}`);
    await refreshStatusItem.update((now) => ({
      refreshing: false,
      lastSuccessMs: now.lastSuccessMs,
      error: failure.message,
    }));
  }
}
