import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPartialList } from '../core/partial-list.ts';
import type { MyPimData } from '../graph/pim.ts';
import { accountsItem } from '../platform/items.ts';
import { partialListItem } from '../platform/partial-list-item.ts';
import { favouritesItem, listHeadItem, listStampItem, refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { type RefreshDeps, refreshWith } from './refresh.ts';
import { patchItem } from './snapshot-store.ts';

// A refresh whose answer held items the extension could not read (issue 17): the rest of the list
// is stored, every reason is logged, and how many were left out reaches the popup's status line.
// Graph's answer is the test's (`deps`); the account and the list are the fake browser's storage.
const readMyPimData = vi.fn<RefreshDeps['readPimData']>();
const refresh = refreshWith({ readPimData: readMyPimData, prefetchRequirements: async () => undefined });

const GROUP = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const data = (unreadable: string[]): MyPimData => ({
  eligibilities: [{ id: 'e1', groupId: GROUP, accessId: 'member', group: null }],
  actives: [],
  pending: [],
  scheduled: [],
  unreadable,
});

let warnings: string[];
afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(async () => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => {
    warnings.push(line);
  });
  await accountsItem.set({
    activeId: 'acc',
    known: [{ id: 'acc', name: 'Adele', username: 'adele@contoso', tenantId: 'tenant' }],
  });
});

describe('refresh with unreadable items', () => {
  it('stores the readable ones, logs each reason and counts them in the status', async () => {
    readMyPimData.mockResolvedValue(
      data(['eligibilities[1]: accessId: not member or owner', 'actives[0]: id: expected string, got number']),
    );
    await refresh({ force: true });
    expect((await snapshotItem.get())?.items.map((i) => [i.key, i.groupName])).toEqual([
      [`${GROUP}:member`, `Group without a readable name (${GROUP})`],
    ]);
    expect(await refreshStatusItem.get()).toMatchObject({ refreshing: false, unreadable: 2 });
    expect(warnings).toEqual([
      '[pim:refresh] an item was left out: eligibilities[1]: accessId: not member or owner',
      '[pim:refresh] an item was left out: actives[0]: id: expected string, got number',
    ]);
  });

  it('a later read with nothing left out clears the count', async () => {
    readMyPimData.mockResolvedValue(data([]));
    await refresh({ force: true });
    const status = await refreshStatusItem.get();
    expect(status.refreshing).toBe(false);
    expect(status).not.toHaveProperty('unreadable');
    expect(warnings).toEqual([]);
  });
});

describe('a read in pages (issue 19)', () => {
  const G2 = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';
  const both: MyPimData = {
    ...data([]),
    eligibilities: [...data([]).eligibilities, { id: 'e2', groupId: G2, accessId: 'member', group: null }],
  };
  /**
   * Every write of the list and of the name of a partial one, in order: "list <keys>" and
   * "partial" (named, and whether the list stored then is the one named) or "complete" (cleared).
   */
  const writes: string[] = [];
  const follow = () => {
    writes.length = 0;
    const stops = [
      snapshotItem.watch((value) => writes.push(`list ${value?.items.length ?? 'none'}`)),
      partialListItem.watch((value) => writes.push(value ? 'partial' : 'complete')),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  };
  const inPages = () =>
    readMyPimData.mockImplementation(async (firstPages) => {
      await firstPages(data([]));
      return both;
    });
  const partialNow = async () => isPartialList(await snapshotItem.get(), await partialListItem.get());

  it('on a cold open names the first pages as partial, stores them, then the complete list, then clears the name', async () => {
    await snapshotItem.set(null);
    const seen: boolean[] = [];
    readMyPimData.mockImplementation(async (firstPages) => {
      await firstPages(data([]));
      seen.push(await partialNow());
      return both;
    });
    const stop = follow();
    await refresh({ force: true });
    stop();
    expect(writes).toEqual(['partial', 'list 1', 'list 2', 'complete']);
    expect(seen).toEqual([true]);
    expect(await partialNow()).toBe(false);
    expect((await snapshotItem.get())?.items.map((i) => i.key)).toEqual([`${GROUP}:member`, `${G2}:member`]);
  });

  it("keeps the account's complete list, however old, until the new one is complete", async () => {
    await snapshotItem.set({ accountId: 'acc', fetchedAtMs: 1, items: [] });
    await partialListItem.set(null);
    const stop = follow();
    inPages();
    await refresh({ force: true });
    stop();
    expect(writes).toEqual(['list 2']);
  });

  it("replaces another account's list, or a partial one a stopped read left, with the first pages", async () => {
    for (const [left, named] of [
      [{ accountId: 'other', fetchedAtMs: 1, items: [] }, null],
      [
        { accountId: 'acc', fetchedAtMs: 1, items: [] },
        { accountId: 'acc', fetchedAtMs: 1 },
      ],
    ] as const) {
      await snapshotItem.set({ ...left, items: [] });
      await partialListItem.set(named);
      const stop = follow();
      inPages();
      await refresh({ force: true });
      stop();
      expect(writes).toEqual(['partial', 'list 1', 'list 2', 'complete']);
    }
  });

  it('a read that fails after its first pages leaves them named partial, and says why', async () => {
    await snapshotItem.set(null);
    readMyPimData.mockImplementation(async (firstPages) => {
      await firstPages(data([]));
      throw new TypeError('Failed to fetch');
    });
    await refresh({ force: true });
    expect(await partialNow()).toBe(true);
    expect((await snapshotItem.get())?.items.map((i) => i.key)).toEqual([`${GROUP}:member`]);
    expect(await refreshStatusItem.get()).toMatchObject({ refreshing: false, error: expect.any(String) });
  });
});

describe('the stored list', () => {
  it("is in the list's A–Z order (numbers by value, member before owner), whatever order Graph answered in", async () => {
    const eligible = (id: string, name: string, accessId: 'member' | 'owner') => ({
      id: `e-${id}-${accessId}`,
      groupId: `${id}`.padEnd(36, '0'),
      accessId,
      group: { displayName: name },
    });
    readMyPimData.mockResolvedValue({
      ...data([]),
      eligibilities: [
        eligible('c', 'SG-Prod-10', 'member'),
        eligible('b', 'sg-prod-9', 'owner'),
        eligible('a', 'Ädmins', 'member'),
        eligible('b', 'sg-prod-9', 'member'),
      ],
    } as MyPimData);
    await refresh({ force: true });
    expect((await snapshotItem.get())?.items.map((i) => `${i.groupName}/${i.accessId}`)).toEqual([
      'Ädmins/member',
      'sg-prod-9/member',
      'sg-prod-9/owner',
      'SG-Prod-10/member',
    ]);
  });
});

describe('the status of a read', () => {
  it('does not hold the read back: Graph is asked while "refreshing" is still being written, which lands first', async () => {
    // The session area's writes wait for the test: the read must start all the same.
    const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    const held: Array<() => void> = [];
    vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(
      (items) => new Promise<void>((resolve) => held.push(() => void set(items).then(resolve))),
    );
    const written: unknown[] = [];
    const stop = refreshStatusItem.watch((status) => written.push(status));
    let asked = () => {};
    const graphAsked = new Promise<void>((resolve) => (asked = resolve));
    readMyPimData.mockImplementation(async () => {
      asked();
      return data([]);
    });
    const done = refresh({ force: true });
    // A read that waited for that write would never start while it is held.
    await graphAsked;
    expect(written).toEqual([]);
    // Released one by one as they come: the status after the read waits behind "refreshing".
    while (held.length > 0 || written.length < 2) {
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve));
    }
    await done;
    stop();
    expect(written).toEqual([
      { refreshing: true, lastSuccessMs: 0 },
      { refreshing: false, lastSuccessMs: expect.any(Number) },
    ]);
  });
});

