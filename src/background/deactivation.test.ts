import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphRequestError } from '../graph/errors.ts';
import type { ScheduleRequest } from '../graph/schemas.ts';
import { unansweredChangesItem } from '../platform/history-items.ts';
import { accountsItem } from '../platform/items.ts';
import { operationsItem, snapshotItem } from '../platform/pim-items.ts';
import { type DeactivationDeps, deactivationWith } from './deactivation.ts';

// Graph's answers are the test's (`deps`); the account, the clock offset (none, on a faked Date),
// the operations and the list are the fake browser's storage.
const post = vi.fn<DeactivationDeps['post']>();
const cancel = vi.fn<DeactivationDeps['cancel']>();
const readMine = vi.fn<DeactivationDeps['requestsFor']>();
const readOne = vi.fn<DeactivationDeps['readRequest']>();
const { deactivate, cancelRequest } = deactivationWith({
  post,
  cancel,
  requestsFor: readMine,
  readRequest: readOne,
  refresh: async () => undefined,
});

const NOW = Date.UTC(2026, 10, 30, 12, 0);
const GROUP = '0a000000-0000-4000-8000-00000000000a';
const KEY = `${GROUP}:member`;
const target = { groupId: GROUP, accessId: 'member' as const };

const request = (overrides: Partial<ScheduleRequest>): ScheduleRequest => ({
  id: 'r1',
  status: 'provisioned',
  groupId: GROUP,
  accessId: 'member',
  action: 'selfdeactivate',
  createdDateTime: NOW + 1_000,
  ...overrides,
});
const lost = new GraphRequestError({ kind: 'network', detail: 'connection reset' });
const refusedRepeat = new GraphRequestError({
  status: 400,
  code: 'RoleAssignmentDoesNotExist',
  message: 'The Role assignment does not exist.',
});

beforeEach(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  for (const m of [post, cancel, readMine, readOne]) m.mockReset();
  const account = { id: 'oid.tid', username: 'a', name: 'A', tenantId: 'tid' };
  await accountsItem.set({ activeId: account.id, known: [account] });
  await operationsItem.set({});
  await snapshotItem.set({
    accountId: 'oid.tid',
    fetchedAtMs: NOW,
    items: [
      {
        key: KEY,
        groupId: GROUP,
        groupName: 'SG-A',
        accessId: 'member',
        eligible: true,
        eligibleUntilMs: null,
        active: { assignmentType: 'activated', startMs: NOW - 3_600_000, endMs: NOW + 3_600_000 },
        pending: { requestId: 'p1', createdMs: NOW, startMs: null },
      },
    ],
  });
});

const item = async () => (await snapshotItem.get())?.items[0];

describe('deactivate after a failure whose outcome is unknown', () => {
  it('finds the deactivation Graph carried out, and never sends it again', async () => {
    post.mockRejectedValueOnce(lost);
    readMine.mockResolvedValueOnce([request({})]);
    await expect(deactivate(target)).resolves.toBeUndefined();
    expect(post).toHaveBeenCalledTimes(1);
    expect((await item())?.active).toBeUndefined();
    expect(await operationsItem.get()).toEqual({});
    // Its note for a stopped worker is settled: nothing is left to look up.
    expect(await unansweredChangesItem.get()).toEqual([]);
  });

  it('notes the deactivation before sending it, and drops the note when it failed', async () => {
    let answer: (e: Error) => void = () => undefined;
    // Waited for by a promise, not vi.waitFor: that advances the faked Date, and the note's time with it.
    let posted: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (posted = resolve));
    post.mockImplementationOnce(() => {
      posted();
      return new Promise((_, reject) => (answer = reject));
    });
    const done = deactivate(target).catch((e: unknown) => e);
    await sent;
    expect(post).toHaveBeenCalledTimes(1);
    expect(await unansweredChangesItem.get()).toEqual([
      {
        id: expect.any(String),
        kind: 'deactivate',
        groupId: GROUP,
        accessId: 'member',
        accountId: 'oid.tid',
        sentAtMs: NOW,
      },
    ]);
    answer(new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: '' }));
    expect(await done).toMatchObject({ code: 'AuthorizationFailed' });
    expect(await unansweredChangesItem.get()).toEqual([]);
  });

  it("counts the browser's refused repeat of a deactivation that worked as done", async () => {
    post.mockRejectedValueOnce(refusedRepeat);
    readMine.mockResolvedValueOnce([request({})]);
    await expect(deactivate(target)).resolves.toBeUndefined();
    expect((await item())?.active).toBeUndefined();
  });

  it('says what failed when Graph shows no deactivation (an old one, or a failed one, does not count)', async () => {
    post.mockRejectedValueOnce(lost);
    readMine.mockResolvedValueOnce([
      request({ createdDateTime: NOW - 3_600_000 }),
      request({ status: 'failed' }),
      request({ action: 'selfactivate' }),
    ]);
    await expect(deactivate(target)).rejects.toMatchObject({ code: 'network' });
    expect((await item())?.active).toBeDefined();
    expect((await operationsItem.get())[KEY]).toMatchObject({ phase: 'failed', kind: 'deactivate' });
  });

  it('does not look when Graph said why it refused (a policy, a permission)', async () => {
    post.mockRejectedValueOnce(new GraphRequestError({ status: 403, code: 'AuthorizationFailed', message: '' }));
    await expect(deactivate(target)).rejects.toMatchObject({ code: 'AuthorizationFailed' });
    expect(readMine).not.toHaveBeenCalled();
  });
});

describe('cancel after a failure whose outcome is unknown', () => {
  const refusedCancel = new GraphRequestError({
    status: 400,
    code: 'InvalidRoleAssignmentRequest',
    message: "The role assignment request is invalid. A request in status 'Canceled' cannot be canceled.",
  });

  it('reads the request: canceled means done, whether the answer was lost or a repeat refused', async () => {
    for (const error of [lost, refusedCancel]) {
      cancel.mockRejectedValueOnce(error);
      readOne.mockResolvedValueOnce(request({ id: 'p1', status: 'canceled', action: 'selfactivate' }));
      await expect(cancelRequest({ ...target, requestId: 'p1' })).resolves.toBeUndefined();
    }
    expect(cancel).toHaveBeenCalledTimes(2);
    expect((await item())?.pending).toBeUndefined();
  });

  it('still pending at Graph: the failure stands', async () => {
    cancel.mockRejectedValueOnce(lost);
    readOne.mockResolvedValueOnce(request({ id: 'p1', status: 'pendingapproval', action: 'selfactivate' }));
    await expect(cancelRequest({ ...target, requestId: 'p1' })).rejects.toMatchObject({ code: 'network' });
    expect((await item())?.pending).toBeDefined();
  });
});
