import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivationRequirements } from '../core/policy.ts';
import { emptyWatchState } from '../core/watch-state.ts';
import { cancelAlarm, listAlarms } from '../platform/alarms.ts';
import { accountsItem } from '../platform/items.ts';
import { activeNotificationIds } from '../platform/notifications.ts';
import {
  activationMemoryItem,
  policiesItem,
  reactivationsItem,
  snapshotItem,
  watchStateItem,
} from '../platform/pim-items.ts';
import { item } from '../test-support/group-items.ts';
import { requirements } from '../test-support/requirements.ts';
import {
  cancelReactivation,
  dropOtherAccountsReactivations,
  queueReactivation,
  REACTIVATE_LATE_LIMIT_MS,
  reactivationPossible,
  restoreReactivationAlarms,
  runReactivation as runWith,
  takeReactivated,
} from './reactivation.ts';

// The activation is the test's (it would talk to Graph); the account, the cached policies, the
// clock offset (none), storage, alarms and notifications are the fake browser's.
const activate = vi.fn(async () => ({ status: 'active', endMs: END + HOUR }));
const runReactivation = (key: string) => runWith(key, { activate });

const HOUR = 3_600_000;
/** Ahead of the real clock: a warning for an activation that has ended queues nothing. */
const END = (Math.floor(Date.now() / HOUR) + 2) * HOUR;
const G1 = '1a000000-0000-4000-8000-0000000000a1';
const G2 = '2a000000-0000-4000-8000-0000000000a2';
const KEY = `${G1}:member`;
const KEY2 = `${G2}:member`;
const ADELE = 'adele.tenant';
const account = (id: string) => ({ id, username: `${id}@contoso.com`, name: id, tenantId: 'tenant' });
const signIn = (id: string) => accountsItem.set({ activeId: id, known: [account(ADELE), account('megan.tenant')] });
/** What Graph said the item's policy is, cached as a refresh leaves it. */
const policy = (key: string, requirements: ActivationRequirements) =>
  policiesItem.update((all) => ({ ...all, [key]: { requirements, fetchedAtMs: Date.now() } }));
const needs = (patch: Partial<ActivationRequirements> = {}) => requirements({ justification: true, ...patch });
const alarmNames = async () => (await listAlarms()).map((a) => a.name);
/** Graph's list as the last refresh left it: G1's membership active from an hour before `endMs` to then. */
const listedUntil = (endMs: number | null) =>
  snapshotItem.set({
    accountId: ADELE,
    fetchedAtMs: END - 10 * 60_000,
    items: [item('SQL-Admins', { groupId: G1, active: { assignmentType: 'activated', startMs: END - HOUR, endMs } })],
  });

/** What the watcher saw last, and warned about: G1's membership running for `accountId` until `endMs`. */
const watched = (endMs: number, accountId = ADELE) =>
  watchStateItem.set({
    ...emptyWatchState(accountId),
    activations: { [KEY]: { groupName: 'SQL-Admins', accessId: 'member', startMs: endMs - HOUR, endMs } },
  });

beforeEach(async () => {
  await signIn(ADELE);
  await watched(END);
  await policy(KEY, needs());
  await policy(KEY2, needs());
  activate.mockClear();
  await activationMemoryItem.set({
    perItem: { [KEY]: { durationMinutes: 60, justification: 'Patch night' } },
    recentJustifications: [],
  });
});

describe('whether a re-activation can run with nobody there', () => {
  it('needs no approval, ticket, MFA or authentication context, and a remembered reason if one is asked', async () => {
    expect(await reactivationPossible(KEY)).toBe(true);
    for (const patch of [{ approval: true }, { ticket: true }, { mfa: true }, { authContext: 'c1' }]) {
      await policy(KEY, needs(patch));
      expect(await reactivationPossible(KEY)).toBe(false);
    }
    expect(await reactivationPossible(KEY2)).toBe(false); // justification asked, none remembered
    await policy(KEY2, needs({ justification: false }));
    expect(await reactivationPossible(KEY2)).toBe(true);
  });
});