describe("the next popup's first screen (issue 19)", () => {
  const G2 = 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10';
  const named = (groupId: string, name: string) => ({
    id: `e-${groupId}`,
    groupId,
    accessId: 'member' as const,
    group: { displayName: name },
  });
  const twoGroups: MyPimData = { ...data([]), eligibilities: [named(GROUP, 'Zeta'), named(G2, 'Alpha')] };

  it('is written for the list a refresh stored, in the order a popup opens to, and not again while it holds', async () => {
    await favouritesItem.set([`${GROUP}:member`]);
    const writes: Array<string[] | null> = [];
    const stop = listHeadItem.watch((head) => writes.push(head?.items.map((i) => i.groupName) ?? null));
    readMyPimData.mockResolvedValue(twoGroups);
    await refresh({ force: true });
    await refresh({ force: true });
    stop();
    // The favourite first, then A–Z; written once: the second read found the same list.
    expect(writes).toEqual([['Zeta', 'Alpha']]);
    const head = await listHeadItem.get();
    expect(head).toMatchObject({ accountId: 'acc', total: 2, live: '' });
    expect(head?.revision).toBe((await listStampItem.get())?.revision);
  });

  it('is written for the complete list only, never for first pages', async () => {
    await snapshotItem.set(null);
    const heads: Array<number | null> = [];
    readMyPimData.mockImplementation(async (firstPages) => {
      await firstPages(data([]));
      heads.push((await listHeadItem.get())?.total ?? null);
      return twoGroups;
    });
    await refresh({ force: true });
    expect(heads).toEqual([null]);
    expect((await listHeadItem.get())?.items.map((i) => i.groupName)).toEqual(['Alpha', 'Zeta']);
  });
});

describe('a read that an operation overtook', () => {
  it('is not stored when the list was patched while it was under way; the read after it is', async () => {
    readMyPimData.mockResolvedValue(data([]));
    await refresh({ force: true });
    const stored = await snapshotItem.get();
    const reads = readMyPimData.mock.calls.length;
    // Graph answered this read before the activation below; its answer arrives after it.
    let answer: (value: MyPimData) => void = () => {};
    readMyPimData.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const overtaken = refresh({ force: true });
    await vi.waitFor(() => expect(readMyPimData).toHaveBeenCalledTimes(reads + 1));
    const active = { assignmentType: 'activated' as const, startMs: 1_000, endMs: 3_601_000 };
    await patchItem(`${GROUP}:member`, () => ({ active }));
    answer(data([]));
    await overtaken;
    expect(await snapshotItem.get()).toEqual({ ...stored, items: [{ ...stored?.items[0], active }] });
    // The operation's own read, after the change: stored.
    readMyPimData.mockResolvedValue(data([]));
    await refresh({ force: true });
    expect((await snapshotItem.get())?.items[0]?.active).toBeUndefined();
    expect(readMyPimData).toHaveBeenCalledTimes(reads + 2);
  });
});
