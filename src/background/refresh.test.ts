import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activeAccount } from '../auth/accounts.ts';
import type { MyPimData } from '../graph/pim.ts';
import { readMyPimData } from '../graph/pim.ts';
import { refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { refresh } from './refresh.ts';

// A refresh whose answer held items the extension could not read (issue 17): the rest of the list
// is stored, every reason is logged, and how many were left out reaches the popup's status line.
vi.mock('../auth/accounts.ts', () => ({ activeAccount: vi.fn() }));
vi.mock('./graph.ts', () => ({ graphClient: vi.fn(async () => ({})) }));
vi.mock('./server-time.ts', () => ({ serverNow: vi.fn(async () => NOW) }));
vi.mock('./requirements.ts', () => ({ prefetchRequirements: vi.fn(async () => undefined) }));
vi.mock('../graph/pim.ts', () => ({ readMyPimData: vi.fn() }));

const NOW = Date.parse('2026-06-01T12:00:00Z');
const GROUP = '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01';
const data = (unreadable: string[]): MyPimData => ({
  eligibilities: [{ id: 'e1', groupId: GROUP, accessId: 'member', group: null }],
  actives: [],
  pending: [],
  scheduled: [],
  unreadable,
});

let warnings: string[];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => {
    warnings.push(line);
  });
  vi.mocked(activeAccount).mockResolvedValue({ id: 'acc', name: 'Adele', username: 'adele@contoso' } as never);
});

describe('refresh with unreadable items', () => {
  it('stores the readable ones, logs each reason and counts them in the status', async () => {
    vi.mocked(readMyPimData).mockResolvedValue(
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
    vi.mocked(readMyPimData).mockResolvedValue(data([]));
    await refresh({ force: true });
    const status = await refreshStatusItem.get();
    expect(status.refreshing).toBe(false);
    expect(status).not.toHaveProperty('unreadable');
    expect(warnings).toEqual([]);
  });
});