describe('a queued re-activation', () => {
  it('belongs to the account that asked, with an alarm and a note; cancelled, all three go', async () => {
    await queueReactivation(KEY, END);
    expect(await reactivationsItem.get()).toEqual({ [KEY]: { accountId: ADELE, atMs: END } });
    expect(await alarmNames()).toEqual([`reactivate:${KEY}`]);
    expect(await activeNotificationIds()).toEqual([`reactivate-queued:${KEY}`]);
    await cancelReactivation({ key: KEY });
    expect(await reactivationsItem.get()).toEqual({});
    expect(await alarmNames()).toEqual([]);
    expect(await activeNotificationIds()).toEqual([]);
    await runReactivation(KEY);
    expect(activate).not.toHaveBeenCalled();
  });

  it('is not queued where it would need input', async () => {
    await policy(KEY, needs({ ticket: true }));
    expect(await queueReactivation(KEY, END)).toBe(false);
    expect(await reactivationsItem.get()).toEqual({});
  });

  // The warning waits on screen for an answer; what it names may have changed since.
  it('is not queued from a warning out of date: deactivated, given another end, another account’s, ended', async () => {
    const nothingQueued = async () => {
      expect(await queueReactivation(KEY, END)).toBe(false);
      expect(await reactivationsItem.get()).toEqual({});
      expect(await alarmNames()).toEqual([]);
      expect(await activeNotificationIds()).toEqual([]);
    };
    for (const watch of [() => watchStateItem.set(emptyWatchState(ADELE)), () => watched(END + HOUR)]) {
      await watch();
      await nothingQueued();
    }
    await watched(END, 'megan.tenant');
    await nothingQueued();
    await watched(END);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(END + 1);
    await nothingQueued();
    clock.mockRestore();
    expect(await queueReactivation(KEY, END)).toBe(true);
  });

  it('is dropped when another account becomes the active one, and never runs as that account', async () => {
    await queueReactivation(KEY, END);
    await signIn('megan.tenant');
    await dropOtherAccountsReactivations();
    expect(await reactivationsItem.get()).toEqual({});
    await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } }); // as if the drop had not run
    await runReactivation(KEY);
    expect(activate).not.toHaveBeenCalled();
    expect(await reactivationsItem.get()).toEqual({});
  });

  it('runs once with the remembered settings, and the watcher announces it as a re-activation once', async () => {
    await queueReactivation(KEY, END);
    await runReactivation(KEY);
    await runReactivation(KEY);
    expect(activate.mock.calls).toEqual([
      [{ groupId: G1, accessId: 'member', durationMinutes: 60, justification: 'Patch night' }],
    ]);
    expect(await alarmNames()).toEqual([]);
    expect(await takeReactivated(KEY)).toBe(true);
    expect(await takeReactivated(KEY)).toBe(false);
  });

  // The watcher names the activation by the end it saw first, our own record (the start we sent
  // plus the length); Graph's instance starts when PIM provisioned it, a few seconds later.
  it('runs when Graph’s end of the same activation is a few seconds later than the one noticed', async () => {
    await listedUntil(END + 1_500);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(END - 9 * 60_000); // still: the alarm's time is exact
    await queueReactivation(KEY, END);
    clock.mockRestore();
    expect(await reactivationsItem.get()).toEqual({ [KEY]: { accountId: ADELE, atMs: END + 1_500 } });
    expect((await listAlarms()).map((a) => [a.name, a.scheduledTime])).toEqual([[`reactivate:${KEY}`, END + 6_500]]);
    await runReactivation(KEY);
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('runs when a queue written before Graph’s end was known meets it', async () => {
    await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } });
    await listedUntil(END + 40_000);
    await runReactivation(KEY);
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('is dropped, not run, when the user activated the group again or it was made permanent', async () => {
    for (const endMs of [END + 2 * HOUR, null]) {
      await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } });
      await listedUntil(endMs);
      await runReactivation(KEY);
      expect(await reactivationsItem.get()).toEqual({});
    }
    expect(activate).not.toHaveBeenCalled();
    expect(await activeNotificationIds()).toEqual([]);
  });
});

// The day, not the minute: the browser closed, the computer asleep, an update.
describe('a queued re-activation across a restart', () => {
  it('gets its alarm back when the worker starts without it (an update, a restart), once', async () => {
    await queueReactivation(KEY, END);
    await reactivationsItem.update((queued) => ({ ...queued, [KEY2]: { accountId: ADELE, atMs: END, ran: true } }));
    await cancelAlarm(`reactivate:${KEY}`);
    await restoreReactivationAlarms();
    await restoreReactivationAlarms();
    // The one still waiting; the one that ran (its activation not yet seen) needs none.
    expect((await listAlarms()).map((a) => [a.name, a.scheduledTime])).toEqual([[`reactivate:${KEY}`, END + 5_000]]);
  });

  it('does not run when its alarm fires more than the limit after the end, and says why', async () => {
    await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } });
    const clock = vi.spyOn(Date, 'now').mockReturnValue(END + REACTIVATE_LATE_LIMIT_MS + 1);
    await runReactivation(KEY);
    clock.mockRestore();
    expect(activate).not.toHaveBeenCalled();
    expect(await reactivationsItem.get()).toEqual({});
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([`reactivate-failed:${KEY}`]);
    expect(shown[`reactivate-failed:${KEY}`]?.message).toBe(
      `${G1} could not be activated again: it was due when its activation ended, over 15 minutes ago, while the ` +
        'browser was closed or the computer asleep. Nothing is activated this late without you: activate it from the popup.',
    );
  });

  it('runs when its alarm fires late within the limit', async () => {
    await reactivationsItem.set({ [KEY]: { accountId: ADELE, atMs: END } });
    const clock = vi.spyOn(Date, 'now').mockReturnValue(END + REACTIVATE_LATE_LIMIT_MS);
    await runReactivation(KEY);
    clock.mockRestore();
    expect(activate).toHaveBeenCalledTimes(1);
  });
});
