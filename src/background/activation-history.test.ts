import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../core/history.ts';
import { GraphRequestError } from '../graph/errors.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { historyItem, unansweredItem } from '../platform/history-items.ts';
import { accountsItem } from '../platform/items.ts';
import { activationMemoryItem, operationsItem, policiesItem, snapshotItem } from '../platform/pim-items.ts';
import { activationDeps } from '../test-support/activation-deps.ts';
import { item } from '../test-support/group-items.ts';
import { requirements } from '../test-support/requirements.ts';
import { activationWith } from './activation.ts';

// What the history and the user are told about an activation: the note written before the POST,
// and a local write that fails after Graph accepted. Graph's answers are the test's (`deps`); the
// account, the cached policy, the clock offset, the history, its notes, the memory and the
// operations are the real storage items of the fake browser.

const NOW = Date.UTC(2026, 10, 30, 12, 0);
const GROUP = '0a000000-0000-4000-8000-00000000000a';
const REQUIREMENTS = requirements();
const deps = activationDeps();
const { post } = deps;
const activate = activationWith(deps);
const ACCOUNT = { id: 'oid.tid', username: 'a', name: 'A', tenantId: 'tid' };
const created: ScheduleRequest = {
  id: 'r1',
  status: 'provisioned',
  groupId: GROUP,
  accessId: 'member',
  action: 'selfactivate',
  createdDateTime: NOW,
};
const request = { groupId: GROUP, accessId: 'member' as const, durationMinutes: 60, justification: 'INC-1' };

const expectedEntry = (patch: Partial<HistoryEntry>): HistoryEntry => ({
  id: expect.any(String) as unknown as string,
  groupId: GROUP,
  groupName: GROUP,
  accessId: 'member',
  requestedAtMs: NOW,
  startMs: NOW,
  durationMinutes: 60,
  justification: 'INC-1',
  outcome: 'active',
  ...patch,
});

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  post.mockReset();
  await accountsItem.set({ activeId: ACCOUNT.id, known: [ACCOUNT] });
  await policiesItem.set({ [`${GROUP}:member`]: { requirements: REQUIREMENTS, fetchedAtMs: NOW } });
});

describe('the history of an activation', () => {
  it('holds a note of the request while Graph answers, and only the outcome after', async () => {
    let answer: (r: ScheduleRequest) => void = () => undefined;
    // Waited for by a promise, not vi.waitFor: that advances the faked Date, and the note's time with it.
    let posted: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (posted = resolve));
    post.mockImplementationOnce(() => {
      posted();
      return new Promise((resolve) => (answer = resolve));
    });
    const done = activate(request);
    await sent;
    expect(post).toHaveBeenCalledTimes(1);
    const { outcome: _o, ...draft } = expectedEntry({});
    expect(await unansweredItem.get()).toEqual([{ ...draft, accountId: 'oid.tid', sentAtMs: NOW }]);
    expect(await historyItem.get()).toEqual([]);
    answer(created);
    await expect(done).resolves.toEqual({ status: 'active', endMs: NOW + 3_600_000 });
    const history = await historyItem.get();
    expect(history).toEqual([expectedEntry({})]);
    expect(await unansweredItem.get()).toEqual([]);
  });

  it('sent while the list is still being read (right after a sign-in), it names the group once the list is in', async () => {
    post.mockRejectedValueOnce(new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: '' }));
    const listed = { accountId: ACCOUNT.id, fetchedAtMs: NOW, items: [item('SG-Finance', { groupId: GROUP })] };
    const whileReading = activationWith({ ...deps, listReadEnded: () => snapshotItem.set(listed) });
    const failure = await whileReading(request).catch((e: unknown) => e);
    expect(await historyItem.get()).toEqual([
      expectedEntry({ groupName: 'SG-Finance', outcome: 'failed', error: (failure as Error).message }),
    ]);
  });

  it('a refusal settles the note as failed, with the sentence the user saw', async () => {
    post.mockRejectedValueOnce(new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: '' }));
    const failure = await activate(request).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'AuthorizationFailed' });
    expect(await historyItem.get()).toEqual([expectedEntry({ outcome: 'failed', error: (failure as Error).message })]);
    expect(await unansweredItem.get()).toEqual([]);
  });

  it('a local write that fails after Graph accepted is logged; the user is told it is active', async () => {
    post.mockResolvedValueOnce(created);
    // Storage refuses the remembered reason (written after Graph accepted).
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if (activationMemoryItem.key in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    await expect(activate(request)).resolves.toEqual({ status: 'active', endMs: NOW + 3_600_000 });
    expect(await historyItem.get()).toEqual([expectedEntry({})]);
    expect(await unansweredItem.get()).toEqual([]);
    // Nothing says "failed", and nothing stays "Activating…".
    expect(await operationsItem.get()).toEqual({});
    expect(vi.mocked(console.warn).mock.calls).toEqual([
      ['[pim:activate] Graph accepted the activation, but a local write failed Error: QUOTA_BYTES quota exceeded'],
    ]);
  });

  it('the request still goes to Graph when its note cannot be written', async () => {
    post.mockResolvedValueOnce(created);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    set.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(activate(request)).resolves.toEqual({ status: 'active', endMs: NOW + 3_600_000 });
    set.mockRestore();
    expect(post).toHaveBeenCalledTimes(1);
    expect(await historyItem.get()).toEqual([expectedEntry({})]);
  });
});
