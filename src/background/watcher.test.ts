import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatMoment } from '../core/format/time.ts';
import type { GroupItem, PimSnapshot } from '../core/pim-state.ts';
import { emptyWatchState } from '../core/watch-state.ts';
import { accountsItem } from '../platform/items.ts';
import { notificationSettingsItem } from '../platform/notification-items.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { reactivationsItem, snapshotItem, watchStateItem } from '../platform/pim-items.ts';
import { tick, WATCH_ALARM } from './watcher.ts';

// The watch step on a partial list (issue 19's cold open: the first pages are stored while the
// rest is read). A group on a later page has not ended: nothing is said, the badge and the
// watcher's record stay, until the complete list says what really changed.

const NOW = Date.parse('2026-06-01T12:00:00Z');
const MIN = 60_000;
const G1 = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const G2 = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';
const endMs = NOW + 50 * MIN;

const eligible = (groupId: string, groupName: string): GroupItem => ({
  key: `${groupId}:member`,
  groupId,
  groupName,
  accessId: 'member',
  eligible: true,
  eligibleUntilMs: null,
});
const active = (item: GroupItem): GroupItem => ({
  ...item,
  active: { assignmentType: 'activated', startMs: NOW - 10 * MIN, endMs },
});
let reads = 0;
/** A list as a refresh stores it (each read a moment later); a partial one named in `cache:partialList` first. */
async function store(items: GroupItem[], partial?: 'partial'): Promise<void> {
  const list: PimSnapshot = { accountId: 'acc', fetchedAtMs: NOW + reads++, items };
  if (partial) await partialListItem.set({ accountId: list.accountId, fetchedAtMs: list.fetchedAtMs });
  await snapshotItem.set(list);
  if (!partial) await partialListItem.set(null);
}
const notifications = () => Object.keys(fakeBrowser.notifications.getAllCreateOptions()).sort();

