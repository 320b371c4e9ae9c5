import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { itemKey } from '../core/pim-state.ts';
import { accountsItem } from '../platform/items.ts';
import { policiesItem, refreshStatusItem, snapshotItem } from '../platform/pim-items.ts';
import { activationDeps } from '../test-support/activation-deps.ts';
import { item } from '../test-support/group-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { activationWith } from './activation.ts';
import { popupRefreshWith } from './click-path.ts';

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
    await popupRefreshWith(
      async () => undefined,
      async () => undefined,
    )({});
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

describe("Graph's clock on the first click of a restarted worker", () => {
  /**
   * A fresh copy of the background's modules is a worker Chromium stopped and started again: storage
   * kept, memory empty. Graph's answers carry its clock (the real client hears every `Date` header,
   * graph.ts); `graph` lists the calls in order, and the token's warm-up among them.
   */
  async function restartedWorker(listAnswered: Promise<void> = Promise.resolve()) {
    vi.resetModules();
    const [{ popupRefreshWith }, { refreshWith }, { activationWith }, time] = await Promise.all([
      import('./click-path.ts'),
      import('./refresh.ts'),
      import('./activation.ts'),
      import('./server-time.ts'),
    ]);
    const graph: string[] = [];
    const answer = <T>(call: string, value: T): T => {
      graph.push(call);
      time.observeServerDate(Date.now(), Date.now());
      return value;
    };
    const refresh = refreshWith({
      readPimData: async () => {
        await listAnswered;
        return answer('read the list', {
          eligibilities: [{ id: 'e7', groupId: groupId(7), accessId: 'member', group: null }],
          actives: [],
          pending: [],
          scheduled: [],
          unreadable: [],
        });
      },
      prefetchRequirements: async () => undefined,
    });
    const activate = activationWith({
      ...activationDeps(),
      post: async (body) => answer('POST', created(body.groupId)),
      requestsFor: async () => answer("read the group's requests", []),
    });
    // Not a Graph call, but where it comes in the order matters: after the list, before the click.
    const warmWriteToken = async () => void graph.push('warm the write token');
    return {
      refresh,
      popupRefresh: popupRefreshWith(refresh, warmWriteToken),
      activate,
      hearGraph: () => answer('earlier call', 0),
      graph,
    };
  }

  // The last refresh succeeded 2 s ago, within the interval a popup's refresh normally skips.
  beforeEach(async () => {
    await refreshStatusItem.set({ refreshing: false, lastSuccessMs: NOW - 2_000 });
  });

  it("refreshes for the popup when the worker has not heard Graph's clock, so the click's POST leaves first", async () => {
    const worker = await restartedWorker();
    await worker.popupRefresh({});
    await worker.activate(request(7));
    expect(worker.graph).toEqual(['read the list', 'warm the write token', 'POST']);
  });

  it('skips the refresh within the interval once the worker has heard the clock: the POST still leaves first', async () => {
    const worker = await restartedWorker();
    worker.hearGraph();
    await worker.popupRefresh({});
    await worker.activate(request(7));
    expect(worker.graph).toEqual(['earlier call', 'warm the write token', 'POST']);
  });

  it('shares a read already under way rather than reading the list twice', async () => {
    let answerList = () => {};
    const worker = await restartedWorker(new Promise((resolve) => (answerList = resolve)));
    // The browser's start-up refresh (index.ts), not answered yet when the popup opens.
    const startup = worker.refresh({ force: true });
    const popup = worker.popupRefresh({});
    answerList();
    await Promise.all([startup, popup]);
    await worker.activate(request(7));
    expect(worker.graph).toEqual(['read the list', 'warm the write token', 'POST']);
  });

  it('a click with no refresh before it reads Graph once for the clock, then posts', async () => {
    const worker = await restartedWorker();
    await worker.activate(request(7));
    expect(worker.graph).toEqual(["read the group's requests", 'POST']);
  });
});
