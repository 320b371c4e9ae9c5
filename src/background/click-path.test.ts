import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { itemKey } from '../core/pim-state.ts';
import { accountsItem } from '../platform/items.ts';
import { policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { activationDeps } from '../test-support/activation-deps.ts';
import { item } from '../test-support/group-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { activationWith } from './activation.ts';

// Issue 19: at 1,000 groups the activation's POST must leave without reading (and validating) the
// cached list or the cached policies from storage: the background answers both from memory.
// Graph's answers are the test's (`deps`); the account, the list and the policies are the fake
// browser's storage, so every read the real modules make is counted.
const NOW = Date.UTC(2026, 10, 30, 12, 0);
const REQUIREMENTS = requirements();
const groupId = (i: number) => `0a000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const items = Array.from({ length: 1000 }, (_, i) => item(`SG-${i}`, { groupId: groupId(i) }));
const deps = activationDeps();
const { post } = deps;
const activate = activationWith(deps);
const ACCOUNT = { id: 'oid.tid', username: 'a', name: 'A', tenantId: 'tid' };

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  await accountsItem.set({ activeId: ACCOUNT.id, known: [ACCOUNT] });
  await snapshotItem.set({ accountId: 'oid.tid', fetchedAtMs: NOW, items });
  await policiesItem.set(
    Object.fromEntries(
      items.map((i) => [itemKey(i.groupId, 'member'), { requirements: REQUIREMENTS, fetchedAtMs: NOW }]),
    ),
  );
  post.mockReset();
});

describe('the click path at 1,000 groups', () => {
  it('reads neither the cached list nor the policies from local storage before the POST, once they are in memory', async () => {
    const created = (id: string) => ({
      id: `r-${id}`,
      status: 'provisioned',
      groupId: id,
      accessId: 'member' as const,
      action: 'selfactivate',
      createdDateTime: NOW,
    });
    post.mockImplementation(async (body) => created(body.groupId));
    const request = (i: number) => ({
      groupId: groupId(i),
      accessId: 'member' as const,
      durationMinutes: 60,
      justification: 'x',
    });
    // The first activation of this worker's life reads them once (in practice the popup's refresh
    // on open has already done so).
    await activate(request(1));
    const local = fakeBrowser.storage.local;
    const original = local.get.bind(local);
    const reads: string[] = [];
    vi.spyOn(local, 'get').mockImplementation((keys) => {
      reads.push(...([keys].flat() as string[]));
      return original(keys);
    });
    let readsBeforePost: string[] | undefined;
    post.mockImplementation(async (body) => {
      readsBeforePost = [...reads];
      return created(body.groupId);
    });
    await activate(request(999));
    // Only small items are read: the account list (for the note's sender, then for the request's
    // principal; at most a few accounts) and the unanswered notes (the note written before the POST).
    expect(readsBeforePost).toEqual(['settings:accounts', 'history:unanswered', 'settings:accounts']);
    expect(post.mock.calls.map(([body]) => body.groupId)).toEqual([groupId(1), groupId(999)]);
  });
});
