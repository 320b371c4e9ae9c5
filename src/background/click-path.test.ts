import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { itemKey } from '../core/pim-state.ts';
import { accountsItem } from '../platform/items.ts';
import { policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { activationDeps } from '../test-support/activation-deps.ts';
import { item } from '../test-support/group-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { activationWith } from './activation.ts';
import { readAheadForClick } from './click-path.ts';

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

const created = (id: string) => ({
  id: `r-${id}`,
  status: 'provisioned',
  groupId: id,
  accessId: 'member' as const,
  action: 'selfactivate',
  createdDateTime: NOW,
});
const request = (i: number) => ({
  groupId: groupId(i),
  accessId: 'member' as const,
  durationMinutes: 60,
  justification: 'x',
});

/** Activates group `i` and returns the keys read from local storage before its POST left. */
async function readsBeforePost(i: number): Promise<string[] | undefined> {
  const local = fakeBrowser.storage.local;
  const original = local.get.bind(local);
  const reads: string[] = [];
  const spy = vi.spyOn(local, 'get').mockImplementation((keys) => {
    reads.push(...([keys].flat() as string[]));
    return original(keys);
  });
  let before: string[] | undefined;
  post.mockImplementation(async (body) => {
    before = [...reads];
    return created(body.groupId);
  });
  await activate(request(i));
  spy.mockRestore();
  return before;
}

// Only small items are read: the account list (for the note's sender, then for the request's
// principal; at most a few accounts) and the unanswered notes (the note written before the POST).
const SMALL_READS = ['settings:accounts', 'history:unanswered', 'settings:accounts'];

describe('the click path at 1,000 groups', () => {
  it('reads neither the cached list nor the policies from local storage before the POST, once they are in memory', async () => {
    post.mockImplementation(async (body) => created(body.groupId));
    // The first activation of this worker's life reads them (the next test: unless the popup's
    // refresh request has read them ahead).
    await activate(request(1));
    expect(await readsBeforePost(999)).toEqual(SMALL_READS);
    expect(post.mock.calls.map(([body]) => body.groupId)).toEqual([groupId(1), groupId(999)]);
  });

  it('reads neither on the first click of a worker whose popup asked for a refresh (read ahead)', async () => {
    // What the background does with the popup's refresh request as it opens (index.ts): a worker
    // stopped while idle has nothing in memory, and a refresh that finds nothing new writes nothing.
    readAheadForClick();
    expect(await readsBeforePost(7)).toEqual(SMALL_READS);
  });

  it('reads both on the first click of a worker that read nothing ahead', async () => {
    expect(await readsBeforePost(7)).toEqual([
      'cache:snapshot',
      'settings:accounts',
      'history:unanswered',
      'cache:policies',
      'settings:accounts',
    ]);
  });
});
