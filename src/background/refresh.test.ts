import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MyPimData } from '../graph/pim.ts';
import { accountsItem } from '../platform/items.ts';
import { refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { type RefreshDeps, refreshWith } from './refresh.ts';

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