const one = eligible(G1, 'SG-One');
// The active group is on page 2: a partial list does not have it.
const two = active(eligible(G2, 'SG-Two'));

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  await accountsItem.set({
    activeId: 'acc',
    known: [{ id: 'acc', name: 'Adele', username: 'adele@contoso', tenantId: 'tenant' }],
  });
  // What the watcher saw in the last complete list: G2's activation, running.
  await store([one, two]);
  await tick();
  expect(await fakeBrowser.action.getBadgeText({})).toBe('50m');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the watcher and a partial list', () => {
  it('says nothing about a group the first pages do not hold, and keeps its record, badge and alarm', async () => {
    const before = await watchStateItem.get();
    const alarm = await fakeBrowser.alarms.get(WATCH_ALARM);
    await store([one], 'partial');
    await tick();
    expect(notifications()).toEqual([]);
    expect(await watchStateItem.get()).toEqual(before);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('50m');
    expect(await fakeBrowser.alarms.get(WATCH_ALARM)).toEqual(alarm);
    expect(before.activations).toEqual({
      [two.key]: { groupName: 'SG-Two', accessId: 'member', startMs: NOW - 10 * MIN, endMs },
    });
  });

  it('the complete list with the group still active: still nothing to say', async () => {
    await store([one], 'partial');
    await tick();
    await store([one, two]);
    await tick();
    expect(notifications()).toEqual([]);
    expect(Object.keys((await watchStateItem.get()).activations)).toEqual([two.key]);
  });

  it('the complete list without the group: now it has ended, said once', async () => {
    await store([one], 'partial');
    await tick();
    await store([one]);
    await tick();
    expect(notifications()).toEqual([`ended:${two.key}:${endMs}`]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('a partial list on a first look (cold open) learns nothing yet, and the complete one announces nothing', async () => {
    await watchStateItem.set(emptyWatchState());
    await store([one], 'partial');
    await tick();
    expect(await watchStateItem.get()).toEqual(emptyWatchState());
    await store([one, two]);
    await tick();
    expect(notifications()).toEqual([]);
    expect(Object.keys((await watchStateItem.get()).activations)).toEqual([two.key]);
  });
});

// "Re-activate when it ends" waits for the end of the activation the user saw. Ended early
// somewhere else (the admin center, another browser, an administrator), or listed with another
// end, that end no longer comes.
describe('a queued re-activation and the end of its activation', () => {
  const queue = () => reactivationsItem.set({ [two.key]: { accountId: 'acc', atMs: endMs } });
  const reactivateAlarms = async () =>
    (await fakeBrowser.alarms.getAll()).map((a) => a.name).filter((n) => n.startsWith('reactivate'));

  const shown = (id: string) => {
    const { title, message } = fakeBrowser.notifications.getAllCreateOptions()[id] ?? {};
    return { title, message };
  };
  const STALE_ACCESS = 'Apps you had open may not see this change yet. Sign out and sign back in to refresh.';
  const DROPPED =
    'The re-activation you asked for at its end will not run: activate it from the popup if you still need it.';

  it('is dropped when the activation ends early, with its alarm, and the deactivation says so', async () => {
    await queue();
    await fakeBrowser.alarms.create(`reactivate:${two.key}`, { when: endMs + 5_000 });
    vi.setSystemTime(NOW + 20 * MIN);
    await store([one, eligible(G2, 'SG-Two')]);
    await tick();
    expect(notifications()).toEqual([`ended:${two.key}:${endMs}`]);
    expect(shown(`ended:${two.key}:${endMs}`)).toEqual({
      title: 'SG-Two was deactivated',
      message: `Your member access is no longer active. ${DROPPED} ${STALE_ACCESS}`,
    });
    expect(await reactivationsItem.get()).toEqual({});
    expect(await reactivateAlarms()).toEqual([]);
  });

  it('is said dropped even when "ended" notifications are off: the user asked for it', async () => {
    await notificationSettingsItem.set({ ...(await notificationSettingsItem.get()), ended: false, staleAccess: false });
    await queue();
    vi.setSystemTime(NOW + 20 * MIN);
    await store([one, eligible(G2, 'SG-Two')]);
    await tick();
    expect(notifications()).toEqual([`ended:${two.key}:${endMs}`]);
    expect(shown(`ended:${two.key}:${endMs}`)).toEqual({
      title: 'SG-Two was deactivated',
      message: `Your member access is no longer active. ${DROPPED}`,
    });
  });

  it('is dropped when Graph lists the activation with another end, and says the new end', async () => {
    await queue();
    vi.setSystemTime(NOW + 20 * MIN);
    const newEndMs = endMs + 2 * 60 * MIN;
    await store([one, { ...two, active: { assignmentType: 'activated', startMs: NOW - 10 * MIN, endMs: newEndMs } }]);
    await tick();
    expect(notifications()).toEqual([`reactivate-dropped:${two.key}:${newEndMs}`]);
    const at = formatMoment(newEndMs, NOW + 20 * MIN, { locale: 'en-US' });
    expect(shown(`reactivate-dropped:${two.key}:${newEndMs}`)).toEqual({
      title: 'SG-Two',
      message: `SG-Two now ends at ${at}, not at the end you asked to re-activate it after, so that re-activation will not run. Ask again from the warning before the new end.`,
    });
    expect(await reactivationsItem.get()).toEqual({});
    // Said once: the next look at the same list finds nothing queued.
    await fakeBrowser.notifications.clear(`reactivate-dropped:${two.key}:${newEndMs}`);
    await tick();
    expect(notifications()).toEqual([]);
  });

  it('with nothing queued, an activation ending early says nothing of a re-activation', async () => {
    vi.setSystemTime(NOW + 20 * MIN);
    await store([one, eligible(G2, 'SG-Two')]);
    await tick();
    expect(shown(`ended:${two.key}:${endMs}`)).toEqual({
      title: 'SG-Two was deactivated',
      message: `Your member access is no longer active. ${STALE_ACCESS}`,
    });
  });

  it('stays when the activation ends at its end: it runs then', async () => {
    await queue();
    vi.setSystemTime(endMs + 2_000);
    await store([one, eligible(G2, 'SG-Two')]);
    await tick();
    expect(notifications()).toEqual([`ended:${two.key}:${endMs}`]);
    expect(await reactivationsItem.get()).toEqual({ [two.key]: { accountId: 'acc', atMs: endMs } });
  });
});
